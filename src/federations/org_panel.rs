//! The federations' part of an organization's page, drawn there through
//! `web::panels`: the federations it is or was a member of, with its role and
//! dates. Row-level security decides which memberships the reader sees: a
//! cadre those of the scope (and a cross-region one of an organization homed
//! in the scope), an organization account its own, never another's.

use askama::Template;
use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::db::{self, MembershipRow};
use crate::db::Tx;
use crate::error::AppResult;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::web::Ctx;
use crate::web::panels::Panel;

#[derive(Template)]
#[template(path = "federations/org_panel.html")]
struct Memberships<'a> {
    ctx: &'a Ctx,
    memberships: Vec<MembershipRow>,
    /// A cadre, who follows a federation to its page.
    may_open: bool,
}

/// The panel of the organization `org_id` for `user` (a
/// [`crate::web::panels::Drawer`]).
pub fn draw<'a>(
    tx: &'a mut Tx,
    ctx: &'a Ctx,
    user: &'a CurrentUser,
    org_id: Uuid,
) -> BoxFuture<'a, AppResult<Panel>> {
    Box::pin(panel(tx, ctx, user, org_id))
}

async fn panel(tx: &mut Tx, ctx: &Ctx, user: &CurrentUser, org_id: Uuid) -> AppResult<Panel> {
    if !policy::permits(user, &Action::ViewOrg { org_id }) {
        return Ok(Panel::default());
    }
    let memberships = db::memberships_of(tx, org_id).await?;
    let body = Memberships {
        ctx,
        memberships,
        may_open: policy::permits(user, &Action::ListFederations),
    }
    .render()?;
    Ok(Panel {
        actions: String::new(),
        body,
    })
}
