//! The purchaser's side of review (`/projects/{id}/reviews`): assign reviewers
//! to each submitted application (never one linked to the applicant), see
//! declared conflicts, reopen a submitted review, and read the ranking.

use askama::Template;
use axum::Form;
use axum::extract::Path;
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use super::db::{self, AssignmentRow, ReviewStatus, ReviewerOption};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::indicators::scoring;
use crate::policy::{self, Action};
use crate::projects::Status;
use crate::projects::applications::db::{self as applications_db, AppStatus, ApplicationRow};
use crate::projects::db::{self as projects_db, ProjectRow};
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

/// Reviewers each application needs before an award.
pub const MIN_REVIEWERS: usize = 3;

/// One application with its reviews and where it stands.
#[derive(Debug)]
pub struct RankedApplication {
    pub application: ApplicationRow,
    pub assignments: Vec<AssignmentRow>,
    /// Submitted reviews.
    pub scored: usize,
    /// The reviews it should get: its reviewers without a conflict, and at
    /// least the [`MIN_REVIEWERS`] an award needs.
    pub expected: usize,
    /// The (trimmed, from five reviews) mean, in hundredths.
    pub mean: Option<i64>,
}

impl RankedApplication {
    pub fn mean_text(&self) -> String {
        self.mean
            .map(crate::web::format::two_decimals)
            .unwrap_or_default()
    }

    pub fn trimmed(&self) -> bool {
        self.scored >= 5
    }

    /// The catalog key of the mean's name: trimmed or not.
    pub fn mean_key(&self) -> &'static str {
        if self.trimmed() {
            "reviews.table.trimmed_mean"
        } else {
            "reviews.table.mean"
        }
    }

    /// What the mean rests on: "（3 份评审中的 1 份）". Badge and table say
    /// it alike, so that a mean of one review is not read as final.
    pub fn basis(&self, lang: &Lang) -> String {
        lang.t("reviews.mean_basis")
            .replace("{scored}", &self.scored.to_string())
            .replace("{expected}", &self.expected.to_string())
    }

    pub fn total_text(&self, assignment: &AssignmentRow) -> String {
        scoring::show_tenths(assignment.total_tenths)
    }
}

/// The submitted applications of a project with their reviews, the best
/// (trimmed) mean first; unscored ones last.
pub async fn rank_applications(tx: &mut Tx, project_id: Uuid) -> AppResult<Vec<RankedApplication>> {
    let assignments = db::of_project(tx, project_id).await?;
    let mut out: Vec<RankedApplication> = applications_db::of_project(tx, project_id)
        .await?
        .into_iter()
        .filter(|a| a.status != AppStatus::Withdrawn)
        .map(|application| {
            let mine: Vec<AssignmentRow> = assignments
                .iter()
                .filter(|r| r.application_id == application.id)
                .cloned()
                .collect();
            let totals: Vec<i64> = mine
                .iter()
                .filter(|r| r.status == ReviewStatus::Submitted)
                .map(|r| r.total_tenths)
                .collect();
            let reviewers = mine
                .iter()
                .filter(|r| r.status != ReviewStatus::Conflict)
                .count();
            RankedApplication {
                application,
                scored: totals.len(),
                expected: reviewers.max(MIN_REVIEWERS),
                mean: scoring::mean_hundredths(&totals),
                assignments: mine,
            }
        })
        .collect();
    out.sort_by_key(|s| std::cmp::Reverse(s.mean.unwrap_or(-1)));
    Ok(out)
}

#[derive(Template)]
#[template(path = "reviews/manage.html")]
struct ManagePage {
    ctx: Ctx,
    project: ProjectRow,
    ranked: Vec<RankedApplication>,
    table: super::table::ScoreTable,
    reviewers: Vec<ReviewerOption>,
    may_manage: bool,
    errors: FieldErrors,
}

impl ManagePage {
    fn min_reviewers(&self) -> usize {
        MIN_REVIEWERS
    }

    fn reviewing(&self) -> bool {
        self.project.status == Status::Reviewing
    }

    /// Whether the score table's column `index` holds numbers.
    fn numeric_column(&self, index: &usize) -> bool {
        self.table.header.get(*index).is_some_and(|c| c.numeric)
    }
}

