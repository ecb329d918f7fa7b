//! Federations and joint platforms (`/federations`): a province builds its
//! tree (a parent led at or above, the credit code checked as the registry
//! checks it), members are admitted once and leave without being deleted, a
//! city federation admits beyond its region only explicitly (which the
//! organization's home union sees), organization accounts see their own
//! memberships alone, another tenant's federation answers 404, and a
//! commissioned project admits only the federation's current members.

use uuid::Uuid;

use crate::common::{Client, Page, TestApp};

const PROVINCE: &str = "广东省职工服务类社会组织联合会";
const GUANGZHOU: &str = "广州市职工服务类社会组织联合会";
const SHENZHEN: &str = "深圳市职工服务类社会组织联合会";
const ORG_1: &str = "广州市新市民社会工作服务中心";

pub async fn federation_of(app: &TestApp, name: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from federations where name = $1")
        .bind(name)
        .fetch_one(&mut conn)
        .await
        .expect("a demo federation")
}

async fn org_named(app: &TestApp, name: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from organizations where name = $1")
        .bind(name)
        .fetch_one(&mut conn)
        .await
        .expect("an organization")
}

async fn create(client: &Client, fields: &[(&str, &str)]) -> Page {
    client.get("/federations/new").await;
    client.post("/federations", fields).await
}

async fn admit(client: &Client, federation: Uuid, org: &str, extra: &[(&str, &str)]) -> Page {
    client.get(&format!("/federations/{federation}")).await;
    let mut fields = vec![
        ("org", org),
        ("role", "member"),
        ("joined_on", "2024-03-01"),
    ];
    fields.extend_from_slice(extra);
    client
        .post(&format!("/federations/{federation}/members"), &fields)
        .await
}

async fn memberships(app: &TestApp, federation: Uuid, org: Uuid) -> Vec<(bool, bool)> {
    let mut conn = app.owner().await;
    sqlx::query_as(
        "select left_on is null, cross_region from federation_members
          where federation_id = $1 and org_id = $2 order by joined_on, created_at",
    )
    .bind(federation)
    .bind(org)
    .fetch_all(&mut conn)
    .await
    .expect("memberships")
}

