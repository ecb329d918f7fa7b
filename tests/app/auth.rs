//! Login, logout, lockout, sessions and one's own password.

use crate::common::{PASSWORD, TestApp};

const REFUSED: &str = "用户名或密码错误";

#[tokio::test]
async fn a_demo_account_logs_in_and_sees_its_union() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let page = client.login("gd-admin", PASSWORD).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), "/");
    let home = client.get("/").await;
    assert_eq!(home.status, 200);
    assert!(home.contains("广东省总工会"), "{}", home.body);
    assert!(home.contains("广州市总工会"));
    assert!(!home.contains("北京市总工会"));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_message() {
    let app = TestApp::spawn().await;
    let wrong = app.client().login("gd-admin", "not-the-password").await;
    let unknown = app.client().login("nobody-here", "not-the-password").await;
    assert_eq!(wrong.status, 422);
    assert_eq!(unknown.status, 422);
    assert!(wrong.contains(REFUSED));
    assert!(unknown.contains(REFUSED));
    // Same page but for the username typed back into the form (and the
    // tokens, fresh on every page).
    assert_eq!(
        without_form_keys(
            &wrong
                .body
                .replace("gd-admin", "X")
                .replace(&wrong.field_value("csrf_token").unwrap_or_default(), "T")
        ),
        without_form_keys(
            &unknown
                .body
                .replace("nobody-here", "X")
                .replace(&unknown.field_value("csrf_token").unwrap_or_default(), "T")
        ),
    );
}

/// `page` with every form's idempotency key blanked.
fn without_form_keys(page: &str) -> String {
    const FIELD: &str = "name=\"form_key\" value=\"";
    let mut out = String::new();
    let mut rest = page;
    while let Some(at) = rest.find(FIELD) {
        let value = at + FIELD.len();
        out.push_str(&rest[..value]);
        rest = &rest[value..];
        rest = &rest[rest.find('"').unwrap_or(0)..];
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn a_refused_login_keeps_the_username_typed() {
    let app = TestApp::spawn().await;
    let page = app.client().login("gz-staff", "wrong-password").await;
    assert_eq!(page.field_value("username").as_deref(), Some("gz-staff"));
}

#[tokio::test]
async fn five_failures_lock_the_account_and_then_even_the_right_password_is_refused() {
    let app = TestApp::spawn().await;
    let client = app.client();
    for _ in 0..5 {
        assert!(
            client
                .login("gz-staff", "wrong-password")
                .await
                .contains(REFUSED)
        );
    }
    let page = client.login("gz-staff", PASSWORD).await;
    assert_eq!(page.status, 422, "a locked account must not log in");
    assert!(page.contains(REFUSED));
    let mut conn = app.owner().await;
    let locked: bool = sqlx::query_scalar("select locked_until > now() + interval '14 minutes' from users where username = 'gz-staff'")
        .fetch_one(&mut conn)
        .await
        .expect("query");
    assert!(locked, "locked for 15 minutes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_wrong_attempts_cannot_slip_past_the_limit() {
    let app = TestApp::spawn().await;
    // Every browser opens the login page first, then all submit at once.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(12));
    let attempts: Vec<_> = (0..12)
        .map(|_| {
            let client = app.client();
            let barrier = barrier.clone();
            tokio::spawn(async move {
                client.get("/login").await;
                barrier.wait().await;
                client
                    .post(
                        "/login",
                        &[("username", "sz-staff"), ("password", "wrong-password")],
                    )
                    .await
                    .status
            })
        })
        .collect();
    for attempt in attempts {
        assert_eq!(attempt.await.expect("attempt"), 422);
    }
    let mut conn = app.owner().await;
    let locked: bool =
        sqlx::query_scalar("select locked_until > now() from users where username = 'sz-staff'")
            .fetch_one(&mut conn)
            .await
            .expect("query");
    assert!(locked);
    let checked: i64 = sqlx::query_scalar(
        "select count(*) from audit_log
          where action in ('login.failed', 'login.locked') and actor_username = 'sz-staff'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("query");
    let refused: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where action = 'login.locked_out' and actor_username = 'sz-staff'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("query");
    assert_eq!(
        checked, 5,
        "exactly five attempts had their password checked"
    );
    assert_eq!(refused, 7, "the other seven were refused unchecked");
    assert!(
        app.client()
            .login("sz-staff", PASSWORD)
            .await
            .contains(REFUSED)
    );
}

#[tokio::test]
async fn the_session_id_changes_at_login() {
    let app = TestApp::spawn().await;
    let client = app.client();
    client.set_cookie("niudai_session", "planted-by-an-attacker");
    client.login("gd-admin", PASSWORD).await;
    let first = client.cookie("niudai_session").expect("a session cookie");
    assert_ne!(first, "planted-by-an-attacker");
    client.get("/").await;
    client.login("gd-admin", PASSWORD).await;
    let second = client.cookie("niudai_session").expect("a session cookie");
    assert_ne!(first, second);
    // The old session is over.
    let old = app.client();
    old.set_cookie("niudai_session", &first);
    assert_eq!(old.get("/").await.status, 303);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = TestApp::spawn().await;
    let client = app.login("gz-staff").await;
    let token = client.cookie("niudai_session").expect("session");
    client.get("/").await;
    let page = client.post("/logout", &[]).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), "/login");
    assert_eq!(client.get("/").await.status, 303);
    let replay = app.client();
    replay.set_cookie("niudai_session", &token);
    let page = replay.get("/").await;
    assert_eq!(page.status, 303, "a logged-out token must not work again");
    assert!(page.location().starts_with("/login"));
}

#[tokio::test]
async fn pages_need_a_login_and_come_back_after_it() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let page = client.get("/users?role=staff").await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), "/login?next=%2Fusers%3Frole%3Dstaff");
    client.get(page.location()).await;
    let login = client
        .post(
            "/login",
            &[
                ("username", "gd-admin"),
                ("password", PASSWORD),
                ("next", "/users?role=staff"),
            ],
        )
        .await;
    assert_eq!(login.location(), "/users?role=staff");
    for elsewhere in [
        "//evil.example/",
        "/\t/evil.example",
        "/\\evil.example",
        "https://evil.example",
    ] {
        let off_site = app.client();
        off_site.get("/login").await;
        let login = off_site
            .post(
                "/login",
                &[
                    ("username", "gd-admin"),
                    ("password", PASSWORD),
                    ("next", elsewhere),
                ],
            )
            .await;
        assert_eq!(login.location(), "/", "{elsewhere:?} is not followed");
    }
}

