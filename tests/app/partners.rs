//! Partners (`/partners`): recorded by the union that keeps the relationship,
//! with what they bring; a partner's name once per union, told beside the
//! field; linked to projects as co-funders from the project's page (the
//! panel partners draw there); every partner in its scope alone.

use uuid::Uuid;

use crate::common::{Client, Page, TestApp};

async fn partner_named(app: &TestApp, name: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from partners where name = $1")
        .bind(name)
        .fetch_one(&mut conn)
        .await
        .expect("a partner")
}

async fn record(client: &Client, union_id: i64, name: &str, phone: &str) -> Page {
    client.get("/partners/new").await;
    client
        .post(
            "/partners",
            &[
                ("union_id", &union_id.to_string()),
                ("name", name),
                ("kind", "media"),
                ("brings", "publicity"),
                ("brings", "venues"),
                ("contact_name", "黄编辑"),
                ("contact_phone", phone),
            ],
        )
        .await
}

#[tokio::test]
async fn a_cadre_records_a_partner_once_and_finds_it_by_kind_and_contribution() {
    let app = TestApp::spawn().await;
    let guangzhou = app.union_id(Some("440100")).await;
    let cadre = app.login("gz-staff").await;

    let page = record(&cadre, guangzhou, "广州日报", "12345").await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-contact_phone-error"));
    assert!(page.contains("请填写手机号（11 位）或带区号的固定电话。"));
    assert!(page.contains("广州日报"), "what was typed stays");

    let page = record(&cadre, guangzhou, "广州日报", "020-83000000").await;
    assert_eq!(page.status, 303, "{}", page.body);
    let id = partner_named(&app, "广州日报").await;
    let shown = cadre.get(&format!("/partners/{id}")).await;
    assert!(shown.contains("宣传") && shown.contains("场地"));

    let page = record(&cadre, guangzhou, "广州日报", "020-83000000").await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-name-error"));
    assert!(page.contains("该工会已登记同名的协力伙伴。"));

    let list = cadre.get("/partners?kind=media&brings=venues").await;
    assert!(list.contains("广州日报"));
    let list = cadre.get("/partners?kind=foundation").await;
    assert!(!list.contains("广州日报"));
    assert_eq!(cadre.get("/partners?kind=ngo").await.status, 400);

    // Edited with a version, audited.
    let form = cadre.get(&format!("/partners/{id}/edit")).await;
    assert_eq!(form.status, 200);
    let page = cadre
        .post(
            &format!("/partners/{id}/edit"),
            &[
                ("union_id", &guangzhou.to_string()),
                ("name", "广州日报社"),
                ("kind", "media"),
                ("brings", "publicity"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let mut conn = app.owner().await;
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where entity_id = $1::text and action like 'partner.%'",
    )
    .bind(id)
    .fetch_one(&mut conn)
    .await
    .expect("audit");
    assert_eq!(audited, 2);
}

#[tokio::test]
async fn a_partner_co_funds_a_project_shown_on_the_projects_page() {
    let app = TestApp::spawn().await;
    let guangzhou = app.union_id(Some("440100")).await;
    let cadre = app.login("gz-staff").await;
    record(&cadre, guangzhou, "广州市慈善会", "020-83000001").await;
    let partner = partner_named(&app, "广州市慈善会").await;
    let project: Uuid = {
        let mut conn = app.owner().await;
        sqlx::query_scalar(
            "select p.id from projects p join unions u on u.id = p.union_id
              where u.division_code = '440100' order by p.code limit 1",
        )
        .fetch_one(&mut conn)
        .await
        .expect("a 广州 project")
    };
    let page = cadre.get(&format!("/projects/{project}")).await;
    assert!(page.contains("共同资助方"), "the panel is drawn");
    let page = cadre
        .post(
            &format!("/projects/{project}/co-funders"),
            &[("partner_id", &partner.to_string()), ("amount", "-5")],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-amount-error"));
    let page = cadre
        .post(
            &format!("/projects/{project}/co-funders"),
            &[("partner_id", &partner.to_string()), ("amount", "50,000")],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let page = cadre.get(&format!("/projects/{project}")).await;
    assert!(page.contains("广州市慈善会"));
    assert!(page.contains("50,000.00"), "{}", page.body);
    let shown = cadre.get(&format!("/partners/{partner}")).await;
    assert!(shown.contains("共同资助的项目"));
    let page = cadre
        .post(
            &format!("/projects/{project}/co-funders/{partner}/remove"),
            &[],
        )
        .await;
    assert_eq!(page.status, 303);
    let mut conn = app.owner().await;
    let links: i64 =
        sqlx::query_scalar("select count(*) from partner_projects where project_id = $1")
            .bind(project)
            .fetch_one(&mut conn)
            .await
            .expect("count");
    assert_eq!(links, 0);
    // Another province's cadre cannot name co-funders of 广州's project.
    let bj = app.login("bj-admin").await;
    bj.get("/partners").await;
    let page = bj
        .post(
            &format!("/projects/{project}/co-funders"),
            &[("partner_id", &partner.to_string())],
        )
        .await;
    assert_eq!(page.status, 404);
}

#[tokio::test]
async fn another_tenants_partner_answers_404() {
    let app = TestApp::spawn().await;
    let sichuan = partner_named(&app, "四川省青少年发展基金会").await;
    for user in ["gd-admin", "gz-staff", "bj-admin"] {
        let client = app.login(user).await;
        assert_eq!(
            client.get(&format!("/partners/{sichuan}")).await.status,
            404,
            "{user}"
        );
        assert!(
            !client
                .get("/partners")
                .await
                .contains("四川省青少年发展基金会")
        );
    }
    let nation = app.login("national-admin").await;
    assert_eq!(
        nation.get(&format!("/partners/{sichuan}")).await.status,
        200
    );
    let list = nation.get("/partners?kind=foundation").await;
    assert!(list.contains("四川省青少年发展基金会"));
    assert!(!list.contains("四川日报"));
    let viewer = app.login("gd-viewer").await;
    assert_eq!(viewer.get("/partners").await.status, 200);
    assert_eq!(viewer.get("/partners/new").await.status, 403);
    let org = app.login("org-1").await;
    assert_eq!(org.get("/partners").await.status, 403);
}
