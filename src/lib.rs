//! 纽带 Niudai: the platform on which China's trade-union federations work with
//! labor-relations social organizations. This crate is the whole server;
//! `ARCHITECTURE.md` at the repository's root is the map of the code (the
//! request path, the areas and their one direction, where things live, how an
//! area is added) and `CONTRIBUTING.md` the workbench.

pub mod audit;
pub mod audit_log;
pub mod auth;
pub mod backup;
pub mod calendar;
pub mod config;
pub mod db;
pub mod delivery;
pub mod divisions;
pub mod error;
pub mod experiences;
pub mod federations;
pub mod files;
pub mod home;
pub mod i18n;
pub mod identity;
pub mod indicators;
pub mod jobs;
pub mod meetings;
pub mod needs;
pub mod orgs;
pub mod partners;
pub mod pilots;
pub mod policy;
pub mod projects;
pub mod search;
pub mod seed;
pub mod server;
pub mod sheets;
pub mod sites;
pub mod state;
pub mod stats;
pub mod status_tones;
pub mod unions;
pub mod users;
pub mod web;
pub mod work_system;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

pub use db::MIGRATOR;
pub use error::{AppError, AppResult};
pub use state::AppState;

/// The whole web application: every area's routes and every layer.
pub fn app(state: AppState) -> Router {
    with_layers(routes(), state)
}

/// Every area's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(home::router())
        .merge(auth::router())
        .merge(unions::router())
        .merge(users::router())
        .merge(orgs::router())
        .merge(needs::router())
        .merge(indicators::router())
        .merge(projects::router())
        .merge(delivery::router())
        .merge(files::router())
        .merge(audit_log::router())
        .merge(search::router())
        .merge(calendar::router())
        .merge(stats::router())
        .merge(pilots::router())
        .merge(experiences::router())
        .merge(work_system::router())
        .merge(federations::router())
        .merge(sites::router())
        .merge(partners::router())
        .merge(meetings::router())
        .route("/healthz", get(healthz))
        .route("/static/{file}", get(web::assets::serve))
        .fallback(|| async { AppError::NotFound })
}

/// What areas draw on each other's pages: the page's area names the page,
/// the drawing area provides the panel, and only this root knows both.
pub fn panels() -> web::panels::Panels {
    web::panels::Panels::default()
        .with(projects::PAGE, delivery::project_panel::draw)
        .with(projects::PAGE, partners::project_panel::draw)
        .with(unions::PAGE, work_system::union_panel::draw)
        .with(orgs::PAGE, federations::org_panel::draw)
}

/// Every layer, in one place, around `routes`. Layers listed first run last
/// (closest to the handler).
pub fn with_layers(routes: Router<AppState>, mut state: AppState) -> Router {
    state.panels = std::sync::Arc::new(panels());
    routes
        .layer(from_fn(web::csrf::layer))
        .layer(from_fn(web::input::layer))
        .layer(from_fn_with_state(state.clone(), web::session::layer))
        .layer(from_fn_with_state(state.clone(), web::flash::layer))
        .layer(origin_check(&state))
        .layer(RequestBodyLimitLayer::new(web::input::UPLOAD_BODY_BYTES))
        .layer(CatchPanicLayer::new())
        .layer(from_fn_with_state(state.clone(), web::error_pages::layer))
        .layer(from_fn_with_state(state.clone(), web::headers::layer))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .with_state(state)
}

/// Refuses cross-origin state changes by `Origin` / `Sec-Fetch-Site`; the
/// public URL counts as our own origin behind a proxy that rewrites `Host`.
fn origin_check(state: &AppState) -> CsrfLayer {
    let layer = CsrfLayer::new();
    match state.config.public_url.as_deref() {
        Some(url) => {
            let origin = url.trim_end_matches('/');
            match layer.clone().add_trusted_origin(origin) {
                Ok(with_origin) => with_origin,
                Err(error) => {
                    tracing::warn!(%error, origin, "NIUDAI_PUBLIC_URL is not a valid origin");
                    layer
                }
            }
        }
        None => layer,
    }
}

fn request_span(req: &Request) -> tracing::Span {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("(unmatched)", MatchedPath::as_str);
    tracing::info_span!(
        "request",
        method = %req.method(),
        route,
        user_id = tracing::field::Empty,
        union_id = tracing::field::Empty,
    )
}

/// 200 when the database answers, 503 when it does not; no login needed.
async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.db.ping().await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}
