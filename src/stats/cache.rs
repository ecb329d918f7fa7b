//! Dashboards kept in the server between refreshes: the figures change only
//! when the roll-ups are made again, so a union's view for a period is made
//! once per refresh (what the roll-ups do not hold, the work-system count and
//! the first project year, is at most a minute old), not on every view of
//! the page.

use std::sync::Arc;

use futures_util::future::BoxFuture;
use sqlx::PgConnection;

use super::view::{Asked, Shown, View};
use crate::db::cache::CachedResults;
use crate::identity::CurrentUser;
use crate::state::AppState;

#[derive(Debug)]
pub struct Dashboards(CachedResults<Arc<View>>);

impl Default for Dashboards {
    fn default() -> Self {
        Self(CachedResults::under(refreshed_generation))
    }
}

/// The roll-ups' generation: when they were last made, in milliseconds.
fn refreshed_generation(conn: &mut PgConnection) -> BoxFuture<'_, sqlx::Result<i64>> {
    Box::pin(async move {
        sqlx::query_scalar!(
            r#"select coalesce((extract(epoch from refreshed_at) * 1000)::int8, 0) as "generation!"
                 from stats_freshness()"#
        )
        .fetch_one(conn)
        .await
    })
}

/// The dashboard of `shown` for `period`, as `user` reads it: `shown` was
/// found in the reader's scope, and the key names that scope too.
pub async fn view(
    state: &AppState,
    conn: &mut PgConnection,
    user: &CurrentUser,
    shown: &Shown,
    asked: &Asked<'_>,
) -> sqlx::Result<Arc<View>> {
    let what = (
        &user.union.path,
        shown.id,
        asked.period.query(),
        asked.filter.query(),
        asked.lang.code(),
        asked.figure.as_str(),
        asked.today,
    );
    state
        .caches
        .of::<Dashboards>()
        .0
        .get_or_read(conn, &what, async |conn| {
            View::read(conn, &user.union.path, shown, asked)
                .await
                .map(Arc::new)
        })
        .await
}
