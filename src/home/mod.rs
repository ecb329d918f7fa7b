//! The home page (工作台): the user's union and scope at a glance, and the
//! tasks waiting for them.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::{Router, routing::get};

use crate::db::Tx;
use crate::db::list::Position;
use crate::db::list::{CappedCount, ListScope};
use crate::delivery::tasks::DeliveryTasks;
use crate::error::AppResult;
use crate::experiences::db::ExperienceRow;
use crate::identity::CurrentUser;
use crate::identity::Role;
use crate::meetings::home::{Invitation, OpenAction};
use crate::orgs::contacts::db::{self as contacts, DueRow};
use crate::pilots::OverdueMilestone;
use crate::policy::{self, Action};
use crate::projects::tasks::{ProjectTasks, TaskLink};
use crate::state::AppState;
use crate::unions::db::{self as unions_db, ChildRow};
use crate::web::{Ctx, render};

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

/// Organizations shown on the home page's contact task.
const DUE_SHOWN: i64 = 5;

/// Overdue pilot milestones shown on the home page.
const OVERDUE_SHOWN: i64 = 10;

/// Open meeting actions and meeting invitations shown on the home page.
const MEETING_ITEMS_SHOWN: i64 = 10;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: Ctx,
    /// The scope summary, for union cadres; reviewers, evaluators and
    /// organizations have no subtree.
    scope: Option<ScopeSummary>,
    /// Organizations due for regular contact, for those who keep it.
    contacts_due: Option<ContactsDue>,
    projects: ProjectTasks,
    delivery: DeliveryTasks,
    /// Overdue milestones of the union's own pilot or, at a provincial
    /// union, of the province's pilots.
    pilots_overdue: Vec<OverdueMilestone>,
    /// The experiences featured nationwide, for every union cadre.
    featured: Vec<ExperienceRow>,
    /// The follow-up actions of meetings the user answers for, until done.
    meeting_actions: Vec<OpenAction>,
    /// An organization account's invitations to meetings.
    invitations: Vec<Invitation>,
}

struct ScopeSummary {
    descendant_count: i64,
    /// The organizations in the scope (capped), for those who may list them.
    organizations: Option<CappedCount>,
    users_by_role: Vec<(Role, i64)>,
    children: Vec<ChildRow>,
    more_children: bool,
    can_manage_users: bool,
}

struct ContactsDue {
    overdue: i64,
    soon: i64,
    first: Vec<DueRow>,
}

impl HomePage {
    /// The label of a role's accounts: an organization's are told apart from
    /// the organizations themselves.
    fn accounts_label(&self, role: &Role) -> &'static str {
        match role {
            Role::Org => "home.counts.org_accounts",
            _ => role.label_key(),
        }
    }

    fn has_tasks(&self) -> bool {
        self.contacts_due
            .as_ref()
            .is_some_and(|due| due.overdue + due.soon > 0)
            || !self.projects.is_empty()
            || !self.delivery.is_empty()
            || !self.pilots_overdue.is_empty()
            || !self.meeting_actions.is_empty()
            || !self.invitations.is_empty()
    }

    /// The project and delivery task lists: (title key, lines).
    fn project_tasks(&self) -> Vec<(&'static str, &[TaskLink])> {
        let mut lists: Vec<(&'static str, &[TaskLink])> = vec![
            ("home.to_approve", &self.projects.to_approve),
            ("home.to_review", &self.projects.to_review),
            ("home.closing_soon", &self.projects.closing_soon),
            ("home.awaiting_contract", &self.projects.awaiting_contract),
        ];
        lists.extend(self.delivery.lists());
        lists
    }
}

async fn home(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
) -> AppResult<Response> {
    let scope = if policy::permits(&user, &Action::BrowseUnions) {
        let children = unions_db::children(&mut tx, user.union.id, None, &Position::Start).await?;
        Some(ScopeSummary {
            descendant_count: unions_db::descendant_count(&mut tx, &user.union.path).await?,
            organizations: if policy::permits(&user, &Action::ListOrgs) {
                Some(crate::orgs::counts::in_scope(&state, &mut tx, &user).await?)
            } else {
                None
            },
            users_by_role: unions_db::users_by_role(&mut tx, &user.union.path).await?,
            more_children: children.next.is_some(),
            children: children.rows,
            can_manage_users: policy::permits(&user, &Action::ListUsers),
        })
    } else {
        None
    };
    let contacts_due = if policy::permits(
        &user,
        &Action::EditOrg {
            union_path: &user.union.path,
        },
    ) {
        let scope = ListScope::of_path(&user.union.path)
            .listing_unions(&mut tx)
            .await?;
        let (overdue, soon) = contacts::cached_due_counts(&state, &mut tx, &user, &scope).await?;
        let first = contacts::due_first(&mut tx, &scope, DUE_SHOWN).await?;
        Some(ContactsDue {
            overdue,
            soon,
            first,
        })
    } else {
        None
    };
    let projects = crate::projects::tasks::for_user(&mut tx, &user).await?;
    let delivery = crate::delivery::tasks::for_user(&mut tx, &user).await?;
    let (pilots_overdue, featured) = if policy::permits(&user, &Action::ListPilots) {
        (
            crate::pilots::db::overdue_for_home(&mut tx, &user.union.path, OVERDUE_SHOWN).await?,
            crate::experiences::db::featured(&mut tx).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let meeting_actions = if policy::permits(&user, &Action::ListMeetings) {
        crate::meetings::home::open_actions(&mut tx, user.id, MEETING_ITEMS_SHOWN).await?
    } else {
        Vec::new()
    };
    let invitations = match user.org_id {
        Some(org_id) if policy::permits(&user, &Action::AnswerInvitation { org_id }) => {
            crate::meetings::home::invitations(&mut tx, org_id, MEETING_ITEMS_SHOWN).await?
        }
        _ => Vec::new(),
    };
    tx.commit().await?;
    render(&HomePage {
        ctx,
        scope,
        contacts_due,
        projects,
        delivery,
        pilots_overdue,
        featured,
        meeting_actions,
        invitations,
    })
}
