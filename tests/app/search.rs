//! The search box: what a cadre finds within their scope, and nothing beyond.

use crate::common::{Client, Page, TestApp};

/// The demo's Guangzhou organization (account `org-1`) and Beijing one (`org-2`).
const GZ_ORG: &str = "广州市新市民社会工作服务中心";
const GZ_CODE: &str = "52440106MJ00XGM11Y";
const BJ_ORG: &str = "北京市朝阳区职工法律援助服务中心";

async fn search(client: &Client, text: &str) -> Page {
    let query = serde_urlencoded::to_string([("q", text)]).expect("query");
    client.get(&format!("/search?{query}")).await
}

async fn id_of(app: &TestApp, sql: &'static str, key: &str) -> uuid::Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar(sql)
        .bind(key)
        .fetch_one(&mut conn)
        .await
        .expect("a record")
}

#[tokio::test]
async fn a_cadre_finds_an_organization_by_name_and_by_credit_code() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let id = id_of(&app, "select id from organizations where name = $1", GZ_ORG).await;

    let found = search(&staff, "新市民").await;
    assert_eq!(found.status, 200);
    assert!(found.contains(&format!("<a href=\"/orgs/{id}\">{GZ_ORG}</a>")));
    let two = search(&staff, "社会").await;
    assert!(two.contains(GZ_ORG), "two characters find it too");
    assert!(two.contains("前 10,000 条"), "and say how far they looked");
    assert!(
        search(&staff, "纽")
            .await
            .contains("没有找到与「纽」相关的记录")
    );

    let by_prefix = search(&staff, "52440106mj").await;
    assert!(by_prefix.contains(GZ_ORG), "the start of a code, any case");
    let whole = search(&staff, GZ_CODE).await;
    assert_eq!(whole.status, 303, "a whole code opens its record");
    assert_eq!(whole.location(), format!("/orgs/{id}"));
}

#[tokio::test]
async fn a_cadre_finds_a_project_by_code_and_title() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let mut conn = app.owner().await;
    // Guangzhou's first project by code: the first of those its prefix finds.
    let (id, code, title): (uuid::Uuid, String, String) = sqlx::query_as(
        "select p.id, p.code, p.title from projects p join unions u on u.id = p.union_id
          where u.path <@ (select path from unions where division_code = '440100' and level = 'municipal')
          order by p.code limit 1",
    )
    .fetch_one(&mut conn)
    .await
    .expect("a project in Guangzhou");

    let whole = search(&staff, &code.to_lowercase()).await;
    assert_eq!(whole.status, 303, "a whole code opens its record");
    assert_eq!(whole.location(), format!("/projects/{id}"));
    let by_prefix = search(&staff, &code[..code.len() - 1]).await;
    assert_eq!(by_prefix.status, 200);
    assert!(by_prefix.contains(&format!("<a href=\"/projects/{id}\">{title}</a>")));
    assert!(by_prefix.contains(&format!("<code>{code}</code>")));
    let words: String = title.chars().skip(2).take(4).collect();
    assert!(
        search(&staff, &words).await.contains(&title),
        "a word of the title"
    );
}

#[tokio::test]
async fn contracts_are_found_by_their_project_and_organization() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let found = search(&staff, "新市民社会工作").await;
    let mut conn = app.owner().await;
    let contracts: Vec<uuid::Uuid> = sqlx::query_scalar(
        "select c.id from contracts c join organizations o on o.id = c.org_id where o.name = $1",
    )
    .bind(GZ_ORG)
    .fetch_all(&mut conn)
    .await
    .expect("contracts");
    assert!(
        !contracts.is_empty(),
        "the demo's organization has contracts"
    );
    for id in contracts.iter().take(5) {
        assert!(
            found.contains(&format!("href=\"/contracts/{id}\"")),
            "contract {id}"
        );
    }
}

#[tokio::test]
async fn another_provinces_records_never_appear() {
    let app = TestApp::spawn().await;
    let bj = app.login("bj-admin").await;
    let gz = app.login("gz-staff").await;
    for text in ["新市民", "新市民社会工作服务中心", "52440106", "广州"] {
        let page = search(&bj, text).await;
        assert_eq!(page.status, 200, "{text}");
        assert!(!page.contains(GZ_ORG), "{text}");
        assert!(!page.contains("新就业形态劳动者驿站关爱服务"), "{text}");
    }
    let whole = search(&bj, GZ_CODE).await;
    assert_eq!(whole.status, 200, "another province's code opens nothing");
    assert!(whole.contains("没有找到"));
    let page = search(&gz, "朝阳区").await;
    assert!(!page.contains(BJ_ORG));
    assert!(search(&bj, "朝阳区").await.contains(BJ_ORG));
}

#[tokio::test]
async fn accounts_are_found_by_those_who_list_them() {
    let app = TestApp::spawn().await;
    let admin = search(&app.login("gd-admin").await, "gz-staff").await;
    assert!(
        admin.contains("<code>gz-staff</code>"),
        "an admin finds an account"
    );
    let admins = search(&app.login("gd-admin").await, "admin").await;
    assert!(admins.contains("<code>gd-admin</code>"));
    assert!(
        !admins.contains("<code>bj-admin</code>"),
        "in their scope only"
    );
    assert!(!admins.contains("<code>national-admin</code>"));
    let staff = search(&app.login("gz-staff").await, "gz-staff").await;
    assert!(
        !staff.contains("<code>gz-staff</code>"),
        "staff list no accounts"
    );
}

#[tokio::test]
async fn a_group_shows_five_hits_and_links_to_the_rest() {
    let app = TestApp::spawn().await;
    let th = app.union_id(Some("440106")).await;
    for n in 1..=7 {
        app.add_org(&format!("天河区星光志愿服务队{n}"), th).await;
    }
    let page = search(&app.login("gz-staff").await, "星光志愿").await;
    assert_eq!(page.body.matches("星光志愿服务队").count(), 5);
    assert!(page.contains("（7）"));
    assert!(page.contains("查看全部 7"));
    let list = app
        .login("gz-staff")
        .await
        .get("/orgs?q=%E6%98%9F%E5%85%89%E5%BF%97%E6%84%BF")
        .await;
    assert!(
        list.body.matches("星光志愿服务队").count() >= 7,
        "the link's list has them all"
    );
}

#[tokio::test]
async fn organizations_get_no_search_box_and_no_search() {
    let app = TestApp::spawn().await;
    let org = app.login("org-1").await;
    let home = org.get("/").await;
    assert_eq!(home.status, 200);
    assert!(!home.contains("action=\"/search\""));
    assert_eq!(search(&org, "新市民").await.status, 403);
    let staff = app.login("gz-staff").await;
    let home = staff.get("/").await;
    assert!(home.contains("action=\"/search\""), "cadres have the box");
    assert!(home.contains("<label for=\"topbar-q\""), "with a label");
    assert_eq!(
        search(&app.login("reviewer-1").await, "新市民")
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn an_empty_or_too_short_search_says_what_to_type() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let empty = staff.get("/search").await;
    assert_eq!(empty.status, 200);
    assert!(empty.contains("请输入要查找的名称或编号"));
    let blank = search(&staff, "   ").await;
    assert!(blank.contains("请输入要查找的名称或编号"));
    let short = search(&staff, "a").await;
    assert_eq!(short.status, 200);
    assert!(short.contains("太短"));
    assert!(short.contains("value=\"a\""), "the text stays in the box");
    let wildcard = search(&staff, "%%").await;
    assert_eq!(wildcard.status, 200);
    assert!(!wildcard.contains(GZ_ORG), "a typed % matches only itself");
}
