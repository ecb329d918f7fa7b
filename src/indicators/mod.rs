//! Indicator systems (指标体系): versioned, weighted trees of indicators for
//! approval review, mid-term evaluation and performance assessment. National
//! defaults are seeded by the migrations; provincial unions copy, adapt and
//! publish their own. Published versions never change: revising one makes a
//! new draft version.

pub mod db;
mod pages;
pub mod scoring;
pub mod sheet;
pub mod tree;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub use db::SystemOption;

crate::text_enum!(pub enum Kind("indicators.kind") {
    ApprovalReview => "approval_review",
    Midterm => "midterm",
    Performance => "performance",
});

crate::text_enum!(pub enum SystemStatus("indicators.status") {
    Draft => "draft",
    Published => "published",
    Superseded => "superseded",
});

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/indicators", get(pages::list_systems))
        .route("/indicators/{id}", get(pages::show_system))
        .route(
            "/indicators/{id}/edit",
            get(pages::edit_form).post(pages::save_draft),
        )
        .route("/indicators/{id}/revise", post(pages::revise))
        .route("/indicators/{id}/copy", post(pages::copy))
        .route("/indicators/{id}/publish", post(pages::publish))
}

/// The leaves of an indicator tree: what is scored.
pub fn leaves(indicators: Vec<db::IndicatorRow>) -> Vec<db::IndicatorRow> {
    let codes: Vec<String> = indicators.iter().map(|i| i.code.clone()).collect();
    indicators
        .into_iter()
        .filter(|i| {
            let prefix = format!("{}.", i.code);
            !codes.iter().any(|c| c.starts_with(&prefix))
        })
        .collect()
}
