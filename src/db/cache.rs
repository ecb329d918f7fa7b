//! Query results cached between writes. Counting a filter's rows (up to
//! 10,000) can mean reading every record of a province, and a union picker
//! walks a province's tree; paging through a list, or opening the home page
//! again, would read the same rows again. A result is cached under its table's
//! generation, a sequence that moves when any transaction that wrote the table
//! commits (a deferred trigger), so a change shows in the next read; the time
//! limit bounds what the moment between a writer's number and its commit could
//! leave behind.
//!
//! Each area keeps its caches in a type of its own with a `Default` that
//! gives the reader of its [`Generation`]; [`Caches`] holds one of each per
//! server, so that neither the state nor this module names an area.

use std::time::Duration;

use futures_util::future::BoxFuture;
use moka::sync::Cache;
use sqlx::PgConnection;

const CACHED_FOR: Duration = Duration::from_secs(60);
const MAX_CACHED: u64 = 20_000;

/// Reads a generation's current number: a checked query on the area's
/// sequence, `select last_value + is_called::int8 … from <area>_generation`
/// (a fresh sequence's `last_value` is already 1, so `is_called` tells it
/// from the first write).
pub type Generation = for<'c> fn(&'c mut PgConnection) -> BoxFuture<'c, sqlx::Result<i64>>;

/// Results of type `V`, by what was read.
#[derive(Clone)]
pub struct CachedResults<V: Clone + Send + Sync + 'static> {
    /// The generation the results are kept under.
    generation: Generation,
    cached: Cache<(i64, String), V>,
}

impl<V: Clone + Send + Sync + 'static> CachedResults<V> {
    /// Results cached under `generation`.
    pub fn under(generation: Generation) -> Self {
        Self {
            generation,
            cached: Cache::builder()
                .max_capacity(MAX_CACHED)
                .time_to_live(CACHED_FOR)
                .build(),
        }
    }
}

impl<V: Clone + Send + Sync + 'static> std::fmt::Debug for CachedResults<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedResults")
            .field("cached", &self.cached.entry_count())
            .finish()
    }
}

impl<V: Clone + Send + Sync + 'static> CachedResults<V> {
    /// The result `what` names (by its `Debug` form), read by `read` unless
    /// cached. `what` must name everything the result depends on, the actor's
    /// scope included: row-level security makes the same query read
    /// differently for different actors.
    pub async fn get_or_read(
        &self,
        conn: &mut PgConnection,
        what: &impl std::fmt::Debug,
        read: impl AsyncFnOnce(&mut PgConnection) -> sqlx::Result<V>,
    ) -> sqlx::Result<V> {
        let generation = (self.generation)(conn).await?;
        let key = (generation, format!("{what:?}"));
        if let Some(cached) = self.cached.get(&key) {
            return Ok(cached);
        }
        let read = read(conn).await?;
        self.cached.insert(key, read.clone());
        Ok(read)
    }
}

/// One cache type of each area, made on first use: `caches.of::<T>()`.
#[derive(Default)]
pub struct Caches {
    by_type: std::sync::Mutex<
        std::collections::HashMap<
            std::any::TypeId,
            std::sync::Arc<dyn std::any::Any + Send + Sync>,
        >,
    >,
}

impl Caches {
    /// This server's `T`, made by `T::default()` the first time.
    pub fn of<T: Default + Send + Sync + 'static>(&self) -> std::sync::Arc<T> {
        let mut by_type = self
            .by_type
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let entry = by_type
            .entry(std::any::TypeId::of::<T>())
            .or_insert_with(|| std::sync::Arc::new(T::default()));
        std::sync::Arc::clone(entry)
            .downcast::<T>()
            .unwrap_or_else(|_| unreachable!("the entry of a type is of that type"))
    }
}

impl std::fmt::Debug for Caches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.by_type.lock().map_or(0, |by_type| by_type.len());
        f.debug_struct("Caches").field("types", &count).finish()
    }
}
