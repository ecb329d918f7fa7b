//! A day's task of each kind of user, from signing in to signing out, at an
//! office screen's width and at a phone's. Each test has its own database
//! cloned from the demo data, so the journeys can write freely.

use fantoccini::Locator;
use fantoccini::elements::Element;
use uuid::Uuid;

use super::driver::Viewport;
use super::session::Browser;
use crate::common::TestApp;

/// The provincial admin opens the project waiting for their approval from
/// the home page's tasks and approves it.
async fn provincial_admin_approves_a_project(viewport: Viewport) {
    let app = TestApp::spawn().await;
    let mut browser = Browser::open(&app, "provincial_admin_approves", viewport).await;
    browser.login("gd-admin").await;
    browser.step("task");
    browser
        .follow_under("待我审批的项目", "新市民职工心理关爱服务")
        .await;
    browser.step("approve");
    browser
        .fill_labelled("审批意见", "同意立项，注意服务对象覆盖面。")
        .await;
    browser.press("批准").await;
    browser.expect_text("已批准").await;
    browser.logout().await;
    browser.close().await;
}

#[tokio::test]
async fn provincial_admin_approves_a_project_at_a_desk() {
    provincial_admin_approves_a_project(Viewport::Desktop).await;
}

#[tokio::test]
async fn provincial_admin_approves_a_project_on_a_phone() {
    provincial_admin_approves_a_project(Viewport::Phone).await;
}

/// A reviewer opens their review from their list, scores every indicator
/// (nine tenths of its weight) and submits the sheet. The demo's
/// `reviewer-1` has submitted already: the purchaser reopens it first.
async fn reviewer_scores_a_review(viewport: Viewport) {
    let app = TestApp::spawn().await;
    reopen_the_review_of(&app, "reviewer-1").await;
    let mut browser = Browser::open(&app, "reviewer_scores", viewport).await;
    browser.login("reviewer-1").await;
    browser.step("reviews");
    browser.follow("我的评审").await;
    browser.follow("电子厂女职工权益维护服务").await;
    browser.step("sheet");
    for score in browser.fields("score").await {
        let weight = weight_beside(&score).await;
        browser
            .type_into(&score, "a score", &format!("{:.1}", weight * 0.9))
            .await;
    }
    browser.press("提交评分").await;
    browser.expect_text("评分已提交").await;
    browser.logout().await;
    browser.close().await;
}

/// The weight shown in the score field's row of the sheet.
async fn weight_beside(score: &Element) -> f64 {
    let cell = score
        .find(Locator::XPath(
            "./ancestor::tr[1]/td[contains(@class, 'num')]",
        ))
        .await
        .expect("the row shows the weight");
    let text = cell.text().await.expect("the weight's text");
    text.trim().parse().expect("the weight is a number")
}

/// The purchaser (`sz-staff`) reopens `reviewer`'s submitted review, through
/// the plain HTTP client.
async fn reopen_the_review_of(app: &TestApp, reviewer: &str) {
    let mut conn = app.owner().await;
    let (assignment, project): (Uuid, Uuid) = sqlx::query_as(
        "select ra.id, ra.project_id from review_assignments ra join users u on u.id = ra.reviewer_id
          where u.username = $1 and ra.status = 'submitted'",
    )
    .bind(reviewer)
    .fetch_one(&mut conn)
    .await
    .expect("the demo's submitted review");
    let staff = app.login("sz-staff").await;
    staff.get(&format!("/projects/{project}/reviews")).await;
    let reopened = staff
        .post(&format!("/reviews/{assignment}/reopen"), &[])
        .await;
    assert_eq!(reopened.status, 303, "the review reopens");
}

#[tokio::test]
async fn reviewer_scores_a_review_at_a_desk() {
    reviewer_scores_a_review(Viewport::Desktop).await;
}

#[tokio::test]
async fn reviewer_scores_a_review_on_a_phone() {
    reviewer_scores_a_review(Viewport::Phone).await;
}

/// The organization finds the report due this week among its home page's
/// tasks, fills in what it delivered and spent, and submits it.
async fn organization_submits_a_report(viewport: Viewport) {
    let app = TestApp::spawn().await;
    let project = "外卖骑手职业伤害保障宣传服务";
    make_the_next_report_due(&app, project).await;
    let mut browser = Browser::open(&app, "organization_submits_a_report", viewport).await;
    browser.login("org-1").await;
    browser.step("task");
    browser.follow_under("待填报的进度报告", project).await;
    browser.step("report");
    for (label, value) in [
        ("服务人次", "320"),
        ("活动场次", "6"),
        ("服务时长", "96"),
        ("志愿服务时长", "40"),
        ("人员费", "12000"),
        ("活动费", "3500.50"),
        (
            "工作进展",
            "本季度在三个站点开展防暑降温宣传和职业伤害保障政策讲解。",
        ),
    ] {
        browser.fill_labelled(label, value).await;
    }
    browser.press("提交报告").await;
    browser.expect_text("报告已提交").await;
    browser.logout().await;
    browser.close().await;
}

