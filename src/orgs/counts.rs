//! The registry's cached counts (see `crate::db::cache`): a list's, and the
//! contacts due, under the registry's generation.

use futures_util::future::BoxFuture;
use sqlx::PgConnection;

use crate::db::cache::CachedResults;
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
            lists: CachedResults::under(registry_generation),
            due: CachedResults::under(registry_generation),
        }
    }
}

/// The registry's generation: every committed write to organizations moves it.
fn registry_generation(conn: &mut PgConnection) -> BoxFuture<'_, sqlx::Result<i64>> {
    Box::pin(async move {
        sqlx::query_scalar!(
            r#"select last_value + is_called::int as "generation!" from registry_generation"#
        )
        .fetch_one(conn)
        .await
    })
}
