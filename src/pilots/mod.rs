//! Pilots (试点): a provincial union designates one or two pilot unions in
//! its province (the opinion's 一至两个; the national union may grant one
//! more, with a written reason), with goals, dated milestones that the pilot
//! union's cadres keep up to date, progress notes with attachments, and a
//! concluding summary. Overdue milestones show on the home pages of the pilot
//! union and of its province.

pub mod db;
mod export;
mod forms;
mod pages;
mod work;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;
use crate::web::input::UPLOAD_BODY_BYTES;

pub use db::OverdueMilestone;

/// Active pilots a province may have without the national union's exception.
pub const PER_PROVINCE: i64 = 2;

/// The owner kind of a progress note's attachments.
pub const NOTE_FILES: &str = "pilot_note";

crate::text_enum!(pub enum PilotStatus("pilots.status") {
    Active => "active",
    Concluded => "concluded",
    Cancelled => "cancelled",
});

crate::text_enum!(pub enum MilestoneStatus("pilots.milestone_status") {
    Planned => "planned",
    InProgress => "in_progress",
    Done => "done",
});

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pilots", get(pages::list_pilots).post(pages::create_pilot))
        .route("/pilots/new", get(pages::new_pilot_form))
        .route("/pilots/export.csv", get(export::export_pilots))
        .route("/pilots/export.xlsx", get(export::export_pilots))
        .route("/pilots/{id}", get(pages::show_pilot))
        .route(
            "/pilots/{id}/edit",
            get(pages::edit_pilot_form).post(pages::update_pilot),
        )
        .route("/pilots/{id}/milestones", post(work::add_milestone))
        .route(
            "/pilots/{id}/milestones/{mid}",
            post(work::update_milestone),
        )
        .route(
            "/pilots/{id}/notes",
            post(work::add_note).layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
        .route("/pilots/{id}/conclude", post(work::conclude_pilot))
}
