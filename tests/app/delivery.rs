//! From the signed contract to the closed project: the report schedule, the
//! organization's reports (draft, submit, return, resubmit), the supervisor's
//! checks, a rectification order, the mid-term and final evaluations, every
//! payment and the closing — by the organization, its supervisor, a cadre and
//! a provincial admin in the browser — then the dossier and the record the
//! organization keeps.

use std::io::Read;

use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::common::{Client, TestApp};

pub const PROJECT: &str = "新市民法律服务驿站";
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

pub async fn contract_of(app: &TestApp) -> (Uuid, Uuid) {
    let mut conn = app.owner().await;
    sqlx::query_as(
        "select c.id, c.project_id from contracts c join projects p on p.id = c.project_id
          where p.title = $1",
    )
    .bind(PROJECT)
    .fetch_one(&mut conn)
    .await
    .expect("the demo's signed contract in 广州")
}

/// The contract's reports of `kind`, in schedule order.
pub async fn reports_of(app: &TestApp, contract: Uuid, kind: &str) -> Vec<Uuid> {
    let mut conn = app.owner().await;
    sqlx::query_scalar(
        "select id from reports where contract_id = $1 and kind = $2 order by period_starts_on",
    )
    .bind(contract)
    .bind(kind)
    .fetch_all(&mut conn)
    .await
    .expect("reports")
}

async fn scalar(app: &TestApp, sql: &'static str, id: Uuid) -> String {
    let mut conn = app.owner().await;
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&mut conn)
        .await
        .expect(sql)
}

async fn report_status(app: &TestApp, report: Uuid) -> String {
    scalar(app, "select status from reports where id = $1", report).await
}

async fn project_status(app: &TestApp, project: Uuid) -> String {
    scalar(app, "select status from projects where id = $1", project).await
}

/// Writes and submits a report as the organization.
pub async fn submit_report(org: &Client, report: Uuid, people: &str, personnel: &str) -> u16 {
    org.get(&format!("/reports/{report}")).await;
    org.post(
        &format!("/reports/{report}"),
        &[
            ("people_served", people),
            ("activities_held", "3"),
            ("service_hours", "40"),
            ("volunteer_hours", "12"),
            ("personnel", personnel),
            ("activities", "2000"),
            ("narrative", "驻点提供法律咨询 8 次，开展普法讲座 3 场。"),
            ("problems", ""),
            ("action", "submit"),
        ],
    )
    .await
    .status
}

/// The leaves of an indicator system with their weights, in order.
async fn leaves(app: &TestApp, evaluation: Uuid) -> Vec<(Uuid, i16)> {
    let mut conn = app.owner().await;
    sqlx::query_as(
        "select i.id, i.weight from indicators i join evaluations e on e.system_id = i.system_id
          where e.id = $1 and not exists (select 1 from indicators c where c.parent_id = i.id)
          order by i.code",
    )
    .bind(evaluation)
    .fetch_all(&mut conn)
    .await
    .expect("leaves")
}

/// Scores every leaf at `percent` of its weight and submits the sheet.
async fn score(app: &TestApp, client: &Client, evaluation: Uuid, percent: i32) -> u16 {
    let leaves = leaves(app, evaluation).await;
    let ids: Vec<String> = leaves.iter().map(|(id, _)| id.to_string()).collect();
    let scores: Vec<String> = leaves
        .iter()
        .map(|(_, w)| {
            let tenths = i32::from(*w) * percent / 10;
            format!("{}.{}", tenths / 10, tenths % 10)
        })
        .collect();
    let mut fields: Vec<(&str, &str)> = Vec::new();
    for (id, score) in ids.iter().zip(&scores) {
        fields.push(("indicator", id));
        fields.push(("score", score));
        fields.push(("comment", "依据台账和走访"));
    }
    fields.push(("evidence", "查阅台账、走访服务对象"));
    fields.push(("action", "submit"));
    client.get(&format!("/evaluations/{evaluation}")).await;
    client
        .post(&format!("/evaluations/{evaluation}/sheet"), &fields)
        .await
        .status
}

