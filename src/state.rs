//! What every handler can reach: the database (only through scoped
//! transactions), the configuration, the password hasher, the login limiter,
//! the kept counts of the registry and of projects, the kept union pickers,
//! and the file store.

use std::sync::Arc;

use crate::auth::{Hasher, LoginLimiter};
use crate::config::Config;
use crate::db::Db;
use crate::db::kept::Kept;
use crate::files::FileStore;
use crate::orgs::counts::RegistryCounts;
use crate::unions::db::PickerOption;
use crate::web::denials::Denials;
use crate::web::pagination::CappedCount;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub hasher: Hasher,
    pub login_limiter: Arc<LoginLimiter>,
    /// Refusals per user, for the log and the audit (`web::denials`).
    pub denials: Arc<Denials>,
    pub registry_counts: RegistryCounts,
    /// The project list's counts, under the projects' generation (migration 0023).
    pub project_counts: Kept<CappedCount>,
    /// Union pickers' options, under the unions' generation (migration 0026).
    pub union_pickers: Kept<Vec<PickerOption>>,
    /// Where attachments are kept: `files/` under the data folder.
    pub files: FileStore,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        Self {
            hasher: Hasher::new(config.hash_concurrency()),
            login_limiter: Arc::new(LoginLimiter::new(config.login_rate)),
            denials: Arc::default(),
            registry_counts: RegistryCounts::default(),
            project_counts: Kept::under("select last_value from project_generation"),
            union_pickers: Kept::under("select last_value from union_generation"),
            // `serve` checked the configuration before it got here.
            files: FileStore::from_config(&config)
                .unwrap_or_else(|_| FileStore::Folder(config.data_dir.join("files"))),
            config: Arc::new(config),
            db,
        }
    }
}
