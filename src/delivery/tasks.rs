//! The delivery tasks of the home page (我的待办): reports to write (due soon
//! or overdue) and rectification orders to answer for an organization; reports
//! to decide, overdue reports, answers to check and evaluations to score for
//! staff and supervisors.

use sqlx::{Postgres, QueryBuilder};

use super::reports::db::ReportRow;
use crate::db::Tx;
use crate::db::list::ListScope;
use crate::error::AppResult;
use crate::identity::CurrentUser;
use crate::identity::Role;
use crate::projects::tasks::TaskLink;

/// Rows a task shows.
const SHOWN: i64 = 20;
/// How far ahead an organization is reminded of a report.
const DUE_WITHIN_DAYS: i32 = 14;

#[derive(Clone, Debug, Default)]
pub struct DeliveryTasks {
    pub reports_to_write: Vec<TaskLink>,
    pub reports_to_review: Vec<TaskLink>,
    pub reports_overdue: Vec<TaskLink>,
    pub orders_to_answer: Vec<TaskLink>,
    pub answers_to_check: Vec<TaskLink>,
    pub evaluations_to_score: Vec<TaskLink>,
}

impl DeliveryTasks {
    /// (title key, lines) in the order the home page shows them.
    pub fn lists(&self) -> [(&'static str, &[TaskLink]); 6] {
        [
            ("home.reports_to_write", &self.reports_to_write),
            ("home.orders_to_answer", &self.orders_to_answer),
            ("home.reports_to_review", &self.reports_to_review),
            ("home.reports_overdue", &self.reports_overdue),
            ("home.answers_to_check", &self.answers_to_check),
            ("home.evaluations_to_score", &self.evaluations_to_score),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.lists().iter().all(|(_, l)| l.is_empty())
    }
}

/// Reports matching `condition`, the earliest due first.
async fn reports(tx: &mut Tx, scope: &ListScope, condition: &str) -> AppResult<Vec<TaskLink>> {
    // The ids first, from the list indexes alone, then their rows.
    let mut q: QueryBuilder<Postgres> = QueryBuilder::new(concat!(
        crate::delivery::reports::db::report_select!(),
        " where r.id in (select r.id from reports r where "
    ));
    q.push(condition);
    scope.push(&mut q, &crate::delivery::reports::db::SCOPE_COLUMNS);
    q.push(" order by r.due_on, r.id limit ")
        .push_bind(SHOWN)
        .push(") order by r.due_on, r.id");
    let rows: Vec<ReportRow> = q.build_query_as().fetch_all(&mut **tx).await?;
    Ok(rows
        .into_iter()
        .map(|r| TaskLink {
            href: format!("/reports/{}", r.id),
            title: format!("{} {}", r.project_code, r.project_title),
            detail: format!("{} · {}", r.org_name, r.due_on),
        })
        .collect())
}

/// Rectification orders in `status`, the nearest deadline first.
async fn orders(tx: &mut Tx, scope: &ListScope, status: &str) -> AppResult<Vec<TaskLink>> {
    let mut q: QueryBuilder<Postgres> = QueryBuilder::new(
        "select r.id, p.code || ' ' || p.title, r.deadline::text
           from rectifications r join projects p on p.id = r.project_id where r.status = ",
    );
    q.push_bind(status.to_owned());
    scope.push(&mut q, &super::rectifications::db::SCOPE_COLUMNS);
    q.push(" order by r.deadline limit ").push_bind(SHOWN);
    let rows: Vec<(uuid::Uuid, String, String)> = q.build_query_as().fetch_all(&mut **tx).await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, deadline)| TaskLink {
            href: format!("/rectifications/{id}"),
            title,
            detail: deadline,
        })
        .collect())
}

pub async fn for_user(tx: &mut Tx, user: &CurrentUser) -> AppResult<DeliveryTasks> {
    let mut tasks = DeliveryTasks::default();
    // Viewers read; reviewers have no part in delivery.
    let Some(scope) = user.list_scope().filter(|_| user.role != Role::Viewer) else {
        return Ok(tasks);
    };
    if let ListScope::Org(_) = scope {
        tasks.reports_to_write = reports(
            tx,
            &scope,
            &format!(
                "r.status in ('due', 'draft', 'returned') and r.due_on <= current_date + {DUE_WITHIN_DAYS}"
            ),
        )
        .await?;
        tasks.orders_to_answer = orders(tx, &scope, "open").await?;
        return Ok(tasks);
    }
    tasks.reports_to_review = reports(tx, &scope, "r.status = 'submitted'").await?;
    tasks.reports_overdue = reports(
        tx,
        &scope,
        "r.status in ('due', 'draft', 'returned') and r.due_on < current_date",
    )
    .await?;
    tasks.answers_to_check = orders(tx, &scope, "answered").await?;
    let mut q: QueryBuilder<Postgres> = QueryBuilder::new(
        "select e.id, p.code || ' ' || p.title, organization_public_name(e.org_id)
           from evaluations e join projects p on p.id = e.project_id
          where e.status = 'open'
            and not exists (select 1 from evaluation_sheets s where s.evaluation_id = e.id
                                and s.evaluator_id = ",
    );
    q.push_bind(user.id).push(" and s.status = 'submitted')");
    scope.push(&mut q, &super::evaluations::db::SCOPE_COLUMNS);
    q.push(" order by e.created_at limit ").push_bind(SHOWN);
    let rows: Vec<(uuid::Uuid, String, String)> = q.build_query_as().fetch_all(&mut **tx).await?;
    tasks.evaluations_to_score = rows
        .into_iter()
        .map(|(id, title, org)| TaskLink {
            href: format!("/evaluations/{id}"),
            title,
            detail: org,
        })
        .collect();
    Ok(tasks)
}
