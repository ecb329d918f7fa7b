//! The union tree: browsing from one's own union down, creating, editing and
//! moving unions, and who may do which where.

use crate::common::TestApp;

async fn path_of(app: &TestApp, id: i64) -> String {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select path::text from unions where id = $1")
        .bind(id)
        .fetch_one(&mut conn)
        .await
        .expect("path")
}

#[tokio::test]
async fn the_tree_starts_at_the_users_own_union() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let page = staff.get("/unions").await;
    let gz = app.union_id(Some("440100")).await;
    assert_eq!(page.location(), format!("/unions/{gz}"));
    let page = staff.get(page.location()).await;
    assert_eq!(page.status, 200);
    assert!(page.contains("天河区总工会") && page.contains("越秀区总工会"));
    assert!(!page.contains("深圳市总工会"));
}

#[tokio::test]
async fn the_national_union_lists_all_31_provinces_with_counts() {
    let app = TestApp::spawn().await;
    let admin = app.login("national-admin").await;
    let root = app.union_id(None).await;
    let page = admin.get(&format!("/unions/{root}")).await;
    for province in [
        "北京市总工会",
        "广东省总工会",
        "新疆维吾尔自治区总工会",
        "西藏自治区总工会",
    ] {
        assert!(page.contains(province), "{province}");
    }
    assert_eq!(
        page.body.matches("<tr>").count(),
        1 + 31,
        "a header row and 31 provinces"
    );
    let search = admin.get(&format!("/unions/{root}?q=4400")).await;
    assert!(search.contains("广东省总工会") && !search.contains("北京市总工会"));
}

#[tokio::test]
async fn an_admin_creates_a_child_union_with_its_path() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let gz = app.union_id(Some("440100")).await;
    let form = admin.get(&format!("/unions/{gz}/children/new")).await;
    assert!(form.contains("县（区）级总工会") && !form.contains("value=\"municipal\""));
    let page = admin
        .post(
            &format!("/unions/{gz}/children/new"),
            &[
                ("name", " 海珠区总工会 "),
                ("level", "county"),
                ("division_code", "440105"),
            ],
        )
        .await;
    assert_eq!(page.status, 303);
    let id: i64 = page
        .location()
        .trim_start_matches("/unions/")
        .parse()
        .expect("id");
    assert_eq!(
        path_of(&app, id).await,
        format!("{}.u{id}", path_of(&app, gz).await)
    );
    let shown = admin.get(page.location()).await;
    assert!(shown.contains("已创建：海珠区总工会"), "the flash message");
}

#[tokio::test]
async fn the_registry_filter_offers_a_new_union_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let gz = app.union_id(Some("440100")).await;
    // The picker's options are kept between writes to the unions.
    assert!(!admin.get("/orgs").await.contains("海珠区总工会"));
    assert!(!admin.get("/orgs").await.contains("海珠区总工会"));
    admin.get(&format!("/unions/{gz}/children/new")).await;
    let created = admin
        .post(
            &format!("/unions/{gz}/children/new"),
            &[
                ("name", "海珠区总工会"),
                ("level", "county"),
                ("division_code", "440105"),
            ],
        )
        .await;
    assert_eq!(created.status, 303);
    assert!(admin.get("/orgs").await.contains("海珠区总工会"));
}

