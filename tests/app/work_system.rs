//! The union's work system: its own admin and the admins above it set the
//! leader, department, staff, funding and documents, staff and viewers read
//! them, another province finds none of it; the dashboards' count of unions
//! with a department matches the demo counted by hand; trainings are recorded
//! with their attendees, totalled per union and year, and deleted after a
//! confirmation; bad input comes back in Chinese with what was typed.

use niudai::db::Actor;
use niudai::identity::Level;
use niudai::work_system::db::{LevelCoverage, children_coverage, coverage};
use uuid::Uuid;

use crate::common::{Client, Page, TestApp};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// `page`'s body with the HTML entities of `&` and quotes undone.
fn text(page: &Page) -> String {
    page.body
        .replace("&#38;", "&")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
}

async fn edit(client: &Client, union: i64, fields: &[(&str, &str)]) -> Page {
    let form = client
        .get(&format!("/unions/{union}/work-system/edit"))
        .await;
    assert_eq!(form.status, 200, "{}", form.body);
    let version = form.field_value("version").unwrap_or_default();
    let mut all = vec![("version", version.as_str())];
    all.extend_from_slice(fields);
    client
        .post(&format!("/unions/{union}/work-system/edit"), &all)
        .await
}

#[tokio::test]
async fn a_unions_own_admin_and_the_admins_above_set_its_work_system() {
    let app = TestApp::spawn().await;
    let guangzhou = app.union_id(Some("440100")).await;
    app.add_user("gz-admin", "admin", guangzhou).await;

    let own = app.signed_in("gz-admin").await;
    let page = edit(
        &own,
        guangzhou,
        &[
            ("leader_name", "陈卫东"),
            ("leader_title", "副主席"),
            ("department", "社会工作部"),
            ("year", "2027"),
            ("funding_yuan", "1,250,000.50"),
            ("funding_note", "市总预算"),
        ],
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), format!("/unions/{guangzhou}/work-system"));
    let shown = own.get(&format!("/unions/{guangzhou}/work-system")).await;
    assert!(shown.contains("社会工作部") && shown.contains("陈卫东（副主席）"));
    assert!(shown.contains("¥1,250,000.50") && shown.contains("市总预算"));
    // The union page shows the box and links to the page.
    let union_page = own.get(&format!("/unions/{guangzhou}")).await;
    assert!(union_page.contains("社会工作部"));
    assert!(union_page.contains(&format!("/unions/{guangzhou}/work-system")));

    // The province's admin changes it too; the first save's year stays.
    let province = app.signed_in("gd-admin").await;
    let page = edit(
        &province,
        guangzhou,
        &[
            ("leader_name", "陈卫东"),
            ("department", "社会联络部"),
            ("year", "2026"),
            ("funding_yuan", ""),
        ],
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let shown = province
        .get(&format!("/unions/{guangzhou}/work-system"))
        .await;
    assert!(shown.contains("社会联络部") && !shown.contains("社会工作部"));
    assert!(shown.contains("¥1,250,000.50"), "2027's line is kept");

    let mut conn = app.owner().await;
    let (entries, department): (i64, String) = sqlx::query_as(
        "select (select count(*) from audit_log where action = 'work_system.updated'
                    and union_id = $1),
                (select department from work_systems where union_id = $1)",
    )
    .bind(guangzhou)
    .fetch_one(&mut conn)
    .await
    .expect("counts");
    assert_eq!((entries, department.as_str()), (2, "社会联络部"));
}

