//! Security headers on pages, errors and redirects; styled error pages.

use crate::common::{Page, TestApp};

fn assert_security_headers(page: &Page, what: &str) {
    let csp = page.header("content-security-policy");
    for directive in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(
            csp.contains(directive),
            "{what}: CSP lacks {directive}: {csp}"
        );
    }
    assert_eq!(page.header("x-content-type-options"), "nosniff", "{what}");
    assert!(
        !page.header("referrer-policy").is_empty(),
        "{what}: referrer-policy"
    );
}

#[tokio::test]
async fn pages_errors_and_redirects_carry_the_security_headers() {
    let app = TestApp::spawn().await;
    let anonymous = app.client();
    let login = anonymous.get("/login").await;
    assert_security_headers(&login, "login page");
    let redirect = anonymous.get("/users").await;
    assert_eq!(redirect.status, 303);
    assert_security_headers(&redirect, "redirect");
    let client = app.login("gz-staff").await;
    let home = client.get("/").await;
    assert_security_headers(&home, "home page");
    assert_eq!(
        home.header("cache-control"),
        "no-store",
        "logged-in pages are not cached"
    );
    let not_found = client.get("/no/such/page").await;
    assert_eq!(not_found.status, 404);
    assert_security_headers(&not_found, "404");
    let forbidden = client.get("/audit").await;
    assert_eq!(forbidden.status, 403);
    assert_security_headers(&forbidden, "403");
    let refused = client.post_raw("/logout", &[], true).await;
    assert_eq!(refused.status, 403);
    assert_security_headers(&refused, "CSRF refusal");
    assert!(
        home.header("strict-transport-security").is_empty(),
        "no HSTS over http"
    );
}

#[tokio::test]
async fn https_deployments_get_hsts_and_secure_cookies() {
    let app =
        TestApp::spawn_with(|config| config.public_url = Some("https://niudai.example.cn".into()))
            .await;
    let client = app.client();
    let page = client.get("/login").await;
    assert!(
        page.header("strict-transport-security")
            .contains("max-age=")
    );
    let token = page.field_value("csrf_token").expect("token");
    let login = client
        .post_raw(
            "/login",
            &[
                ("csrf_token", &token),
                ("username", "gz-staff"),
                ("password", crate::common::PASSWORD),
            ],
            true,
        )
        .await;
    let cookies: Vec<_> = login
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("niudai_session="))
        .expect("a session cookie");
    assert!(session.contains("Secure"), "{session}");
    assert!(session.contains("HttpOnly"), "{session}");
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let app = TestApp::spawn().await;
    let client = app.client();
    client.get("/login").await;
    let page = client
        .post(
            "/login",
            &[
                ("username", "gz-staff"),
                ("password", crate::common::PASSWORD),
            ],
        )
        .await;
    let cookies: Vec<_> = page
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("niudai_session="))
        .expect("session cookie");
    assert!(session.contains("HttpOnly"));
    assert!(session.contains("SameSite=Lax"));
    assert!(!session.contains("Secure"), "not over plain http");
}

#[tokio::test]
async fn error_pages_are_styled_and_speak_the_users_language() {
    let app = TestApp::spawn().await;
    let client = app.login("gz-staff").await;
    let page = client.get("/nowhere").await;
    assert_eq!(page.status, 404);
    assert!(page.header("content-type").starts_with("text/html"));
    assert!(page.contains("页面不存在"));
    assert!(page.contains("/static/app.css"), "the styled layout");
    client.get("/").await;
    client
        .post("/language", &[("lang", "en"), ("back", "/")])
        .await;
    let page = client.get("/nowhere").await;
    assert!(page.contains("Not found"), "{}", page.body);
}

#[tokio::test]
async fn health_answers_without_login() {
    let app = TestApp::spawn().await;
    let page = app.client().get("/healthz").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body, "ok");
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_413() {
    let app = TestApp::spawn().await;
    let client = app.login("gz-staff").await;
    client.get("/").await;
    let huge = "x".repeat(3 * 1024 * 1024);
    let page = client
        .post("/language", &[("lang", "en"), ("back", &huge)])
        .await;
    assert_eq!(page.status, 413);
    assert!(page.contains("内容过大"));
}

#[tokio::test]
async fn health_answers_503_when_the_database_does_not() {
    let app = TestApp::spawn().await;
    crate::common::database::drop_database(app.database.clone());
    let page = app.client().get("/healthz").await;
    assert_eq!(page.status, 503);
}

#[tokio::test]
async fn a_panic_becomes_the_styled_500_page_and_reveals_nothing() {
    async fn boom() -> &'static str {
        panic!("secret internal detail")
    }
    let routes = niudai::routes().route("/boom", axum::routing::get(boom));
    let app = TestApp::spawn_routes(|_| {}, routes).await;
    let page = app.client().get("/boom").await;
    assert_eq!(page.status, 500);
    assert!(page.contains("系统出错"));
    assert!(!page.contains("secret internal detail"));
    assert_security_headers(&page, "500");
    assert_eq!(
        app.client().get("/healthz").await.status,
        200,
        "the server lives on"
    );
}
