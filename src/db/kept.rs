//! Query results kept between writes. Counting a filter's rows (up to
//! 10,000) can mean reading every record of a province, and a union picker
//! walks a province's tree; paging through a list, or opening the home page
//! again, would read the same rows again. A result is kept under its table's
//! generation, a sequence that moves when any transaction that wrote the table
//! commits (migrations 0010, 0023 and 0026), so a change shows in the next
//! read; the time limit bounds what the moment between a writer's number and
//! its commit could leave behind.

use std::time::Duration;

use moka::sync::Cache;
use sqlx::PgConnection;

const KEPT_FOR: Duration = Duration::from_secs(60);
const MAX_KEPT: u64 = 20_000;

/// Results of type `V`, by what was read.
#[derive(Clone)]
pub struct Kept<V: Clone + Send + Sync + 'static> {
    /// The query that reads the generation the results are kept under.
    generation: &'static str,
    kept: Cache<(i64, String), V>,
}

impl<V: Clone + Send + Sync + 'static> Kept<V> {
    /// Results kept under the generation `generation` reads (a sequence that
    /// every write to the table read moves, through a trigger).
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

impl<V: Clone + Send + Sync + 'static> std::fmt::Debug for Kept<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kept")
            .field("kept", &self.kept.entry_count())
            .finish()
    }
}

impl<V: Clone + Send + Sync + 'static> Kept<V> {
    /// The result `what` names (by its `Debug` form), read by `read` unless
    /// kept. `what` must name everything the result depends on, the actor's
    /// scope included: row-level security makes the same query read
    /// differently for different actors.
    pub async fn get_or_read(
        &self,
        conn: &mut PgConnection,
        what: &impl std::fmt::Debug,
        read: impl AsyncFnOnce(&mut PgConnection) -> sqlx::Result<V>,
    ) -> sqlx::Result<V> {
        let generation: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(self.generation))
            .fetch_one(&mut *conn)
            .await?;
        let key = (generation, format!("{what:?}"));
        if let Some(kept) = self.kept.get(&key) {
            return Ok(kept);
        }
        let read = read(conn).await?;
        self.kept.insert(key, read.clone());
        Ok(read)
    }
}
