//! Accounts: admins create, edit, disable, unlock and reset within their scope.

use crate::common::{PASSWORD, TestApp};

#[tokio::test]
async fn a_new_account_gets_a_password_shown_once_and_must_change_it() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let th = app.union_id(Some("440106")).await;
    let form = admin.get(&format!("/users/new?union={th}")).await;
    assert!(
        form.contains(&format!("<option value=\"{th}\" selected>")),
        "the union comes preselected"
    );
    let page = admin
        .post(
            "/users",
            &[
                ("username", "TH-Staff"),
                ("display_name", "天河干部"),
                ("role", "staff"),
                ("union_id", &th.to_string()),
            ],
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.contains("仅显示这一次") || page.contains("只显示这一次"));
    let start = page.body.find("<code>").expect("password shown") + "<code>".len();
    let password = &page.body[start..start + 16];
    let user = app.client();
    let login = user.login("th-staff", password).await;
    assert_eq!(
        login.status, 303,
        "usernames are lower-cased; the shown password works"
    );
    let home = user.get("/").await;
    assert_eq!(home.status, 303);
    assert_eq!(
        home.location(),
        "/account/password",
        "the first password must be changed first"
    );
    user.get("/account/password").await;
    let changed = user
        .post(
            "/account/password",
            &[
                ("current", password),
                ("new", "我的新密码 2026!"),
                ("confirm", "我的新密码 2026!"),
            ],
        )
        .await;
    assert_eq!(changed.status, 303);
    assert_eq!(user.login("th-staff", "我的新密码 2026!").await.status, 303);
    assert_eq!(user.get("/").await.status, 200, "no more detours");
}

#[tokio::test]
async fn a_taken_or_malformed_username_is_refused_beside_the_field() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let gz = app.union_id(Some("440100")).await.to_string();
    admin.get("/users/new").await;
    let taken = admin
        .post(
            "/users",
            &[
                ("username", "gz-staff"),
                ("display_name", "重名"),
                ("role", "staff"),
                ("union_id", &gz),
            ],
        )
        .await;
    assert_eq!(taken.status, 422);
    assert!(taken.contains("该用户名已被使用"));
    assert_eq!(taken.field_value("display_name").as_deref(), Some("重名"));
    let malformed = admin
        .post(
            "/users",
            &[
                ("username", "张三"),
                ("display_name", ""),
                ("role", "superuser"),
                ("union_id", &gz),
            ],
        )
        .await;
    assert_eq!(malformed.status, 422);
    assert!(malformed.contains("用户名为 3–40 个小写字母"));
    assert!(malformed.contains("此项必填"));
    assert!(malformed.contains("请选择一项"));
}

#[tokio::test]
async fn admins_grant_roles_only_at_or_below_their_union_and_never_org() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let gd = app.union_id(Some("440000")).await.to_string();
    let root = app.union_id(None).await.to_string();
    admin.get("/users/new").await;
    let at_own = admin
        .post(
            "/users",
            &[
                ("username", "gd-admin-2"),
                ("display_name", "第二管理员"),
                ("role", "admin"),
                ("union_id", &gd),
            ],
        )
        .await;
    assert_eq!(
        at_own.status, 200,
        "an admin at the admin's own union is allowed"
    );
    let above = admin
        .post(
            "/users",
            &[
                ("username", "acftu-x"),
                ("display_name", "越级"),
                ("role", "staff"),
                ("union_id", &root),
            ],
        )
        .await;
    assert_eq!(above.status, 422);
    let org = admin
        .post(
            "/users",
            &[
                ("username", "some-org"),
                ("display_name", "组织"),
                ("role", "org"),
                ("union_id", &gd),
            ],
        )
        .await;
    assert_eq!(org.status, 422);
    assert!(org.contains("您不能在该工会授予这个角色"));
}

