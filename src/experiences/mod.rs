//! Typical experiences (典型经验) and brand projects (品牌项目: 心灵港湾,
//! 环卫工人爱心驿站, 鲁班工程…): written by a union of a province and
//! submitted, published by the provincial union, and featured nationwide by
//! the national union. Featured published experiences show on every union
//! cadre's home page, whatever the province; the rest stay in their scope.
//!
//! Featuring keeps a small set: at most [`FEATURED_MAX`] at once, the most
//! recently featured; featuring one more un-features the oldest of them, so
//! that the set the home pages show is always the one nationwide readers can
//! open.

pub mod db;
mod export;
mod flow;
mod forms;
pub mod markdown;
mod pages;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;
use crate::web::input::UPLOAD_BODY_BYTES;

/// Featured experiences at once, nationwide.
pub const FEATURED_MAX: i64 = 3;

/// The owner kind of an experience's photos.
pub const PHOTO_FILES: &str = "experience_photo";

crate::text_enum!(pub enum ExperienceKind("experiences.kind") {
    Experience => "experience",
    BrandProject => "brand_project",
});

crate::text_enum!(pub enum ExperienceStatus("experiences.status") {
    Draft => "draft",
    Submitted => "submitted",
    Published => "published",
});

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/experiences",
            get(pages::list_experiences).post(pages::create_experience),
        )
        .route("/experiences/new", get(pages::new_experience_form))
        .route("/experiences/export.csv", get(export::export_experiences))
        .route("/experiences/export.xlsx", get(export::export_experiences))
        .route("/experiences/{id}", get(pages::show_experience))
        .route(
            "/experiences/{id}/edit",
            get(pages::edit_experience_form).post(pages::update_experience),
        )
        .route("/experiences/{id}/submit", post(flow::submit))
        .route("/experiences/{id}/publish", post(flow::publish))
        .route("/experiences/{id}/feature", post(flow::feature))
        .route(
            "/experiences/{id}/photos",
            post(flow::add_photo).layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
}
