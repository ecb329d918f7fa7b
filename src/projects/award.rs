//! The award (确定承接方): staff choose one or more applications of a project
//! under review, with a reason. The chosen ones are awarded, every other
//! submitted one rejected, each applicant told, and the project moves to
//! `awarded` — all in one transaction, the move guarded as every other.

use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use uuid::Uuid;

use super::Status;
use super::applications::db::{self as applications_db, AppStatus};
use super::db::{self, ProjectRow};
use super::reviews::manage::{MIN_REVIEWERS, RankedApplication, rank_applications};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::web::forms::optional_text;
use crate::web::{FieldErrors, Flash, flash};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AwardForm {
    pub application: Vec<String>,
    pub reason: String,
}

pub async fn award(
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<AwardForm>,
) -> AppResult<Response> {
    let project = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditProject {
            union_path: &project.union_path,
        },
    )?;
    let back = format!("/projects/{id}/reviews");
    let ranked = rank_applications(&mut tx, id).await?;
    let chosen = chosen_of(&form, &ranked);
    let mut errors = FieldErrors::default();
    let reason = optional_text(&mut errors, "reason", &form.reason, 2000);
    if let Some(key) = problem(&project, &ranked, &chosen, reason.as_deref()) {
        return Ok(flash::redirect(&back, Flash::with_arg(key, MIN_REVIEWERS)));
    }
    let reason = reason.unwrap_or_default();
    if !db::move_status(&mut tx, id, Status::Reviewing, Status::Awarded, None).await? {
        return Ok(flash::redirect(&back, Flash::new("projects.not_now_award")));
    }
    decide_all(&mut tx, &project, &ranked, &chosen, &reason).await?;
    db::record_event(
        &mut tx,
        id,
        Some(Status::Reviewing),
        Status::Awarded,
        (Some(user.id), &user.display_name),
        Some(&reason),
    )
    .await?;
    let entry = Entry::new("project.awarded", "project", id)
        .at(project.union_id, &project.union_path)
        .detail("applications", &chosen)
        .detail("reason", &reason);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/projects/{id}"),
        Flash::with_arg("award.done", &project.code),
    ))
}

/// The applications chosen, of those ranked (anything else posted is
/// ignored).
fn chosen_of(form: &AwardForm, ranked: &[RankedApplication]) -> Vec<Uuid> {
    form.application
        .iter()
        .filter_map(|a| Uuid::parse_str(a).ok())
        .filter(|a| ranked.iter().any(|s| s.application.id == *a))
        .collect()
}

/// Why the award cannot be made now, as a message key: the project is not
/// under review, nothing is chosen, no reason is given, or an application
/// lacks its reviews.
fn problem(
    project: &ProjectRow,
    ranked: &[RankedApplication],
    chosen: &[Uuid],
    reason: Option<&str>,
) -> Option<&'static str> {
    if project.status != Status::Reviewing {
        Some("projects.not_now_award")
    } else if chosen.is_empty() {
        Some("award.choose")
    } else if reason.is_none() {
        Some("award.reason_required")
    } else if ranked.iter().any(|s| s.scored < MIN_REVIEWERS) {
        Some("award.reviews_missing")
    } else {
        None
    }
}

/// Awards the chosen submitted applications, rejects the other submitted
/// ones, and tells each applicant.
async fn decide_all(
    tx: &mut Tx,
    project: &ProjectRow,
    ranked: &[RankedApplication],
    chosen: &[Uuid],
    reason: &str,
) -> AppResult<()> {
    for entry in ranked {
        let application = &entry.application;
        if application.status != AppStatus::Submitted {
            continue;
        }
        let (to, key) = if chosen.contains(&application.id) {
            (AppStatus::Awarded, "notices.awarded")
        } else {
            (AppStatus::Rejected, "notices.rejected")
        };
        applications_db::decide(tx, application.id, to, reason).await?;
        db::notices::notify(
            tx,
            application.org_id,
            &project.union_path,
            project.id,
            key,
            &project.title,
        )
        .await?;
    }
    Ok(())
}
