//! The statistics (`/stats`): the figures equal the records they count, the
//! children of a union add up to it, the drill-down goes from the nation to a
//! county and back within the reader's scope, periods end where they say,
//! the roll-ups follow changes once refreshed, and the workbook holds every
//! table.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use scraper::{Html, Selector};

use crate::common::{Client, TestApp};

/// The rows of the table in section `id`: (row label, values as shown),
/// the total row last when there is one.
fn table(body: &str, id: &str) -> Vec<(String, Vec<String>)> {
    let html = Html::parse_document(body);
    let rows = Selector::parse(&format!("section#{id} table tr")).expect("selector");
    let th = Selector::parse("th").expect("selector");
    let td = Selector::parse("td").expect("selector");
    html.select(&rows)
        .filter(|row| row.select(&td).next().is_some())
        .map(|row| {
            let label = row
                .select(&th)
                .next()
                .map(|c| c.text().collect::<String>().trim().to_owned())
                .unwrap_or_default();
            let values = row
                .select(&td)
                .map(|c| c.text().collect::<String>().trim().to_owned())
                .collect();
            (label, values)
        })
        .collect()
}

fn hrefs(body: &str) -> Vec<String> {
    let html = Html::parse_document(body);
    let a = Selector::parse("a[href]").expect("selector");
    html.select(&a)
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect()
}

fn number(shown: &str) -> i64 {
    shown.replace(',', "").parse().unwrap_or(0)
}

/// The value in column `col` of the row labelled `label` of section `id`.
fn value(body: &str, id: &str, label: &str, col: usize) -> i64 {
    let rows = table(body, id);
    let row = rows
        .iter()
        .find(|(l, _)| l == label)
        .unwrap_or_else(|| panic!("row {label} in {id}: {rows:?}"));
    number(&row.1[col])
}

/// The sum of column `col` over every row but the total, and the total
/// (nothing for a table the page shows as empty).
fn rows_and_total(body: &str, id: &str, col: usize) -> (i64, i64) {
    let rows = table(body, id);
    let Some((total, rows)) = rows.split_last() else {
        return (0, 0);
    };
    (
        rows.iter().map(|(_, v)| number(&v[col])).sum(),
        number(&total.1[col]),
    )
}

async fn scalar(app: &TestApp, sql: &str, path: &str) -> i64 {
    let mut conn = app.owner().await;
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .bind(path)
        .fetch_one(&mut conn)
        .await
        .expect("count")
}

async fn union_path(app: &TestApp, id: i64) -> String {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select path::text from unions where id = $1")
        .bind(id)
        .fetch_one(&mut conn)
        .await
        .expect("union path")
}

async fn refresh(admin: &Client) {
    admin.get("/stats").await;
    let refreshed = admin.post("/stats/refresh", &[]).await;
    assert_eq!(refreshed.status, 303, "{}", refreshed.body);
}

fn this_year() -> i32 {
    niudai::projects::year::this_year()
}

#[tokio::test]
async fn the_nation_drills_down_to_a_county_and_every_union_adds_up() {
    let app = TestApp::spawn().await;
    let national = app.login("national-admin").await;
    let page = national.get("/stats").await;
    assert_eq!(page.status, 200);
    assert!(!table(&page.body, "overview").is_empty(), "{}", page.body);
    let tiles = Html::parse_document(&page.body)
        .select(&Selector::parse(".map-tile").expect("selector"))
        .count();
    assert_eq!(tiles, 31, "a tile per province");
    for col in [0, 1, 3] {
        let (rows, total) = rows_and_total(&page.body, "overview", col);
        assert_eq!(rows, total, "column {col} of the national overview");
    }

    let guangdong = app.union_id(Some("440000")).await;
    let guangzhou = app.union_id(Some("440100")).await;
    let tianhe = app.union_id(Some("440106")).await;
    let year = this_year();
    assert!(
        page.body
            .contains(&format!("/stats/{guangdong}?year={year}"))
    );
    let province = national
        .get(&format!("/stats/{guangdong}?year={year}"))
        .await;
    assert_eq!(province.status, 200);
    assert!(
        province
            .body
            .contains(&format!("/stats/{guangzhou}?year={year}"))
    );
    let national_gd = value(&page.body, "overview", "广东省总工会", 0);
    let (gd_rows, gd_total) = rows_and_total(&province.body, "overview", 0);
    assert_eq!((gd_rows, gd_total), (national_gd, national_gd));

    let city = national
        .get(&format!("/stats/{guangzhou}?year={year}"))
        .await;
    assert_eq!(city.status, 200);
    let county = national.get(&format!("/stats/{tianhe}?year={year}")).await;
    assert_eq!(county.status, 200);
    for crumb in ["中华全国总工会", "广东省总工会", "广州市总工会"] {
        assert!(county.body.contains(crumb), "breadcrumb {crumb}");
    }
    assert_eq!(
        value(&city.body, "overview", "天河区总工会", 0),
        value(&county.body, "overview", "合计", 0)
    );
    for body in [&province.body, &city.body, &county.body] {
        for section in ["people", "union-building", "money", "services"] {
            let (rows, total) = rows_and_total(body, section, 0);
            assert_eq!(rows, total, "{section} adds up");
        }
    }
}

