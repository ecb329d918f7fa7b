//! Contracts (合同): an award signed into a contract with installments and a
//! third-party supervisor, and its printable model contract and supervision
//! agreement.

pub mod db;
mod export;
pub mod forms;
mod list;
mod pages;

pub use pages::OWNER_KIND;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;

use crate::state::AppState;
use crate::web::input::UPLOAD_BODY_BYTES;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/projects/{id}/contracts",
            axum::routing::post(pages::create_contract)
                .layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
        .route("/projects/{id}/contracts/new", get(pages::new_contract))
        .route("/contracts", get(list::list_contracts))
        .route("/contracts/export.csv", get(export::export))
        .route("/contracts/export.xlsx", get(export::export))
        .route("/contracts/{id}", get(pages::show_contract))
        .route("/contracts/{id}/print", get(pages::print_contract))
        .route("/contracts/{id}/supervision", get(pages::print_supervision))
}
