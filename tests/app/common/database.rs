//! One fresh database per test, cloned from a template that holds the schema
//! and the demo data. The server is `DATABASE_URL` when set, otherwise a private
//! cluster under the target folder, started on first use and left running for
//! the next run (stop it with `pg_ctl -D target/tmp/niudai-test-pg/postgres stop`).

use std::str::FromStr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use niudai::db::embedded::{EmbeddedPostgres, create_database, quote_ident};
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection};

/// Options to reach the test server's maintenance database.
pub fn server() -> PgConnectOptions {
    PgConnectOptions::from_str(server_url()).expect("DATABASE_URL is a PostgreSQL URL")
}

/// The URL of database `name` on the test server, as the superuser: what a
/// user would give Niudai as `DATABASE_URL`.
pub fn url(name: &str) -> String {
    let mut url = reqwest::Url::parse(server_url()).expect("DATABASE_URL is a URL");
    url.set_path(&format!("/{name}"));
    url.to_string()
}

fn server_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| match std::env::var("DATABASE_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => {
            let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("niudai-test-pg");
            let cluster =
                EmbeddedPostgres::start(&dir).expect("the private test PostgreSQL starts");
            let url = cluster.url("postgres").expose().to_owned();
            // Left running on purpose: the next test run reuses it.
            std::mem::forget(cluster);
            url
        }
    })
}

async fn admin() -> PgConnection {
    PgConnection::connect_with(&server())
        .await
        .expect("the test PostgreSQL answers")
}

/// The template's name: one per build of the test binary, so that a changed
/// schema or seed never meets an old template.
fn template_name() -> &'static str {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(|| {
        let exe = std::env::current_exe().expect("the test binary has a path");
        let modified = std::fs::metadata(exe)
            .and_then(|m| m.modified())
            .expect("the test binary has a modification time");
        let stamp = modified
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        format!("niudai_tpl_{stamp}")
    })
}

/// Creates a fresh database for one test and returns its name.
pub async fn fresh() -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let mut conn = admin().await;
    prepare_template(&mut conn).await;
    let name = format!(
        "niudai_t_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let sql = format!(
        "create database {} template {}",
        quote_ident(&name),
        quote_ident(template_name())
    );
    // Clones of one template can collide for a moment; try again.
    for attempt in 0.. {
        match sqlx::raw_sql(sqlx::AssertSqlSafe(sql.clone()))
            .execute(&mut conn)
            .await
        {
            Ok(_) => break,
            Err(_) if attempt < 50 => {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(error) => panic!("cloning the template failed: {error}"),
        }
    }
    name
}

/// Creates an empty database `name`, as an operator would for a restore
/// (UTF8, `C.UTF-8`, like every Niudai database).
pub async fn create_empty(name: &str) {
    let mut conn = admin().await;
    create_database(&mut conn, name)
        .await
        .expect("create an empty database");
}

/// Options to reach database `name` as the superuser.
pub fn options(name: &str) -> PgConnectOptions {
    server().database(name)
}

/// A superuser connection to database `name`.
pub async fn connect(name: &str) -> PgConnection {
    PgConnection::connect_with(&options(name))
        .await
        .expect("connect as the superuser")
}

/// The serving role's own login in test clusters.
pub const APP_PASSWORD: &str = "niudai-test-app";

/// Options to reach database `name` as the serving role, the way the server does.
pub fn app_options(name: &str) -> PgConnectOptions {
    serving_options(&server(), name)
}

/// Options to reach database `name` on `server` as the serving role.
pub fn serving_options(server: &PgConnectOptions, name: &str) -> PgConnectOptions {
    server
        .clone()
        .database(name)
        .username(niudai::db::APP_ROLE)
        .password(APP_PASSWORD)
}

/// Drops a test database, closing whatever still holds it.
pub fn drop_database(name: String) {
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime for the clean-up");
        runtime.block_on(async {
            let mut conn = admin().await;
            let sql = format!(
                "drop database if exists {} with (force)",
                quote_ident(&name)
            );
            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut conn)
                .await;
        });
    })
    .join()
    .expect("the clean-up thread finishes");
}

async fn prepare_template(conn: &mut PgConnection) {
    // One process at a time builds it; the others wait and then find it.
    sqlx::query("select pg_advisory_lock(7461023)")
        .execute(&mut *conn)
        .await
        .expect("lock");
    let exists: bool =
        sqlx::query_scalar("select exists (select 1 from pg_database where datname = $1)")
            .bind(template_name())
            .fetch_one(&mut *conn)
            .await
            .expect("query pg_database");
    if !exists {
        drop_leftovers(conn).await;
        create_database(conn, template_name())
            .await
            .expect("create the template");
        let url = options(template_name());
        let mut tpl = PgConnection::connect_with(&url)
            .await
            .expect("connect to the template");
        niudai::MIGRATOR
            .run(&mut tpl)
            .await
            .expect("migrate the template");
        tpl.close().await.expect("close");
        let pool = sqlx::PgPool::connect_with(url)
            .await
            .expect("pool on the template");
        niudai::seed::seed_demo(&pool, niudai::seed::DEMO_PASSWORD)
            .await
            .expect("seed the template");
        let password = niudai::config::Secret::new(APP_PASSWORD);
        niudai::db::provision_app_login(&pool, &password)
            .await
            .expect("give niudai_app a login");
        pool.close().await;
    }
    sqlx::query("select pg_advisory_unlock(7461023)")
        .execute(&mut *conn)
        .await
        .expect("unlock");
}

/// Drops templates of older builds and databases of test runs that died.
async fn drop_leftovers(conn: &mut PgConnection) {
    let names: Vec<String> = sqlx::query_scalar(
        "select datname::text from pg_database where datname like 'niudai\\_tpl\\_%' or datname like 'niudai\\_t\\_%'",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("list old test databases");
    for name in names {
        let alive = name
            .strip_prefix("niudai_t_")
            .and_then(|rest| rest.split('_').next())
            .is_some_and(|pid| std::path::Path::new("/proc").join(pid).exists());
        if !alive {
            let sql = format!(
                "drop database if exists {} with (force)",
                quote_ident(&name)
            );
            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut *conn)
                .await;
        }
    }
}
