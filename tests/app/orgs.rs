//! The registry: records, their histories, regular contact, organization
//! accounts, and the walls between tenants.

use crate::common::{Page, TestApp};

/// The demo's Guangzhou organization (account `org-1`) and Beijing one (`org-2`).
const GZ_ORG: &str = "广州市新市民社会工作服务中心";
const BJ_ORG: &str = "北京市朝阳区职工法律援助服务中心";

async fn org_id(app: &TestApp, name: &str) -> uuid::Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from organizations where name = $1")
        .bind(name)
        .fetch_one(&mut conn)
        .await
        .expect("organization")
}

/// A complete, valid record for the form, homed at `union_id`.
fn record(name: &str, credit_code: &str, union_id: i64) -> Vec<(&'static str, String)> {
    vec![
        ("name", name.to_owned()),
        ("credit_code", credit_code.to_owned()),
        ("org_type", "social_service_agency".to_owned()),
        ("registration_level", "county".to_owned()),
        ("registered_on", "2020-06-01".to_owned()),
        ("guidance_category", "cultivate".to_owned()),
        ("relationship", "guided".to_owned()),
        ("union_id", union_id.to_string()),
        ("service_domains", "legal_aid".to_owned()),
        ("service_domains", "employment".to_owned()),
        ("contact_person", "李明".to_owned()),
        ("contact_phone", "13800138000".to_owned()),
        ("fulltime_staff", "8".to_owned()),
        ("annual_revenue", "560000.50".to_owned()),
        ("funding_sources", "government_purchase".to_owned()),
        ("version", "0".to_owned()),
    ]
}

fn fields<'a>(pairs: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn create(client: &crate::common::Client, pairs: &[(&'static str, String)]) -> Page {
    client.get("/orgs/new").await;
    client.post("/orgs", &fields(pairs)).await
}

