//! The home page's scope box (管辖范围): the organizations in the reader's
//! scope, counted as the registry list counts them and cached with it.

use scraper::{Html, Selector};

use crate::common::TestApp;

/// The organizations the scope box shows.
fn organizations_shown(body: &str) -> String {
    let html = Html::parse_document(body);
    let selector = Selector::parse(".stat-orgs dd").expect("selector");
    html.select(&selector)
        .map(|dd| dd.text().collect::<String>().trim().to_owned())
        .next()
        .unwrap_or_default()
}

#[tokio::test]
async fn the_scope_box_counts_the_organizations_in_scope_not_their_accounts() {
    let app = TestApp::spawn().await;
    let in_guangdong = async || -> i64 {
        let mut conn = app.owner().await;
        sqlx::query_scalar(
            "select count(*) from organizations
              where union_path <@ (select path from unions where division_code = '440000')",
        )
        .fetch_one(&mut conn)
        .await
        .expect("count")
    };
    let before = in_guangdong().await;
    assert!(before > 1, "the demo's 广东 holds many organizations");
    let admin = app.login("gd-admin").await;
    let home = admin.get("/").await;
    assert_eq!(organizations_shown(&home.body), before.to_string());
    // The one organization account of the scope is named as an account.
    assert!(home.contains("社会组织账号"), "{}", home.body);
    // The registry list counts the same.
    assert!(
        admin
            .get("/orgs")
            .await
            .contains(&format!("共 {before} 条"))
    );

    // A new organization shows on the next read.
    app.add_org(
        "海珠区新业态劳动者服务中心",
        app.union_id(Some("440100")).await,
    )
    .await;
    let home = admin.get("/").await;
    assert_eq!(organizations_shown(&home.body), (before + 1).to_string());

    // Reviewers have no scope: no box.
    let reviewer = app.login("reviewer-1").await.get("/").await;
    assert!(!reviewer.contains("stat-orgs"));
}
