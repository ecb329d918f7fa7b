//! The test harness: a real server on a loopback port over a fresh database,
//! and a client that behaves like a browser (cookies, CSRF tokens from the
//! page, form posts with Origin headers).

pub mod catalog;
pub mod client;
pub mod cluster;
pub mod database;
pub mod load;
pub mod nginx;
pub mod proxy;

use std::net::SocketAddr;
use std::sync::Arc;

use niudai::config::Config;
use niudai::db::Db;
use niudai::{AppState, with_layers};
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection};

use database::serving_options;

pub use client::{Client, Page};

pub const PASSWORD: &str = niudai::seed::DEMO_PASSWORD;

/// A running server over its own database.
pub struct TestApp {
    pub addr: SocketAddr,
    pub database: String,
    /// The server's data folder (its file store is `files/` in it); a second
    /// server on the same database shares it.
    pub data_dir: Arc<tempfile::TempDir>,
    pub config: Config,
    /// The PostgreSQL server holding `database`, as its superuser.
    server: PgConnectOptions,
    /// Whether dropping this server drops its database: only the first
    /// server on a fresh database of the shared cluster does.
    drops_database: bool,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// A server whose configuration `configure` adjusts first.
    pub async fn spawn_with(configure: impl FnOnce(&mut Config)) -> Self {
        Self::spawn_routes(configure, niudai::routes()).await
    }

    /// A server whose pool reaches PostgreSQL through a relay the test can
    /// cut: a database outage for this server alone.
    pub async fn spawn_behind_proxy() -> (Self, proxy::Proxy) {
        let server = database::server();
        let proxy = proxy::Proxy::start((server.get_host().to_owned(), server.get_port())).await;
        let addr = proxy.addr;
        let app = Self::spawn_over(
            |_| {},
            niudai::routes(),
            move |options| options.host(&addr.ip().to_string()).port(addr.port()),
        )
        .await;
        (app, proxy)
    }

    /// A server with extra routes behind the same layers (to provoke what no
    /// real route does, such as a panic).
    pub async fn spawn_routes(
        configure: impl FnOnce(&mut Config),
        routes: axum::Router<AppState>,
    ) -> Self {
        Self::spawn_over(configure, routes, |options| options).await
    }

    /// A server over an existing database of the shared test cluster and a
    /// data folder (a restored backup), which it drops and removes when it goes.
    pub async fn spawn_on_restored(database: String, data_dir: tempfile::TempDir) -> Self {
        let server = database::server();
        let data_dir = Arc::new(data_dir);
        let config = test_config(&data_dir, |_| {});
        let options = serving_options(&server, &database);
        let addr = serve(options, config.clone(), niudai::routes()).await;
        Self {
            addr,
            database,
            data_dir,
            config,
            server,
            drops_database: true,
        }
    }

    async fn spawn_over(
        configure: impl FnOnce(&mut Config),
        routes: axum::Router<AppState>,
        connect: impl FnOnce(PgConnectOptions) -> PgConnectOptions,
    ) -> Self {
        let server = database::server();
        let database = database::fresh().await;
        let data_dir = Arc::new(tempfile::tempdir().expect("a data folder"));
        let config = test_config(&data_dir, configure);
        let options = connect(serving_options(&server, &database));
        let addr = serve(options, config.clone(), routes).await;
        Self {
            addr,
            database,
            data_dir,
            config,
            server,
            drops_database: true,
        }
    }

    /// A server over the database of a cluster of the test's own, which the
    /// test may restart, freeze or cut off.
    pub async fn spawn_on(cluster: &cluster::OwnCluster) -> Self {
        let server = cluster.server();
        let database = cluster::DATABASE.to_owned();
        let data_dir = Arc::new(tempfile::tempdir().expect("a data folder"));
        let config = test_config(&data_dir, |_| {});
        let options = serving_options(&server, &database);
        let addr = serve(options, config.clone(), niudai::routes()).await;
        Self {
            addr,
            database,
            data_dir,
            config,
            server,
            drops_database: false,
        }
    }

    /// Another server on the same database and data folder, with the same
    /// configuration: the second of two servers behind a load balancer.
    pub async fn second_server(&self) -> Self {
        let options = serving_options(&self.server, &self.database);
        let addr = serve(options, self.config.clone(), niudai::routes()).await;
        Self {
            addr,
            database: self.database.clone(),
            data_dir: self.data_dir.clone(),
            config: self.config.clone(),
            server: self.server.clone(),
            drops_database: false,
        }
    }

    /// The server's state as a second server over the same database and
    /// data folder would have it (for the periodic jobs).
    pub async fn state(&self) -> AppState {
        let db = Db::connect_with(serving_options(&self.server, &self.database), 2)
            .await
            .expect("the app pool connects");
        AppState::new(db, self.config.clone())
    }

