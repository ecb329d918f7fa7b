//! Contact meetings (联系会议 / 例会): a union convenes the organizations it
//! works with — date, place, agenda; the organizations invited, each of
//! which answers its own invitation (and sees no other's); who came, recorded
//! by the cadre, each attendance being the organization's contact in its
//! timeline (written and removed with it, never typed twice); minutes and
//! decisions; follow-up actions with a responsible cadre and a due date, on
//! that cadre's home page until done.

pub mod db;
mod export;
mod forms;
pub mod home;
mod pages;
mod work;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

crate::text_enum!(pub enum MeetingKind("meetings.kind") {
    Contact => "contact",
    Regular => "regular",
});

crate::text_enum!(pub enum MeetingStatus("meetings.status") {
    Planned => "planned",
    Held => "held",
    Cancelled => "cancelled",
});

crate::text_enum!(pub enum Answer("meetings.answer") {
    Pending => "pending",
    Accepted => "accepted",
    Declined => "declined",
});

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/meetings",
            get(pages::list_meetings).post(pages::create_meeting),
        )
        .route("/meetings/new", get(pages::new_meeting_form))
        .route("/meetings/export.csv", get(export::export_meetings))
        .route("/meetings/export.xlsx", get(export::export_meetings))
        .route("/meetings/{id}", get(pages::show_meeting))
        .route(
            "/meetings/{id}/edit",
            get(pages::edit_meeting_form).post(pages::update_meeting),
        )
        .route("/meetings/{id}/invitations", post(work::invite))
        .route(
            "/meetings/{id}/invitations/{iid}/remove",
            post(work::remove_invitation),
        )
        .route("/meetings/{id}/attendance", post(work::record_attendance))
        .route("/meetings/{id}/actions", post(work::add_action))
        .route(
            "/meetings/{id}/actions/{aid}/done",
            post(work::close_action),
        )
        .route("/meetings/{id}/answer", post(work::answer))
}
