//! The reviewer's side (`/reviews`): their assignments; for each, first the
//! declaration of (no) conflict of interest, then the proposal and the score
//! sheet of the project's approval-review system, saved and finally submitted.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::{self, AssignmentRow, ReviewStatus, ScoreRow};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::indicators::db::IndicatorRow;
use crate::indicators::leaves;
use crate::indicators::scoring;
use crate::indicators::sheet::{ScoreSheet, SheetFields};
use crate::policy::{self, Action};
use crate::projects::Status;
use crate::projects::applications::db::{self as applications_db, ApplicationRow};
use crate::projects::db::{self as projects_db, ProjectRow};
use crate::web::forms::optional_text;
use crate::web::pagination::{ExportLinks, PageQuery, export_links};
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Template)]
#[template(path = "reviews/mine.html")]
struct MinePage {
    ctx: Ctx,
    assignments: Vec<AssignmentRow>,
}

impl MinePage {
    fn total(&self, assignment: &AssignmentRow) -> String {
        assignment
            .scored_total()
            .map(scoring::show_tenths)
            .unwrap_or_default()
    }

    fn export_links(&self) -> ExportLinks {
        export_links("/reviews", &PageQuery::default())
    }
}

pub async fn my_reviews(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::Review {
            reviewer_id: user.id,
        },
    )?;
    let assignments = db::of_reviewer(&mut tx, user.id).await?;
    tx.commit().await?;
    render(&MinePage { ctx, assignments })
}

/// The score sheet as typed: one score and comment per leaf, in order.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SheetForm {
    pub indicator: Vec<String>,
    pub score: Vec<String>,
    pub comment: Vec<String>,
    /// `save` or `submit`.
    pub action: String,
}

#[derive(Template)]
#[template(path = "reviews/sheet.html")]
struct SheetPage {
    ctx: Ctx,
    assignment: AssignmentRow,
    project: ProjectRow,
    application: Option<ApplicationRow>,
    leaves: Vec<IndicatorRow>,
    form: SheetForm,
    errors: FieldErrors,
    /// Per leaf: the field's message, if any (rows of the sheet).
    row_errors: Vec<Option<String>>,
}

impl SheetPage {
    fn sheet(&self) -> ScoreSheet<'_> {
        ScoreSheet {
            leaves: &self.leaves,
            score: &self.form.score,
            comment: &self.form.comment,
            row_errors: &self.row_errors,
            readonly: self.assignment.status == ReviewStatus::Submitted,
        }
    }

    fn total(&self) -> String {
        scoring::show_tenths(self.assignment.total_tenths)
    }

    fn is(&self, status: &str) -> bool {
        self.assignment.status.as_str() == status
    }

    fn yuan(&self, fen: &i64) -> String {
        crate::web::money::Fen(*fen).to_string()
    }
}

fn form_of(leaves: &[IndicatorRow], scores: &[ScoreRow]) -> SheetForm {
    let saved = SheetFields::saved(leaves, |leaf| {
        scores
            .iter()
            .find(|s| s.indicator_id == leaf)
            .map(|s| (s.score_tenths, s.comment.as_deref()))
    });
    SheetForm {
        indicator: saved.indicator,
        score: saved.score,
        comment: saved.comment,
        action: String::new(),
    }
}

