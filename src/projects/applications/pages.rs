//! The pages of an organization's applications: its list, one application's
//! page and form, submission and withdrawal.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use chrono::{Local, NaiveDate};
use futures_util::TryStreamExt;
use uuid::Uuid;

use super::attachments::{Label, OWNER_KIND};
use super::db::{self, AppStatus, ApplicationRow, OwnApplication};
use super::forms::{ApplicationForm, TEXTS};
use super::results::OwnResult;
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::files::db::{self as files_db, FileRow};
use crate::identity::CurrentUser;
use crate::orgs::db::OrgRow;
use crate::policy::{self, Action};
use crate::projects::Status;
use crate::projects::budget::LINES;
use crate::projects::db::{self as projects_db, ProjectRow};
use crate::projects::eligibility;
use crate::web::money::Fen;
use crate::web::pagination::{ExportLinks, export_links};
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The user's own organization, for an organization account.
pub async fn own_org(tx: &mut Tx, user: &CurrentUser) -> AppResult<OrgRow> {
    let org_id = user.org_id.ok_or(AppError::Forbidden)?;
    policy::require(user, &Action::ApplyAs { org_id })?;
    crate::orgs::db::find(tx, org_id)
        .await?
        .ok_or(AppError::NotFound)
}

// Audit entries of applications are written at the organization account's own
// union (its home union), as row-level security requires of an actor without
// scope; that union lies in the purchaser's scope, whose cadres read them.

/// Whether applications to this project are taken today.
pub fn window_open(project: &ProjectRow) -> bool {
    project.status == Status::Open
        && project.apply_opens_on <= today()
        && today() <= project.apply_closes_on
}

#[derive(Template)]
#[template(path = "applications/own.html")]
struct OwnPage {
    ctx: Ctx,
    applications: Vec<OwnApplication>,
}

impl OwnPage {
    fn yuan(&self, fen: &i64) -> String {
        Fen(*fen).to_string()
    }

    /// The list has no filters: its export holds all of it.
    fn export_links(&self) -> ExportLinks {
        export_links("/applications", &())
    }
}

pub async fn own_applications(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    let org = own_org(&mut tx, &user).await?;
    let applications = db::of_org(&mut tx, org.id).try_collect().await?;
    tx.commit().await?;
    render(&OwnPage { ctx, applications })
}

/// An application and its project, if the user may read it.
async fn load(
    tx: &mut Tx,
    user: &CurrentUser,
    id: Uuid,
) -> AppResult<(ApplicationRow, ProjectRow)> {
    let application = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        user,
        &Action::ViewApplication {
            org_id: application.org_id,
            union_path: &application.union_path,
        },
    )?;
    let project = projects_db::find(tx, application.project_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((application, project))
}

#[derive(Template)]
#[template(path = "applications/show.html")]
struct ApplicationPage {
    ctx: Ctx,
    application: ApplicationRow,
    project: ProjectRow,
    /// Whether the user is the applicant, while the window is open.
    may_act: bool,
    attachments: Vec<FileRow>,
    /// The organization's own review results, once decided.
    result: Option<OwnResult>,
    /// The applicant's record of delivered projects, for the purchaser.
    record: Option<crate::orgs::record::TrackRecord>,
    errors: FieldErrors,
}

impl ApplicationPage {
    fn yuan(&self, fen: &i64) -> String {
        Fen(*fen).to_string()
    }

    fn texts(&self) -> Vec<(&'static str, &str)> {
        let a = &self.application;
        TEXTS
            .into_iter()
            .zip([
                a.proposal.as_str(),
                a.needs_analysis.as_str(),
                a.objectives.as_str(),
                a.activities_plan.as_str(),
                a.team.as_str(),
                a.performance_targets.as_str(),
            ])
            .collect()
    }

    fn lines(&self) -> Vec<(&'static str, i64)> {
        LINES.into_iter().zip(self.application.budget.0).collect()
    }