#[tokio::test]
async fn a_cadre_registers_an_organization_and_finds_it() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let th = app.union_id(Some("440106")).await;
    let page = create(
        &staff,
        &record("广州市天河区外来务工人员服务社", "51440100mj00gh011n", th),
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let shown = staff.get(page.location()).await;
    assert!(shown.contains("广州市天河区外来务工人员服务社"));
    assert!(
        shown.contains("51440100MJ00GH011N"),
        "the code is stored upper-case"
    );
    assert!(shown.contains("¥560,000.50"));
    let found = staff
        .get("/orgs?q=%E5%A4%96%E6%9D%A5%E5%8A%A1%E5%B7%A5")
        .await;
    assert!(
        found.contains("广州市天河区外来务工人员服务社"),
        "a three-character search finds it"
    );
    let mut conn = app.owner().await;
    let (revenue, domains): (i64, Vec<String>) = sqlx::query_as(
        "select annual_revenue_fen, service_domains from organizations where credit_code = '51440100MJ00GH011N'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("stored");
    assert_eq!(revenue, 56_000_050);
    assert_eq!(domains, vec!["legal_aid", "employment"]);
}

/// The "共 N 条" of a list page.
fn result_count(page: &str) -> u64 {
    let after = page.split("共 ").nth(1).expect("a result count");
    after
        .split(" 条")
        .next()
        .expect("a number")
        .replace(',', "")
        .parse()
        .expect("a count")
}

#[tokio::test]
async fn the_list_count_follows_a_new_record_at_once() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let before = result_count(&staff.get("/orgs").await.body);
    assert_eq!(
        result_count(&staff.get("/orgs").await.body),
        before,
        "counted again, or kept"
    );
    let th = app.union_id(Some("440106")).await;
    let page = create(
        &staff,
        &record("广州市天河区快递小哥服务站", "51440100mj00gh011n", th),
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(result_count(&staff.get("/orgs").await.body), before + 1);
}

/// A fresh database's generation sequence reads 1 both before and after its
/// first write (`last_value`); the cached count must still see that write. A
/// status change writes one row, so it moves the sequence exactly once.
#[tokio::test]
async fn the_first_write_to_a_fresh_registry_shows_in_the_count_at_once() {
    let app = TestApp::spawn().await;
    let own = org_id(&app, GZ_ORG).await;
    sqlx::query("alter sequence registry_generation restart")
        .execute(&mut app.owner().await)
        .await
        .expect("a fresh sequence");
    let staff = app.login("gz-staff").await;
    let active = result_count(&staff.get("/orgs?status=active").await.body);
    let version = staff
        .get(&format!("/orgs/{own}"))
        .await
        .field_value("version")
        .expect("version");
    let page = staff
        .post(
            &format!("/orgs/{own}/status"),
            &[
                ("status", "suspended"),
                ("reason", "负责人失联"),
                ("version", &version),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(
        result_count(&staff.get("/orgs?status=active").await.body),
        active - 1
    );
}

#[tokio::test]
async fn viewers_reviewers_and_organizations_cannot_register() {
    let app = TestApp::spawn().await;
    let gd = app.union_id(Some("440000")).await;
    for username in ["gd-viewer", "reviewer-1", "org-1"] {
        let client = app.login(username).await;
        assert_eq!(client.get("/orgs/new").await.status, 403, "{username}");
        client.get("/").await;
        let page = client
            .post("/orgs", &fields(&record("越权登记的组织", "", gd)))
            .await;
        assert_eq!(page.status, 403, "{username}");
    }
}

#[tokio::test]
async fn a_wrong_check_character_is_named_and_nothing_typed_is_lost() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let gz = app.union_id(Some("440100")).await;
    let page = create(
        &staff,
        &record("校验位错误的组织", "51440300MJL0001710", gz),
    )
    .await;
    assert_eq!(page.status, 422);
    assert!(
        page.contains("第 18 位校验码不正确，应为 2"),
        "{}",
        page.body
    );
    assert_eq!(
        page.field_value("name").as_deref(),
        Some("校验位错误的组织")
    );
    assert_eq!(
        page.field_value("contact_phone").as_deref(),
        Some("13800138000")
    );
    assert!(
        page.contains("value=\"legal_aid\" checked"),
        "checked domains stay checked"
    );
}

#[tokio::test]
async fn every_bad_field_gets_its_own_message() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let gz = app.union_id(Some("440100")).await;
    let mut pairs = record("字段错误的组织", "", gz);
    for (field, value) in [
        ("org_type", "company"),
        ("registered_on", "2999-01-01"),
        ("contact_phone", "12345"),
        ("contact_email", "not-an-email"),
        ("volunteers", "-4"),
        ("annual_revenue", "12.345"),
        ("guidance_category", "whatever"),
    ] {
        pairs.retain(|(k, _)| *k != field);
        pairs.push((field, value.to_owned()));
    }
    pairs.push(("notes", "长".repeat(2001)));
    let page = create(&staff, &pairs).await;
    assert_eq!(page.status, 422);
    for message in [
        "请选择一项",
        "日期不能晚于今天",
        "请填写手机号",
        "电子邮箱格式不正确",
        "请填写 0 到 1000000 之间的整数",
        "金额格式不正确",
        "最多 2000 个字符",
    ] {
        assert!(page.contains(message), "missing: {message}");
    }
    let mut conn = app.owner().await;
    let n: i64 =
        sqlx::query_scalar("select count(*) from organizations where name = '字段错误的组织'")
            .fetch_one(&mut conn)
            .await
            .expect("count");
    assert_eq!(n, 0);
}

#[tokio::test]
async fn a_code_held_by_another_union_names_that_union_only() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let gz = app.union_id(Some("440100")).await;
    // The Beijing demo organization's code, registered again in Guangzhou.
    let page = create(&staff, &record("重复登记的组织", "52110105MJ00FLY21L", gz)).await;
    assert_eq!(page.status, 422);
    assert!(
        page.contains("该统一社会信用代码已由 朝阳区总工会 登记"),
        "{}",
        page.body
    );
    assert!(!page.contains(BJ_ORG), "the record itself stays invisible");
}

