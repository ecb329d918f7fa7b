//! A PostgreSQL cluster of one test's own, for what the cluster the other
//! tests share must not suffer: a restart, killed backends, a frozen server.
//! It holds one database, migrated and seeded like the template, and is
//! stopped and removed when dropped.

use std::os::unix::fs::PermissionsExt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use niudai::db::embedded::EmbeddedPostgres;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, PgPool};

use super::database::APP_PASSWORD;

/// The one database of an own cluster.
pub const DATABASE: &str = "niudai";

pub struct OwnCluster {
    postgres: Arc<EmbeddedPostgres>,
    /// Removed after the cluster has stopped (fields drop after `drop`).
    _dir: tempfile::TempDir,
}

impl OwnCluster {
    /// Starts a new cluster under the target folder and prepares its
    /// database: the schema, the demo, and the serving role's login.
    pub async fn start() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("niudai-own-pg-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .expect("a folder for the cluster");
        // As root the cluster runs as `postgres`, which must enter the folder.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
            .expect("open the folder to the cluster's user");
        let path = dir.path().to_owned();
        let postgres = tokio::task::spawn_blocking(move || EmbeddedPostgres::start(&path))
            .await
            .expect("starting PostgreSQL does not panic")
            .expect("the own PostgreSQL starts");
        let cluster = Self {
            postgres: Arc::new(postgres),
            _dir: dir,
        };
        cluster
            .postgres
            .ensure_database(DATABASE)
            .await
            .expect("create the database");
        let pool = PgPool::connect_with(cluster.server().database(DATABASE))
            .await
            .expect("connect as the owner");
        niudai::MIGRATOR.run(&pool).await.expect("migrate");
        niudai::seed::seed_demo(&pool, niudai::seed::DEMO_PASSWORD)
            .await
            .expect("seed the demo");
        niudai::db::provision_app_login(&pool, &niudai::config::Secret::new(APP_PASSWORD))
            .await
            .expect("give niudai_app a login");
        pool.close().await;
        cluster
    }

    /// The cluster's maintenance database, as its superuser.
    pub fn server(&self) -> PgConnectOptions {
        PgConnectOptions::from_str(self.postgres.url("postgres").expose())
            .expect("the cluster's URL")
    }

    /// Restarts PostgreSQL: a fast shutdown (open connections are closed),
    /// `down` without a server, a start; returns once it accepts connections.
    pub async fn restart(&self, down: Duration) {
        let postgres = self.postgres.clone();
        let stopped = tokio::task::spawn_blocking(move || postgres.stop())
            .await
            .expect("stopping PostgreSQL does not panic")
            .expect("PostgreSQL stops");
        assert!(stopped, "the test is in charge of its cluster");
        tokio::time::sleep(down).await;
        let postgres = self.postgres.clone();
        tokio::task::spawn_blocking(move || postgres.start_again())
            .await
            .expect("starting PostgreSQL does not panic")
            .expect("PostgreSQL starts again");
    }

    /// Terminates every backend of `role`, as an administrator's
    /// `pg_terminate_backend` would; returns how many there were.
    pub async fn terminate_backends(&self, role: &str) -> usize {
        let mut conn = PgConnection::connect_with(&self.server())
            .await
            .expect("a superuser connection");
        let terminated: Vec<bool> = sqlx::query_scalar(
            "select pg_terminate_backend(pid) from pg_stat_activity where usename = $1",
        )
        .bind(role)
        .fetch_all(&mut conn)
        .await
        .expect("terminate the backends");
        terminated.len()
    }

    /// Stops the postmaster and every process of it (SIGSTOP): connections
    /// are accepted by the kernel and then nothing answers, as on a machine
    /// that hangs. The cluster runs again when the returned guard is dropped.
    pub fn freeze(&self) -> Frozen {
        let postmaster = self.postgres.postmaster_pid().expect("postmaster.pid");
        // The postmaster first, so that it forks no process after the list.
        let mut stopped = vec![postmaster];
        signal(postmaster, Signal::SIGSTOP);
        for child in children_of(postmaster) {
            signal(child, Signal::SIGSTOP);
            stopped.push(child);
        }
        Frozen { stopped }
    }
}

impl Drop for OwnCluster {
    fn drop(&mut self) {
        let _ = self.postgres.stop();
    }
}

/// A frozen cluster; dropping it lets every stopped process run again.
pub struct Frozen {
    stopped: Vec<i32>,
}

impl Drop for Frozen {
    fn drop(&mut self) {
        for pid in self.stopped.iter().rev() {
            signal(*pid, Signal::SIGCONT);
        }
    }
}

fn signal(pid: i32, signal: Signal) {
    // A backend may have exited since it was listed.
    let _ = kill(Pid::from_raw(pid), signal);
}

/// The processes whose parent is `parent`, from `/proc`.
fn children_of(parent: i32) -> Vec<i32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| {
            // /proc/<pid>/stat: "pid (comm) state ppid ...", comm may hold spaces.
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .ok()
                .and_then(|stat| {
                    let after_comm = &stat[stat.rfind(')')? + 1..];
                    after_comm.split_whitespace().nth(1)?.parse::<i32>().ok()
                })
                == Some(parent)
        })
        .collect()
}
