//! What every handler can reach: the database (only through scoped
//! transactions), the configuration, the password hasher and the login limiter.

use std::sync::Arc;

use crate::auth::{Hasher, LoginLimiter};
use crate::config::Config;
use crate::db::Db;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub hasher: Hasher,
    pub login_limiter: Arc<LoginLimiter>,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        Self {
            hasher: Hasher::new(config.hash_concurrency()),
            login_limiter: Arc::new(LoginLimiter::new(config.login_rate)),
            config: Arc::new(config),
            db,
        }
    }
}