#[tokio::test]
async fn another_provinces_record_and_its_parts_answer_404() {
    let app = TestApp::spawn().await;
    let bj = org_id(&app, BJ_ORG).await;
    let gd = app.login("gd-admin").await;
    assert_eq!(gd.get(&format!("/orgs/{bj}")).await.status, 404);
    assert_eq!(gd.get(&format!("/orgs/{bj}/edit")).await.status, 404);
    gd.get("/").await;
    let contact = gd
        .post(
            &format!("/orgs/{bj}/contacts"),
            &[
                ("contacted_on", "2026-11-01"),
                ("method", "visit"),
                ("cadre", "张"),
                ("summary", "越权"),
            ],
        )
        .await;
    assert_eq!(contact.status, 404);
    let status = gd
        .post(
            &format!("/orgs/{bj}/status"),
            &[
                ("status", "suspended"),
                ("reason", "越权"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(status.status, 404);
    let list = gd.get("/orgs?q=%E6%9C%9D%E9%98%B3").await;
    assert!(!list.contains(BJ_ORG));
    let mut conn = app.owner().await;
    let (status, contacts): (String, i64) = sqlx::query_as(
        "select status, (select count(*) from organization_contacts c where c.org_id = o.id and c.summary = '越权')
           from organizations o where o.id = $1",
    )
    .bind(bj)
    .fetch_one(&mut conn)
    .await
    .expect("query");
    assert_eq!((status.as_str(), contacts), ("active", 0));
    let national = app.login("national-admin").await;
    assert_eq!(
        national.get(&format!("/orgs/{bj}")).await.status,
        200,
        "the national scope sees it"
    );
}

#[tokio::test]
async fn an_organization_account_sees_and_edits_only_its_own_self_service_fields() {
    let app = TestApp::spawn().await;
    let own = org_id(&app, GZ_ORG).await;
    let other = org_id(&app, BJ_ORG).await;
    let client = app.login("org-1").await;
    assert_eq!(
        client.get("/orgs/mine").await.location(),
        format!("/orgs/{own}")
    );
    let page = client.get(&format!("/orgs/{own}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.contains("登记联系"), "no union tools");
    assert_eq!(client.get(&format!("/orgs/{other}")).await.status, 404);
    assert_eq!(client.get("/orgs").await.status, 403);
    let form = client.get(&format!("/orgs/{own}/edit")).await;
    assert!(form.contains("name=\"contact_phone\"") && !form.contains("name=\"credit_code\""));
    let version = form.field_value("version").expect("version");
    let page = client
        .post(
            &format!("/orgs/{own}/edit"),
            &[
                ("contact_phone", "020-87654321"),
                ("fulltime_staff", "15"),
                ("funding_sources", "donations"),
                ("version", &version),
                // Protected fields, posted anyway: never read.
                ("name", "改掉的名字"),
                ("status", "deregistered"),
                ("guidance_category", "guide"),
                ("union_id", "1"),
                ("serious_violation", "on"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let mut conn = app.owner().await;
    let row: (String, String, String, bool, String, i32) = sqlx::query_as(
        "select name, status, guidance_category, serious_violation, contact_phone, fulltime_staff
           from organizations where id = $1",
    )
    .bind(own)
    .fetch_one(&mut conn)
    .await
    .expect("record");
    assert_eq!(
        row,
        (
            GZ_ORG.to_owned(),
            "active".into(),
            "cultivate".into(),
            false,
            "020-87654321".into(),
            15
        )
    );
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where action = 'org.self_updated' and entity_id = $1",
    )
    .bind(own.to_string())
    .fetch_one(&mut conn)
    .await
    .expect("audit");
    assert_eq!(audited, 1);
    let staff = app.login("gz-staff").await;
    assert!(
        staff
            .get(&format!("/orgs/{own}"))
            .await
            .contains("社会组织更新本组织信息"),
        "staff see the edit"
    );
}

#[tokio::test]
async fn the_database_refuses_an_organization_account_changing_protected_fields() {
    let app = TestApp::spawn().await;
    let own = org_id(&app, GZ_ORG).await;
    let account = app.user_id("org-1").await;
    let mut conn = app.serving().await;
    let mut tx = sqlx::Connection::begin(&mut conn).await.expect("begin");
    sqlx::query("select set_config('niudai.scope', '', true), set_config('niudai.user_id', $1, true), set_config('niudai.org_id', $2, true)")
        .bind(account.to_string())
        .bind(own.to_string())
        .execute(&mut *tx)
        .await
        .expect("actor");
    let refused = sqlx::query("update organizations set status = 'deregistered' where id = $1")
        .bind(own)
        .execute(&mut *tx)
        .await;
    assert!(refused.is_err());
}

#[tokio::test]
async fn a_stale_edit_is_refused_with_both_versions_and_nothing_lost() {
    let app = TestApp::spawn().await;
    let own = org_id(&app, GZ_ORG).await;
    let first = app.login("gz-staff").await;
    let second = app.login("gd-admin").await;
    let path = format!("/orgs/{own}/edit");
    let form = first.get(&path).await;
    second.get(&path).await;
    let version = form.field_value("version").expect("version");
    let th = app.union_id(Some("440106")).await;
    let mut mine = record(GZ_ORG, "52440106MJ00XGM11Y", th);
    mine.retain(|(k, _)| *k != "version");
    mine.push(("version", version.clone()));
    let mut theirs = mine.clone();
    theirs.retain(|(k, _)| *k != "contact_person");
    theirs.push(("contact_person", "第二位的联系人".into()));
    assert_eq!(first.post(&path, &fields(&mine)).await.status, 303);
    let stale = second.post(&path, &fields(&theirs)).await;
    assert_eq!(stale.status, 422);
    assert!(stale.contains("已有其他人修改"));
    assert_eq!(
        stale.field_value("contact_person").as_deref(),
        Some("第二位的联系人")
    );
    let newer = stale.field_value("version").expect("version");
    assert_ne!(newer, version);
    theirs.retain(|(k, _)| *k != "version");
    theirs.push(("version", newer));
    assert_eq!(second.post(&path, &fields(&theirs)).await.status, 303);
}

#[tokio::test]
async fn a_status_change_needs_a_reason_and_is_recorded() {
    let app = TestApp::spawn().await;
    let own = org_id(&app, GZ_ORG).await;
    let staff = app.login("gz-staff").await;
    let page = staff.get(&format!("/orgs/{own}")).await;
    let version = page.field_value("version").expect("version");
    let refused = staff
        .post(
            &format!("/orgs/{own}/status"),
            &[
                ("status", "suspended"),
                ("reason", ""),
                ("version", &version),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("此项必填"));
    let page = staff
        .post(
            &format!("/orgs/{own}/status"),
            &[
                ("status", "suspended"),
                ("reason", "负责人失联"),
                ("abnormal_operation", "on"),
                ("version", &version),
            ],
        )
        .await;
    assert_eq!(page.status, 303);
    let shown = staff.get(&format!("/orgs/{own}")).await;
    assert!(
        shown.contains("暂停活动")
            && shown.contains("活动异常名录")
            && shown.contains("负责人失联")
    );
    let viewer = app.login("gd-viewer").await;
    assert_eq!(
        viewer.get(&format!("/orgs/{own}")).await.status,
        200,
        "viewers read"
    );
    viewer.get("/").await;
    let denied = viewer
        .post(
            &format!("/orgs/{own}/status"),
            &[("status", "active"), ("reason", "x"), ("version", "9")],
        )
        .await;
    assert_eq!(denied.status, 403);
}

#[tokio::test]
async fn ratings_are_derived_expire_and_can_be_revoked() {
    let app = TestApp::spawn().await;
    let gz = app.union_id(Some("440100")).await;
    let own = app.add_org("广州市评估测试服务社", gz).await;
    let staff = app.login("gz-staff").await;
    staff.get(&format!("/orgs/{own}")).await;
    let future = staff
        .post(
            &format!("/orgs/{own}/ratings"),
            &[
                ("level", "4"),
                ("rated_on", "2999-01-01"),
                ("authority", "广州市民政局"),
            ],
        )
        .await;
    assert_eq!(future.status, 422);
    assert!(future.contains("日期不能晚于今天"));
    let old = staff
        .post(
            &format!("/orgs/{own}/ratings"),
            &[
                ("level", "3"),
                ("rated_on", "2020-03-01"),
                ("authority", "广州市民政局"),
            ],
        )
        .await;
    assert_eq!(old.status, 303);
    let page = staff.get(&format!("/orgs/{own}")).await;
    assert!(page.contains("2025-03-01"), "valid for five years");
    assert!(page.contains("已过期"));
    let expired = staff.get("/orgs?rating=expired").await;
    assert!(expired.contains("广州市评估测试服务社"));
    staff
        .post(
            &format!("/orgs/{own}/ratings"),
            &[
                ("level", "5"),
                ("rated_on", "2024-05-01"),
                ("authority", "广东省民政厅"),
            ],
        )
        .await;
    let five = staff.get("/orgs?rating=5").await;
    assert!(five.contains("广州市评估测试服务社"));
    let mut conn = app.owner().await;
    let rating: uuid::Uuid =
        sqlx::query_scalar("select id from organization_ratings where org_id = $1 and level = 5")
            .bind(own)
            .fetch_one(&mut conn)
            .await
            .expect("rating");
    staff.get(&format!("/orgs/{own}")).await;
    let revoked = staff
        .post(
            &format!("/orgs/{own}/ratings/{rating}/revoke"),
            &[("reason", "证书作废")],
        )
        .await;
    assert_eq!(revoked.status, 303);
    let level: Option<i16> =
        sqlx::query_scalar("select rating_level from organizations where id = $1")
            .bind(own)
            .fetch_one(&mut conn)
            .await
            .expect("level");
    assert_eq!(level, Some(3), "back to the latest rating not revoked");
}

#[tokio::test]
async fn union_building_changes_are_dated_and_checked() {
    let app = TestApp::spawn().await;
    let own = org_id(&app, GZ_ORG).await;
    let staff = app.login("gz-staff").await;
    staff.get(&format!("/orgs/{own}")).await;
    let bad = staff
        .post(
            &format!("/orgs/{own}/union-building"),
            &[
                ("status", "established"),
                ("changed_on", "2025-01-10"),
                ("members", "30"),
                ("employees", "12"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.contains("会员人数不能多于职工人数"));
    let good = staff
        .post(
            &format!("/orgs/{own}/union-building"),
            &[
                ("status", "established"),
                ("changed_on", "2025-01-10"),
                ("founded_on", "2025-01-10"),
                ("members", "11"),
                ("employees", "12"),
                ("chair", "王芳"),
            ],
        )
        .await;
    assert_eq!(good.status, 303);
    assert!(
        staff
            .get("/orgs?union_building=established")
            .await
            .contains(GZ_ORG)
    );
}

#[tokio::test]
async fn logging_a_contact_takes_an_organization_off_the_due_list() {
    let app = TestApp::spawn().await;
    let own = org_id(&app, GZ_ORG).await;
    let mut conn = app.owner().await;
    sqlx::query("update organizations set next_contact_due = current_date - 3650 where id = $1")
        .bind(own)
        .execute(&mut conn)
        .await
        .expect("make it the most overdue of all");
    let staff = app.login("gz-staff").await;
    let due = staff.get("/contacts/due").await;
    assert!(due.contains(GZ_ORG));
    let home = staff.get("/").await;
    assert!(
        home.contains("需要联系的社会组织") && home.contains(GZ_ORG),
        "a task on the home page"
    );
    assert!(staff.get("/orgs?overdue=1").await.contains(GZ_ORG));
    staff.get(&format!("/orgs/{own}")).await;
    let today = chrono::Local::now().date_naive().to_string();
    let logged = staff
        .post(
            &format!("/orgs/{own}/contacts"),
            &[
                ("contacted_on", &today),
                ("method", "visit"),
                ("cadre", "张三"),
                ("summary", "走访了解服务开展情况"),
            ],
        )
        .await;
    assert_eq!(logged.status, 303, "{}", logged.body);
    assert!(!staff.get("/contacts/due").await.contains(GZ_ORG));
    let due_date: chrono::NaiveDate =
        sqlx::query_scalar("select next_contact_due from organizations where id = $1")
            .bind(own)
            .fetch_one(&mut conn)
            .await
            .expect("due");
    assert_eq!(
        due_date,
        chrono::Local::now().date_naive() + chrono::Days::new(90),
        "the union's 90-day default"
    );
    let bj_staff = app.login("bj-admin").await;
    assert!(!bj_staff.get("/contacts/due").await.contains(GZ_ORG));
}

#[tokio::test]
async fn a_union_sets_the_contact_interval_of_its_organizations() {
    let app = TestApp::spawn().await;
    let own = org_id(&app, GZ_ORG).await;
    let th = app.union_id(Some("440106")).await;
    let admin = app.login("gd-admin").await;
    admin.get(&format!("/unions/{th}")).await;
    let page = admin
        .post(&format!("/unions/{th}/contact-interval"), &[("days", "30")])
        .await;
    assert_eq!(page.status, 303);
    let mut conn = app.owner().await;
    let (last, due): (Option<chrono::NaiveDate>, chrono::NaiveDate) = sqlx::query_as(
        "select last_contacted_on, next_contact_due from organizations where id = $1",
    )
    .bind(own)
    .fetch_one(&mut conn)
    .await
    .expect("dates");
    let last = last.expect("the demo organization has contacts");
    let latest_next_due: Option<chrono::NaiveDate> = sqlx::query_scalar(
        "select next_due from organization_contacts where org_id = $1 order by contacted_on desc, created_at desc limit 1",
    )
    .bind(own)
    .fetch_one(&mut conn)
    .await
    .expect("contact");
    assert_eq!(due, latest_next_due.unwrap_or(last + chrono::Days::new(30)));
}

#[tokio::test]
async fn filters_and_sorts_that_do_not_exist_are_bad_requests() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    for query in [
        "org_type=company",
        "rating=9",
        "status=gone",
        "sort=password",
        "dir=up",
        "overdue=yes",
        "division=44x",
        "union=abc",
        "after=zz",
    ] {
        let page = staff.get(&format!("/orgs?{query}")).await;
        assert_eq!(page.status, 400, "{query}");
        assert!(page.contains("请求有误"), "a styled 400 page for {query}");
    }
    let bj = app.union_id(Some("110000")).await;
    assert_eq!(staff.get(&format!("/orgs?union={bj}")).await.status, 404);
}

#[tokio::test]
async fn the_list_pages_forward_and_back_with_filters_kept() {
    let app = TestApp::spawn().await;
    let admin = app.login("national-admin").await;
    let first = admin.get("/orgs?status=active&sort=name").await;
    assert_eq!(first.status, 200);
    let next = first
        .body
        .split("rel=\"next\"")
        .next()
        .and_then(|before| before.rsplit("href=\"").next())
        .and_then(|link| link.split('"').next())
        .expect("the demo has more than one page")
        .replace("&#38;", "&");
    assert!(next.contains("status=active") && next.contains("sort=name"));
    let second = admin.get(&next).await;
    assert_eq!(second.status, 200);
    assert!(second.contains("rel=\"prev\""));
}

#[tokio::test]
async fn staff_invite_an_organization_account_shown_once() {
    let app = TestApp::spawn().await;
    let gz = app.union_id(Some("440100")).await;
    let org = app.add_org("广州市快递小哥关爱服务队", gz).await;
    let staff = app.login("gz-staff").await;
    staff.get(&format!("/orgs/{org}")).await;
    let page = staff
        .post(
            &format!("/orgs/{org}/accounts"),
            &[("username", "kuaidi-gz"), ("display_name", "关爱服务队")],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let start = page.body.find("<code>").expect("password") + "<code>".len();
    let password = page.body[start..start + 16].to_owned();
    let account = app.client();
    assert_eq!(account.login("kuaidi-gz", &password).await.status, 303);
    assert_eq!(account.get("/").await.location(), "/account/password");
    let taken = staff
        .post(
            &format!("/orgs/{org}/accounts"),
            &[("username", "org-2"), ("display_name", "重名")],
        )
        .await;
    assert_eq!(taken.status, 422);
    assert!(taken.contains("该用户名已被使用"));
}

#[tokio::test]
async fn an_overdue_contact_says_how_late_it_is_in_a_tone_that_grows_with_the_age() {
    let app = TestApp::spawn().await;
    let own = org_id(&app, GZ_ORG).await;
    let mut conn = app.owner().await;
    let late = |days: i32| {
        sqlx::query(
            "update organizations
                set next_contact_due = (now() at time zone 'Asia/Shanghai')::date - $2
              where id = $1",
        )
        .bind(own)
        .bind(days)
    };
    late(800).execute(&mut conn).await.expect("two years late");
    let staff = app.login("gz-staff").await;
    let due = staff.get("/contacts/due").await;
    let row = due
        .body
        .split("<tr>")
        .find(|row| row.contains(GZ_ORG))
        .expect("on the due list");
    assert!(
        row.contains("<span class=\"tag overdue-long\">逾期 2 年</span>"),
        "{row}"
    );
    let page = staff.get(&format!("/orgs/{own}")).await;
    assert!(
        page.contains("<span class=\"tag overdue-long\">联系逾期 2 年</span>"),
        "the organization's page says it too"
    );
    assert!(
        page.contains("<span class=\"tag tone-active\">正常</span>"),
        "its status, coloured as in good standing"
    );

    late(3).execute(&mut conn).await.expect("three days late");
    let due = staff.get("/contacts/due").await;
    let row = due
        .body
        .split("<tr>")
        .find(|row| row.contains(GZ_ORG))
        .expect("on the due list");
    assert!(
        row.contains("<span class=\"tag overdue-week\">逾期 3 天</span>"),
        "{row}"
    );
    late(40).execute(&mut conn).await.expect("forty days late");
    assert!(
        staff
            .get(&format!("/orgs/{own}"))
            .await
            .contains("<span class=\"tag overdue-half-year\">联系逾期 1 个月</span>")
    );
}
