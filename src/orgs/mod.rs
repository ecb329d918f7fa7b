//! The registry of labor-relations social organizations: records, ratings,
//! union building, regular contact, organization accounts, import and export.

mod accounts;
pub mod contacts;
pub mod counts;
pub mod credit_code;
pub mod db;
mod edit;
pub mod export;
pub mod forms;
pub mod history;
pub mod import;
pub mod kinds;
mod list;
pub mod record;
pub mod search;
pub mod sheet;
mod show;

pub use list::OrgsQuery;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// The name of an organization's page, on which other areas draw their
/// panels (`web::panels`); the record is the organization's id.
pub const PAGE: &str = "organization";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs", get(list::list_orgs).post(edit::create_org))
        .route("/orgs/new", get(edit::new_org_form))
        .route("/orgs/mine", get(show::own_org))
        .route("/orgs/export.csv", get(export::export))
        .route("/orgs/export.xlsx", get(export::export))
        .route("/orgs/{id}", get(show::show_org))
        .route(
            "/orgs/{id}/edit",
            get(edit::edit_org_form).post(edit::update_org),
        )
        .route("/orgs/{id}/status", post(edit::change_status))
        .route("/orgs/{id}/ratings", post(history::add_rating))
        .route(
            "/orgs/{id}/ratings/{rating_id}/revoke",
            post(history::revoke_rating),
        )
        .route(
            "/orgs/{id}/union-building",
            post(history::add_union_building),
        )
        .route("/orgs/{id}/contacts", post(contacts::log_contact))
        .route("/orgs/{id}/accounts", post(accounts::invite_account))
        .route("/contacts/due", get(contacts::contacts_due))
        .route("/contacts/due/export.csv", get(contacts::export::export))
        .route("/contacts/due/export.xlsx", get(contacts::export::export))
        .merge(import::router())
}