#[tokio::test]
async fn nobody_manages_their_own_account_or_raises_their_own_role() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let me = app.user_id("gd-admin").await;
    assert_eq!(admin.get(&format!("/users/{me}/edit")).await.status, 403);
    admin.get("/").await;
    let gd = app.union_id(Some("440000")).await.to_string();
    let page = admin
        .post(
            &format!("/users/{me}/edit"),
            &[
                ("display_name", "x"),
                ("role", "admin"),
                ("union_id", &gd),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, 403);
    // And in the database, whatever the application would ask.
    let staff = app.user_id("gz-staff").await;
    let mut conn = app.serving().await;
    let mut tx = sqlx::Connection::begin(&mut conn).await.expect("begin");
    sqlx::query(
        "select set_config('niudai.scope', '', true), set_config('niudai.user_id', $1, true)",
    )
    .bind(staff.to_string())
    .execute(&mut *tx)
    .await
    .expect("actor");
    let raised = sqlx::query("update users set role = 'admin' where id = $1")
        .bind(staff)
        .execute(&mut *tx)
        .await;
    assert!(raised.is_err(), "a user cannot change their own role");
}

#[tokio::test]
async fn co_admins_of_one_union_cannot_manage_each_other_but_the_union_above_can() {
    let app = TestApp::spawn().await;
    let gd = app.union_id(Some("440000")).await;
    let peer = app.add_user("gd-admin-2", "admin", gd).await;
    let admin = app.login("gd-admin").await;
    assert_eq!(
        admin
            .get(&format!("/users/{peer}/reset-password"))
            .await
            .status,
        403
    );
    admin.get("/").await;
    assert_eq!(
        admin
            .post(&format!("/users/{peer}/disable"), &[])
            .await
            .status,
        403
    );
    let national = app.login("national-admin").await;
    assert_eq!(
        national
            .get(&format!("/users/{peer}/reset-password"))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn disabling_an_account_logs_it_out_at_once_and_enabling_restores_it() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    assert_eq!(staff.get("/").await.status, 200);
    let admin = app.login("gd-admin").await;
    let id = app.user_id("gz-staff").await;
    let confirm = admin.get(&format!("/users/{id}/disable")).await;
    assert!(confirm.contains("确定停用"));
    let page = admin.post(&format!("/users/{id}/disable"), &[]).await;
    assert_eq!(page.status, 303);
    assert_eq!(staff.get("/").await.status, 303, "the open session ended");
    assert_eq!(app.client().login("gz-staff", PASSWORD).await.status, 422);
    let shown = admin.get(&format!("/users/{id}")).await;
    assert!(
        shown.contains("<span class=\"tag tone-ended\">已停用</span>"),
        "a disabled account's badge, muted, with its name"
    );
    admin.post(&format!("/users/{id}/enable"), &[]).await;
    assert_eq!(app.client().login("gz-staff", PASSWORD).await.status, 303);
    assert!(
        admin
            .get(&format!("/users/{id}"))
            .await
            .contains("<span class=\"tag tone-active\">正常</span>")
    );
}

#[tokio::test]
async fn a_locked_account_is_unlocked_by_its_admin() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        app.client().login("sz-staff", "wrong-password").await;
    }
    assert_eq!(app.client().login("sz-staff", PASSWORD).await.status, 422);
    let admin = app.login("gd-admin").await;
    let id = app.user_id("sz-staff").await;
    let page = admin.get(&format!("/users/{id}")).await;
    assert!(
        page.contains("<span class=\"tag tone-refused\">已锁定</span>"),
        "a locked account's badge asks for attention, with its name"
    );
    assert!(
        admin
            .get("/users")
            .await
            .contains("<span class=\"tag tone-refused\">已锁定</span>"),
        "in the list too"
    );
    let page = admin.post(&format!("/users/{id}/unlock"), &[]).await;
    assert_eq!(page.status, 303);
    assert_eq!(app.client().login("sz-staff", PASSWORD).await.status, 303);
}

