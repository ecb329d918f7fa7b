//! The queries of applications. Row-level security shows an organization its
//! own, and the purchaser's scope the applications to its projects.

use chrono::{DateTime, Utc};
use futures_util::stream::BoxStream;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::projects::budget::BudgetLines;

use super::forms::ApplicationInput;

crate::text_enum!(pub enum AppStatus("apply.status") {
    Draft => "draft",
    Submitted => "submitted",
    Withdrawn => "withdrawn",
    Awarded => "awarded",
    Rejected => "rejected",
});

#[derive(Clone, Debug)]
pub struct ApplicationRow {
    pub id: Uuid,
    pub project_id: Uuid,
    pub union_path: String,
    pub org_id: Uuid,
    pub org_name: String,
    pub status: AppStatus,
    pub proposal: String,
    pub needs_analysis: String,
    pub objectives: String,
    pub activities_plan: String,
    pub team: String,
    pub performance_targets: String,
    pub requested_fen: i64,
    pub budget: BudgetLines,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
    pub version: i32,
}

/// An application as the checked queries read it: the budget lines flat,
/// gathered into [`BudgetLines`] by `From`.
struct ApplicationRecord {
    id: Uuid,
    project_id: Uuid,
    union_path: String,
    org_id: Uuid,
    org_name: String,
    status: AppStatus,
    proposal: String,
    needs_analysis: String,
    objectives: String,
    activities_plan: String,
    team: String,
    performance_targets: String,
    requested_fen: i64,
    personnel_fen: i64,
    activities_fen: i64,
    publicity_fen: i64,
    transport_fen: i64,
    office_fen: i64,
    experts_fen: i64,
    management_fen: i64,
    evaluation_fen: i64,
    submitted_at: Option<DateTime<Utc>>,
    decision_reason: Option<String>,
    version: i32,
}

impl From<ApplicationRecord> for ApplicationRow {
    fn from(r: ApplicationRecord) -> Self {
        Self {
            id: r.id,
            project_id: r.project_id,
            union_path: r.union_path,
            org_id: r.org_id,
            org_name: r.org_name,
            status: r.status,
            proposal: r.proposal,
            needs_analysis: r.needs_analysis,
            objectives: r.objectives,
            activities_plan: r.activities_plan,
            team: r.team,
            performance_targets: r.performance_targets,
            requested_fen: r.requested_fen,
            budget: BudgetLines([
                r.personnel_fen,
                r.activities_fen,
                r.publicity_fen,
                r.transport_fen,
                r.office_fen,
                r.experts_fen,
                r.management_fen,
                r.evaluation_fen,
            ]),
            submitted_at: r.submitted_at,
            decision_reason: r.decision_reason,
            version: r.version,
        }
    }
}

/// An application, if the actor sees it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<ApplicationRow>> {
    let record = sqlx::query_as!(
        ApplicationRecord,
        r#"select a.id, a.project_id, a.union_path::text as "union_path!", a.org_id,
                  organization_public_name(a.org_id) as "org_name!", a.status as "status: _",
                  a.proposal, a.needs_analysis, a.objectives, a.activities_plan, a.team,
                  a.performance_targets, a.requested_fen, a.personnel_fen, a.activities_fen,
                  a.publicity_fen, a.transport_fen, a.office_fen, a.experts_fen,
                  a.management_fen, a.evaluation_fen, a.submitted_at, a.decision_reason,
                  a.version
             from applications a where a.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(record.map(ApplicationRow::from))
}

