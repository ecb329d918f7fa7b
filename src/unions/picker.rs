//! The registry list's union filter: its options cached between writes to the
//! unions (the tree changes seldom, and a province's picker walks some 150
//! unions on every page of the list). Forms, opened far less often, read
//! theirs with [`db::picker_options`].

use sqlx::PgConnection;

use super::db::{self, PickerOption};
use futures_util::future::BoxFuture;

use crate::db::cache::CachedResults;
use crate::identity::CurrentUser;
use crate::state::AppState;

/// Union pickers' options, cached under the unions' generation.
#[derive(Debug)]
pub struct UnionPickers(CachedResults<Vec<PickerOption>>);

impl Default for UnionPickers {
    fn default() -> Self {
        Self(CachedResults::under(union_generation))
    }
}

/// The options of `user`'s picker with `selected` among them.
pub async fn cached_options(
    state: &AppState,
    conn: &mut PgConnection,
    user: &CurrentUser,
    selected: Option<i64>,
) -> sqlx::Result<Vec<PickerOption>> {
    let root = user.union.id;
    // What the unions' policies read: the scope, and an organization's home.
    let actor = user.db_actor();
    let what = (actor.scope, actor.org_id, root, selected);
    state
        .caches
        .of::<UnionPickers>()
        .0
        .get_or_read(conn, &what, async |conn| {
            db::picker_options(conn, root, selected).await
        })
        .await
}

/// The union tree's generation: every committed write to unions moves it.
fn union_generation(conn: &mut PgConnection) -> BoxFuture<'_, sqlx::Result<i64>> {
    Box::pin(async move {
        sqlx::query_scalar!(
            r#"select last_value + is_called::int as "generation!" from union_generation"#
        )
        .fetch_one(conn)
        .await
    })
}
