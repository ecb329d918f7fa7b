//! The work system's part of a union's page, drawn there through
//! `web::panels`: the responsible leader and department, how many staff are
//! named, and the link to the work-system page.

use askama::Template;
use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::db::{self, WorkSystemRow};
use crate::db::Tx;
use crate::error::AppResult;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::web::Ctx;
use crate::web::panels::Panel;

#[derive(Template)]
#[template(path = "work_system/union_panel.html")]
struct Summary<'a> {
    ctx: &'a Ctx,
    union_id: i64,
    system: Option<WorkSystemRow>,
    staff: usize,
}

/// The panel of the union named by `key` for `user` (a
/// [`crate::web::panels::Drawer`]).
pub fn draw<'a>(
    tx: &'a mut Tx,
    ctx: &'a Ctx,
    user: &'a CurrentUser,
    key: Uuid,
) -> BoxFuture<'a, AppResult<Panel>> {
    Box::pin(panel(tx, ctx, user, key))
}

async fn panel(tx: &mut Tx, ctx: &Ctx, user: &CurrentUser, key: Uuid) -> AppResult<Panel> {
    if !policy::permits(user, &Action::ViewWorkSystem) {
        return Ok(Panel::default());
    }
    let union_id = crate::unions::union_of_panel_key(key);
    let system = db::find(tx, union_id).await?;
    let staff = db::staff(tx, union_id).await?.len();
    let body = Summary {
        ctx,
        union_id,
        system,
        staff,
    }
    .render()?;
    Ok(Panel {
        actions: String::new(),
        body,
    })
}
