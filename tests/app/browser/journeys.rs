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

/// A Sichuan cadre reads the province's pyramid of service sites by level
/// and kind, drills down to 成都 and opens 武侯区's printable list.
async fn cadre_reads_the_site_pyramid(viewport: Viewport) {
    let app = TestApp::spawn().await;
    let mut browser = Browser::open(&app, "cadre_reads_site_pyramid", viewport).await;
    browser.login("sc-staff").await;
    browser.step("sites");
    browser.follow("服务阵地").await;
    browser.expect_text("浆洗街街道职工服务点").await;
    browser.follow("阵地统计").await;
    browser.step("province");
    browser.expect_text("阵地体系（按工会层级）").await;
    browser.expect_text("县（区）级总工会").await;
    browser.expect_text("15分钟之家").await;
    browser.follow("成都市总工会").await;
    browser.step("city");
    browser.expect_text("阵地统计 · 成都市总工会").await;
    browser.follow_under("按下级工会", "打印").await;
    browser.step("print");
    browser.expect_text("武侯区总工会 · 服务阵地名单").await;
    browser.expect_text("浆洗街街道职工服务点").await;
    browser.logout().await;
    browser.close().await;
}

#[tokio::test]
async fn cadre_reads_the_site_pyramid_at_a_desk() {
    cadre_reads_the_site_pyramid(Viewport::Desktop).await;
}

#[tokio::test]
async fn cadre_reads_the_site_pyramid_on_a_phone() {
    cadre_reads_the_site_pyramid(Viewport::Phone).await;
}

/// A 广州 cadre convenes a contact meeting and invites `org-1`'s
/// organization; the organization accepts from its home page; the cadre
/// records its attendance, which shows in its contact timeline.
async fn cadre_holds_a_contact_meeting(viewport: Viewport) {
    let app = TestApp::spawn().await;
    let org = "广州市新市民社会工作服务中心";
    let title = "新就业形态劳动者服务联系会议";
    let mut browser = Browser::open(&app, "cadre_holds_a_contact_meeting", viewport).await;
    browser.login("gz-staff").await;
    browser.step("convene");
    browser.follow("联系会议").await;
    browser.follow("召集会议").await;
    browser.fill_labelled("会议名称", title).await;
    browser
        .fill_labelled("地点", "广州市总工会 301 会议室")
        .await;
    browser
        .fill_labelled("议程", "通报骑手驿站服务进展，对接夏季防暑需求。")
        .await;
    browser.press("保存").await;
    browser.expect_text("已召集会议").await;
    browser.step("invite");
    browser.fill_labelled("邀请的组织", org).await;
    browser.press("发出邀请").await;
    browser.expect_text("已发出 1 份邀请").await;
    browser.logout().await;

    browser.login("org-1").await;
    browser.step("invitation");
    browser.follow_under("会议邀请", title).await;
    browser.expect_text("邀请函").await;
    browser.fill_labelled("回复", "接受，按时参加").await;
    browser.fill_labelled("说明", "派两名社工参加").await;
    browser.press("提交回复").await;
    browser.expect_text("已接受邀请").await;
    browser.logout().await;

    browser.login("gz-staff").await;
    browser.step("attendance");
    browser.follow("联系会议").await;
    browser.follow(title).await;
    browser.expect_text("派两名社工参加").await;
    let ticks = browser.fields("attended").await;
    assert_eq!(
        ticks.len(),
        1,
        "{}",
        browser.failure("one invitation").await
    );
    if let Err(error) = ticks[0].click().await {
        panic!(
            "{}",
            browser.failure(&format!("tick attendance: {error}")).await
        );
    }
    browser.press("保存出席情况").await;
    browser.expect_text("已保存出席情况").await;
    browser.step("timeline");
    browser.follow(org).await;
    browser.expect_text(&format!("参加联系会议：{title}")).await;
    browser.logout().await;
    browser.close().await;
}

