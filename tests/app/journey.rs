//! The whole first half of the lifecycle in one go, through the browser's
//! requests only: a municipal cadre turns a worker need into a project, the
//! provincial admin approves it, an organization applies, three reviewers
//! score, the cadre awards and signs the contract, and the organization reads
//! it. (The periodic job closes the window, after the test moves the dates.)

use uuid::Uuid;

use crate::common::TestApp;
use crate::projects::{act, create, day, draft, status_of};
use crate::reviews::{assign, assignment_of, declare, leaves, score_all};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";

#[tokio::test]
async fn from_a_worker_need_to_a_signed_contract() {
    let app = TestApp::spawn().await;
    let gz = app.union_id(Some("440100")).await;
    let cadre = app.login("gz-staff").await;

    // 1. The need, and a draft from it.
    cadre.get("/needs/new").await;
    let need = cadre
        .post(
            "/needs",
            &[
                ("union_id", &gz.to_string()),
                ("title", "网约车司机劳动权益咨询需求"),
                ("domain", "legal_aid"),
                ("source", "survey"),
                ("workers_affected", "900"),
                ("collected_on", &day(-5)),
                ("priority", "high"),
                ("suitable_for_purchase", "yes"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(need.status, 303);
    let need_id = need.location().trim_start_matches("/needs/").to_owned();
    let mut pairs = draft(&app, gz, "300000").await;
    pairs.push(("need", need_id.clone()));
    pairs.retain(|(k, _)| *k != "title");
    pairs.push(("title", "网约车司机劳动权益服务".into()));
    let project = create(&cadre, &pairs).await;
    cadre.get(&format!("/projects/{project}")).await;
    assert_eq!(
        cadre
            .upload(
                &format!("/projects/{project}/documents"),
                "申报指南.pdf",
                PDF.to_vec()
            )
            .await
            .status,
        303
    );

    // 2. Approval by the province (30万 is under its threshold, and 广东 is
    //    广州's parent), publication by the cadre.
    assert_eq!(act(&cadre, project, "submit", "").await.status, 303);
    let province = app.login("gd-admin").await;
    assert!(
        province.get("/").await.contains("网约车司机劳动权益服务"),
        "a task for the approver"
    );
    assert_eq!(
        act(&province, project, "approve", "同意立项").await.status,
        303
    );
    assert_eq!(act(&cadre, project, "publish", "").await.status, 303);

    // 3. The organization applies, with an attachment.
    let org = app.login("org-1").await;
    assert!(org.get("/calls").await.contains("网约车司机劳动权益服务"));
    let started = org.post(&format!("/calls/{project}/apply"), &[]).await;
    assert_eq!(started.status, 303);
    let edit = started.location().to_owned();
    let application: Uuid = edit
        .trim_start_matches("/applications/")
        .trim_end_matches("/edit")
        .parse()
        .expect("application id");
    org.get(&edit).await;
    let saved = org
        .post(
            &edit,
            &[
                ("proposal", "在网约车司机集中的交通枢纽设立咨询点。"),
                ("needs_analysis", "司机对劳动关系认定和保险的困惑多。"),
                ("objectives", "一年咨询 1000 人次，开展讲座 12 场。"),
                ("activities_plan", "每周两次驻点，每月一次讲座。"),
                ("team", "律师 2 名，社工 3 名。"),
                ("performance_targets", "满意度 90% 以上。"),
                ("requested", "280000"),
                ("personnel", "180000"),
                ("activities", "80000"),
                ("evaluation", "20000"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    org.get(&format!("/applications/{application}")).await;
    assert_eq!(
        org.upload_with(
            &format!("/applications/{application}/attachments"),
            &[("label", "charter")],
            "章程.pdf",
            PDF.to_vec()
        )
        .await
        .status,
        303
    );
    assert_eq!(
        org.post(&format!("/applications/{application}/submit"), &[])
            .await
            .status,
        303
    );
    assert!(org.get("/notifications").await.contains("已收到"));

    // 4. The window closes (the job, after the dates move into the past).
    let mut conn = app.owner().await;
    sqlx::query(
        "update projects set apply_opens_on = current_date - 30, apply_closes_on = current_date - 1
          where id = $1",
    )
    .bind(project)
    .execute(&mut conn)
    .await
    .expect("move the window");
    niudai::projects::db::close_windows(&mut conn, "系统（申报截止）")
        .await
        .expect("the job");
    assert_eq!(status_of(&app, project).await, "reviewing");

    // 5. Three reviewers, each declaring and scoring.
    let leaves = leaves(&app, project).await;
    for (name, percent) in [("reviewer-1", 80), ("reviewer-2", 80), ("reviewer-3", 90)] {
        let reviewer_id = app.user_id(name).await;
        assert_eq!(assign(&cadre, project, application, reviewer_id).await, 303);
        let reviewer = app.login(name).await;
        let assignment = assignment_of(&app, application, reviewer_id).await;
        assert_eq!(declare(&reviewer, assignment, "none", "").await, 303);
        assert_eq!(
            score_all(&reviewer, assignment, &leaves, percent, "submit")
                .await
                .status,
            303
        );
    }
    assert!(
        cadre
            .get(&format!("/projects/{project}/reviews"))
            .await
            .contains("平均分 83.33")
    );

    // 6. The award, and the contract.
    cadre.get(&format!("/projects/{project}/reviews")).await;
    let awarded = cadre
        .post(
            &format!("/projects/{project}/award"),
            &[
                ("application", &application.to_string()),
                ("reason", "唯一申报，评分合格"),
            ],
        )
        .await;
    assert_eq!(awarded.status, 303);
    assert_eq!(status_of(&app, project).await, "awarded");
    assert!(org.get("/notifications").await.contains("已中标"));
    cadre
        .get(&format!(
            "/projects/{project}/contracts/new?application={application}"
        ))
        .await;
    let evaluator = app.user_id("evaluator-1").await.to_string();
    let application_s = application.to_string();
    let signed_on = day(0);
    let signed = cadre
        .upload_with(
            &format!("/projects/{project}/contracts"),
            &[
                ("application", application_s.as_str()),
                ("amount", "280000"),
                ("service_starts_on", &day(40)),
                ("service_ends_on", &day(400)),
                ("signed_on", &signed_on),
                ("supervisor_id", &evaluator),
                ("report_cycle", "monthly"),
                ("percent_1", "40"),
                ("condition_1", "on_signing"),
                ("percent_2", "30"),
                ("condition_2", "after_midterm"),
                ("percent_3", "30"),
                ("condition_3", "after_final"),
            ],
            "合同.pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    assert_eq!(status_of(&app, project).await, "contracted");
    let contract = signed.location().to_owned();
    assert!(org.get(&contract).await.contains("¥280,000.00"));
    let timeline = cadre.get(&format!("/projects/{project}")).await;
    for step in [
        "同意立项",
        "系统（申报截止）",
        "唯一申报，评分合格",
        "已签约",
    ] {
        assert!(timeline.contains(step), "the timeline shows {step}");
    }
    assert!(
        cadre
            .get(&format!("/needs/{need_id}"))
            .await
            .contains("已签约")
    );
}
