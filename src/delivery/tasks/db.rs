//! The queries of the delivery tasks. They are built at run time: each list
//! says the reader's scope ([`ListScope`]) in the columns of its own table.

use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use crate::db::list::ListScope;
use crate::delivery::evaluations::db::SCOPE_COLUMNS as EVALUATION_SCOPE;
use crate::delivery::rectifications::db::SCOPE_COLUMNS as RECTIFICATION_SCOPE;
use crate::delivery::reports::db::{
    ReportRecord, ReportRow, SCOPE_COLUMNS as REPORT_SCOPE, report_select,
};

/// Rows a task shows.
const SHOWN: i64 = 20;
/// How far ahead an organization is reminded of a report.
const DUE_WITHIN_DAYS: i32 = 14;

/// Which reports a task lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportTask {
    /// Open to the organization and due within [`DUE_WITHIN_DAYS`] or overdue.
    ToWrite,
    /// Submitted, waiting for a decision.
    ToReview,
    /// Open and past their due date.
    Overdue,
}

impl ReportTask {
    fn condition(self) -> String {
        match self {
            ReportTask::ToWrite => format!(
                "r.status in ('due', 'draft', 'returned') and r.due_on <= current_date + {DUE_WITHIN_DAYS}"
            ),
            ReportTask::ToReview => "r.status = 'submitted'".to_owned(),
            ReportTask::Overdue => {
                "r.status in ('due', 'draft', 'returned') and r.due_on < current_date".to_owned()
            }
        }
    }
}

/// The reports of `task` in `scope`, the earliest due first (at most
/// [`SHOWN`]).
pub async fn reports(
    conn: &mut PgConnection,
    scope: &ListScope,
    task: ReportTask,
) -> sqlx::Result<Vec<ReportRow>> {
    // The ids first, from the list indexes alone, then their rows.
    let mut q: QueryBuilder<Postgres> = QueryBuilder::new(concat!(
        report_select!(),
        " where r.id in (select r.id from reports r where "
    ));
    q.push(task.condition());
    scope.push(&mut q, &REPORT_SCOPE);
    q.push(" order by r.due_on, r.id limit ")
        .push_bind(SHOWN)
        .push(") order by r.due_on, r.id");
    let rows: Vec<ReportRecord> = q.build_query_as().fetch_all(conn).await?;
    Ok(rows.into_iter().map(ReportRow::from).collect())
}

/// Rectification orders in `status` in `scope`, the nearest deadline first
/// (at most [`SHOWN`]): id, project code and title, deadline.
pub async fn orders(
    conn: &mut PgConnection,
    scope: &ListScope,
    status: &str,
) -> sqlx::Result<Vec<(Uuid, String, String)>> {
    let mut q: QueryBuilder<Postgres> = QueryBuilder::new(
        "select r.id, p.code || ' ' || p.title, r.deadline::text
           from rectifications r join projects p on p.id = r.project_id where r.status = ",
    );
    q.push_bind(status.to_owned());
    scope.push(&mut q, &RECTIFICATION_SCOPE);
    q.push(" order by r.deadline limit ").push_bind(SHOWN);
    q.build_query_as().fetch_all(conn).await
}

/// Open evaluations in `scope` that `evaluator` has not submitted a sheet
/// for, the oldest first (at most [`SHOWN`]): id, project code and title,
/// organization.
pub async fn evaluations_to_score(
    conn: &mut PgConnection,
    scope: &ListScope,
    evaluator: Uuid,
) -> sqlx::Result<Vec<(Uuid, String, String)>> {
    let mut q: QueryBuilder<Postgres> = QueryBuilder::new(
        "select e.id, p.code || ' ' || p.title, organization_public_name(e.org_id)
           from evaluations e join projects p on p.id = e.project_id
          where e.status = 'open'
            and not exists (select 1 from evaluation_sheets s where s.evaluation_id = e.id
                                and s.evaluator_id = ",
    );
    q.push_bind(evaluator).push(" and s.status = 'submitted')");
    scope.push(&mut q, &EVALUATION_SCOPE);
    q.push(" order by e.created_at limit ").push_bind(SHOWN);
    q.build_query_as().fetch_all(conn).await
}
