//! Counts kept between writes. Counting a filter's rows (up to 10,000) can
//! mean reading every record of a province; paging through a list, or opening
//! the home page again, would count the same rows again. A count is kept under
//! its table's generation, a sequence that moves when any transaction that
//! wrote the table commits (migrations 0010 and 0023), so a change shows in
//! the next count; the time limit bounds what the moment between a writer's
//! number and its commit could leave behind.

use std::time::Duration;

use moka::sync::Cache;
use sqlx::PgConnection;

const KEPT_FOR: Duration = Duration::from_secs(60);
const MAX_KEPT: u64 = 20_000;

/// Counts of type `V`, by what was counted.
#[derive(Clone)]
pub struct Counts<V: Clone + Send + Sync + 'static> {
    /// The query that reads the generation the counts are kept under.
    generation: &'static str,
    kept: Cache<(i64, String), V>,
}

impl<V: Clone + Send + Sync + 'static> Counts<V> {
    /// Counts kept under the generation `generation` reads (a sequence that
    /// every write to the counted table moves, through a trigger).
    pub fn under(generation: &'static str) -> Self {
        Self {
            generation,
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
        let generation: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(self.generation))
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