    /// The names in the server's file store.
    pub fn stored_files(&self) -> Vec<String> {
        match std::fs::read_dir(self.data_dir.path().join("files")) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// A new browser with no cookies.
    pub fn client(&self) -> Client {
        Client::new(self.addr)
    }

    /// A browser logged in as `username` (demo password).
    pub async fn login(&self, username: &str) -> Client {
        let client = self.client();
        let page = client.login(username, PASSWORD).await;
        assert_eq!(
            page.status, 303,
            "login of {username} failed: {}",
            page.body
        );
        client
    }

    /// A superuser connection to this test's database, to arrange and inspect.
    pub async fn owner(&self) -> PgConnection {
        PgConnection::connect_with(&self.server.clone().database(&self.database))
            .await
            .expect("owner connection")
    }

    /// A connection as the serving role, the way the server connects.
    pub async fn serving(&self) -> PgConnection {
        PgConnection::connect_with(&serving_options(&self.server, &self.database))
            .await
            .expect("serving connection")
    }

    /// The id of the union with this division code (or the national union for `None`).
    pub async fn union_id(&self, code: Option<&str>) -> i64 {
        let mut conn = self.owner().await;
        sqlx::query_scalar("select id from unions where division_code is not distinct from $1 and level <> 'grassroots' order by id limit 1")
            .bind(code)
            .fetch_one(&mut conn)
            .await
            .expect("union exists")
    }

    /// Adds an account directly (demo password), for arrangements the demo lacks.
    pub async fn add_user(&self, username: &str, role: &str, union_id: i64) -> uuid::Uuid {
        let mut conn = self.owner().await;
        let hash: String =
            sqlx::query_scalar("select password_hash from users where username = 'gd-admin'")
                .fetch_one(&mut conn)
                .await
                .expect("demo hash");
        sqlx::query_scalar(
            "insert into users (username, display_name, role, union_id, password_hash)
             values ($1, $1, $2, $3, $4) returning id",
        )
        .bind(username)
        .bind(role)
        .bind(union_id)
        .bind(hash)
        .fetch_one(&mut conn)
        .await
        .expect("insert user")
    }

    /// Adds an unregistered organization homed at `union_id` (as the owner).
    pub async fn add_org(&self, name: &str, union_id: i64) -> uuid::Uuid {
        let mut conn = self.owner().await;
        sqlx::query_scalar(
            "insert into organizations (union_id, name, org_type, guidance_category, relationship,
                                        service_domains)
             values ($1, $2, 'unregistered', 'guide', 'contacted', '{employment}') returning id",
        )
        .bind(union_id)
        .bind(name)
        .fetch_one(&mut conn)
        .await
        .expect("insert organization")
    }

    /// Adds an account of organization `org_id` (demo password).
    pub async fn add_org_user(&self, username: &str, org_id: uuid::Uuid) -> uuid::Uuid {
        let mut conn = self.owner().await;
        let union_id: i64 = sqlx::query_scalar("select union_id from organizations where id = $1")
            .bind(org_id)
            .fetch_one(&mut conn)
            .await
            .expect("organization");
        let user = self.add_user(username, "staff", union_id).await;
        sqlx::query("update users set role = 'org', org_id = $2 where id = $1")
            .bind(user)
            .bind(org_id)
            .execute(&mut conn)
            .await
            .expect("make it an organization account");
        user
    }

    /// A browser holding a fresh session of `username`, made directly in the
    /// database (no password hashed): for suites that sign in hundreds of
    /// times. The login itself is tested through the form elsewhere.
    pub async fn signed_in(&self, username: &str) -> Client {
        self.signed_in_over(&mut self.owner().await, username).await
    }

    /// `signed_in`, over an owner connection the caller holds.
    pub async fn signed_in_over(&self, conn: &mut PgConnection, username: &str) -> Client {
        let token = niudai::config::random_token();
        let csrf = niudai::config::random_token();
        let opened = sqlx::query(
            "insert into sessions (token_hash, user_id, csrf_token)
             select $1, id, $2 from users where username = $3",
        )
        .bind(niudai::identity::tokens::token_hash(&token))
        .bind(&csrf)
        .bind(username)
        .execute(conn)
        .await
        .expect("open a session");
        assert_eq!(opened.rows_affected(), 1, "no user {username}");
        let client = self.client();
        client.set_cookie(niudai::identity::session::SESSION_COOKIE, &token);
        client.set_csrf(&csrf);
        client
    }

    pub async fn user_id(&self, username: &str) -> uuid::Uuid {
        let mut conn = self.owner().await;
        sqlx::query_scalar("select id from users where username = $1")
            .bind(username)
            .fetch_one(&mut conn)
            .await
            .expect("user exists")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if self.drops_database {
            database::drop_database(std::mem::take(&mut self.database));
        }
    }
}

/// A test server's configuration: no login rate limit, files under `data_dir`,
/// then whatever `configure` changes.
fn test_config(data_dir: &tempfile::TempDir, configure: impl FnOnce(&mut Config)) -> Config {
    let mut config = Config::defaults();
    config.login_rate = 0;
    config.data_dir = data_dir.path().to_owned();
    configure(&mut config);
    config
}

/// Starts a server with `config` and `routes` behind every layer, its pool
/// connected with `options`, on a loopback port; returns the address.
async fn serve(
    options: PgConnectOptions,
    config: Config,
    routes: axum::Router<AppState>,
) -> SocketAddr {
    // `NIUDAI_TEST_LOG=error` shows what the server logs (a 500's cause).
    if let Ok(filter) = std::env::var("NIUDAI_TEST_LOG") {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
            .with_test_writer()
            .try_init();
    }
    let db = Db::connect_with(options, 8)
        .await
        .expect("the app pool connects");
    db.check_serving_role()
        .await
        .expect("the serving role passes the self-check");
    let state = AppState::new(db, config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        axum::serve(
            listener,
            with_layers(routes, state).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .expect("the server runs");
    });
    addr
}
