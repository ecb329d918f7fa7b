//! The union money page (`/finance`): a year's funded projects by child union
//! in division order, the unions without any collapsed, 万元 named once, a
//! server-drawn chart, counts that agree with the project list they link to,
//! and the drill-down into a child union kept to the reader's scope.

use scraper::{Html, Selector};
use uuid::Uuid;

use crate::common::{Client, TestApp};

/// The name of the union with this division code.
async fn union_name(app: &TestApp, code: &str) -> String {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select name from unions where division_code = $1")
        .bind(code)
        .fetch_one(&mut conn)
        .await
        .expect("union")
}

/// A copy of the demo project `title`, open for applications, bought by the
/// union with division code `union_code`.
async fn copy_project(app: &TestApp, title: &str, union_code: &str, code: &str) -> Uuid {
    let union_id = app.union_id(Some(union_code)).await;
    let mut conn = app.owner().await;
    sqlx::query_scalar(
        "insert into projects (union_id, code, title, domain, description, target_group,
                budget_fen, union_funds_fen, eligible_types, apply_opens_on, apply_closes_on,
                service_starts_on, service_ends_on, review_system_id, midterm_system_id,
                performance_system_id, status, created_by)
         select $2, $3, title || '（' || $3 || '）', domain, description, target_group,
                budget_fen, budget_fen, eligible_types, apply_opens_on, apply_closes_on,
                service_starts_on, service_ends_on, review_system_id, midterm_system_id,
                performance_system_id, 'open', created_by
           from projects where title = $1
         returning id",
    )
    .bind(title)
    .bind(union_id)
    .bind(code)
    .fetch_one(&mut conn)
    .await
    .expect("copy a project")
}

fn this_year() -> i32 {
    niudai::projects::year::this_year()
}

/// The targets of the links `css` selects.
fn hrefs(body: &str, css: &str) -> Vec<String> {
    let html = Html::parse_document(body);
    let selector = Selector::parse(css).expect("selector");
    html.select(&selector)
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect()
}

