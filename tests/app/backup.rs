//! Backup and restore, through the `niudai` binary as an operator runs it: a
//! backup restored into a new database and a new data folder holds the same
//! rows, files, policies, flags and grants, and a server over it answers as
//! the original did; a backup or restore that cannot be whole stops and says
//! why.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use niudai::backup::Manifest;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::common::catalog::{CATALOG, assert_same, lines, row_counts};
use crate::common::{TestApp, database};
use crate::files::{PDF, fake_s3, open_call, upload_document};

#[tokio::test]
async fn a_restored_backup_holds_the_same_data_and_serves_it_the_same_way() {
    let source = crate::matrix::arranged_app(true).await;
    let guide = upload(&source, "申报指南.pdf", PDF.to_vec()).await;
    let rules = upload(&source, "评分细则.pdf", pdf_saying("评分细则")).await;
    let backup = tempfile::tempdir().expect("a folder for backups");
    let folder = backup.path().join("nightly");

    let backed_up = niudai(&["backup", "--to", path(&folder)], &source).await;
    let target = ScratchDatabase::create(&format!("{}_restored", source.database)).await;
    let data_dir = tempfile::tempdir().expect("a new data folder");
    let restored_out = niudai_on(
        &["restore", "--from", path(&folder)],
        &target.name,
        data_dir.path(),
    )
    .await;

    assert_success(&backed_up, "Backed up");
    assert_success(&restored_out, "Restored");
    let manifest = Manifest::read(&folder).expect("the manifest");
    // The matrix's two call documents and the two above.
    assert_eq!(manifest.tables.get("files"), Some(&4));
    assert_eq!(manifest.kept_files().count(), 4);
    assert_eq!(
        manifest.migration,
        niudai::MIGRATOR
            .iter()
            .map(|m| m.version)
            .max()
            .expect("migrations")
    );
    let mut before = source.owner().await;
    let mut after = database::connect(&target.name).await;
    assert_eq!(row_counts(&mut after).await, row_counts(&mut before).await);
    assert_eq!(manifest.tables, row_counts(&mut before).await);
    for (what, query) in CATALOG {
        assert_same(
            what,
            &lines(&mut before, query).await,
            &lines(&mut after, query).await,
        );
    }
    let records = file_records(&mut before).await;
    assert_eq!(file_records(&mut after).await, records);
    for (key, sha256) in &records {
        let bytes = std::fs::read(data_dir.path().join("files").join(key)).expect("restored file");
        assert_eq!(&niudai::files::sha256_hex(&bytes), sha256, "{key}");
    }

    let restored = TestApp::spawn_on_restored(target.keep(), data_dir).await;
    crate::matrix::check_reads(&restored).await;
    answers_as_before(&restored, &[guide, rules]).await;
}

/// What a server over a restored backup must answer as the original did,
/// beyond the matrix's reads: the files' bytes, and new writes.
async fn answers_as_before(restored: &TestApp, uploaded: &[(Uuid, Vec<u8>)]) {
    let gd = restored.login("gd-admin").await;
    let orgs = gd.get("/orgs?q=新市民").await;
    assert_eq!(orgs.status, 200);
    assert!(
        orgs.contains("广州市新市民社会工作服务中心"),
        "{}",
        orgs.body
    );
    let beijing_org: Uuid = {
        let mut owner = restored.owner().await;
        sqlx::query_scalar("select id from organizations where name = $1")
            .bind("北京市朝阳区职工法律援助服务中心")
            .fetch_one(&mut owner)
            .await
            .expect("the Beijing demo organization")
    };
    assert_eq!(gd.get(&format!("/orgs/{beijing_org}")).await.status, 404);

    let staff = restored.login("gz-staff").await;
    let org = restored.login("org-1").await;
    let outsider = restored.login("bj-admin").await;
    for (id, bytes) in uploaded {
        let (status, _, got) = staff.download_file(&format!("/files/{id}")).await;
        assert_eq!((status, &got), (200, bytes), "gz-staff reads {id}");
        let (status, _, got) = org.download_file(&format!("/files/{id}")).await;
        assert_eq!((status, &got), (200, bytes), "org-1 reads {id}");
        assert_eq!(
            outsider.download_file(&format!("/files/{id}")).await.0,
            404,
            "bj-admin does not see {id}"
        );
    }
    // The restored sequences, grants and store take new records and files.
    let after = upload(restored, "补充说明.pdf", pdf_saying("补充说明")).await;
    let (status, _, got) = staff.download_file(&format!("/files/{}", after.0)).await;
    assert_eq!((status, got), (200, after.1));
}

