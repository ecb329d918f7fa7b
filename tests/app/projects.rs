//! Worker needs, indicator systems and projects from draft to published call:
//! the lifecycle's rules, approval by budget, two approvers at once, bad
//! input, and the walls between tenants.

use chrono::{Days, Local};
use uuid::Uuid;

use crate::common::{Client, Page, TestApp};

pub fn day(n: i64) -> String {
    let today = Local::now().date_naive();
    if n >= 0 {
        today + Days::new(n.unsigned_abs())
    } else {
        today - Days::new(n.unsigned_abs())
    }
    .to_string()
}

pub fn fields<'a>(pairs: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The national default system of `kind`.
async fn national_system(app: &TestApp, kind: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar(
        "select s.id from indicator_systems s join unions u on u.id = s.union_id
          where u.level = 'national' and s.kind = $1 and s.status = 'published'",
    )
    .bind(kind)
    .fetch_one(&mut conn)
    .await
    .expect("national default system")
}

/// A complete, valid draft of `budget` yuan for the union `union_id`.
pub async fn draft(app: &TestApp, union_id: i64, budget: &str) -> Vec<(&'static str, String)> {
    vec![
        ("union_id", union_id.to_string()),
        ("title", "新就业形态劳动者关爱服务".into()),
        ("domain", "outdoor_workers".into()),
        (
            "description",
            "为外卖骑手、快递员提供驿站服务与职业伤害保障咨询。".into(),
        ),
        ("target_group", "外卖骑手、快递员".into()),
        ("target_people", "2000".into()),
        ("target_activities", "40".into()),
        ("target_service_hours", "1200".into()),
        ("budget", budget.into()),
        ("union_funds", budget.into()),
        ("eligible_types", "social_service_agency".into()),
        ("eligible_types", "social_group".into()),
        ("min_rating", "3".into()),
        ("min_years", "2".into()),
        ("apply_opens_on", day(0)),
        ("apply_closes_on", day(20)),
        ("service_starts_on", day(40)),
        ("service_ends_on", day(400)),
        (
            "review_system_id",
            national_system(app, "approval_review").await.to_string(),
        ),
        (
            "midterm_system_id",
            national_system(app, "midterm").await.to_string(),
        ),
        (
            "performance_system_id",
            national_system(app, "performance").await.to_string(),
        ),
        ("version", "0".into()),
    ]
}