fn select(html: &Html, css: &str) -> Vec<String> {
    let selector = Selector::parse(css).expect("selector");
    html.select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

/// The links of the table's project counts: (href, count as shown).
fn count_links(body: &str) -> Vec<(String, String)> {
    let html = Html::parse_document(body);
    let selector = Selector::parse(".fin-table a[href^='/projects?']").expect("selector");
    html.select(&selector)
        .map(|a| {
            (
                a.value().attr("href").unwrap_or_default().to_owned(),
                a.text().collect(),
            )
        })
        .collect()
}

/// Every count of the page equals the count of the list it links to.
async fn counts_agree_with_the_list(client: &Client, page: &str) -> usize {
    let links = count_links(page);
    for (href, shown) in &links {
        let list = client.get(href).await;
        assert_eq!(list.status, 200, "{href}");
        assert!(
            list.contains(&format!("共 {shown} 条")),
            "{href} counts {shown}: {}",
            list.body
        );
    }
    links.len()
}

#[tokio::test]
async fn national_money_goes_by_division_code_and_collapses_the_unions_without_projects() {
    let app = TestApp::spawn().await;
    // 河北 (130000) comes after 北京 (110000) and before 广东 (440000) by code,
    // but last of the three by the code points of their names.
    copy_project(
        &app,
        "快递外卖从业人员法律援助服务",
        "130000",
        "2099-HE-0001",
    )
    .await;
    let (beijing, hebei, guangdong, tianjin, shanghai) = (
        union_name(&app, "110000").await,
        union_name(&app, "130000").await,
        union_name(&app, "440000").await,
        union_name(&app, "120000").await,
        union_name(&app, "310000").await,
    );
    let national = app.login("national-admin").await;
    let page = national.get("/finance").await;
    assert_eq!(page.status, 200);
    let html = Html::parse_document(&page.body);
    let rows = select(&html, ".fin-table tbody th");
    assert_eq!(
        rows,
        vec![beijing.clone(), hebei.clone(), guangdong.clone()],
        "only the provinces with funded projects, in division order"
    );
    // The others are named once, in one line, in the same order.
    let idle = select(&html, ".fin-idle p").concat();
    let at = |name: &str| {
        idle.find(name)
            .unwrap_or_else(|| panic!("{name} in {idle}"))
    };
    assert!(at(&tianjin) < at(&shanghai), "{idle}");
    assert!(!idle.contains(&beijing) && !idle.contains(&guangdong));
    // The unit once per column header, never in a cell; nothing is "—".
    let cells = select(&html, ".fin-table td");
    assert!(
        cells.iter().all(|c| c != "0.00" && !c.contains("万元")),
        "{cells:?}"
    );
    assert!(cells.iter().any(|c| c == "—"), "{cells:?}");
    assert_eq!(select(&html, ".fin-table thead th .muted").len(), 5);
    // A bar per row, drawn on the server with its figures as text.
    assert_eq!(select(&html, ".fin-chart li svg.fin-bar").len(), 3);
    assert!(
        select(&html, ".fin-chart li")
            .concat()
            .contains("预算 35.00")
    );
}

#[tokio::test]
async fn the_counts_are_those_of_the_project_list_they_link_to() {
    let app = TestApp::spawn().await;
    let national = app.login("national-admin").await;
    let page = national.get("/finance").await;
    assert!(counts_agree_with_the_list(&national, &page.body).await >= 3);
    // 广东's own row (bought by the province itself) and its cities'.
    copy_project(
        &app,
        "新就业形态劳动者驿站关爱服务",
        "440000",
        "2099-GD-0001",
    )
    .await;
    let admin = app.login("gd-admin").await;
    let page = admin.get("/finance").await;
    let links = count_links(&page.body);
    assert!(links.iter().any(|(href, _)| href.ends_with("&own=1")));
    assert_eq!(
        counts_agree_with_the_list(&admin, &page.body).await,
        links.len()
    );
    // Drafts, projects waiting for approval and cancelled ones are not money
    // yet: 广州 has five funded projects of its seven.
    let gz = app.union_id(Some("440100")).await;
    let year = this_year();
    let list = admin
        .get(&format!("/projects?union={gz}&year={year}&stage=funded"))
        .await;
    assert!(list.contains("共 5 条"), "{}", list.body);
    let all = admin
        .get(&format!("/projects?union={gz}&year={year}"))
        .await;
    assert!(all.contains("共 7 条"), "{}", all.body);
}

#[tokio::test]
async fn a_year_shows_the_projects_drafted_in_it() {
    let app = TestApp::spawn().await;
    let last_year = this_year() - 1;
    {
        let mut conn = app.owner().await;
        sqlx::query(
            "update projects set created_at = created_at - interval '1 year'
              where title = '快递外卖从业人员法律援助服务'",
        )
        .execute(&mut conn)
        .await
        .expect("a project of last year");
    }
    let national = app.login("national-admin").await;
    let beijing = union_name(&app, "110000").await;
    let now = national.get("/finance").await;
    let row_of = |body: &str| {
        let html = Html::parse_document(body);
        select(&html, ".fin-table tbody tr")
            .into_iter()
            .find(|row| row.starts_with(&beijing))
            .unwrap_or_default()
    };
    // 北京 this year: the awarded project (16 万) and the one in delivery (15 万).
    assert!(row_of(&now.body).contains("31.00"), "{}", row_of(&now.body));
    let before = national.get(&format!("/finance?year={last_year}")).await;
    assert_eq!(before.status, 200);
    assert!(before.contains(&format!("<option value=\"{last_year}\" selected>")));
    // 北京 last year: the demo's closed projects (59 万) and this one (35 万).
    let row = row_of(&before.body);
    assert!(row.contains("94.00") && !row.contains("31.00"), "{row}");
    assert_eq!(
        counts_agree_with_the_list(&national, &before.body).await,
        5,
        "北京's, 广东's, 四川's and 陕西's rows and the total"
    );
    let none = national.get("/finance?year=2001").await;
    assert!(none.contains("2001 年度还没有已立项的项目"));
    assert_eq!(national.get("/finance?year=1999").await.status, 400);
    assert_eq!(national.get("/finance?year=soon").await.status, 400);
}

#[tokio::test]
async fn a_child_union_drills_down_within_the_readers_scope() {
    let app = TestApp::spawn().await;
    let gd = app.union_id(Some("440000")).await;
    let bj = app.union_id(Some("110000")).await;
    let year = this_year();
    let national = app.login("national-admin").await;
    let page = national.get("/finance").await;
    let drill = format!("/finance?union={gd}&year={year}");
    assert!(hrefs(&page.body, ".fin-table tbody th a").contains(&drill));
    let province = national.get(&drill).await;
    let html = Html::parse_document(&province.body);
    let rows = select(&html, ".fin-table tbody th");
    assert_eq!(
        rows,
        vec![
            union_name(&app, "440100").await,
            union_name(&app, "440300").await
        ]
    );
    // The way back up, and the same counts as the province's own admin sees.
    let national_id = app.union_id(None).await;
    assert_eq!(
        hrefs(&province.body, ".fin-trail a"),
        vec![format!("/finance?union={national_id}&year={year}")]
    );
    let admin = app.login("gd-admin").await;
    let own = admin.get("/finance").await;
    assert_eq!(count_links(&own.body), count_links(&province.body));
    assert_eq!(admin.get(&format!("/finance?union={bj}")).await.status, 404);
    let city = app.login("gz-staff").await;
    assert_eq!(city.get(&format!("/finance?union={gd}")).await.status, 404);
    assert_eq!(city.get("/finance?union=x").await.status, 400);
}
