//! The manifest, what a backup holds (written by `backup`, checked by
//! `restore`), and the reads of the database both make to fill it in or
//! compare with it: rows per table, the schema's migration, the serving
//! role's settings, the file records. They run as the owner, whom row-level
//! security does not filter.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;

use super::{BackupError, MANIFEST_FILE, io};
use crate::db::embedded::quote_ident;

/// The layout of the backup folder this version writes and reads.
pub const FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// The folder's layout; a restore refuses one it does not know.
    pub format: u32,
    pub created_at: DateTime<Utc>,
    /// The niudai that made the backup.
    pub niudai_version: String,
    /// The latest migration applied to the database.
    pub migration: i64,
    /// `niudai_app`'s settings (`name=value`). Roles belong to the cluster,
    /// not the database, so the dump does not carry them.
    pub serving_role_settings: Vec<String>,
    /// Rows per table of schema `public`.
    pub tables: BTreeMap<String, i64>,
    /// Every file a record names.
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct FileEntry {
    pub storage_key: String,
    pub size: i64,
    pub sha256: String,
    /// Why the file is not in the backup (kept with `--allow-missing-files`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unavailable: Option<String>,
}

impl Manifest {
    /// Reads and checks the manifest of `folder`: a format this version
    /// knows, and storage keys that are keys (never a path).
    pub fn read(folder: &Path) -> Result<Self, BackupError> {
        let not_a_backup = |why: String| BackupError::NotABackup(folder.to_owned(), why);
        let text = std::fs::read_to_string(folder.join(MANIFEST_FILE)).map_err(|error| {
            not_a_backup(format!(
                "cannot read {MANIFEST_FILE} ({error}); a folder without one is an unfinished backup"
            ))
        })?;
        let manifest: Self = serde_json::from_str(&text)
            .map_err(|e| not_a_backup(format!("{MANIFEST_FILE}: {e}")))?;
        if manifest.format != FORMAT {
            return Err(not_a_backup(format!(
                "its format {} is not {FORMAT}, the one this niudai reads",
                manifest.format
            )));
        }
        if let Some(file) = manifest
            .files
            .iter()
            .find(|file| !crate::files::is_key(&file.storage_key))
        {
            return Err(not_a_backup(format!(
                "{:?} is not a storage key",
                file.storage_key
            )));
        }
        Ok(manifest)
    }

    pub fn write(&self, folder: &Path) -> Result<(), BackupError> {
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other);
        text.and_then(|text| std::fs::write(folder.join(MANIFEST_FILE), text + "\n"))
            .map_err(io(format!("writing {MANIFEST_FILE}")))
    }

    /// The rows of every table together.
    pub fn rows(&self) -> i64 {
        self.tables.values().sum()
    }

    /// The files the backup holds (those it could not get are left out).
    pub fn kept_files(&self) -> impl Iterator<Item = &FileEntry> {
        self.files.iter().filter(|file| file.unavailable.is_none())
    }
}

/// The rows of every table of schema `public`.
pub async fn row_counts(conn: &mut PgConnection) -> Result<BTreeMap<String, i64>, sqlx::Error> {
    let tables = sqlx::query_scalar!(
        r#"select relname::text as "relname!" from pg_class
            where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')
            order by 1"#
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut counts = BTreeMap::new();
    for table in tables {
        // The table's name is only known at run time: a statement made for it.
        let sql = format!("select count(*) from public.{}", quote_ident(&table));
        let rows: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(&mut *conn)
            .await?;
        counts.insert(table, rows);
    }
    Ok(counts)
}

/// The latest migration applied to the database.
pub async fn latest_migration(conn: &mut PgConnection) -> Result<i64, BackupError> {
    let migrated = sqlx::query_scalar!(
        r#"select to_regclass('public._sqlx_migrations') is not null as "migrated!""#
    )
    .fetch_one(&mut *conn)
    .await?;
    if !migrated {
        return Err(BackupError::NotNiudai);
    }
    // `_sqlx_migrations` is made by sqlx's migrator; `.ci/sqlx-prepare` makes
    // it in the database the queries are checked against.
    Ok(sqlx::query_scalar!(
        r#"select coalesce(max(version), 0) as "version!" from public._sqlx_migrations where success"#
    )
    .fetch_one(&mut *conn)
    .await?)
}

/// The serving role's settings (`statement_timeout=30s`, …), none when the
/// role does not exist.
pub async fn serving_role_settings(conn: &mut PgConnection) -> Result<Vec<String>, sqlx::Error> {
    let settings = sqlx::query_scalar!(
        r#"select coalesce(rolconfig, '{}')::text[] as "settings!" from pg_roles where rolname = $1"#,
        crate::db::APP_ROLE
    )
    .fetch_optional(conn)
    .await?;
    Ok(settings.unwrap_or_default())
}

/// Every file record's key, size and sha256, in key order.
pub async fn file_records(conn: &mut PgConnection) -> Result<Vec<FileEntry>, sqlx::Error> {
    sqlx::query_as!(
        FileEntry,
        r#"select storage_key, size_bytes as size, sha256, null::text as "unavailable?"
             from public.files order by storage_key"#
    )
    .fetch_all(conn)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(key: &str) -> Manifest {
        Manifest {
            format: FORMAT,
            created_at: Utc::now(),
            niudai_version: "0.1.0".into(),
            migration: 30,
            serving_role_settings: vec!["statement_timeout=30s".into()],
            tables: BTreeMap::from([("files".into(), 1), ("users".into(), 20)]),
            files: vec![FileEntry {
                storage_key: key.into(),
                size: 3,
                sha256: "ab".into(),
                unavailable: None,
            }],
        }
    }

    #[test]
    fn a_manifest_reads_back_as_written() {
        let folder = tempfile::tempdir().expect("a folder");
        let key = uuid::Uuid::new_v4().to_string();
        manifest(&key).write(folder.path()).expect("write");
        let read = Manifest::read(folder.path()).expect("read");
        assert_eq!(read.rows(), 21);
        assert_eq!(read.files[0].storage_key, key);
        assert_eq!(read.kept_files().count(), 1);
    }

    #[test]
    fn a_storage_key_that_is_a_path_is_refused() {
        let folder = tempfile::tempdir().expect("a folder");
        manifest("../../etc/passwd")
            .write(folder.path())
            .expect("write");
        let error = Manifest::read(folder.path()).expect_err("refused");
        assert!(
            error.to_string().contains("is not a storage key"),
            "{error}"
        );
    }

    #[test]
    fn a_folder_without_a_manifest_is_not_a_backup() {
        let folder = tempfile::tempdir().expect("a folder");
        let error = Manifest::read(folder.path()).expect_err("refused");
        assert!(error.to_string().contains("unfinished backup"), "{error}");
    }
}
