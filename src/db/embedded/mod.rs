//! A private PostgreSQL, so that Niudai runs and tests without a database server
//! set up by hand: `initdb` and `pg_ctl` from the binaries already installed on the
//! machine, data under `<data dir>/postgres`, listening on 127.0.0.1 only, on a
//! port of its own, with a generated password kept in `<data dir>/postgres.secret`.
//! PostgreSQL refuses to run as root; as root the cluster runs as the `postgres`
//! user. The functions here block: call them from `spawn_blocking`.

mod setup;

pub use setup::find_client_bin_dir;

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use sqlx::{Connection, PgConnection};

use crate::config::Secret;

const SUPERUSER: &str = "niudai";

use setup::{
    RunAs, check, command, find_bin_dir, free_port, init_cluster, io, unprivileged_user,
    unreachable_folder, write_private,
};

#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    #[error(
        "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH, via `pg_config --bindir` \
         or under /usr/lib/postgresql/*/bin.\n\
         Install them (Debian/Ubuntu: `sudo apt-get install postgresql`), \
         or set DATABASE_URL to an existing PostgreSQL 15+ server, \
         or run Niudai with its database in containers: `docker compose up`."
    )]
    NoBinaries,
    #[error(
        "running as root, the private PostgreSQL needs an unprivileged `postgres` user to run as \
         (install the `postgresql` package, or start Niudai as an ordinary user)"
    )]
    NoUnprivilegedUser,
    #[error(
        "running as root, the private PostgreSQL runs as the `postgres` user, which cannot enter \
         {folder} (mode {mode:o}) on the way to the data folder. Choose a data folder that user \
         can reach (e.g. NIUDAI_DATA_DIR=/var/lib/niudai), open the folder to it \
         (chmod o+x {folder}), or start Niudai as an ordinary user"
    )]
    DataFolderUnreachable { folder: String, mode: u32 },
    #[error("{step} failed:\n{detail}")]
    Command { step: &'static str, detail: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("could not prepare the database: {0}")]
    Database(#[from] sqlx::Error),
}

/// A running private cluster.
#[derive(Debug)]
pub struct EmbeddedPostgres {
    bin_dir: PathBuf,
    cluster_dir: PathBuf,
    run_as: RunAs,
    port: u16,
    password: Secret,
    created: bool,
    /// Held while this process is the first `niudai` on the data folder.
    _lock: Option<fs::File>,
    /// Whether this process stops the cluster when it exits: the first `niudai`
    /// on a data folder does; a second one (a `seed` while the server runs)
    /// uses the cluster and leaves it running.
    in_charge: bool,
}

impl EmbeddedPostgres {
    /// Creates the cluster on first use, starts it unless it already runs, and
    /// returns a handle to it.
    pub fn start(data_dir: &Path) -> Result<Self, EmbeddedError> {
        let bin_dir = find_bin_dir().ok_or(EmbeddedError::NoBinaries)?;
        fs::create_dir_all(data_dir).map_err(io("creating the data folder"))?;
        let data_dir = data_dir
            .canonicalize()
            .map_err(io("resolving the data folder"))?;
        let lock_file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(data_dir.join("niudai.lock"))
            .map_err(io("opening niudai.lock"))?;
        let lock = match lock_file.try_lock() {
            Ok(()) => Some(lock_file),
            Err(fs::TryLockError::WouldBlock) => None,
            Err(fs::TryLockError::Error(source)) => {
                return Err(EmbeddedError::Io {
                    context: "locking niudai.lock".into(),
                    source,
                });
            }
        };
        let run_as = unprivileged_user()?;
        if let Some((folder, mode)) = unreachable_folder(&data_dir, run_as) {
            return Err(EmbeddedError::DataFolderUnreachable {
                folder: folder.display().to_string(),
                mode,
            });
        }
        let cluster_dir = data_dir.join("postgres");
        let secret_file = data_dir.join("postgres.secret");
        let created = !cluster_dir.join("PG_VERSION").exists();
        if created {
            init_cluster(&bin_dir, &data_dir, &cluster_dir, &secret_file, run_as)?;
        }
        let password = Secret::new(
            fs::read_to_string(&secret_file)
                .map_err(io("reading postgres.secret"))?
                .trim(),
        );
        let mut cluster = Self {
            bin_dir,
            cluster_dir,
            run_as,
            port: 0,
            password,
            created,
            in_charge: lock.is_some(),
            _lock: lock,
        };
        cluster.port = match cluster.running_port() {
            Some(port) => port,
            None => {
                cluster.in_charge = true;
                cluster.launch()?
            }
        };
        Ok(cluster)
    }

    /// The serving role's login password in this cluster, made on first use and
    /// kept beside the cluster.
    pub fn app_password(&self) -> Result<Secret, EmbeddedError> {
        let file = self
            .cluster_dir
            .parent()
            .unwrap_or(&self.cluster_dir)
            .join("postgres.app.secret");
        if !file.exists() {
            write_private(&file, &crate::config::random_token(), None)?;
        }
        let password = fs::read_to_string(&file).map_err(io("reading postgres.app.secret"))?;
        Ok(Secret::new(password.trim()))
    }

    /// Whether this start created the cluster (so the demo data should be seeded).
    pub fn is_new(&self) -> bool {
        self.created
    }

    /// A connection URL for `database` as the cluster's superuser.
    pub fn url(&self, database: &str) -> Secret {
        Secret::new(format!(
            "postgres://{SUPERUSER}:{}@127.0.0.1:{}/{database}",
            self.password.expose(),
            self.port
        ))
    }

    /// Creates `database` (UTF8, `C.UTF-8` ctype) unless it exists.
    pub async fn ensure_database(&self, database: &str) -> Result<(), EmbeddedError> {
        let mut conn = PgConnection::connect(self.url("postgres").expose()).await?;
        let exists = sqlx::query_scalar!(
            r#"select exists (select 1 from pg_database where datname = $1) as "exists!""#,
            database
        )
        .fetch_one(&mut conn)
        .await?;
        if !exists {
            create_database(&mut conn, database).await?;
        }
        conn.close().await?;
        Ok(())
    }

    /// Stops the cluster (fast shutdown: open connections are closed), unless
    /// another `niudai` process is in charge of it.
    /// Returns whether it stopped the cluster.
    pub fn stop(&self) -> Result<bool, EmbeddedError> {
        if !self.in_charge {
            return Ok(false);
        }
        let out = self.pg_ctl(&["stop", "-m", "fast", "-w", "-t", "60"])?;
        check("pg_ctl stop", &out).map(|()| true)
    }

    /// Starts the cluster again on its port after [`stop`](Self::stop): the
    /// two make a restart with as long a pause as the caller wants (the fault
    /// tests hold PostgreSQL down for a moment, as a real restart does).
    pub fn start_again(&self) -> Result<(), EmbeddedError> {
        self.launch_on(self.port)
    }

    /// The process id of the running postmaster (the parent of every server
    /// process of the cluster), from the first line of `postmaster.pid`.
    pub fn postmaster_pid(&self) -> Option<i32> {
        let pid_file = fs::read_to_string(self.cluster_dir.join("postmaster.pid")).ok()?;
        pid_file.lines().next()?.trim().parse().ok()
    }

    fn running_port(&self) -> Option<u16> {
        let status = self.pg_ctl(&["status"]).ok()?;
        if !status.status.success() {
            return None;
        }
        // postmaster.pid: line 4 is the port.
        let pid_file = fs::read_to_string(self.cluster_dir.join("postmaster.pid")).ok()?;
        pid_file.lines().nth(3)?.trim().parse().ok()
    }

    fn launch(&self) -> Result<u16, EmbeddedError> {
        let port = free_port()?;
        self.launch_on(port)?;
        Ok(port)
    }

    fn launch_on(&self, port: u16) -> Result<(), EmbeddedError> {
        let log = self.cluster_dir.join("server.log");
        let options = format!("-p {port}");
        let out = self.pg_ctl(&[
            "start",
            "-w",
            "-t",
            "60",
            "-l",
            &log.to_string_lossy(),
            "-o",
            &options,
        ])?;
        check("pg_ctl start", &out).map_err(|err| match err {
            EmbeddedError::Command { step, detail } => EmbeddedError::Command {
                step,
                detail: format!("{detail}\n{}", fs::read_to_string(&log).unwrap_or_default()),
            },
            other => other,
        })
    }

    fn pg_ctl(&self, args: &[&str]) -> Result<Output, EmbeddedError> {
        let mut cmd = command(&self.bin_dir, "pg_ctl", self.run_as, &self.cluster_dir);
        cmd.arg("-D").arg(&self.cluster_dir).args(args);
        // Its own process group: a Ctrl-C in the terminal reaches the server, which
        // then shuts the cluster down in order, not the cluster directly.
        cmd.process_group(0);
        cmd.output().map_err(io("running pg_ctl"))
    }
}

/// Creates `database` as UTF8 with `C.UTF-8` collation and ctype, which Chinese
/// trigram search and ltree need.
pub async fn create_database(conn: &mut PgConnection, database: &str) -> Result<(), sqlx::Error> {
    let name = quote_ident(database);
    let sql = format!(
        "create database {name} template template0 encoding 'UTF8' \
         lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'"
    );
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .execute(conn)
        .await?;
    Ok(())
}

/// Quotes an identifier the way PostgreSQL's `quote_ident` does.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
