//! The registry's cached counts (see `crate::db::cache`): a list's, and the
//! contacts due, under the registry's generation.

use futures_util::future::BoxFuture;
use sqlx::PgConnection;

use super::search::{self, Search};
use crate::db::cache::CachedResults;
use crate::db::list::{CappedCount, ListScope};
use crate::identity::CurrentUser;
use crate::state::AppState;

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

/// The organizations in the user's scope, up to the cap: the count of the
/// registry list without a filter, cached under the same key, so that the
/// home page and the list share one read between writes.
pub async fn in_scope(
    state: &AppState,
    conn: &mut PgConnection,
    user: &CurrentUser,
) -> sqlx::Result<CappedCount> {
    let search = Search {
        scope: ListScope::of_path(&user.union.path)
            .listing_unions(conn)
            .await?,
        ..Search::default()
    };
    state
        .caches
        .of::<RegistryCounts>()
        .lists
        .get_or_read(conn, &(&user.union.path, &search), async |conn| {
            search::count(conn, &search).await
        })
        .await
}