/// Creates the draft through the form; returns the project's id.
pub async fn create(client: &Client, pairs: &[(&'static str, String)]) -> Uuid {
    client.get("/projects/new").await;
    let page = client.post("/projects", &fields(pairs)).await;
    assert_eq!(page.status, 303, "{}", page.body);
    page.location()
        .trim_start_matches("/projects/")
        .parse()
        .expect("project id in the redirect")
}

pub async fn status_of(app: &TestApp, id: Uuid) -> String {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select status from projects where id = $1")
        .bind(id)
        .fetch_one(&mut conn)
        .await
        .expect("project")
}

/// Posts a move from the project's page, as its buttons do.
pub async fn act(client: &Client, id: Uuid, action: &str, comment: &str) -> Page {
    client.get(&format!("/projects/{id}")).await;
    client
        .post(&format!("/projects/{id}/{action}"), &[("comment", comment)])
        .await
}

#[tokio::test]
async fn a_need_is_recorded_refused_when_incomplete_and_kept_in_its_province() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let gz = app.union_id(Some("440100")).await;
    staff.get("/needs/new").await;
    let refused = staff
        .post(
            "/needs",
            &[
                ("union_id", &gz.to_string()),
                ("title", "快递员夏季防暑"),
                ("domain", "safety_health"),
                ("source", "visit"),
                ("workers_affected", "300"),
                ("collected_on", &day(3)),
                ("priority", "high"),
                ("suitable_for_purchase", "no"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("日期不能晚于今天"), "{}", refused.body);
    assert!(refused.contains("不适合购买服务时，请说明原因"));
    assert!(refused.contains("快递员夏季防暑"), "what was typed stays");
    let mut conn = app.owner().await;
    let count: i64 =
        sqlx::query_scalar("select count(*) from needs where title = '快递员夏季防暑'")
            .fetch_one(&mut conn)
            .await
            .expect("count");
    assert_eq!(count, 0);

    let saved = staff
        .post(
            "/needs",
            &[
                ("union_id", &gz.to_string()),
                ("title", "快递员夏季防暑"),
                ("domain", "safety_health"),
                ("source", "visit"),
                ("workers_affected", "300"),
                ("collected_on", &day(-3)),
                ("priority", "high"),
                ("suitable_for_purchase", "yes"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let list = staff.get("/needs?source=visit").await;
    assert!(list.contains("快递员夏季防暑"));
    assert!(
        !staff
            .get("/needs?source=hotline")
            .await
            .contains("快递员夏季防暑")
    );

    let beijing = app.login("bj-admin").await;
    assert_eq!(beijing.get(saved.location()).await.status, 404);
    assert!(!beijing.get("/needs").await.contains("快递员夏季防暑"));
    let sibling = app.login("sz-staff").await;
    assert_eq!(sibling.get(saved.location()).await.status, 404);
}

#[tokio::test]
async fn a_project_goes_from_needs_to_a_published_call_and_to_review() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let gz = app.union_id(Some("440100")).await;
    let need = {
        let mut conn = app.owner().await;
        sqlx::query_scalar::<_, Uuid>(
            "insert into needs (union_id, title, domain, source, workers_affected, collected_on,
                                priority, suitable_for_purchase)
             values ($1, '外卖骑手职业伤害保障咨询', 'social_security', 'survey', 1200,
                     current_date - 10, 'high', true) returning id",
        )
        .bind(gz)
        .fetch_one(&mut conn)
        .await
        .expect("need")
    };
    let form = staff.get(&format!("/projects/new?need={need}")).await;
    assert_eq!(form.status, 200);
    assert_eq!(
        form.field_value("title").as_deref(),
        Some("外卖骑手职业伤害保障咨询"),
        "the draft starts from the need"
    );
    let mut pairs = draft(&app, gz, "300000").await;
    pairs.push(("need", need.to_string()));
    let id = create(&staff, &pairs).await;
    let code: String = {
        let mut conn = app.owner().await;
        sqlx::query_scalar("select code from projects where id = $1")
            .bind(id)
            .fetch_one(&mut conn)
            .await
            .expect("code")
    };
    let year = Local::now().format("%Y").to_string();
    let (prefix, number) = code.rsplit_once('-').expect("a numbered code");
    assert_eq!(
        prefix,
        format!("{year}-GD"),
        "numbered per province and year"
    );
    assert!(number.len() == 4 && number.bytes().all(|b| b.is_ascii_digit()));
    assert!(staff.get(&format!("/projects/{id}")).await.contains(&code));
    assert!(staff.get(&format!("/needs/{need}")).await.contains(&code));

    // A draft cannot be published before it is approved.
    act(&staff, id, "publish", "").await;
    assert_eq!(status_of(&app, id).await, "draft");

    assert_eq!(act(&staff, id, "submit", "").await.status, 303);
    assert_eq!(status_of(&app, id).await, "pending_approval");
    // 30万 is below Guangdong's threshold: the parent of 广州市总工会 approves,
    // that is 广东省总工会; a cadre of the city does not.
    assert_eq!(act(&staff, id, "approve", "").await.status, 403);
    let province = app.login("gd-admin").await;
    let refused = act(&province, id, "return", "  ").await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("退回时请写明修改意见"));
    assert_eq!(status_of(&app, id).await, "pending_approval");
    assert_eq!(
        act(&province, id, "return", "请补充服务频次").await.status,
        303
    );
    assert_eq!(status_of(&app, id).await, "draft");
    act(&staff, id, "submit", "").await;
    assert_eq!(act(&province, id, "approve", "同意").await.status, 303);
    assert_eq!(act(&staff, id, "publish", "").await.status, 303);
    assert_eq!(status_of(&app, id).await, "open");

    let public = app.client().get("/calls/public").await;
    assert_eq!(public.status, 200);
    assert!(public.contains("新就业形态劳动者关爱服务"));
    assert!(public.contains(&code));

    // The window closes: the periodic job moves the call to review.
    let mut conn = app.owner().await;
    sqlx::query(
        "update projects set apply_opens_on = current_date - 30, apply_closes_on = current_date - 1
          where id = $1",
    )
    .bind(id)
    .execute(&mut conn)
    .await
    .expect("back-date the window");
    let moved = niudai::projects::db::close_windows(&mut conn, "系统（申报截止）")
        .await
        .expect("close windows");
    assert_eq!(moved, 1);
    assert_eq!(status_of(&app, id).await, "reviewing");
    let timeline = staff.get(&format!("/projects/{id}")).await;
    for step in ["请补充服务频次", "同意", "系统（申报截止）", "评审中"] {
        assert!(timeline.contains(step), "timeline shows {step}");
    }
    assert!(!app.client().get("/calls/public").await.contains(&code));
}

#[tokio::test]
async fn above_the_threshold_the_province_approves_never_its_own_and_only_once() {
    let app = TestApp::spawn().await;
    let province = app.login("gd-admin").await;
    let gd = app.union_id(Some("440000")).await;
    let id = create(&province, &draft(&app, gd, "800000").await).await;
    act(&province, id, "submit", "").await;
    assert_eq!(
        act(&province, id, "approve", "").await.status,
        403,
        "nobody approves their own project"
    );
    app.add_user("gd-admin-2", "admin", gd).await;
    let national = app.login("national-admin").await;
    let colleague = app.login("gd-admin-2").await;
    national.get(&format!("/projects/{id}")).await;
    colleague.get(&format!("/projects/{id}")).await;
    let approve = format!("/projects/{id}/approve");
    let (a, b) = tokio::join!(
        national.post(&approve, &[("comment", "")]),
        colleague.post(&approve, &[("comment", "")]),
    );
    assert_eq!((a.status, b.status), (303, 303));
    let mut conn = app.owner().await;
    let approvals: i64 = sqlx::query_scalar(
        "select count(*) from project_events where project_id = $1 and to_status = 'approved'",
    )
    .bind(id)
    .fetch_one(&mut conn)
    .await
    .expect("events");
    assert_eq!(approvals, 1, "the project is approved once");
    let told = [(&national, a), (&colleague, b)];
    let mut losers = 0;
    for (client, page) in told {
        let shown = client.get(page.location()).await;
        if shown.contains("操作未执行") {
            losers += 1;
        }
    }
    assert_eq!(losers, 1, "the second approver is told someone acted first");
}

#[tokio::test]
async fn bad_drafts_are_refused_with_messages_and_write_nothing() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let gz = app.union_id(Some("440100")).await;
    let mut pairs = draft(&app, gz, "300000").await;
    for (key, value) in pairs.iter_mut() {
        match *key {
            "union_funds" => *value = "200000".into(),
            "apply_closes_on" => *value = day(-1),
            "service_ends_on" => *value = day(30),
            "review_system_id" => *value = national_system(&app, "midterm").await.to_string(),
            _ => {}
        }
    }
    staff.get("/projects/new").await;
    let page = staff.post("/projects", &fields(&pairs)).await;
    assert_eq!(page.status, 422);
    for message in [
        "须等于项目预算",
        "申报截止日期不能早于今天",
        "服务结束日期须晚于开始日期",
    ] {
        assert!(page.contains(message), "shows {message}");
    }
    assert!(
        page.contains("新就业形态劳动者关爱服务"),
        "keeps what was typed"
    );
    let mut conn = app.owner().await;
    let count: i64 = sqlx::query_scalar("select count(*) from projects where title = $1")
        .bind("新就业形态劳动者关爱服务")
        .fetch_one(&mut conn)
        .await
        .expect("count");
    assert_eq!(count, 0);
}

#[tokio::test]
async fn projects_stay_inside_their_scope() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let gz = app.union_id(Some("440100")).await;
    let id = create(&staff, &draft(&app, gz, "300000").await).await;
    for username in ["bj-admin", "sz-staff", "reviewer-1", "org-1"] {
        let other = app.login(username).await;
        let status = other.get(&format!("/projects/{id}")).await.status;
        assert!(matches!(status, 403 | 404), "{username} got {status}");
        let posted = act(&other, id, "cancel", "不需要了").await.status;
        assert!(matches!(posted, 403 | 404), "{username} got {posted}");
    }
    let province = app.login("gd-viewer").await;
    assert_eq!(province.get(&format!("/projects/{id}")).await.status, 200);
    assert_eq!(act(&province, id, "cancel", "不需要了").await.status, 403);
    let sibling = app.login("sz-staff").await;
    assert!(
        !sibling
            .get("/projects")
            .await
            .contains("新就业形态劳动者关爱服务")
    );
    // A cancellation needs a reason, and then is final.
    assert_eq!(act(&staff, id, "cancel", "").await.status, 422);
    assert_eq!(act(&staff, id, "cancel", "预算调整").await.status, 303);
    assert_eq!(status_of(&app, id).await, "cancelled");
    act(&staff, id, "submit", "").await;
    assert_eq!(status_of(&app, id).await, "cancelled");
}

#[tokio::test]
async fn a_province_adapts_an_indicator_system_and_published_versions_never_change() {
    let app = TestApp::spawn().await;
    let province = app.login("gd-admin").await;
    let national = national_system(&app, "approval_review").await;
    let shown = province.get(&format!("/indicators/{national}")).await;
    assert!(shown.contains("需求调研充分性"));
    let copied = province
        .post(&format!("/indicators/{national}/copy"), &[])
        .await;
    assert_eq!(copied.status, 303);
    let editor = province.get(copied.location()).await;
    assert_eq!(editor.status, 200);
    let draft_id: Uuid = copied
        .location()
        .trim_start_matches("/indicators/")
        .trim_end_matches("/edit")
        .parse()
        .expect("draft id");
    let rows = [
        ("1", "需求与必要性", "40"),
        ("1.1", "需求调研充分性", "20"),
        ("1.2", "与工会职能契合度", "20"),
        ("2", "承接能力", "60"),
        ("2.1", "团队专业性", "50"),
    ];
    let mut pairs: Vec<(&str, &str)> = vec![
        ("name", "广东省立项评审指标"),
        ("excellent_min", "90"),
        ("good_min", "80"),
        ("pass_min", "60"),
    ];
    for (code, label, weight) in rows {
        pairs.extend([
            ("code", code),
            ("label", label),
            ("weight", weight),
            ("guidance", ""),
        ]);
    }
    let refused = province
        .post(&format!("/indicators/{draft_id}/edit"), &pairs)
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.contains("下级分值之和须等于上级分值"),
        "{}",
        refused.body
    );
    assert!(refused.contains("广东省立项评审指标"));
    let fixed: Vec<(&str, &str)> = pairs
        .iter()
        .map(|&(k, v)| {
            if (k, v) == ("weight", "50") {
                (k, "60")
            } else {
                (k, v)
            }
        })
        .collect();
    assert_eq!(
        province
            .post(&format!("/indicators/{draft_id}/edit"), &fixed)
            .await
            .status,
        303
    );
    province.get(&format!("/indicators/{draft_id}")).await;
    assert_eq!(
        province
            .post(&format!("/indicators/{draft_id}/publish"), &[])
            .await
            .status,
        303
    );

    // Published: the editor refuses, the database refuses, revising makes v2.
    let again = province
        .post(&format!("/indicators/{draft_id}/edit"), &fixed)
        .await;
    assert_eq!(again.status, 303);
    let mut owner = app.owner().await;
    let frozen = sqlx::query("update indicators set weight = 1 where system_id = $1")
        .bind(draft_id)
        .execute(&mut owner)
        .await;
    assert!(
        frozen.is_err(),
        "even the owner cannot change a published version"
    );
    let revised = province
        .post(&format!("/indicators/{draft_id}/revise"), &[])
        .await;
    assert_eq!(revised.status, 303);
    let version: i32 = sqlx::query_scalar(
        "select max(version) from indicator_systems
          where lineage = (select lineage from indicator_systems where id = $1)",
    )
    .bind(draft_id)
    .fetch_one(&mut owner)
    .await
    .expect("versions");
    assert_eq!(version, 2);

    // The published system is offered to Guangdong's projects, not Beijing's.
    let staff = app.login("gz-staff").await;
    assert!(
        staff
            .get("/projects/new")
            .await
            .contains("广东省立项评审指标")
    );
    let beijing = app.login("bj-admin").await;
    assert!(
        !beijing
            .get("/projects/new")
            .await
            .contains("广东省立项评审指标")
    );
    // A city cadre neither copies nor edits indicator systems.
    assert_eq!(
        staff
            .post(&format!("/indicators/{national}/copy"), &[])
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn a_provincial_admin_sets_the_threshold_that_decides_who_approves() {
    let app = TestApp::spawn().await;
    let gd = app.union_id(Some("440000")).await;
    let gz = app.union_id(Some("440100")).await;
    let city = app.login("gz-staff").await;
    city.get(&format!("/unions/{gz}")).await;
    assert_eq!(
        city.post(
            &format!("/unions/{gd}/approval-threshold"),
            &[("yuan", "1")]
        )
        .await
        .status,
        404,
        "the province is above a city's scope"
    );
    let province = app.login("gd-admin").await;
    province.get(&format!("/unions/{gd}")).await;
    let saved = province
        .post(
            &format!("/unions/{gd}/approval-threshold"),
            &[("yuan", "100000")],
        )
        .await;
    assert_eq!(saved.status, 303);
    // 30万 is now above Guangdong's threshold: the province approves, not as
    // the city's parent but as the provincial union; the national admin too.
    let staff = app.login("gz-staff").await;
    let id = create(&staff, &draft(&app, gz, "300000").await).await;
    act(&staff, id, "submit", "").await;
    let national = app.login("national-admin").await;
    assert_eq!(act(&national, id, "approve", "").await.status, 303);
    assert_eq!(status_of(&app, id).await, "approved");
    // A county project under the threshold is approved by its city, whose
    // admin the province is not.
    province
        .post(
            &format!("/unions/{gd}/approval-threshold"),
            &[("yuan", "1000000")],
        )
        .await;
    let th = app.union_id(Some("440106")).await;
    let id = create(&staff, &draft(&app, th, "300000").await).await;
    act(&staff, id, "submit", "").await;
    assert_eq!(act(&province, id, "approve", "").await.status, 403);
    app.add_user("gz-admin", "admin", gz).await;
    let city_admin = app.login("gz-admin").await;
    assert_eq!(act(&city_admin, id, "approve", "").await.status, 303);
}

#[tokio::test]
async fn needs_import_checks_every_row_and_writes_all_or_the_valid_ones_only() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let (status, _, template) = staff.download_file("/needs/import/template.xlsx").await;
    assert_eq!(status, 200);
    assert!(template.starts_with(b"PK"), "an xlsx");
    let header = "需求标题,服务领域,来源,涉及职工人数,收集日期,优先级,是否适合购买服务,判断理由,需求描述,收集工会（行政区划代码或编号，空则为本单位）";
    let csv = format!(
        "\u{feff}{header}\n\
         园区职工午间休息需求,精神文化,走访,120,2026-05-01,中,是,,午休空间不足,\n\
         ,技能培训,问卷调查,80,2026-05-02,高,是,,,440106\n\
         环卫工人取暖需求,户外劳动者关爱,服务热线,abc,2999-01-01,中,否,,,110105\n"
    );
    let before = needs_count(&app).await;
    staff.get("/needs/import").await;
    let refused = staff
        .upload("/needs/import", "needs.csv", csv.clone().into_bytes())
        .await;
    assert_eq!(refused.status, 422);
    for problem in [
        "此项必填",
        "请填写 0 到",
        "不能晚于今天",
        "不适合购买服务时",
        "找不到收集工会「110105」",
    ] {
        assert!(
            refused.contains(problem),
            "lists: {problem}: {}",
            refused.body
        );
    }
    assert_eq!(needs_count(&app).await, before, "nothing written");
    staff.get("/needs/import").await;
    let partial = staff
        .upload_with(
            "/needs/import",
            &[("valid_only", "on")],
            "needs.csv",
            csv.into_bytes(),
        )
        .await;
    assert_eq!(partial.status, 303, "{}", partial.body);
    assert_eq!(needs_count(&app).await, before + 1, "the one valid row");
    assert!(
        staff
            .get("/needs?q=午间休息")
            .await
            .contains("园区职工午间休息需求")
    );
}

async fn needs_count(app: &TestApp) -> i64 {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select count(*) from needs")
        .fetch_one(&mut conn)
        .await
        .expect("count")
}

#[tokio::test]
async fn the_project_lists_kept_count_follows_every_write() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let count = |page: &Page| -> i64 {
        let text = page.body.split("共 ").nth(1).expect("a count");
        text.split(' ')
            .next()
            .expect("a number")
            .replace(',', "")
            .parse()
            .expect("a number")
    };
    let before = count(&staff.get("/projects").await);
    // Counted again: the same number, from the kept count.
    assert_eq!(count(&staff.get("/projects").await), before);
    let gz = app.union_id(Some("440100")).await;
    create(&staff, &draft(&app, gz, "100000").await).await;
    assert_eq!(count(&staff.get("/projects").await), before + 1);
    // A write by any path moves the count, the owner's own SQL included.
    let drafts = count(&staff.get("/projects?status=draft").await);
    assert!(drafts >= 1);
    let mut conn = app.owner().await;
    sqlx::query(
        "update projects set status = 'cancelled', cancel_reason = '测试'
          where id = (select p.id from projects p join unions u on u.id = p.union_id
                       where p.status = 'draft' and u.id = $1 limit 1)",
    )
    .bind(gz)
    .execute(&mut conn)
    .await
    .expect("a draft cancelled");
    assert_eq!(
        count(&staff.get("/projects?status=draft").await),
        drafts - 1
    );
    assert_eq!(count(&staff.get("/projects").await), before + 1);
}

