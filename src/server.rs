//! Running Niudai: open the database (the configured server, or the private
//! cluster under the data folder), migrate, seed the demo on a fresh private
//! cluster, check the serving role, then serve until Ctrl-C or SIGTERM and
//! stop the private cluster on the way out.

use std::net::SocketAddr;

use tokio::net::TcpListener;

use crate::config::{Config, Secret};
use crate::db::embedded::{EmbeddedError, EmbeddedPostgres};
use crate::db::{self, Db, SelfCheckError};
use crate::seed;
use crate::state::AppState;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Embedded(#[from] EmbeddedError),
    #[error("migrating the database failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error(
        "could not log in as the serving role niudai_app: {0} \
         (the server's pg_hba.conf must let niudai_app log in with a password)"
    )]
    ServingLogin(#[source] sqlx::Error),
    #[error("refusing to serve: {0}")]
    SelfCheck(#[from] SelfCheckError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The database a command works on, and the private cluster behind it if any.
#[derive(Debug)]
pub struct Database {
    pub url: Secret,
    /// The serving role's login password, when configured (or the private
    /// cluster's); otherwise the one kept in the database is used.
    pub app_password: Option<Secret>,
    embedded: Option<EmbeddedPostgres>,
}

/// The database the private cluster holds.
const EMBEDDED_DATABASE: &str = "niudai";

impl Database {
    /// `DATABASE_URL` if set; otherwise the private cluster, started (and
    /// created, the first time) under the data folder.
    pub async fn open(config: &Config) -> Result<Self, ServerError> {
        if let Some(url) = &config.database_url {
            return Ok(Self {
                url: url.clone(),
                // An empty value (`NIUDAI_APP_DB_PASSWORD=` in a .env) is unset.
                app_password: config
                    .app_db_password
                    .clone()
                    .filter(|password| !password.expose().is_empty()),
                embedded: None,
            });
        }
        let data_dir = config.data_dir.clone();
        let cluster = tokio::task::spawn_blocking(move || EmbeddedPostgres::start(&data_dir))
            .await
            .expect("starting PostgreSQL does not panic")?;
        cluster.ensure_database(EMBEDDED_DATABASE).await?;
        tracing::info!(created = cluster.is_new(), "private PostgreSQL is running");
        Ok(Self {
            url: cluster.url(EMBEDDED_DATABASE),
            app_password: Some(cluster.app_password()?),
            embedded: Some(cluster),
        })
    }

    pub fn is_embedded(&self) -> bool {
        self.embedded.is_some()
    }

    /// Stops the private cluster, if this command started one.
    pub async fn close(self) {
        if let Some(cluster) = self.embedded {
            match tokio::task::spawn_blocking(move || cluster.stop()).await {
                Ok(Ok(true)) => tracing::info!("private PostgreSQL stopped"),
                Ok(Ok(false)) => {
                    tracing::info!("private PostgreSQL left running for the server using it");
                }
                Ok(Err(error)) => tracing::warn!(%error, "stopping PostgreSQL failed"),
                Err(error) => tracing::warn!(%error, "stopping PostgreSQL failed"),
            }
        }
    }
}

pub async fn serve(config: Config) -> Result<(), ServerError> {
    let database = Database::open(&config).await?;
    let result = run(config, &database).await;
    database.close().await;
    result
}

async fn run(config: Config, database: &Database) -> Result<(), ServerError> {
    // A misconfigured bucket refuses to serve rather than keep files where
    // the other servers cannot read them.
    crate::files::FileStore::from_config(&config)?;
    db::migrate(database.url.expose()).await?;
    let owner = db::connect_owner(database.url.expose()).await?;
    let fresh = db::has_no_accounts(&owner).await?;
    if database.is_embedded() && fresh {
        tracing::info!("seeding the demo data into the new private database");
        seed::seed_demo(&owner, seed::DEMO_PASSWORD).await?;
    }
    let password = match &database.app_password {
        Some(password) => password.clone(),
        None => db::kept_app_password(&owner).await?,
    };
    db::provision_app_login(&owner, &password).await?;
    let options = db::app_login(database.url.expose(), &password)?;
    let db = Db::connect_with(options, config.db_pool_size)
        .await
        .map_err(ServerError::ServingLogin)?;
    owner.close().await;
    db.check_serving_role().await?;
    let state = AppState::new(db.clone(), config.clone());
    tokio::task::spawn_blocking(crate::identity::password::warm_up);
    let jobs = crate::jobs::spawn(state.clone());

    let listener = TcpListener::bind(config.bind).await?;
    let address = listener.local_addr()?;
    print_banner(address, &config, database.is_embedded());
    axum::serve(
        listener,
        crate::app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    jobs.abort();
    db.close().await;
    Ok(())
}

fn print_banner(address: SocketAddr, config: &Config, embedded: bool) {
    let url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{address}"));
    println!("纽带 Niudai is serving at {url}");
    if embedded {
        println!(
            "Demo accounts (password {:?} unless changed):",
            seed::DEMO_PASSWORD
        );
        for (username, display_name, role, _) in seed::DEMO_ACCOUNTS {
            println!("  {username:<16} {role:<10} {display_name}");
        }
        for (username, organization) in seed::DEMO_ORG_ACCOUNTS {
            println!("  {username:<16} {:<10} {organization}", "org");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
