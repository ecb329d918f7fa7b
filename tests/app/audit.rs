//! The audit log: written with every change, in the same transaction; read
//! within scope; never altered.

use sqlx::Executor;

use crate::common::TestApp;

async fn actions(app: &TestApp) -> Vec<String> {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select action from audit_log order by id")
        .fetch_all(&mut conn)
        .await
        .expect("audit rows")
}

#[tokio::test]
async fn logins_successes_failures_and_lockouts_are_recorded() {
    let app = TestApp::spawn().await;
    app.client().login("nobody", "whatever-at-all").await;
    for _ in 0..5 {
        app.client().login("gz-staff", "wrong-password").await;
    }
    app.client()
        .login("gz-staff", crate::common::PASSWORD)
        .await;
    app.login("sz-staff").await;
    assert_eq!(
        actions(&app).await,
        vec![
            "login.failed",
            "login.failed",
            "login.failed",
            "login.failed",
            "login.failed",
            "login.locked",
            "login.locked_out",
            "login.succeeded",
        ]
    );
    let mut conn = app.owner().await;
    let (username, ip): (String, String) = sqlx::query_as(
        "select changes->>'username', host(ip) from audit_log where actor_id is null",
    )
    .fetch_one(&mut conn)
    .await
    .expect("the unknown user's attempt");
    assert_eq!(username, "nobody");
    assert_eq!(ip, "127.0.0.1");
}