#[tokio::test]
async fn an_idle_session_expires() {
    let app = TestApp::spawn_with(|config| config.session_idle_minutes = 30).await;
    let client = app.login("gz-staff").await;
    assert_eq!(client.get("/").await.status, 200);
    let mut conn = app.owner().await;
    sqlx::query("update sessions set last_seen_at = now() - interval '31 minutes'")
        .execute(&mut conn)
        .await
        .expect("age the session");
    assert_eq!(client.get("/").await.status, 303);
}

#[tokio::test]
async fn an_active_session_stays_alive_past_the_idle_limit() {
    let app = TestApp::spawn().await;
    let client = app.login("gz-staff").await;
    let mut conn = app.owner().await;
    for _ in 0..3 {
        sqlx::query("update sessions set last_seen_at = now() - interval '20 minutes'")
            .execute(&mut conn)
            .await
            .expect("age the session");
        assert_eq!(
            client.get("/").await.status,
            200,
            "each request renews the idle clock"
        );
    }
}

#[tokio::test]
async fn a_session_ends_after_its_absolute_lifetime_even_when_active() {
    let app = TestApp::spawn().await;
    let client = app.login("gz-staff").await;
    let mut conn = app.owner().await;
    sqlx::query("update sessions set created_at = now() - interval '13 hours'")
        .execute(&mut conn)
        .await
        .expect("age the session");
    assert_eq!(client.get("/").await.status, 303);
}

