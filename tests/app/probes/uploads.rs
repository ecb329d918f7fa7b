//! Every upload form the walkers reach, sent the bad-file set: the wrong type
//! under a good name, names with paths and direction overrides, archives that
//! unpack to gigabytes, an empty file and one over the limit (and, to the
//! imports, a sheet naming its last cell). None is accepted, none fails the
//! server.

use std::collections::BTreeSet;
use std::io::Write;

use uuid::Uuid;

use super::html::forms;
use super::{WALKERS, pages_of};
use crate::common::TestApp;
use crate::matrix::{Finder, arranged_app};
use crate::spreadsheets::{sparse_workbook, zip_bomb};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8\x00";
const HTML: &[u8] = b"<!doctype html><html><body><script>alert(1)</script></body></html>";
const SVG: &[u8] = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>";

/// A plain zip archive holding one entry of 300 MB of zeros (a few hundred
/// kilobytes packed).
fn plain_zip_bomb() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(true);
    zip.start_file("zeros.txt", options).expect("entry");
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..300 {
        zip.write_all(&chunk).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

/// (what it is, file name, bytes).
fn bad_files() -> Vec<(&'static str, String, Vec<u8>)> {
    vec![
        (
            "a program named as a PDF",
            "申报书.pdf".into(),
            EXE.to_vec(),
        ),
        (
            "a web page named as a PDF",
            "申报书.pdf".into(),
            HTML.to_vec(),
        ),
        (
            "a script-bearing SVG named as a PNG",
            "照片.png".into(),
            SVG.to_vec(),
        ),
        (
            "a PDF under a relative path",
            "../../etc/passwd.pdf".into(),
            PDF.to_vec(),
        ),
        (
            "a PDF under a Windows path",
            "..\\..\\boot.pdf".into(),
            PDF.to_vec(),
        ),
        (
            "a PDF under an absolute path",
            "/etc/passwd.pdf".into(),
            PDF.to_vec(),
        ),
        (
            "a PDF named with a drive",
            "C:report.pdf".into(),
            PDF.to_vec(),
        ),
        (
            "a PDF whose name reads backwards",
            "报告\u{202E}fdp.exe".into(),
            PDF.to_vec(),
        ),
        (
            "a PDF with a three-hundred-character name",
            format!("{}.pdf", "长".repeat(300)),
            PDF.to_vec(),
        ),
        (
            "a PDF named as a program",
            "report.pdf.exe".into(),
            PDF.to_vec(),
        ),
        ("a hidden-file name", ".htaccess.pdf".into(), PDF.to_vec()),
        ("a zip bomb", "资料.zip".into(), plain_zip_bomb()),
        (
            "a workbook with a gigabyte of text",
            "名单.xlsx".into(),
            zip_bomb(),
        ),
        (
            "a broken workbook",
            "名单.xlsx".into(),
            b"PK\x03\x04 not really".to_vec(),
        ),
        ("an empty file", "空白.pdf".into(), Vec::new()),
        ("a file over the limit", "大文件.pdf".into(), {
            let mut big = PDF.to_vec();
            big.resize(26 * 1024 * 1024, b' ');
            big
        }),
    ]
}

/// What an accepted upload would have left: stored files and records, and
/// the organizations and needs an import writes.
async fn footprint(app: &TestApp) -> (i64, i64, i64, usize) {
    let mut conn = app.owner().await;
    let (files, orgs, needs): (i64, i64, i64) = sqlx::query_as(
        "select (select count(*) from files), (select count(*) from organizations),
                (select count(*) from needs)",
    )
    .fetch_one(&mut conn)
    .await
    .expect("counts");
    (files, orgs, needs, app.stored_files().len())
}

/// Pages with an upload form that the walk does not come by: an
/// organization's draft application and open report, an installment's
/// payment, an award's contract. (who, path)
async fn upload_pages(app: &TestApp) -> Vec<(String, String)> {
    let mut conn = app.owner().await;
    let rows: Vec<(String, String)> = sqlx::query_as(
        "select 'org-1', '/applications/' || a.id
           from applications a join users u on u.org_id = a.org_id
          where u.username = 'org-1' and a.status = 'draft'
         union all
         select 'org-1', '/reports/' || r.id
           from reports r join users u on u.org_id = r.org_id
          where u.username = 'org-1' and r.status in ('draft', 'returned')
         union all
         select 'gd-admin', '/contracts/' || c.id || '/payments?position=1'
           from contracts c where c.union_path <@ 'cn.u20'
         union all
         select 'bj-admin', '/projects/' || a.project_id || '/contracts/new?application=' || a.id
           from applications a where a.status = 'awarded' and a.union_path <@ 'cn.u2'",
    )
    .fetch_all(&mut conn)
    .await
    .expect("upload pages");
    rows
}

#[tokio::test]
async fn every_upload_form_refuses_the_bad_file_set() {
    let app = arranged_app(false).await;
    let mut finder = Finder::new(&app).await;
    let files = bad_files();
    let before = footprint(&app).await;
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut failures = Vec::new();
    let mut sent = 0;
    let mut visits: Vec<(String, String)> = Vec::new();
    for username in WALKERS {
        for path in pages_of(&app, &mut finder, username).await {
            visits.push((username.to_string(), path));
        }
    }
    visits.extend(upload_pages(&app).await);
    for (username, path) in visits {
        let client = app.signed_in(&username).await;
        {
            let page = client.get(&path).await;
            for form in forms(&page.body, &path).into_iter().filter(|f| f.multipart) {
                if !seen.insert(form.action.clone()) {
                    continue;
                }
                let fields: Vec<(String, String)> = form
                    .fields
                    .iter()
                    .filter(|(name, _)| name != "csrf_token")
                    .map(|(name, value)| match name.as_str() {
                        "form_key" => (name.clone(), Uuid::new_v4().to_string()),
                        _ if form.typed.contains(name) && value.is_empty() => {
                            (name.clone(), "上传测试".to_owned())
                        }
                        _ => (name.clone(), value.clone()),
                    })
                    .collect();
                // A sheet naming its last cell is bad only for what reads sheets.
                let sparse = (
                    "a workbook naming its last cell",
                    "名单.xlsx".to_owned(),
                    sparse_workbook("XFD1048576"),
                );
                let imports = form.action.ends_with("/import");
                for (what, name, bytes) in files.iter().chain(imports.then_some(&sparse)) {
                    let borrowed: Vec<(&str, &str)> = fields
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    let answer = client
                        .upload_with(&form.action, &borrowed, name, bytes.clone())
                        .await;
                    sent += 1;
                    if answer.status >= 500 {
                        failures.push(format!(
                            "{username} {}: {what} answered {}",
                            form.action, answer.status
                        ));
                    }
                }
            }
        }
    }
    // Imports end in the background: let them.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let after = footprint(&app).await;
    println!(
        "upload probes: {} upload forms, {} bad files each, {sent} uploads",
        seen.len(),
        files.len()
    );
    assert!(
        seen.len() >= 9,
        "reached {} upload forms: {seen:?}",
        seen.len()
    );
    let accepted: Vec<(String, String)> = {
        let mut conn = app.owner().await;
        sqlx::query_as("select owner_kind, file_name from files order by created_at")
            .fetch_all(&mut conn)
            .await
            .expect("files")
    };
    assert_eq!(
        after, before,
        "an upload was accepted (files, orgs, needs, stored): {accepted:?}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
