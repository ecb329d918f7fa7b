//! The registry's kept counts (see `crate::db::kept`): a list's, and the
//! contacts due, under the registry's generation (migration 0010).

use crate::db::kept::Kept;
use crate::web::pagination::CappedCount;

/// The registry's kept counts: the list's (capped) and the contacts due.
#[derive(Clone, Debug)]
pub struct RegistryCounts {
    pub lists: Kept<CappedCount>,
    pub due: Kept<(i64, i64)>,
}

const REGISTRY_GENERATION: &str = "select last_value from registry_generation";

impl Default for RegistryCounts {
    fn default() -> Self {
        Self {
            lists: Kept::under(REGISTRY_GENERATION),
            due: Kept::under(REGISTRY_GENERATION),
        }
    }
}
