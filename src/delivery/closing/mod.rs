//! Closing (结项): once every contract's final evaluation is final and every
//! installment decided, an admin closes the project with its outcomes against
//! the targets, the grade (the mean of the final evaluations) and lessons, and
//! marks each linked worker need addressed or not, with why.

pub mod db;

use askama::Template;
use axum::Router;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use serde::Deserialize;
use uuid::Uuid;

use self::db::{NewClosing, Results};
use super::evaluations::Grade;
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::needs::db::NeedRow;
use crate::policy::{self, Action};
use crate::projects::Status;
use crate::projects::db::{self as projects_db, ProjectRow};
use crate::state::AppState;
use crate::web::format::two_decimals;
use crate::web::forms::{optional_text, required_text};
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

pub fn router() -> Router<AppState> {
    Router::new().route("/projects/{id}/close", get(close_form).post(close))
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CloseForm {
    pub outcomes: String,
    pub lessons: String,
    /// Per linked need, in the order shown: its id, `yes` or `no`, and why.
    pub need: Vec<String>,
    pub addressed: Vec<String>,
    pub note: Vec<String>,
}

#[derive(Template)]
#[template(path = "delivery/close.html")]
struct ClosePage {
    ctx: Ctx,
    project: ProjectRow,
    needs: Vec<NeedRow>,
    delivered: [(&'static str, i64, i32); 3],
    grade: Option<(String, Grade)>,
    blocker: Option<&'static str>,
    form: CloseForm,
    errors: FieldErrors,
    need_errors: Vec<Option<&'static str>>,
}

impl ClosePage {
    fn need_rows(&self) -> Vec<(&NeedRow, String, String, Option<&'static str>)> {
        self.needs
            .iter()
            .enumerate()
            .map(|(i, need)| {
                (
                    need,
                    self.form.addressed.get(i).cloned().unwrap_or_default(),
                    self.form.note.get(i).cloned().unwrap_or_default(),
                    self.need_errors.get(i).copied().flatten(),
                )
            })
            .collect()
    }
}

struct Loaded {
    project: ProjectRow,
    needs: Vec<NeedRow>,
    results: Results,
    grade: Option<(i64, Grade)>,
    blocker: Option<&'static str>,
}

async fn load(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<Loaded> {
    let project = projects_db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        user,
        &Action::Disburse {
            union_path: &project.union_path,
        },
    )?;
    let needs = crate::needs::db::of_project(tx, id).await?;
    let results = db::results(tx, id).await?;
    let system = crate::indicators::db::find(tx, project.performance_system_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let grade = results
        .mean_hundredths
        .map(|mean| (mean, Grade::of(mean, &system)));
    let blocker = if project.status != Status::FinalEvaluation {
        Some("closing.not_now")
    } else if results.unevaluated > 0 {
        Some("closing.evaluations_missing")
    } else if results.undecided > 0 {
        Some("closing.payments_missing")
    } else {
        None
    };
    Ok(Loaded {
        project,
        needs,
        results,
        grade,
        blocker,
    })
}

impl Loaded {
    fn page(
        self,
        ctx: Ctx,
        form: CloseForm,
        errors: FieldErrors,
        need_errors: Vec<Option<&'static str>>,
    ) -> ClosePage {
        let p = &self.project;
        ClosePage {
            delivered: [
                ("people_served", self.results.people_served, p.target_people),
                (
                    "activities_held",
                    self.results.activities_held,
                    p.target_activities,
                ),
                (
                    "service_hours",
                    self.results.service_hours,
                    p.target_service_hours,
                ),
            ],
            grade: self.grade.map(|(mean, grade)| (two_decimals(mean), grade)),
            blocker: self.blocker,
            ctx,
            project: self.project,
            needs: self.needs,
            form,
            errors,
            need_errors,
        }
    }
}

pub async fn close_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let loaded = load(&mut tx, &user, id).await?;
    tx.commit().await?;
    let form = CloseForm {
        need: loaded.needs.iter().map(|n| n.id.to_string()).collect(),
        ..CloseForm::default()
    };
    render(&loaded.page(ctx, form, FieldErrors::default(), Vec::new()))
}

pub async fn close(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<CloseForm>,
) -> AppResult<Response> {
    let loaded = load(&mut tx, &user, id).await?;
    let mut errors = FieldErrors::default();
    if let Some(key) = loaded.blocker {
        errors.add("outcomes", key);
    }
    let outcomes = required_text(&mut errors, "outcomes", &form.outcomes, 4000);
    let lessons = required_text(&mut errors, "lessons", &form.lessons, 4000);
    let (marks, need_errors) = read_marks(&loaded.needs, &form, &mut errors);
    if !errors.is_empty() {
        return render_invalid(&loaded.page(ctx, form, errors, need_errors));
    }
    if !projects_db::move_status(&mut tx, id, Status::FinalEvaluation, Status::Closed, None).await?
    {
        return Ok(flash::redirect(
            &format!("/projects/{id}"),
            Flash::new("closing.not_now"),
        ));
    }
    write_closing(&mut tx, &user, &loaded, (&outcomes, &lessons), &marks).await?;
    record_closed(&mut tx, &user, &loaded, &outcomes, &marks).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/projects/{id}"),
        Flash::with_arg("closing.done", &loaded.project.code),
    ))
}

/// A linked need as marked on closing: its id, whether the project addressed
/// it, and why (required when not).
type NeedMark = (Uuid, bool, Option<String>);

/// Reads the marks of the linked needs, in the order shown: the marks, and
/// per need its problem if any (each also noted under `needs` in `errors`).
fn read_marks(
    needs: &[NeedRow],
    form: &CloseForm,
    errors: &mut FieldErrors,
) -> (Vec<NeedMark>, Vec<Option<&'static str>>) {
    let mut marks = Vec::new();
    let mut need_errors = Vec::new();
    for (i, need) in needs.iter().enumerate() {
        let posted = form.need.get(i).map(String::as_str).unwrap_or_default();
        let addressed = match form.addressed.get(i).map(String::as_str) {
            Some("yes") => Some(true),
            Some("no") => Some(false),
            _ => None,
        };
        let mut ignored = FieldErrors::default();
        let note = form
            .note
            .get(i)
            .and_then(|n| optional_text(&mut ignored, "note", n, 1000));
        let problem = if posted != need.id.to_string() {
            Some("closing.needs_changed")
        } else if addressed.is_none() {
            Some("closing.need_choose")
        } else if addressed == Some(false) && note.is_none() {
            Some("closing.need_why")
        } else {
            None
        };
        if problem.is_some() {
            errors.add_with("needs", "closing.need_problems", &need.title);
        }
        need_errors.push(problem);
        marks.push((need.id, addressed.unwrap_or(false), note));
    }
    (marks, need_errors)
}

/// Writes the closing record (what was delivered, the grade, outcomes and
/// lessons) and the marks of the linked needs.
async fn write_closing(
    tx: &mut Tx,
    user: &CurrentUser,
    loaded: &Loaded,
    (outcomes, lessons): (&str, &str),
    marks: &[NeedMark],
) -> AppResult<()> {
    let r = &loaded.results;
    let clamp = |n: i64| i32::try_from(n).unwrap_or(i32::MAX);
    db::insert(
        tx,
        &NewClosing {
            project_id: loaded.project.id,
            union_path: &loaded.project.union_path,
            people_served: clamp(r.people_served),
            activities_held: clamp(r.activities_held),
            service_hours: clamp(r.service_hours),
            score_hundredths: loaded.grade.map(|(mean, _)| clamp(mean)),
            grade: loaded.grade.map(|(_, g)| g.as_str()),
            outcomes,
            lessons,
            closed_by: user.id,
        },
    )
    .await?;
    for (need_id, addressed, note) in marks {
        db::mark_need(tx, *need_id, *addressed, note.as_deref()).await?;
    }
    Ok(())
}

/// The project's timeline event and the audit entry of its closing.
async fn record_closed(
    tx: &mut Tx,
    user: &CurrentUser,
    loaded: &Loaded,
    outcomes: &str,
    marks: &[NeedMark],
) -> AppResult<()> {
    let project = &loaded.project;
    projects_db::record_event(
        tx,
        project.id,
        Some(Status::FinalEvaluation),
        Status::Closed,
        (Some(user.id), &user.display_name),
        Some(outcomes),
    )
    .await?;
    let entry = Entry::new("project.closed", "project", project.id)
        .at_record(user, project.union_id, &project.union_path)
        .detail("grade", loaded.grade.map(|(_, g)| g.as_str()))
        .detail("needs", marks);
    audit::record(tx, user, entry).await?;
    Ok(())
}