async fn evaluation_of(app: &TestApp, contract: Uuid, kind: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from evaluations where contract_id = $1 and kind = $2")
        .bind(contract)
        .bind(kind)
        .fetch_one(&mut conn)
        .await
        .expect("the evaluation opened when its report was accepted")
}

async fn pay(admin: &Client, contract: Uuid, position: &str, amount: &str) -> crate::common::Page {
    admin
        .get(&format!(
            "/contracts/{contract}/payments?position={position}"
        ))
        .await;
    admin
        .upload_with(
            &format!("/contracts/{contract}/payments"),
            &[
                ("position", position),
                ("amount", amount),
                ("paid_on", &chrono::Local::now().date_naive().to_string()),
            ],
            "voucher.pdf",
            PDF.to_vec(),
        )
        .await
}

#[tokio::test]
async fn a_contract_is_carried_from_its_first_report_to_the_closed_project_and_its_dossier() {
    let app = TestApp::spawn().await;
    let (contract, project) = contract_of(&app).await;
    let org = app.login("org-1").await;
    let supervisor = app.login("evaluator-1").await;
    let staff = app.login("gz-staff").await;
    let admin = app.login("gd-admin").await;

    // The schedule came with the signature: quarterly reports, one of them the
    // mid-term report, the last the final one.
    let periodic = reports_of(&app, contract, "periodic").await;
    let midterm = reports_of(&app, contract, "midterm").await;
    let last = reports_of(&app, contract, "final").await;
    assert!(!periodic.is_empty());
    assert_eq!((midterm.len(), last.len()), (1, 1));
    assert!(org.get("/reports").await.contains(PROJECT));
    let contract_page = org.get(&format!("/contracts/{contract}")).await;
    assert!(contract_page.contains("报告计划") && contract_page.contains("中期报告"));

    // Spending beyond a budget line is refused beside the field, and nothing
    // of what was typed is lost or written.
    let first = periodic[0];
    org.get(&format!("/reports/{first}")).await;
    let over = org
        .post(
            &format!("/reports/{first}"),
            &[
                ("people_served", "150"),
                ("personnel", "120000.01"),
                ("narrative", "第一季度驻点服务"),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(over.status, 422);
    assert!(over.contains("超出该科目剩余额度"));
    assert!(over.contains("第一季度驻点服务") && over.contains("120000.01"));
    assert_eq!(report_status(&app, first).await, "due");

    // A draft, then the submission: read-only for the organization, and the
    // project is under way.
    let draft = org
        .post(
            &format!("/reports/{first}"),
            &[("people_served", "150"), ("action", "save")],
        )
        .await;
    assert_eq!(draft.status, 303);
    assert_eq!(report_status(&app, first).await, "draft");
    assert_eq!(submit_report(&org, first, "150", "30000").await, 303);
    assert_eq!(report_status(&app, first).await, "submitted");
    assert_eq!(project_status(&app, project).await, "in_progress");
    let again = org
        .post(
            &format!("/reports/{first}"),
            &[("people_served", "999"), ("action", "save")],
        )
        .await;
    assert!(org.get(again.location()).await.contains("不能再修改"));

    // The supervisor returns it with comments; the organization corrects and
    // submits again; staff accept. Both versions are kept.
    assert!(supervisor.get("/reports").await.contains(PROJECT));
    supervisor.get(&format!("/reports/{first}")).await;
    let returned = supervisor
        .post(
            &format!("/reports/{first}/return"),
            &[("comment", "请补充签到表")],
        )
        .await;
    assert_eq!(returned.status, 303);
    assert_eq!(report_status(&app, first).await, "returned");
    assert!(
        org.get(&format!("/reports/{first}"))
            .await
            .contains("请补充签到表")
    );
    org.get(&format!("/reports/{first}")).await;
    let photo = org
        .upload_with(
            &format!("/reports/{first}/attachments"),
            &[("label", "sign_in")],
            "签到表.pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(photo.status, 303);
    assert_eq!(submit_report(&org, first, "160", "30000").await, 303);
    staff.get(&format!("/reports/{first}")).await;
    assert_eq!(
        staff
            .post(&format!("/reports/{first}/accept"), &[])
            .await
            .status,
        303
    );
    let versions = scalar(
        &app,
        "select string_agg(version || ':' || coalesce(outcome, '-'), ',' order by version)
           from report_versions where report_id = $1",
        first,
    )
    .await;
    assert_eq!(versions, "1:returned,2:accepted");

    // The mid-term report, accepted by the supervisor, opens the mid-term
    // evaluation; the supervisor scores it low, staff make it final: 不合格.
    let mid = midterm[0];
    assert_eq!(submit_report(&org, mid, "300", "30000").await, 303);
    supervisor.get(&format!("/reports/{mid}")).await;
    supervisor
        .post(&format!("/reports/{mid}/accept"), &[])
        .await;
    let mid_eval = evaluation_of(&app, contract, "midterm").await;
    // An incomplete sheet is not submitted.
    supervisor.get(&format!("/evaluations/{mid_eval}")).await;
    let incomplete = supervisor
        .post(
            &format!("/evaluations/{mid_eval}/sheet"),
            &[("action", "submit")],
        )
        .await;
    assert_eq!(incomplete.status, 422);
    assert_eq!(score(&app, &supervisor, mid_eval, 50).await, 303);
    assert_eq!(
        org.get(&format!("/evaluations/{mid_eval}")).await.status,
        404,
        "the organization sees an evaluation only once it is final"
    );
    staff.get(&format!("/evaluations/{mid_eval}")).await;
    let failed = staff
        .post(
            &format!("/evaluations/{mid_eval}/finalize"),
            &[("conclusion", "服务台账不完整，满意度偏低。")],
        )
        .await;
    assert!(
        staff
            .get(failed.location())
            .await
            .contains("须下达整改通知")
    );
    let own_result = org.get(&format!("/evaluations/{mid_eval}")).await;
    assert!(own_result.contains("不合格") && own_result.contains("服务台账不完整"));
    assert!(
        !own_result.contains("依据台账"),
        "no sheet, no reviewer's note"
    );

    // Payments: the first installment on signing; the second waits for the
    // failed mid-term evaluation to be rectified.
    let amount_fen: i64 = {
        let mut conn = app.owner().await;
        sqlx::query_scalar("select amount_fen from contracts where id = $1")
            .bind(contract)
            .fetch_one(&mut conn)
            .await
            .expect("amount")
    };
    let share = |percent: i64| format!("{}", amount_fen * percent / 100 / 100);
    assert_eq!(
        staff
            .get(&format!("/contracts/{contract}/payments?position=1"))
            .await
            .status,
        403,
        "staff do not pay"
    );
    assert_eq!(pay(&admin, contract, "1", &share(40)).await.status, 303);
    let twice = pay(&admin, contract, "1", &share(40)).await;
    assert_eq!(twice.status, 422);
    assert!(twice.contains("不能重复办理"));
    let blocked = pay(&admin, contract, "2", &share(30)).await;
    assert_eq!(blocked.status, 422);
    assert!(blocked.contains("中期评估不合格"));

    // The rectification order: issued by the supervisor, answered with
    // evidence by the organization, closed by the supervisor.
    supervisor
        .get(&format!("/contracts/{contract}/rectifications"))
        .await;
    let issued = supervisor
        .post(
            &format!("/contracts/{contract}/rectifications"),
            &[
                ("problem", "服务台账不完整"),
                ("requirement", "补齐签到表和服务记录，每月报送"),
                (
                    "deadline",
                    &(chrono::Local::now().date_naive() + chrono::Days::new(14)).to_string(),
                ),
            ],
        )
        .await;
    assert_eq!(issued.status, 303);
    let order = issued
        .location()
        .trim_start_matches("/rectifications/")
        .to_owned();
    assert!(org.get("/").await.contains("待回复的整改通知"));
    org.get(&format!("/rectifications/{order}")).await;
    let answered = org
        .upload_with(
            &format!("/rectifications/{order}/answer"),
            &[("answer", "已补齐 3 个月的签到表和服务记录")],
            "台账.pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(answered.status, 303);
    supervisor.get(&format!("/rectifications/{order}")).await;
    assert_eq!(
        supervisor
            .post(&format!("/rectifications/{order}/close"), &[])
            .await
            .status,
        303
    );
    assert_eq!(pay(&admin, contract, "2", &share(30)).await.status, 303);

    // The final report moves the project to its final evaluation; the
    // supervisor (90 %) and staff (80 %) score; the mean, 85, is 良好.
    let fin = last[0];
    assert_eq!(submit_report(&org, fin, "900", "20000").await, 303);
    supervisor.get(&format!("/reports/{fin}")).await;
    supervisor
        .post(&format!("/reports/{fin}/accept"), &[])
        .await;
    assert_eq!(project_status(&app, project).await, "final_evaluation");
    let final_eval = evaluation_of(&app, contract, "final").await;
    assert_eq!(score(&app, &staff, final_eval, 80).await, 303);
    // Scorers score independently: the supervisor does not see staff's sheet
    // before its own is in.
    let staff_name: String = {
        let mut conn = app.owner().await;
        sqlx::query_scalar("select display_name from users where username = 'gz-staff'")
            .fetch_one(&mut conn)
            .await
            .expect("name")
    };
    let blind = supervisor.get(&format!("/evaluations/{final_eval}")).await;
    assert!(blind.contains("我的评分") && !blind.contains(&staff_name));
    assert_eq!(score(&app, &supervisor, final_eval, 90).await, 303);
    assert!(
        supervisor
            .get(&format!("/evaluations/{final_eval}"))
            .await
            .contains(&staff_name)
    );
    staff.get(&format!("/evaluations/{final_eval}")).await;
    staff
        .post(
            &format!("/evaluations/{final_eval}/finalize"),
            &[("conclusion", "目标基本完成，服务对象满意。")],
        )
        .await;
    assert_eq!(
        scalar(
            &app,
            "select grade || ' ' || total_hundredths from evaluations where id = $1",
            final_eval
        )
        .await,
        "good 8500"
    );

    // The last installment: not a fen above what the contract has left.
    let over = pay(&admin, contract, "3", &format!("{}.01", share(30))).await;
    assert_eq!(over.status, 422);
    assert!(over.contains("超出合同未拨付余额"));
    let remainder = format!(
        "{}",
        (amount_fen - amount_fen * 40 / 100 - amount_fen * 30 / 100) / 100
    );
    assert_eq!(pay(&admin, contract, "3", &remainder).await.status, 303);
    let paid: i64 = {
        let mut conn = app.owner().await;
        sqlx::query_scalar("select sum(amount_fen)::int8 from payments where contract_id = $1")
            .bind(contract)
            .fetch_one(&mut conn)
            .await
            .expect("paid")
    };
    assert_eq!(paid, amount_fen);

    // Closing, with outcomes and lessons.
    admin.get(&format!("/projects/{project}/close")).await;
    let empty = admin
        .post(&format!("/projects/{project}/close"), &[("outcomes", "")])
        .await;
    assert_eq!(empty.status, 422);
    let closed = admin
        .post(
            &format!("/projects/{project}/close"),
            &[
                ("outcomes", "服务新市民职工 1360 人次，调解劳动争议 42 件。"),
                ("lessons", "驻点与线上咨询结合效果好；台账须按月整理。"),
            ],
        )
        .await;
    assert_eq!(closed.status, 303);
    assert_eq!(project_status(&app, project).await, "closed");
    let page = admin.get(&format!("/projects/{project}")).await;
    assert!(page.contains("结项情况") && page.contains("良好"));

    // The organization's record shows the project and its grade to the
    // unions that consider it.
    let org_id: Uuid = {
        let mut conn = app.owner().await;
        sqlx::query_scalar("select org_id from contracts where id = $1")
            .bind(contract)
            .fetch_one(&mut conn)
            .await
            .expect("org")
    };
    let record = staff.get(&format!("/orgs/{org_id}")).await;
    assert!(record.contains(PROJECT) && record.contains("85.00") && record.contains("良好"));

    // The dossier: a readable summary, every attachment, a manifest whose sums
    // are those of the files.
    let (status, disposition, bytes) = admin
        .download_file(&format!("/projects/{project}/dossier"))
        .await;
    assert_eq!(status, 200);
    assert!(disposition.contains("dossier.zip"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut read = |name: &str| {
        let mut file = zip.by_name(name).expect(name);
        let mut out = Vec::new();
        file.read_to_end(&mut out).expect("read");
        out
    };
    let summary = String::from_utf8(read("summary.html")).expect("utf-8");
    for text in [PROJECT, "请补充签到表", "服务台账不完整", "目标基本完成"] {
        assert!(summary.contains(text), "summary holds {text}");
    }
    let manifest = String::from_utf8(read("manifest.csv")).expect("utf-8");
    let attachments: Vec<&str> = manifest
        .lines()
        .skip(1)
        .filter(|l| l.starts_with("attachments/"))
        .collect();
    assert!(
        attachments.iter().any(|l| l.contains("签到表.pdf"))
            && attachments.iter().any(|l| l.contains("台账.pdf"))
            && attachments
                .iter()
                .filter(|l| l.contains("voucher.pdf"))
                .count()
                == 3,
        "{manifest}"
    );
    for line in attachments {
        // path, description, size, date, sha256
        let columns: Vec<&str> = line.split(',').collect();
        let (path, sum) = (columns[0], columns[4]);
        let digest = Sha256::digest(read(path))
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>();
        assert_eq!(digest, sum, "{path}");
    }
}

/// Sets a report's due date `days` before China's today (it stays open).
async fn due_days_ago(app: &TestApp, report: Uuid, days: i32) {
    let mut conn = app.owner().await;
    sqlx::query(
        "update reports set period_starts_on = d - 90, period_ends_on = d - 10, due_on = d
           from (select (now() at time zone 'Asia/Shanghai')::date - $2 as d) today
          where id = $1",
    )
    .bind(report)
    .bind(days)
    .execute(&mut conn)
    .await
    .expect("an older due date");
}

/// The `(class, text)` of every badge in `body`'s main content.
pub fn badges(body: &str) -> Vec<(String, String)> {
    let document = scraper::Html::parse_document(body);
    let tags = scraper::Selector::parse("main .tag").expect("a selector");
    document
        .select(&tags)
        .map(|tag| {
            (
                tag.value().attr("class").unwrap_or_default().to_owned(),
                tag.text().collect::<String>().trim().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_report_form_lists_the_budgeted_lines_and_takes_files_before_the_submission() {
    let app = TestApp::spawn().await;
    let (contract, _) = contract_of(&app).await;
    let first = reports_of(&app, contract, "periodic").await[0];
    let budgeted: Vec<bool> = {
        let mut conn = app.owner().await;
        let lines: (i64, i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
            "select a.personnel_fen, a.activities_fen, a.publicity_fen, a.transport_fen,
                    a.office_fen, a.experts_fen, a.management_fen, a.evaluation_fen
               from contracts c join applications a on a.id = c.application_id where c.id = $1",
        )
        .bind(contract)
        .fetch_one(&mut conn)
        .await
        .expect("the budget");
        vec![
            lines.0 > 0,
            lines.1 > 0,
            lines.2 > 0,
            lines.3 > 0,
            lines.4 > 0,
            lines.5 > 0,
            lines.6 > 0,
            lines.7 > 0,
        ]
    };
    assert_eq!(
        budgeted,
        [true, true, false, false, false, false, false, false],
        "the demo budgets personnel and activities only"
    );
    let org = app.login("org-1").await;
    let page = org.get(&format!("/reports/{first}")).await;
    for (line, shown) in [
        ("personnel", true),
        ("activities", true),
        ("publicity", false),
        ("transport", false),
        ("office", false),
        ("experts", false),
        ("management", false),
        ("evaluation", false),
    ] {
        assert_eq!(
            page.contains(&format!("name=\"{line}\"")),
            shown,
            "the {line} line"
        );
    }
    // The organization's files go up before it submits: the upload comes
    // before the submit button, and says why.
    let upload = page
        .body
        .find(&format!("action=\"/reports/{first}/attachments\""))
        .expect("the upload form");
    let submit = page
        .body
        .find("value=\"submit\"")
        .expect("the submit button");
    assert!(upload < submit, "the upload sits before 提交报告");
    assert!(page.contains("提交报告前先上传"));

    // A line without a budget that holds spending is shown, so that it can be
    // corrected.
    let mut conn = app.owner().await;
    sqlx::query("update reports set publicity_fen = 5000 where id = $1")
        .bind(first)
        .execute(&mut conn)
        .await
        .expect("spending on an unbudgeted line");
    let page = org.get(&format!("/reports/{first}")).await;
    assert_eq!(page.field_value("publicity").as_deref(), Some("50"));
    assert!(!page.contains("name=\"transport\""));
}

#[tokio::test]
async fn the_organizations_reports_open_on_what_it_has_to_fill_in_with_the_tab_marked() {
    let app = TestApp::spawn().await;
    let (contract, _) = contract_of(&app).await;
    let periodic = reports_of(&app, contract, "periodic").await;
    let org = app.login("org-1").await;
    let list = org.get("/reports").await;
    assert!(
        list.contains("<a href=\"/reports?show=to_fill\" aria-current=\"page\">待填报</a>"),
        "{}",
        list.body
    );
    assert!(list.contains(&format!("/reports/{}", periodic[0])));
    assert_eq!(submit_report(&org, periodic[0], "120", "10000").await, 303);
    let to_fill = org.get("/reports?show=to_fill").await;
    assert!(!to_fill.contains(&format!("/reports/{}", periodic[0])));
    assert!(to_fill.contains(&format!("/reports/{}", periodic[1])));
    let waiting = org.get("/reports?show=waiting").await;
    assert!(waiting.contains(&format!("/reports/{}", periodic[0])));
    assert!(waiting.contains("<a href=\"/reports?show=waiting\" aria-current=\"page\">"));
    assert!(!waiting.contains("<a href=\"/reports?show=to_fill\" aria-current"));

    // The current tab is marked visibly too, not only for screen readers.
    assert!(waiting.contains("class=\"section-nav tabs\""));
    let css = org.get("/static/app.css").await;
    assert!(
        css.contains(".section-nav.tabs a[aria-current=\"page\"] {"),
        "a style for the current tab"
    );

    // A cadre's list still opens on what waits for a decision.
    let staff = app.login("gz-staff").await;
    assert!(
        staff
            .get("/reports")
            .await
            .contains("<a href=\"/reports?show=waiting\" aria-current=\"page\">")
    );
}

#[tokio::test]
async fn overdue_reports_say_how_late_they_are_in_a_tone_that_grows_with_the_age() {
    let app = TestApp::spawn().await;
    let (contract, _) = contract_of(&app).await;
    let periodic = reports_of(&app, contract, "periodic").await;
    due_days_ago(&app, periodic[0], 3).await;
    due_days_ago(&app, periodic[1], 800).await;
    let staff = app.login("gz-staff").await;
    let overdue = badges(&staff.get("/reports?show=overdue").await.body);
    assert!(
        overdue.contains(&("tag overdue-week".into(), "逾期 3 天".into())),
        "{overdue:?}"
    );
    assert!(
        overdue.contains(&("tag overdue-long".into(), "逾期 2 年".into())),
        "{overdue:?}"
    );
    assert!(
        overdue.contains(&("tag tone-waiting".into(), "待填报".into())),
        "the status beside it, in the waiting tone: {overdue:?}"
    );
    let org = app.login("org-1").await;
    let report = badges(&org.get(&format!("/reports/{}", periodic[1])).await.body);
    assert!(report.contains(&("tag overdue-long".into(), "逾期 2 年".into())));
    let schedule = badges(&org.get(&format!("/contracts/{contract}")).await.body);
    assert!(
        schedule.contains(&("tag overdue-week".into(), "逾期 3 天".into())),
        "the contract's report schedule too: {schedule:?}"
    );
}
