//! The home page (工作台): the user's union and scope at a glance, and the
//! tasks waiting for them.

use askama::Template;
use axum::response::Response;
use axum::{Router, routing::get};

use crate::auth::CurrentUser;
use crate::db::Tx;
use crate::error::AppResult;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::unions::db::{self as unions_db, ChildRow};
use crate::users::Role;
use crate::web::pagination::Position;
use crate::web::{Ctx, render};

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

/// Something waiting for the user. Later areas (contacts due, approvals,
/// reports to review) add their kinds here.
#[derive(Debug)]
pub struct Task {
    pub label: String,
    pub href: String,
    pub due: Option<String>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: Ctx,
    /// The scope summary, for union cadres; reviewers, evaluators and
    /// organizations have no subtree.
    scope: Option<ScopeSummary>,
    tasks: Vec<Task>,
}

struct ScopeSummary {
    descendant_count: i64,
    users_by_role: Vec<(Role, i64)>,
    children: Vec<ChildRow>,
    more_children: bool,
    can_manage_users: bool,
}

async fn home(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    let scope = if policy::permits(&user, &Action::BrowseUnions) {
        let children = unions_db::children(&mut tx, user.union.id, None, &Position::Start).await?;
        Some(ScopeSummary {
            descendant_count: unions_db::descendant_count(&mut tx, &user.union.path).await?,
            users_by_role: unions_db::users_by_role(&mut tx, &user.union.path).await?,
            more_children: children.next.is_some(),
            children: children.rows,
            can_manage_users: policy::permits(&user, &Action::ListUsers),
        })
    } else {
        None
    };
    tx.commit().await?;
    render(&HomePage {
        ctx,
        scope,
        tasks: Vec::new(),
    })
}
