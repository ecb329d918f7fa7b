//! `niudai backup` and `niudai restore`: the whole of a Niudai installation in
//! one folder and back. The folder holds `database.dump` (pg_dump's custom
//! format, taken as the owner), `files/` (every attachment a record names, under
//! its storage key) and `manifest.json` (what a restore checks against: row
//! counts per table, each file's size and sha256, the schema's migration, the
//! serving role's settings). The manifest is written last, so a folder
//! without one is not a backup.
//!
//! The database, the row counts and the list of files are read in one
//! snapshot, so a backup taken while servers run is consistent; files uploaded
//! after the snapshot belong to records the dump does not hold.

mod create;
mod manifest;
mod pg_tools;
mod restore;

use std::fmt;
use std::path::{Path, PathBuf};

pub use create::{BackupSummary, backup};
pub use manifest::{FileEntry, Manifest};
pub use restore::{RestoreSummary, restore};

/// The dump inside a backup folder.
pub const DUMP_FILE: &str = "database.dump";
/// The manifest inside a backup folder.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The attachments' folder inside a backup folder.
pub const FILES_DIR: &str = "files";

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} exists and is not empty: back up into a new or empty folder")]
    FolderNotEmpty(PathBuf),
    #[error(
        "pg_dump and pg_restore were not found on PATH, via `pg_config --bindir` or under \
         /usr/lib/postgresql/*/bin. Install the PostgreSQL client of the server's version or newer \
         (Debian/Ubuntu: `sudo apt-get install postgresql-client-15`)"
    )]
    NoTools,
    #[error("{step} failed:\n{detail}")]
    Tool { step: &'static str, detail: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the database is not a Niudai database (it has no _sqlx_migrations table)")]
    NotNiudai,
    #[error("{0} is not a Niudai backup: {1}")]
    NotABackup(PathBuf, String),
    #[error(
        "the backup's database is at migration {backup}, newer than this niudai knows ({known}): \
         restore it with niudai {version} or newer"
    )]
    NewerSchema {
        backup: i64,
        known: i64,
        version: String,
    },
    #[error(
        "the database already holds {0} tables: restore into a new, empty database \
         (`createdb`, or a new data folder for the private PostgreSQL)"
    )]
    DatabaseNotEmpty(i64),
    #[error(
        "{0}\nNothing was backed up. Run again with --allow-missing-files to back up without them \
         (the manifest lists them)."
    )]
    UnavailableFiles(FileProblems),
    #[error("the backup's files do not match its manifest; nothing was restored.\n{0}")]
    DamagedBackup(FileProblems),
    #[error("the restored data differs from the backup:\n  {}", .0.join("\n  "))]
    Differs(Vec<String>),
}

/// Files that are missing or whose bytes are not what their record says.
#[derive(Debug, Default)]
pub struct FileProblems(pub Vec<(String, String)>);

impl FileProblems {
    fn push(&mut self, storage_key: &str, problem: impl Into<String>) {
        self.0.push((storage_key.to_owned(), problem.into()));
    }
}

impl fmt::Display for FileProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 20;
        write!(f, "{} missing or damaged:", counted(self.0.len(), "file"))?;
        for (key, problem) in self.0.iter().take(SHOWN) {
            write!(f, "\n  {key}: {problem}")?;
        }
        if self.0.len() > SHOWN {
            write!(f, "\n  … and {} more", self.0.len() - SHOWN)?;
        }
        Ok(())
    }
}

fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> BackupError {
    let context = context.into();
    move |source| BackupError::Io { context, source }
}

/// `1 file`, `3 files`: counts in a summary.
fn counted(n: impl fmt::Display, noun: &str) -> String {
    match n.to_string() {
        one if one == "1" => format!("1 {noun}"),
        many => format!("{many} {noun}s"),
    }
}

/// `1.2 MB`, `340 KB`, `12 B`: sizes in a summary.
fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    match bytes {
        b if b >= MB => format!("{}.{} MB", b / MB, b % MB * 10 / MB),
        b if b >= 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{b} B"),
    }
}

/// The size of a file on disk, 0 when it cannot be read.
fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |meta| meta.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_of_problems_is_cut_short() {
        let mut problems = FileProblems::default();
        for n in 0..25 {
            problems.push(&format!("key-{n}"), "missing from the store");
        }
        let shown = problems.to_string();
        assert!(shown.starts_with("25 files missing or damaged:"), "{shown}");
        assert!(shown.contains("key-19: missing"), "{shown}");
        assert!(!shown.contains("key-20"), "{shown}");
        assert!(shown.ends_with("… and 5 more"), "{shown}");
    }

    #[test]
    fn counts_read_as_people_write_them() {
        assert_eq!(counted(1, "file"), "1 file");
        assert_eq!(counted(0, "file"), "0 files");
        assert_eq!(counted(1934, "row"), "1934 rows");
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(12), "12 B");
        assert_eq!(human_size(2049), "3 KB");
        assert_eq!(human_size(1024 * 1024 * 3 / 2), "1.5 MB");
    }
}
