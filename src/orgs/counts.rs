//! The registry's cached counts (see `crate::db::cache`): a list's, and the
//! contacts due, under the registry's generation.

use crate::db::cache::{CachedResults, Generation};
use crate::db::list::CappedCount;

/// The registry's cached counts: the list's (capped) and the contacts due.
#[derive(Clone, Debug)]
pub struct RegistryCounts {
    pub lists: CachedResults<CappedCount>,
    pub due: CachedResults<(i64, i64)>,
}

impl Default for RegistryCounts {
    fn default() -> Self {
        Self {
            lists: CachedResults::under(Generation::Registry),
            due: CachedResults::under(Generation::Registry),
        }
    }
}
