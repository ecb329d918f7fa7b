//! `niudai restore --from DIR`: into an empty database and the configured file
//! store. Everything that can be checked before writing is (the manifest, the
//! schema's version, every file's bytes, an empty target); then the serving
//! role, the dump, the files; then the result is read back and compared with
//! the manifest.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sqlx::PgPool;

use super::manifest::{self, Manifest};
use super::pg_tools::PgTools;
use super::{BackupError, DUMP_FILE, FILES_DIR, FileProblems, counted, human_size, io};
use crate::config::Config;
use crate::db::{self, APP_ROLE};
use crate::files::{self, FileStore};

/// What a restore did, for the command to print.
#[derive(Debug)]
pub struct RestoreSummary {
    pub folder: PathBuf,
    pub tables: usize,
    pub rows: i64,
    pub files: usize,
    pub file_bytes: u64,
    /// Files already missing when the backup was made.
    pub unavailable: usize,
    /// Whether the cluster had no serving role and the restore made it.
    pub created_role: bool,
    pub elapsed: Duration,
}

impl fmt::Display for RestoreSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Restored {} ({}) and {} ({}) from {} in {:.1} s; \
             row counts and file checksums match the backup.",
            counted(self.tables, "table"),
            counted(self.rows, "row"),
            counted(self.files, "file"),
            human_size(self.file_bytes),
            self.folder.display(),
            self.elapsed.as_secs_f64(),
        )?;
        if self.created_role {
            write!(
                f,
                "\nCreated the serving role {APP_ROLE}; `niudai serve` gives it its login."
            )?;
        }
        if self.unavailable > 0 {
            write!(
                f,
                "\nAlready missing when the backup was made (their records have no bytes): {}.",
                counted(self.unavailable, "file")
            )?;
        }
        Ok(())
    }
}

/// Restores the backup in `folder` into the database of `url` (as its
/// owner), which must hold no tables, and into the file store of `config`.
pub async fn restore(
    config: &Config,
    url: &str,
    folder: &Path,
) -> Result<RestoreSummary, BackupError> {
    let started = Instant::now();
    let manifest = Manifest::read(folder)?;
    let known = crate::MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
    if manifest.migration > known {
        return Err(BackupError::NewerSchema {
            backup: manifest.migration,
            known,
            version: manifest.niudai_version,
        });
    }
    let dump = folder.join(DUMP_FILE);
    if !dump.is_file() {
        return Err(BackupError::NotABackup(
            folder.to_owned(),
            format!("it has no {DUMP_FILE}"),
        ));
    }
    check_backup_files(folder, &manifest).await?;
    let tools = PgTools::for_url(url)?;
    let store = FileStore::from_config(config).map_err(io("opening the file store"))?;
    let owner = db::connect_owner(url).await?;
    let result = restore_into(&owner, tools, &store, folder, &manifest).await;
    owner.close().await;
    let created_role = result?;
    let files = manifest.kept_files().count();
    Ok(RestoreSummary {
        folder: folder.to_owned(),
        tables: manifest.tables.len(),
        rows: manifest.rows(),
        files,
        file_bytes: manifest
            .kept_files()
            .map(|f| u64::try_from(f.size).unwrap_or(0))
            .sum(),
        unavailable: manifest.files.len() - files,
        created_role,
        elapsed: started.elapsed(),
    })
}

/// Every file the backup holds has the sha256 its manifest says.
async fn check_backup_files(folder: &Path, manifest: &Manifest) -> Result<(), BackupError> {
    let mut problems = FileProblems::default();
    for file in manifest.kept_files() {
        match tokio::fs::read(folder.join(FILES_DIR).join(&file.storage_key)).await {
            Err(error) => problems.push(&file.storage_key, format!("unreadable ({error})")),
            Ok(bytes) if files::sha256_hex(&bytes) != file.sha256 => {
                problems.push(&file.storage_key, "its sha256 differs from the manifest's");
            }
            Ok(_) => {}
        }
    }
    if problems.0.is_empty() {
        Ok(())
    } else {
        Err(BackupError::DamagedBackup(problems))
    }
}

