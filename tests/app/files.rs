//! Attachments: upload checks by content, name and size that leave nothing
//! behind, downloads re-checked against the reader, the public call documents,
//! and the sweep of files no record names.

use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::common::{Client, TestApp};

pub(crate) const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

pub(crate) async fn open_call(app: &TestApp) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from projects where title = '新就业形态劳动者驿站关爱服务'")
        .fetch_one(&mut conn)
        .await
        .expect("the demo's open call in 广州")
}

async fn file_rows(app: &TestApp) -> i64 {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select count(*) from files")
        .fetch_one(&mut conn)
        .await
        .expect("count")
}

pub(crate) async fn upload_document(
    client: &Client,
    project: Uuid,
    name: &str,
    bytes: Vec<u8>,
) -> crate::common::Page {
    client.get(&format!("/projects/{project}")).await;
    client
        .upload(&format!("/projects/{project}/documents"), name, bytes)
        .await
}

#[tokio::test]
async fn a_call_document_is_kept_with_its_checksum_and_read_only_by_those_who_see_the_call() {
    let app = TestApp::spawn().await;
    let project = open_call(&app).await;
    let staff = app.login("gz-staff").await;
    let page = upload_document(&staff, project, "申报指南.pdf", PDF.to_vec()).await;
    assert_eq!(page.status, 303, "{}", page.body);
    let (id, sha256): (Uuid, String) = {
        let mut conn = app.owner().await;
        sqlx::query_as("select id, sha256 from files where owner_id = $1")
            .bind(project)
            .fetch_one(&mut conn)
            .await
            .expect("the record")
    };
    let expected: String = Sha256::digest(PDF)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(sha256, expected);
    assert!(
        staff
            .get(&format!("/projects/{project}"))
            .await
            .contains("申报指南.pdf")
    );

    let (status, disposition, bytes) = staff.download_file(&format!("/files/{id}")).await;
    assert_eq!(status, 200);
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("filename*=UTF-8''%E7%94%B3"),
        "{disposition}"
    );
    assert_eq!(bytes, PDF);
    // The organization the call is open to reads it; another province does not.
    let org = app.login("org-1").await;
    assert_eq!(org.download_file(&format!("/files/{id}")).await.0, 200);
    assert!(org.get("/calls").await.contains("申报指南.pdf"));
    for outsider in ["bj-admin", "org-2", "sz-staff"] {
        let other = app.login(outsider).await;
        assert_eq!(
            other.download_file(&format!("/files/{id}")).await.0,
            404,
            "{outsider}"
        );
    }
    // Anyone reads it from the public call page while the call is open.
    let visitor = app.client();
    assert!(visitor.get("/calls/public").await.contains("申报指南.pdf"));
    assert_eq!(
        visitor
            .download_file(&format!("/calls/public/files/{id}"))
            .await
            .0,
        200
    );
    assert_eq!(
        visitor.download_file(&format!("/files/{id}")).await.0,
        303,
        "login first"
    );
    let mut conn = app.owner().await;
    sqlx::query("update projects set status = 'cancelled', cancel_reason = '测试' where id = $1")
        .bind(project)
        .execute(&mut conn)
        .await
        .expect("cancel");
    assert_eq!(
        visitor
            .download_file(&format!("/calls/public/files/{id}"))
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn upload_abuse_is_refused_cleanly_and_leaves_nothing_behind() {
    let app = TestApp::spawn_with(|config| config.max_file_mb = 1).await;
    let project = open_call(&app).await;
    let staff = app.login("gz-staff").await;
    let mut one_byte_over = PDF.to_vec();
    one_byte_over.resize(1024 * 1024 + 1, b' ');
    let mut exactly = PDF.to_vec();
    exactly.resize(1024 * 1024, b' ');
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("big.pdf", one_byte_over, "文件超过 1 MB"),
        ("empty.pdf", Vec::new(), "文件是空的"),
        (
            "tool.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".to_vec(),
            "不支持此类文件",
        ),
        (
            "page.png",
            b"<!doctype html><script>alert(1)</script>".to_vec(),
            "不支持此类文件",
        ),
        ("../../etc/passwd.pdf", PDF.to_vec(), "文件名不能包含"),
        ("report.pdf.exe", PDF.to_vec(), "扩展名与文件内容不符"),
    ];
    for (name, bytes, message) in cases {
        let page = upload_document(&staff, project, name, bytes).await;
        assert_eq!(page.status, 422, "{name}");
        assert!(page.contains(message), "{name}: {message}");
    }
    // A control character in the name breaks the part's header itself: the
    // body is refused as unreadable.
    let bell = upload_document(&staff, project, "a\u{7}b.pdf", PDF.to_vec()).await;
    assert!(matches!(bell.status, 400 | 422), "{}", bell.status);
    // A body cut short in the middle of the file.
    staff.get(&format!("/projects/{project}")).await;
    let token = staff.csrf_token();
    let body = format!(
        "--b\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 trunc"
    );
    let cut = staff
        .post_body(
            &format!("/projects/{project}/documents"),
            "multipart/form-data; boundary=b",
            body.into_bytes(),
        )
        .await;
    assert_eq!(cut.status, 400);
    assert_eq!(file_rows(&app).await, 0, "no record");
    assert!(app.stored_files().is_empty(), "no bytes on disk");
    // Exactly the limit is accepted.
    assert_eq!(
        upload_document(&staff, project, "full.pdf", exactly)
            .await
            .status,
        303
    );
    assert_eq!(file_rows(&app).await, 1);
}

