//! Contracts (合同): an award signed into a contract with installments and a
//! third-party supervisor, and its printable model contract and supervision
//! agreement.

pub mod db;
pub mod forms;
mod list;
mod pages;

pub use pages::OWNER_KIND;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;

use crate::auth::csrf::MAX_UPLOAD_BYTES;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/projects/{id}/contracts",
            axum::routing::post(pages::create_contract)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/projects/{id}/contracts/new", get(pages::new_contract))
        .route("/contracts", get(list::list_contracts))
        .route("/contracts/{id}", get(pages::show_contract))
        .route("/contracts/{id}/print", get(pages::print_contract))
        .route("/contracts/{id}/supervision", get(pages::print_supervision))
}