/// Returns whether it created the serving role.
async fn restore_into(
    owner: &PgPool,
    tools: PgTools,
    store: &FileStore,
    folder: &Path,
    manifest: &Manifest,
) -> Result<bool, BackupError> {
    let relations = sqlx::query_scalar!(
        r#"select count(*) as "relations!" from pg_class
            where relnamespace = 'public'::regnamespace and relkind in ('r', 'p', 'v', 'm', 'S', 'f')"#
    )
    .fetch_one(owner)
    .await?;
    if relations > 0 {
        return Err(BackupError::DatabaseNotEmpty(relations));
    }
    let created_role = ensure_serving_role(owner, &manifest.serving_role_settings).await?;
    let dump = folder.join(DUMP_FILE);
    tokio::task::spawn_blocking(move || tools.restore(&dump))
        .await
        .expect("pg_restore's waiter does not panic")?;
    // The default privilege the migrations set, which the dump could only give
    // to the old owner: functions made later are not executable by PUBLIC.
    sqlx::query!("alter default privileges revoke execute on functions from public")
        .execute(owner)
        .await?;
    for file in manifest.kept_files() {
        let from = folder.join(FILES_DIR).join(&file.storage_key);
        let bytes = tokio::fs::read(&from)
            .await
            .map_err(io(format!("reading {}", from.display())))?;
        store
            .put_at(&file.storage_key, &bytes)
            .await
            .map_err(io(format!("storing {}", file.storage_key)))?;
    }
    let differences = compare(owner, store, manifest).await?;
    if differences.is_empty() {
        Ok(created_role)
    } else {
        Err(BackupError::Differs(differences))
    }
}

/// Makes the serving role, with the settings it had, when the cluster lacks
/// it (roles belong to the cluster: the dump's grants name it but cannot make
/// it). An owner that is not a superuser is made a member, as the first
/// migration does. Returns whether it made the role.
async fn ensure_serving_role(owner: &PgPool, settings: &[String]) -> Result<bool, sqlx::Error> {
    let exists = sqlx::query_scalar!(
        r#"select exists (select 1 from pg_roles where rolname = $1) as "exists!""#,
        APP_ROLE
    )
    .fetch_one(owner)
    .await?;
    if !exists {
        sqlx::query!("create role niudai_app nologin noinherit")
            .execute(owner)
            .await?;
        for (name, value) in settings.iter().filter_map(|s| s.split_once('=')) {
            let statement = sqlx::query_scalar!(
                r#"select format('alter role niudai_app set %I = %L', $1::text, $2::text) as "statement!""#,
                name,
                value
            )
            .fetch_one(owner)
            .await?;
            // A setting's name cannot be a parameter: the statement is made
            // (quoted by `format`) at run time.
            sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
                .execute(owner)
                .await?;
        }
    }
    sqlx::query!(
        "do $$ begin
             if not (select rolsuper from pg_roles where rolname = current_user) then
                 execute format('grant niudai_app to %I', current_user);
             end if;
         end $$"
    )
    .execute(owner)
    .await?;
    Ok(!exists)
}

/// How the restored database and store differ from the manifest: row counts
/// per table, and each recorded file's bytes (but those the backup lacked).
async fn compare(
    owner: &PgPool,
    store: &FileStore,
    manifest: &Manifest,
) -> Result<Vec<String>, BackupError> {
    let mut conn = owner.acquire().await?;
    let restored = manifest::row_counts(&mut conn).await?;
    let mut differences = count_differences(&manifest.tables, &restored);
    let lacking: HashSet<&str> = manifest
        .files
        .iter()
        .filter(|file| file.unavailable.is_some())
        .map(|file| file.storage_key.as_str())
        .collect();
    for record in manifest::file_records(&mut conn).await? {
        if lacking.contains(record.storage_key.as_str()) {
            continue;
        }
        match store.get(&record.storage_key).await {
            Ok(bytes) if files::sha256_hex(&bytes) == record.sha256 => {}
            Ok(_) => differences.push(format!(
                "file {}: its bytes differ from its record's sha256",
                record.storage_key
            )),
            Err(error) => differences.push(format!(
                "file {}: not in the store ({error})",
                record.storage_key
            )),
        }
    }
    Ok(differences)
}

fn count_differences(
    expected: &BTreeMap<String, i64>,
    found: &BTreeMap<String, i64>,
) -> Vec<String> {
    let tables: std::collections::BTreeSet<&String> = expected.keys().chain(found.keys()).collect();
    tables
        .into_iter()
        .filter_map(|table| match (expected.get(table), found.get(table)) {
            (Some(want), Some(got)) if want == got => None,
            (Some(want), Some(got)) => {
                Some(format!("table {table}: {got} rows, the backup has {want}"))
            }
            (Some(_), None) => Some(format!("table {table}: missing")),
            (None, _) => Some(format!("table {table}: not in the backup")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_that_differs_is_named() {
        let expected = BTreeMap::from([
            ("orgs".to_owned(), 3),
            ("users".to_owned(), 20),
            ("unions".to_owned(), 9),
        ]);
        let found = BTreeMap::from([
            ("orgs".to_owned(), 3),
            ("users".to_owned(), 19),
            ("extra".to_owned(), 0),
        ]);
        assert_eq!(
            count_differences(&expected, &found),
            [
                "table extra: not in the backup",
                "table unions: missing",
                "table users: 19 rows, the backup has 20",
            ]
        );
    }
}
