//! PostgreSQL: the pool the server serves from, migrations, the private
//! (embedded) cluster, the serving-role self-check, and the scoped transaction that
//! every request reads tenant data in.

pub mod embedded;
pub mod kept;
mod self_check;
mod tx;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, Executor, PgPool};
use std::str::FromStr;

use crate::config::Secret;
use std::time::Duration;

pub use self_check::{SelfCheckError, check_serving_role};
pub use tx::{Actor, Tx};

/// The schema, embedded in the binary; tests reuse it for their template database.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The role the server serves as: not a superuser, not an owner, no BYPASSRLS.
pub const APP_ROLE: &str = "niudai_app";

/// The serving pool. Its connections have taken the serving role; the pool itself
/// stays private so that handlers reach data only through a scoped [`Tx`].
#[derive(Clone, Debug)]
pub struct Db {
    pool: PgPool,
}

impl Db {
    /// Connects and takes the serving role on every new connection.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, sqlx::Error> {
        Self::connect_with(PgConnectOptions::from_str(url)?, max_connections).await
    }

    pub async fn connect_with(
        options: PgConnectOptions,
        max_connections: u32,
    ) -> Result<Self, sqlx::Error> {
        let options = options.application_name("niudai");
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute("set role niudai_app; set statement_timeout = '30s'")
                        .await?;
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// Opens a transaction and sets the actor before anything else runs in it.
    pub async fn begin(&self, actor: &Actor) -> Result<Tx, sqlx::Error> {
        Tx::begin(&self.pool, actor).await
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        let probe = sqlx::query_scalar::<_, i32>("select 1").fetch_one(&self.pool);
        matches!(
            tokio::time::timeout(Duration::from_secs(2), probe).await,
            Ok(Ok(1))
        )
    }

    /// Refuses to serve unless the pool's role is a proper serving role.
    pub async fn check_serving_role(&self) -> Result<(), SelfCheckError> {
        let mut conn = self
            .pool
            .acquire()
            .await
            .map_err(SelfCheckError::Database)?;
        check_serving_role(&mut conn).await
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Applies the migrations as the connecting (owner) role.
pub async fn migrate(url: &str) -> Result<(), sqlx::migrate::MigrateError> {
    let mut conn = owner_options(url)?.connect().await?;
    MIGRATOR.run(&mut conn).await?;
    conn.close().await?;
    Ok(())
}

/// Gives the serving role a login with `password` (run as the owner), so the
/// server can connect as `niudai_app` itself: a login that has no way back to
/// the owner's powers, unlike SET ROLE from the owner's login.
pub async fn provision_app_login(owner: &PgPool, password: &Secret) -> Result<(), sqlx::Error> {
    let statement: String =
        sqlx::query_scalar("select format('alter role niudai_app login password %L', $1::text)")
            .bind(password.expose())
            .fetch_one(owner)
            .await?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
        .execute(owner)
        .await?;
    Ok(())
}

/// The options of `url` with the serving role's own login instead of its user.
pub fn app_login(url: &str, password: &Secret) -> Result<PgConnectOptions, sqlx::Error> {
    Ok(PgConnectOptions::from_str(url)?
        .username(APP_ROLE)
        .password(password.expose()))
}

/// A pool connected as the owner, for maintenance commands (seeding, first admin).
pub async fn connect_owner(url: &str) -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new()
        .max_connections(4)
        .connect_with(owner_options(url)?)
        .await
}

/// The owner's connection options. The owner's work (migrations, seeding) is
/// long by nature: its statements are not logged as slow.
fn owner_options(url: &str) -> Result<PgConnectOptions, sqlx::Error> {
    Ok(PgConnectOptions::from_str(url)?.log_slow_statements(log::LevelFilter::Off, Duration::ZERO))
}
