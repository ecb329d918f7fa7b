//! Service sites (`/sites`): recorded by the cadres of the owning union's
//! scope with a division code inside the union's region and coordinates
//! inside China; listed by kind, level, union subtree and division; counted
//! by level and kind with a row per child union; printed per county; another
//! province's site is not found.

use uuid::Uuid;

use crate::common::{Client, Page, TestApp};

const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 0, 0, 0,
    1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
];

pub async fn site_of(app: &TestApp, name: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from service_sites where name = $1")
        .bind(name)
        .fetch_one(&mut conn)
        .await
        .expect("a demo site")
}

/// Posts the site form with these fields over a valid site of 武侯区.
async fn record(client: &Client, union_id: i64, changes: &[(&str, &str)]) -> Page {
    client.get("/sites/new").await;
    let union = union_id.to_string();
    let mut fields: Vec<(&str, &str)> = vec![
        ("union_id", &union),
        ("kind", "home_15min"),
        ("name", "望江路社区 15分钟职工之家"),
        ("address", "成都市武侯区望江路 1 号"),
        ("division_code", "510107"),
        ("latitude", "30.6301"),
        ("longitude", "104.0835"),
        ("datum", "gcj02"),
        ("opening_hours", "每天 8:00–20:00"),
        ("services", "culture"),
        ("services", "outdoor_workers"),
        ("opened_on", "2025-05-01"),
        ("contact_name", "李老师"),
        ("contact_phone", "028-85551234"),
    ];
    for (name, value) in changes {
        fields.retain(|(n, _)| n != name);
        fields.push((name, value));
    }
    client.post("/sites", &fields).await
}

#[tokio::test]
async fn a_sichuan_cadre_records_a_site_and_finds_it_by_kind_level_and_division() {
    let app = TestApp::spawn().await;
    let wuhou = app.union_id(Some("510107")).await;
    let cadre = app.login("sc-staff").await;
    let page = record(&cadre, wuhou, &[]).await;
    assert_eq!(page.status, 303, "{}", page.body);
    let shown = cadre.get(page.location()).await;
    assert!(shown.contains("望江路社区 15分钟职工之家"));
    assert!(shown.contains("四川省成都市武侯区"), "the division named");
    assert!(shown.contains("GCJ-02"), "the datum named");

    let list = cadre
        .get("/sites?kind=home_15min&level=county&division=5101")
        .await;
    assert_eq!(list.status, 200);
    assert!(list.contains("望江路社区 15分钟职工之家"));
    assert!(list.contains("红牌楼社区 15分钟职工之家"), "the demo's");
    assert!(
        !list.contains("东城街道 15分钟职工之家"),
        "雅安's is not in 5101"
    );
    let yaan = app.union_id(Some("511800")).await;
    let list = cadre.get(&format!("/sites?union={yaan}")).await;
    assert!(list.contains("雅安市职工服务中心"));
    assert!(!list.contains("武侯区职工服务中心"));
    assert_eq!(cadre.get("/sites?division=5x").await.status, 400);

    // Every change is in the audit log.
    let mut conn = app.owner().await;
    let logged: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where entity_type = 'service_site' and action = 'site.created'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("audit");
    assert_eq!(logged, 1);
}

#[tokio::test]
async fn a_division_outside_the_unions_region_or_coordinates_outside_china_are_refused() {
    let app = TestApp::spawn().await;
    let yaan = app.union_id(Some("511800")).await;
    let wuhou = app.union_id(Some("510107")).await;
    let cadre = app.login("sc-staff").await;

    // 武侯区 (510107) is not in 雅安's region.
    let page = record(&cadre, yaan, &[]).await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-division_code-error"), "{}", page.body);
    assert!(page.contains("行政区划不在所属工会的辖区（四川省雅安市）内"));
    assert!(
        page.contains("望江路社区 15分钟职工之家"),
        "what was typed stays"
    );

    let page = record(&cadre, wuhou, &[("division_code", "519999")]).await;
    assert_eq!(page.status, 422);
    assert!(page.contains("该代码不在国家行政区划代码表"));
    assert!(page.contains("519999"));

    // Paris, latitude first.
    let page = record(
        &cadre,
        wuhou,
        &[("latitude", "48.8566"), ("longitude", "2.3522")],
    )
    .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-latitude-error"));
    assert!(page.contains("坐标不在中国境内"));
    assert!(page.contains("48.8566"));

    let page = record(
        &cadre,
        wuhou,
        &[("opened_on", "2025-05-01"), ("closed_on", "2024-01-01")],
    )
    .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("关闭日期不能早于启用日期"));

    let page = record(&cadre, wuhou, &[("operator", "并不存在的社会组织")]).await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-operator-error"));

    let mut conn = app.owner().await;
    let sites: i64 =
        sqlx::query_scalar("select count(*) from service_sites where name like '望江路%'")
            .fetch_one(&mut conn)
            .await
            .expect("count");
    assert_eq!(sites, 0, "nothing refused was saved");
}