/// The earliest open report of `project` falls due in three days (the demo's
/// is months away), so that it is among the organization's tasks.
async fn make_the_next_report_due(app: &TestApp, project: &str) {
    let mut conn = app.owner().await;
    let moved = sqlx::query(
        "update reports set due_on = current_date + 3
          where id = (select r.id from reports r join projects p on p.id = r.project_id
                       where p.title = $1 and r.status = 'due' order by r.period_starts_on limit 1)",
    )
    .bind(project)
    .execute(&mut conn)
    .await
    .expect("move the due date");
    assert_eq!(moved.rows_affected(), 1, "an open report of {project}");
}

#[tokio::test]
async fn organization_submits_a_report_at_a_desk() {
    organization_submits_a_report(Viewport::Desktop).await;
}

#[tokio::test]
async fn organization_submits_a_report_on_a_phone() {
    organization_submits_a_report(Viewport::Phone).await;
}

/// A municipal cadre finds an organization in the registry, logs a visit on
/// its page, then exports the registry to Excel.
async fn cadre_logs_a_contact_and_exports_the_registry(viewport: Viewport) {
    let app = TestApp::spawn().await;
    let org = "广州市新市民社会工作服务中心";
    let mut browser = Browser::open(&app, "cadre_logs_a_contact", viewport).await;
    browser.login("gz-staff").await;
    browser.step("registry");
    browser.follow("组织名录").await;
    browser.fill("q", "新市民社会工作").await;
    browser.press("筛选").await;
    browser.follow(org).await;
    browser.step("contact");
    browser.open_details("登记联系").await;
    browser.fill_labelled("联系方式", "走访").await;
    browser.fill_labelled("联系人", "张晓梅").await;
    browser
        .fill_labelled("联系情况", "走访驿站，了解骑手夏季防暑需求，核对服务台账。")
        .await;
    browser
        .fill_labelled("跟进措施", "下月协调街道提供休息点。")
        .await;
    browser.press("保存").await;
    browser.expect_text("已登记联系记录").await;
    browser.expect_text("核对服务台账").await;
    browser.step("export");
    browser.follow("组织名录").await;
    let href = browser.href("Excel").await;
    let (status, kind, head) = browser.download(&href).await;
    if status != 200 || !kind.contains("spreadsheetml") || !head.starts_with(b"PK\x03\x04") {
        let what = format!("the Excel export answered {status} {kind} starting {head:?}");
        panic!("{}", browser.failure(&what).await);
    }
    browser.logout().await;
    browser.close().await;
}

#[tokio::test]
async fn cadre_logs_a_contact_and_exports_the_registry_at_a_desk() {
    cadre_logs_a_contact_and_exports_the_registry(Viewport::Desktop).await;
}

#[tokio::test]
async fn cadre_logs_a_contact_and_exports_the_registry_on_a_phone() {
    cadre_logs_a_contact_and_exports_the_registry(Viewport::Phone).await;
}

/// A leader reads the home page and the finance page.
async fn leader_reads_home_and_finance(viewport: Viewport) {
    let app = TestApp::spawn().await;
    let mut browser = Browser::open(&app, "leader_reads", viewport).await;
    browser.login("gd-viewer").await;
    browser.step("home");
    browser.expect_text("广东省总工会").await;
    browser.step("finance");
    browser.follow("资金").await;
    browser.expect_text("广州市总工会").await;
    browser.logout().await;
    browser.close().await;
}

#[tokio::test]
async fn leader_reads_home_and_finance_at_a_desk() {
    leader_reads_home_and_finance(Viewport::Desktop).await;
}

#[tokio::test]
async fn leader_reads_home_and_finance_on_a_phone() {
    leader_reads_home_and_finance(Viewport::Phone).await;
}

/// The national admin reads the nation's statistics, drills down from the
/// map's province to a city and a county, takes the year's workbook and goes
/// back up by the breadcrumbs.
async fn leader_drills_down_the_statistics(viewport: Viewport) {
    let app = TestApp::spawn().await;
    let mut browser = Browser::open(&app, "leader_drills_down", viewport).await;
    browser.login("national-admin").await;
    browser.step("nation");
    browser.follow("统计").await;
    browser.expect_text("各省分布").await;
    browser.follow("广东省总工会").await;
    browser.step("province");
    browser.expect_text("统计 · 广东省总工会").await;
    browser.follow("广州市总工会").await;
    browser.step("city");
    browser.follow("天河区总工会").await;
    browser.step("county");
    browser.expect_text("统计 · 天河区总工会").await;
    let href = browser.href("导出年度工作报表（Excel）").await;
    let (status, kind, head) = browser.download(&href).await;
    if status != 200 || !kind.contains("spreadsheetml") || !head.starts_with(b"PK\x03\x04") {
        let what = format!("the workbook answered {status} {kind} starting {head:?}");
        panic!("{}", browser.failure(&what).await);
    }
    browser.step("back-up");
    browser.follow("广东省总工会").await;
    browser.expect_text("统计 · 广东省总工会").await;
    browser.logout().await;
    browser.close().await;
}

#[tokio::test]
async fn leader_drills_down_the_statistics_at_a_desk() {
    leader_drills_down_the_statistics(Viewport::Desktop).await;
}

#[tokio::test]
async fn leader_drills_down_the_statistics_on_a_phone() {
    leader_drills_down_the_statistics(Viewport::Phone).await;
}