#[tokio::test]
async fn every_change_writes_an_entry_with_before_and_after() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let gz = app.union_id(Some("440100")).await;
    let sz = app.union_id(Some("440300")).await;

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
    assert_eq!(created.status, 303, "{}", created.body);
    let haizhu: i64 = created
        .location()
        .trim_start_matches("/unions/")
        .parse()
        .expect("new id");
    admin.get(&format!("/unions/{haizhu}/edit")).await;
    admin
        .post(
            &format!("/unions/{haizhu}/edit"),
            &[
                ("name", "广州市海珠区总工会"),
                ("level", "county"),
                ("division_code", "440105"),
                ("version", "1"),
            ],
        )
        .await;
    admin.get(&format!("/unions/{haizhu}/move")).await;
    let moved = admin
        .post(
            &format!("/unions/{haizhu}/move"),
            &[("parent_id", &sz.to_string()), ("version", "2")],
        )
        .await;
    assert_eq!(moved.status, 303, "{}", moved.body);

    admin.get("/users/new").await;
    let page = admin
        .post(
            "/users",
            &[
                ("username", "hz-staff"),
                ("display_name", "海珠干部"),
                ("role", "staff"),
                ("union_id", &haizhu.to_string()),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let id = app.user_id("hz-staff").await;
    admin.get(&format!("/users/{id}/edit")).await;
    admin
        .post(
            &format!("/users/{id}/edit"),
            &[
                ("display_name", "海珠区干部"),
                ("role", "viewer"),
                ("union_id", &haizhu.to_string()),
                ("version", "1"),
            ],
        )
        .await;
    admin.get(&format!("/users/{id}")).await;
    admin.post(&format!("/users/{id}/disable"), &[]).await;
    admin.get(&format!("/users/{id}")).await;
    admin.post(&format!("/users/{id}/enable"), &[]).await;
    admin.get(&format!("/users/{id}")).await;
    admin
        .post(&format!("/users/{id}/reset-password"), &[])
        .await;

    let recorded: Vec<String> = actions(&app)
        .await
        .into_iter()
        .filter(|a| !a.starts_with("login."))
        .collect();
    assert_eq!(
        recorded,
        vec![
            "union.created",
            "union.updated",
            "union.moved",
            "user.created",
            "user.updated",
            "user.disabled",
            "user.enabled",
            "user.password_reset",
        ]
    );
    let mut conn = app.owner().await;
    let (actor, changes, path_ok): (String, serde_json::Value, bool) = sqlx::query_as(
        "select actor_username, changes, union_path = (select path from unions where id = $1)
           from audit_log where action = 'union.updated'",
    )
    .bind(haizhu)
    .fetch_one(&mut conn)
    .await
    .expect("the edit's entry");
    assert_eq!(actor, "gd-admin");
    assert_eq!(
        changes,
        serde_json::json!({ "name": { "before": "海珠区总工会", "after": "广州市海珠区总工会" } })
    );
    assert!(
        !path_ok,
        "the entry keeps the path it was written under, before the move"
    );
    let user_changes: serde_json::Value =
        sqlx::query_scalar("select changes from audit_log where action = 'user.updated'")
            .fetch_one(&mut conn)
            .await
            .expect("the user edit's entry");
    assert_eq!(
        user_changes["role"],
        serde_json::json!({ "before": "staff", "after": "viewer" })
    );
    assert_eq!(user_changes["display_name"]["after"], "海珠区干部");
}

#[tokio::test]
async fn a_refused_change_writes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let gz = app.union_id(Some("440100")).await;
    admin.get(&format!("/unions/{gz}/children/new")).await;
    let page = admin
        .post(
            &format!("/unions/{gz}/children/new"),
            &[
                ("name", "重复代码总工会"),
                ("level", "county"),
                ("division_code", "440106"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    let recorded: Vec<String> = actions(&app)
        .await
        .into_iter()
        .filter(|a| !a.starts_with("login."))
        .collect();
    assert!(recorded.is_empty(), "{recorded:?}");
}

#[tokio::test]
async fn the_serving_role_can_neither_update_nor_delete_entries() {
    let app = TestApp::spawn().await;
    app.login("gd-admin").await;
    let mut conn = app.serving().await;
    let update = conn
        .execute("update audit_log set action = 'login.forged'")
        .await;
    assert!(update.is_err_and(|e| e.to_string().contains("permission denied")));
    let delete = conn.execute("delete from audit_log").await;
    assert!(delete.is_err_and(|e| e.to_string().contains("permission denied")));
    let truncate = conn.execute("truncate audit_log").await;
    assert!(truncate.is_err());
    // Not even the owner may rewrite history.
    let mut owner = app.owner().await;
    let update = owner
        .execute("update audit_log set action = 'login.forged'")
        .await;
    assert!(update.is_err_and(|e| e.to_string().contains("append-only")));
    assert_eq!(actions(&app).await, vec!["login.succeeded"]);
}

#[tokio::test]
async fn the_serving_role_cannot_forge_another_actors_entry() {
    let app = TestApp::spawn().await;
    let mut conn = app.serving().await;
    let gd_admin = app.user_id("gd-admin").await;
    let bj_admin = app.user_id("bj-admin").await;
    let mut tx = sqlx::Connection::begin(&mut conn).await.expect("begin");
    sqlx::query(
        "select set_config('niudai.scope', 'cn', true), set_config('niudai.user_id', $1, true)",
    )
    .bind(gd_admin.to_string())
    .execute(&mut *tx)
    .await
    .expect("actor");
    let forged = sqlx::query("insert into audit_log (actor_id, union_path, action, entity_type) values ($1, 'cn', 'user.updated', 'user')")
        .bind(bj_admin)
        .execute(&mut *tx)
        .await;
    assert!(
        forged.is_err(),
        "an entry in someone else's name is refused"
    );
}

#[tokio::test]
async fn admins_browse_the_log_of_their_scope_only() {
    let app = TestApp::spawn().await;
    app.login("bj-admin").await;
    app.login("gz-staff").await;
    let gd = app.login("gd-admin").await;
    let page = gd.get("/audit").await;
    assert_eq!(page.status, 200);
    assert!(page.contains("gz-staff"));
    assert!(
        !page.contains("bj-admin"),
        "Beijing's logins are outside 广东's scope"
    );
    let filtered = gd.get("/audit?actor=gd-admin&action=login").await;
    assert!(filtered.contains("gd-admin"));
    assert!(!filtered.contains("gz-staff"));
    let bad_date = gd.get("/audit?from=2026-13-45").await;
    assert_eq!(bad_date.status, 200);
    assert!(bad_date.contains("请按 2026-11-28 的格式填写日期"));
    let national = app.login("national-admin").await;
    let page = national.get("/audit").await;
    assert!(page.contains("bj-admin") && page.contains("gz-staff"));
    let staff = app.login("gz-staff").await;
    assert_eq!(staff.get("/audit").await.status, 403);
}