#[tokio::test]
async fn staff_and_viewers_read_it_other_provinces_do_not_find_it_and_partners_get_nothing() {
    let app = TestApp::spawn().await;
    let guangdong = app.union_id(Some("440000")).await;
    let guangzhou = app.union_id(Some("440100")).await;
    let page_of = |id: i64| format!("/unions/{id}/work-system");
    let edit_of = |id: i64| format!("/unions/{id}/work-system/edit");

    let staff = app.signed_in("gz-staff").await;
    assert_eq!(staff.get(&page_of(guangzhou)).await.status, 200);
    assert_eq!(staff.get(&edit_of(guangzhou)).await.status, 403);
    let refused = staff
        .post(
            &edit_of(guangzhou),
            &[("department", "改掉"), ("year", "2026")],
        )
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(staff.get(&page_of(guangdong)).await.status, 404, "above");

    let viewer = app.signed_in("gd-viewer").await;
    let page = viewer.get(&page_of(guangdong)).await;
    assert_eq!(page.status, 200);
    assert!(page.contains("社会联络部") && !page.contains("添加工作人员"));
    assert_eq!(
        viewer
            .post(
                &edit_of(guangdong),
                &[("department", "改掉"), ("year", "2026")]
            )
            .await
            .status,
        403
    );

    let beijing = app.signed_in("bj-admin").await;
    assert_eq!(beijing.get(&page_of(guangdong)).await.status, 404);
    assert_eq!(beijing.get(&edit_of(guangdong)).await.status, 404);
    let refused = beijing
        .post(
            &edit_of(guangdong),
            &[("department", "改掉"), ("year", "2026")],
        )
        .await;
    assert_eq!(refused.status, 404);

    for partner in ["reviewer-1", "evaluator-1", "org-1"] {
        let client = app.signed_in(partner).await;
        assert_eq!(
            client.get(&page_of(guangzhou)).await.status,
            403,
            "{partner}"
        );
        assert_eq!(client.get("/trainings").await.status, 403, "{partner}");
    }
    let mut conn = app.owner().await;
    let department: String =
        sqlx::query_scalar("select department from work_systems where union_id = $1")
            .bind(guangdong)
            .fetch_one(&mut conn)
            .await
            .expect("广东's department");
    assert_eq!(department, "社会联络部", "nothing changed");
}

