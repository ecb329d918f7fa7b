//! Panels one area draws on another area's page (the delivery panel on a
//! project's page), so that the page's area need not know the other: the
//! page names itself and its record, and every drawer the composition root
//! registered for that page (`panels()` in lib.rs) returns its part. The parts
//! are HTML rendered by the drawer's own templates, escaped there.

use std::collections::HashMap;

use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::Ctx;
use crate::db::Tx;
use crate::error::AppResult;
use crate::identity::CurrentUser;

/// One area's part of another's page: buttons for the page's header, and
/// sections for its body.
#[derive(Clone, Debug, Default)]
pub struct Panel {
    pub actions: String,
    pub body: String,
}

/// Draws an area's panel for the record `Uuid` of a page.
pub type Drawer =
    for<'a> fn(&'a mut Tx, &'a Ctx, &'a CurrentUser, Uuid) -> BoxFuture<'a, AppResult<Panel>>;

/// The drawers of each page.
#[derive(Clone, Default)]
pub struct Panels {
    drawers: HashMap<&'static str, Vec<Drawer>>,
}

impl Panels {
    /// `drawer` draws on the pages named `page`.
    pub fn with(mut self, page: &'static str, drawer: Drawer) -> Self {
        self.drawers.entry(page).or_default().push(drawer);
        self
    }

    /// The panels of the record `id` on page `page`.
    pub async fn draw(
        &self,
        page: &str,
        tx: &mut Tx,
        ctx: &Ctx,
        user: &CurrentUser,
        id: Uuid,
    ) -> AppResult<Vec<Panel>> {
        let mut panels = Vec::new();
        for drawer in self.drawers.get(page).into_iter().flatten() {
            panels.push(drawer(tx, ctx, user, id).await?);
        }
        Ok(panels)
    }
}

impl std::fmt::Debug for Panels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Panels")
            .field("pages", &self.drawers.keys().collect::<Vec<_>>())
            .finish()
    }
}