#[tokio::test]
async fn a_backup_stops_at_a_missing_file_unless_told_to_go_on_and_then_restores_without_it() {
    let app = TestApp::spawn().await;
    let (id, _) = upload(&app, "申报指南.pdf", PDF.to_vec()).await;
    let key = storage_key(&app, id).await;
    std::fs::remove_file(app.data_dir.path().join("files").join(&key)).expect("lose the file");
    let backup = tempfile::tempdir().expect("a folder for backups");
    let folder = backup.path().join("nightly");

    let refused = niudai(&["backup", "--to", path(&folder)], &app).await;

    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains(&key), "{message}");
    assert!(message.contains("missing from the store"), "{message}");
    assert!(message.contains("--allow-missing-files"), "{message}");
    assert_eq!(
        std::fs::read_dir(&folder).expect("the folder").count(),
        0,
        "a failed backup leaves nothing that looks like one"
    );

    let allowed = niudai(
        &["backup", "--to", path(&folder), "--allow-missing-files"],
        &app,
    )
    .await;

    assert_success(&allowed, "Left out, missing or damaged in the store");
    let manifest = Manifest::read(&folder).expect("the manifest");
    let entry = manifest
        .files
        .iter()
        .find(|file| file.storage_key == key)
        .expect("the lost file is listed");
    assert!(
        entry
            .unavailable
            .as_deref()
            .is_some_and(|why| why.contains("missing")),
        "{entry:?}"
    );

    let target = ScratchDatabase::create(&format!("{}_restored", app.database)).await;
    let data_dir = tempfile::tempdir().expect("a new data folder");
    let restored = niudai_on(
        &["restore", "--from", path(&folder)],
        &target.name,
        data_dir.path(),
    )
    .await;

    assert_success(&restored, "Already missing when the backup was made");
}

#[tokio::test]
async fn a_restore_refuses_a_database_in_use_and_a_damaged_backup_before_writing() {
    let app = TestApp::spawn().await;
    let (id, _) = upload(&app, "申报指南.pdf", PDF.to_vec()).await;
    let key = storage_key(&app, id).await;
    let backup = tempfile::tempdir().expect("a folder for backups");
    let folder = backup.path().join("nightly");
    assert_success(
        &niudai(&["backup", "--to", path(&folder)], &app).await,
        "Backed up",
    );

    let over_data = niudai(&["restore", "--from", path(&folder)], &app).await;

    assert!(!over_data.status.success());
    let message = String::from_utf8_lossy(&over_data.stderr);
    assert!(message.contains("already holds"), "{message}");

    let mut damaged = std::fs::read(folder.join("files").join(&key)).expect("backed-up file");
    damaged.push(b'\n');
    std::fs::write(folder.join("files").join(&key), damaged).expect("damage it");
    let target = ScratchDatabase::create(&format!("{}_damaged", app.database)).await;
    let data_dir = tempfile::tempdir().expect("a new data folder");

    let from_damaged = niudai_on(
        &["restore", "--from", path(&folder)],
        &target.name,
        data_dir.path(),
    )
    .await;

    assert!(!from_damaged.status.success());
    let message = String::from_utf8_lossy(&from_damaged.stderr);
    assert!(message.contains("do not match its manifest"), "{message}");
    assert!(message.contains(&key), "{message}");
    let mut conn = database::connect(&target.name).await;
    assert_eq!(row_counts(&mut conn).await, BTreeMap::new(), "no table");
    assert!(!data_dir.path().join("files").exists(), "no file");
}

#[tokio::test]
async fn files_in_a_bucket_are_backed_up_and_restored_into_a_bucket() {
    let (endpoint, objects) = fake_s3::start().await;
    let app = TestApp::spawn_with(|config| {
        config.s3_bucket = Some("niudai".into());
        config.s3_endpoint = Some(endpoint.clone());
        config.s3_access_key_id = Some("test".into());
        config.s3_secret_access_key = Some(niudai::config::Secret::new("test"));
    })
    .await;
    let (id, bytes) = upload(&app, "申报指南.pdf", PDF.to_vec()).await;
    let key = storage_key(&app, id).await;
    let backup = tempfile::tempdir().expect("a folder for backups");
    let folder = backup.path().join("nightly");
    let (new_endpoint, new_objects) = fake_s3::start().await;
    let target = ScratchDatabase::create(&format!("{}_restored", app.database)).await;
    let data_dir = tempfile::tempdir().expect("a new data folder");

    let backed_up = niudai_with(
        &["backup", "--to", path(&folder)],
        &app.database,
        app.data_dir.path(),
        &bucket(&endpoint),
    )
    .await;
    let restored = niudai_with(
        &["restore", "--from", path(&folder)],
        &target.name,
        data_dir.path(),
        &bucket(&new_endpoint),
    )
    .await;

    assert_success(&backed_up, "and 1 file (");
    assert_success(&restored, "and 1 file (");
    assert_eq!(
        std::fs::read(folder.join("files").join(&key)).expect("in the backup"),
        bytes
    );
    let kept = new_objects.lock().expect("lock").get(&key).cloned();
    assert_eq!(kept, Some(bytes), "the file is back in the new bucket");
    assert_eq!(
        objects.lock().expect("lock").len(),
        1,
        "the old bucket as it was"
    );
    assert!(
        !data_dir.path().join("files").exists(),
        "nothing in the data folder"
    );
}