/// The reviewer's own assignment with its project.
async fn own(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<(AssignmentRow, ProjectRow)> {
    let assignment = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        user,
        &Action::Review {
            reviewer_id: assignment.reviewer_id,
        },
    )?;
    let project = projects_db::find(tx, assignment.project_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((assignment, project))
}

async fn sheet(
    mut tx: Tx,
    ctx: Ctx,
    assignment: AssignmentRow,
    project: ProjectRow,
    form: Option<SheetForm>,
    errors: FieldErrors,
    row_errors: Vec<Option<String>>,
) -> AppResult<Response> {
    // The proposal only once no conflict was declared (row-level security
    // agrees: the application is not readable before).
    let application = match assignment.status {
        ReviewStatus::Scoring | ReviewStatus::Submitted => {
            applications_db::find(&mut tx, assignment.application_id).await?
        }
        _ => None,
    };
    let leaves =
        leaves(crate::indicators::db::indicators(&mut tx, project.review_system_id).await?);
    let scores = db::scores_of(&mut tx, assignment.id).await?;
    tx.commit().await?;
    let form = form.unwrap_or_else(|| form_of(&leaves, &scores));
    let page = SheetPage {
        ctx,
        assignment,
        project,
        application,
        leaves,
        form,
        errors,
        row_errors,
    };
    if page.errors.is_empty() {
        render(&page)
    } else {
        render_invalid(&page)
    }
}

pub async fn review_page(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let (assignment, project) = own(&mut tx, &user, id).await?;
    sheet(
        tx,
        ctx,
        assignment,
        project,
        None,
        FieldErrors::default(),
        Vec::new(),
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DeclareForm {
    /// `none` or `conflict`.
    pub declaration: String,
    pub note: String,
}

pub async fn declare(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    axum::Form(form): axum::Form<DeclareForm>,
) -> AppResult<Response> {
    let (assignment, project) = own(&mut tx, &user, id).await?;
    let mut errors = FieldErrors::default();
    let note = optional_text(&mut errors, "note", &form.note, 500);
    let to = match form.declaration.as_str() {
        "none" => Some(ReviewStatus::Scoring),
        "conflict" if note.is_some() => Some(ReviewStatus::Conflict),
        "conflict" => {
            errors.add("note", "reviews.conflict_note_required");
            None
        }
        _ => {
            errors.add("declaration", "form.choose");
            None
        }
    };
    let Some(to) = to.filter(|_| errors.is_empty()) else {
        return sheet(tx, ctx, assignment, project, None, errors, Vec::new()).await;
    };
    if !db::move_status(&mut tx, id, ReviewStatus::Assigned, to, note.as_deref()).await? {
        return Ok(flash::redirect(
            &format!("/reviews/{id}"),
            Flash::new("reviews.already_declared"),
        ));
    }
    if to == ReviewStatus::Conflict {
        // The conflict is a link from now on: no later assignment to this
        // organization's applications.
        db::add_link(
            &mut tx,
            user.id,
            assignment.org_id,
            &assignment.union_path,
            note.as_deref().unwrap_or_default(),
            user.id,
        )
        .await?;
    }
    let entry = Entry::new("review.declared", "project", project.id)
        .at(user.union.id, &user.union.path)
        .detail("assignment", id)
        .detail("conflict", to == ReviewStatus::Conflict);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/reviews/{id}"),
        Flash::new(if to == ReviewStatus::Conflict {
            "reviews.conflict_declared"
        } else {
            "reviews.no_conflict_declared"
        }),
    ))
}

pub async fn save_sheet(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<SheetForm>,
) -> AppResult<Response> {
    let (assignment, project) = own(&mut tx, &user, id).await?;
    if assignment.status != ReviewStatus::Scoring || project.status != Status::Reviewing {
        return Ok(flash::redirect(
            &format!("/reviews/{id}"),
            Flash::new("reviews.final"),
        ));
    }
    let leaves =
        leaves(crate::indicators::db::indicators(&mut tx, project.review_system_id).await?);
    let submit = form.action == "submit";
    let posted = scoring::Posted {
        indicator: &form.indicator,
        score: &form.score,
        comment: &form.comment,
        submit,
    };
    let scores = match scoring::read_sheet(&leaves, posted) {
        Ok(scores) => scores,
        Err(problems) => {
            let (errors, row_errors) = scoring::sheet_errors(&ctx, &leaves, &problems);
            return sheet(tx, ctx, assignment, project, Some(form), errors, row_errors).await;
        }
    };
    if !store(&mut tx, id, &scores, submit).await? {
        return Ok(flash::redirect(
            &format!("/reviews/{id}"),
            Flash::new("reviews.final"),
        ));
    }
    let entry = sheet_entry(&user, project.id, id, &scores, submit);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/reviews/{id}"),
        Flash::new(if submit {
            "reviews.submitted"
        } else {
            "form.saved"
        }),
    ))
}

/// Saves a review's scores and, when `submit`, submits it; `false` when it
/// was no longer being scored.
async fn store(tx: &mut Tx, id: Uuid, scores: &[scoring::Scored], submit: bool) -> AppResult<bool> {
    db::save_scores(tx, id, scores).await?;
    if !submit {
        return Ok(true);
    }
    let submitted = ReviewStatus::Submitted;
    Ok(db::move_status(tx, id, ReviewStatus::Scoring, submitted, None).await?)
}

/// The audit entry of a saved or submitted sheet, with its total.
fn sheet_entry(
    user: &CurrentUser,
    project_id: Uuid,
    assignment_id: Uuid,
    scores: &[scoring::Scored],
    submit: bool,
) -> Entry {
    let total: i64 = scores.iter().map(|(_, t, _)| i64::from(*t)).sum();
    let action = if submit {
        "review.submitted"
    } else {
        "review.saved"
    };
    Entry::new(action, "project", project_id)
        .at(user.union.id, &user.union.path)
        .detail("assignment", assignment_id)
        .detail("total_tenths", total)
}
