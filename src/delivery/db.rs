//! The queries delivery shares across its areas.

use sqlx::PgConnection;
use uuid::Uuid;

/// Moves the project along with its delivery (see the migration's
/// `project_delivery_advance`): in progress once a report is in or money
/// decided, to final evaluation once every final report is accepted.
/// The timeline names the transaction's acting user.
pub async fn advance(conn: &mut PgConnection, project_id: Uuid) -> sqlx::Result<()> {
    // It answers with the status it left the project in; nothing here needs it.
    sqlx::query_scalar!("select project_delivery_advance($1)", project_id)
        .fetch_one(conn)
        .await?;
    Ok(())
}
