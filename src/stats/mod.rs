//! Statistics (统计): the dashboards leaders read. `/stats` is the reader's
//! own union, `/stats/{union_id}` any union in scope; each shows the union's
//! whole subtree broken down by child union (each child a link to its own
//! dashboard) and by type, domain, rating, status and the rest, for a period,
//! with charts, the map of provinces at the national level, links from each
//! figure into the list that counts it, and the whole as one workbook
//! (`/stats/{union_id}/export.xlsx`, the 年度工作报表 when the period is a year).
//!
//! The figures come from roll-ups the database keeps (migration 0036),
//! refreshed by the server's periodic job ([`refresh_job`], every ten minutes)
//! and by an admin's
//! "update now" (`POST /stats/refresh`); the page says when they were made.

mod charts;
mod dashboard;
pub mod db;
mod figures;
mod map;
mod page;
mod period;
mod tables;

use axum::Router;
use axum::extract::{Path, Query};
use axum::response::Response;
use axum::routing::{get, post};
use chrono::NaiveDate;
use serde::Deserialize;

use self::dashboard::Scene;
use self::db::Place;
use self::figures::Figures;
use self::map::{Map, Province};
use self::page::{MapFigure, StatsPage};
use self::period::{Period, PeriodQuery};
use self::tables::Value;
use crate::audit::{self, Entry};
use crate::db::{Actor, Tx};
use crate::error::{AppError, AppResult};
use crate::identity::{CurrentUser, Level};
use crate::policy::{self, Action};
use crate::sheets::export::{Book, Sheet, respond_book};
use crate::state::AppState;
use crate::web::flash::{self, Flash};
use crate::web::format::{china_time, datetime};
use crate::web::{Ctx, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/stats", get(own_dashboard))
        .route("/stats/export.xlsx", get(own_workbook))
        .route("/stats/refresh", post(refresh_now))
        .route("/stats/{union_id}", get(union_dashboard))
        .route("/stats/{union_id}/export.xlsx", get(union_workbook))
}

/// The page's query string: the period, and the figure the map is coloured by.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatsQuery {
    #[serde(flatten)]
    pub period: PeriodQuery,
    pub map: String,
}

/// What a dashboard shows, read in the reader's transaction.
struct Read {
    shown: (i64, String, Level),
    way_up: Vec<(i64, String)>,
    total: Figures,
    children: Vec<(Place, Figures)>,
    union_building_changes: Vec<(NaiveDate, i64)>,
    /// How many of the child unions have a department responsible for the
    /// work (`work_system`), of how many.
    departments: (i64, i64),
    refreshed: Option<(chrono::DateTime<chrono::Utc>, i32)>,
}