#[tokio::test]
async fn figures_equal_the_records_they_count_and_link_to_them() {
    let app = TestApp::spawn().await;
    let gd = app.login("gd-admin").await;
    let guangdong = app.union_id(Some("440000")).await;
    let path = union_path(&app, guangdong).await;
    let page = gd.get("/stats").await;
    assert_eq!(page.status, 200);
    let in_gd = "from organizations where union_path <@ $1::ltree";
    let orgs = scalar(&app, &format!("select count(*) {in_gd}"), &path).await;
    assert!(orgs > 0);
    assert_eq!(value(&page.body, "overview", "合计", 0), orgs);
    let foundations = scalar(
        &app,
        &format!("select count(*) {in_gd} and org_type = 'foundation'"),
        &path,
    )
    .await;
    assert_eq!(value(&page.body, "org-types", "基金会", 0), foundations);
    let four_a = scalar(
        &app,
        &format!(
            "select count(*) {in_gd} and rating_level = 4 and rating_valid_until >= current_date"
        ),
        &path,
    )
    .await;
    assert_eq!(value(&page.body, "ratings", "4A", 0), four_a);
    let staff = scalar(
        &app,
        &format!("select sum(fulltime_staff)::int8 {in_gd}"),
        &path,
    )
    .await;
    assert_eq!(value(&page.body, "people", "合计", 1), staff);
    let overdue = scalar(
        &app,
        &format!(
            "select count(*) {in_gd} and status = 'active' and next_contact_due < current_date"
        ),
        &path,
    )
    .await;
    assert_eq!(value(&page.body, "contacts", "合计", 2), overdue);
    let funded = scalar(
        &app,
        "select count(*) from projects where union_path <@ $1::ltree
            and status not in ('draft', 'pending_approval', 'cancelled')
            and extract(year from created_at at time zone 'Asia/Shanghai') = extract(year from now() at time zone 'Asia/Shanghai')",
        &path,
    )
    .await;
    assert_eq!(value(&page.body, "money", "合计", 0), funded);

    let links = hrefs(&page.body);
    if four_a > 0 {
        let link = format!("/orgs?union={guangdong}&rating=4");
        assert!(links.contains(&link), "4A links to its list");
        let list = gd.get(&format!("/orgs?union={guangdong}&rating=4")).await;
        assert_eq!(list.status, 200);
    }
    let year = this_year();
    let funded_list = format!("/projects?union={guangdong}&year={year}&stage=funded");
    assert!(
        links.contains(&funded_list),
        "funded projects link to the project list"
    );
}

#[tokio::test]
async fn the_rollups_follow_changes_and_moves_once_refreshed() {
    let app = TestApp::spawn().await;
    let gd = app.login("gd-admin").await;
    let guangzhou = app.union_id(Some("440100")).await;
    let shenzhen = app.union_id(Some("440300")).await;
    let before = gd.get("/stats").await;
    let gz_before = value(&before.body, "overview", "广州市总工会", 0);
    let sz_before = value(&before.body, "overview", "深圳市总工会", 0);

    let added = app.add_org("统计测试新市民服务社", guangzhou).await;
    let gone = app.add_org("统计测试将注销的服务社", guangzhou).await;
    let stale = gd.get("/stats").await;
    assert_eq!(
        value(&stale.body, "overview", "广州市总工会", 0),
        gz_before,
        "figures wait for the refresh"
    );
    refresh(&gd).await;
    let after_insert = gd.get("/stats").await;
    assert_eq!(
        value(&after_insert.body, "overview", "广州市总工会", 0),
        gz_before + 2
    );

    let mut conn = app.owner().await;
    sqlx::query("update organizations set union_id = $1 where id = $2")
        .bind(shenzhen)
        .bind(added)
        .execute(&mut conn)
        .await
        .expect("move the organization");
    sqlx::query("delete from organizations where id = $1")
        .bind(gone)
        .execute(&mut conn)
        .await
        .expect("delete the organization");
    refresh(&gd).await;
    let after = gd.get("/stats").await;
    assert_eq!(value(&after.body, "overview", "广州市总工会", 0), gz_before);
    assert_eq!(
        value(&after.body, "overview", "深圳市总工会", 0),
        sz_before + 1
    );
    let (rows, total) = rows_and_total(&after.body, "overview", 0);
    assert_eq!(rows, total);
}