#[tokio::test]
async fn bad_union_input_comes_back_with_messages_and_what_was_typed() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let gz = app.union_id(Some("440100")).await;
    admin.get(&format!("/unions/{gz}/children/new")).await;
    let path = format!("/unions/{gz}/children/new");
    let page = admin
        .post(
            &path,
            &[
                ("name", "海珠区总工会"),
                ("level", "county"),
                ("division_code", "11010"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("行政区划代码应为 6 位数字"));
    assert_eq!(page.field_value("name").as_deref(), Some("海珠区总工会"));
    assert_eq!(page.field_value("division_code").as_deref(), Some("11010"));
    let page = admin
        .post(
            &path,
            &[
                ("name", "海珠区总工会"),
                ("level", "county"),
                ("division_code", "110105"),
            ],
        )
        .await;
    assert!(page.contains("区划代码不在上级工会的行政区划之内"));
    let page = admin
        .post(
            &path,
            &[
                ("name", "天河区总工会二"),
                ("level", "county"),
                ("division_code", "440106"),
            ],
        )
        .await;
    assert!(page.contains("该行政区划代码已被另一个工会使用"));
    let page = admin
        .post(
            &path,
            &[("name", ""), ("level", "provincial"), ("division_code", "")],
        )
        .await;
    assert!(page.contains("此项必填") && page.contains("请选择比上级工会更低的层级"));
    let mut conn = app.owner().await;
    let children: i64 = sqlx::query_scalar("select count(*) from unions where parent_id = $1")
        .bind(gz)
        .fetch_one(&mut conn)
        .await
        .expect("count");
    assert_eq!(children, 2, "nothing was written");
}

#[tokio::test]
async fn a_stale_edit_is_refused_showing_both_versions() {
    let app = TestApp::spawn().await;
    let first = app.login("gd-admin").await;
    let second = app.login("gd-admin").await;
    let th = app.union_id(Some("440106")).await;
    let path = format!("/unions/{th}/edit");
    first.get(&path).await;
    second.get(&path).await;
    let saved = first
        .post(
            &path,
            &[
                ("name", "天河区总工会（一）"),
                ("level", "county"),
                ("division_code", "440106"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303);
    let stale = second
        .post(
            &path,
            &[
                ("name", "天河区总工会（二）"),
                ("level", "county"),
                ("division_code", "440106"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(stale.status, 422);
    assert!(stale.contains("已有其他人修改"));
    assert!(
        stale.contains("天河区总工会（一）"),
        "the saved version is shown"
    );
    assert_eq!(
        stale.field_value("name").as_deref(),
        Some("天河区总工会（二）"),
        "the typed version is kept"
    );
    assert_eq!(stale.field_value("version").as_deref(), Some("2"));
    let resaved = second
        .post(
            &path,
            &[
                ("name", "天河区总工会（二）"),
                ("level", "county"),
                ("division_code", "440106"),
                ("version", "2"),
            ],
        )
        .await;
    assert_eq!(resaved.status, 303);
}

#[tokio::test]
async fn moving_a_union_carries_its_subtree_and_accounts_along() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let th = app.union_id(Some("440106")).await;
    let sz = app.union_id(Some("440300")).await;
    let user = app
        .add_user("th-grassroots", "staff", {
            let mut conn = app.owner().await;
            sqlx::query_scalar::<_, i64>(
                "select id from unions where name = '广州天河软件园联合工会'",
            )
            .fetch_one(&mut conn)
            .await
            .expect("grassroots union")
        })
        .await;
    admin.get(&format!("/unions/{th}/move")).await;
    let page = admin
        .post(
            &format!("/unions/{th}/move"),
            &[("parent_id", &sz.to_string()), ("version", "1")],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let new_path = path_of(&app, th).await;
    assert_eq!(new_path, format!("{}.u{th}", path_of(&app, sz).await));
    let mut conn = app.owner().await;
    let (user_path, grassroots_path): (String, String) = sqlx::query_as(
        "select u.union_path::text, n.path::text from users u join unions n on n.id = u.union_id where u.id = $1",
    )
    .bind(user)
    .fetch_one(&mut conn)
    .await
    .expect("paths");
    assert!(grassroots_path.starts_with(&format!("{new_path}.")));
    assert_eq!(user_path, grassroots_path);
    let sz_staff = app.login("sz-staff").await;
    assert_eq!(
        sz_staff.get(&format!("/unions/{th}")).await.status,
        200,
        "now in 深圳's scope"
    );
    let gz_staff = app.login("gz-staff").await;
    assert_eq!(
        gz_staff.get(&format!("/unions/{th}")).await.status,
        404,
        "no longer in 广州's"
    );
}

#[tokio::test]
async fn a_union_cannot_move_below_itself_or_under_a_lower_level() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let gz = app.union_id(Some("440100")).await;
    let th = app.union_id(Some("440106")).await;
    let sz_ns = app.union_id(Some("440305")).await;
    admin.get(&format!("/unions/{gz}/move")).await;
    let page = admin
        .post(
            &format!("/unions/{gz}/move"),
            &[("parent_id", &th.to_string()), ("version", "1")],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("不能调整到本工会自己的下级之下"));
    let page = admin
        .post(
            &format!("/unions/{gz}/move"),
            &[("parent_id", &sz_ns.to_string()), ("version", "1")],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("层级须逐级向下"));
    let gd = app.union_id(Some("440000")).await;
    let root = app.union_id(None).await;
    let page = admin
        .post(
            &format!("/unions/{gd}/move"),
            &[("parent_id", &root.to_string()), ("version", "1")],
        )
        .await;
    assert_eq!(page.status, 403, "an admin cannot move their own union");
    let page = admin
        .post(
            &format!("/unions/{th}/move"),
            &[("parent_id", &gz.to_string()), ("version", "1")],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("该工会已经在这个上级工会之下"));
    let bj = app.union_id(Some("110000")).await;
    let page = admin
        .post(
            &format!("/unions/{th}/move"),
            &[("parent_id", &bj.to_string()), ("version", "1")],
        )
        .await;
    assert_eq!(page.status, 422, "a parent outside the scope is not found");
    assert!(
        path_of(&app, th)
            .await
            .starts_with(&path_of(&app, gz).await)
    );
}