#[tokio::test]
async fn a_province_builds_its_tree_with_a_parent_led_at_or_above() {
    let app = TestApp::spawn().await;
    let province = federation_of(&app, PROVINCE).await;
    let guangzhou_federation = federation_of(&app, GUANGZHOU).await;
    let dongguan = app.union_id(Some("441900")).await;
    let guangdong = app.union_id(Some("440000")).await;
    let admin = app.login("gd-admin").await;

    // A credit code is checked as the registry checks it; what was typed stays.
    let page = create(
        &admin,
        &[
            ("union_id", &dongguan.to_string()),
            ("kind", "union_federation"),
            ("name", "东莞市新业态工会联合会"),
            ("credit_code", "51440300MJL0001710"),
            ("parent_id", &province.to_string()),
            ("founded_on", "2020-05-01"),
        ],
    )
    .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-credit_code-error"), "{}", page.body);
    assert!(
        page.contains("东莞市新业态工会联合会"),
        "what was typed stays"
    );

    // A parent led below the federation's own union is refused beside it.
    let page = create(
        &admin,
        &[
            ("union_id", &guangdong.to_string()),
            ("kind", "federation"),
            ("name", "广东省第二个联合会"),
            ("parent_id", &guangzhou_federation.to_string()),
        ],
    )
    .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-parent_id-error"), "{}", page.body);
    assert!(page.contains("上级联合会须由同级或上级工会牵头"));

    let page = create(
        &admin,
        &[
            ("union_id", &dongguan.to_string()),
            ("kind", "union_federation"),
            ("name", "东莞市新业态工会联合会"),
            ("credit_code", "51440300mjl0001712"),
            ("parent_id", &province.to_string()),
            ("founded_on", "2020-05-01"),
            ("chair", "张伟"),
            ("council_size", "9"),
        ],
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let shown = admin.get(page.location()).await;
    assert!(shown.contains("51440300MJL0001712"), "normalized");
    assert!(shown.contains(PROVINCE), "its parent");
    assert!(
        shown.contains("市级总工会") || shown.contains("市级"),
        "level of 东莞"
    );
    assert!(shown.contains("登记联合会"), "the audit trail");
    let parent = admin.get(&format!("/federations/{province}")).await;
    assert!(parent.contains("东莞市新业态工会联合会"), "a child below");

    // A joint platform names its partners.
    let chongqing = federation_of(&app, "重庆市群团社会组织服务平台").await;
    let nation = app.login("national-admin").await;
    let page = nation.get(&format!("/federations/{chongqing}")).await;
    assert!(page.contains("共青团重庆市委") && page.contains("重庆市妇联"));

    // The list filters by kind and level.
    let list = admin.get("/federations?kind=union_federation").await;
    assert!(list.contains("东莞市新业态工会联合会"));
    assert!(!list.contains(GUANGZHOU));
    let list = admin.get("/federations?level=provincial").await;
    assert!(list.contains(PROVINCE) && !list.contains(GUANGZHOU));
}

#[tokio::test]
async fn members_are_admitted_once_and_leaving_keeps_the_history() {
    let app = TestApp::spawn().await;
    let guangzhou = federation_of(&app, GUANGZHOU).await;
    let tianhe = app.union_id(Some("440106")).await;
    let org = app.add_org("天河区骑手之家服务社", tianhe).await;
    let staff = app.login("gz-staff").await;

    let page = admit(&staff, guangzhou, "天河区骑手之家服务社", &[]).await;
    assert_eq!(page.status, 303, "{}", page.body);
    let page = admit(&staff, guangzhou, "天河区骑手之家服务社", &[]).await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-org-error"));
    assert!(page.contains("不能重复吸收"), "{}", page.body);
    assert_eq!(memberships(&app, guangzhou, org).await.len(), 1);

    let member: Uuid = {
        let mut conn = app.owner().await;
        sqlx::query_scalar("select id from federation_members where org_id = $1")
            .bind(org)
            .fetch_one(&mut conn)
            .await
            .expect("membership")
    };
    let leave = format!("/federations/{guangzhou}/members/{member}/leave");
    let page = staff
        .post(
            &leave,
            &[
                ("left_on", "2024-02-01"),
                ("leave_reason", "搬迁"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("退会日期不能早于入会日期"), "{}", page.body);
    assert!(page.contains("field-left_on-error"));
    let page = staff
        .post(
            &leave,
            &[
                ("left_on", "2025-02-01"),
                ("leave_reason", "搬迁"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(
        memberships(&app, guangzhou, org).await,
        vec![(false, false)]
    );
    let ended = staff
        .get(&format!("/federations/{guangzhou}?show=ended"))
        .await;
    assert!(ended.contains("天河区骑手之家服务社") && ended.contains("2025-02-01"));
    let current = staff.get(&format!("/federations/{guangzhou}")).await;
    assert!(
        !current.contains(&format!("href=\"/orgs/{org}\">天河区骑手之家服务社</a>")),
        "no longer among the current members"
    );

    // Admitted again: a second membership, the first kept.
    let page = admit(&staff, guangzhou, "天河区骑手之家服务社", &[]).await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(
        memberships(&app, guangzhou, org).await,
        vec![(false, false), (true, false)]
    );
    // Nothing deletes a membership, whatever the application asks.
    let mut serving = app.serving().await;
    let refused = sqlx::query("delete from federation_members")
        .execute(&mut serving)
        .await;
    assert!(refused.is_err(), "the serving role deletes no membership");
}

#[tokio::test]
async fn a_city_federation_admits_beyond_its_region_only_explicitly() {
    let app = TestApp::spawn().await;
    let guangzhou = federation_of(&app, GUANGZHOU).await;
    let nanshan = app.union_id(Some("440305")).await;
    let org = app.add_org("南山区跨城服务社", nanshan).await;
    let province = app.login("gd-admin").await;

    let page = admit(&province, guangzhou, "南山区跨城服务社", &[]).await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-org-error"));
    assert!(page.contains("跨区域吸收"), "{}", page.body);
    let page = admit(
        &province,
        guangzhou,
        "南山区跨城服务社",
        &[("cross_region", "on"), ("cross_region_reason", "")],
    )
    .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-cross_region_reason-error"));
    let page = admit(
        &province,
        guangzhou,
        "南山区跨城服务社",
        &[
            ("cross_region", "on"),
            ("cross_region_reason", "在广州设有服务站点"),
        ],
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(memberships(&app, guangzhou, org).await, vec![(true, true)]);

    // The organization's home union (深圳) sees the membership on the
    // organization's page, though not the federation itself.
    let shenzhen = app.login("sz-staff").await;
    let page = shenzhen.get(&format!("/orgs/{org}")).await;
    assert_eq!(page.status, 200);
    assert!(page.contains(GUANGZHOU), "{}", page.body);
    assert!(page.contains("跨区域"));
    assert!(!page.contains(&format!("href=\"/federations/{guangzhou}\"")));
    assert_eq!(
        shenzhen
            .get(&format!("/federations/{guangzhou}"))
            .await
            .status,
        404
    );

    // The database holds the region too.
    let mut serving = app.serving().await;
    sqlx::query("begin")
        .execute(&mut serving)
        .await
        .expect("begin");
    sqlx::query("select set_config('niudai.scope', 'cn', true)")
        .execute(&mut serving)
        .await
        .expect("actor");
    let refused = sqlx::query(
        "insert into federation_members (federation_id, union_path, org_id, org_union_path,
                                         joined_on)
         select f.id, f.union_path, o.id, o.union_path, current_date
           from federations f, organizations o
          where f.id = $1 and o.name = '北京市朝阳区职工法律援助服务中心'",
    )
    .bind(guangzhou)
    .execute(&mut serving)
    .await
    .expect_err("outside the region");
    assert!(refused.to_string().contains("region"), "{refused}");
}

#[tokio::test]
async fn each_sees_the_federations_of_its_scope_and_an_organization_its_own_memberships() {
    let app = TestApp::spawn().await;
    let guangzhou = federation_of(&app, GUANGZHOU).await;
    let shenzhen_federation = federation_of(&app, SHENZHEN).await;

    let gz = app.login("gz-staff").await;
    assert_eq!(
        gz.get(&format!("/federations/{guangzhou}")).await.status,
        200
    );
    assert_eq!(
        gz.get(&format!("/federations/{shenzhen_federation}"))
            .await
            .status,
        404,
        "a sibling city's federation"
    );
    let bj = app.login("bj-admin").await;
    assert_eq!(
        bj.get(&format!("/federations/{guangzhou}")).await.status,
        404
    );
    assert_eq!(
        bj.get(&format!("/federations/{guangzhou}/edit"))
            .await
            .status,
        404
    );
    let list = bj.get("/federations").await;
    assert!(!list.contains(GUANGZHOU));

    let viewer = app.login("gd-viewer").await;
    let page = viewer.get(&format!("/federations/{guangzhou}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.contains("吸收会员单位"), "viewers only read");
    assert_eq!(viewer.get("/federations/new").await.status, 403);
    assert_eq!(
        viewer
            .get(&format!("/federations/{guangzhou}/edit"))
            .await
            .status,
        403
    );

    // The federation's page: members with type, rating, union building and
    // projects, and the counts.
    let page = gz.get(&format!("/federations/{guangzhou}")).await;
    assert!(page.contains(ORG_1));
    assert!(page.contains("按组织类型") && page.contains("按组建工会情况"));

    // org-1 sees its memberships on its own page, and no federation list.
    let org_1 = app.login("org-1").await;
    let own = org_1.get("/orgs/mine").await;
    let own = org_1.get(own.location()).await;
    assert_eq!(own.status, 200);
    assert!(
        own.contains(GUANGZHOU) && own.contains(PROVINCE),
        "{}",
        own.body
    );
    assert!(own.contains("副理事长单位"));
    assert_eq!(org_1.get("/federations").await.status, 403);
    assert_eq!(
        org_1.get(&format!("/federations/{guangzhou}")).await.status,
        403
    );
    // org-2 sees none of org-1's, nor org-1's page.
    let org_2 = app.login("org-2").await;
    let own = org_2.get("/orgs/mine").await;
    let own = org_2.get(own.location()).await;
    assert!(!own.contains(GUANGZHOU));
    let org_1_id = org_named(&app, ORG_1).await;
    assert_eq!(org_2.get(&format!("/orgs/{org_1_id}")).await.status, 404);
}

#[tokio::test]
async fn a_commissioned_project_admits_only_the_federations_current_members() {
    let app = TestApp::spawn().await;
    let guangzhou = federation_of(&app, GUANGZHOU).await;
    let shenzhen_federation = federation_of(&app, SHENZHEN).await;
    let org_1 = org_named(&app, ORG_1).await;
    // An open call org-1 may apply to and has not.
    let project: Uuid = {
        let mut conn = app.owner().await;
        sqlx::query_scalar(
            "select p.id from projects p, organizations o
              where o.id = $1 and p.status = 'open' and o.union_path <@ p.union_path
                and p.apply_opens_on <= current_date and p.apply_closes_on >= current_date
                and not exists (select 1 from applications a
                                 where a.project_id = p.id and a.org_id = o.id)
              order by p.code limit 1",
        )
        .bind(org_1)
        .fetch_one(&mut conn)
        .await
        .expect("an open call for org-1")
    };
    let commission = |federation: Uuid| {
        let app = &app;
        async move {
            let mut conn = app.owner().await;
            sqlx::query("update projects set commissioned_by = $2 where id = $1")
                .bind(project)
                .bind(federation)
                .execute(&mut conn)
                .await
                .expect("commission");
        }
    };
    commission(shenzhen_federation).await;
    let client = app.login("org-1").await;
    let calls = client.get("/calls").await;
    assert!(
        calls.contains("只有该联合会的现有会员可以申报"),
        "{}",
        calls.body
    );
    client.get("/calls").await;
    let page = client.post(&format!("/calls/{project}/apply"), &[]).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), "/calls", "refused: not a member");
    let mut conn = app.owner().await;
    let applied: i64 = sqlx::query_scalar(
        "select count(*) from applications where project_id = $1 and org_id = $2",
    )
    .bind(project)
    .bind(org_1)
    .fetch_one(&mut conn)
    .await
    .expect("count");
    assert_eq!(applied, 0);

    // Commissioned by 广州's federation, of which org-1 is a member: it applies.
    commission(guangzhou).await;
    client.get("/calls").await;
    let page = client.post(&format!("/calls/{project}/apply"), &[]).await;
    assert_eq!(page.status, 303);
    assert!(
        page.location().starts_with("/applications/"),
        "{}",
        page.location()
    );

    // The project page and the federation page say so.
    let gd = app.login("gd-admin").await;
    let shown = gd.get(&format!("/projects/{project}")).await;
    assert!(shown.contains(GUANGZHOU) && shown.contains("委托联合会"));
    let federation = gd.get(&format!("/federations/{guangzhou}")).await;
    assert!(federation.contains(&format!("/projects/{project}")));
    // The project form offers the field.
    let form = gd.get("/projects/new").await;
    assert!(form.contains("name=\"commissioned_by\""));
}

#[tokio::test]
async fn the_statistics_count_the_federations_and_their_members() {
    let app = TestApp::spawn().await;
    let gd = app.login("gd-admin").await;
    gd.get("/stats").await;
    let refreshed = gd.post("/stats/refresh", &[]).await;
    assert_eq!(refreshed.status, 303, "{}", refreshed.body);
    let mut conn = app.owner().await;
    let figure = |key: &'static str| {
        format!(
            "select coalesce((s.figures ->> '{key}')::int8, 0) from stats_snapshots s
               join unions u on u.id = s.union_id
              where u.division_code = '440000' and u.level = 'provincial'"
        )
    };
    let count = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql);
    let all: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(figure("federations:all")))
        .fetch_one(&mut conn)
        .await
        .expect("figure");
    let expected: i64 = count("select count(*) from federations where province = 'cn.u20'")
        .fetch_one(&mut conn)
        .await
        .expect("count");
    assert!(expected >= 8);
    assert_eq!(all, expected);
    let members: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(figure("federation_members:active")))
        .fetch_one(&mut conn)
        .await
        .expect("figure");
    let expected: i64 = count(
        "select count(*) from federation_members m join federations f on f.id = m.federation_id
          where f.province = 'cn.u20' and m.left_on is null",
    )
    .fetch_one(&mut conn)
    .await
    .expect("count");
    assert_eq!(members, expected);
    let page = gd.get("/stats").await;
    assert!(page.contains("联合会与联合平台"));
}