#[tokio::test]
async fn staff_are_linked_to_accounts_of_their_own_union() {
    let app = TestApp::spawn().await;
    let guangdong = app.union_id(Some("440000")).await;
    let viewer = app.user_id("gd-viewer").await;
    let city_staff = app.user_id("gz-staff").await;
    let admin = app.signed_in("gd-admin").await;
    let path = format!("/unions/{guangdong}/work-system");
    let page = admin.get(&path).await;
    assert!(
        page.contains(&viewer.to_string()),
        "the union's accounts are offered"
    );
    assert!(!page.contains(&city_staff.to_string()), "a city's are not");

    let added = admin
        .post(
            &format!("{path}/staff"),
            &[
                ("name", "吴婷"),
                ("duty", "联络员"),
                ("phone", "020-83870001"),
                ("user_id", &viewer.to_string()),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let page = admin.get(&path).await;
    assert!(page.contains("吴婷") && page.contains("广东省总工会领导"));

    // Another union's account, and the same account twice, are refused
    // beside the field, with what was typed kept.
    let refused = admin
        .post(
            &format!("{path}/staff"),
            &[
                ("name", "黄小明"),
                ("duty", "兼职人员"),
                ("user_id", &city_staff.to_string()),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("请选择本工会的平台账号"));
    assert_eq!(refused.field_value("name").as_deref(), Some("黄小明"));
    let twice = admin
        .post(
            &format!("{path}/staff"),
            &[
                ("name", "吴婷"),
                ("duty", "联络员"),
                ("user_id", &viewer.to_string()),
            ],
        )
        .await;
    assert_eq!(twice.status, 422);
    assert!(twice.contains("该账号已在工作人员名单中"));

    let mut conn = app.owner().await;
    let staff_id: Uuid = sqlx::query_scalar("select id from work_system_staff where user_id = $1")
        .bind(viewer)
        .fetch_one(&mut conn)
        .await
        .expect("the new member of staff");
    let staff = app.signed_in("gz-staff").await;
    let refused = staff
        .post(&format!("{path}/staff/{staff_id}/delete"), &[])
        .await;
    assert_eq!(refused.status, 404, "广州's staff do not see 广东's page");
    let removed = admin
        .post(&format!("{path}/staff/{staff_id}/delete"), &[])
        .await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    assert!(admin.get(&path).await.contains("已移除工作人员「吴婷」"));
    assert!(
        !admin.get(&path).await.contains("吴婷"),
        "the flash shown once"
    );
}

#[tokio::test]
async fn a_years_plan_and_summary_are_uploaded_and_read_in_scope_only() {
    let app = TestApp::spawn().await;
    let guangdong = app.union_id(Some("440000")).await;
    let admin = app.signed_in("gd-admin").await;
    let path = format!("/unions/{guangdong}/work-system");
    admin.get(&path).await;
    let page = admin
        .upload_with(
            &format!("{path}/documents"),
            &[("doc_year", "2026"), ("label", "plan")],
            "2026年工作计划.pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let refused = admin
        .upload_with(
            &format!("{path}/documents"),
            &[("doc_year", "26"), ("label", "")],
            "总结.pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("请填写 2000 年至") && refused.contains("请选择一项"));
    assert_eq!(refused.field_value("doc_year").as_deref(), Some("26"));

    let mut conn = app.owner().await;
    let file: Uuid = sqlx::query_scalar(
        "select f.id from files f join work_years y on y.id = f.owner_id
          where f.owner_kind = 'work_year' and f.label = 'plan' and y.year = 2026
            and y.union_id = $1",
    )
    .bind(guangdong)
    .fetch_one(&mut conn)
    .await
    .expect("the plan");
    assert!(admin.get(&path).await.contains("2026年工作计划.pdf"));
    let viewer = app.signed_in("gd-viewer").await;
    assert_eq!(viewer.download(&format!("/files/{file}")).await.0, 200);
    let beijing = app.signed_in("bj-admin").await;
    assert_eq!(beijing.download(&format!("/files/{file}")).await.0, 404);
}

/// The database actor the server sets for `username`.
async fn actor_of(app: &TestApp, username: &str) -> Actor {
    let mut conn = app.owner().await;
    let (scope, id): (String, Uuid) = sqlx::query_as(
        "select n.path::text, u.id from users u join unions n on n.id = u.union_id
          where u.username = $1",
    )
    .bind(username)
    .fetch_one(&mut conn)
    .await
    .expect("the account");
    Actor {
        scope: Some(scope),
        user_id: Some(id),
        org_id: None,
    }
}

fn line(level: Level, with_department: i64, total: i64) -> LevelCoverage {
    LevelCoverage {
        level,
        with_department,
        total,
    }
}

#[tokio::test]
async fn the_count_of_unions_with_a_department_matches_the_demo() {
    let app = TestApp::spawn().await;
    let national = app.union_id(None).await;
    let guangdong = app.union_id(Some("440000")).await;
    let state = app.state().await;
    let mut tx = state
        .db
        .begin(&actor_of(&app, "national-admin").await)
        .await
        .expect("a national transaction");
    // By hand, from the demo: every province but the four with the highest
    // codes; 广州, 深圳, 成都 and 西安 of the eight cities; 天河区 of the
    // fourteen districts; none of the three grassroots unions.
    assert_eq!(
        coverage(&mut tx, national).await.expect("coverage"),
        vec![
            line(Level::Provincial, 27, 31),
            line(Level::Municipal, 4, 8),
            line(Level::County, 1, 14),
            line(Level::Grassroots, 0, 3),
        ]
    );
    assert_eq!(
        children_coverage(&mut tx, national)
            .await
            .expect("children"),
        (27, 31)
    );
    assert_eq!(
        coverage(&mut tx, guangdong).await.expect("coverage"),
        vec![
            line(Level::Municipal, 2, 5),
            line(Level::County, 1, 5),
            line(Level::Grassroots, 0, 2),
        ]
    );
    drop(tx);

    let page = app
        .signed_in("national-admin")
        .await
        .get(&format!("/unions/{national}/work-system"))
        .await;
    assert!(page.contains("<strong>27 / 31</strong>"), "{}", page.body);
    assert!(page.contains("87.1%"), "27 of 31");

    // 广东 names 东莞's department: 3 of its 5 cities; a province counts it
    // for its own subtree only, and 北京 cannot ask about 广东.
    let dongguan = app.union_id(Some("441900")).await;
    let page = edit(
        &app.signed_in("gd-admin").await,
        dongguan,
        &[("department", "社会联络部"), ("year", "2026")],
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let page = app
        .signed_in("gd-admin")
        .await
        .get(&format!("/unions/{guangdong}/work-system"))
        .await;
    assert!(page.contains("<strong>3 / 5</strong>"), "{}", page.body);
    let mut tx = state
        .db
        .begin(&actor_of(&app, "bj-admin").await)
        .await
        .expect("北京's transaction");
    assert_eq!(
        coverage(&mut tx, guangdong).await.expect("coverage"),
        vec![]
    );
}

/// The cells of the table row whose header cell reads `header`.
fn row_cells(body: &str, header: &str) -> Vec<String> {
    let html = scraper::Html::parse_document(body);
    let rows = scraper::Selector::parse("tr").expect("selector");
    let cells = scraper::Selector::parse("th, td").expect("selector");
    html.select(&rows)
        .map(|row| {
            row.select(&cells)
                .map(|c| c.text().collect::<String>().trim().to_owned())
                .collect::<Vec<_>>()
        })
        .find(|cells| cells.first().is_some_and(|c| c == header))
        .unwrap_or_else(|| panic!("no row {header}"))
}

async fn training_with_topic(app: &TestApp, topic: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from trainings where topic = $1")
        .bind(topic)
        .fetch_one(&mut conn)
        .await
        .expect("the training")
}

#[tokio::test]
async fn a_training_is_recorded_with_its_attendees_and_counted_in_its_year() {
    let app = TestApp::spawn().await;
    let guangdong = app.union_id(Some("440000")).await;
    let (gz_staff, sz_staff) = (app.user_id("gz-staff").await, app.user_id("sz-staff").await);
    let admin = app.signed_in("gd-admin").await;
    let form = admin.get("/trainings/new").await;
    assert_eq!(form.status, 200);
    assert!(
        form.contains(&gz_staff.to_string()),
        "the province's cadres are offered"
    );
    let page = admin
        .post(
            "/trainings",
            &[
                ("topic", "社会组织登记评估政策解读"),
                ("kind", "training"),
                ("held_on", "2026-11-20"),
                ("union_id", &guangdong.to_string()),
                ("hours", "2.5"),
                ("attendees", &gz_staff.to_string()),
                ("attendees", &sz_staff.to_string()),
                ("external_attendees", "10"),
                ("notes", "解读新修订的社会组织评估办法。"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let id = training_with_topic(&app, "社会组织登记评估政策解读").await;
    assert_eq!(page.location(), format!("/trainings/{id}"));
    let shown = admin.get(&format!("/trainings/{id}")).await;
    assert!(shown.contains("广州市总工会干部") && shown.contains("深圳市总工会干部"));

    // By hand: 广东's own 2026 sessions were 88 people × 16 h and 42 × 4 h;
    // now 12 × 2.5 h more. 广州 held 31 × 6 h.
    let page = admin.get(&format!("/unions/{guangdong}/work-system")).await;
    assert_eq!(
        row_cells(&page.body, "2026"),
        ["2026", "3", "142", "1,606", "4", "173", "1,792"]
    );
    let list = admin
        .get(&format!("/trainings?year=2026&union={guangdong}"))
        .await;
    assert_eq!(list.status, 200);
    assert_eq!(
        row_cells(&list.body, "广东省总工会"),
        ["广东省总工会", "2026", "3", "142", "1,606"]
    );
    assert_eq!(
        row_cells(&list.body, "广州市总工会"),
        ["广州市总工会", "2026", "1", "31", "186"]
    );
    assert!(list.contains("共 4 条"));
    let exchanges = admin.get("/trainings?kind=exchange&year=2026").await;
    assert!(exchanges.contains("共 1 条"), "广东's one exchange");
    assert!(
        admin.get("/trainings?year=2025").await.contains("共 0 条"),
        "nothing in 2025"
    );

    // The national admin sees every province's; 北京 none of 广东's.
    let national = app.signed_in("national-admin").await;
    let all = national.get("/trainings?year=2026").await;
    assert!(all.contains("共 8 条") && all.contains("四川省总工会"));
    let beijing = app.signed_in("bj-admin").await;
    assert_eq!(beijing.get(&format!("/trainings/{id}")).await.status, 404);
    assert!(beijing.get("/trainings").await.contains("共 0 条"));
}

#[tokio::test]
async fn bad_training_input_gets_chinese_messages_and_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let guangzhou = app.union_id(Some("440100")).await;
    let bj_admin = app.user_id("bj-admin").await;
    let gd_admin = app.user_id("gd-admin").await;
    let admin = app.signed_in("gd-admin").await;
    admin.get("/trainings/new").await;
    let refused = admin
        .post(
            "/trainings",
            &[
                ("topic", "青年社工座谈"),
                ("kind", "exchange"),
                ("held_on", "2026-02-30"),
                ("union_id", &guangzhou.to_string()),
                ("hours", "两小时"),
                ("external_attendees", "-1"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("请按 2026-11-28 的格式填写日期"));
    assert!(refused.contains("请填写学时"));
    assert!(refused.contains("请填写 0 到 100000 之间的整数"));
    assert_eq!(
        refused.field_value("topic").as_deref(),
        Some("青年社工座谈")
    );
    assert_eq!(refused.field_value("hours").as_deref(), Some("两小时"));

    // Attendees come from the organizer's subtree: 北京's admin never, and
    // 广东's admin not for a 广州 session.
    for outsider in [bj_admin, gd_admin] {
        let refused = admin
            .post(
                "/trainings",
                &[
                    ("topic", "青年社工座谈"),
                    ("kind", "exchange"),
                    ("held_on", "2026-02-20"),
                    ("union_id", &guangzhou.to_string()),
                    ("hours", "2"),
                    ("attendees", &outsider.to_string()),
                ],
            )
            .await;
        assert_eq!(refused.status, 422);
        assert!(refused.contains("参加人员须是主办工会或其下级工会的干部账号"));
    }
    let nobody = admin
        .post(
            "/trainings",
            &[
                ("topic", "青年社工座谈"),
                ("kind", "exchange"),
                ("held_on", "2026-02-20"),
                ("union_id", &guangzhou.to_string()),
                ("hours", "2"),
                ("external_attendees", "0"),
            ],
        )
        .await;
    assert_eq!(nobody.status, 422);
    assert!(nobody.contains("请选择参加人员，或填写其他参加人数"));

    let work_system = edit(
        &admin,
        guangzhou,
        &[
            ("leader_name", ""),
            ("leader_title", "副主席"),
            ("department", "社会联络部"),
            ("year", "2026"),
            ("funding_yuan", "八十万"),
        ],
    )
    .await;
    assert_eq!(work_system.status, 422);
    assert!(work_system.contains("填写职务时，请同时填写分管领导姓名"));
    assert!(work_system.contains("金额格式不正确"));
    assert_eq!(
        work_system.field_value("funding_yuan").as_deref(),
        Some("八十万")
    );
    assert_eq!(
        work_system.field_value("leader_title").as_deref(),
        Some("副主席")
    );

    let mut conn = app.owner().await;
    let trainings: i64 = sqlx::query_scalar("select count(*) from trainings")
        .fetch_one(&mut conn)
        .await
        .expect("count");
    assert_eq!(trainings, 7, "only the demo's");
}

#[tokio::test]
async fn a_training_is_changed_and_deleted_by_admins_after_a_confirmation() {
    let app = TestApp::spawn().await;
    let id = training_with_topic(&app, "新就业形态劳动者服务社会组织能力建设培训").await;
    let staff = app.signed_in("gz-staff").await;
    assert_eq!(staff.get(&format!("/trainings/{id}")).await.status, 200);
    assert_eq!(
        staff.get(&format!("/trainings/{id}/edit")).await.status,
        403
    );
    assert_eq!(
        staff.get(&format!("/trainings/{id}/delete")).await.status,
        403
    );
    assert_eq!(
        staff
            .post(&format!("/trainings/{id}/delete"), &[])
            .await
            .status,
        403
    );

    let admin = app.signed_in("gd-admin").await;
    let form = admin.get(&format!("/trainings/{id}/edit")).await;
    assert_eq!(form.field_value("hours").as_deref(), Some("6"));
    let version = form.field_value("version").unwrap_or_default();
    let gz_staff = app.user_id("gz-staff").await.to_string();
    let guangzhou = app.union_id(Some("440100")).await.to_string();
    let saved = admin
        .post(
            &format!("/trainings/{id}/edit"),
            &[
                ("version", version.as_str()),
                ("topic", "新就业形态劳动者服务社会组织能力建设培训"),
                ("kind", "training"),
                ("held_on", "2026-09-10"),
                ("union_id", &guangzhou),
                ("hours", "6.5"),
                ("attendees", &gz_staff),
                ("external_attendees", "29"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let shown = admin.get(&format!("/trainings/{id}")).await;
    assert!(shown.contains("6.5") && shown.contains("195"), "30 × 6.5");
    // The same form sent again after someone saved: told, nothing lost.
    let stale = admin
        .post(
            &format!("/trainings/{id}/edit"),
            &[
                ("version", version.as_str()),
                ("topic", "改过的主题"),
                ("kind", "training"),
                ("held_on", "2026-09-10"),
                ("union_id", &guangzhou),
                ("hours", "6"),
                ("attendees", &gz_staff),
            ],
        )
        .await;
    assert_eq!(stale.status, 422);
    assert_eq!(stale.field_value("topic").as_deref(), Some("改过的主题"));

    let confirm = admin.get(&format!("/trainings/{id}/delete")).await;
    assert_eq!(confirm.status, 200);
    assert!(confirm.contains("确定删除培训交流"));
    let deleted = admin.post(&format!("/trainings/{id}/delete"), &[]).await;
    assert_eq!(deleted.status, 303, "{}", deleted.body);
    assert_eq!(admin.get(&format!("/trainings/{id}")).await.status, 404);
    let mut conn = app.owner().await;
    let (left, attendees, logged): (i64, i64, i64) = sqlx::query_as(
        "select (select count(*) from trainings where id = $1),
                (select count(*) from training_attendees where training_id = $1),
                (select count(*) from audit_log where entity_id = $1::text
                    and action in ('training.updated', 'training.deleted'))",
    )
    .bind(id)
    .fetch_one(&mut conn)
    .await
    .expect("counts");
    assert_eq!((left, attendees, logged), (0, 0, 2));
}

#[tokio::test]
async fn training_materials_are_uploaded_and_read_in_scope() {
    let app = TestApp::spawn().await;
    let id = training_with_topic(&app, "全省劳动关系领域社会组织工作业务培训班").await;
    let admin = app.signed_in("gd-admin").await;
    admin.get(&format!("/trainings/{id}")).await;
    let page = admin
        .upload(
            &format!("/trainings/{id}/materials"),
            "课件.pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let shown = text(&admin.get(&format!("/trainings/{id}")).await);
    assert!(shown.contains("课件.pdf"));
    let mut conn = app.owner().await;
    let file: Uuid = sqlx::query_scalar("select id from files where owner_id = $1")
        .bind(id)
        .fetch_one(&mut conn)
        .await
        .expect("the material");
    let staff = app.signed_in("gz-staff").await;
    assert_eq!(
        staff.download(&format!("/files/{file}")).await.0,
        404,
        "广东's, above 广州"
    );
    let viewer = app.signed_in("gd-viewer").await;
    assert_eq!(viewer.download(&format!("/files/{file}")).await.0, 200);
}
