//! Applications (申报): an organization account sees the calls open to it (and
//! why it may not apply to others), drafts, submits or withdraws its proposal
//! before the deadline; the purchaser's cadres read the submitted ones.

pub mod attachments;
mod calls;
pub mod db;
mod export;
pub mod forms;
mod pages;
mod results;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;
use crate::web::input::UPLOAD_BODY_BYTES;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calls", get(calls::open_calls))
        .route("/calls/{project_id}/apply", post(calls::start_application))
        .route("/applications", get(pages::own_applications))
        .route(
            "/applications/export.csv",
            get(export::export_own_applications),
        )
        .route(
            "/applications/export.xlsx",
            get(export::export_own_applications),
        )
        .route("/applications/{id}", get(pages::show_application))
        .route(
            "/applications/{id}/edit",
            get(pages::edit_form).post(pages::save_draft),
        )
        .route("/applications/{id}/submit", post(pages::submit))
        .route("/applications/{id}/withdraw", post(pages::withdraw))
        .route(
            "/applications/{id}/attachments",
            post(attachments::upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
}
