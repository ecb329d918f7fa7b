//! Expert review: assignment (never to a linked reviewer), the conflict
//! declaration before the proposal, score sheets and their rules, reopening,
//! the trimmed mean from five reviews and what a mean rests on, the export that
//! matches the page, a table that fits a laptop, read-only sheets as text.

use scraper::{ElementRef, Html, Selector};
use uuid::Uuid;

use crate::common::{Client, TestApp};

const PROJECT: &str = "电子厂女职工权益维护服务";

async fn project_id(app: &TestApp) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from projects where title = $1")
        .bind(PROJECT)
        .fetch_one(&mut conn)
        .await
        .expect("the demo's call under review")
}

/// The project's applications, by organization name.
async fn applications(app: &TestApp, project: Uuid) -> Vec<(Uuid, String)> {
    let mut conn = app.owner().await;
    sqlx::query_as(
        "select a.id, o.name from applications a join organizations o on o.id = a.org_id
          where a.project_id = $1 order by o.name",
    )
    .bind(project)
    .fetch_all(&mut conn)
    .await
    .expect("applications")
}

pub async fn assign(staff: &Client, project: Uuid, application: Uuid, reviewer: Uuid) -> u16 {
    staff.get(&format!("/projects/{project}/reviews")).await;
    staff
        .post(
            &format!("/projects/{project}/reviews/assign"),
            &[
                ("application_id", &application.to_string()),
                ("reviewer_id", &reviewer.to_string()),
            ],
        )
        .await
        .status
}

pub async fn assignment_of(app: &TestApp, application: Uuid, reviewer: Uuid) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar(
        "select id from review_assignments where application_id = $1 and reviewer_id = $2",
    )
    .bind(application)
    .bind(reviewer)
    .fetch_one(&mut conn)
    .await
    .expect("assignment")
}

/// The leaves of the project's approval-review system: (id, weight).
pub async fn leaves(app: &TestApp, project: Uuid) -> Vec<(Uuid, i16)> {
    let mut conn = app.owner().await;
    sqlx::query_as(
        "select i.id, i.weight from indicators i join projects p on p.review_system_id = i.system_id
          where p.id = $1 and not exists (select 1 from indicators c where c.parent_id = i.id)
          order by string_to_array(i.code, '.')::int[]",
    )
    .bind(project)
    .fetch_all(&mut conn)
    .await
    .expect("leaves")
}

/// Posts a score sheet giving every leaf `percent` % of its weight.
pub async fn score_all(
    client: &Client,
    assignment: Uuid,
    leaves: &[(Uuid, i16)],
    percent: i32,
    action: &str,
) -> crate::common::Page {
    client.get(&format!("/reviews/{assignment}")).await;
    let ids: Vec<String> = leaves.iter().map(|(id, _)| id.to_string()).collect();
    let scores: Vec<String> = leaves
        .iter()
        .map(|(_, w)| {
            let tenths = i32::from(*w) * percent / 10;
            format!("{}.{}", tenths / 10, tenths % 10)
        })
        .collect();
    let mut fields: Vec<(&str, &str)> = Vec::new();
    for i in 0..leaves.len() {
        fields.push(("indicator", &ids[i]));
        fields.push(("score", &scores[i]));
        fields.push(("comment", ""));
    }
    fields.push(("action", action));
    client
        .post(&format!("/reviews/{assignment}/scores"), &fields)
        .await
}

pub async fn declare(client: &Client, assignment: Uuid, declaration: &str, note: &str) -> u16 {
    client.get(&format!("/reviews/{assignment}")).await;
    client
        .post(
            &format!("/reviews/{assignment}/declare"),
            &[("declaration", declaration), ("note", note)],
        )
        .await
        .status
}

