//! Registry counts kept between writes. Counting a filter's rows (up to
//! 10,000) can mean reading every record of a province; paging through a list,
//! or opening the home page again, would count the same rows again. A count is
//! kept under the registry's generation (migration 0010), which moves when any
//! transaction that wrote organizations commits, so a change shows in the next
//! count; the time limit bounds what the moment between a writer's number and
//! its commit could leave behind.

use std::time::Duration;

use moka::sync::Cache;
use sqlx::PgConnection;

use crate::web::pagination::CappedCount;

const KEPT_FOR: Duration = Duration::from_secs(60);
const MAX_KEPT: u64 = 20_000;

/// Counts of type `V`, by what was counted.
#[derive(Clone)]
pub struct Counts<V: Clone + Send + Sync + 'static> {
    kept: Cache<(i64, String), V>,
}

impl<V: Clone + Send + Sync + 'static> Default for Counts<V> {
    fn default() -> Self {
        Self {
            kept: Cache::builder()
                .max_capacity(MAX_KEPT)
                .time_to_live(KEPT_FOR)
                .build(),
        }
    }
}

impl<V: Clone + Send + Sync + 'static> std::fmt::Debug for Counts<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Counts")
            .field("kept", &self.kept.entry_count())
            .finish()
    }
}

impl<V: Clone + Send + Sync + 'static> Counts<V> {
    /// The count `what` names (by its `Debug` form), counted by `count` unless
    /// kept. `what` must name everything the count depends on, the actor's
    /// scope included: row-level security makes the same query count
    /// differently for different actors.
    pub async fn get_or_count(
        &self,
        conn: &mut PgConnection,
        what: &impl std::fmt::Debug,
        count: impl AsyncFnOnce(&mut PgConnection) -> sqlx::Result<V>,
    ) -> sqlx::Result<V> {
        let generation: i64 = sqlx::query_scalar("select last_value from registry_generation")
            .fetch_one(&mut *conn)
            .await?;
        let key = (generation, format!("{what:?}"));
        if let Some(kept) = self.kept.get(&key) {
            return Ok(kept);
        }
        let counted = count(conn).await?;
        self.kept.insert(key, counted.clone());
        Ok(counted)
    }
}

/// The registry's kept counts: the list's (capped) and the contacts due.
#[derive(Clone, Debug, Default)]
pub struct RegistryCounts {
    pub lists: Counts<CappedCount>,
    pub due: Counts<(i64, i64)>,
}
