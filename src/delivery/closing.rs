//! Closing (结项): once every contract's final evaluation is final and every
//! installment decided, an admin closes the project with its outcomes against
//! the targets, the grade (the mean of the final evaluations) and lessons, and
//! marks each linked worker need addressed or not, with why.

use askama::Template;
use axum::Router;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use sqlx::PgConnection;
use uuid::Uuid;

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

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ClosingRow {
    pub people_served: i32,
    pub activities_held: i32,
    pub service_hours: i32,
    pub score_hundredths: Option<i32>,
    pub grade: Option<String>,
    pub outcomes: String,
    pub lessons: String,
    pub closed_at: DateTime<Utc>,
}

impl ClosingRow {
    pub fn score(&self) -> String {
        self.score_hundredths
            .map(|s| two_decimals(i64::from(s)))
            .unwrap_or_default()
    }
}

pub async fn of_project(
    conn: &mut PgConnection,
    project_id: Uuid,
) -> sqlx::Result<Option<ClosingRow>> {
    sqlx::query_as(
        "select people_served, activities_held, service_hours, score_hundredths, grade, outcomes,
                lessons, closed_at
           from project_closings where project_id = $1",
    )
    .bind(project_id)
    .fetch_optional(conn)
    .await
}

/// What the project delivered (accepted reports) and how it was graded.
#[derive(Clone, Debug, sqlx::FromRow)]
struct Results {
    people_served: i64,
    activities_held: i64,
    service_hours: i64,
    /// Contracts without a final evaluation made final.
    unevaluated: i64,
    /// Installments without a decision.
    undecided: i64,
    mean_hundredths: Option<i64>,
}

async fn results(conn: &mut PgConnection, project_id: Uuid) -> sqlx::Result<Results> {
    sqlx::query_as(
        "select coalesce((select sum(people_served) from reports
                            where project_id = $1 and status = 'accepted'), 0)::int8 as people_served,
                coalesce((select sum(activities_held) from reports
                            where project_id = $1 and status = 'accepted'), 0)::int8 as activities_held,
                coalesce((select sum(service_hours) from reports
                            where project_id = $1 and status = 'accepted'), 0)::int8 as service_hours,
                (select count(*) from contracts c where c.project_id = $1
                   and not exists (select 1 from evaluations e where e.contract_id = c.id
                                      and e.kind = 'final' and e.status = 'final')) as unevaluated,
                (select count(*) from contract_installments i join contracts c on c.id = i.contract_id
                  where c.project_id = $1
                    and not exists (select 1 from payments p where p.contract_id = i.contract_id
                                       and p.position = i.position)) as undecided,
                (select round(avg(e.total_hundredths))::int8 from evaluations e join contracts c on c.id = e.contract_id
                  where c.project_id = $1 and e.kind = 'final' and e.status = 'final') as mean_hundredths",
    )
    .bind(project_id)
    .fetch_one(conn)
    .await
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
    let results = results(tx, id).await?;
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
    let mut marks = Vec::new();
    let mut need_errors = Vec::new();
    for (i, need) in loaded.needs.iter().enumerate() {
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
    let r = &loaded.results;
    let clamp = |n: i64| i32::try_from(n).unwrap_or(i32::MAX);
    sqlx::query(
        "insert into project_closings (project_id, union_path, people_served, activities_held,
                                       service_hours, score_hundredths, grade, outcomes, lessons, closed_by)
         values ($1, $2::ltree, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(id)
    .bind(&loaded.project.union_path)
    .bind(clamp(r.people_served))
    .bind(clamp(r.activities_held))
    .bind(clamp(r.service_hours))
    .bind(loaded.grade.map(|(mean, _)| clamp(mean)))
    .bind(loaded.grade.map(|(_, g)| g.as_str()))
    .bind(&outcomes)
    .bind(&lessons)
    .bind(user.id)
    .execute(&mut *tx)
    .await?;
    for (need_id, addressed, note) in &marks {
        sqlx::query("update needs set addressed = $2, addressed_note = $3, updated_at = now() where id = $1")
            .bind(need_id)
            .bind(addressed)
            .bind(note)
            .execute(&mut *tx)
            .await?;
    }
    projects_db::record_event(
        &mut tx,
        id,
        Some(Status::FinalEvaluation),
        Status::Closed,
        (Some(user.id), &user.display_name),
        Some(&outcomes),
    )
    .await?;
    let entry = Entry::new("project.closed", "project", id)
        .at_record(&user, loaded.project.union_id, &loaded.project.union_path)
        .detail("grade", loaded.grade.map(|(_, g)| g.as_str()))
        .detail("needs", &marks);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/projects/{id}"),
        Flash::with_arg("closing.done", &loaded.project.code),
    ))
}