#[tokio::test]
async fn reviewers_declare_before_reading_score_by_the_rules_and_links_block_assignment() {
    let app = TestApp::spawn().await;
    let project = project_id(&app).await;
    let apps = applications(&app, project).await;
    assert_eq!(apps.len(), 3);
    // The demo's reviewers already review the first application.
    let (first, _) = apps[1].clone();
    let (second, _) = apps[2].clone();
    let staff = app.login("sz-staff").await;
    let r1 = app.user_id("reviewer-1").await;
    let r2 = app.user_id("reviewer-2").await;
    let r3 = app.user_id("reviewer-3").await;
    for reviewer in [r1, r2, r3] {
        assert_eq!(assign(&staff, project, first, reviewer).await, 303);
    }
    assert_eq!(
        assign(&staff, project, first, r1).await,
        422,
        "once per application"
    );

    // A known link keeps reviewer 3 from the second applicant.
    staff.get(&format!("/projects/{project}/reviews")).await;
    let linked = staff
        .post(
            &format!("/projects/{project}/reviews/links"),
            &[
                ("application_id", &second.to_string()),
                ("reviewer_id", &r3.to_string()),
                ("relation", "曾任该组织理事"),
            ],
        )
        .await;
    assert_eq!(linked.status, 303);
    staff.get(&format!("/projects/{project}/reviews")).await;
    let refused = staff
        .post(
            &format!("/projects/{project}/reviews/assign"),
            &[
                ("application_id", &second.to_string()),
                ("reviewer_id", &r3.to_string()),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("有关联关系"), "{}", refused.body);

    // Before declaring, reviewer 1 sees the applicant's name, not the proposal.
    let reviewer = app.login("reviewer-1").await;
    let a1 = assignment_of(&app, first, r1).await;
    assert!(reviewer.get("/reviews").await.contains(PROJECT));
    let before = reviewer.get(&format!("/reviews/{a1}")).await;
    assert!(before.contains("利益冲突声明"));
    assert!(
        !before.contains("开展驻点服务"),
        "no proposal before the declaration"
    );
    let direct = reviewer.get(&format!("/applications/{first}")).await.status;
    assert!(matches!(direct, 403 | 404));
    assert_eq!(declare(&reviewer, a1, "none", "").await, 303);
    assert!(
        reviewer
            .get(&format!("/reviews/{a1}"))
            .await
            .contains("开展驻点服务")
    );

    let leaves = leaves(&app, project).await;
    let over = score_all(&reviewer, a1, &leaves, 110, "save").await;
    assert_eq!(over.status, 422);
    assert!(over.contains("得分应在 0 到"), "{}", over.body);
    let low = score_all(&reviewer, a1, &leaves, 50, "submit").await;
    assert_eq!(low.status, 422);
    assert!(low.contains("请写明评语"));
    assert_eq!(
        score_all(&reviewer, a1, &leaves, 80, "submit").await.status,
        303
    );
    assert!(
        reviewer
            .get(&format!("/reviews/{a1}"))
            .await
            .contains("总分 80.0")
    );
    assert_eq!(
        score_all(&reviewer, a1, &leaves, 90, "save")
            .await
            .location(),
        format!("/reviews/{a1}"),
        "a submitted review is final"
    );

    // Reviewer 2 declares a conflict: the assignment is withdrawn, staff see
    // why, and the link stands for later assignments.
    let second_reviewer = app.login("reviewer-2").await;
    let a2 = assignment_of(&app, first, r2).await;
    assert_eq!(declare(&second_reviewer, a2, "conflict", "").await, 422);
    assert_eq!(
        declare(&second_reviewer, a2, "conflict", "配偶在该组织任职").await,
        303
    );
    let page = staff.get(&format!("/projects/{project}/reviews")).await;
    assert!(page.contains("配偶在该组织任职"));
    let mut conn = app.owner().await;
    let links: i64 =
        sqlx::query_scalar("select count(*) from reviewer_links where reviewer_id = $1")
            .bind(r2)
            .fetch_one(&mut conn)
            .await
            .expect("links");
    assert_eq!(links, 1);

    // Staff reopen reviewer 1's review; the reviewer scores again.
    staff.get(&format!("/projects/{project}/reviews")).await;
    assert_eq!(
        staff
            .post(&format!("/reviews/{a1}/reopen"), &[])
            .await
            .status,
        303
    );
    assert_eq!(
        score_all(&reviewer, a1, &leaves, 90, "submit").await.status,
        303
    );

    // Outsiders: another reviewer's sheet, the organization, another city.
    let third = app.login("reviewer-3").await;
    assert!(matches!(
        third.get(&format!("/reviews/{a1}")).await.status,
        403 | 404
    ));
    let org = app.login("org-1").await;
    assert_eq!(
        org.get(&format!("/projects/{project}/reviews"))
            .await
            .status,
        403
    );
    let other_city = app.login("gz-staff").await;
    assert_eq!(
        other_city
            .get(&format!("/projects/{project}/reviews"))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn five_reviews_give_a_trimmed_mean_and_the_export_matches_the_page() {
    let app = TestApp::spawn().await;
    let project = project_id(&app).await;
    let (first, _) = applications(&app, project).await[1].clone();
    let gd = app.union_id(Some("440000")).await;
    app.add_user("reviewer-4", "reviewer", gd).await;
    app.add_user("reviewer-5", "reviewer", gd).await;
    let staff = app.login("sz-staff").await;
    let leaves = leaves(&app, project).await;
    for (name, percent) in [
        ("reviewer-1", 60),
        ("reviewer-2", 70),
        ("reviewer-3", 70),
        ("reviewer-4", 80),
        ("reviewer-5", 100),
    ] {
        let id = app.user_id(name).await;
        assert_eq!(assign(&staff, project, first, id).await, 303);
        let reviewer = app.login(name).await;
        let assignment = assignment_of(&app, first, id).await;
        assert_eq!(declare(&reviewer, assignment, "none", "").await, 303);
        assert_eq!(
            score_all(&reviewer, assignment, &leaves, percent, "submit")
                .await
                .status,
            303
        );
    }
    let page = staff.get(&format!("/projects/{project}/reviews")).await;
    // 60, 70, 70, 80, 100 without 60 and 100: (70 + 70 + 80) / 3.
    assert!(
        page.contains("去掉最高最低分后的平均分 73.33"),
        "{}",
        page.body
    );

    let (status, _, bytes) = staff
        .download_file(&format!("/projects/{project}/reviews.xlsx"))
        .await;
    assert_eq!(status, 200);
    let exported = read_xlsx(bytes);
    let shown = table_on_page(&page.body);
    assert_eq!(exported.len(), shown.len());
    for (exported_row, shown_row) in exported.iter().zip(&shown) {
        assert_eq!(
            exported_row.len(),
            shown_row.len(),
            "{exported_row:?} / {shown_row:?}"
        );
        for (cell, text) in exported_row.iter().zip(shown_row) {
            match cell {
                calamine::Data::Float(x) => assert!(
                    text.parse::<f64>()
                        .is_ok_and(|shown| (shown - x).abs() < 1e-9),
                    "a score typed as a number: {x} shown as {text}"
                ),
                other => assert_eq!(&other.to_string(), text, "the export holds the cells shown"),
            }
        }
    }
    assert!(
        exported[1..]
            .iter()
            .all(|row| matches!(row.last(), Some(calamine::Data::Float(_)))),
        "totals and means are numbers"
    );
    assert_eq!(
        exported.len(),
        1 + (1 + 1) + (5 + 1),
        "header; the demo's one review and its mean; these five and their mean"
    );
}

fn read_xlsx(bytes: Vec<u8>) -> Vec<Vec<calamine::Data>> {
    use calamine::{Reader, Xlsx};
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
    let range = workbook
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

/// The cells of the page's score table (header and rows) as the export
/// should hold them: an abbreviated header cell by its full title.
fn table_on_page(body: &str) -> Vec<Vec<String>> {
    let document = Html::parse_document(body);
    let mut rows = Vec::new();
    for row in document.select(&selector(".score-table tr")) {
        let cells = row
            .select(&selector("th, td"))
            .map(|cell| match cell.select(&selector("abbr[title]")).next() {
                Some(abbr) => abbr.value().attr("title").unwrap_or_default().to_owned(),
                None => text_of(cell),
            })
            .collect();
        rows.push(cells);
    }
    rows
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a selector")
}

fn text_of(element: ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_owned()
}

/// The assignment of `reviewer` in `status` on the demo's project.
async fn demo_assignment(app: &TestApp, reviewer: &str, status: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar(
        "select a.id from review_assignments a join users u on u.id = a.reviewer_id
          where u.username = $1 and a.status = $2",
    )
    .bind(reviewer)
    .bind(status)
    .fetch_one(&mut conn)
    .await
    .expect("the demo's assignment")
}

#[tokio::test]
async fn the_mean_says_alike_in_badge_table_and_award_list_how_many_reviews_it_rests_on() {
    let app = TestApp::spawn().await;
    let project = project_id(&app).await;
    let staff = app.login("sz-staff").await;
    let page = staff.get(&format!("/projects/{project}/reviews")).await;
    let document = Html::parse_document(&page.body);

    // The demo's first applicant has one review of the three assigned in.
    let badges: Vec<String> = document
        .select(&selector("section.card h2 .tag"))
        .map(text_of)
        .filter(|t| t.starts_with("平均分"))
        .collect();
    assert_eq!(badges.len(), 1, "one application has a mean: {badges:?}");
    let badge = &badges[0];
    assert!(badge.ends_with("（3 份评审中的 1 份）"), "{badge}");
    let mean = badge
        .trim_start_matches("平均分 ")
        .trim_end_matches("（3 份评审中的 1 份）");

    let table = table_on_page(&page.body);
    let mean_rows: Vec<&Vec<String>> = table
        .iter()
        .filter(|row| row.get(1).is_some_and(|c| c.starts_with("平均分")))
        .collect();
    assert_eq!(mean_rows.len(), 1, "the table has the one mean too");
    assert_eq!(mean_rows[0][1], "平均分（3 份评审中的 1 份）");
    assert_eq!(mean_rows[0].last().map(String::as_str), Some(mean));

    let award = document
        .select(&selector("#award-title ~ form label.checkbox"))
        .map(text_of)
        .find(|t| t.contains("平均分"))
        .expect("the award list names the mean");
    assert!(
        award.contains(&format!("平均分 {mean}（3 份评审中的 1 份）")),
        "{award}"
    );
}

#[tokio::test]
async fn the_score_table_heads_indicators_by_code_with_the_full_name_in_title_and_legend() {
    let app = TestApp::spawn().await;
    let project = project_id(&app).await;
    let leaves = leaves(&app, project).await;
    let staff = app.login("sz-staff").await;
    let page = staff.get(&format!("/projects/{project}/reviews")).await;
    let document = Html::parse_document(&page.body);

    // Fourteen indicators fit a laptop when each column is headed by its code:
    // no header cell shows more than a few characters.
    let headers: Vec<String> = document
        .select(&selector(".score-table thead th"))
        .map(text_of)
        .collect();
    assert_eq!(headers.len(), 2 + leaves.len() + 1);
    for header in &headers {
        assert!(header.chars().count() <= 5, "a wide header cell: {header}");
    }
    let titles: Vec<&str> = document
        .select(&selector(".score-table thead abbr[title]"))
        .filter_map(|abbr| abbr.value().attr("title"))
        .collect();
    assert_eq!(titles.len(), leaves.len());
    assert!(titles.contains(&"1.1 需求调研充分性（8）"), "{titles:?}");
    let legend: Vec<String> = document
        .select(&selector(".score-legend li"))
        .map(text_of)
        .collect();
    assert_eq!(legend, titles, "the legend names every indicator");

    // On a phone the table scrolls inside its own box, which a keyboard reaches.
    let wrap = document
        .select(&selector(".table-wrap.score-table-wrap"))
        .next()
        .expect("the score table's own scrolling box");
    assert_eq!(wrap.value().attr("tabindex"), Some("0"));
    assert!(wrap.select(&selector("table.score-table")).next().is_some());
}

#[tokio::test]
async fn a_submitted_score_sheet_shows_its_scores_as_text_not_as_boxes() {
    let app = TestApp::spawn().await;
    let submitted = demo_assignment(&app, "reviewer-1", "submitted").await;
    let reviewer = app.login("reviewer-1").await;
    let page = reviewer.get(&format!("/reviews/{submitted}")).await;
    assert_eq!(page.status, 200);
    let document = Html::parse_document(&page.body);
    let sheet = document
        .select(&selector("main table.editor"))
        .next()
        .expect("the sheet");
    assert!(
        sheet.select(&selector("input, textarea")).next().is_none(),
        "no boxes on a submitted sheet"
    );
    assert!(!page.contains("readonly"));
    let mut conn = app.owner().await;
    let first: i32 = sqlx::query_scalar(
        "select s.score_tenths from review_scores s join indicators i on i.id = s.indicator_id
          where s.assignment_id = $1 order by string_to_array(i.code, '.')::int[] limit 1",
    )
    .bind(submitted)
    .fetch_one(&mut conn)
    .await
    .expect("a kept score");
    let shown = sheet
        .select(&selector("tbody tr td.sheet-value"))
        .next()
        .map(text_of);
    assert_eq!(
        shown,
        Some(format!("{}.{}", first / 10, first % 10)),
        "the first indicator's score, as text"
    );

    // A sheet still being scored keeps its boxes.
    let scoring = demo_assignment(&app, "reviewer-2", "scoring").await;
    let second = app.login("reviewer-2").await;
    let open = second.get(&format!("/reviews/{scoring}")).await;
    assert!(open.contains("name=\"score\"") && open.contains("name=\"comment\""));
}