/// The provincial admin records a city federation under the province's own
/// and admits its first member.
async fn provincial_admin_builds_the_federation_tree(viewport: Viewport) {
    let app = TestApp::spawn().await;
    let shenzhen = app.union_id(Some("440300")).await;
    let (province, member): (Uuid, String) = {
        let mut conn = app.owner().await;
        sqlx::query_as(
            "select (select id from federations where name = '广东省职工服务类社会组织联合会'),
                    (select o.name from organizations o
                      where o.union_path <@ (select path from unions where id = $1)
                        and o.status = 'active'
                      order by o.name limit 1)",
        )
        .bind(shenzhen)
        .fetch_one(&mut conn)
        .await
        .expect("the provincial federation and an organization of 深圳")
    };
    let mut browser = Browser::open(&app, "provincial_admin_builds_federations", viewport).await;
    browser.login("gd-admin").await;
    browser.step("list");
    browser.follow("联合会与联合平台").await;
    browser.expect_text("广东省职工服务类社会组织联合会").await;
    browser.follow("登记联合会").await;
    browser.step("form");
    browser
        .fill("name", "深圳市新就业形态劳动者服务联合会")
        .await;
    browser.fill("kind", "社会组织联合会").await;
    browser.fill("union_id", &shenzhen.to_string()).await;
    browser.fill("parent_id", &province.to_string()).await;
    browser.fill("chair", "张伟").await;
    browser.press("保存").await;
    browser.step("federation");
    browser
        .expect_text("已登记 深圳市新就业形态劳动者服务联合会")
        .await;
    browser.expect_text("广东省职工服务类社会组织联合会").await;
    browser.open_details("吸收会员单位").await;
    browser.fill("org", &member).await;
    browser.fill("role", "理事单位").await;
    browser.press("吸收会员单位").await;
    browser.step("admitted");
    browser
        .expect_text(&format!("已吸收 {member} 为会员单位"))
        .await;
    browser.logout().await;
    browser.close().await;
}

#[tokio::test]
async fn cadre_holds_a_contact_meeting_at_a_desk() {
    cadre_holds_a_contact_meeting(Viewport::Desktop).await;
}

#[tokio::test]
async fn cadre_holds_a_contact_meeting_on_a_phone() {
    cadre_holds_a_contact_meeting(Viewport::Phone).await;
}

#[tokio::test]
async fn provincial_admin_builds_the_federation_tree_at_a_desk() {
    provincial_admin_builds_the_federation_tree(Viewport::Desktop).await;
}

#[tokio::test]
async fn provincial_admin_builds_the_federation_tree_on_a_phone() {
    provincial_admin_builds_the_federation_tree(Viewport::Phone).await;
}

/// The pilot union's cadre finds an overdue milestone on the home page, opens
/// the pilot and marks the milestone done; the home page lists it no more.
async fn pilot_cadre_marks_a_milestone_done(viewport: Viewport) {
    let app = TestApp::spawn().await;
    let overdue = "出台服务站点建设与运营规范";
    let mut browser = Browser::open(&app, "pilot_cadre_marks_a_milestone_done", viewport).await;
    browser.login("gz-staff").await;
    browser.step("home");
    browser.expect_text("试点逾期节点").await;
    browser.follow(overdue).await;
    browser.step("pilot");
    browser
        .expect_text("新就业形态劳动者服务阵地建设试点")
        .await;
    browser.open_details_in_row(overdue, "更新").await;
    browser.fill_in_row(overdue, "status", "已完成").await;
    let today = chrono::Utc::now()
        .with_timezone(&niudai::web::format::china_time())
        .date_naive();
    // A date field takes the digits as the browser's locale orders them: the
    // day, month and year typed without separators (en-US: month first).
    browser
        .fill_in_row(overdue, "done_on", &today.format("%m%d%Y").to_string())
        .await;
    browser.press_in_row(overdue, "保存").await;
    browser.step("saved");
    browser.expect_text("已保存").await;
    browser.visit("/").await;
    browser.step("home again");
    let home = browser.text().await;
    assert!(
        !home.contains(overdue),
        "{}",
        browser.failure("the milestone still overdue").await
    );
    browser.logout().await;
    browser.close().await;
}

#[tokio::test]
async fn pilot_cadre_marks_a_milestone_done_at_a_desk() {
    pilot_cadre_marks_a_milestone_done(Viewport::Desktop).await;
}

#[tokio::test]
async fn pilot_cadre_marks_a_milestone_done_on_a_phone() {
    pilot_cadre_marks_a_milestone_done(Viewport::Phone).await;
}