#[tokio::test]
async fn an_application_attachment_is_the_organizations_and_the_purchasers_only() {
    let app = TestApp::spawn().await;
    let project = open_call(&app).await;
    let org = app.login("org-1").await;
    org.get("/calls").await;
    let started = org.post(&format!("/calls/{project}/apply"), &[]).await;
    let application = started
        .location()
        .trim_start_matches("/applications/")
        .trim_end_matches("/edit")
        .to_owned();
    org.get(&format!("/applications/{application}")).await;
    let refused = org
        .upload_with(
            &format!("/applications/{application}/attachments"),
            &[("label", "")],
            "章程.pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(refused.status, 422, "the kind of attachment is required");
    let saved = org
        .upload_with(
            &format!("/applications/{application}/attachments"),
            &[("label", "charter")],
            "章程.pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let id: Uuid = {
        let mut conn = app.owner().await;
        sqlx::query_scalar("select id from files where owner_kind = 'application_attachment'")
            .fetch_one(&mut conn)
            .await
            .expect("attachment")
    };
    assert!(
        org.get(&format!("/applications/{application}"))
            .await
            .contains("章程.pdf")
    );
    assert_eq!(org.download_file(&format!("/files/{id}")).await.0, 200);
    let staff = app.login("gz-staff").await;
    assert_eq!(staff.download_file(&format!("/files/{id}")).await.0, 200);
    for outsider in ["org-2", "bj-admin", "sz-staff"] {
        let other = app.login(outsider).await;
        assert_eq!(
            other.download_file(&format!("/files/{id}")).await.0,
            404,
            "{outsider}"
        );
    }
}

#[tokio::test]
async fn stored_files_no_record_names_are_swept() {
    let app = TestApp::spawn().await;
    let project = open_call(&app).await;
    let staff = app.login("gz-staff").await;
    upload_document(&staff, project, "指南.pdf", PDF.to_vec()).await;
    let kept = app.stored_files();
    assert_eq!(kept.len(), 1);
    let orphan = Uuid::new_v4().to_string();
    std::fs::write(
        app.data_dir.path().join("files").join(&orphan),
        b"left behind",
    )
    .expect("write");
    let state = app.state().await;
    let removed = niudai::files::sweep_orphans(&state, std::time::Duration::ZERO)
        .await
        .expect("sweep");
    assert_eq!(removed, 1);
    assert_eq!(app.stored_files(), kept, "the recorded file stays");
}

/// A stand-in for an S3-compatible store, just enough of the protocol for the
/// file service (put, get, delete, list): objects kept in memory.
pub(crate) mod fake_s3 {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    use axum::Router;
    use axum::body::Bytes;
    use axum::extract::{Path, State};
    use axum::http::{HeaderMap, StatusCode};
    use axum::response::IntoResponse;
    use axum::routing::get;

    pub type Objects = Arc<Mutex<HashMap<String, Vec<u8>>>>;

    const MODIFIED: &str = "Sat, 28 Nov 2026 00:00:00 GMT";

    fn headers(len: usize) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("etag", "\"fake\"".parse().expect("header"));
        h.insert("last-modified", MODIFIED.parse().expect("header"));
        h.insert("content-length", len.to_string().parse().expect("header"));
        h
    }

    async fn put(
        State(objects): State<Objects>,
        Path((_, key)): Path<(String, String)>,
        body: Bytes,
    ) -> impl IntoResponse {
        objects.lock().expect("lock").insert(key, body.to_vec());
        (StatusCode::OK, headers(0))
    }

    async fn fetch(
        State(objects): State<Objects>,
        Path((_, key)): Path<(String, String)>,
    ) -> impl IntoResponse {
        match objects.lock().expect("lock").get(&key) {
            Some(bytes) => (StatusCode::OK, headers(bytes.len()), bytes.clone()).into_response(),
            None => (
                StatusCode::NOT_FOUND,
                "<Error><Code>NoSuchKey</Code></Error>",
            )
                .into_response(),
        }
    }

    async fn delete(
        State(objects): State<Objects>,
        Path((_, key)): Path<(String, String)>,
    ) -> StatusCode {
        objects.lock().expect("lock").remove(&key);
        StatusCode::NO_CONTENT
    }

    async fn list(State(objects): State<Objects>) -> impl IntoResponse {
        let contents: String = objects
            .lock()
            .expect("lock")
            .iter()
            .map(|(key, bytes)| {
                format!(
                    "<Contents><Key>{key}</Key><LastModified>2026-11-28T00:00:00.000Z</LastModified><ETag>\"fake\"</ETag><Size>{}</Size></Contents>",
                    bytes.len()
                )
            })
            .collect();
        (
            [("content-type", "application/xml")],
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult><Name>niudai</Name><Prefix></Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>{contents}</ListBucketResult>"
            ),
        )
    }

    /// Serves the fake on a loopback port; returns its URL and its objects.
    pub async fn start() -> (String, Objects) {
        let objects = Objects::default();
        let app = Router::new()
            .route("/{bucket}", get(list))
            .route("/{bucket}/{*key}", get(fetch).put(put).delete(delete))
            .with_state(objects.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move {
            axum::serve(listener, app)
                .await
                .expect("the fake S3 serves");
        });
        (url, objects)
    }
}

