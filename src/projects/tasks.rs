//! The project tasks of the home page (我的待办): projects waiting for my
//! approval, reviews assigned to me, calls closing within seven days, awards
//! waiting for a contract, and an organization's new notices.

use crate::db::list::ListScope;
use chrono::NaiveDate;

use super::db::ProjectRow;
use super::notices::{self, NoticeRow};
use super::reviews::db::{self as reviews_db, ReviewStatus};
use crate::db::Tx;
use crate::error::AppResult;
use crate::identity::CurrentUser;
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

/// Projects in `status` that the user sees, the nearest deadline first;
/// `scope` narrows to a union cadre's subtree for the indexes.
async fn projects_in(
    tx: &mut Tx,
    scope: &ListScope,
    status: &str,
    closing_by: Option<NaiveDate>,
) -> AppResult<Vec<ProjectRow>> {
    let mut q = sqlx::QueryBuilder::<sqlx::Postgres>::new(concat!(
        super::db::project_select!(),
        " where p.status = "
    ));
    q.push_bind(status.to_owned());
    scope.push(&mut q, &super::db::SCOPE_COLUMNS);
    if let Some(by) = closing_by {
        q.push(" and p.apply_closes_on <= ").push_bind(by);
    }
    q.push(" order by p.apply_closes_on, p.code limit ")
        .push_bind(SHOWN);
    Ok(q.build_query_as().fetch_all(&mut **tx).await?)
}

pub async fn for_user(tx: &mut Tx, user: &CurrentUser) -> AppResult<ProjectTasks> {
    let mut tasks = ProjectTasks::default();
    let scope = if user.role.works_in_scope() {
        ListScope::of_path(&user.union.path)
    } else {
        ListScope::Nation
    };
    let closing_by =
        chrono::Local::now().date_naive() + chrono::Days::new(CLOSING_WITHIN_DAYS as u64);
    if user.role == crate::identity::Role::Admin {
        // One threshold per province, not one query per project.
        let mut thresholds: std::collections::HashMap<String, i64> =
            std::collections::HashMap::new();
        for project in projects_in(tx, &scope, "pending_approval", None).await? {
            let province: String = project
                .union_path
                .split('.')
                .take(2)
                .collect::<Vec<_>>()
                .join(".");
            let threshold = match thresholds.get(&province) {
                Some(threshold) => *threshold,
                None => {
                    let threshold = super::db::approval_threshold(tx, &province).await?;
                    thresholds.insert(province, threshold);
                    threshold
                }
            };
            if super::workflow::approves(user, &project, threshold) {
                let detail = project.union_name.clone();
                tasks.to_approve.push(link(&project, detail));
            }
        }
    }
    if policy::permits(
        user,
        &Action::Review {
            reviewer_id: user.id,
        },
    ) {
        for a in reviews_db::of_reviewer(tx, user.id).await? {
            if matches!(a.status, ReviewStatus::Assigned | ReviewStatus::Scoring) {
                tasks.to_review.push(TaskLink {
                    href: format!("/reviews/{}", a.id),
                    title: format!("{} {}", a.project_code, a.project_title),
                    detail: a.org_name,
                });
            }
        }
    }
    if policy::permits(user, &Action::ListProjects) || user.org_id.is_some() {
        for project in projects_in(tx, &scope, "open", Some(closing_by)).await? {
            let href = if user.org_id.is_some() {
                "/calls".to_owned()
            } else {
                format!("/projects/{}", project.id)
            };
            tasks.closing_soon.push(TaskLink {
                href,
                title: format!("{} {}", project.code, project.title),
                detail: project.apply_closes_on.to_string(),
            });
        }
    }
    if policy::permits(
        user,
        &Action::EditProject {
            union_path: &user.union.path,
        },
    ) {
        for project in projects_in(tx, &scope, "awarded", None).await? {
            let detail = project.union_name.clone();
            tasks.awaiting_contract.push(link(&project, detail));
        }
    }
    if let Some(org_id) = user.org_id {
        tasks.notices = notices::latest(tx, org_id, 5)
            .await?
            .into_iter()
            .filter(|n| n.read_at.is_none())
            .collect();
    }
    Ok(tasks)
}
