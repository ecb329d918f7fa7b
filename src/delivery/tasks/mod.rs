//! The delivery tasks of the home page (我的待办): reports to write (due soon
//! or overdue) and rectification orders to answer for an organization; reports
//! to decide, overdue reports, answers to check and evaluations to score for
//! staff and supervisors.

mod db;

use uuid::Uuid;

use self::db::ReportTask;
use super::reports::db::ReportRow;
use crate::db::Tx;
use crate::db::list::ListScope;
use crate::error::AppResult;
use crate::identity::CurrentUser;
use crate::identity::Role;
use crate::projects::tasks::TaskLink;

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

fn report_link(r: ReportRow) -> TaskLink {
    TaskLink {
        href: format!("/reports/{}", r.id),
        title: format!("{} {}", r.project_code, r.project_title),
        detail: format!("{} · {}", r.org_name, r.due_on),
    }
}

fn order_link((id, title, deadline): (Uuid, String, String)) -> TaskLink {
    TaskLink {
        href: format!("/rectifications/{id}"),
        title,
        detail: deadline,
    }
}

fn evaluation_link((id, title, org): (Uuid, String, String)) -> TaskLink {
    TaskLink {
        href: format!("/evaluations/{id}"),
        title,
        detail: org,
    }
}

pub async fn for_user(tx: &mut Tx, user: &CurrentUser) -> AppResult<DeliveryTasks> {
    let mut tasks = DeliveryTasks::default();
    // Viewers read; reviewers have no part in delivery.
    let Some(scope) = user.list_scope().filter(|_| user.role != Role::Viewer) else {
        return Ok(tasks);
    };
    let links = |rows: Vec<ReportRow>| rows.into_iter().map(report_link).collect();
    if let ListScope::Org(_) = scope {
        tasks.reports_to_write = links(db::reports(tx, &scope, ReportTask::ToWrite).await?);
        tasks.orders_to_answer = db::orders(tx, &scope, "open")
            .await?
            .into_iter()
            .map(order_link)
            .collect();
        return Ok(tasks);
    }
    tasks.reports_to_review = links(db::reports(tx, &scope, ReportTask::ToReview).await?);
    tasks.reports_overdue = links(db::reports(tx, &scope, ReportTask::Overdue).await?);
    tasks.answers_to_check = db::orders(tx, &scope, "answered")
        .await?
        .into_iter()
        .map(order_link)
        .collect();
    tasks.evaluations_to_score = db::evaluations_to_score(tx, &scope, user.id)
        .await?
        .into_iter()
        .map(evaluation_link)
        .collect();
    Ok(tasks)
}
