//! Reports (进度报告): the schedule generated at signing, the organization's
//! form (draft, submit, attachments, ad-hoc reports), the decision of staff or
//! supervisor (accept, return with comments), every submitted version kept,
//! and the lists with what is overdue.

mod adhoc;
pub mod db;
mod export;
pub mod forms;
mod list;
mod pages;
mod review;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;
use crate::web::input::UPLOAD_BODY_BYTES;

pub const OWNER_KIND: &str = "report";

crate::text_enum!(pub enum Label("reports.attachment") {
    Photo => "photo",
    SignIn => "sign_in",
    Receipt => "receipt",
    Other => "other",
});

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports", get(list::list_reports))
        .route("/reports/export.csv", get(export::export))
        .route("/reports/export.xlsx", get(export::export))
        .route(
            "/reports/{id}",
            get(pages::show_report).post(pages::write_report),
        )
        .route(
            "/reports/{id}/attachments",
            post(pages::upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
        .route("/reports/{id}/accept", post(review::accept))
        .route("/reports/{id}/return", post(review::send_back))
        .route(
            "/contracts/{id}/reports",
            get(adhoc::new_adhoc).post(adhoc::add_adhoc),
        )
}
