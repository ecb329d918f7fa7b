//! Rectification orders (整改通知): staff or the supervisor state the problem,
//! the requirement and a deadline; the organization answers with what it
//! changed and evidence; the issuing side closes the order or sends it back.
//! An order not closed blocks the contract's next installment.

pub mod db;
mod pages;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;
use crate::web::input::UPLOAD_BODY_BYTES;

pub const OWNER_KIND: &str = "rectification";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/contracts/{id}/rectifications",
            get(pages::new_order).post(pages::issue),
        )
        .route("/rectifications/{id}", get(pages::show_order))
        .route(
            "/rectifications/{id}/answer",
            post(pages::answer).layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
        .route("/rectifications/{id}/close", post(pages::close))
        .route("/rectifications/{id}/send-back", post(pages::send_back))
}
