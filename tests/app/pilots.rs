//! Pilots (`/pilots`): one or two per province, a third refused beside its
//! field unless the national admin grants the exception with a reason; the
//! pilot union's cadres keep the milestones and write notes; overdue
//! milestones on the home pages of the pilot union and its province; every
//! pilot in its scope alone.

use uuid::Uuid;

use crate::common::{Client, Page, TestApp};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// The demo's overdue milestone, of 广州's pilot.
const OVERDUE: &str = "出台服务站点建设与运营规范";

pub async fn pilot_of(app: &TestApp, title: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from pilots where title = $1")
        .bind(title)
        .fetch_one(&mut conn)
        .await
        .expect("a demo pilot")
}

async fn designate(client: &Client, union_id: i64, title: &str, reason: &str) -> Page {
    client.get("/pilots/new").await;
    client
        .post(
            "/pilots",
            &[
                ("union_id", &union_id.to_string()),
                ("title", title),
                ("goals", "建成服务网络，形成可推广的做法"),
                ("starts_on", "2026-01-01"),
                ("planned_end_on", "2027-06-30"),
                ("exception_reason", reason),
            ],
        )
        .await
}

async fn active_in_guangdong(app: &TestApp) -> i64 {
    let mut conn = app.owner().await;
    sqlx::query_scalar(
        "select count(*) from pilots where province = 'cn.u20' and status = 'active'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("count")
}

#[tokio::test]
async fn a_third_pilot_in_a_province_is_refused_unless_the_nation_grants_it_with_a_reason() {
    let app = TestApp::spawn().await;
    let shenzhen = app.union_id(Some("440300")).await;
    let dongguan = app.union_id(Some("441900")).await;
    let province = app.login("gd-admin").await;
    // 广州 is the demo's pilot; 深圳 makes two.
    let page = designate(&province, shenzhen, "深圳市户外劳动者服务试点", "").await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(active_in_guangdong(&app).await, 2);

    // A third is refused beside the union field, whatever reason the
    // province writes: the exception is the nation's.
    let page = designate(&province, dongguan, "东莞市第三个试点", "我们需要").await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-union_id-error"), "{}", page.body);
    assert!(page.contains("本省（区、市）已有两个进行中的试点"));
    assert!(page.contains("东莞市第三个试点"), "what was typed stays");
    assert!(
        !page.contains("name=\"exception_reason\""),
        "the province's form has no exception field"
    );
    assert_eq!(active_in_guangdong(&app).await, 2);

    // The national admin needs a reason, and then may.
    let nation = app.login("national-admin").await;
    let page = designate(&nation, dongguan, "东莞市第三个试点", "").await;
    assert_eq!(page.status, 422);
    assert!(
        page.contains("field-exception_reason-error"),
        "{}",
        page.body
    );
    assert!(page.contains("超额指定须填写例外理由"));
    let page = designate(
        &nation,
        dongguan,
        "东莞市第三个试点",
        "制造业集聚，全总专项支持",
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(active_in_guangdong(&app).await, 3);
    let shown = province.get(page.location()).await;
    assert!(shown.contains("制造业集聚，全总专项支持"));
    assert!(shown.contains("超额例外"));

    // The province still edits the excepted pilot (its exception stays).
    let id = pilot_of(&app, "东莞市第三个试点").await;
    let form = province.get(&format!("/pilots/{id}/edit")).await;
    assert_eq!(form.status, 200);
    let page = province
        .post(
            &format!("/pilots/{id}/edit"),
            &[
                ("union_id", &dongguan.to_string()),
                ("title", "东莞市制造业职工服务试点"),
                ("goals", "建成服务网络"),
                ("starts_on", "2026-01-01"),
                ("planned_end_on", "2027-06-30"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let mut conn = app.owner().await;
    let reason: Option<String> =
        sqlx::query_scalar("select exception_reason from pilots where id = $1")
            .bind(id)
            .fetch_one(&mut conn)
            .await
            .expect("pilot");
    assert_eq!(reason.as_deref(), Some("制造业集聚，全总专项支持"));

    // The database holds the limit too, whatever the application asks.
    let mut serving = app.serving().await;
    sqlx::query("begin")
        .execute(&mut serving)
        .await
        .expect("begin");
    sqlx::query("select set_config('niudai.scope', 'cn.u20', true)")
        .execute(&mut serving)
        .await
        .expect("actor");
    let refused = sqlx::query(
        "insert into pilots (union_id, title, goals, starts_on, planned_end_on)
         values ($1, '第四个试点', '目标', '2026-01-01', '2026-12-31')",
    )
    .bind(shenzhen)
    .execute(&mut serving)
    .await;
    let error = refused.expect_err("a fourth");
    assert_eq!(
        error.as_database_error().and_then(|e| e.constraint()),
        Some("pilots_per_province")
    );
}

async fn milestone_of(app: &TestApp, title: &str) -> (Uuid, Uuid) {
    let mut conn = app.owner().await;
    sqlx::query_as("select pilot_id, id from pilot_milestones where title = $1")
        .bind(title)
        .fetch_one(&mut conn)
        .await
        .expect("a demo milestone")
}

async fn mark_done(client: &Client, pilot: Uuid, milestone: Uuid) -> Page {
    client.get(&format!("/pilots/{pilot}")).await;
    client
        .post(
            &format!("/pilots/{pilot}/milestones/{milestone}"),
            &[
                ("title", OVERDUE),
                ("due_on", "2026-01-15"),
                ("owner_name", "广州市总工会社会联络部"),
                ("status", "done"),
                ("version", "1"),
            ],
        )
        .await
}

#[tokio::test]
async fn an_overdue_milestone_shows_on_both_home_pages_until_the_pilot_union_marks_it_done() {
    let app = TestApp::spawn().await;
    let (pilot, milestone) = milestone_of(&app, OVERDUE).await;
    let city = app.login("gz-staff").await;
    let province = app.login("gd-admin").await;
    for (who, client) in [("gz-staff", &city), ("gd-admin", &province)] {
        let home = client.get("/").await;
        assert!(home.contains("试点逾期节点"), "{who}: {}", home.body);
        assert!(home.contains(OVERDUE), "{who}");
        assert!(
            home.contains(&format!("/pilots/{pilot}#milestones")),
            "{who}"
        );
    }
    for other in ["sz-staff", "bj-admin", "national-admin"] {
        let home = app.login(other).await.get("/").await;
        assert!(!home.contains(OVERDUE), "{other} sees 广州's milestone");
    }
    let page = city.get(&format!("/pilots/{pilot}")).await;
    assert!(page.contains("逾期"), "the pilot page marks it late");

    // Neither a sibling city nor a viewer changes it; the pilot union does.
    let sibling = app.login("sz-staff").await;
    assert_eq!(mark_done(&sibling, pilot, milestone).await.status, 404);
    let viewer = app.login("gd-viewer").await;
    assert_eq!(mark_done(&viewer, pilot, milestone).await.status, 403);
    let page = mark_done(&city, pilot, milestone).await;
    assert_eq!(page.status, 303, "{}", page.body);
    let mut conn = app.owner().await;
    let (status, done_on): (String, Option<chrono::NaiveDate>) =
        sqlx::query_as("select status, done_on from pilot_milestones where id = $1")
            .bind(milestone)
            .fetch_one(&mut conn)
            .await
            .expect("milestone");
    assert_eq!(status, "done");
    assert!(done_on.is_some(), "done today unless said otherwise");
    for client in [&city, &province] {
        assert!(!client.get("/").await.contains(OVERDUE));
    }
    let entries: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where action = 'pilot.milestone_updated'
            and actor_username = 'gz-staff'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("audit");
    assert_eq!(entries, 1);
}

#[tokio::test]
async fn the_pilot_union_adds_milestones_and_notes_with_files_and_the_province_concludes() {
    let app = TestApp::spawn().await;
    let pilot = pilot_of(&app, "新就业形态劳动者服务阵地建设试点").await;
    let city = app.login("gz-staff").await;
    city.get(&format!("/pilots/{pilot}")).await;
    // A milestone refused keeps what was typed, beside its field.
    let page = city
        .post(
            &format!("/pilots/{pilot}/milestones"),
            &[
                ("title", "全市站点验收"),
                ("due_on", "明年"),
                ("status", "planned"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("全市站点验收"));
    assert!(page.contains("field-due_on-error"));
    let page = city
        .post(
            &format!("/pilots/{pilot}/milestones"),
            &[
                ("title", "全市站点验收"),
                ("due_on", "2027-03-31"),
                ("owner_user_id", &app.user_id("gz-staff").await.to_string()),
                ("status", "planned"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let shown = city.get(&format!("/pilots/{pilot}")).await;
    assert!(shown.contains("全市站点验收"));
    assert!(
        shown.contains("广州市总工会干部"),
        "the owner's account by name"
    );

    let page = city
        .upload_with(
            &format!("/pilots/{pilot}/notes"),
            &[("body", "首批 20 个站点已建成并试运行。")],
            "进展报告.pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let shown = city.get(&format!("/pilots/{pilot}")).await;
    assert!(shown.contains("首批 20 个站点已建成并试运行。"));
    assert!(shown.contains("进展报告.pdf"));
    let mut conn = app.owner().await;
    let file: Uuid = sqlx::query_scalar("select id from files where owner_kind = 'pilot_note'")
        .fetch_one(&mut conn)
        .await
        .expect("the note's file");
    let province = app.login("gd-admin").await;
    assert_eq!(province.download(&format!("/files/{file}")).await.0, 200);
    let beijing = app.login("bj-admin").await;
    assert_eq!(beijing.download(&format!("/files/{file}")).await.0, 404);

    // The city does not conclude; the province does, with a summary.
    let conclude = [
        ("outcome", "concluded"),
        ("summary", "形成了全省推广的站点规范。"),
    ];
    assert_eq!(
        city.post(&format!("/pilots/{pilot}/conclude"), &conclude)
            .await
            .status,
        403
    );
    province.get(&format!("/pilots/{pilot}")).await;
    let page = province
        .post(
            &format!("/pilots/{pilot}/conclude"),
            &[("outcome", "concluded"), ("summary", "")],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-summary-error"));
    let page = province
        .post(&format!("/pilots/{pilot}/conclude"), &conclude)
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let shown = province.get(&format!("/pilots/{pilot}")).await;
    assert!(shown.contains("试点总结"));
    assert!(shown.contains("形成了全省推广的站点规范。"));
    assert!(shown.contains("已总结"));
    // An ended pilot no longer changes, and its overdue milestone leaves the
    // home pages.
    let (_, milestone) = milestone_of(&app, OVERDUE).await;
    let page = mark_done(&city, pilot, milestone).await;
    assert_eq!(page.status, 303);
    let status: String = sqlx::query_scalar("select status from pilot_milestones where id = $1")
        .bind(milestone)
        .fetch_one(&mut conn)
        .await
        .expect("milestone");
    assert_eq!(status, "in_progress");
    assert!(!province.get("/").await.contains(OVERDUE));
}

#[tokio::test]
async fn a_guangdong_cadre_asking_for_a_beijing_pilot_gets_404() {
    let app = TestApp::spawn().await;
    let beijing = pilot_of(&app, "快递外卖从业人员法律服务试点").await;
    let (_, milestone) = milestone_of(&app, "开展集中法律宣传月活动").await;
    let gd = app.login("gd-admin").await;
    assert_eq!(gd.get(&format!("/pilots/{beijing}")).await.status, 404);
    assert_eq!(gd.get(&format!("/pilots/{beijing}/edit")).await.status, 404);
    gd.get("/pilots").await;
    for path in [
        format!("/pilots/{beijing}/milestones/{milestone}"),
        format!("/pilots/{beijing}/milestones"),
        format!("/pilots/{beijing}/conclude"),
    ] {
        assert_eq!(gd.post(&path, &[]).await.status, 404, "{path}");
    }
    let list = gd.get("/pilots").await;
    assert!(list.contains("新就业形态劳动者服务阵地建设试点"));
    assert!(!list.contains("快递外卖从业人员法律服务试点"));
    // Organizations, reviewers and evaluators have no pilots at all.
    for partner in ["org-1", "reviewer-1", "evaluator-1"] {
        let client = app.login(partner).await;
        assert_eq!(client.get("/pilots").await.status, 403, "{partner}");
    }
    // The national list filters by province.
    let nation = app.login("national-admin").await;
    let list = nation.get("/pilots?province=cn.u2").await;
    assert!(list.contains("快递外卖从业人员法律服务试点"));
    assert!(!list.contains("新就业形态劳动者服务阵地建设试点"));
    assert_eq!(nation.get("/pilots?province=x';--").await.status, 400);
}

#[tokio::test]
async fn a_pilot_and_an_experience_move_with_their_union() {
    let app = TestApp::spawn().await;
    let (tianhe, shenzhen) = (
        app.union_id(Some("440106")).await,
        app.union_id(Some("440300")).await,
    );
    let mut conn = app.owner().await;
    let pilot: Uuid = sqlx::query_scalar(
        "insert into pilots (union_id, title, goals, starts_on, planned_end_on)
         values ($1, '天河区园区服务试点', '目标', '2026-01-01', '2026-12-31') returning id",
    )
    .bind(tianhe)
    .fetch_one(&mut conn)
    .await
    .expect("a pilot at 天河区");
    sqlx::query(
        "insert into pilot_milestones (pilot_id, union_path, title, due_on)
         select id, union_path, '园区调研', '2026-03-01' from pilots where id = $1;",
    )
    .bind(pilot)
    .execute(&mut conn)
    .await
    .expect("a milestone");
    sqlx::query(
        "insert into pilot_notes (pilot_id, union_path, body, author_name)
         select id, union_path, '启动', '测试' from pilots where id = $1",
    )
    .bind(pilot)
    .execute(&mut conn)
    .await
    .expect("a note");
    // An experience of 天河区, with a link and a photo, moves too.
    let experience: Uuid = sqlx::query_scalar(
        "insert into experiences (union_id, union_name, title, summary)
         values ($1, '天河区总工会', '园区服务经验', '摘要') returning id",
    )
    .bind(tianhe)
    .fetch_one(&mut conn)
    .await
    .expect("an experience at 天河区");
    sqlx::query(
        "insert into experience_links (experience_id, union_path, target_kind, target_id,
                                       target_key, label)
         select id, union_path, 'project', gen_random_uuid(), '2026-GD-0001', '项目'
           from experiences where id = $1",
    )
    .bind(experience)
    .execute(&mut conn)
    .await
    .expect("a link");
    sqlx::query(
        "insert into files (union_path, owner_kind, owner_id, file_name, content_type, size_bytes,
                            sha256, storage_key)
         select union_path, 'experience_photo', id, '照片.png', 'image/png', 1, repeat('0', 64),
                'moved-photo' from experiences where id = $1",
    )
    .bind(experience)
    .execute(&mut conn)
    .await
    .expect("a photo");
    // 天河区 moves from 广州 to 深圳, its pilot with it.
    sqlx::query("update unions set parent_id = $2 where id = $1")
        .bind(tianhe)
        .bind(shenzhen)
        .execute(&mut conn)
        .await
        .expect("move");
    let stale: i64 = sqlx::query_scalar(
        "select (select count(*) from pilot_milestones m join pilots p on p.id = m.pilot_id
                  where m.union_path <> p.union_path)
              + (select count(*) from pilot_notes n join pilots p on p.id = n.pilot_id
                  where n.union_path <> p.union_path)
              + (select count(*) from pilots p join unions u on u.id = p.union_id
                  where p.union_path <> u.path)
              + (select count(*) from experience_links l join experiences e
                  on e.id = l.experience_id where l.union_path <> e.union_path)
              + (select count(*) from files f join experiences e on e.id = f.owner_id
                  where f.owner_kind = 'experience_photo' and f.union_path <> e.union_path)
              + (select count(*) from experiences e join unions u on u.id = e.union_id
                  where e.union_path <> u.path)",
    )
    .fetch_one(&mut conn)
    .await
    .expect("paths");
    assert_eq!(stale, 0);
    let page = app
        .login("sz-staff")
        .await
        .get(&format!("/pilots/{pilot}"))
        .await;
    assert_eq!(page.status, 200, "深圳 now holds the pilot");
    assert!(page.contains("园区调研"));
    let page = app
        .login("gz-staff")
        .await
        .get(&format!("/pilots/{pilot}"))
        .await;
    assert_eq!(page.status, 404, "广州 no longer does");
}
