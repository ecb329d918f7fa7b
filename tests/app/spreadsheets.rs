//! Spreadsheets as an attacker makes them: a sparse sheet naming its last
//! possible cell, a zip bomb in the shared strings, cells that would run as
//! formulas. The server refuses them with a clear message, keeps serving in
//! bounded memory, and never writes a formula into an export.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use zip::write::SimpleFileOptions;

use crate::common::{Client, Page, TestApp};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// A workbook of one sheet with `cells` (reference, inline text) and the
/// shared strings written by `shared_strings`.
fn workbook(cells: &[(&str, &str)], shared_strings: impl FnOnce(&mut dyn Write)) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    for (name, content) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ] {
        zip.start_file(name, options).expect("entry");
        zip.write_all(content.as_bytes()).expect("write");
    }
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (reference, text) in cells {
        let row: String = reference.chars().filter(char::is_ascii_digit).collect();
        sheet.push_str(&format!(
            r#"<row r="{row}"><c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c></row>"#
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    zip.start_file("xl/worksheets/sheet1.xml", options)
        .expect("entry");
    zip.write_all(sheet.as_bytes()).expect("write");
    zip.start_file("xl/sharedStrings.xml", options)
        .expect("entry");
    shared_strings(&mut zip);
    zip.finish().expect("finish").into_inner()
}

/// Cells A1 and `far` only: about 1.5 KB that a reader building the whole
/// rectangle turns into billions of cells when `far` is XFD1048576.
pub fn sparse_workbook(far: &str) -> Vec<u8> {
    workbook(&[("A1", "组织名称"), (far, "x")], |out| {
        out.write_all(
            br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></sst>"#,
        )
        .expect("write");
    })
}

/// One shared string of 1 GiB, deflated to about a megabyte.
pub fn zip_bomb() -> Vec<u8> {
    workbook(&[("A1", "组织名称")], |out| {
        out.write_all(
            br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>"#,
        )
        .expect("write");
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..1024 {
            out.write_all(&chunk).expect("write");
        }
        out.write_all(b"</t></si></sst>").expect("write");
    })
}

/// This process's resident memory in MB (the test servers run in it).
fn resident_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("proc status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

/// The organization import's page once its background check has ended.
async fn imported(client: &Client, name: &str, content: Vec<u8>) -> Page {
    client.get("/orgs/import").await;
    let page = client.upload("/orgs/import", name, content).await;
    assert_eq!(page.status, 303, "{}", page.body);
    let path = page.location().to_owned();
    let started = Instant::now();
    loop {
        let page = client.get(&path).await;
        if !page.contains("http-equiv=\"refresh\"") {
            return page;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the import is still running after a minute"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_sparse_sheet_and_a_zip_bomb_are_refused_and_the_server_keeps_serving() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let sparse = sparse_workbook("XFD1048576");
    assert!(sparse.len() < 4096, "{} bytes", sparse.len());
    let wide = sparse_workbook("XFD1");
    let bomb = zip_bomb();
    assert!(bomb.len() < 3 << 20, "{} bytes", bomb.len());
    let before = resident_mb();

    let page = imported(&staff, "sparse.xlsx", sparse.clone()).await;
    assert!(page.contains("未完成"), "{}", page.body);
    assert!(page.contains("表格超过 100,000 行"), "{}", page.body);
    let page = imported(&staff, "bomb.xlsx", bomb.clone()).await;
    assert!(page.contains("未完成"), "{}", page.body);
    assert!(page.contains("解压后超过 50 MB"), "{}", page.body);

    staff.get("/needs/import").await;
    let page = staff.upload("/needs/import", "sparse.xlsx", sparse).await;
    assert_eq!(page.status, 422);
    assert!(page.contains("表格超过 100,000 行"), "{}", page.body);
    staff.get("/needs/import").await;
    let page = staff.upload("/needs/import", "wide.xlsx", wide).await;
    assert_eq!(page.status, 422);
    assert!(page.contains("表格超过 100 列"), "{}", page.body);
    staff.get("/needs/import").await;
    let page = staff.upload("/needs/import", "bomb.xlsx", bomb).await;
    assert_eq!(page.status, 422);
    assert!(page.contains("解压后超过 50 MB"), "{}", page.body);

    let grown = resident_mb().saturating_sub(before);
    assert!(grown < 400, "memory grew by {grown} MB");
    assert_eq!(app.client().get("/healthz").await.status, 200);
    assert_eq!(staff.get("/orgs").await.status, 200);
    let mut conn = app.owner().await;
    let unfinished: i64 = sqlx::query_scalar(
        "select count(*) from org_imports where status not in ('failed', 'done', 'validated')",
    )
    .fetch_one(&mut conn)
    .await
    .expect("count");
    assert_eq!(unfinished, 0, "every import ended");
}

#[tokio::test]
async fn cells_planted_as_formulas_are_exported_as_text() {
    let app = TestApp::spawn().await;
    let org = app.login("org-1").await;
    let edit = org.get("/orgs/mine").await.location().to_owned();
    let form = org.get(&format!("{edit}/edit")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let version = form.field_value("version").expect("version");
    let planted = "=HYPERLINK(\"http://evil.example\",\"点击\")";
    let page = org
        .post(
            &format!("{edit}/edit"),
            &[
                ("version", version.as_str()),
                ("contact_person", planted),
                ("contact_phone", "13800138000"),
                ("fulltime_staff", "3"),
                ("volunteers", "10"),
                ("social_workers", "1"),
                ("annual_revenue", "1000"),
                ("activities", "@SUM(A1:A9)"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);

    let staff = app.login("gz-staff").await;
    let (status, csv) = staff.download("/orgs/export.csv").await;
    assert_eq!(status, 200);
    let text = String::from_utf8(csv).expect("UTF-8");
    assert!(text.contains("'=HYPERLINK"), "quoted in the CSV");
    assert!(text.contains("'@SUM(A1:A9)"), "quoted in the CSV");
    for line in text.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '@', '+']),
                "a formula-leading cell: {cell}"
            );
        }
    }

    let (status, xlsx) = staff.download("/orgs/export.xlsx").await;
    assert_eq!(status, 200);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("a workbook");
    let mut everything = String::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("entry");
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("read");
        if entry.name().expect("a name").starts_with("xl/worksheets/") {
            assert!(!text.contains("<f>"), "no formula cells in the workbook");
        }
        everything.push_str(&text);
    }
    assert!(everything.contains("=HYPERLINK"), "kept as text");
}
