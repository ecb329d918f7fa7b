//! PostgreSQL: the pool the server serves from, migrations, the private
//! (embedded) cluster, the serving-role self-check, and the scoped transaction that
//! every request reads tenant data in.

pub mod cache;
pub mod embedded;
mod jobs;
pub mod list;
mod self_check;
mod tx;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgPool};
use std::str::FromStr;

use crate::config::Secret;
use std::time::Duration;

pub use jobs::{job_lock, take_turn};
pub use self_check::{SelfCheckError, check_serving_role};
pub use tx::{Actor, FormKey, Tx};

/// `text_column!(Level)`: a type with `parse(&str) -> Option<Self>` reads
/// straight from a text column (`level as "level: _"` in a checked query); an
/// unknown value is a decoding error. Binds still go as `.as_str()`.
#[macro_export]
macro_rules! text_column {
    ($name:ident) => {
        impl sqlx::Type<sqlx::Postgres> for $name {
            fn type_info() -> sqlx::postgres::PgTypeInfo {
                <&str as sqlx::Type<sqlx::Postgres>>::type_info()
            }

            fn compatible(ty: &sqlx::postgres::PgTypeInfo) -> bool {
                <&str as sqlx::Type<sqlx::Postgres>>::compatible(ty)
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Postgres> for $name {
            fn decode(
                value: sqlx::postgres::PgValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&str as sqlx::Decode<sqlx::Postgres>>::decode(value)?;
                Self::parse(text)
                    .ok_or_else(|| format!("unknown {} {text}", stringify!($name)).into())
            }
        }
    };
}

/// The schema, embedded in the binary; tests reuse it for their template database.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The path of the national union, the root of every scope.
pub const ROOT_PATH: &str = "cn";

/// The role the server serves as: not a superuser, not an owner, no BYPASSRLS.
pub const APP_ROLE: &str = "niudai_app";

/// How long a request waits for a connection before it is told the database
/// is unavailable (503): well below a user's patience, well above the wait
/// of a busy but healthy pool.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_millis(800);

/// The serving pool, logged in as the serving role itself (never an owner's
/// login that could take the role back off). The pool stays private so that
/// handlers reach data only through a scoped [`Tx`].
#[derive(Clone, Debug)]
pub struct Db {
    pool: PgPool,
}

impl Db {
    /// Connects with `options`, which name the serving role's login. The role's
    /// statement and idle-in-transaction timeouts are its own settings.
    pub async fn connect_with(
        options: PgConnectOptions,
        max_connections: u32,
    ) -> Result<Self, sqlx::Error> {
        let options = options.application_name("niudai");
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(ACQUIRE_TIMEOUT)
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
        let probe = sqlx::query_scalar!(r#"select 1 as "one!""#).fetch_one(&self.pool);
        matches!(
            tokio::time::timeout(Duration::from_millis(900), probe).await,
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
/// server connects as `niudai_app` itself: a login that has no way back to
/// the owner's powers.
pub async fn provision_app_login(owner: &PgPool, password: &Secret) -> Result<(), sqlx::Error> {
    // The statement is checked; what it makes is DDL, which takes no parameters.
    let statement = sqlx::query_scalar!(
        r#"select format('alter role niudai_app login password %L', $1::text) as "statement!""#,
        password.expose()
    )
    .fetch_one(owner)
    .await?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
        .execute(owner)
        .await?;
    Ok(())
}

/// The serving role's password when none is configured: made on the first
/// start and kept in `server_secrets`, which only the owner reads, so that
/// every server on the database finds the same one.
pub async fn kept_app_password(owner: &PgPool) -> Result<Secret, sqlx::Error> {
    sqlx::query!(
        "insert into server_secrets (name, value) values ('niudai_app_password', $1)
         on conflict (name) do nothing",
        crate::config::random_token()
    )
    .execute(owner)
    .await?;
    let password =
        sqlx::query_scalar!("select value from server_secrets where name = 'niudai_app_password'")
            .fetch_one(owner)
            .await?;
    Ok(Secret::new(password))
}

/// Whether the database holds no account yet (just made, never seeded); run
/// as the owner.
pub async fn has_no_accounts(owner: &PgPool) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(r#"select not exists (select 1 from users) as "empty!""#)
        .fetch_one(owner)
        .await
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
