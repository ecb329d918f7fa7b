//! In-app notices to organizations (站内通知): their application received,
//! not awarded or awarded. Written in the transaction of the event; read on
//! `/notifications` and the organization's home page.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::web::{Ctx, flash, render};

/// Tells an organization something about a project.
pub async fn notify(
    conn: &mut PgConnection,
    org_id: Uuid,
    union_path: &str,
    project_id: Uuid,
    message_key: &str,
    arg: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into notifications (org_id, union_path, project_id, message_key, arg)
         values ($1, $2::ltree, $3, $4, $5)",
    )
    .bind(org_id)
    .bind(union_path)
    .bind(project_id)
    .bind(message_key)
    .bind(arg)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NoticeRow {
    pub id: Uuid,
    pub project_id: Option<Uuid>,
    pub message_key: String,
    pub arg: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// An organization's latest notices, newest first.
pub async fn latest(
    conn: &mut PgConnection,
    org_id: Uuid,
    limit: i64,
) -> sqlx::Result<Vec<NoticeRow>> {
    sqlx::query_as(
        "select id, project_id, message_key, arg, created_at, read_at from notifications
          where org_id = $1 order by created_at desc, id limit $2",
    )
    .bind(org_id)
    .bind(limit)
    .fetch_all(conn)
    .await
}

#[derive(Template)]
#[template(path = "projects/notices.html")]
struct NoticesPage {
    ctx: Ctx,
    notices: Vec<NoticeRow>,
}

pub async fn notices_page(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    let org_id = user.org_id.ok_or(AppError::Forbidden)?;
    let notices = latest(&mut tx, org_id, 200).await?;
    tx.commit().await?;
    render(&NoticesPage { ctx, notices })
}

/// Marks a notice read and opens what it is about.
pub async fn open_notice(
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let org_id = user.org_id.ok_or(AppError::Forbidden)?;
    let project: Option<Option<Uuid>> = sqlx::query_scalar(
        "update notifications set read_at = coalesce(read_at, now())
          where id = $1 and org_id = $2 returning project_id",
    )
    .bind(id)
    .bind(org_id)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    match project.ok_or(AppError::NotFound)? {
        Some(_) => Ok(flash::see_other("/applications")),
        None => Ok(flash::see_other("/notifications")),
    }
}
