//! The queries of closing: the closing record of a project, what its delivery
//! adds up to, and the writes that close it.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::web::format::two_decimals;

#[derive(Clone, Debug)]
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

/// The closing record of a project, once closed.
pub async fn of_project(
    conn: &mut PgConnection,
    project_id: Uuid,
) -> sqlx::Result<Option<ClosingRow>> {
    sqlx::query_as!(
        ClosingRow,
        "select people_served, activities_held, service_hours, score_hundredths, grade, outcomes,
                lessons, closed_at
           from project_closings where project_id = $1",
        project_id
    )
    .fetch_optional(conn)
    .await
}

/// What the project delivered (accepted reports) and how it was graded.
#[derive(Clone, Debug)]
pub struct Results {
    pub people_served: i64,
    pub activities_held: i64,
    pub service_hours: i64,
    /// Contracts without a final evaluation made final.
    pub unevaluated: i64,
    /// Installments without a decision.
    pub undecided: i64,
    pub mean_hundredths: Option<i64>,
}

/// The [`Results`] of a project so far.
pub async fn results(conn: &mut PgConnection, project_id: Uuid) -> sqlx::Result<Results> {
    sqlx::query_as!(
        Results,
        r#"select coalesce((select sum(people_served) from reports
                              where project_id = $1 and status = 'accepted'), 0)::int8
                    as "people_served!",
                  coalesce((select sum(activities_held) from reports
                              where project_id = $1 and status = 'accepted'), 0)::int8
                    as "activities_held!",
                  coalesce((select sum(service_hours) from reports
                              where project_id = $1 and status = 'accepted'), 0)::int8
                    as "service_hours!",
                  (select count(*) from contracts c where c.project_id = $1
                     and not exists (select 1 from evaluations e where e.contract_id = c.id
                                        and e.kind = 'final' and e.status = 'final'))
                    as "unevaluated!",
                  (select count(*) from contract_installments i join contracts c on c.id = i.contract_id
                    where c.project_id = $1
                      and not exists (select 1 from payments p where p.contract_id = i.contract_id
                                         and p.position = i.position))
                    as "undecided!",
                  (select round(avg(e.total_hundredths))::int8 from evaluations e join contracts c on c.id = e.contract_id
                    where c.project_id = $1 and e.kind = 'final' and e.status = 'final')
                    as "mean_hundredths?""#,
        project_id
    )
    .fetch_one(conn)
    .await
}

/// A project's closing record as written.
#[derive(Debug)]
pub struct NewClosing<'a> {
    pub project_id: Uuid,
    pub union_path: &'a str,
    pub people_served: i32,
    pub activities_held: i32,
    pub service_hours: i32,
    pub score_hundredths: Option<i32>,
    pub grade: Option<&'a str>,
    pub outcomes: &'a str,
    pub lessons: &'a str,
    pub closed_by: Uuid,
}

/// Writes a project's closing record.
pub async fn insert(conn: &mut PgConnection, closing: &NewClosing<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into project_closings (project_id, union_path, people_served, activities_held,
                                       service_hours, score_hundredths, grade, outcomes, lessons, closed_by)
         values ($1, $2::text::ltree, $3, $4, $5, $6, $7, $8, $9, $10)",
        closing.project_id,
        closing.union_path,
        closing.people_served,
        closing.activities_held,
        closing.service_hours,
        closing.score_hundredths,
        closing.grade,
        closing.outcomes,
        closing.lessons,
        closing.closed_by
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks a worker need addressed by the closed project or not, with why.
pub async fn mark_need(
    conn: &mut PgConnection,
    need_id: Uuid,
    addressed: bool,
    note: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update needs set addressed = $2, addressed_note = $3, updated_at = now() where id = $1",
        need_id,
        addressed,
        note
    )
    .execute(conn)
    .await?;
    Ok(())
}