/// An organization's application to a project, if it has one.
pub async fn of_org_for(
    conn: &mut PgConnection,
    org_id: Uuid,
    project_id: Uuid,
) -> sqlx::Result<Option<ApplicationRow>> {
    let record = sqlx::query_as!(
        ApplicationRecord,
        r#"select a.id, a.project_id, a.union_path::text as "union_path!", a.org_id,
                  organization_public_name(a.org_id) as "org_name!", a.status as "status: _",
                  a.proposal, a.needs_analysis, a.objectives, a.activities_plan, a.team,
                  a.performance_targets, a.requested_fen, a.personnel_fen, a.activities_fen,
                  a.publicity_fen, a.transport_fen, a.office_fen, a.experts_fen,
                  a.management_fen, a.evaluation_fen, a.submitted_at, a.decision_reason,
                  a.version
             from applications a where a.org_id = $1 and a.project_id = $2"#,
        org_id,
        project_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(record.map(ApplicationRow::from))
}

/// The applications to a project that were submitted (drafts stay private).
pub async fn of_project(
    conn: &mut PgConnection,
    project_id: Uuid,
) -> sqlx::Result<Vec<ApplicationRow>> {
    let records = sqlx::query_as!(
        ApplicationRecord,
        r#"select a.id, a.project_id, a.union_path::text as "union_path!", a.org_id,
                  organization_public_name(a.org_id) as "org_name!", a.status as "status: _",
                  a.proposal, a.needs_analysis, a.objectives, a.activities_plan, a.team,
                  a.performance_targets, a.requested_fen, a.personnel_fen, a.activities_fen,
                  a.publicity_fen, a.transport_fen, a.office_fen, a.experts_fen,
                  a.management_fen, a.evaluation_fen, a.submitted_at, a.decision_reason,
                  a.version
             from applications a
            where a.project_id = $1 and a.status <> 'draft' order by a.submitted_at, a.id"#,
        project_id
    )
    .fetch_all(conn)
    .await?;
    Ok(records.into_iter().map(ApplicationRow::from).collect())
}

/// One of an organization's applications, with its project.
#[derive(Clone, Debug)]
pub struct OwnApplication {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub status: AppStatus,
    pub requested_fen: i64,
    pub apply_closes_on: chrono::NaiveDate,
}

/// An organization's applications, the newest first, as the cursor reads
/// them (the list collects them, the export streams them).
pub fn of_org(
    conn: &mut PgConnection,
    org_id: Uuid,
) -> BoxStream<'_, sqlx::Result<OwnApplication>> {
    sqlx::query_as!(
        OwnApplication,
        r#"select a.id, p.code, p.title, a.status as "status: _", a.requested_fen,
                  p.apply_closes_on
             from applications a join projects p on p.id = a.project_id
            where a.org_id = $1 order by a.created_at desc, a.id desc"#,
        org_id
    )
    .fetch(conn)
}

/// Starts an empty draft; `None` when the organization already applied.
pub async fn start(
    conn: &mut PgConnection,
    project_id: Uuid,
    org_id: Uuid,
    created_by: Uuid,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "insert into applications (project_id, org_id, created_by) values ($1, $2, $3)
         on conflict (project_id, org_id) do nothing returning id",
        project_id,
        org_id,
        created_by
    )
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
    ] = input.budget.0;
    let done = sqlx::query!(
        "update applications set proposal = $3, needs_analysis = $4, objectives = $5,
                activities_plan = $6, team = $7, performance_targets = $8, requested_fen = $9,
                personnel_fen = $10, activities_fen = $11, publicity_fen = $12,
                transport_fen = $13, office_fen = $14, experts_fen = $15, management_fen = $16,
                evaluation_fen = $17, updated_at = now(), version = version + 1
          where id = $1 and version = $2 and status = 'draft'",
        id,
        version,
        proposal,
        needs,
        objectives,
        plan,
        team,
        targets,
        input.requested_fen,
        personnel,
        activities,
        publicity,
        transport,
        office,
        experts,
        management,
        evaluation
    )
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
    let done = sqlx::query!(
        "update applications set status = $3, updated_at = now(), version = version + 1,
                submitted_at = case when $3 = 'submitted' then now() else submitted_at end
          where id = $1 and status = $2",
        id,
        from.as_str(),
        to.as_str()
    )
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
    let done = sqlx::query!(
        "update applications set status = $2, decision_reason = $3, decided_at = now(),
                updated_at = now(), version = version + 1
          where id = $1 and status = 'submitted'",
        id,
        to.as_str(),
        reason
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One score of a decided application's review, as its applicant may see it:
/// reviews are numbered by the database function, never named.
#[derive(Debug)]
pub struct OwnScoreLine {
    pub review_no: i64,
    pub indicator_id: Uuid,
    pub code: String,
    pub name: String,
    pub weight: i16,
    pub score_tenths: i32,
}

/// The scores of the organization's own application once it is decided
/// (none before, and none of another's).
pub async fn scores_for_applicant(
    conn: &mut PgConnection,
    application_id: Uuid,
) -> sqlx::Result<Vec<OwnScoreLine>> {
    sqlx::query_as!(
        OwnScoreLine,
        r#"select review_no as "review_no!", indicator_id as "indicator_id!", code as "code!",
                  name as "name!", weight as "weight!", score_tenths as "score_tenths!"
             from application_scores_for_applicant($1)"#,
        application_id
    )
    .fetch_all(conn)
    .await
}