#[tokio::test]
async fn a_period_ends_where_it_says() {
    let app = TestApp::spawn().await;
    let gd = app.login("gd-admin").await;
    let guangdong = app.union_id(Some("440000")).await;
    let year = this_year() - 1;
    let mut conn = app.owner().await;
    // Two drafts either side of midnight at the end of March, China time.
    for at in ["-03-31 23:30:00+08", "-04-01 00:30:00+08"] {
        sqlx::query(
            "insert into projects (union_id, code, title, domain, description, target_group,
                    budget_fen, union_funds_fen, eligible_types, apply_opens_on, apply_closes_on,
                    service_starts_on, service_ends_on, review_system_id, midterm_system_id,
                    performance_system_id, status, created_by, created_at)
             select $1, 'STATS-' || $3, title || $3, domain, description, target_group,
                    budget_fen, budget_fen, eligible_types, apply_opens_on, apply_closes_on,
                    service_starts_on, service_ends_on, review_system_id, midterm_system_id,
                    performance_system_id, 'draft', created_by, ($2 || $3)::timestamptz
               from projects limit 1",
        )
        .bind(guangdong)
        .bind(year.to_string())
        .bind(at)
        .execute(&mut conn)
        .await
        .expect("a draft project");
    }
    refresh(&gd).await;
    let drafts = |body: &str| value(body, "project-statuses", "草稿", 0);
    let q1 = gd.get(&format!("/stats?year={year}&quarter=1")).await;
    let q2 = gd.get(&format!("/stats?year={year}&quarter=2")).await;
    let march = gd.get(&format!("/stats?from={year}-03&to={year}-03")).await;
    let whole = gd.get(&format!("/stats?year={year}")).await;
    assert_eq!((drafts(&q1.body), drafts(&q2.body)), (1, 1));
    assert_eq!(drafts(&march.body), 1);
    assert_eq!(drafts(&whole.body), 2);
    assert!(q1.body.contains(&format!("{year}年第1季度")));
    for bad in [
        "/stats?year=1999",
        "/stats?quarter=5",
        "/stats?from=2026-05&to=2026-01",
    ] {
        assert_eq!(gd.get(bad).await.status, 400, "{bad}");
    }
}

#[tokio::test]
async fn the_figures_stay_in_the_readers_scope() {
    let app = TestApp::spawn().await;
    let guangdong = app.union_id(Some("440000")).await;
    let beijing = app.login("bj-admin").await;
    assert_eq!(
        beijing.get(&format!("/stats/{guangdong}")).await.status,
        404
    );
    assert_eq!(
        beijing
            .get(&format!("/stats/{guangdong}/export.xlsx"))
            .await
            .status,
        404
    );
    let bj_page = beijing.get("/stats").await;
    assert!(!bj_page.body.contains("广东省总工会"));
    let viewer = app.login("gd-viewer").await;
    let read = viewer.get(&format!("/stats/{guangdong}")).await;
    assert_eq!(read.status, 200);
    assert!(!read.body.contains("/stats/refresh"), "only admins update");
    viewer.get("/account").await;
    assert!(!viewer.csrf_token().is_empty(), "a form token to send");
    assert_eq!(viewer.post("/stats/refresh", &[]).await.status, 403);
    for outsider in ["org-1", "reviewer-1", "evaluator-1"] {
        let client = app.login(outsider).await;
        assert_eq!(client.get("/stats").await.status, 403, "{outsider}");
    }
}