#[tokio::test]
async fn changing_ones_password_needs_the_current_one_and_ends_every_session() {
    let app = TestApp::spawn().await;
    let laptop = app.login("gz-staff").await;
    let phone = app.login("gz-staff").await;
    laptop.get("/account/password").await;
    let refused = laptop
        .post(
            "/account/password",
            &[("current", "wrong"), ("new", "short"), ("confirm", "other")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("当前密码不正确"));
    assert!(refused.contains("新密码至少需要 10 个字符"));
    assert!(refused.contains("两次输入的新密码不一致"));
    let page = laptop
        .post(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("new", "天河区 2026 新密码"),
                ("confirm", "天河区 2026 新密码"),
            ],
        )
        .await;
    assert_eq!(page.status, 303);
    assert_eq!(
        page.location(),
        "/login",
        "log in again with the new password"
    );
    let login_page = laptop.get("/login").await;
    assert!(login_page.contains("密码已修改，请用新密码重新登录"));
    assert_eq!(laptop.get("/").await.status, 303, "this session ended too");
    assert_eq!(phone.get("/").await.status, 303, "the other session ended");
    assert_eq!(
        app.client()
            .login("gz-staff", "天河区 2026 新密码")
            .await
            .status,
        303
    );
    assert_eq!(app.client().login("gz-staff", PASSWORD).await.status, 422);
}

#[tokio::test]
async fn guessing_the_current_password_locks_the_account_and_ends_the_session() {
    let app = TestApp::spawn().await;
    let thief = app.login("sz-staff").await;
    thief.get("/account/password").await;
    let guess = [
        ("current", "a-guess-123"),
        ("new", "whatever-long"),
        ("confirm", "whatever-long"),
    ];
    for _ in 0..4 {
        assert_eq!(thief.post("/account/password", &guess).await.status, 422);
    }
    let page = thief.post("/account/password", &guess).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), "/login");
    assert_eq!(
        thief.get("/").await.status,
        303,
        "the borrowed session is over"
    );
    assert_eq!(
        app.client().login("sz-staff", PASSWORD).await.status,
        422,
        "locked"
    );
    let mut conn = app.owner().await;
    let failures: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where action = 'user.password_change_failed'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("query");
    assert_eq!(failures, 5);
}

#[tokio::test]
async fn a_new_password_may_not_be_the_username() {
    let app = TestApp::spawn().await;
    app.add_user(
        "long-username-1",
        "staff",
        app.union_id(Some("440100")).await,
    )
    .await;
    let client = app.login("long-username-1").await;
    client.get("/account/password").await;
    let page = client
        .post(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("new", "Long-Username-1"),
                ("confirm", "Long-Username-1"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("新密码不能与用户名相同"));
}

#[tokio::test]
async fn the_login_rate_limit_answers_429_beyond_it() {
    let app = TestApp::spawn_with(|config| config.login_rate = 3).await;
    let client = app.client();
    for _ in 0..3 {
        assert_eq!(client.login("gz-staff", "wrong").await.status, 422);
    }
    let page = client.login("gz-staff", PASSWORD).await;
    assert_eq!(page.status, 429);
    assert!(page.contains("操作过于频繁"));
    let wait: u64 = page
        .header("retry-after")
        .parse()
        .expect("429 says when to try again");
    assert!((1..=60).contains(&wait), "Retry-After: {wait}");
}

#[tokio::test]
async fn a_disabled_account_cannot_log_in() {
    let app = TestApp::spawn().await;
    let mut conn = app.owner().await;
    sqlx::query("update users set disabled_at = now() where username = 'sz-staff'")
        .execute(&mut conn)
        .await
        .expect("disable");
    assert!(
        app.client()
            .login("sz-staff", PASSWORD)
            .await
            .contains(REFUSED)
    );
}

#[tokio::test]
async fn the_login_page_leads_to_the_public_calls() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let login = client.get("/login").await;
    assert!(
        login.contains("<a class=\"button\" href=\"/calls/public\">查看正在公开征集的项目</a>"),
        "{}",
        login.body
    );
    assert_eq!(client.get("/calls/public").await.status, 200, "open to all");
}
