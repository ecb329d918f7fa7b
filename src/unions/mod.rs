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

/// The name of a union's page, on which other areas draw their panels
/// (`web::panels`); the union is named by [`panel_key`].
pub const PAGE: &str = "union";

/// A union's id as the record key panels are drawn for.
pub fn panel_key(id: i64) -> uuid::Uuid {
    uuid::Uuid::from_u64_pair(0, id as u64)
}

/// The union id a panel is drawn for (see [`panel_key`]).
pub fn union_of_panel_key(key: uuid::Uuid) -> i64 {
    key.as_u64_pair().1 as i64
}

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
