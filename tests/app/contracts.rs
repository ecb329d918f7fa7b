//! From the ranking to the signed contract: the award with its reason and
//! notices, the organization's own result, the contract's rules, the printable
//! documents, who reads a contract, and the tasks on the home page.

use uuid::Uuid;

use crate::common::TestApp;

const PROJECT: &str = "电子厂女职工权益维护服务";

async fn project_id(app: &TestApp) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from projects where title = $1")
        .bind(PROJECT)
        .fetch_one(&mut conn)
        .await
        .expect("the demo's call under review")
}

/// Three submitted reviews on every application of the project, reviewer by
/// reviewer at 70 %, 80 % and 90 % of each weight.
async fn reviewed_by_three(app: &TestApp, project: Uuid) {
    let mut conn = app.owner().await;
    // Submitted scores are final even for the owner: reopen, then clear.
    sqlx::query("update review_assignments set status = 'scoring' where project_id = $1")
        .bind(project)
        .execute(&mut conn)
        .await
        .expect("reopen the demo's reviews");
    sqlx::query(
        "delete from review_scores where assignment_id in
           (select id from review_assignments where project_id = $1)",
    )
    .bind(project)
    .execute(&mut conn)
    .await
    .expect("clear the demo's scores");
    sqlx::query("delete from review_assignments where project_id = $1")
        .bind(project)
        .execute(&mut conn)
        .await
        .expect("clear the demo's reviews");
    for (reviewer, percent) in [("reviewer-1", 70), ("reviewer-2", 80), ("reviewer-3", 90)] {
        sqlx::query(
            "insert into review_assignments (application_id, org_id, project_id, union_path, reviewer_id, status)
             select a.id, a.org_id, a.project_id, a.union_path, u.id, 'scoring'
               from applications a, users u where a.project_id = $1 and u.username = $2",
        )
        .bind(project)
        .bind(reviewer)
        .execute(&mut conn)
        .await
        .expect("assign");
        sqlx::query(
            "insert into review_scores (assignment_id, indicator_id, score_tenths)
             select ra.id, i.id, i.weight * $3 / 10
               from review_assignments ra join users u on u.id = ra.reviewer_id
               join projects p on p.id = ra.project_id
               join indicators i on i.system_id = p.review_system_id
              where ra.project_id = $1 and u.username = $2
                and not exists (select 1 from indicators c where c.parent_id = i.id)",
        )
        .bind(project)
        .bind(reviewer)
        .bind(percent)
        .execute(&mut conn)
        .await
        .expect("score");
    }
    sqlx::query("update review_assignments set status = 'submitted', submitted_at = now() where project_id = $1")
        .bind(project)
        .execute(&mut conn)
        .await
        .expect("submit");
}

