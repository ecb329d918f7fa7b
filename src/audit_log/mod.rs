//! The audit log, read: the list for admins (`/audit`) and the latest entries
//! about one record, for its page.

mod db;
mod export;
mod page;

pub use page::{EntryView, router};

use sqlx::PgConnection;

use crate::error::AppResult;

/// The latest entries about one record, for its page.
pub async fn history(
    tx: &mut PgConnection,
    entity_type: &str,
    entity_id: &str,
) -> AppResult<Vec<EntryView>> {
    let rows = db::for_entity(tx, entity_type, entity_id, 20).await?;
    Ok(rows.into_iter().map(EntryView::from).collect())
}
