//! The dates of a project's lifecycle that its timeline does not hold: the
//! contract's signature and the closing, read from their tables (projects
//! read them in SQL; the code that writes them is delivery's).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// The contract and closing dates of a project, where recorded.
#[derive(Clone, Debug, Default)]
pub struct Milestones {
    /// The day the last of its contracts was signed.
    pub signed_on: Option<NaiveDate>,
    pub closed_at: Option<DateTime<Utc>>,
}

pub async fn milestones(conn: &mut PgConnection, project_id: Uuid) -> sqlx::Result<Milestones> {
    sqlx::query_as!(
        Milestones,
        r#"select (select max(signed_on) from contracts where project_id = $1) as "signed_on?",
                  (select closed_at from project_closings where project_id = $1) as "closed_at?""#,
        project_id
    )
    .fetch_one(conn)
    .await
}
