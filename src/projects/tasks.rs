//! The project tasks of the home page (我的待办): projects waiting for my
//! approval, reviews assigned to me, calls closing within seven days, awards
//! waiting for a contract, and an organization's new notices.

use std::collections::HashMap;

use super::Status;
use super::db::notices::{self, NoticeRow};
use super::db::{self, ProjectRow};
use super::reviews::db::{self as reviews_db, ReviewStatus};
use crate::db::Tx;
use crate::db::list::ListScope;
use crate::error::AppResult;
use crate::identity::{CurrentUser, Role};
use crate::policy::{self, Action};

/// How far ahead "closing soon" looks.
const CLOSING_WITHIN_DAYS: i32 = 7;
/// Rows a task shows.
const SHOWN: i64 = 20;

/// One line of a task: where it leads and what it says.
#[derive(Clone, Debug)]
pub struct TaskLink {
    pub href: String,
    pub title: String,
    pub detail: String,
}

#[derive(Clone, Debug, Default)]
pub struct ProjectTasks {
    pub to_approve: Vec<TaskLink>,
    pub to_review: Vec<TaskLink>,
    pub closing_soon: Vec<TaskLink>,
    pub awaiting_contract: Vec<TaskLink>,
    pub notices: Vec<NoticeRow>,
}

impl ProjectTasks {
    pub fn is_empty(&self) -> bool {
        self.to_approve.is_empty()
            && self.to_review.is_empty()
            && self.closing_soon.is_empty()
            && self.awaiting_contract.is_empty()
            && self.notices.is_empty()
    }
}

fn link(project: &ProjectRow, detail: String) -> TaskLink {
    TaskLink {
        href: format!("/projects/{}", project.id),
        title: format!("{} {}", project.code, project.title),
        detail,
    }
}

/// Pending approvals the user may give. One threshold per province, not one
/// query per project.
async fn to_approve(
    tx: &mut Tx,
    user: &CurrentUser,
    scope: &ListScope,
) -> AppResult<Vec<TaskLink>> {
    let mut thresholds: HashMap<String, i64> = HashMap::new();
    let mut links = Vec::new();
    for project in db::in_status(tx, scope, Status::PendingApproval, None, SHOWN).await? {
        let province: String = project
            .union_path
            .split('.')
            .take(2)
            .collect::<Vec<_>>()
            .join(".");
        let threshold = match thresholds.get(&province) {
            Some(threshold) => *threshold,
            None => {
                let threshold = db::approval_threshold(tx, &province).await?;
                thresholds.insert(province, threshold);
                threshold
            }
        };
        if super::workflow::approves(user, &project, threshold) {
            let detail = project.union_name.clone();
            links.push(link(&project, detail));
        }
    }
    Ok(links)
}

/// The reviewer's assignments still to declare or score.
async fn to_review(tx: &mut Tx, user: &CurrentUser) -> AppResult<Vec<TaskLink>> {
    Ok(reviews_db::of_reviewer(tx, user.id)
        .await?
        .into_iter()
        .filter(|a| matches!(a.status, ReviewStatus::Assigned | ReviewStatus::Scoring))
        .map(|a| TaskLink {
            href: format!("/reviews/{}", a.id),
            title: format!("{} {}", a.project_code, a.project_title),
            detail: a.org_name,
        })
        .collect())
}

/// Open calls closing within a week: an organization goes to its calls, staff
/// to the project.
async fn closing_soon(
    tx: &mut Tx,
    user: &CurrentUser,
    scope: &ListScope,
) -> AppResult<Vec<TaskLink>> {
    let closing_by =
        chrono::Local::now().date_naive() + chrono::Days::new(CLOSING_WITHIN_DAYS as u64);
    let projects = db::in_status(tx, scope, Status::Open, Some(closing_by), SHOWN).await?;
    Ok(projects
        .into_iter()
        .map(|project| TaskLink {
            href: if user.org_id.is_some() {
                "/calls".to_owned()
            } else {
                format!("/projects/{}", project.id)
            },
            title: format!("{} {}", project.code, project.title),
            detail: project.apply_closes_on.to_string(),
        })
        .collect())
}

/// Awarded projects whose contract is still to be signed.
async fn awaiting_contract(tx: &mut Tx, scope: &ListScope) -> AppResult<Vec<TaskLink>> {
    let projects = db::in_status(tx, scope, Status::Awarded, None, SHOWN).await?;
    Ok(projects
        .iter()
        .map(|project| link(project, project.union_name.clone()))
        .collect())
}

pub async fn for_user(tx: &mut Tx, user: &CurrentUser) -> AppResult<ProjectTasks> {
    let mut tasks = ProjectTasks::default();
    let scope = if user.role.works_in_scope() {
        ListScope::of_path(&user.union.path)
    } else {
        ListScope::Nation
    };
    if user.role == Role::Admin {
        tasks.to_approve = to_approve(tx, user, &scope).await?;
    }
    let reviewer = Action::Review {
        reviewer_id: user.id,
    };
    if policy::permits(user, &reviewer) {
        tasks.to_review = to_review(tx, user).await?;
    }
    if policy::permits(user, &Action::ListProjects) || user.org_id.is_some() {
        tasks.closing_soon = closing_soon(tx, user, &scope).await?;
    }
    let buyer = Action::EditProject {
        union_path: &user.union.path,
    };
    if policy::permits(user, &buyer) {
        tasks.awaiting_contract = awaiting_contract(tx, &scope).await?;
    }
    if let Some(org_id) = user.org_id {
        tasks.notices = notices::latest_notices(tx, org_id, 5)
            .await?
            .into_iter()
            .filter(|n| n.read_at.is_none())
            .collect();
    }
    Ok(tasks)
}
