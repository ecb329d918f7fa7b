//! The project dossier's ZIP: the closing in the summary, every entry dated
//! (an attachment by its upload, the rest by the export), and a manifest that
//! names every file in the archive with what it is, its size, date and sum.

use std::collections::BTreeSet;
use std::io::Read;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::common::{Client, TestApp};
use crate::files::{PDF, open_call, upload_document};

/// One entry of an archive: its name, content and date.
struct Entry {
    name: String,
    bytes: Vec<u8>,
    modified: zip::DateTime,
}

async fn dossier(client: &Client, project: Uuid) -> Vec<Entry> {
    let (status, _, bytes) = client
        .download_file(&format!("/projects/{project}/dossier"))
        .await;
    assert_eq!(status, 200);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).expect("read");
            Entry {
                name: file.name().expect("name").into_owned(),
                modified: file.last_modified().expect("dated"),
                bytes,
            }
        })
        .collect()
}

fn text_of<'a>(entries: &'a [Entry], name: &str) -> &'a str {
    let entry = entries.iter().find(|e| e.name == name).expect(name);
    std::str::from_utf8(&entry.bytes).expect("utf-8")
}

/// The manifest's lines after its header, split into their five columns.
fn manifest(entries: &[Entry]) -> Vec<Vec<String>> {
    let text = text_of(entries, "manifest.csv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next().map(|h| h.trim_start_matches('\u{feff}')),
        Some("path,description,size_bytes,modified,sha256")
    );
    lines
        .map(|line| line.split(',').map(str::to_owned).collect::<Vec<_>>())
        .inspect(|columns| assert_eq!(columns.len(), 5, "{columns:?}"))
        .collect()
}

fn china(at: &DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&FixedOffset::east_opt(8 * 3600).expect("offset"))
}

/// A zip entry's date as the manifest writes it (zip dates have no zone and
/// count in two seconds; the dossier writes them in China time).
fn as_manifest_date(modified: &zip::DateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+08:00",
        modified.year(),
        modified.month(),
        modified.day(),
        modified.hour(),
        modified.minute(),
        modified.second()
    )
}

#[tokio::test]
async fn the_dossier_of_a_closed_project_holds_its_closing() {
    let app = TestApp::spawn().await;
    let project: Uuid = {
        let mut conn = app.owner().await;
        sqlx::query_scalar("select id from projects where title = '职工法律服务进园区'")
            .fetch_one(&mut conn)
            .await
            .expect("the demo's closed project")
    };
    let admin = app.login("gd-admin").await;
    let entries = dossier(&admin, project).await;
    let summary = text_of(&entries, "summary.html");
    for text in [
        "结项情况",
        "优秀",
        "92.00",
        "为园区职工提供法律咨询 1100 人次",
        "律师志愿者驻点效果好",
    ] {
        assert!(summary.contains(text), "the summary holds {text}");
    }
    let names: BTreeSet<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    let listed: BTreeSet<String> = manifest(&entries)
        .into_iter()
        .map(|l| l[0].clone())
        .collect();
    assert_eq!(
        names,
        listed.iter().map(String::as_str).collect(),
        "the manifest names every file"
    );
}

#[tokio::test]
async fn every_entry_of_the_dossier_is_dated_and_listed_in_the_manifest() {
    let app = TestApp::spawn().await;
    let project = open_call(&app).await;
    let staff = app.login("gz-staff").await;
    assert_eq!(
        upload_document(&staff, project, "申报指南.pdf", PDF.to_vec())
            .await
            .status,
        303
    );
    // The upload, dated back to a time whose China date differs from UTC's.
    let uploaded = DateTime::parse_from_rfc3339("2025-03-04T20:06:08Z")
        .expect("time")
        .with_timezone(&Utc);
    {
        let mut conn = app.owner().await;
        sqlx::query("update files set created_at = $2 where owner_id = $1")
            .bind(project)
            .bind(uploaded)
            .execute(&mut conn)
            .await
            .expect("date the upload");
    }
    let before = Utc::now();
    let entries = dossier(&staff, project).await;
    let after = Utc::now();
    let lines = manifest(&entries);
    assert_eq!(lines.len(), entries.len(), "a line for every file");
    for entry in &entries {
        let line = lines
            .iter()
            .find(|l| l[0] == entry.name)
            .unwrap_or_else(|| panic!("{} in the manifest", entry.name));
        assert!(!line[1].is_empty(), "what {} is", entry.name);
        assert_eq!(line[3], as_manifest_date(&entry.modified), "{}", entry.name);
        assert!(entry.modified.year() > 1980, "{} is dated", entry.name);
        if entry.name == "manifest.csv" {
            continue;
        }
        assert_eq!(line[2], entry.bytes.len().to_string());
        let digest: String = Sha256::digest(&entry.bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(line[4], digest, "{}", entry.name);
    }
    // The attachment carries its upload time, in China time; the rest the
    // time of the export.
    let document = entries
        .iter()
        .find(|e| e.name.starts_with("attachments/project_document/"))
        .expect("the document");
    assert!(document.name.ends_with("申报指南.pdf"));
    assert_eq!(
        as_manifest_date(&document.modified),
        "2025-03-05T04:06:08+08:00"
    );
    let line = lines.iter().find(|l| l[0] == document.name).expect("line");
    assert_eq!(line[1], "项目文件");
    let exported = |entry: &Entry| {
        let date = NaiveDate::from_ymd_opt(
            i32::from(entry.modified.year()),
            u32::from(entry.modified.month()),
            u32::from(entry.modified.day()),
        )
        .expect("date");
        let at = date
            .and_hms_opt(
                u32::from(entry.modified.hour()),
                u32::from(entry.modified.minute()),
                u32::from(entry.modified.second()),
            )
            .expect("time");
        // Zip times count in two seconds, rounded down.
        at >= (china(&before) - chrono::Duration::seconds(2)).naive_local()
            && at <= china(&after).naive_local()
    };
    for name in ["summary.html", "manifest.csv"] {
        let entry = entries.iter().find(|e| e.name == name).expect(name);
        assert!(exported(entry), "{name} is dated by the export");
    }
}
