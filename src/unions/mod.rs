//! The union tree: the tenants. Browse from one's own union down, create and
//! edit child unions, move a union within one's scope.

pub mod db;
mod edit;
pub mod forms;
pub mod picker;
mod relocate;
mod show;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/unions", get(show::own_union))
        .route("/unions/{id}", get(show::show_union))
        .route(
            "/unions/{id}/children/new",
            get(edit::new_child_form).post(edit::create_child),
        )
        .route(
            "/unions/{id}/edit",
            get(edit::edit_form).post(edit::update_union),
        )
        .route(
            "/unions/{id}/move",
            get(relocate::move_form).post(relocate::move_union),
        )
        .route(
            "/unions/{id}/contact-interval",
            post(show::set_contact_interval),
        )
        .route(
            "/unions/{id}/approval-threshold",
            post(show::set_approval_threshold),
        )
}
