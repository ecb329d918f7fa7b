//! pg_dump and pg_restore, connected as the owner of the configured database.
//! The connection goes to them as a libpq URI without the password, which
//! travels in `PGPASSWORD`: a command line is visible to every user of the
//! machine (`ps`), the environment only to the same user.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::str::FromStr;

use percent_encoding::percent_decode_str;
use sqlx::ConnectOptions;
use sqlx::postgres::PgConnectOptions;

use super::{BackupError, io};
use crate::db::embedded::find_client_bin_dir;

/// The client programs and how they reach the database.
#[derive(Clone, Debug)]
pub struct PgTools {
    bin_dir: PathBuf,
    /// libpq's URI of the database, without the password.
    uri: String,
    password: Option<String>,
}

impl PgTools {
    /// The tools for the database of `url` (a sqlx URL, as `DATABASE_URL`).
    pub fn for_url(url: &str) -> Result<Self, BackupError> {
        Self::at(find_client_bin_dir().ok_or(BackupError::NoTools)?, url)
    }

    fn at(bin_dir: PathBuf, url: &str) -> Result<Self, BackupError> {
        // sqlx's own reading of the URL (and of PGHOST, PGPASSWORD, …), back
        // as a URL libpq reads the same way.
        let mut uri = PgConnectOptions::from_str(url)?.to_url_lossy();
        let password = uri
            .password()
            .map(|p| percent_decode_str(p).decode_utf8_lossy().into_owned());
        // Cannot fail: the URL has a host.
        let _ = uri.set_password(None);
        let params: Vec<(String, String)> = uri
            .query_pairs()
            .filter(|(key, _)| key != "statement-cache-capacity")
            .map(|(key, value)| (key.into_owned(), value.into_owned()))
            .collect();
        uri.query_pairs_mut()
            .clear()
            .extend_pairs(params)
            .append_pair("application_name", "niudai-backup");
        Ok(Self {
            bin_dir,
            uri: uri.to_string(),
            password,
        })
    }

    /// Dumps the database as `snapshot` (exported by a transaction still
    /// open) sees it into `file`, in pg_dump's custom format.
    pub fn dump(&self, snapshot: &str, file: &Path) -> Result<(), BackupError> {
        let mut dump = self.connecting("pg_dump");
        dump.args(["--format=custom", "--no-password"])
            .arg(format!("--snapshot={snapshot}"))
            .arg("--file")
            .arg(file);
        finished("pg_dump", dump.output().map_err(io("running pg_dump"))?).map(drop)
    }

    /// Restores `dump` in one transaction (all or nothing), its objects owned
    /// by the connecting owner whoever owned them before. Two kinds of entry
    /// are left out: default privileges, which pg_dump writes `FOR ROLE` the
    /// old owner, a role the target cluster may not have (the caller gives the
    /// new owner its own); and comments on extensions, which only the
    /// extension's owner may write, and nobody reads.
    pub fn restore(&self, dump: &Path) -> Result<(), BackupError> {
        let mut list = self.command("pg_restore");
        list.arg("--list").arg(dump);
        let contents = finished(
            "pg_restore --list",
            list.output().map_err(io("running pg_restore"))?,
        )?;
        let mut kept = tempfile::NamedTempFile::new().map_err(io("writing the restore list"))?;
        kept.write_all(restore_list(&contents).as_bytes())
            .map_err(io("writing the restore list"))?;
        let mut restore = self.connecting("pg_restore");
        restore
            .args([
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
            ])
            .arg("--use-list")
            .arg(kept.path())
            .arg(dump);
        finished(
            "pg_restore",
            restore.output().map_err(io("running pg_restore"))?,
        )
        .map(drop)
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(self.bin_dir.join(program));
        command.stdin(Stdio::null());
        command
    }

    fn connecting(&self, program: &str) -> Command {
        let mut command = self.command(program);
        command.arg(format!("--dbname={}", self.uri));
        if let Some(password) = &self.password {
            command.env("PGPASSWORD", password);
        }
        command
    }
}

/// The standard output of a program that succeeded; its messages otherwise.
fn finished(step: &'static str, out: Output) -> Result<String, BackupError> {
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    Err(BackupError::Tool {
        step,
        detail: String::from_utf8_lossy(&out.stderr).trim_end().to_owned(),
    })
}

/// `pg_restore --list`'s table of contents without the entries a restore
/// leaves out (see [`PgTools::restore`]).
fn restore_list(contents: &str) -> String {
    contents
        .lines()
        .filter(|line| {
            let entry = line.split_once(';').map_or("", |(_, entry)| entry);
            !(entry.contains(" DEFAULT ACL ") || entry.contains(" COMMENT - EXTENSION "))
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_privileges_and_extension_comments_are_left_out() {
        let contents = "\
;     dbname: niudai
;
3497; 0 0 ACL - SCHEMA public pg_database_owner
2; 3079 16388 EXTENSION - ltree 
3498; 0 0 COMMENT - EXTENSION ltree 
304; 1255 16573 FUNCTION public f() niudai
3499; 0 0 ACL public FUNCTION f() niudai
3489; 3256 16582 POLICY public t t_p niudai
2181; 826 16574 DEFAULT ACL - DEFAULT PRIVILEGES FOR FUNCTIONS niudai
";
        let kept = restore_list(contents);
        assert!(kept.contains("EXTENSION - ltree"));
        assert!(kept.contains("ACL public FUNCTION f() niudai"));
        assert!(kept.contains("POLICY public t t_p"));
        assert!(!kept.contains("COMMENT - EXTENSION"), "{kept}");
        assert!(!kept.contains("DEFAULT ACL"), "{kept}");
        assert_eq!(kept.lines().count(), 7);
    }

    #[test]
    fn the_password_goes_to_the_environment_not_the_command_line() {
        let tools = PgTools::at(
            PathBuf::from("/usr/bin"),
            "postgres://owner:p%40ss%2Fword@db.example:5433/niudai?sslmode=require",
        )
        .expect("a URL");
        assert_eq!(tools.password.as_deref(), Some("p@ss/word"));
        assert!(!tools.uri.contains("p%40ss"), "{}", tools.uri);
        assert!(
            tools
                .uri
                .starts_with("postgres://owner@db.example:5433/niudai?")
        );
        assert!(tools.uri.contains("sslmode=require"), "{}", tools.uri);
        assert!(!tools.uri.contains("statement-cache"), "{}", tools.uri);
        let dump = tools.connecting("pg_dump");
        let args: Vec<_> = dump.get_args().map(|a| a.to_string_lossy()).collect();
        assert!(args.iter().all(|arg| !arg.contains("ss/word")), "{args:?}");
    }
}