#[tokio::test]
async fn an_award_becomes_a_signed_contract_that_the_right_people_read() {
    let app = TestApp::spawn().await;
    let project = project_id(&app).await;
    let staff = app.login("sz-staff").await;
    let reviews = format!("/projects/{project}/reviews");

    // Not before every application has three submitted reviews.
    let winner: Uuid = {
        let mut conn = app.owner().await;
        sqlx::query_scalar(
            "select a.id from applications a join organizations o on o.id = a.org_id
              where a.project_id = $1 order by o.name limit 1",
        )
        .bind(project)
        .fetch_one(&mut conn)
        .await
        .expect("application")
    };
    staff.get(&reviews).await;
    let early = staff
        .post(
            &format!("/projects/{project}/award"),
            &[
                ("application", &winner.to_string()),
                ("reason", "综合得分最高"),
            ],
        )
        .await;
    assert!(
        staff
            .get(early.location())
            .await
            .contains("名专家提交评分后才能确定承接方")
    );
    reviewed_by_three(&app, project).await;
    staff.get(&reviews).await;
    let no_reason = staff
        .post(
            &format!("/projects/{project}/award"),
            &[("application", &winner.to_string()), ("reason", "")],
        )
        .await;
    assert!(
        staff
            .get(no_reason.location())
            .await
            .contains("请写明确定承接方的理由")
    );
    staff.get(&reviews).await;
    let awarded = staff
        .post(
            &format!("/projects/{project}/award"),
            &[
                ("application", &winner.to_string()),
                ("reason", "综合得分最高，方案可行"),
            ],
        )
        .await;
    assert_eq!(awarded.status, 303);
    let mut conn = app.owner().await;
    let statuses: Vec<String> =
        sqlx::query_scalar("select status from applications where project_id = $1 order by status")
            .bind(project)
            .fetch_all(&mut conn)
            .await
            .expect("statuses");
    assert_eq!(statuses, ["awarded", "rejected", "rejected"]);
    let notices: i64 =
        sqlx::query_scalar("select count(*) from notifications where project_id = $1")
            .bind(project)
            .fetch_one(&mut conn)
            .await
            .expect("notices");
    assert_eq!(notices, 3, "every applicant is told");

    // The winner's account reads its notice and its own result, never names.
    let org_id: Uuid = sqlx::query_scalar("select org_id from applications where id = $1")
        .bind(winner)
        .fetch_one(&mut conn)
        .await
        .expect("org");
    app.add_org_user("sz-org", org_id).await;
    let org = app.login("sz-org").await;
    assert!(org.get("/notifications").await.contains("已中标"));
    let own = org.get(&format!("/applications/{winner}")).await;
    assert!(own.contains("评审结果 · 80.00"), "{}", own.body);
    assert!(!own.contains("评审专家一"), "reviewers stay anonymous");

    // The award waits for its contract on the home page.
    assert!(staff.get("/").await.contains("待签订合同"));
    let new = format!("/projects/{project}/contracts/new?application={winner}");
    let form = staff.get(&new).await;
    assert_eq!(form.status, 200);
    let evaluator = app.user_id("evaluator-1").await.to_string();
    let winner_s = winner.to_string();
    let mut fields = vec![
        ("application", winner_s.as_str()),
        ("amount", "150000"),
        ("service_starts_on", "2027-01-01"),
        ("service_ends_on", "2027-12-31"),
        ("signed_on", "2026-11-01"),
        ("supervisor_id", evaluator.as_str()),
        ("report_cycle", "quarterly"),
        ("percent_1", "40"),
        ("condition_1", "on_signing"),
        ("percent_2", "30"),
        ("condition_2", "after_midterm"),
        ("percent_3", "20"),
        ("condition_3", "after_final"),
    ];
    let pdf = b"%PDF-1.4\n%%EOF\n".to_vec();
    let refused = staff
        .upload_with(
            &format!("/projects/{project}/contracts"),
            &fields,
            "合同.pdf",
            pdf.clone(),
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("各期比例合计 90%"), "{}", refused.body);
    fields[11] = ("percent_3", "30");
    fields[1] = ("amount", "999999");
    let over = staff
        .upload_with(
            &format!("/projects/{project}/contracts"),
            &fields,
            "合同.pdf",
            pdf.clone(),
        )
        .await;
    assert!(over.contains("合同金额不能超过申请金额"));
    fields[1] = ("amount", "150000");
    assert_eq!(app.stored_files().len(), 0, "refused forms keep no file");
    let signed = staff
        .upload_with(
            &format!("/projects/{project}/contracts"),
            &fields,
            "合同.pdf",
            pdf,
        )
        .await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    let contract = signed.location().to_owned();
    let status: String = sqlx::query_scalar("select status from projects where id = $1")
        .bind(project)
        .fetch_one(&mut conn)
        .await
        .expect("status");
    assert_eq!(status, "contracted");

    let print = staff.get(&format!("{contract}/print")).await;
    assert!(print.contains("购买服务合同（范本）") && print.contains("深圳市总工会"));
    assert!(print.contains("¥60,000.00"), "40 % of 150,000");
    let supervision = staff.get(&format!("{contract}/supervision")).await;
    assert!(supervision.contains("第三方监管协议") && supervision.contains("第三方评估机构"));
    assert_eq!(
        org.get(&contract).await.status,
        200,
        "the organization reads its contract"
    );
    assert_eq!(
        app.login("evaluator-1").await.get(&contract).await.status,
        200,
        "so does its supervisor"
    );
    for outsider in ["bj-admin", "gz-staff", "org-1", "reviewer-1"] {
        let status = app.login(outsider).await.get(&contract).await.status;
        assert_eq!(status, 404, "{outsider}");
    }
}

#[tokio::test]
async fn the_home_page_lists_approvals_and_reviews_waiting() {
    let app = TestApp::spawn().await;
    // 广州's 18万 project waits for 广东 (the parent); 广东's 90万 one (above the
    // threshold, drafted by gd-admin) waits for the national admin.
    let province = app.login("gd-admin").await.get("/").await;
    assert!(province.contains("待我审批的项目") && province.contains("新市民职工心理关爱服务"));
    assert!(
        !province.contains("全省劳动争议调解社会组织能力建设"),
        "not one's own"
    );
    let national = app.login("national-admin").await.get("/").await;
    assert!(national.contains("全省劳动争议调解社会组织能力建设"));
    let reviewer = app.login("reviewer-3").await.get("/").await;
    assert!(reviewer.contains("分配给我的评审") && reviewer.contains(PROJECT));
    let city = app.login("gz-staff").await.get("/").await;
    assert!(!city.contains("待我审批的项目"), "staff approve nothing");
}