#[tokio::test]
async fn the_years_workbook_holds_every_table_on_a_sheet() {
    let app = TestApp::spawn().await;
    let gd = app.login("gd-admin").await;
    let year = this_year();
    let (status, bytes) = gd
        .download(&format!("/stats/export.xlsx?year={year}"))
        .await;
    assert_eq!(status, 200);
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("an xlsx workbook");
    let names = workbook.sheet_names();
    assert_eq!(names.first().map(String::as_str), Some("按下级工会汇总"));
    assert_eq!(names.last().map(String::as_str), Some("导出说明"));
    assert!(names.len() > 15, "{names:?}");
    let overview = workbook
        .worksheet_range("按下级工会汇总")
        .expect("overview");
    let rows: Vec<Vec<Data>> = overview.rows().map(<[Data]>::to_vec).collect();
    let context = rows[1][0].to_string();
    assert!(context.contains("广东省总工会") && context.contains(&format!("{year}年")));
    assert_eq!(rows[3][0].to_string(), "工会");
    let total = rows.last().expect("a total row");
    assert_eq!(total[0].to_string(), "合计");
    assert!(
        matches!(total[1], Data::Float(_)),
        "counts are numbers: {total:?}"
    );
    let about = workbook.worksheet_range("导出说明").expect("about");
    let kind = about.rows().next().expect("a first line")[1].to_string();
    assert_eq!(kind, "年度工作报表");
}

/// The demo's four provinces of the seed read as the demo made them: figures
/// counted by hand from `seed::demo` (organizations, with a union, full-time
/// staff, funded projects and their budget in 万元) on the national dashboard.
#[tokio::test]
async fn the_demo_provinces_read_as_counted() {
    let app = TestApp::spawn().await;
    let national = app.login("national-admin").await;
    let page = national.get("/stats").await;
    assert!(
        page.body.contains("27 / 31"),
        "27 of the 31 provinces have a department for the work"
    );
    for (union, orgs, with_union, staff) in [
        ("北京市总工会", 49, 17, 519),
        ("广东省总工会", 85, 31, 835),
        ("四川省总工会", 50, 12, 447),
        ("陕西省总工会", 22, 7, 182),
    ] {
        assert_eq!(value(&page.body, "overview", union, 0), orgs, "{union}");
        assert_eq!(
            value(&page.body, "overview", union, 1),
            with_union,
            "{union}"
        );
        assert_eq!(value(&page.body, "people", union, 1), staff, "{union}");
    }
    let overview = table(&page.body, "overview");
    let budget = |union: &str| {
        overview
            .iter()
            .find(|(l, _)| l == union)
            .map(|(_, v)| v[5].clone())
            .unwrap_or_default()
    };
    assert_eq!(value(&page.body, "overview", "北京市总工会", 4), 3);
    assert_eq!(budget("北京市总工会"), "66.00");
    assert_eq!(value(&page.body, "overview", "广东省总工会", 4), 6);
    assert_eq!(budget("广东省总工会"), "144.00");

    // Over last year and this one, the projects and money are a twentieth of
    // the seed's: 北京 353 projects and 2,500万 → 18 and 125万; 广东 500+ →
    // 25; 四川 114 and 3,500万 → 6 and 175万.
    let year = this_year();
    let both = national
        .get(&format!("/stats?from={}-01&to={year}-12", year - 1))
        .await;
    assert_eq!(both.status, 200);
    let overview = table(&both.body, "overview");
    let budget = |union: &str| {
        overview
            .iter()
            .find(|(l, _)| l == union)
            .map(|(_, v)| v[5].clone())
            .unwrap_or_default()
    };
    for (union, funded, money) in [
        ("北京市总工会", 18, "125.00"),
        ("广东省总工会", 25, "277.00"),
        ("四川省总工会", 6, "175.00"),
        ("陕西省总工会", 2, "30.00"),
    ] {
        assert_eq!(value(&both.body, "overview", union, 4), funded, "{union}");
        assert_eq!(budget(union), money, "{union}");
    }
    assert!(
        value(&both.body, "grades", "良好", 0) > 0,
        "last year's closings graded"
    );
}