impl Read {
    /// The figures of union `union_id` (the reader's when none) and its
    /// children; a union outside the scope is not found.
    async fn of(
        tx: &mut Tx,
        user: &CurrentUser,
        union_id: Option<i64>,
        period: &Period,
    ) -> AppResult<Self> {
        policy::require(user, &Action::ViewStats)?;
        let (id, name, path, level) = match union_id {
            None => (
                user.union.id,
                user.union.name.clone(),
                user.union.path.clone(),
                user.union.level,
            ),
            Some(id) => {
                let union = crate::unions::db::find(tx, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                (union.id, union.name, union.path, union.level)
            }
        };
        let children = db::children(tx, id).await?;
        let ids: Vec<i64> = std::iter::once(id)
            .chain(children.iter().map(|c| c.id))
            .collect();
        let mut figures = db::figures(tx, &ids, period.from, period.to).await?;
        let total = figures.remove(&id).unwrap_or_default();
        let children = children
            .into_iter()
            .map(|child| {
                let f = figures.remove(&child.id).unwrap_or_default();
                (child, f)
            })
            .collect();
        Ok(Self {
            way_up: db::trail(tx, &user.union.path, &path).await?,
            union_building_changes: db::monthly(tx, id, "ub:net", period.from).await?,
            departments: crate::work_system::db::children_coverage(tx, id).await?,
            refreshed: db::freshness(tx).await?,
            shown: (id, name, level),
            total,
            children,
        })
    }

    fn scene<'a>(&'a self, ctx_lang: crate::i18n::Lang, period: &'a Period) -> Scene<'a> {
        Scene {
            lang: ctx_lang,
            shown: (self.shown.0, &self.shown.1),
            total: &self.total,
            children: &self.children,
            period,
            union_building_changes: &self.union_building_changes,
        }
    }

    /// The scene's headline figures, and how many child unions have a
    /// department responsible for the work (when there are children).
    fn headlines(&self, scene: &Scene<'_>, lang: crate::i18n::Lang) -> Vec<(String, Value)> {
        let mut headlines = scene.headlines();
        let (with_department, children) = self.departments;
        if children > 0 {
            headlines.push((
                lang.t("stats.col.departments").to_owned(),
                Value {
                    n: with_department,
                    unit: tables::Unit::OutOf { of: children },
                    href: None,
                },
            ));
        }
        headlines
    }

    /// The provinces on the map, by the chosen figure (national view only).
    fn map(&self, scene: &Scene<'_>, figure: MapFigure) -> Option<Map> {
        if self.shown.2 != Level::National {
            return None;
        }
        let provinces: Vec<Province> = self
            .children
            .iter()
            .filter(|(place, _)| place.level == Level::Provincial)
            .filter_map(|(place, f)| {
                let code = place.division_code.clone()?;
                let value = match figure {
                    MapFigure::Orgs => Value::count(f.get("orgs")),
                    MapFigure::Coverage => Value {
                        n: f.sum(&["ub:established", "ub:joint"]),
                        unit: tables::Unit::Share { of: f.get("orgs") },
                        href: None,
                    },
                    MapFigure::Projects => Value::count(f.get("projects:funded")),
                    MapFigure::Budget => Value {
                        n: f.get("budget:total"),
                        unit: tables::Unit::Money,
                        href: None,
                    },
                };
                // Shares are compared in thousandths, so that the shading
                // orders provinces by coverage, not by size.
                let rank = match value.unit {
                    tables::Unit::Share { of } if of > 0 => value.n * 1000 / of,
                    tables::Unit::Share { .. } => 0,
                    _ => value.n,
                };
                Some(Province {
                    division_code: code,
                    value: rank,
                    shown: value.text(),
                    href: scene.stats_href(place.id),
                })
            })
            .collect();
        Some(Map::new(&provinces))
    }
}

fn today() -> NaiveDate {
    chrono::Utc::now().with_timezone(&china_time()).date_naive()
}

async fn dashboard(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    union_id: Option<i64>,
    query: StatsQuery,
) -> AppResult<Response> {
    let period = query.period.period()?;
    let figure = match query.map.as_str() {
        "" => MapFigure::Orgs,
        chosen => MapFigure::parse(chosen).ok_or(AppError::BadRequest("bad map".into()))?,
    };
    let read = Read::of(&mut tx, &user, union_id, &period).await?;
    let first_year = crate::projects::db::first_year(&mut tx, &user.union.path).await?;
    tx.commit().await?;
    let scene = read.scene(ctx.lang, &period);
    let page = StatsPage {
        union: (read.shown.0, read.shown.1.clone()),
        way_up: read.way_up.clone(),
        years: crate::projects::year::choices(first_year, Some(period.year())),
        headlines: read.headlines(&scene, ctx.lang),
        map: read.map(&scene, figure).map(|map| (map, figure)),
        tables: scene.tables(today()),
        refreshed: read.refreshed,
        may_refresh: policy::permits(&user, &Action::RefreshStats),
        period,
        ctx,
    };
    render(&page)
}

pub async fn own_dashboard(
    ctx: Ctx,
    user: CurrentUser,
    tx: Tx,
    Query(query): Query<StatsQuery>,
) -> AppResult<Response> {
    dashboard(ctx, user, tx, None, query).await
}

pub async fn union_dashboard(
    ctx: Ctx,
    user: CurrentUser,
    tx: Tx,
    Path(union_id): Path<i64>,
    Query(query): Query<StatsQuery>,
) -> AppResult<Response> {
    dashboard(ctx, user, tx, Some(union_id), query).await
}

/// Every table of the dashboard as one workbook, a sheet each.
async fn workbook(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    union_id: Option<i64>,
    query: StatsQuery,
) -> AppResult<Response> {
    let period = query.period.period()?;
    let read = Read::of(&mut tx, &user, union_id, &period).await?;
    tx.commit().await?;
    let scene = read.scene(ctx.lang, &period);
    let refreshed = read
        .refreshed
        .map(|(at, _)| datetime(&at))
        .unwrap_or_else(|| ctx.t("stats.never").to_owned());
    let book = Book {
        name: if period.whole_year().is_some() {
            "年度工作报表"
        } else {
            "统计报表"
        },
        ascii_name: "stats",
        context: vec![
            ("范围".to_owned(), read.shown.1.clone()),
            ("期间".to_owned(), period.label()),
            ("数据更新于".to_owned(), refreshed),
        ],
        sheets: scene
            .tables(today())
            .into_iter()
            .map(|table| Sheet {
                headers: table.columns.clone(),
                rows: table.sheet_rows(),
                title: table.title,
            })
            .collect(),
    };
    respond_book(&user, book).await
}

pub async fn own_workbook(
    ctx: Ctx,
    user: CurrentUser,
    tx: Tx,
    Query(query): Query<StatsQuery>,
) -> AppResult<Response> {
    workbook(ctx, user, tx, None, query).await
}

pub async fn union_workbook(
    ctx: Ctx,
    user: CurrentUser,
    tx: Tx,
    Path(union_id): Path<i64>,
    Query(query): Query<StatsQuery>,
) -> AppResult<Response> {
    workbook(ctx, user, tx, Some(union_id), query).await
}

/// An admin's "update now": the figures made again at once, audited.
pub async fn refresh_now(user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    policy::require(&user, &Action::RefreshStats)?;
    let flash = match db::refresh(&mut tx).await? {
        Some(ms) => Flash::with_arg("stats.refreshed", ms),
        None => Flash::new("stats.refresh_busy"),
    };
    let entry =
        Entry::new("stats.refreshed", "stats", user.union.id).at(user.union.id, &user.union.path);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect("/stats", flash))
}

/// How old the figures may grow before the periodic job makes them again: at
/// a million organizations a refresh takes tens of seconds of one core.
const REFRESH_EVERY: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// The periodic refresh, when the figures are older than [`REFRESH_EVERY`]:
/// one server at a time (the function's own lock).
pub async fn refresh_job(state: &AppState) -> Result<Option<i32>, sqlx::Error> {
    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    let fresh = db::freshness(&mut tx)
        .await?
        .is_some_and(|(at, _)| chrono::Utc::now() - at < REFRESH_EVERY);
    if fresh {
        return Ok(None);
    }
    let took = db::refresh(&mut tx).await?;
    tx.commit().await?;
    Ok(took)
}
