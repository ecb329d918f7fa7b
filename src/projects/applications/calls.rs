//! The calls an organization account sees (`/calls`), each with the reasons it
//! may not apply where it may not, and the start of an application.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use uuid::Uuid;

use super::db::{self, ApplicationRow};
use super::pages::{own_org, today, window_open};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::files::db::{self as files_db, FileRow};
use crate::identity::CurrentUser;
use crate::orgs::db::OrgRow;
use crate::projects::db::{self as projects_db, ProjectRow};
use crate::projects::eligibility::{self, Reason};
use crate::web::money::Fen;
use crate::web::{Ctx, Flash, flash, render};

/// A call as the organization sees it.
struct Call {
    project: ProjectRow,
    reasons: Vec<Reason>,
    application: Option<ApplicationRow>,
    documents: Vec<FileRow>,
}

#[derive(Template)]
#[template(path = "applications/calls.html")]
struct CallsPage {
    ctx: Ctx,
    org: OrgRow,
    calls: Vec<Call>,
}

impl CallsPage {
    fn budget(&self, fen: &i64) -> String {
        Fen(*fen).wan_yuan()
    }

    fn not_yet_open(&self, project: &ProjectRow) -> bool {
        project.apply_opens_on > today()
    }
}

pub async fn open_calls(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    let org = own_org(&mut tx, &user).await?;
    let mut calls = Vec::new();
    for project in projects_db::open_calls(&mut tx).await? {
        let application = db::of_org_for(&mut tx, org.id, project.id).await?;
        let documents =
            files_db::of_owner(&mut tx, crate::projects::documents::OWNER_KIND, project.id).await?;
        calls.push(Call {
            documents,
            reasons: eligibility::all_reasons(&mut tx, &project, &org, today()).await?,
            project,
            application,
        });
    }
    tx.commit().await?;
    render(&CallsPage { ctx, org, calls })
}

pub async fn start_application(
    user: CurrentUser,
    mut tx: Tx,
    Path(project_id): Path<Uuid>,
) -> AppResult<Response> {
    let org = own_org(&mut tx, &user).await?;
    let project = projects_db::find(&mut tx, project_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(existing) = db::of_org_for(&mut tx, org.id, project.id).await? {
        return Ok(flash::see_other(&format!("/applications/{}", existing.id)));
    }
    if !window_open(&project)
        || !eligibility::all_reasons(&mut tx, &project, &org, today())
            .await?
            .is_empty()
    {
        return Ok(flash::redirect(
            "/calls",
            Flash::new("apply.not_open_to_you"),
        ));
    }
    let Some(id) = db::start(&mut tx, project.id, org.id, user.id).await? else {
        return Ok(flash::see_other("/applications"));
    };
    let entry = Entry::new("application.started", "application", id)
        .at(user.union.id, &user.union.path)
        .detail("project", &project.code);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::see_other(&format!("/applications/{id}/edit")))
}
