//! Who is logged in: login and logout, passwords, sessions, the CSRF check,
//! lockout and the login rate limit, and the user's own account settings.

mod account;
pub mod csrf;
mod login;
pub mod password;
mod rate_limit;
pub mod session;
pub mod tokens;

pub use account::check_new_password;
pub use login::{LOCK_FOR, MAX_FAILURES};
pub use password::Hasher;
pub use rate_limit::LoginLimiter;
pub use session::{CurrentUser, PreSessionToken, SessionUser, UnionRef};

use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(login::router())
        .merge(account::router())
}