/// The tone a project's status wears, by its name.
fn project_tone(name: &str) -> Option<&'static str> {
    Some(match name {
        "草稿" => "tone-draft",
        "待审批" => "tone-waiting",
        "已批准" | "申报中" => "tone-open",
        "评审中" | "已确定承接方" | "已签约" | "实施中" | "终期评估" => {
            "tone-active"
        }
        "已结项" => "tone-done",
        "已取消" => "tone-ended",
        _ => return None,
    })
}

/// The badges of `page` named by `tone_of`: each must wear its tone (and
/// always its name); at least `least` of them.
fn assert_toned(page: &Page, tone_of: fn(&str) -> Option<&'static str>, least: usize) {
    let named: Vec<(String, String)> = crate::delivery::badges(&page.body)
        .into_iter()
        .filter(|(_, name)| tone_of(name).is_some())
        .collect();
    assert!(named.len() >= least, "{named:?}");
    for (class, name) in &named {
        let tone = tone_of(name).unwrap_or_default();
        assert_eq!(class, &format!("tag {tone}"), "the badge of {name}");
    }
}

#[tokio::test]
async fn status_badges_take_the_colour_of_their_meaning_beside_their_name() {
    let app = TestApp::spawn().await;
    // The demo's projects, from draft to closed and cancelled: waiting,
    // open, under way, done and ended each look their own.
    let admin = app.login("national-admin").await;
    let list = admin.get("/projects").await;
    assert_toned(&list, project_tone, 8);
    let tones: std::collections::BTreeSet<String> = crate::delivery::badges(&list.body)
        .into_iter()
        .map(|(class, _)| class)
        .collect();
    assert!(tones.len() >= 5, "{tones:?}");

    // A project's status looks the same on the pages of needs and contracts.
    let gd = app.login("gd-admin").await;
    assert_toned(&gd.get("/needs").await, project_tone, 1);
    let gz = app.login("gz-staff").await;
    assert_toned(&gz.get("/contracts").await, project_tone, 1);

    // Applications: the organization's awarded ones are done.
    let org = app.login("org-1").await;
    assert_toned(
        &org.get("/applications").await,
        |name| match name {
            "中标" => Some("tone-done"),
            "未中标" => Some("tone-refused"),
            _ => None,
        },
        1,
    );
    // Reviews: a submitted review is done, one being scored under way.
    assert_toned(
        &app.login("reviewer-1").await.get("/reviews").await,
        |name| (name == "已提交").then_some("tone-done"),
        1,
    );
    let project: Uuid = {
        let mut conn = app.owner().await;
        sqlx::query_scalar("select id from projects where status = 'reviewing'")
            .fetch_one(&mut conn)
            .await
            .expect("the project under review")
    };
    let sz = app.login("sz-staff").await;
    assert_toned(
        &sz.get(&format!("/projects/{project}/reviews")).await,
        |name| match name {
            "已提交" => Some("tone-done"),
            "评分中" | "评审中" => Some("tone-active"),
            "待声明" => Some("tone-waiting"),
            _ => None,
        },
        4,
    );
}