async fn load_project(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<ProjectRow> {
    policy::require(user, &Action::ListProjects)?;
    projects_db::find(tx, id).await?.ok_or(AppError::NotFound)
}

async fn page(
    mut tx: Tx,
    ctx: Ctx,
    user: &CurrentUser,
    project: ProjectRow,
    errors: FieldErrors,
) -> AppResult<Response> {
    let (ranked, table) =
        super::table::of_project(&mut tx, ctx.lang, project.id, project.review_system_id).await?;
    let reviewers = db::reviewer_pool(&mut tx, &project.union_path).await?;
    tx.commit().await?;
    let page = ManagePage {
        may_manage: policy::permits(
            user,
            &Action::EditProject {
                union_path: &project.union_path,
            },
        ),
        ctx,
        project,
        ranked,
        table,
        reviewers,
        errors,
    };
    if page.errors.is_empty() {
        render(&page)
    } else {
        render_invalid(&page)
    }
}

pub async fn reviews_page(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let project = load_project(&mut tx, &user, id).await?;
    page(tx, ctx, &user, project, FieldErrors::default()).await
}

/// A submitted application of `project`, by the id a form posted.
async fn submitted_application(
    tx: &mut Tx,
    project: &ProjectRow,
    posted_id: &str,
) -> AppResult<ApplicationRow> {
    let Ok(id) = Uuid::parse_str(posted_id) else {
        return Err(AppError::NotFound);
    };
    applications_db::find(tx, id)
        .await?
        .filter(|a| a.project_id == project.id && a.status == AppStatus::Submitted)
        .ok_or(AppError::NotFound)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AssignForm {
    pub application_id: String,
    pub reviewer_id: String,
}

pub async fn assign(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<AssignForm>,
) -> AppResult<Response> {
    let project = load_project(&mut tx, &user, id).await?;
    policy::require(
        &user,
        &Action::EditProject {
            union_path: &project.union_path,
        },
    )?;
    let application = submitted_application(&mut tx, &project, &form.application_id).await?;
    let reviewers = db::reviewer_pool(&mut tx, &project.union_path).await?;
    let reviewer = Uuid::parse_str(&form.reviewer_id)
        .ok()
        .filter(|r| reviewers.iter().any(|o| o.id == *r));
    let mut errors = FieldErrors::default();
    if project.status != Status::Reviewing {
        errors.add("reviewer_id", "reviews.not_reviewing");
    }
    let Some(reviewer) = reviewer else {
        errors.add("reviewer_id", "form.choose");
        return page(tx, ctx, &user, project, errors).await;
    };
    if errors.is_empty() && db::linked(&mut tx, reviewer, application.org_id).await? {
        errors.add("reviewer_id", "reviews.linked");
    }
    if !errors.is_empty() {
        return page(tx, ctx, &user, project, errors).await;
    }
    let assigned = db::assign(
        &mut tx,
        application.id,
        application.org_id,
        project.id,
        &project.union_path,
        reviewer,
        user.id,
    )
    .await?;
    let Some(assignment) = assigned else {
        errors.add("reviewer_id", "reviews.already_assigned");
        return page(tx, ctx, &user, project, errors).await;
    };
    let entry = Entry::new("review.assigned", "project", project.id)
        .at(project.union_id, &project.union_path)
        .detail("assignment", assignment)
        .detail("application", application.id)
        .detail("reviewer", reviewer);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/projects/{id}/reviews"),
        Flash::new("reviews.assigned"),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LinkForm {
    pub application_id: String,
    pub reviewer_id: String,
    pub relation: String,
}

/// Records a known link between a reviewer and an applicant.
pub async fn add_link(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<LinkForm>,
) -> AppResult<Response> {
    let project = load_project(&mut tx, &user, id).await?;
    policy::require(
        &user,
        &Action::EditProject {
            union_path: &project.union_path,
        },
    )?;
    let application = submitted_application(&mut tx, &project, &form.application_id).await?;
    let reviewers = db::reviewer_pool(&mut tx, &project.union_path).await?;
    let mut errors = FieldErrors::default();
    let reviewer = Uuid::parse_str(&form.reviewer_id)
        .ok()
        .filter(|r| reviewers.iter().any(|o| o.id == *r));
    if reviewer.is_none() {
        errors.add("link_reviewer_id", "form.choose");
    }
    let relation = crate::web::forms::required_text(&mut errors, "relation", &form.relation, 200);
    let Some(reviewer) = reviewer.filter(|_| errors.is_empty()) else {
        return page(tx, ctx, &user, project, errors).await;
    };
    db::add_link(
        &mut tx,
        reviewer,
        application.org_id,
        &project.union_path,
        &relation,
        user.id,
    )
    .await?;
    let entry = Entry::new("review.link_recorded", "project", project.id)
        .at(project.union_id, &project.union_path)
        .detail("reviewer", reviewer)
        .detail("organization", application.org_id)
        .detail("relation", &relation);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/projects/{id}/reviews"),
        Flash::new("reviews.link_recorded"),
    ))
}

/// Reopens a submitted review for its reviewer to correct (audited).
pub async fn reopen(user: CurrentUser, mut tx: Tx, Path(id): Path<Uuid>) -> AppResult<Response> {
    let assignment = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditProject {
            union_path: &assignment.union_path,
        },
    )?;
    let project = projects_db::find(&mut tx, assignment.project_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let back = format!("/projects/{}/reviews", assignment.project_id);
    if project.status != Status::Reviewing
        || !db::move_status(
            &mut tx,
            id,
            ReviewStatus::Submitted,
            ReviewStatus::Scoring,
            None,
        )
        .await?
    {
        return Ok(flash::redirect(&back, Flash::new("reviews.not_reopened")));
    }
    let entry = Entry::new("review.reopened", "project", assignment.project_id)
        .at(project.union_id, &project.union_path)
        .detail("assignment", id)
        .detail("reviewer", assignment.reviewer_id)
        .detail("total_tenths", assignment.total_tenths);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(&back, Flash::new("reviews.reopened")))
}