#[tokio::test]
async fn with_a_bucket_configured_files_live_in_it_and_orphans_leave_it() {
    let (endpoint, objects) = fake_s3::start().await;
    let app = TestApp::spawn_with(|config| {
        config.s3_bucket = Some("niudai".into());
        config.s3_endpoint = Some(endpoint.clone());
        config.s3_access_key_id = Some("test".into());
        config.s3_secret_access_key = Some(niudai::config::Secret::new("test"));
    })
    .await;
    let project = open_call(&app).await;
    let staff = app.login("gz-staff").await;
    assert_eq!(
        upload_document(&staff, project, "指南.pdf", PDF.to_vec())
            .await
            .status,
        303
    );
    assert!(app.stored_files().is_empty(), "nothing in the data folder");
    let keys: Vec<String> = objects.lock().expect("lock").keys().cloned().collect();
    assert_eq!(keys.len(), 1, "one object in the bucket");
    let id: Uuid = {
        let mut conn = app.owner().await;
        sqlx::query_scalar("select id from files where owner_id = $1")
            .bind(project)
            .fetch_one(&mut conn)
            .await
            .expect("record")
    };
    let (status, _, bytes) = staff.download_file(&format!("/files/{id}")).await;
    assert_eq!((status, bytes.as_slice()), (200, PDF));
    let orphan = Uuid::new_v4().to_string();
    objects
        .lock()
        .expect("lock")
        .insert(orphan.clone(), b"left behind".to_vec());
    let removed = niudai::files::sweep_orphans(&app.state().await, std::time::Duration::ZERO)
        .await
        .expect("sweep");
    assert_eq!(removed, 1);
    let left: Vec<String> = objects.lock().expect("lock").keys().cloned().collect();
    assert_eq!(left, keys, "the recorded object stays, the orphan is gone");
}
