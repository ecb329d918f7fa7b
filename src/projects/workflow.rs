//! The moves of a project's lifecycle. Each checks who acts and from which
//! state, moves the status with `update ... where status = <expected>` (so that
//! of two people acting at once exactly one succeeds, and the other is told who
//! was first), and records the move on the timeline and in the audit log, all
//! in one transaction.

use axum::Form;
use axum::extract::Path;
use axum::response::Response;
use chrono::Local;
use serde::Deserialize;
use uuid::Uuid;

use super::Status;
use super::db::{self, ProjectRow};
use super::show::{ProjectPage, TransitionForm};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::web::forms::optional_text;
use crate::web::{Ctx, FieldErrors, Flash, flash, render_invalid};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CommentForm {
    pub comment: String,
}

async fn load(tx: &mut Tx, id: Uuid) -> AppResult<ProjectRow> {
    db::find(tx, id).await?.ok_or(AppError::NotFound)
}

/// Whether the user approves this project (threshold of its province).
pub async fn may_approve(tx: &mut Tx, user: &CurrentUser, project: &ProjectRow) -> AppResult<bool> {
    let threshold = db::approval_threshold(tx, &project.union_path).await?;
    Ok(approves(user, project, threshold))
}

/// Whether the user approves this project, its province's threshold known.
pub fn approves(user: &CurrentUser, project: &ProjectRow, threshold_fen: i64) -> bool {
    policy::permits(
        user,
        &Action::ApproveProject {
            union_path: &project.union_path,
            budget_fen: project.budget_fen,
            threshold_fen,
            created_by: project.created_by,
        },
    )
}

/// Moves the project and records it; when someone moved it first, says who.
async fn make_move(
    mut tx: Tx,
    user: &CurrentUser,
    project: &ProjectRow,
    to: Status,
    comment: Option<&str>,
    done_key: &str,
) -> AppResult<Response> {
    let from = project.status;
    let cancel_reason = (to == Status::Cancelled).then_some(comment).flatten();
    let moved = from.can_move_to(to)
        && db::move_status(&mut tx, project.id, from, to, cancel_reason).await?;
    if !moved {
        return not_now(&mut tx, user, project).await;
    }
    db::record_event(
        &mut tx,
        project.id,
        Some(from),
        to,
        (Some(user.id), &user.display_name),
        comment,
    )
    .await?;
    let mut entry = Entry::new("project.moved", "project", project.id)
        .at(project.union_id, &project.union_path)
        .detail("from", from.as_str())
        .detail("to", to.as_str());
    if let Some(comment) = comment {
        entry = entry.detail("comment", comment);
    }
    audit::record(&mut tx, user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/projects/{}", project.id),
        Flash::with_arg(done_key, &project.code),
    ))
}

/// A move the project's current status does not allow (most often: someone
/// else acted first). Says who moved it last, and where it is now.
async fn not_now(tx: &mut Tx, user: &CurrentUser, project: &ProjectRow) -> AppResult<Response> {
    let current = db::find(tx, project.id).await?.ok_or(AppError::NotFound)?;
    let status = user.lang.t(current.status.label_key());
    let arg = match db::last_event(tx, project.id).await? {
        Some(event) => format!(
            "{}（{}），{status}",
            event.actor_name,
            crate::web::format::datetime(&event.at)
        ),
        None => status.to_owned(),
    };
    Ok(flash::redirect(
        &format!("/projects/{}", project.id),
        Flash::with_arg("projects.not_now", arg),
    ))
}

/// A move refused for what the user typed (or did not): the project page again,
/// with the message beside the field and the text kept.
async fn refuse(
    mut tx: Tx,
    ctx: Ctx,
    user: &CurrentUser,
    project: ProjectRow,
    form: TransitionForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let page = ProjectPage::load(&mut tx, ctx, user, project, form, errors).await?;
    render_invalid(&page)
}

/// The project `id`, if the user may draft, submit, publish or cancel it.
async fn editable(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<ProjectRow> {
    let project = load(tx, id).await?;
    policy::require(
        user,
        &Action::EditProject {
            union_path: &project.union_path,
        },
    )?;
    Ok(project)
}

/// Moves a project that must still take applications (`from` submitting or
/// publishing): a deadline already past is refused beside the button `field`.
async fn move_before_deadline(
    mut tx: Tx,
    ctx: Ctx,
    user: CurrentUser,
    id: Uuid,
    (from, to): (Status, Status),
    (field, refusal, done_key): (&'static str, &'static str, &str),
) -> AppResult<Response> {
    let project = editable(&mut tx, &user, id).await?;
    if project.status == from && project.apply_closes_on < Local::now().date_naive() {
        let mut errors = FieldErrors::default();
        errors.add(field, refusal);
        return refuse(tx, ctx, &user, project, TransitionForm::default(), errors).await;
    }
    make_move(tx, &user, &project, to, None, done_key).await
}

pub async fn submit(
    ctx: Ctx,
    user: CurrentUser,
    tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    move_before_deadline(
        tx,
        ctx,
        user,
        id,
        (Status::Draft, Status::PendingApproval),
        (
            "submit",
            "projects.deadline_past_edit",
            "projects.submitted",
        ),
    )
    .await
}

pub async fn approve(
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<CommentForm>,
) -> AppResult<Response> {
    let project = load(&mut tx, id).await?;
    if !may_approve(&mut tx, &user, &project).await? {
        return Err(AppError::Forbidden);
    }
    let comment = form.comment.trim();
    let comment = (!comment.is_empty()).then_some(comment);
    make_move(
        tx,
        &user,
        &project,
        Status::Approved,
        comment,
        "projects.approved",
    )
    .await
}

/// Sends a project back to its drafters with the approver's comment.
pub async fn send_back(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<CommentForm>,
) -> AppResult<Response> {
    let project = load(&mut tx, id).await?;
    if !may_approve(&mut tx, &user, &project).await? {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let comment = optional_text(&mut errors, "return_comment", &form.comment, 2000);
    if comment.is_none() && errors.is_empty() {
        errors.add("return_comment", "projects.comment_required");
    }
    let Some(comment) = comment.filter(|_| errors.is_empty()) else {
        let typed = TransitionForm {
            return_comment: form.comment,
            ..TransitionForm::default()
        };
        return refuse(tx, ctx, &user, project, typed, errors).await;
    };
    make_move(
        tx,
        &user,
        &project,
        Status::Draft,
        Some(&comment),
        "projects.returned",
    )
    .await
}

/// Publishes an approved project's call (公开择优).
pub async fn publish(
    ctx: Ctx,
    user: CurrentUser,
    tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    move_before_deadline(
        tx,
        ctx,
        user,
        id,
        (Status::Approved, Status::Open),
        (
            "publish",
            "projects.deadline_past_publish",
            "projects.published",
        ),
    )
    .await
}

pub async fn cancel(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<CommentForm>,
) -> AppResult<Response> {
    let project = editable(&mut tx, &user, id).await?;
    let mut errors = FieldErrors::default();
    let reason = optional_text(&mut errors, "cancel_reason", &form.comment, 2000);
    if reason.is_none() && errors.is_empty() {
        errors.add("cancel_reason", "projects.reason_required");
    }
    let Some(reason) = reason.filter(|_| errors.is_empty()) else {
        let typed = TransitionForm {
            cancel_reason: form.comment,
            ..TransitionForm::default()
        };
        return refuse(tx, ctx, &user, project, typed, errors).await;
    };
    make_move(
        tx,
        &user,
        &project,
        Status::Cancelled,
        Some(&reason),
        "projects.cancelled",
    )
    .await
}
