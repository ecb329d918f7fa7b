//! Signing in and out, and the user's own account: the login form, logout,
//! changing one's password and language. Who the user is, once signed in,
//! is `crate::identity`'s.

mod account;
mod db;
mod login;

pub use account::check_new_password;
pub use login::{LOCK_FOR, MAX_FAILURES};

use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(login::router())
        .merge(account::router())
}
