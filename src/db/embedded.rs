//! A private PostgreSQL, so that Niudai runs and tests without a database server
//! set up by hand: `initdb` and `pg_ctl` from the binaries already installed on the
//! machine, data under `<data dir>/postgres`, listening on 127.0.0.1 only, on a
//! port of its own, with a generated password kept in `<data dir>/postgres.secret`.
//! PostgreSQL refuses to run as root; as root the cluster runs as the `postgres`
//! user. The functions here block: call them from `spawn_blocking`.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sqlx::{Connection, PgConnection};

use crate::config::Secret;

const SUPERUSER: &str = "niudai";

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
    run_as: Option<(nix::unistd::Uid, nix::unistd::Gid)>,
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
        let exists: bool =
            sqlx::query_scalar("select exists (select 1 from pg_database where datname = $1)")
                .bind(database)
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
    pub fn stop(&self) -> Result<(), EmbeddedError> {
        if !self.in_charge {
            return Ok(());
        }
        let out = self.pg_ctl(&["stop", "-m", "fast", "-w", "-t", "60"])?;
        check("pg_ctl stop", &out)
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
        })?;
        Ok(port)
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

fn init_cluster(
    bin_dir: &Path,
    data_dir: &Path,
    cluster_dir: &Path,
    secret_file: &Path,
    run_as: Option<(nix::unistd::Uid, nix::unistd::Gid)>,
) -> Result<(), EmbeddedError> {
    let password = crate::auth::tokens::random_token();
    write_private(secret_file, &password, None)?;
    let pwfile = data_dir.join("postgres.pwfile");
    write_private(&pwfile, &password, run_as)?;
    if cluster_dir.exists() {
        fs::remove_dir_all(cluster_dir).map_err(io("clearing a half-made cluster"))?;
    }
    fs::create_dir(cluster_dir).map_err(io("creating the cluster folder"))?;
    fs::set_permissions(cluster_dir, fs::Permissions::from_mode(0o700))
        .map_err(io("restricting the cluster folder"))?;
    chown(cluster_dir, run_as)?;
    let mut initdb = command(bin_dir, "initdb", run_as, data_dir);
    initdb
        .arg("-D")
        .arg(cluster_dir)
        .args(["-U", SUPERUSER, "--auth=scram-sha-256", "-E", "UTF8"])
        .args(["--locale=C.UTF-8", "--no-instructions"])
        .arg(format!("--pwfile={}", pwfile.display()));
    let out = initdb.output().map_err(io("running initdb"));
    let _ = fs::remove_file(&pwfile);
    check("initdb", &out?)?;
    let mut conf = fs::OpenOptions::new()
        .append(true)
        .open(cluster_dir.join("postgresql.conf"))
        .map_err(io("opening postgresql.conf"))?;
    conf.write_all(
        b"\n# niudai: a private cluster, reachable on loopback only\n\
          listen_addresses = '127.0.0.1'\n\
          unix_socket_directories = ''\n",
    )
    .map_err(io("writing postgresql.conf"))
}

fn command(
    bin_dir: &Path,
    program: &str,
    run_as: Option<(nix::unistd::Uid, nix::unistd::Gid)>,
    cwd: &Path,
) -> Command {
    let mut cmd = Command::new(bin_dir.join(program));
    cmd.current_dir(cwd).env("LC_ALL", "C.UTF-8");
    if let Some((uid, gid)) = run_as {
        cmd.uid(uid.as_raw()).gid(gid.as_raw());
    }
    cmd
}

fn check(step: &'static str, out: &Output) -> Result<(), EmbeddedError> {
    if out.status.success() {
        return Ok(());
    }
    Err(EmbeddedError::Command {
        step,
        detail: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    })
}

fn write_private(
    path: &Path,
    content: &str,
    owner: Option<(nix::unistd::Uid, nix::unistd::Gid)>,
) -> Result<(), EmbeddedError> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(io("writing the database password"))?;
    file.write_all(content.as_bytes())
        .map_err(io("writing the database password"))?;
    chown(path, owner)
}

fn chown(
    path: &Path,
    owner: Option<(nix::unistd::Uid, nix::unistd::Gid)>,
) -> Result<(), EmbeddedError> {
    match owner {
        Some((uid, gid)) => std::os::unix::fs::chown(path, Some(uid.as_raw()), Some(gid.as_raw()))
            .map_err(io("handing the cluster to the postgres user")),
        None => Ok(()),
    }
}

/// As root, the `postgres` user to run the cluster as; otherwise nobody else.
fn unprivileged_user() -> Result<Option<(nix::unistd::Uid, nix::unistd::Gid)>, EmbeddedError> {
    if !nix::unistd::geteuid().is_root() {
        return Ok(None);
    }
    match nix::unistd::User::from_name("postgres") {
        Ok(Some(user)) => Ok(Some((user.uid, user.gid))),
        _ => Err(EmbeddedError::NoUnprivilegedUser),
    }
}

/// The folder holding `initdb` and `pg_ctl`: on PATH, from `pg_config --bindir`,
/// or the newest `/usr/lib/postgresql/<version>/bin`.
fn find_bin_dir() -> Option<PathBuf> {
    search_bin_dir(
        std::env::var_os("PATH"),
        Some("pg_config"),
        Path::new("/usr/lib/postgresql"),
    )
}

fn search_bin_dir(
    path: Option<std::ffi::OsString>,
    pg_config: Option<&str>,
    versions_root: &Path,
) -> Option<PathBuf> {
    let has_tools = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(dir) = path
        .iter()
        .flat_map(std::env::split_paths)
        .find(|dir| has_tools(dir))
    {
        return Some(dir);
    }
    if let Some(Ok(out)) = pg_config.map(|program| Command::new(program).arg("--bindir").output()) {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if out.status.success() && has_tools(&dir) {
            return Some(dir);
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir(versions_root)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, dir)| has_tools(dir))
        .collect();
    versions.sort();
    versions.pop().map(|(_, dir)| dir)
}

fn free_port() -> Result<u16, EmbeddedError> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(io("finding a free port"))?;
    let port = listener
        .local_addr()
        .map_err(io("finding a free port"))?
        .port();
    Ok(port)
}

fn io(context: &str) -> impl FnOnce(std::io::Error) -> EmbeddedError + '_ {
    move |source| EmbeddedError::Io {
        context: context.to_owned(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_binaries_there_is_nothing_to_start() {
        let empty = std::env::temp_dir().join(format!("niudai-no-pg-{}", std::process::id()));
        assert_eq!(search_bin_dir(None, None, &empty), None);
        let message = EmbeddedError::NoBinaries.to_string();
        assert!(message.contains("apt-get install postgresql"), "{message}");
        assert!(message.contains("docker compose"), "{message}");
    }

    #[test]
    fn the_newest_installed_version_is_chosen() {
        let root = std::env::temp_dir().join(format!("niudai-pg-versions-{}", std::process::id()));
        for version in ["13", "15", "9"] {
            let bin = root.join(version).join("bin");
            fs::create_dir_all(&bin).expect("create");
            for tool in ["initdb", "pg_ctl"] {
                fs::write(bin.join(tool), "").expect("write");
            }
        }
        fs::create_dir_all(root.join("16").join("bin")).expect("an incomplete install");
        assert_eq!(
            search_bin_dir(None, None, &root),
            Some(root.join("15").join("bin"))
        );
        let _ = fs::remove_dir_all(&root);
    }
}
