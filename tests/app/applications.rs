//! Applications: the calls an organization sees and why it may not apply to
//! some, the draft, its sums, submission and withdrawal, and who reads it.

use uuid::Uuid;

use crate::common::TestApp;

async fn project_id(app: &TestApp, title: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from projects where title = $1")
        .bind(title)
        .fetch_one(&mut conn)
        .await
        .expect("demo project")
}

const GZ_CALL: &str = "新就业形态劳动者驿站关爱服务";
const BJ_CALL: &str = "快递外卖从业人员法律援助服务";

fn proposal(requested: &'static str, personnel: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "proposal",
            "在商圈设立骑手驿站，提供休息、法律咨询和心理疏导。",
        ),
        ("needs_analysis", "骑手休息难、维权难。"),
        ("objectives", "一年服务 2000 人次。"),
        ("activities_plan", "每月 4 场活动。"),
        ("team", "持证社工 5 名。"),
        ("performance_targets", "满意度 90% 以上。"),
        ("requested", requested),
        ("personnel", personnel),
        ("activities", "80000"),
        ("evaluation", "20000"),
        ("version", "1"),
    ]
}

#[tokio::test]
async fn an_organization_applies_to_a_call_open_to_it_and_nobody_else_reads_it() {
    let app = TestApp::spawn().await;
    let org = app.login("org-1").await;
    let calls = org.get("/calls").await;
    assert_eq!(calls.status, 200);
    assert!(calls.contains(GZ_CALL), "{}", calls.body);
    assert!(
        !calls.contains(BJ_CALL),
        "a Beijing call is not open to a Guangzhou organization"
    );
    let gz_call = project_id(&app, GZ_CALL).await;
    let bj_call = project_id(&app, BJ_CALL).await;
    assert_eq!(
        org.post(&format!("/calls/{bj_call}/apply"), &[])
            .await
            .status,
        404
    );

    let started = org.post(&format!("/calls/{gz_call}/apply"), &[]).await;
    assert_eq!(started.status, 303, "{}", started.body);
    let edit = started.location().to_owned();
    let id = edit
        .trim_start_matches("/applications/")
        .trim_end_matches("/edit")
        .to_owned();
    org.get(&edit).await;
    let short = org.post(&edit, &proposal("200000", "50000")).await;
    assert_eq!(short.status, 422);
    assert!(short.contains("须等于申请金额"), "{}", short.body);
    assert!(short.contains("在商圈设立骑手驿站"), "what was typed stays");
    let over = org.post(&edit, &proposal("400000", "300000")).await;
    assert!(over.contains("不能超过项目预算"));
    assert_eq!(
        org.post(&edit, &proposal("200000", "100000")).await.status,
        303
    );

    let page = org.get(&format!("/applications/{id}")).await;
    assert!(page.contains("¥200,000.00"));
    // Before submission the purchaser does not read the draft.
    let staff = app.login("gz-staff").await;
    assert_eq!(staff.get(&format!("/applications/{id}")).await.status, 404);
    assert_eq!(
        org.post(&format!("/applications/{id}/submit"), &[])
            .await
            .status,
        303
    );
    let shown = org.get(&format!("/applications/{id}")).await;
    assert!(shown.contains("已提交"));
    assert_eq!(
        org.post(&edit, &proposal("100000", "0")).await.status,
        303,
        "a submitted application is read-only"
    );
    let mut conn = app.owner().await;
    let requested: i64 =
        sqlx::query_scalar("select requested_fen from applications where id = $1::uuid")
            .bind(&id)
            .fetch_one(&mut conn)
            .await
            .expect("application");
    assert_eq!(requested, 20_000_000, "unchanged after submission");

    assert_eq!(staff.get(&format!("/applications/{id}")).await.status, 200);
    assert!(
        staff
            .get(&format!("/projects/{gz_call}"))
            .await
            .contains("广州市新市民社会工作服务中心")
    );
    for outsider in ["org-2", "sz-staff", "bj-admin", "reviewer-1"] {
        let other = app.login(outsider).await;
        let status = other.get(&format!("/applications/{id}")).await.status;
        assert!(matches!(status, 403 | 404), "{outsider} got {status}");
    }
    assert_eq!(
        org.post(&format!("/applications/{id}/withdraw"), &[])
            .await
            .status,
        303
    );
    let status: String = sqlx::query_scalar("select status from applications where id = $1::uuid")
        .bind(&id)
        .fetch_one(&mut conn)
        .await
        .expect("application");
    assert_eq!(status, "withdrawn");
}

#[tokio::test]
async fn an_ineligible_organization_is_told_why_and_cannot_apply() {
    let app = TestApp::spawn().await;
    let gz_call = project_id(&app, GZ_CALL).await;
    let mut conn = app.owner().await;
    sqlx::query("update projects set min_rating = 5, min_years = 20, eligible_types = '{foundation}' where id = $1")
        .bind(gz_call)
        .execute(&mut conn)
        .await
        .expect("raise the bar");
    let org = app.login("org-1").await;
    let calls = org.get("/calls").await;
    for reason in ["评估等级 5A", "登记成立满 20 年", "不接受本组织类型"] {
        assert!(calls.contains(reason), "shows {reason}");
    }
    let refused = org.post(&format!("/calls/{gz_call}/apply"), &[]).await;
    assert_eq!(refused.location(), "/calls");
    let count: i64 = sqlx::query_scalar("select count(*) from applications where project_id = $1")
        .bind(gz_call)
        .fetch_one(&mut conn)
        .await
        .expect("count");
    assert_eq!(count, 0);
}

#[tokio::test]
async fn an_organization_account_cannot_award_itself() {
    let app = TestApp::spawn().await;
    let org = app.login("org-1").await;
    let gz_call = project_id(&app, GZ_CALL).await;
    org.get("/calls").await;
    let started = org.post(&format!("/calls/{gz_call}/apply"), &[]).await;
    let id: Uuid = started
        .location()
        .trim_start_matches("/applications/")
        .trim_end_matches("/edit")
        .parse()
        .expect("id");
    let org_id: Uuid = {
        let mut owner = app.owner().await;
        sqlx::query_scalar("select org_id from applications where id = $1")
            .bind(id)
            .fetch_one(&mut owner)
            .await
            .expect("org")
    };
    let mut serving = app.serving().await;
    let mut tx = sqlx::Connection::begin(&mut serving).await.expect("begin");
    sqlx::query(
        "select set_config('niudai.scope', '', true), set_config('niudai.user_id', '', true),
                set_config('niudai.org_id', $1, true)",
    )
    .bind(org_id.to_string())
    .execute(&mut *tx)
    .await
    .expect("act as the organization");
    let awarded = sqlx::query("update applications set status = 'awarded' where id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await;
    assert!(awarded.is_err(), "the decision is the purchaser's");
}
