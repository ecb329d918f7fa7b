//! Typical experiences (`/experiences`): written and submitted by a union,
//! published by its province, featured by the nation; a featured one shows
//! on every union cadre's home page and opens in every province, the rest
//! stay in their scope (404 elsewhere); the Markdown body never lets HTML
//! through.

use uuid::Uuid;

use crate::common::{Client, Page, TestApp};

const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 0, 0, 0,
    1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
];
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

pub async fn experience_of(app: &TestApp, title: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from experiences where title = $1")
        .bind(title)
        .fetch_one(&mut conn)
        .await
        .expect("an experience")
}

#[tokio::test]
async fn a_featured_experience_shows_on_every_unions_home_page_and_opens_in_every_province() {
    let app = TestApp::spawn().await;
    let featured = experience_of(&app, "心灵港湾").await;
    for cadre in ["bj-admin", "gz-staff", "gd-viewer", "national-admin"] {
        let client = app.login(cadre).await;
        let home = client.get("/").await;
        assert!(home.contains("全国推荐的典型经验"), "{cadre}");
        assert!(
            home.contains(&format!("/experiences/{featured}")),
            "{cadre}"
        );
        let page = client.get(&format!("/experiences/{featured}")).await;
        assert_eq!(page.status, 200, "{cadre}");
        assert!(page.contains("<h2>做法</h2>"), "the body as HTML");
        assert!(page.contains("广东省总工会"), "{cadre} sees whose it is");
    }
    // Accounts without a scope see none of it.
    for partner in ["org-1", "reviewer-1", "evaluator-1"] {
        let client = app.login(partner).await;
        assert!(!client.get("/").await.contains("心灵港湾"), "{partner}");
        assert_eq!(
            client.get(&format!("/experiences/{featured}")).await.status,
            403,
            "{partner}"
        );
    }
    // Reading is all another province may do with it.
    let beijing = app.login("bj-admin").await;
    beijing.get(&format!("/experiences/{featured}")).await;
    for path in ["edit", "submit", "publish"] {
        let page = beijing
            .post(&format!("/experiences/{featured}/{path}"), &[])
            .await;
        assert_eq!(page.status, 403, "{path}");
    }
    let token = beijing.csrf_token();
    let page = beijing
        .post_multipart(
            &format!("/experiences/{featured}/photos"),
            &[("csrf_token", token.as_str())],
        )
        .await;
    assert_eq!(page.status, 403, "photos");
    // Another province's list does not list it (only above it, as featured).
    assert!(
        beijing
            .get("/experiences?featured=yes")
            .await
            .contains("本级及下级还没有典型经验")
    );
}

#[tokio::test]
async fn an_unpublished_or_unfeatured_experience_of_another_province_is_404() {
    let app = TestApp::spawn().await;
    let sichuan = experience_of(&app, "鲁班工程：产业工人技能提升").await;
    let beijing = experience_of(&app, "环卫工人爱心驿站").await;
    let guangzhou_draft = experience_of(&app, "新市民法律服务驿站的做法").await;
    let gd = app.login("gd-admin").await;
    assert_eq!(gd.get(&format!("/experiences/{sichuan}")).await.status, 404);
    assert_eq!(gd.get(&format!("/experiences/{beijing}")).await.status, 404);
    assert_eq!(
        gd.get(&format!("/experiences/{guangzhou_draft}"))
            .await
            .status,
        200
    );
    let bj = app.login("bj-admin").await;
    assert_eq!(
        bj.get(&format!("/experiences/{guangzhou_draft}"))
            .await
            .status,
        404
    );
    assert_eq!(bj.get(&format!("/experiences/{beijing}")).await.status, 200);
    // A sibling city does not see 广州's draft either.
    let sz = app.login("sz-staff").await;
    assert_eq!(
        sz.get(&format!("/experiences/{guangzhou_draft}"))
            .await
            .status,
        404
    );
}

async fn write(client: &Client, fields: &[(&str, &str)]) -> Page {
    client.get("/experiences/new").await;
    client.post("/experiences", fields).await
}