/// The settings of the fake bucket at `endpoint`, as the environment gives them.
fn bucket(endpoint: &str) -> [(&'static str, String); 4] {
    [
        ("NIUDAI_S3_BUCKET", "niudai".to_owned()),
        ("NIUDAI_S3_ENDPOINT", endpoint.to_owned()),
        ("NIUDAI_S3_ACCESS_KEY_ID", "test".to_owned()),
        ("NIUDAI_S3_SECRET_ACCESS_KEY", "test".to_owned()),
    ]
}

/// Runs `niudai` with `args` on the database and data folder of `app`.
async fn niudai(args: &[&str], app: &TestApp) -> Output {
    niudai_on(args, &app.database, app.data_dir.path()).await
}

/// Runs `niudai` with `args` on `database` and `data_dir`.
async fn niudai_on(args: &[&str], database: &str, data_dir: &Path) -> Output {
    niudai_with(args, database, data_dir, &[]).await
}

/// Runs the `niudai` binary as an operator would: `DATABASE_URL` names the
/// database (as its owner), `NIUDAI_DATA_DIR` the data folder, and `env` the
/// rest (a file store in a bucket).
async fn niudai_with(
    args: &[&str],
    database: &str,
    data_dir: &Path,
    env: &[(&str, String)],
) -> Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_niudai"));
    command
        .args(args)
        .env("DATABASE_URL", database::url(database))
        .env("NIUDAI_DATA_DIR", data_dir)
        .env("RUST_LOG", "warn")
        .env_remove("NIUDAI_S3_BUCKET")
        .envs(env.iter().map(|(name, value)| (name, value)));
    tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("join")
        .expect("niudai runs")
}

fn assert_success(out: &Output, says: &str) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains(says), "{stdout}");
}

fn path(folder: &Path) -> &str {
    folder.to_str().expect("a UTF-8 temporary path")
}

/// Uploads a call document to the open 广州 call as gz-staff; its id and bytes.
async fn upload(app: &TestApp, name: &str, bytes: Vec<u8>) -> (Uuid, Vec<u8>) {
    let project = open_call(app).await;
    let staff = app.login("gz-staff").await;
    let page = upload_document(&staff, project, name, bytes.clone()).await;
    assert_eq!(page.status, 303, "{}", page.body);
    let mut owner = app.owner().await;
    let id = sqlx::query_scalar("select id from files where owner_id = $1 and file_name = $2")
        .bind(project)
        .bind(name)
        .fetch_one(&mut owner)
        .await
        .expect("the file's record");
    (id, bytes)
}

fn pdf_saying(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {text}\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n").into_bytes()
}

async fn storage_key(app: &TestApp, id: Uuid) -> String {
    let mut owner = app.owner().await;
    sqlx::query_scalar("select storage_key from files where id = $1")
        .bind(id)
        .fetch_one(&mut owner)
        .await
        .expect("the file's record")
}

async fn file_records(conn: &mut PgConnection) -> Vec<(String, String)> {
    sqlx::query_as("select storage_key, sha256 from files order by storage_key")
        .fetch_all(conn)
        .await
        .expect("file records")
}

/// A database of the test's own (not a clone of the template), dropped with it
/// unless kept.
struct ScratchDatabase {
    name: String,
}

impl ScratchDatabase {
    async fn create(name: &str) -> Self {
        database::create_empty(name).await;
        Self {
            name: name.to_owned(),
        }
    }

    /// Hands the database on (to a server that drops it when it goes).
    fn keep(mut self) -> String {
        std::mem::take(&mut self.name)
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        if !self.name.is_empty() {
            database::drop_database(std::mem::take(&mut self.name));
        }
    }
}
