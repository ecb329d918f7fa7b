//! Every state-changing request needs the session's token and a same-origin
//! source; otherwise 403 and nothing changes.

use crate::common::TestApp;

async fn display_name_of(app: &TestApp, username: &str) -> String {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select display_name from users where username = $1")
        .bind(username)
        .fetch_one(&mut conn)
        .await
        .expect("user")
}

async fn edit_form_of_gz_staff(app: &TestApp) -> (crate::common::Client, String) {
    let client = app.login("gd-admin").await;
    let id = app.user_id("gz-staff").await;
    client.get(&format!("/users/{id}/edit")).await;
    (client, format!("/users/{id}/edit"))
}

fn edit_fields(union_id: &str) -> Vec<(&'static str, String)> {
    vec![
        ("display_name", "改过的名字".to_owned()),
        ("role", "staff".to_owned()),
        ("union_id", union_id.to_owned()),
        ("version", "1".to_owned()),
    ]
}

#[tokio::test]
async fn a_form_with_its_token_goes_through() {
    let app = TestApp::spawn().await;
    let (client, path) = edit_form_of_gz_staff(&app).await;
    let union = app.union_id(Some("440100")).await.to_string();
    let fields = edit_fields(&union);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(client.post(&path, &fields).await.status, 303);
    assert_eq!(display_name_of(&app, "gz-staff").await, "改过的名字");
}

#[tokio::test]
async fn a_missing_token_is_refused() {
    let app = TestApp::spawn().await;
    let (client, path) = edit_form_of_gz_staff(&app).await;
    let union = app.union_id(Some("440100")).await.to_string();
    let fields = edit_fields(&union);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = client.post_raw(&path, &fields, true).await;
    assert_eq!(page.status, 403);
    assert!(page.contains("无权操作"), "a styled 403 page");
    assert_eq!(display_name_of(&app, "gz-staff").await, "广州市总工会干部");
}

#[tokio::test]
async fn a_wrong_token_is_refused() {
    let app = TestApp::spawn().await;
    let (client, path) = edit_form_of_gz_staff(&app).await;
    let union = app.union_id(Some("440100")).await.to_string();
    let mut fields = edit_fields(&union);
    fields.push((
        "csrf_token",
        "0123456789012345678901234567890123456789abc".to_owned(),
    ));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(client.post_raw(&path, &fields, true).await.status, 403);
    assert_eq!(display_name_of(&app, "gz-staff").await, "广州市总工会干部");
}

#[tokio::test]
async fn another_sessions_token_is_refused() {
    let app = TestApp::spawn().await;
    let other = app.login("gd-admin").await;
    let (client, path) = edit_form_of_gz_staff(&app).await;
    let home = other.get("/").await;
    let token = home.field_value("csrf_token").expect("token on the page");
    let union = app.union_id(Some("440100")).await.to_string();
    let mut fields = edit_fields(&union);
    fields.push(("csrf_token", token));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(client.post_raw(&path, &fields, true).await.status, 403);
}

#[tokio::test]
async fn a_cross_origin_post_is_refused_even_with_the_token() {
    let app = TestApp::spawn().await;
    let (client, path) = edit_form_of_gz_staff(&app).await;
    let union = app.union_id(Some("440100")).await.to_string();
    let fields = edit_fields(&union);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = client.post_cross_site(&path, &fields).await;
    assert_eq!(page.status, 403);
    assert!(page.contains("无权操作"));
    assert_eq!(display_name_of(&app, "gz-staff").await, "广州市总工会干部");
}

#[tokio::test]
async fn the_login_form_has_a_token_too() {
    let app = TestApp::spawn().await;
    let client = app.client();
    client.get("/login").await;
    let page = client
        .post_raw(
            "/login",
            &[
                ("username", "gd-admin"),
                ("password", crate::common::PASSWORD),
            ],
            true,
        )
        .await;
    assert_eq!(page.status, 403);
    assert!(client.cookie("niudai_session").is_none());
}

#[tokio::test]
async fn get_never_changes_anything() {
    let app = TestApp::spawn().await;
    let client = app.login("gd-admin").await;
    let id = app.user_id("gz-staff").await;
    // The confirmation pages of destructive actions are GETs that only ask.
    let page = client.get(&format!("/users/{id}/disable")).await;
    assert_eq!(page.status, 200);
    let page = client.get(&format!("/users/{id}/reset-password")).await;
    assert_eq!(page.status, 200);
    assert_eq!(client.get("/logout").await.status, 405);
    let mut conn = app.owner().await;
    let (disabled, must_change): (bool, bool) = sqlx::query_as(
        "select disabled_at is not null, must_change_password from users where id = $1",
    )
    .bind(id)
    .fetch_one(&mut conn)
    .await
    .expect("user");
    assert!(!disabled && !must_change);
    assert_eq!(client.get("/").await.status, 200, "still logged in");
}

#[tokio::test]
async fn the_token_may_come_in_a_header_instead_of_the_form() {
    let app = TestApp::spawn().await;
    let client = app.login("gz-staff").await;
    let token = client
        .get("/")
        .await
        .field_value("csrf_token")
        .expect("token");
    let with_header = client
        .post_with_header("/language", &[("lang", "en"), ("back", "/")], &token)
        .await;
    assert_eq!(with_header.status, 303);
    let wrong_header = client
        .post_with_header("/language", &[("lang", "zh-CN"), ("back", "/")], "wrong")
        .await;
    assert_eq!(wrong_header.status, 403);
}

#[tokio::test]
async fn an_upload_carries_its_token_as_a_form_field_too() {
    let app = TestApp::spawn().await;
    let client = app.login("gz-staff").await;
    let token = client
        .get("/")
        .await
        .field_value("csrf_token")
        .expect("token");
    let with_token = client
        .post_multipart("/language", &[("csrf_token", &token), ("lang", "en")])
        .await;
    assert_ne!(
        with_token.status, 403,
        "the token in a multipart body is read"
    );
    let without = client.post_multipart("/language", &[("lang", "en")]).await;
    assert_eq!(without.status, 403);
    let wrong = client
        .post_multipart("/language", &[("csrf_token", "wrong"), ("lang", "en")])
        .await;
    assert_eq!(wrong.status, 403);
}
