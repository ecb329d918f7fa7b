//! Contact meetings (`/meetings`): a 广州 cadre convenes, invites `org-1`'s
//! organization, which answers its own invitation (and never sees another
//! organization's); attendance recorded by the cadre is the organization's
//! contact, written with it and removed with it; follow-up actions wait on
//! the responsible cadre's home page until done; every meeting in its scope
//! alone.

use uuid::Uuid;

use crate::common::{Client, Page, TestApp};

const ORG_1: &str = "广州市新市民社会工作服务中心";

pub async fn org_named(app: &TestApp, name: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from organizations where name = $1")
        .bind(name)
        .fetch_one(&mut conn)
        .await
        .expect("an organization")
}

async fn meeting_titled(app: &TestApp, title: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from meetings where title = $1")
        .bind(title)
        .fetch_one(&mut conn)
        .await
        .expect("a meeting")
}

/// Convenes a meeting of 广州 as `client`, today.
pub async fn convene(client: &Client, union_id: i64, title: &str) -> Page {
    client.get("/meetings/new").await;
    let today = chrono::Local::now().date_naive().to_string();
    client
        .post(
            "/meetings",
            &[
                ("union_id", &union_id.to_string()),
                ("kind", "contact"),
                ("title", title),
                ("held_on", &today),
                ("place", "广州市总工会 301 会议室"),
                ("agenda", "通报购买服务项目进展"),
                ("status", "planned"),
            ],
        )
        .await
}

async fn invitation_of(app: &TestApp, meeting: Uuid, org: Uuid) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from meeting_invitations where meeting_id = $1 and org_id = $2")
        .bind(meeting)
        .bind(org)
        .fetch_one(&mut conn)
        .await
        .expect("an invitation")
}

async fn meeting_contacts(app: &TestApp, meeting: Uuid, org: Uuid) -> i64 {
    let mut conn = app.owner().await;
    sqlx::query_scalar(
        "select count(*) from organization_contacts
          where meeting_id = $1 and org_id = $2 and method = 'meeting'",
    )
    .bind(meeting)
    .bind(org)
    .fetch_one(&mut conn)
    .await
    .expect("count")
}