#[tokio::test]
async fn resetting_a_password_ends_the_accounts_sessions() {
    let app = TestApp::spawn().await;
    let staff = app.login("sz-staff").await;
    let admin = app.login("gd-admin").await;
    let id = app.user_id("sz-staff").await;
    admin.get(&format!("/users/{id}/reset-password")).await;
    let page = admin
        .post(&format!("/users/{id}/reset-password"), &[])
        .await;
    assert_eq!(page.status, 200);
    assert!(page.contains("<code>"));
    assert_eq!(staff.get("/").await.status, 303);
    assert_eq!(
        app.client().login("sz-staff", PASSWORD).await.status,
        422,
        "the old password is gone"
    );
}

#[tokio::test]
async fn a_stale_account_edit_shows_what_was_saved_meanwhile() {
    let app = TestApp::spawn().await;
    let first = app.login("gd-admin").await;
    let second = app.login("gd-admin").await;
    let id = app.user_id("gz-staff").await;
    let gz = app.union_id(Some("440100")).await.to_string();
    let path = format!("/users/{id}/edit");
    first.get(&path).await;
    second.get(&path).await;
    first
        .post(
            &path,
            &[
                ("display_name", "第一位的修改"),
                ("role", "staff"),
                ("union_id", &gz),
                ("version", "1"),
            ],
        )
        .await;
    let stale = second
        .post(
            &path,
            &[
                ("display_name", "第二位的修改"),
                ("role", "viewer"),
                ("union_id", &gz),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(stale.status, 422);
    assert!(stale.contains("第一位的修改"));
    assert_eq!(
        stale.field_value("display_name").as_deref(),
        Some("第二位的修改")
    );
}

#[tokio::test]
async fn the_account_list_filters_sorts_and_pages() {
    let app = TestApp::spawn().await;
    let th = app.union_id(Some("440106")).await;
    for i in 0..60 {
        app.add_user(&format!("bulk-{i:02}"), "viewer", th).await;
    }
    let admin = app.login("gd-admin").await;
    let page = admin.get(&format!("/users?union={th}&role=viewer")).await;
    assert!(page.contains("共 60 条"), "{}", page.body);
    assert!(page.contains("bulk-00") && !page.contains("bulk-59"));
    let next = page
        .body
        .split("rel=\"next\"")
        .next()
        .and_then(|before| before.rsplit("href=\"").next())
        .and_then(|link| link.split('"').next())
        .expect("a next link");
    let page2 = admin.get(&next.replace("&#38;", "&")).await;
    assert!(page2.contains("bulk-59") && !page2.contains("bulk-00"));
    let desc = admin
        .get(&format!("/users?union={th}&sort=username&dir=desc"))
        .await;
    assert!(desc.contains("bulk-59") && !desc.contains("bulk-00"));
    let back = page2
        .body
        .split("rel=\"prev\"")
        .next()
        .and_then(|before| before.rsplit("href=\"").next())
        .and_then(|link| link.split('"').next())
        .expect("a previous link");
    let page1 = admin.get(&back.replace("&#38;", "&")).await;
    assert!(page1.contains("bulk-00") && page1.contains("bulk-49") && !page1.contains("bulk-50"));
    assert!(
        !page1.contains("rel=\"prev\""),
        "the first page has no previous page"
    );
    let forged = niudai::db::list::encode_cursor(&["bulk-10".into(), "not-a-uuid".into()]);
    assert_eq!(
        admin.get(&format!("/users?after={forged}")).await.status,
        400
    );
    let searched = admin.get("/users?q=%E5%B9%BF%E5%B7%9E").await;
    assert!(
        searched.contains("gz-staff") && !searched.contains("sz-staff"),
        "名字里含“广州”"
    );
    assert_eq!(admin.get("/users?sort=password_hash").await.status, 400);
    assert_eq!(admin.get("/users?role=superuser").await.status, 400);
    assert_eq!(admin.get("/users?after=garbage").await.status, 400);
    let bj = app.union_id(Some("110000")).await;
    assert_eq!(admin.get(&format!("/users?union={bj}")).await.status, 404);
    let bj_admin = app.user_id("bj-admin").await;
    assert_eq!(admin.get(&format!("/users/{bj_admin}")).await.status, 404);
}
