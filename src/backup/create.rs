//! `niudai backup --to DIR`: one snapshot of the database gives the dump, the
//! row counts and the list of files; then every file is fetched from the
//! store, checked against its record's sha256 and copied; the manifest comes
//! last.

use std::fmt;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;

use super::manifest::{self, FORMAT, FileEntry, Manifest};
use super::pg_tools::PgTools;
use super::{BackupError, DUMP_FILE, FILES_DIR, FileProblems, counted, file_size, human_size, io};
use crate::config::Config;
use crate::db;
use crate::files::{self, FileStore};

/// What a backup wrote, for the command to print.
#[derive(Debug)]
pub struct BackupSummary {
    pub folder: PathBuf,
    pub tables: usize,
    pub rows: i64,
    pub files: usize,
    pub file_bytes: u64,
    /// Files a record names that were missing or damaged (left out).
    pub unavailable: usize,
    pub dump_bytes: u64,
    pub elapsed: Duration,
}

impl fmt::Display for BackupSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Backed up {} ({}) and {} ({}) to {} in {:.1} s ({DUMP_FILE}: {}).",
            counted(self.tables, "table"),
            counted(self.rows, "row"),
            counted(self.files, "file"),
            human_size(self.file_bytes),
            self.folder.display(),
            self.elapsed.as_secs_f64(),
            human_size(self.dump_bytes),
        )?;
        if self.unavailable > 0 {
            write!(
                f,
                "\nLeft out, missing or damaged in the store (manifest.json lists them): {}.",
                counted(self.unavailable, "file")
            )?;
        }
        Ok(())
    }
}

/// Backs up the database of `url` (as its owner) and the file store of
/// `config` into `folder`, which must not exist or be empty. A file that is
/// missing or whose bytes differ from its record fails the backup unless
/// `allow_missing_files`. A failed backup removes what it wrote.
pub async fn backup(
    config: &Config,
    url: &str,
    folder: &Path,
    allow_missing_files: bool,
) -> Result<BackupSummary, BackupError> {
    let started = Instant::now();
    prepare_folder(folder)?;
    let result = write_backup(config, url, folder, allow_missing_files).await;
    if result.is_err() {
        let _ = std::fs::remove_file(folder.join(DUMP_FILE));
        let _ = std::fs::remove_dir_all(folder.join(FILES_DIR));
    }
    let manifest = result?;
    let kept: Vec<&FileEntry> = manifest.kept_files().collect();
    Ok(BackupSummary {
        folder: folder.to_owned(),
        tables: manifest.tables.len(),
        rows: manifest.rows(),
        files: kept.len(),
        file_bytes: kept
            .iter()
            .map(|f| u64::try_from(f.size).unwrap_or(0))
            .sum(),
        unavailable: manifest.files.len() - kept.len(),
        dump_bytes: file_size(&folder.join(DUMP_FILE)),
        elapsed: started.elapsed(),
    })
}

/// Creates `folder` (or takes an empty one) open to its owner alone: the dump
/// holds password hashes and the serving role's password.
fn prepare_folder(folder: &Path) -> Result<(), BackupError> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)
        .map_err(io(format!("creating {}", folder.display())))?;
    let mut entries =
        std::fs::read_dir(folder).map_err(io(format!("reading {}", folder.display())))?;
    if entries.next().is_some() {
        return Err(BackupError::FolderNotEmpty(folder.to_owned()));
    }
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))
        .map_err(io(format!("restricting {}", folder.display())))
}

async fn write_backup(
    config: &Config,
    url: &str,
    folder: &Path,
    allow_missing_files: bool,
) -> Result<Manifest, BackupError> {
    let tools = PgTools::for_url(url)?;
    let store = FileStore::from_config(config).map_err(io("opening the file store"))?;
    let owner = db::connect_owner(url).await?;
    let mut tx = owner.begin().await?;
    sqlx::query!("set transaction isolation level repeatable read, read only")
        .execute(&mut *tx)
        .await?;
    let snapshot = sqlx::query_scalar!(r#"select pg_export_snapshot() as "snapshot!""#)
        .fetch_one(&mut *tx)
        .await?;
    let mut manifest = Manifest {
        format: FORMAT,
        created_at: Utc::now(),
        niudai_version: env!("CARGO_PKG_VERSION").to_owned(),
        migration: manifest::latest_migration(&mut tx).await?,
        serving_role_settings: manifest::serving_role_settings(&mut tx).await?,
        tables: manifest::row_counts(&mut tx).await?,
        files: manifest::file_records(&mut tx).await?,
    };
    let dump = folder.join(DUMP_FILE);
    // The transaction stays open until pg_dump is done: it holds the snapshot.
    let dumped = tokio::task::spawn_blocking(move || tools.dump(&snapshot, &dump))
        .await
        .expect("pg_dump's waiter does not panic");
    tx.commit().await?;
    owner.close().await;
    dumped?;
    let problems = copy_files(&store, &mut manifest.files, &folder.join(FILES_DIR)).await?;
    if !problems.0.is_empty() && !allow_missing_files {
        return Err(BackupError::UnavailableFiles(problems));
    }
    manifest.write(folder)?;
    Ok(manifest)
}

/// Copies every file of `entries` from the store into `dir`, checking its
/// sha256; those missing or damaged are marked unavailable and returned.
async fn copy_files(
    store: &FileStore,
    entries: &mut [FileEntry],
    dir: &Path,
) -> Result<FileProblems, BackupError> {
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(io(format!("creating {}", dir.display())))?;
    let mut problems = FileProblems::default();
    for entry in entries {
        let problem = if files::is_key(&entry.storage_key) {
            match store.get(&entry.storage_key).await {
                Err(error) => Some(format!("missing from the store ({error})")),
                Ok(bytes) => {
                    let sha256 = files::sha256_hex(&bytes);
                    if sha256 == entry.sha256 {
                        tokio::fs::write(dir.join(&entry.storage_key), &bytes)
                            .await
                            .map_err(io(format!("writing {FILES_DIR}/{}", entry.storage_key)))?;
                        None
                    } else {
                        Some(format!(
                            "damaged: its sha256 is {sha256}, its record says {}",
                            entry.sha256
                        ))
                    }
                }
            }
        } else {
            Some("not a storage key niudai makes".to_owned())
        };
        if let Some(problem) = problem {
            problems.push(&entry.storage_key, problem.clone());
            entry.unavailable = Some(problem);
        }
    }
    Ok(problems)
}
