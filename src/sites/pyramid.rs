//! The counts of a union's sites: the pyramid by level and kind (Sichuan's 1
//! provincial, 14 municipal and 100 county centers above 400 points and 1,715
//! 15分钟之家), a row per child union to drill down, and the printable list of
//! one union's sites (a county's, most often).

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use chrono::{Local, NaiveDate};
use serde::{Deserialize, Serialize};

use super::SiteKind;
use super::db::{self, KindCounts, SiteRow};
use super::pages::{SitesQuery, union_of_scope};
use crate::db::Tx;
use crate::error::AppResult;
use crate::identity::{CurrentUser, Level};
use crate::policy::{self, Action};
use crate::unions::{self, db::UnionRow};
use crate::web::{Ctx, render};

/// The most sites a printed list holds (a county has a few hundred).
const PRINT_MAX: i64 = 3000;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CountsQuery {
    pub union: String,
}

/// One level's bar of the pyramid, in a 640-wide drawing.
#[derive(Clone, Debug)]
pub struct Tier {
    pub level: Level,
    pub total: i64,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub text_y: u32,
}

#[derive(Template)]
#[template(path = "sites/counts.html")]
struct CountsPage {
    ctx: Ctx,
    union: UnionRow,
    /// The unions from the user's own down to this one: (id, name).
    path_down: Vec<(i64, String)>,
    /// (level, kind, count) of the whole subtree.
    cells: Vec<(Level, SiteKind, i64)>,
    own: KindCounts,
    children: Vec<KindCounts>,
}

impl CountsPage {
    /// The kinds with any site in the subtree, in their order.
    fn kinds(&self) -> Vec<SiteKind> {
        SiteKind::ALL
            .iter()
            .copied()
            .filter(|k| self.cells.iter().any(|(_, kind, n)| kind == k && *n > 0))
            .collect()
    }

    /// The levels with any site, from the top.
    fn levels(&self) -> Vec<Level> {
        Level::ALL
            .iter()
            .copied()
            .filter(|l| self.cells.iter().any(|(level, _, n)| level == l && *n > 0))
            .collect()
    }

    fn cell(&self, level: &Level, kind: &SiteKind) -> i64 {
        self.cells
            .iter()
            .filter(|(l, k, _)| l == level && k == kind)
            .map(|(_, _, n)| n)
            .sum()
    }

    fn level_total(&self, level: &Level) -> i64 {
        self.cells
            .iter()
            .filter(|(l, _, _)| l == level)
            .map(|(_, _, n)| n)
            .sum()
    }

    fn kind_total(&self, kind: &SiteKind) -> i64 {
        self.cells
            .iter()
            .filter(|(_, k, _)| k == kind)
            .map(|(_, _, n)| n)
            .sum()
    }

    fn total(&self) -> i64 {
        self.cells.iter().map(|(_, _, n)| n).sum()
    }

    /// The pyramid: a centred bar per level, widening downwards with the
    /// square root of its count, so that 1 and 1,715 both show.
    fn tiers(&self) -> Vec<Tier> {
        let levels = self.levels();
        let largest = levels
            .iter()
            .map(|l| self.level_total(l))
            .max()
            .unwrap_or(1)
            .max(1);
        levels
            .into_iter()
            .enumerate()
            .map(|(i, level)| {
                let total = self.level_total(&level);
                let share = (total as f64 / largest as f64).sqrt();
                let width = (120.0 + 500.0 * share).round() as u32;
                let y = u32::try_from(i).unwrap_or(0) * 34;
                Tier {
                    level,
                    total,
                    x: (640 - width) / 2,
                    y,
                    width,
                    text_y: y + 19,
                }
            })
            .collect()
    }

    fn pyramid_height(&self) -> u32 {
        u32::try_from(self.levels().len()).unwrap_or(0) * 34
    }

    /// The list of the subtree narrowed to a level and a kind.
    fn list_link(&self, level: Option<&Level>, kind: Option<&SiteKind>) -> String {
        let mut href = format!("/sites?union={}", self.union.id);
        if let Some(level) = level {
            href.push_str(&format!("&level={}", level.as_str()));
        }
        if let Some(kind) = kind {
            href.push_str(&format!("&kind={}", kind.as_str()));
        }
        href
    }
}

pub async fn site_counts(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<CountsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListSites)?;
    let union = union_of_scope(&mut tx, &user, &query.union).await?;
    let path_down = unions::db::chain(&mut tx, &user.union.path, &union.path).await?;
    let cells = db::by_level_and_kind(&mut tx, &union.path).await?;
    let (own, children) = db::by_child_union(&mut tx, union.id, &union.path).await?;
    tx.commit().await?;
    render(&CountsPage {
        ctx,
        union,
        path_down,
        cells,
        own,
        children,
    })
}

#[derive(Template)]
#[template(path = "sites/print.html")]
struct PrintPage {
    ctx: Ctx,
    union: UnionRow,
    sites: Vec<SiteRow>,
    today: NaiveDate,
    /// Whether the list stopped at [`PRINT_MAX`].
    cut: bool,
}

impl PrintPage {
    fn services(&self, site: &SiteRow) -> String {
        site.services
            .iter()
            .filter_map(|s| crate::orgs::kinds::Domain::parse(s))
            .map(|d| self.ctx.t(d.label_key()))
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// The sites of one union's subtree as a printable list (the list's filters
/// apply: a county's 15分钟之家 alone, say).
pub async fn print_sites(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<SitesQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListSites)?;
    let union = union_of_scope(&mut tx, &user, &query.union).await?;
    let filter = query.filter(&union)?;
    let mut sites = db::all(&mut tx, &filter, PRINT_MAX + 1).await?;
    tx.commit().await?;
    let cut = sites.len() as i64 > PRINT_MAX;
    sites.truncate(PRINT_MAX as usize);
    render(&PrintPage {
        ctx,
        union,
        sites,
        today: Local::now().date_naive(),
        cut,
    })
}