#[tokio::test]
async fn an_experience_is_written_submitted_published_and_featured_and_its_body_stays_safe() {
    let app = TestApp::spawn().await;
    let guangzhou = app.union_id(Some("440100")).await.to_string();
    let city = app.login("gz-staff").await;
    let body = "## 做法\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[点我](javascript:alert(2))";
    let mut fields = vec![
        ("union_id", guangzhou.as_str()),
        ("kind", "experience"),
        ("title", "园区职工服务站的做法"),
        ("summary", "依托社会组织运营园区服务站。"),
        ("body", body),
        ("projects", "2099-XX-0001"),
    ];
    // An unknown project is refused beside its field, nothing typed lost.
    let page = write(&city, &fields).await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-projects-error"));
    assert!(page.contains("2099-XX-0001"));
    assert!(page.contains("园区职工服务站的做法"));
    let mut conn = app.owner().await;
    let (code, project_title): (String, String) = sqlx::query_as(
        "select p.code, p.title from projects p join unions u on u.id = p.union_id
          where u.division_code = '440100' order by p.code limit 1",
    )
    .fetch_one(&mut conn)
    .await
    .expect("a 广州 project");
    fields[5] = ("projects", code.as_str());
    let page = write(&city, &fields).await;
    assert_eq!(page.status, 303, "{}", page.body);
    let id = experience_of(&app, "园区职工服务站的做法").await;
    let shown = city.get(&format!("/experiences/{id}")).await;
    assert!(shown.contains("<h2>做法</h2>"));
    assert!(!shown.contains("<script>alert('x')"), "{}", shown.body);
    assert!(shown.contains("&lt;script&gt;"), "raw HTML shows as text");
    assert!(!shown.contains("<img src=x"));
    assert!(!shown.contains("javascript:alert(2)"));
    assert!(shown.contains(&project_title), "the linked project");

    // The city submits; it cannot publish; the province publishes.
    let path = |action: &str| format!("/experiences/{id}/{action}");
    assert_eq!(city.post(&path("submit"), &[]).await.status, 303);
    assert_eq!(city.post(&path("publish"), &[]).await.status, 403);
    let province = app.login("gd-admin").await;
    province.get(&format!("/experiences/{id}")).await;
    assert_eq!(province.post(&path("feature"), &[]).await.status, 403);
    assert_eq!(province.post(&path("publish"), &[]).await.status, 303);
    let status: String = sqlx::query_scalar("select status from experiences where id = $1")
        .bind(id)
        .fetch_one(&mut conn)
        .await
        .expect("status");
    assert_eq!(status, "published");
    // Once published the city no longer edits it.
    assert_eq!(city.get(&path("edit")).await.status, 403);

    // Not featured yet: 北京 does not see it.
    let beijing = app.login("bj-admin").await;
    assert_eq!(beijing.get(&format!("/experiences/{id}")).await.status, 404);
    let nation = app.login("national-admin").await;
    nation.get(&format!("/experiences/{id}")).await;
    assert_eq!(nation.post(&path("feature"), &[]).await.status, 303);
    assert!(beijing.get("/").await.contains("园区职工服务站的做法"));
    let shown = beijing.get(&format!("/experiences/{id}")).await;
    assert_eq!(shown.status, 200);
    assert!(shown.contains(&project_title), "the link's name");
    assert!(
        !shown.contains("href=\"/projects/"),
        "no link into a record 北京 cannot open"
    );
    // Taken off, it is 广东's again alone.
    assert_eq!(nation.post(&path("feature"), &[]).await.status, 303);
    assert_eq!(beijing.get(&format!("/experiences/{id}")).await.status, 404);
}

#[tokio::test]
async fn featuring_keeps_a_small_set_the_oldest_going_first() {
    let app = TestApp::spawn().await;
    let mut conn = app.owner().await;
    sqlx::query(
        "update experiences set status = 'published', published_at = now()
          where title in ('环卫工人爱心驿站', '鲁班工程：产业工人技能提升', '新市民法律服务驿站的做法')",
    )
    .execute(&mut conn)
    .await
    .expect("publish them");
    let nation = app.login("national-admin").await;
    for title in [
        "环卫工人爱心驿站",
        "鲁班工程：产业工人技能提升",
        "新市民法律服务驿站的做法",
    ] {
        let id = experience_of(&app, title).await;
        nation.get(&format!("/experiences/{id}")).await;
        let page = nation
            .post(&format!("/experiences/{id}/feature"), &[])
            .await;
        assert_eq!(page.status, 303, "{title}");
    }
    let featured: Vec<String> = sqlx::query_scalar(
        "select title from experiences where featured order by featured_at desc",
    )
    .fetch_all(&mut conn)
    .await
    .expect("featured");
    assert_eq!(featured.len(), 3, "{featured:?}");
    assert!(
        !featured.contains(&"心灵港湾".to_owned()),
        "the one featured longest went: {featured:?}"
    );
    // A draft cannot be featured.
    sqlx::query("update experiences set status = 'draft', featured = false, featured_at = null where title = '心灵港湾'")
        .execute(&mut conn)
        .await
        .expect("a draft");
    let draft = experience_of(&app, "心灵港湾").await;
    let page = nation
        .post(&format!("/experiences/{draft}/feature"), &[])
        .await;
    assert_eq!(page.status, 303);
    let featured: bool = sqlx::query_scalar("select featured from experiences where id = $1")
        .bind(draft)
        .fetch_one(&mut conn)
        .await
        .expect("featured");
    assert!(!featured);
}

#[tokio::test]
async fn photos_are_images_and_are_seen_with_their_experience() {
    let app = TestApp::spawn().await;
    let featured = experience_of(&app, "心灵港湾").await;
    let draft = experience_of(&app, "新市民法律服务驿站的做法").await;
    let province = app.login("gd-admin").await;
    for id in [featured, draft] {
        province.get(&format!("/experiences/{id}")).await;
        let page = province
            .upload(
                &format!("/experiences/{id}/photos"),
                "活动.pdf",
                PDF.to_vec(),
            )
            .await;
        assert_eq!(page.status, 422);
        assert!(page.contains("照片只能是 JPG 或 PNG 图片"));
        let page = province
            .upload(
                &format!("/experiences/{id}/photos"),
                "活动.png",
                PNG.to_vec(),
            )
            .await;
        assert_eq!(page.status, 303, "{}", page.body);
    }
    let mut conn = app.owner().await;
    let photo_of = async |conn: &mut sqlx::PgConnection, id: Uuid| -> Uuid {
        sqlx::query_scalar(
            "select id from files where owner_kind = 'experience_photo' and owner_id = $1",
        )
        .bind(id)
        .fetch_one(conn)
        .await
        .expect("a photo")
    };
    let featured_photo = photo_of(&mut conn, featured).await;
    let draft_photo = photo_of(&mut conn, draft).await;
    let beijing = app.login("bj-admin").await;
    assert!(
        beijing
            .get(&format!("/experiences/{featured}"))
            .await
            .contains(&format!("/files/{featured_photo}"))
    );
    assert_eq!(
        beijing
            .download(&format!("/files/{featured_photo}"))
            .await
            .0,
        200
    );
    assert_eq!(
        beijing.download(&format!("/files/{draft_photo}")).await.0,
        404
    );
    let org = app.login("org-1").await;
    assert_eq!(
        org.download(&format!("/files/{featured_photo}")).await.0,
        404
    );
}