#[tokio::test]
async fn sites_are_read_in_scope_and_managed_by_cadres_only() {
    let app = TestApp::spawn().await;
    let sichuan = site_of(&app, "武侯区职工服务中心").await;
    let beijing = site_of(&app, "朝阳区三里屯环卫工人爱心驿站").await;
    let show = |id: Uuid| format!("/sites/{id}");
    let edit = |id: Uuid| format!("/sites/{id}/edit");

    let cadre = app.login("sc-staff").await;
    assert_eq!(cadre.get(&show(sichuan)).await.status, 200);
    assert_eq!(cadre.get(&edit(sichuan)).await.status, 200);
    assert_eq!(
        cadre.get(&show(beijing)).await.status,
        404,
        "another tenant's"
    );
    assert_eq!(cadre.get(&edit(beijing)).await.status, 404);
    let list = cadre.get("/sites").await;
    assert!(!list.contains("三里屯"), "{}", list.body);

    let beijing_admin = app.login("bj-admin").await;
    let page = beijing_admin.get(&show(beijing)).await;
    assert!(
        page.contains("北京市朝阳区职工法律援助服务中心"),
        "its operator"
    );
    assert_eq!(beijing_admin.get(&show(sichuan)).await.status, 404);

    // Viewers read; reviewers, evaluators and organizations see none.
    let viewer = app.login("gd-viewer").await;
    assert_eq!(viewer.get("/sites").await.status, 200);
    assert_eq!(viewer.get("/sites/new").await.status, 403);
    for username in ["reviewer-1", "evaluator-1", "org-1"] {
        let client = app.login(username).await;
        assert_eq!(client.get("/sites").await.status, 403, "{username}");
        assert_eq!(client.get("/sites/counts").await.status, 403, "{username}");
    }

    // The nation reads every province's.
    let nation = app.login("national-admin").await;
    assert_eq!(nation.get(&show(sichuan)).await.status, 200);
    assert_eq!(nation.get(&show(beijing)).await.status, 200);

    // Another province's union in a filter is not found either.
    let chaoyang = app.union_id(Some("110105")).await;
    assert_eq!(
        cadre.get(&format!("/sites?union={chaoyang}")).await.status,
        404
    );
    assert_eq!(
        cadre
            .get(&format!("/sites/counts?union={chaoyang}"))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn a_cadre_edits_a_site_and_adds_a_photo() {
    let app = TestApp::spawn().await;
    let id = site_of(&app, "武侯区职工服务中心").await;
    let wuhou = app.union_id(Some("510107")).await;
    let cadre = app.login("sc-staff").await;
    let form = cadre.get(&format!("/sites/{id}/edit")).await;
    assert_eq!(form.field_value("division_code").as_deref(), Some("510107"));
    let page = cadre
        .post(
            &format!("/sites/{id}/edit"),
            &[
                ("union_id", &wuhou.to_string()),
                ("kind", "service_center"),
                ("name", "武侯区职工服务中心"),
                ("address", "成都市武侯区人民南路四段 19 号"),
                ("division_code", "510107"),
                ("opening_hours", "周一至周六 9:00–18:00"),
                ("services", "legal_aid"),
                ("closed_on", ""),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let shown = cadre.get(&format!("/sites/{id}")).await;
    assert!(shown.contains("周一至周六 9:00–18:00"));
    assert!(shown.contains("未标注"), "the coordinates were taken off");

    let page = cadre
        .upload(
            &format!("/sites/{id}/photos"),
            "note.txt",
            b"hello".to_vec(),
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("请上传 JPEG 或 PNG 格式的图片"));
    let page = cadre
        .upload(&format!("/sites/{id}/photos"), "中心.png", PNG.to_vec())
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let shown = cadre.get(&format!("/sites/{id}")).await;
    assert!(shown.contains("/files/"), "the photo shows");

    // Another province's viewer does not find it.
    let guangdong_viewer = app.login("gd-viewer").await;
    assert_eq!(
        guangdong_viewer.get(&format!("/sites/{id}")).await.status,
        404
    );
}

#[tokio::test]
async fn the_pyramid_reads_by_level_and_kind_and_drills_down_to_each_child_union() {
    let app = TestApp::spawn().await;
    let cadre = app.login("sc-staff").await;
    let page = cadre.get("/sites/counts").await;
    assert_eq!(page.status, 200);
    for text in [
        "省级总工会",
        "市级总工会",
        "县（区）级总工会",
        "服务中心",
        "15分钟之家",
        "成都市总工会",
        "雅安市总工会",
    ] {
        assert!(page.contains(text), "{text}: {}", page.body);
    }
    let chengdu = app.union_id(Some("510100")).await;
    assert!(page.contains(&format!("/sites/counts?union={chengdu}")));
    let page = cadre.get(&format!("/sites/counts?union={chengdu}")).await;
    assert_eq!(page.status, 200);
    assert!(page.contains("武侯区总工会"));
    assert!(!page.contains("雅安市总工会"));

    // A county's printable list: its own sites, in print layout.
    let wuhou = app.union_id(Some("510107")).await;
    let print = cadre.get(&format!("/sites/print?union={wuhou}")).await;
    assert_eq!(print.status, 200);
    assert!(print.contains("武侯区总工会 · 服务阵地名单"));
    assert!(print.contains("浆洗街街道职工服务点"));
    assert!(!print.contains("雨城区职工服务中心"));
    assert!(print.contains("printable"));
}
