//! In-app notices to organizations (站内通知): their application received,
//! not awarded or awarded. Written in the transaction of the event
//! (`db::notify`); read on `/notifications` and the organization's home page.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use uuid::Uuid;

use super::db::notices::{self as db, NoticeRow};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::web::{Ctx, flash, render};

#[derive(Template)]
#[template(path = "projects/notices.html")]
struct NoticesPage {
    ctx: Ctx,
    notices: Vec<NoticeRow>,
}

pub async fn notices_page(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    let org_id = user.org_id.ok_or(AppError::Forbidden)?;
    let notices = db::latest_notices(&mut tx, org_id, 200).await?;
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
    let project = db::mark_notice_read(&mut tx, id, org_id).await?;
    tx.commit().await?;
    match project.ok_or(AppError::NotFound)? {
        Some(_) => Ok(flash::see_other("/applications")),
        None => Ok(flash::see_other("/notifications")),
    }
}
