//! Who may do what on a contract's delivery, around the demo's 广州 contract
//! (organization `org-1`, supervisor `evaluator-1`): staff and admins of the
//! scope, the provincial viewer, the supervisor and a supervisor of nothing,
//! the organization and another one, a reviewer, another province's admin.
//! 200/303 mean done; 403 the role may not; 404 the record is outside what
//! the user can see at all. Then upload abuse on a report, bad input that
//! changes nothing, and two admins paying one installment at once.

use uuid::Uuid;

use crate::common::{Client, TestApp};
use crate::delivery::{PDF, contract_of, reports_of};

const USERS: [&str; 9] = [
    "gz-staff",
    "gd-admin",
    "gd-viewer",
    "evaluator-1",
    "evaluator-2",
    "org-1",
    "org-2",
    "reviewer-1",
    "bj-admin",
];

/// (action, expected status per user in the order of `USERS`)
const TABLE: &[(&str, [u16; 9])] = &[
    (
        "view_contract",
        [200, 200, 200, 200, 404, 200, 404, 404, 404],
    ),
    ("view_report", [200, 200, 200, 200, 404, 200, 404, 404, 404]),
    (
        "write_report",
        [403, 403, 403, 403, 404, 303, 404, 404, 404],
    ),
    (
        "decide_report",
        [303, 303, 403, 303, 404, 403, 404, 404, 404],
    ),
    ("order_form", [200, 200, 403, 200, 404, 403, 404, 404, 404]),
    ("visit_form", [200, 200, 403, 200, 404, 403, 404, 404, 404]),
    (
        "payment_form",
        [403, 200, 403, 403, 404, 403, 404, 404, 404],
    ),
    ("close_form", [403, 200, 403, 403, 404, 403, 404, 404, 404]),
    ("dossier", [200, 200, 200, 403, 404, 403, 404, 404, 404]),
    ("finance", [200, 200, 200, 403, 403, 403, 403, 403, 200]),
    ("report_list", [200, 200, 200, 200, 200, 200, 200, 403, 200]),
];

/// Whether each user's contract list and report list hold the demo contract
/// and its report (`None`: the list is refused), in the order of `USERS`.
const LISTED: [Option<bool>; 9] = [
    Some(true),
    Some(true),
    Some(true),
    Some(true),
    Some(false),
    Some(true),
    Some(false),
    None,
    Some(false),
];

/// A submitted ad-hoc report on the contract, to decide.
async fn submitted_report(app: &TestApp, contract: Uuid) -> Uuid {
    let mut conn = app.owner().await;
    let id: Uuid = sqlx::query_scalar(
        "insert into reports (contract_id, project_id, union_path, org_id, supervisor_id, kind,
                              period_starts_on, period_ends_on, due_on)
         select id, project_id, union_path, org_id, supervisor_id, 'adhoc', service_starts_on,
                service_starts_on + 10, service_starts_on + 20
           from contracts where id = $1 returning id",
    )
    .bind(contract)
    .fetch_one(&mut conn)
    .await
    .expect("a report");
    sqlx::query("update reports set status = 'submitted', narrative = '临时报告' where id = $1")
        .bind(id)
        .execute(&mut conn)
        .await
        .expect("submitted");
    id
}

async fn attempt(
    app: &TestApp,
    client: &Client,
    action: &str,
    (contract, project, report): (Uuid, Uuid, Uuid),
) -> u16 {
    match action {
        "view_contract" => client.get(&format!("/contracts/{contract}")).await.status,
        "view_report" => client.get(&format!("/reports/{report}")).await.status,
        "write_report" => {
            client.get("/").await;
            client
                .post(
                    &format!("/reports/{report}"),
                    &[("people_served", "10"), ("action", "save")],
                )
                .await
                .status
        }
        "decide_report" => {
            let fresh = submitted_report(app, contract).await;
            client.get("/").await;
            client
                .post(&format!("/reports/{fresh}/accept"), &[])
                .await
                .status
        }
        "order_form" => {
            client
                .get(&format!("/contracts/{contract}/rectifications"))
                .await
                .status
        }
        "visit_form" => {
            client
                .get(&format!("/contracts/{contract}/visits"))
                .await
                .status
        }
        "payment_form" => {
            client
                .get(&format!("/contracts/{contract}/payments?position=1"))
                .await
                .status
        }
        "close_form" => {
            client
                .get(&format!("/projects/{project}/close"))
                .await
                .status
        }
        "dossier" => {
            client
                .download(&format!("/projects/{project}/dossier"))
                .await
                .0
        }
        "finance" => client.get("/finance").await.status,
        "report_list" => client.get("/reports").await.status,
        other => panic!("unknown action {other}"),
    }
}