/// A dashboard narrowed by the registry list's filters counts exactly the
/// records the list finds with the same filters, adds up by child union,
/// keeps its filters down the drill-down and into every link, shows the
/// registry's tables alone, and stays in the reader's scope.
#[tokio::test]
async fn a_narrowed_dashboard_counts_what_the_registry_list_finds() {
    let app = TestApp::spawn().await;
    let gd = app.login("gd-admin").await;
    let guangdong = app.union_id(Some("440000")).await;
    let guangzhou = app.union_id(Some("440100")).await;
    let path = union_path(&app, guangdong).await;
    let year = this_year();
    let in_gd = "from organizations where union_path <@ $1::ltree";

    let page = gd.get("/stats?org_type=social_group").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("已按社会组织的条件筛选"),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("id=\"money\""),
        "projects are not narrowed"
    );
    let groups = scalar(
        &app,
        &format!("select count(*) {in_gd} and org_type = 'social_group'"),
        &path,
    )
    .await;
    assert!(groups > 0);
    let (rows, total) = rows_and_total(&page.body, "overview", 0);
    assert_eq!((rows, total), (groups, groups), "children add up");
    assert_eq!(value(&page.body, "org-types", "基金会", 0), 0);

    // The total links into the registry list, which finds as many.
    let list_href = format!("/orgs?union={guangdong}&org_type=social_group");
    assert!(hrefs(&page.body).contains(&list_href), "{list_href}");
    let list = gd.get(&list_href).await;
    assert!(
        list.body.contains(&format!("共 {groups} 条")),
        "{}",
        list.body
    );

    // Two filters: a breakdown's row replaces its own filter, keeps the other.
    let narrowed = gd
        .get(&format!(
            "/stats?year={year}&org_type=social_group&status=active"
        ))
        .await;
    let active_groups = scalar(
        &app,
        &format!("select count(*) {in_gd} and org_type = 'social_group' and status = 'active'"),
        &path,
    )
    .await;
    assert_eq!(value(&narrowed.body, "overview", "合计", 0), active_groups);
    let unrated = scalar(
        &app,
        &format!(
            "select count(*) {in_gd} and org_type = 'social_group' and status = 'active' \
             and rating_level is null"
        ),
        &path,
    )
    .await;
    assert_eq!(value(&narrowed.body, "ratings", "未评估", 0), unrated);
    if unrated > 0 {
        let rated_href =
            format!("/orgs?union={guangdong}&org_type=social_group&status=active&rating=none");
        assert!(hrefs(&narrowed.body).contains(&rated_href), "{rated_href}");
    }
    let down = format!("/stats/{guangzhou}?year={year}&org_type=social_group&status=active");
    assert!(hrefs(&narrowed.body).contains(&down), "{down}");

    let (status, bytes) = gd
        .download(&format!(
            "/stats/export.xlsx?year={year}&org_type=social_group"
        ))
        .await;
    assert_eq!(status, 200);
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("an xlsx workbook");
    let overview = workbook
        .worksheet_range("按下级工会汇总")
        .expect("overview");
    let head: Vec<String> = overview.rows().take(3).map(|r| r[0].to_string()).collect();
    assert!(head.concat().contains("类型：社会团体"), "{head:?}");

    assert_eq!(gd.get("/stats?org_type=bank").await.status, 400);
    assert_eq!(gd.get("/stats?rating=6").await.status, 400);
    let beijing = app.union_id(Some("110000")).await;
    assert_eq!(
        gd.get(&format!("/stats/{beijing}?org_type=social_group"))
            .await
            .status,
        404
    );
}

/// The service sites' figures equal the sites, by kind, and follow a new
/// site once refreshed; each links to the site list.
#[tokio::test]
async fn the_service_sites_are_counted_by_kind_and_link_to_their_list() {
    let app = TestApp::spawn().await;
    let sichuan = app.union_id(Some("510000")).await;
    let path = union_path(&app, sichuan).await;
    let cadre = app.login("sc-staff").await;
    let page = cadre.get("/stats").await;
    assert_eq!(page.status, 200);
    let in_sc = "from service_sites where union_path <@ $1::ltree";
    let sites = scalar(&app, &format!("select count(*) {in_sc}"), &path).await;
    assert!(sites > 10, "{sites}");
    assert_eq!(value(&page.body, "sites", "合计", 0), sites);
    let homes = scalar(
        &app,
        &format!("select count(*) {in_sc} and kind = 'home_15min'"),
        &path,
    )
    .await;
    assert_eq!(value(&page.body, "site-kinds", "15分钟之家", 0), homes);
    assert_eq!(value(&page.body, "sites", "合计", 4), homes);
    let (rows, total) = rows_and_total(&page.body, "sites", 0);
    assert_eq!(rows, total, "the unions add up");
    let links = hrefs(&page.body);
    let list = format!("/sites?union={sichuan}&kind=home_15min");
    assert!(links.contains(&list), "{links:?}");
    assert_eq!(cadre.get(&list).await.status, 200);

    // A new site counts once the figures are refreshed.
    let yaan = app.union_id(Some("511800")).await;
    cadre.get("/sites/new").await;
    let page = cadre
        .post(
            "/sites",
            &[
                ("union_id", &yaan.to_string()),
                ("kind", "home_15min"),
                ("name", "名山区 15分钟职工之家"),
                ("address", "雅安市名山区蒙阳镇"),
                ("division_code", "511803"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    refresh(&app.login("national-admin").await).await;
    let page = cadre.get("/stats").await;
    assert_eq!(value(&page.body, "sites", "合计", 0), sites + 1);
    assert_eq!(value(&page.body, "site-kinds", "15分钟之家", 0), homes + 1);
}
