//! Accounts: admins create, edit, disable, unlock and reset the passwords of
//! the accounts in their scope, and grant roles only at or below their union.

pub mod cli;
pub mod db;
mod edit;
mod export;
pub mod forms;
mod list;
mod show;

pub use edit::PasswordShownPage;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/users", get(list::list_users).post(edit::create_user))
        .route("/users/new", get(edit::new_user_form))
        .route("/users/export.csv", get(export::export_users))
        .route("/users/export.xlsx", get(export::export_users))
        .route("/users/{id}", get(show::show_user))
        .route(
            "/users/{id}/edit",
            get(edit::edit_user_form).post(edit::update_user),
        )
        .route(
            "/users/{id}/disable",
            get(show::confirm_disable).post(show::disable_user),
        )
        .route("/users/{id}/enable", post(show::enable_user))
        .route("/users/{id}/unlock", post(show::unlock_user))
        .route(
            "/users/{id}/reset-password",
            get(show::confirm_reset).post(show::reset_password),
        )
}