#[tokio::test]
async fn every_role_and_action_on_a_contracts_delivery_is_decided_as_written() {
    let app = TestApp::spawn().await;
    let gd = app.union_id(Some("440000")).await;
    app.add_user("evaluator-2", "evaluator", gd).await;
    let (contract, project) = contract_of(&app).await;
    let report = reports_of(&app, contract, "periodic").await[0];
    let mut failures = Vec::new();
    for (i, username) in USERS.iter().enumerate() {
        let client = app.login(username).await;
        for (action, expected) in TABLE {
            let status = attempt(&app, &client, action, (contract, project, report)).await;
            if status != expected[i] {
                failures.push(format!(
                    "{action} by {username}: {status}, expected {}",
                    expected[i]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn upload_abuse_on_a_report_is_refused_cleanly_and_leaves_nothing_behind() {
    let app = TestApp::spawn_with(|config| config.max_file_mb = 1).await;
    let (contract, _) = contract_of(&app).await;
    let report = reports_of(&app, contract, "periodic").await[0];
    let org = app.login("org-1").await;
    let path = format!("/reports/{report}/attachments");
    let mut one_byte_over = PDF.to_vec();
    one_byte_over.resize(1024 * 1024 + 1, b' ');
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("big.pdf", one_byte_over, "文件超过 1 MB"),
        ("empty.pdf", Vec::new(), "文件是空的"),
        (
            "tool.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".to_vec(),
            "不支持此类文件",
        ),
        (
            "photo.png",
            b"<!doctype html><script>alert(1)</script>".to_vec(),
            "不支持此类文件",
        ),
        ("../../etc/passwd.pdf", PDF.to_vec(), "文件名不能包含"),
        ("receipt.pdf.exe", PDF.to_vec(), "扩展名与文件内容不符"),
    ];
    for (name, bytes, message) in cases {
        org.get(&format!("/reports/{report}")).await;
        let page = org
            .upload_with(&path, &[("label", "photo")], name, bytes)
            .await;
        assert_eq!(page.status, 422, "{name}");
        assert!(page.contains(message), "{name}: {message}");
    }
    org.get(&format!("/reports/{report}")).await;
    let bell = org
        .upload_with(&path, &[("label", "photo")], "a\u{7}b.pdf", PDF.to_vec())
        .await;
    assert!(matches!(bell.status, 400 | 422), "{}", bell.status);
    org.get(&format!("/reports/{report}")).await;
    let token = org.csrf_token();
    let body = format!(
        "--b\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n--b\r\nContent-Disposition: form-data; name=\"label\"\r\n\r\nphoto\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 trunc"
    );
    let cut = org
        .post_body(&path, "multipart/form-data; boundary=b", body.into_bytes())
        .await;
    assert_eq!(cut.status, 400);
    let mut conn = app.owner().await;
    let rows: i64 = sqlx::query_scalar("select count(*) from files where owner_kind = 'report'")
        .fetch_one(&mut conn)
        .await
        .expect("count");
    assert_eq!(rows, 0, "no record");
    assert!(app.stored_files().is_empty(), "no bytes on disk");
}

#[tokio::test]
async fn bad_delivery_input_gets_a_message_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let (contract, _) = contract_of(&app).await;
    let org = app.login("org-1").await;
    // An ad-hoc report for a period outside the contract.
    org.get(&format!("/contracts/{contract}/reports")).await;
    let outside = org
        .post(
            &format!("/contracts/{contract}/reports"),
            &[
                ("period_starts_on", "2001-01-01"),
                ("period_ends_on", "2001-02-01"),
                ("due_on", "2001-02-10"),
            ],
        )
        .await;
    assert_eq!(outside.status, 422);
    assert!(outside.contains("报告期须在合同服务期") && outside.contains("2001-02-01"));
    let mut conn = app.owner().await;
    let adhoc: i64 = sqlx::query_scalar(
        "select count(*) from reports where contract_id = $1 and kind = 'adhoc'",
    )
    .bind(contract)
    .fetch_one(&mut conn)
    .await
    .expect("count");
    assert_eq!(adhoc, 0);
    // A report typed with letters for numbers.
    let report = reports_of(&app, contract, "periodic").await[0];
    org.get(&format!("/reports/{report}")).await;
    let letters = org
        .post(
            &format!("/reports/{report}"),
            &[("people_served", "很多"), ("action", "save")],
        )
        .await;
    assert_eq!(letters.status, 422);
    assert!(letters.contains("请填写 0 或正整数") && letters.contains("很多"));
    // A payment while the contract's rectification order is open.
    let supervisor = app.login("evaluator-1").await;
    supervisor
        .get(&format!("/contracts/{contract}/rectifications"))
        .await;
    let tomorrow = (chrono::Local::now().date_naive() + chrono::Days::new(1)).to_string();
    supervisor
        .post(
            &format!("/contracts/{contract}/rectifications"),
            &[
                ("problem", "台账不全"),
                ("requirement", "补齐"),
                ("deadline", &tomorrow),
            ],
        )
        .await;
    let admin = app.login("gd-admin").await;
    let form = admin
        .get(&format!("/contracts/{contract}/payments?position=1"))
        .await;
    assert!(form.contains("有未关闭的整改通知"));
    let payments: i64 = sqlx::query_scalar("select count(*) from payments where contract_id = $1")
        .bind(contract)
        .fetch_one(&mut conn)
        .await
        .expect("count");
    assert_eq!(payments, 0);
}

#[tokio::test]
async fn two_admins_paying_one_installment_at_once_pay_it_once() {
    let app = TestApp::spawn().await;
    let (contract, _) = contract_of(&app).await;
    let gd = app.union_id(Some("440000")).await;
    app.add_user("gd-admin-2", "admin", gd).await;
    let first = app.login("gd-admin").await;
    let second = app.login("gd-admin-2").await;
    for client in [&first, &second] {
        client
            .get(&format!("/contracts/{contract}/payments?position=1"))
            .await;
    }
    let today = chrono::Local::now().date_naive().to_string();
    let fields = [
        ("position", "1"),
        ("amount", "1000"),
        ("paid_on", today.as_str()),
    ];
    let path = format!("/contracts/{contract}/payments");
    let (a, b) = tokio::join!(
        first.upload_with(&path, &fields, "voucher.pdf", PDF.to_vec()),
        second.upload_with(&path, &fields, "voucher.pdf", PDF.to_vec()),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort_unstable();
    assert_eq!(statuses[0], 303, "one pays");
    let mut conn = app.owner().await;
    let paid: (i64, i64) = sqlx::query_as(
        "select count(*), coalesce(sum(amount_fen), 0)::int8 from payments where contract_id = $1",
    )
    .bind(contract)
    .fetch_one(&mut conn)
    .await
    .expect("paid");
    assert_eq!(paid, (1, 100_000), "once, whoever clicked");
}

#[tokio::test]
async fn the_contract_and_report_lists_hold_only_what_each_reader_reads() {
    let app = TestApp::spawn().await;
    let gd = app.union_id(Some("440000")).await;
    app.add_user("evaluator-2", "evaluator", gd).await;
    let (contract, _) = contract_of(&app).await;
    let report = reports_of(&app, contract, "periodic").await[0];
    let mut failures = Vec::new();
    for (username, expected) in USERS.iter().zip(LISTED) {
        let client = app.login(username).await;
        for (list, link) in [
            ("/contracts", format!("/contracts/{contract}\"")),
            ("/reports?show=all", format!("/reports/{report}\"")),
        ] {
            let page = client.get(list).await;
            let seen = (page.status == 200).then(|| page.contains(&link));
            if page.status != 200 && page.status != 403 || seen != expected {
                failures.push(format!(
                    "{list} for {username}: status {}, listed {seen:?}, expected {expected:?}",
                    page.status
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
