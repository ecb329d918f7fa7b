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
//! and by an admin's "update now" (`POST /stats/refresh`); the page says when
//! they were made. A union's dashboard is made once per refresh and kept in
//! the server (`cache`, `view`).

mod cache;
mod charts;
mod dashboard;
pub mod db;
mod figures;
mod filter;
mod map;
mod page;
mod period;
mod tables;
mod view;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use chrono::NaiveDate;
use serde::Deserialize;

use self::filter::{Filter, FilterQuery};
use self::page::{MapFigure, StatsPage};
use self::period::PeriodQuery;
use self::view::{Asked, Shown};
use crate::audit::{self, Entry};
use crate::db::{Actor, Tx};
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
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

/// The page's query string: the period, the registry's filters, and the
/// figure the map is coloured by.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatsQuery {
    #[serde(flatten)]
    pub period: PeriodQuery,
    #[serde(flatten)]
    pub filter: FilterQuery,
    pub map: String,
}

/// The union whose dashboard is asked for (the reader's when none), found in
/// the reader's scope: another is not found.
async fn shown(tx: &mut Tx, user: &CurrentUser, union_id: Option<i64>) -> AppResult<Shown> {
    policy::require(user, &Action::ViewStats)?;
    Ok(match union_id {
        None => Shown {
            id: user.union.id,
            name: user.union.name.clone(),
            path: user.union.path.clone(),
            level: user.union.level,
        },
        Some(id) => {
            let union = crate::unions::db::find(tx, id)
                .await?
                .ok_or(AppError::NotFound)?;
            Shown {
                id: union.id,
                name: union.name,
                path: union.path,
                level: union.level,
            }
        }
    })
}

fn today() -> NaiveDate {
    chrono::Utc::now().with_timezone(&china_time()).date_naive()
}

async fn dashboard(
    state: AppState,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    union_id: Option<i64>,
    query: StatsQuery,
) -> AppResult<Response> {
    let period = query.period.period()?;
    let filter = Filter::parse(&query.filter)?;
    let figure = match query.map.as_str() {
        "" => MapFigure::Orgs,
        chosen => MapFigure::parse(chosen)
            .filter(|f| filter.is_empty() || f.is_registry())
            .ok_or(AppError::BadRequest("bad map".into()))?,
    };
    let shown = shown(&mut tx, &user, union_id).await?;
    let asked = Asked {
        period: &period,
        filter: &filter,
        lang: ctx.lang,
        figure,
        today: today(),
    };
    let view = cache::view(&state, &mut tx, &user, &shown, &asked).await?;
    let way_up = db::trail(&mut tx, &user.union.path, &shown.path).await?;
    let refreshed = db::freshness(&mut tx).await?;
    tx.commit().await?;
    render(&StatsPage {
        union: (shown.id, shown.name),
        way_up,
        years: crate::projects::year::choices(view.first_year, Some(period.year())),
        view,
        figure,
        refreshed,
        may_refresh: policy::permits(&user, &Action::RefreshStats),
        period,
        filter_query: query.filter,
        filter,
        ctx,
    })
}

pub async fn own_dashboard(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    tx: Tx,
    Query(query): Query<StatsQuery>,
) -> AppResult<Response> {
    dashboard(state, ctx, user, tx, None, query).await
}

pub async fn union_dashboard(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    tx: Tx,
    Path(union_id): Path<i64>,
    Query(query): Query<StatsQuery>,
) -> AppResult<Response> {
    dashboard(state, ctx, user, tx, Some(union_id), query).await
}

/// Every table of the dashboard as one workbook, a sheet each.
async fn workbook(
    state: AppState,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    union_id: Option<i64>,
    query: StatsQuery,
) -> AppResult<Response> {
    let period = query.period.period()?;
    let filter = Filter::parse(&query.filter)?;
    let shown = shown(&mut tx, &user, union_id).await?;
    let asked = Asked {
        period: &period,
        filter: &filter,
        lang: ctx.lang,
        figure: MapFigure::Orgs,
        today: today(),
    };
    let view = cache::view(&state, &mut tx, &user, &shown, &asked).await?;
    let refreshed = db::freshness(&mut tx)
        .await?
        .map(|(at, _)| datetime(&at))
        .unwrap_or_else(|| ctx.t("stats.never").to_owned());
    tx.commit().await?;
    let mut context = vec![
        ("范围".to_owned(), shown.name.clone()),
        ("期间".to_owned(), period.label()),
        ("数据更新于".to_owned(), refreshed),
    ];
    if !filter.is_empty() {
        context.push(("筛选".to_owned(), filter.describe(ctx.lang)));
    }
    let book = Book {
        name: if period.whole_year().is_some() {
            "年度工作报表"
        } else {
            "统计报表"
        },
        ascii_name: "stats",
        context,
        sheets: view
            .tables
            .iter()
            .map(|table| Sheet {
                title: table.title.clone(),
                headers: table.columns.clone(),
                rows: table.sheet_rows(),
            })
            .collect(),
    };
    respond_book(&user, book).await
}

pub async fn own_workbook(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    tx: Tx,
    Query(query): Query<StatsQuery>,
) -> AppResult<Response> {
    workbook(state, ctx, user, tx, None, query).await
}

pub async fn union_workbook(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    tx: Tx,
    Path(union_id): Path<i64>,
    Query(query): Query<StatsQuery>,
) -> AppResult<Response> {
    workbook(state, ctx, user, tx, Some(union_id), query).await
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
