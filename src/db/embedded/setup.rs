//! Making and reaching the private cluster's files and processes: `initdb`,
//! the commands run as the unprivileged user, the password files, and where the
//! PostgreSQL binaries are (the server's, and the clients a backup needs).

use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::{EmbeddedError, SUPERUSER};

/// The user the cluster runs as when Niudai runs as root.
pub(super) type RunAs = Option<(nix::unistd::Uid, nix::unistd::Gid)>;

/// Creates the cluster as `run_as`: a generated superuser password (kept in
/// `secret_file`), scram authentication, UTF8 with `C.UTF-8`, loopback only.
pub(super) fn init_cluster(
    bin_dir: &Path,
    data_dir: &Path,
    cluster_dir: &Path,
    secret_file: &Path,
    run_as: RunAs,
) -> Result<(), EmbeddedError> {
    let password = crate::config::random_token();
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

pub(super) fn command(bin_dir: &Path, program: &str, run_as: RunAs, cwd: &Path) -> Command {
    let mut cmd = Command::new(bin_dir.join(program));
    cmd.current_dir(cwd).env("LC_ALL", "C.UTF-8");
    if let Some((uid, gid)) = run_as {
        cmd.uid(uid.as_raw()).gid(gid.as_raw());
    }
    cmd
}

pub(super) fn check(step: &'static str, out: &Output) -> Result<(), EmbeddedError> {
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

pub(super) fn write_private(path: &Path, content: &str, owner: RunAs) -> Result<(), EmbeddedError> {
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

pub(super) fn chown(path: &Path, owner: RunAs) -> Result<(), EmbeddedError> {
    match owner {
        Some((uid, gid)) => std::os::unix::fs::chown(path, Some(uid.as_raw()), Some(gid.as_raw()))
            .map_err(io("handing the cluster to the postgres user")),
        None => Ok(()),
    }
}

/// As root, the `postgres` user to run the cluster as; otherwise nobody else.
pub(super) fn unprivileged_user() -> Result<RunAs, EmbeddedError> {
    if !nix::unistd::geteuid().is_root() {
        return Ok(None);
    }
    match nix::unistd::User::from_name("postgres") {
        Ok(Some(user)) => Ok(Some((user.uid, user.gid))),
        _ => Err(EmbeddedError::NoUnprivilegedUser),
    }
}

/// The first folder on the way to `dir` (itself included) that `run_as` may not
/// enter, with its mode: initdb, run as that user, would fail on it with a bare
/// "Permission denied" (a data folder under root's mode-700 home, say).
pub(super) fn unreachable_folder(dir: &Path, run_as: RunAs) -> Option<(PathBuf, u32)> {
    use std::os::unix::fs::MetadataExt;
    let (uid, gid) = run_as?;
    dir.ancestors().find_map(|folder| {
        let meta = fs::metadata(folder).ok()?;
        let mode = meta.mode() & 0o777;
        let search_bit = if meta.uid() == uid.as_raw() {
            0o100
        } else if meta.gid() == gid.as_raw() {
            0o010
        } else {
            0o001
        };
        (mode & search_bit == 0).then(|| (folder.to_owned(), mode))
    })
}

/// The folder holding `initdb` and `pg_ctl`: on PATH, from `pg_config --bindir`,
/// or the newest `/usr/lib/postgresql/<version>/bin`.
pub(super) fn find_bin_dir() -> Option<PathBuf> {
    find_tools(&["initdb", "pg_ctl"])
}

/// The folder holding `pg_dump` and `pg_restore`, searched like
/// [`find_bin_dir`]. A machine (or container) with only the client package
/// has these without the server's binaries.
pub fn find_client_bin_dir() -> Option<PathBuf> {
    find_tools(&["pg_dump", "pg_restore"])
}

fn find_tools(tools: &[&str]) -> Option<PathBuf> {
    search_bin_dir(
        tools,
        std::env::var_os("PATH"),
        Some("pg_config"),
        Path::new("/usr/lib/postgresql"),
    )
}

fn search_bin_dir(
    tools: &[&str],
    path: Option<std::ffi::OsString>,
    pg_config: Option<&str>,
    versions_root: &Path,
) -> Option<PathBuf> {
    let has_tools = |dir: &Path| tools.iter().all(|tool| dir.join(tool).is_file());
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

pub(super) fn free_port() -> Result<u16, EmbeddedError> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(io("finding a free port"))?;
    let port = listener
        .local_addr()
        .map_err(io("finding a free port"))?
        .port();
    Ok(port)
}

pub(super) fn io(context: &str) -> impl FnOnce(std::io::Error) -> EmbeddedError + '_ {
    move |source| EmbeddedError::Io {
        context: context.to_owned(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::embedded::EmbeddedError;

    #[test]
    fn without_binaries_there_is_nothing_to_start() {
        let empty = std::env::temp_dir().join(format!("niudai-no-pg-{}", std::process::id()));
        assert_eq!(search_bin_dir(&["initdb"], None, None, &empty), None);
        let message = EmbeddedError::NoBinaries.to_string();
        assert!(message.contains("apt-get install postgresql"), "{message}");
        assert!(message.contains("docker compose"), "{message}");
    }

    #[test]
    fn a_folder_closed_to_the_cluster_user_is_named() {
        let root = std::env::temp_dir().join(format!("niudai-closed-{}", std::process::id()));
        let inner = root.join("home").join("data");
        fs::create_dir_all(&inner).expect("create");
        fs::set_permissions(root.join("home"), fs::Permissions::from_mode(0o700)).expect("chmod");
        let stranger = Some((
            nix::unistd::Uid::from_raw(54_321),
            nix::unistd::Gid::from_raw(54_321),
        ));
        assert_eq!(
            unreachable_folder(&inner, stranger),
            Some((root.join("home"), 0o700))
        );
        fs::set_permissions(root.join("home"), fs::Permissions::from_mode(0o711)).expect("chmod");
        assert_eq!(unreachable_folder(&inner, stranger), None);
        assert_eq!(unreachable_folder(&inner, None), None);
        let _ = fs::remove_dir_all(&root);
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
            search_bin_dir(&["initdb", "pg_ctl"], None, None, &root),
            Some(root.join("15").join("bin"))
        );
        assert_eq!(
            search_bin_dir(&["pg_dump"], None, None, &root),
            None,
            "a folder counts only with every tool asked for"
        );
        let _ = fs::remove_dir_all(&root);
    }
}
