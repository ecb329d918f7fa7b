//! The scoped transaction. Every request that reads tenant data runs in one,
//! and its first statement sets the actor that row-level security reads:
//! `niudai.scope`, `niudai.user_id` and `niudai.org_id`, always all three.

use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use std::ops::{Deref, DerefMut};
use uuid::Uuid;

/// A posted form's idempotency key, which the transaction that writes what the
/// form asked claims first (table `form_submissions`), so that the same form
/// sent twice writes once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormKey(pub Uuid);

impl FormKey {
    /// Claims the key for `user_id`: false when an earlier sending of the same
    /// form already claimed it (and so was saved).
    pub async fn claim(self, conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<bool> {
        let claimed = sqlx::query!(
            "insert into form_submissions (user_id, form_key) values ($1, $2)
             on conflict do nothing",
            user_id,
            self.0
        )
        .execute(conn)
        .await?;
        Ok(claimed.rows_affected() == 1)
    }

    /// Forgets the keys of forms sent over a day ago, which protect against no
    /// retry any more. Returns how many.
    pub async fn forget_old(conn: &mut PgConnection) -> sqlx::Result<i64> {
        sqlx::query_scalar!(r#"select form_submissions_forget(interval '1 day') as "forgotten!""#)
            .fetch_one(conn)
            .await
    }
}

/// Who a transaction acts for, as row-level security sees it. `None` settings
/// are written as empty strings, which every policy reads as "nothing".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Actor {
    /// The ltree path whose subtree the actor may see.
    pub scope: Option<String>,
    pub user_id: Option<Uuid>,
    pub org_id: Option<Uuid>,
}

impl Actor {
    /// Nobody: public pages and the login bootstrap. Sees no tenant row.
    pub fn anonymous() -> Self {
        Self::default()
    }

    /// Maintenance from the command line, acting for the whole tree.
    pub fn national_system() -> Self {
        Self {
            scope: Some(super::ROOT_PATH.to_owned()),
            ..Self::default()
        }
    }
}

/// A transaction with the actor set. Dropping it without `commit` rolls back.
#[derive(Debug)]
pub struct Tx(Transaction<'static, Postgres>);

impl Tx {
    /// Opens a transaction on `pool` acting as `actor`. Handlers get theirs from
    /// the extractor; the command line opens them on the owner's pool.
    pub async fn begin(pool: &PgPool, actor: &Actor) -> Result<Self, sqlx::Error> {
        // sqlx 0.9's `begin` is not cancel-safe on PostgreSQL: a request dropped
        // during the BEGIN round trip (its client went away) leaves the connection
        // in the pool inside a transaction that the next borrower would inherit
        // (transact-rs/sqlx#4393). In a task of its own the begin completes, or
        // its transaction is dropped and rolled back, whatever the request does.
        let pool = pool.clone();
        let mut tx = tokio::spawn(async move { pool.begin().await })
            .await
            .map_err(|_| sqlx::Error::WorkerCrashed)??;
        sqlx::query!(
            "select set_config('niudai.scope', $1, true) as scope,
                    set_config('niudai.user_id', $2, true) as user_id,
                    set_config('niudai.org_id', $3, true) as org_id",
            actor.scope.as_deref().unwrap_or(""),
            actor.user_id.map(|id| id.to_string()).unwrap_or_default(),
            actor.org_id.map(|id| id.to_string()).unwrap_or_default()
        )
        .fetch_one(&mut *tx)
        .await?;
        Ok(Self(tx))
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.0.commit().await
    }
}

impl Deref for Tx {
    type Target = sqlx::PgConnection;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}
