//! Who is acting: the roles and union levels of DOMAIN.md, the signed-in user
//! of a request and the session it is found by, the actor row-level security
//! sees for it, and the scoped transaction a handler takes ([`crate::db::Tx`],
//! extracted here). Passwords are hashed and login attempts limited here too.
//! It knows the database, the configuration and the languages, and nothing of
//! the web pages or the domains.

mod level;
pub mod password;
mod rate_limit;
mod role;
pub mod session;
pub mod tokens;
mod tx;
mod user;

pub use level::Level;
pub use password::Hasher;
pub use rate_limit::LoginLimiter;
pub use role::Role;
pub use user::{CurrentUser, PreSessionToken, SessionUser, UnionRef};