    fn is(&self, status: &str) -> bool {
        self.application.status.as_str() == status
    }

    fn labels(&self) -> Vec<(&'static str, &'static str)> {
        Label::options()
    }

    fn accepted_types(&self) -> String {
        crate::files::kind::accepted_extensions()
    }
}

/// The application's page, with its attachments and `errors` (422 when any).
pub async fn show_with_errors(
    mut tx: Tx,
    ctx: Ctx,
    user: &CurrentUser,
    application: ApplicationRow,
    project: ProjectRow,
    errors: FieldErrors,
) -> AppResult<Response> {
    let attachments = files_db::of_owner(&mut tx, OWNER_KIND, application.id).await?;
    let result = if policy::permits(
        user,
        &Action::ApplyAs {
            org_id: application.org_id,
        },
    ) {
        super::results::for_applicant(&mut tx, application.id).await?
    } else {
        None
    };
    let record = if user.role.works_in_scope() {
        Some(crate::orgs::record::of_org(&mut tx, application.org_id).await?)
    } else {
        None
    };
    tx.commit().await?;
    let page = ApplicationPage {
        ctx,
        may_act: may_act(user, &application, &project),
        application,
        project,
        attachments,
        result,
        record,
        errors,
    };
    if page.errors.is_empty() {
        render(&page)
    } else {
        render_invalid(&page)
    }
}

fn may_act(user: &CurrentUser, application: &ApplicationRow, project: &ProjectRow) -> bool {
    policy::permits(
        user,
        &Action::ApplyAs {
            org_id: application.org_id,
        },
    ) && window_open(project)
}

pub async fn show_application(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let (application, project) = load(&mut tx, &user, id).await?;
    // The purchaser reads proposals once they are submitted, not drafts.
    if application.status == AppStatus::Draft
        && !policy::permits(
            &user,
            &Action::ApplyAs {
                org_id: application.org_id,
            },
        )
    {
        return Err(AppError::NotFound);
    }
    show_with_errors(tx, ctx, &user, application, project, FieldErrors::default()).await
}

#[derive(Template)]
#[template(path = "applications/form.html")]
struct FormPage {
    ctx: Ctx,
    application: ApplicationRow,
    project: ProjectRow,
    form: ApplicationForm,
    errors: FieldErrors,
}

impl FormPage {
    fn texts(&self) -> Vec<(&'static str, &str)> {
        TEXTS.into_iter().map(|f| (f, self.form.text(f))).collect()
    }

    fn lines(&self) -> Vec<(&'static str, &str)> {
        LINES.into_iter().map(|f| (f, self.form.line(f))).collect()
    }

    fn budget(&self) -> String {
        Fen(self.project.budget_fen).to_string()
    }
}

fn form_of(application: &ApplicationRow) -> ApplicationForm {
    let yuan = |fen: i64| {
        if fen == 0 {
            String::new()
        } else {
            Fen(fen).to_yuan_input()
        }
    };
    let a = application;
    let [
        personnel,
        activities,
        publicity,
        transport,
        office,
        experts,
        management,
        evaluation,
    ] = a.budget.0.map(yuan);
    ApplicationForm {
        proposal: a.proposal.clone(),
        needs_analysis: a.needs_analysis.clone(),
        objectives: a.objectives.clone(),
        activities_plan: a.activities_plan.clone(),
        team: a.team.clone(),
        performance_targets: a.performance_targets.clone(),
        requested: yuan(a.requested_fen),
        personnel,
        activities,
        publicity,
        transport,
        office,
        experts,
        management,
        evaluation,
        version: a.version,
    }
}

/// The applicant's own draft, while the window is open.
async fn own_draft(
    tx: &mut Tx,
    user: &CurrentUser,
    id: Uuid,
) -> AppResult<Result<(ApplicationRow, ProjectRow), Response>> {
    let (application, project) = load(tx, user, id).await?;
    policy::require(
        user,
        &Action::ApplyAs {
            org_id: application.org_id,
        },
    )?;
    if application.status != AppStatus::Draft || !window_open(&project) {
        return Ok(Err(flash::redirect(
            &format!("/applications/{id}"),
            Flash::new("apply.read_only"),
        )));
    }
    Ok(Ok((application, project)))
}

