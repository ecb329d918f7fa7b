//! Worker needs (职工需求): what unions hear from workers, classified, judged
//! fit for purchase or not, and turned into project drafts.

pub mod db;
mod export;
mod forms;
mod import;
mod pages;
mod sheet;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;

use crate::state::AppState;
use crate::web::input::UPLOAD_BODY_BYTES;

crate::text_enum!(pub enum Source("needs.source") {
    Survey => "survey",
    Hotline => "hotline",
    Visit => "visit",
    GrassrootsReport => "grassroots_report",
    Online => "online",
});

crate::text_enum!(pub enum Priority("needs.priority") {
    High => "high",
    Medium => "medium",
    Low => "low",
});

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/needs", get(pages::list_needs).post(pages::create_need))
        .route("/needs/new", get(pages::new_need_form))
        .route("/needs/export.csv", get(export::export_needs))
        .route("/needs/export.xlsx", get(export::export_needs))
        .route(
            "/needs/import",
            get(import::import_page)
                .post(import::upload)
                .layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
        .route("/needs/import/template.xlsx", get(import::template))
        .route("/needs/{id}", get(pages::show_need))
        .route(
            "/needs/{id}/edit",
            get(pages::edit_need_form).post(pages::update_need),
        )
}