#[tokio::test]
async fn org_1_accepts_and_its_attendance_is_a_contact_in_its_timeline_without_double_entry() {
    let app = TestApp::spawn().await;
    let guangzhou = app.union_id(Some("440100")).await;
    let org_1 = org_named(&app, ORG_1).await;
    let other = app
        .add_org("天河区外卖骑手互助会", app.union_id(Some("440106")).await)
        .await;
    let cadre = app.login("gz-staff").await;

    let page = convene(&cadre, guangzhou, "天河园区社会组织联系会议").await;
    assert_eq!(page.status, 303, "{}", page.body);
    let meeting = meeting_titled(&app, "天河园区社会组织联系会议").await;
    cadre.get(&format!("/meetings/{meeting}")).await;
    let page = cadre
        .post(
            &format!("/meetings/{meeting}/invitations"),
            &[("organizations", &format!("{ORG_1}\n天河区外卖骑手互助会"))],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);

    // org-1 finds the invitation on its home page and answers it there.
    let org = app.login("org-1").await;
    let home = org.get("/").await;
    assert!(home.contains("天河园区社会组织联系会议"), "{}", home.body);
    let letter = org.get(&format!("/meetings/{meeting}")).await;
    assert_eq!(letter.status, 200);
    assert!(letter.contains("通报购买服务项目进展"));
    assert!(
        !letter.contains("天河区外卖骑手互助会"),
        "an organization never sees another's invitation"
    );
    let page = org
        .post(
            &format!("/meetings/{meeting}/answer"),
            &[("response", "accepted"), ("note", "派两人参加")],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    // org-2 is not invited: the meeting does not exist for it.
    let org_2 = app.login("org-2").await;
    assert_eq!(org_2.get(&format!("/meetings/{meeting}")).await.status, 404);
    let page = org_2
        .post(
            &format!("/meetings/{meeting}/answer"),
            &[("response", "accepted")],
        )
        .await;
    assert_eq!(page.status, 404);

    // The cadre sees the answer and records who came: one contact each.
    let shown = cadre.get(&format!("/meetings/{meeting}")).await;
    assert!(shown.contains("已接受"));
    assert!(shown.contains("派两人参加"));
    let invitation = invitation_of(&app, meeting, org_1).await;
    let page = cadre
        .post(
            &format!("/meetings/{meeting}/attendance"),
            &[("attended", &invitation.to_string())],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(meeting_contacts(&app, meeting, org_1).await, 1);
    assert_eq!(meeting_contacts(&app, meeting, other).await, 0);
    // Saved again, nothing doubles.
    cadre.get(&format!("/meetings/{meeting}")).await;
    cadre
        .post(
            &format!("/meetings/{meeting}/attendance"),
            &[("attended", &invitation.to_string())],
        )
        .await;
    assert_eq!(meeting_contacts(&app, meeting, org_1).await, 1);
    let mut conn = app.owner().await;
    let (last, status): (Option<chrono::NaiveDate>, String) = sqlx::query_as(
        "select o.last_contacted_on, m.status from organizations o, meetings m
          where o.id = $1 and m.id = $2",
    )
    .bind(org_1)
    .bind(meeting)
    .fetch_one(&mut conn)
    .await
    .expect("org and meeting");
    assert_eq!(last, Some(chrono::Local::now().date_naive()));
    assert_eq!(status, "held", "a meeting someone attended was held");
    let timeline = cadre.get(&format!("/orgs/{org_1}")).await;
    assert!(
        timeline.contains("参加联系会议：天河园区社会组织联系会议"),
        "{}",
        timeline.body
    );

    // Un-marking removes the contact again.
    cadre.get(&format!("/meetings/{meeting}")).await;
    let page = cadre
        .post(&format!("/meetings/{meeting}/attendance"), &[])
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(meeting_contacts(&app, meeting, org_1).await, 0);
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where entity_id = $1::text and action like 'meeting.%'",
    )
    .bind(meeting)
    .fetch_one(&mut conn)
    .await
    .expect("audit");
    assert!(audited >= 5, "every change is audited: {audited}");
}

#[tokio::test]
async fn bad_input_is_told_beside_its_field_and_kept() {
    let app = TestApp::spawn().await;
    let guangzhou = app.union_id(Some("440100")).await;
    let cadre = app.login("gz-staff").await;
    cadre.get("/meetings/new").await;
    let page = cadre
        .post(
            "/meetings",
            &[
                ("union_id", &guangzhou.to_string()),
                ("kind", "contact"),
                ("title", "明年的联系会议"),
                ("held_on", "2999-01-01"),
                ("place", ""),
                ("agenda", "议程"),
                ("status", "held"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-status-error"));
    assert!(page.contains("会议日期还没到，不能标记为已召开。"));
    assert!(page.contains("field-place-error"));
    assert!(page.contains("明年的联系会议"), "what was typed stays");

    // Invitations name organizations of the convening union's subtree.
    let page = convene(&cadre, guangzhou, "越秀区联系会议").await;
    assert_eq!(page.status, 303);
    let meeting = meeting_titled(&app, "越秀区联系会议").await;
    cadre.get(&format!("/meetings/{meeting}")).await;
    let page = cadre
        .post(
            &format!("/meetings/{meeting}/invitations"),
            &[("organizations", "北京市朝阳区职工法律援助服务中心")],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("field-organizations-error"));
    assert!(page.contains("在召集工会及其下级找不到这些社会组织"));
    assert!(page.contains("北京市朝阳区职工法律援助服务中心"), "kept");

    // A responsible cadre from outside the subtree is refused.
    let shenzhen = app.user_id("sz-staff").await;
    let page = cadre
        .post(
            &format!("/meetings/{meeting}/actions"),
            &[
                ("title", "走访重点组织"),
                ("responsible_user_id", &shenzhen.to_string()),
                ("due_on", "2030-01-01"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("请选择召集工会或其下级工会的工作人员。"));
    assert!(page.contains("走访重点组织"));
}

#[tokio::test]
async fn a_follow_up_action_waits_on_the_responsible_cadres_home_until_done() {
    let app = TestApp::spawn().await;
    let guangzhou = app.union_id(Some("440100")).await;
    let tianhe = app.union_id(Some("440106")).await;
    let responsible = app.add_user("th-staff", "staff", tianhe).await;
    let cadre = app.login("gz-staff").await;
    convene(&cadre, guangzhou, "园区联系会议").await;
    let meeting = meeting_titled(&app, "园区联系会议").await;
    cadre.get(&format!("/meetings/{meeting}")).await;
    let page = cadre
        .post(
            &format!("/meetings/{meeting}/actions"),
            &[
                ("title", "走访园区内新成立的社会组织"),
                ("responsible_user_id", &responsible.to_string()),
                ("due_on", "2000-01-01"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);

    // 天河's cadre does not see 广州's meetings, but their own action and
    // its meeting, and closes it.
    let th = app.login("th-staff").await;
    let home = th.get("/").await;
    assert!(home.contains("走访园区内新成立的社会组织"), "{}", home.body);
    assert!(home.contains("逾期"));
    let shown = th.get(&format!("/meetings/{meeting}")).await;
    assert_eq!(shown.status, 200);
    assert!(!shown.contains(&format!("/meetings/{meeting}/edit")));
    let action: Uuid = {
        let mut conn = app.owner().await;
        sqlx::query_scalar("select id from meeting_actions where meeting_id = $1")
            .bind(meeting)
            .fetch_one(&mut conn)
            .await
            .expect("action")
    };
    let page = th
        .post(&format!("/meetings/{meeting}/actions/{action}/done"), &[])
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let home = th.get("/").await;
    assert!(!home.contains("走访园区内新成立的社会组织"));

    // Another cadre of 天河 neither sees the meeting nor closes actions.
    app.add_user("th-other", "staff", tianhe).await;
    let other = app.login("th-other").await;
    assert_eq!(other.get(&format!("/meetings/{meeting}")).await.status, 404);
}

#[tokio::test]
async fn another_tenants_meeting_answers_404_and_viewers_only_read() {
    let app = TestApp::spawn().await;
    let meeting = meeting_titled(&app, "广州市劳动关系领域社会组织联系会议").await;
    for user in ["bj-admin", "sz-staff"] {
        let client = app.login(user).await;
        assert_eq!(
            client.get(&format!("/meetings/{meeting}")).await.status,
            404,
            "{user}"
        );
        assert_eq!(
            client
                .get(&format!("/meetings/{meeting}/edit"))
                .await
                .status,
            404,
            "{user}"
        );
        let list = client.get("/meetings").await;
        assert!(
            !list.contains("广州市劳动关系领域社会组织联系会议"),
            "{user}"
        );
    }
    let viewer = app.login("gd-viewer").await;
    let list = viewer.get("/meetings").await;
    assert!(list.contains("广州市劳动关系领域社会组织联系会议"));
    assert_eq!(
        viewer.get(&format!("/meetings/{meeting}")).await.status,
        200
    );
    assert_eq!(viewer.get("/meetings/new").await.status, 403);
    assert_eq!(
        viewer
            .get(&format!("/meetings/{meeting}/edit"))
            .await
            .status,
        403
    );
    let reviewer = app.login("reviewer-1").await;
    assert_eq!(reviewer.get("/meetings").await.status, 403);
    // The demo's invitation waits on org-1's home page.
    let org = app.login("org-1").await;
    assert!(
        org.get("/")
            .await
            .contains("广州市劳动关系领域社会组织联系会议")
    );
}

#[tokio::test]
async fn the_statistics_count_partners_and_meetings_as_the_records_say() {
    let app = TestApp::spawn().await;
    let guangzhou = app.union_id(Some("440100")).await;
    let org_1 = org_named(&app, ORG_1).await;
    let cadre = app.login("gz-staff").await;
    convene(&cadre, guangzhou, "统计用联系会议").await;
    let meeting = meeting_titled(&app, "统计用联系会议").await;
    cadre.get(&format!("/meetings/{meeting}")).await;
    cadre
        .post(
            &format!("/meetings/{meeting}/invitations"),
            &[("organizations", ORG_1)],
        )
        .await;
    let invitation = invitation_of(&app, meeting, org_1).await;
    cadre.get(&format!("/meetings/{meeting}")).await;
    cadre
        .post(
            &format!("/meetings/{meeting}/attendance"),
            &[("attended", &invitation.to_string())],
        )
        .await;

    let nation = app.login("national-admin").await;
    nation.get("/stats").await;
    assert_eq!(nation.post("/stats/refresh", &[]).await.status, 303);
    let mut conn = app.owner().await;
    // Each union's roll-up of a month equals its subtree's records.
    for code in ["440100", "440000"] {
        let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
            "select k.key,
                    coalesce((select sum((s.figures->>k.key)::int8)::int8 from stats_months s
                               where s.union_id = u.id), 0),
                    case k.key
                      when 'meetings:held' then
                        (select count(*) from meetings m
                          where m.union_path <@ u.path and m.status = 'held')
                      when 'meetings:invitations' then
                        (select count(*) from meeting_invitations i join meetings m on m.id = i.meeting_id
                          where m.union_path <@ u.path and m.status <> 'cancelled')
                      else
                        (select count(*) from meeting_invitations i join meetings m on m.id = i.meeting_id
                          where m.union_path <@ u.path and m.status <> 'cancelled' and i.attended)
                    end,
                    u.id
               from unions u,
                    unnest(array['meetings:held', 'meetings:invitations', 'meetings:attendances']) k(key)
              where u.division_code = $1 and u.level <> 'grassroots'",
        )
        .bind(code)
        .fetch_all(&mut conn)
        .await
        .expect("figures");
        for (key, figure, records, _) in rows {
            assert_eq!(figure, records, "{key} of {code}");
            assert!(records > 0, "{key} of {code} counts something");
        }
    }
    // Partners, as of now, on the page: the nation's total and its kinds.
    let page = nation.get("/stats").await;
    assert!(
        page.contains("id=\"meetings\""),
        "the meetings table is drawn"
    );
    let partners: i64 = sqlx::query_scalar("select count(*) from partners")
        .fetch_one(&mut conn)
        .await
        .expect("count");
    let figure: i64 = sqlx::query_scalar(
        "select (figures->>'partners:all')::int8 from stats_snapshots s
           join unions u on u.id = s.union_id where u.parent_id is null",
    )
    .fetch_one(&mut conn)
    .await
    .expect("national figure");
    assert_eq!(figure, partners);
    let foundations: i64 = sqlx::query_scalar(
        "select (figures->>'partners:kind:foundation')::int8 from stats_snapshots s
           join unions u on u.id = s.union_id where u.division_code = '510000'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("sichuan figure");
    let counted: i64 = sqlx::query_scalar(
        "select count(*) from partners where kind = 'foundation' and union_path <@
           (select path from unions where division_code = '510000')",
    )
    .fetch_one(&mut conn)
    .await
    .expect("count");
    assert_eq!(foundations, counted);
    assert!(foundations >= 2, "the demo's 协力伙伴 foundations");
}
