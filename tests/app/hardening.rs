//! The small holes an attacker or an unlucky network finds: NUL bytes and
//! direction overrides in addresses, forms and file names; large bodies from
//! visitors without a session; a form sent twice; a database that goes away.

use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::common::{Client, TestApp};

const REFUSED_FORM: &str = "不可见的控制字符或文字方向控制符";

async fn org_of(app: &TestApp, username: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select org_id from users where username = $1")
        .bind(username)
        .fetch_one(&mut conn)
        .await
        .expect("organization")
}

async fn contacts_of(app: &TestApp, org: Uuid) -> i64 {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select count(*) from organization_contacts where org_id = $1")
        .bind(org)
        .fetch_one(&mut conn)
        .await
        .expect("count")
}

fn contact(summary: &str) -> Vec<(&'static str, String)> {
    vec![
        ("contacted_on", "2026-11-02".to_owned()),
        ("method", "phone".to_owned()),
        ("cadre", "张干事".to_owned()),
        ("summary", summary.to_owned()),
    ]
}

async fn post_owned(
    client: &Client,
    path: &str,
    fields: &[(&'static str, String)],
) -> crate::common::Page {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client.post(path, &borrowed).await
}

#[tokio::test]
async fn a_nul_or_an_override_in_an_address_is_a_bad_request_not_a_failure() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let gz = app.union_id(Some("440100")).await;
    for path in [
        "/orgs?q=%00".to_owned(),
        "/orgs?q=%E2%80%AE%E5%B9%BF".to_owned(),
        "/projects?q=%00".to_owned(),
        "/users?q=%00".to_owned(),
        "/needs?q=%00".to_owned(),
        "/audit?q=%00".to_owned(),
        format!("/unions/{gz}?q=%00"),
        "/orgs?status=%00active".to_owned(),
        "/orgs?q=%FF".to_owned(),
        "/orgs/%00".to_owned(),
    ] {
        let page = admin.get(&path).await;
        assert_eq!(page.status, 400, "{path}");
    }
    assert_eq!(admin.get("/orgs?q=%E5%B9%BF%E5%B7%9E").await.status, 200);
}

#[tokio::test]
async fn forms_carrying_a_nul_or_an_override_are_refused_with_a_message_and_write_nothing() {
    let app = TestApp::spawn().await;
    let org = org_of(&app, "org-1").await;
    let staff = app.login("gz-staff").await;
    staff.get(&format!("/orgs/{org}")).await;
    let before = contacts_of(&app, org).await;
    for summary in ["电话\0回访", "\u{202E}回访记录", "回访\u{2066}记录"] {
        let page = post_owned(&staff, &format!("/orgs/{org}/contacts"), &contact(summary)).await;
        assert_eq!(page.status, 400, "{summary:?}");
        assert!(page.contains(REFUSED_FORM), "{}", page.body);
    }
    assert_eq!(contacts_of(&app, org).await, before, "nothing written");
    let page = post_owned(
        &staff,
        &format!("/orgs/{org}/contacts"),
        &contact("第一行\r\n第二行\t缩进"),
    )
    .await;
    assert_eq!(
        page.status, 303,
        "line breaks and tabs are text: {}",
        page.body
    );

    // Before login, too: the login form itself.
    let visitor = app.client();
    visitor.get("/login").await;
    let page = visitor
        .post("/login", &[("username", "gd-admin\0"), ("password", "x")])
        .await;
    assert_eq!(page.status, 400);

    // A file name that reads backwards.
    let project: Uuid = {
        let mut conn = app.owner().await;
        sqlx::query_scalar("select id from projects where title = '新就业形态劳动者驿站关爱服务'")
            .fetch_one(&mut conn)
            .await
            .expect("the open call")
    };
    staff.get(&format!("/projects/{project}")).await;
    let page = staff
        .upload(
            &format!("/projects/{project}/documents"),
            "申报指南\u{202E}fdp.exe",
            b"%PDF-1.4\n%%EOF\n".to_vec(),
        )
        .await;
    assert_eq!(page.status, 400);
    assert!(page.contains(REFUSED_FORM));
}

#[tokio::test]
async fn visitors_without_a_session_post_small_bodies_and_upload_nothing() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    visitor.get("/login").await;
    let big = "x".repeat(64 * 1024);
    let page = visitor
        .post("/login", &[("username", big.as_str()), ("password", "x")])
        .await;
    assert_eq!(page.status, 413);
    let page = visitor
        .upload("/orgs/import", "a.csv", vec![b'a'; 1024 * 1024])
        .await;
    assert_eq!(page.status, 303, "an upload needs a session");
    assert!(page.location().starts_with("/login"));
    let page = visitor
        .post(
            "/login",
            &[
                ("username", "gd-admin"),
                ("password", crate::common::PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "the login form still fits");
}

#[tokio::test]
async fn a_form_sent_twice_is_saved_once() {
    let app = TestApp::spawn().await;
    let org = org_of(&app, "org-1").await;
    let staff = app.login("gz-staff").await;
    let form = staff.get(&format!("/orgs/{org}")).await;
    let key = form
        .field_value("form_key")
        .expect("a form key on the page");
    let before = contacts_of(&app, org).await;
    let mut fields = contact("上门走访，了解服务开展情况");
    fields.push(("form_key", key.clone()));
    let first = post_owned(&staff, &format!("/orgs/{org}/contacts"), &fields).await;
    assert_eq!(first.status, 303, "{}", first.body);
    let again = post_owned(&staff, &format!("/orgs/{org}/contacts"), &fields).await;
    assert_eq!(again.status, 409);
    assert!(again.contains("没有重复保存"), "{}", again.body);
    assert_eq!(contacts_of(&app, org).await, before + 1);

    // A refused sending does not use the key up.
    let mut invalid = contact("");
    let key = staff
        .get(&format!("/orgs/{org}"))
        .await
        .field_value("form_key")
        .expect("key");
    invalid.push(("form_key", key.clone()));
    let refused = post_owned(&staff, &format!("/orgs/{org}/contacts"), &invalid).await;
    assert_eq!(refused.status, 422);
    let mut fixed = contact("补充走访记录");
    fixed.push(("form_key", key));
    let saved = post_owned(&staff, &format!("/orgs/{org}/contacts"), &fixed).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(contacts_of(&app, org).await, before + 2);
}

#[tokio::test]
async fn a_database_outage_answers_503_within_a_second_and_recovers_by_itself() {
    let (app, proxy) = TestApp::spawn_behind_proxy().await;
    let staff = app.login("gz-staff").await;
    assert_eq!(staff.get("/orgs").await.status, 200);
    proxy.cut();
    for path in ["/orgs", "/healthz"] {
        let started = Instant::now();
        let page = staff.get(path).await;
        assert_eq!(page.status, 503, "{path}");
        assert!(
            started.elapsed() < Duration::from_millis(1500),
            "{path} answered after {:?}",
            started.elapsed()
        );
    }
    assert!(staff.get("/orgs").await.contains("服务暂不可用"));
    proxy.restore();
    let started = Instant::now();
    loop {
        if staff.get("/orgs").await.status == 200 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "not back within 5 s of the database"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_user_refused_again_and_again_is_audited_once() {
    let app = TestApp::spawn().await;
    let beijing_org = org_of(&app, "org-2").await;
    let staff = app.login("gz-staff").await;
    for _ in 0..25 {
        assert_eq!(staff.get(&format!("/orgs/{beijing_org}")).await.status, 404);
    }
    let mut conn = app.owner().await;
    let (entries, count): (i64, Option<i64>) = sqlx::query_as(
        "select count(*), max((changes ->> 'count')::bigint) from audit_log
          where action = 'security.denials' and actor_username = 'gz-staff'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("audit");
    assert_eq!((entries, count), (1, Some(20)));
    let admin = app.login("gd-admin").await;
    let page = admin.get("/audit").await;
    assert!(
        page.contains("多次被拒绝访问"),
        "the province's admin reads it"
    );
}

/// The calls on a public page, and its next page's address.
fn calls_on(page: &crate::common::Page) -> (usize, Option<String>) {
    let calls = page.body.matches("<article class=\"card\"").count();
    let next = page.body.find("rel=\"next\"").and_then(|at| {
        let tag = &page.body[page.body[..at].rfind("<a")?..at];
        let start = tag.find("href=\"")? + 6;
        let end = tag[start..].find('"')?;
        Some(tag[start..start + end].replace("&amp;", "&"))
    });
    (calls, next)
}

#[tokio::test]
async fn the_public_calls_come_fifty_a_page_by_province_and_domain() {
    let app = TestApp::spawn().await;
    let mut conn = app.owner().await;
    sqlx::query(
        "insert into projects (union_id, code, title, domain, description, target_group,
                               budget_fen, union_funds_fen, eligible_types, apply_opens_on,
                               apply_closes_on, service_starts_on, service_ends_on,
                               review_system_id, midterm_system_id, performance_system_id,
                               status, created_by)
         select p.union_id, 'T-' || g, '公开征集测试' || g,
                case when g % 3 = 0 then 'legal_aid' else 'employment' end,
                p.description, p.target_group, p.budget_fen, p.budget_fen, p.eligible_types,
                p.apply_opens_on, p.apply_closes_on + g % 5, p.service_starts_on + 10,
                p.service_ends_on + 10, p.review_system_id, p.midterm_system_id,
                p.performance_system_id, 'open', p.created_by
           from projects p, generate_series(1, 70) g
          where p.title = '新就业形态劳动者驿站关爱服务'",
    )
    .execute(&mut conn)
    .await
    .expect("seventy more open calls in 广州");
    let (open, gd_legal): (i64, i64) = sqlx::query_as(
        "select count(*), count(*) filter (where province = 'cn.u20' and domain = 'legal_aid')
           from projects where status = 'open'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("count");
    let visitor = app.client();
    let (mut seen, mut next) = calls_on(&visitor.get("/calls/public").await);
    assert_eq!(seen, 50, "a page holds fifty calls");
    let mut pages = 1;
    while let Some(path) = next {
        let (calls, after) = calls_on(&visitor.get(&path).await);
        seen += calls;
        next = after;
        pages += 1;
        assert!(pages < 10, "the pages end");
    }
    assert_eq!(seen as i64, open, "every open call on some page, once");
    let page = visitor
        .get("/calls/public?province=cn.u20&domain=legal_aid")
        .await;
    assert_eq!(calls_on(&page).0 as i64, gd_legal);
    assert!(gd_legal > 0 && gd_legal < open);
    let page = visitor
        .get("/calls/public?province=nowhere&domain=%27%3B")
        .await;
    assert_eq!(page.status, 200, "unknown filters are ignored");
}

#[test]
fn docker_compose_refuses_to_start_without_real_passwords() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let compose = std::fs::read_to_string(root.join("docker-compose.yml")).expect("compose file");
    for variable in ["POSTGRES_PASSWORD", "NIUDAI_APP_DB_PASSWORD"] {
        let uses: Vec<&str> = compose
            .match_indices(&format!("${{{variable}"))
            .map(|(at, _)| &compose[at..at + variable.len() + 4])
            .collect();
        assert!(!uses.is_empty(), "{variable} is used");
        assert!(
            uses.iter().all(|used| used.ends_with(":?")),
            "{variable} must be required (${{{variable}:?…}}): {uses:?}"
        );
    }
    assert!(!compose.contains("change-me"), "no default password");
    let example = std::fs::read_to_string(root.join(".env.example")).expect(".env.example");
    assert!(
        example.lines().any(|line| line == "POSTGRES_PASSWORD="),
        "the example leaves the password to be chosen"
    );
}
