//! In-app notices to organizations about projects (a call they may answer, a
//! decision on their application): written by the projects' actions, read on
//! `/notifications` and the organization's home page.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// Tells an organization something about a project (an in-app notice).
pub async fn notify(
    conn: &mut PgConnection,
    org_id: Uuid,
    union_path: &str,
    project_id: Uuid,
    message_key: &str,
    arg: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into notifications (org_id, union_path, project_id, message_key, arg)
         values ($1, $2::text::ltree, $3, $4, $5)",
        org_id,
        union_path,
        project_id,
        message_key,
        arg
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// One notice to an organization.
#[derive(Clone, Debug)]
pub struct NoticeRow {
    pub id: Uuid,
    pub project_id: Option<Uuid>,
    pub message_key: String,
    pub arg: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// An organization's latest notices (at most `limit`), newest first.
pub async fn latest_notices(
    conn: &mut PgConnection,
    org_id: Uuid,
    limit: i64,
) -> sqlx::Result<Vec<NoticeRow>> {
    sqlx::query_as!(
        NoticeRow,
        "select id, project_id, message_key, arg, created_at, read_at from notifications
          where org_id = $1 order by created_at desc, id limit $2",
        org_id,
        limit
    )
    .fetch_all(conn)
    .await
}

/// Marks an organization's notice read (the first reading stays); returns the
/// project it is about, `Some(None)` for a notice about none, and `None` when
/// the organization has no such notice.
pub async fn mark_notice_read(
    conn: &mut PgConnection,
    id: Uuid,
    org_id: Uuid,
) -> sqlx::Result<Option<Option<Uuid>>> {
    sqlx::query_scalar!(
        "update notifications set read_at = coalesce(read_at, now())
          where id = $1 and org_id = $2 returning project_id",
        id,
        org_id
    )
    .fetch_optional(conn)
    .await
}
