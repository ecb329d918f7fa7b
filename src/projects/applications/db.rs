//! The queries of applications. Row-level security shows an organization its
//! own, and the purchaser's scope the applications to its projects.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::forms::ApplicationInput;

crate::text_enum!(pub enum AppStatus("apply.status") {
    Draft => "draft",
    Submitted => "submitted",
    Withdrawn => "withdrawn",
    Awarded => "awarded",
    Rejected => "rejected",
});

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ApplicationRow {
    pub id: Uuid,
    pub project_id: Uuid,
    pub union_path: String,
    pub org_id: Uuid,
    pub org_name: String,
    #[sqlx(try_from = "String")]
    pub status: AppStatus,
    pub proposal: String,
    pub needs_analysis: String,
    pub objectives: String,
    pub activities_plan: String,
    pub team: String,
    pub performance_targets: String,
    pub requested_fen: i64,
    #[sqlx(flatten)]
    pub budget: BudgetLines,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
    pub version: i32,
}

/// Money per budget line, in the order of `forms::LINES`: what an
/// application budgets, what a report spends.
#[derive(Clone, Copy, Debug, Default, sqlx::FromRow)]
pub struct BudgetLines {
    pub personnel_fen: i64,
    pub activities_fen: i64,
    pub publicity_fen: i64,
    pub transport_fen: i64,
    pub office_fen: i64,
    pub experts_fen: i64,
    pub management_fen: i64,
    pub evaluation_fen: i64,
}

impl BudgetLines {
    pub fn lines_fen(&self) -> [i64; 8] {
        [
            self.personnel_fen,
            self.activities_fen,
            self.publicity_fen,
            self.transport_fen,
            self.office_fen,
            self.experts_fen,
            self.management_fen,
            self.evaluation_fen,
        ]
    }

    pub fn total_fen(&self) -> i64 {
        self.lines_fen().iter().sum()
    }
}

macro_rules! application_select {
    () => {
        "select a.id, a.project_id, a.union_path::text as union_path, a.org_id,
                organization_public_name(a.org_id) as org_name,
                a.status, a.proposal, a.needs_analysis, a.objectives, a.activities_plan, a.team,
                a.performance_targets, a.requested_fen, a.personnel_fen, a.activities_fen,
                a.publicity_fen, a.transport_fen, a.office_fen, a.experts_fen, a.management_fen,
                a.evaluation_fen, a.submitted_at, a.decision_reason, a.version
           from applications a"
    };
}

pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<ApplicationRow>> {
    sqlx::query_as(concat!(application_select!(), " where a.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// An organization's application to a project, if it has one.
pub async fn of_org_for(
    conn: &mut PgConnection,
    org_id: Uuid,
    project_id: Uuid,
) -> sqlx::Result<Option<ApplicationRow>> {
    sqlx::query_as(concat!(
        application_select!(),
        " where a.org_id = $1 and a.project_id = $2"
    ))
    .bind(org_id)
    .bind(project_id)
    .fetch_optional(conn)
    .await
}

/// The applications to a project that were submitted (drafts stay private).
pub async fn of_project(
    conn: &mut PgConnection,
    project_id: Uuid,
) -> sqlx::Result<Vec<ApplicationRow>> {
    sqlx::query_as(concat!(
        application_select!(),
        " where a.project_id = $1 and a.status <> 'draft' order by a.submitted_at, a.id"
    ))
    .bind(project_id)
    .fetch_all(conn)
    .await
}

/// One of an organization's applications, with its project.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OwnApplication {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    #[sqlx(try_from = "String")]
    pub status: AppStatus,
    pub requested_fen: i64,
    pub apply_closes_on: chrono::NaiveDate,
}

pub async fn of_org(conn: &mut PgConnection, org_id: Uuid) -> sqlx::Result<Vec<OwnApplication>> {
    sqlx::query_as(
        "select a.id, p.code, p.title, a.status, a.requested_fen, p.apply_closes_on
           from applications a join projects p on p.id = a.project_id
          where a.org_id = $1 order by a.created_at desc",
    )
    .bind(org_id)
    .fetch_all(conn)
    .await
}

/// Starts an empty draft; `None` when the organization already applied.
pub async fn start(
    conn: &mut PgConnection,
    project_id: Uuid,
    org_id: Uuid,
    created_by: Uuid,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "insert into applications (project_id, org_id, created_by) values ($1, $2, $3)
         on conflict (project_id, org_id) do nothing returning id",
    )
    .bind(project_id)
    .bind(org_id)
    .bind(created_by)
    .fetch_optional(conn)
    .await
}

/// Saves a draft at `version`; `false` if it changed meanwhile or is no draft.
pub async fn save(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    input: &ApplicationInput,
) -> sqlx::Result<bool> {
    let [proposal, needs, objectives, plan, team, targets] = &input.texts;
    let [
        personnel,
        activities,
        publicity,
        transport,
        office,
        experts,
        management,
        evaluation,
    ] = input.lines_fen;
    let done = sqlx::query(
        "update applications set proposal = $3, needs_analysis = $4, objectives = $5,
                activities_plan = $6, team = $7, performance_targets = $8, requested_fen = $9,
                personnel_fen = $10, activities_fen = $11, publicity_fen = $12,
                transport_fen = $13, office_fen = $14, experts_fen = $15, management_fen = $16,
                evaluation_fen = $17, updated_at = now(), version = version + 1
          where id = $1 and version = $2 and status = 'draft'",
    )
    .bind(id)
    .bind(version)
    .bind(proposal)
    .bind(needs)
    .bind(objectives)
    .bind(plan)
    .bind(team)
    .bind(targets)
    .bind(input.requested_fen)
    .bind(personnel)
    .bind(activities)
    .bind(publicity)
    .bind(transport)
    .bind(office)
    .bind(experts)
    .bind(management)
    .bind(evaluation)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves an application from `from` to `to`; `false` if it was not in `from`.
pub async fn move_status(
    conn: &mut PgConnection,
    id: Uuid,
    from: AppStatus,
    to: AppStatus,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update applications set status = $3, updated_at = now(), version = version + 1,
                submitted_at = case when $3 = 'submitted' then now() else submitted_at end
          where id = $1 and status = $2",
    )
    .bind(id)
    .bind(from.as_str())
    .bind(to.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records the purchaser's decision on a submitted application.
pub async fn decide(
    conn: &mut PgConnection,
    id: Uuid,
    to: AppStatus,
    reason: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update applications set status = $2, decision_reason = $3, decided_at = now(),
                updated_at = now(), version = version + 1
          where id = $1 and status = 'submitted'",
    )
    .bind(id)
    .bind(to.as_str())
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