pub async fn edit_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let (application, project) = match own_draft(&mut tx, &user, id).await? {
        Ok(loaded) => loaded,
        Err(redirect) => return Ok(redirect),
    };
    tx.commit().await?;
    render(&FormPage {
        ctx,
        form: form_of(&application),
        application,
        project,
        errors: FieldErrors::default(),
    })
}

pub async fn save_draft(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(mut form): Form<ApplicationForm>,
) -> AppResult<Response> {
    let (application, project) = match own_draft(&mut tx, &user, id).await? {
        Ok(loaded) => loaded,
        Err(redirect) => return Ok(redirect),
    };
    let input = match form.parse(project.budget_fen) {
        Ok(input) => input,
        Err(errors) => {
            return render_invalid(&FormPage {
                ctx,
                application,
                project,
                form,
                errors,
            });
        }
    };
    if !db::save(&mut tx, id, form.version, &input).await? {
        let current = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        form.version = current.version;
        let mut errors = FieldErrors::default();
        errors.add("version", "form.conflict");
        return render_invalid(&FormPage {
            ctx,
            application: current,
            project,
            form,
            errors,
        });
    }
    let entry = Entry::new("application.saved", "application", id)
        .at(user.union.id, &user.union.path)
        .diff(&form_of(&application), &form);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/applications/{id}"),
        Flash::new("form.saved"),
    ))
}

pub async fn submit(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let (application, project) = match own_draft(&mut tx, &user, id).await? {
        Ok(loaded) => loaded,
        Err(redirect) => return Ok(redirect),
    };
    let org = own_org(&mut tx, &user).await?;
    let mut errors = match form_of(&application).parse_for_submit(project.budget_fen) {
        Ok(_) => FieldErrors::default(),
        Err(errors) => errors,
    };
    // Eligibility again: a rating may have expired since the draft began.
    if let Some(reason) = eligibility::all_reasons(&mut tx, &project, &org, today())
        .await?
        .first()
    {
        errors.add_with("eligibility", reason.key, &reason.arg);
    }
    if !errors.is_empty() {
        return show_with_errors(tx, ctx, &user, application, project, errors).await;
    }
    if !db::move_status(&mut tx, id, AppStatus::Draft, AppStatus::Submitted).await? {
        return Ok(flash::redirect(
            &format!("/applications/{id}"),
            Flash::new("apply.read_only"),
        ));
    }
    crate::projects::db::notices::notify(
        &mut tx,
        application.org_id,
        &application.union_path,
        project.id,
        "notices.received",
        &project.title,
    )
    .await?;
    let entry = Entry::new("application.submitted", "application", id)
        .at(user.union.id, &user.union.path)
        .detail("requested_fen", application.requested_fen);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/applications/{id}"),
        Flash::with_arg("apply.submitted", &project.title),
    ))
}

pub async fn withdraw(user: CurrentUser, mut tx: Tx, Path(id): Path<Uuid>) -> AppResult<Response> {
    let (application, project) = load(&mut tx, &user, id).await?;
    policy::require(
        &user,
        &Action::ApplyAs {
            org_id: application.org_id,
        },
    )?;
    let from = application.status;
    let moved = window_open(&project)
        && matches!(from, AppStatus::Draft | AppStatus::Submitted)
        && db::move_status(&mut tx, id, from, AppStatus::Withdrawn).await?;
    if !moved {
        return Ok(flash::redirect(
            &format!("/applications/{id}"),
            Flash::new("apply.read_only"),
        ));
    }
    let entry =
        Entry::new("application.withdrawn", "application", id).at(user.union.id, &user.union.path);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/applications/{id}"),
        Flash::new("apply.withdrawn"),
    ))
}
