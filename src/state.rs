//! What every handler can reach: the database (only through scoped
//! transactions), the configuration, the password hasher, the login limiter,
//! the refusals tally, the areas' cached results, the file store, and the
//! panels areas draw on each other's pages. It names no area's type: each area
//! keeps its caches in `caches`, and the composition root fills `panels`.

use std::sync::Arc;

use crate::config::Config;
use crate::db::Db;
use crate::db::cache::Caches;
use crate::files::FileStore;
use crate::identity::{Hasher, LoginLimiter};
use crate::web::denials::Denials;
use crate::web::panels::Panels;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub hasher: Hasher,
    pub login_limiter: Arc<LoginLimiter>,
    /// Refusals per user, for the log and the audit (`web::denials`).
    pub denials: Arc<Denials>,
    /// Query results cached between writes, one type per area (`db::cache`).
    pub caches: Arc<Caches>,
    /// Where attachments are kept: `files/` under the data folder.
    pub files: FileStore,
    /// What areas draw on each other's pages (`web::panels`), registered by
    /// the composition root.
    pub panels: Arc<Panels>,
}

/// Lets extractors that need only the pool (the scoped transaction) take it.
impl axum::extract::FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Db {
        state.db.clone()
    }
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        Self {
            hasher: Hasher::new(config.hash_concurrency()),
            login_limiter: Arc::new(LoginLimiter::new(config.login_rate)),
            denials: Arc::default(),
            caches: Arc::default(),
            panels: Arc::default(),
            // `serve` checked the configuration before it got here.
            files: FileStore::from_config(&config)
                .unwrap_or_else(|_| FileStore::Folder(config.data_dir.join("files"))),
            config: Arc::new(config),
            db,
        }
    }
}
