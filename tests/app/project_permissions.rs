//! Who may do what to which project, from 广州 (a municipal union): every role
//! × action × place, written out as for unions and accounts. 200/303 mean
//! done; 403 the role may not; 404 the record is outside what the user can
//! see at all (another scope, or a role with no scope).

use uuid::Uuid;

use crate::common::TestApp;

const ROLES: [&str; 6] = ["admin", "staff", "viewer", "reviewer", "evaluator", "org"];
/// own (广州), child (天河区), parent (广东), sibling (深圳), other province (北京)
const PLACES: [&str; 5] = ["440100", "440106", "440000", "440300", "110000"];

/// (action, role, expected status at each place)
const TABLE: &[(&str, &str, [u16; 5])] = &[
    ("view_project", "admin", [200, 200, 404, 404, 404]),
    ("view_project", "staff", [200, 200, 404, 404, 404]),
    ("view_project", "viewer", [200, 200, 404, 404, 404]),
    ("view_project", "reviewer", [403, 403, 403, 403, 403]),
    ("view_project", "evaluator", [403, 403, 403, 403, 403]),
    ("view_project", "org", [403, 403, 403, 403, 403]),
    ("edit_draft", "admin", [200, 200, 404, 404, 404]),
    ("edit_draft", "staff", [200, 200, 404, 404, 404]),
    ("edit_draft", "viewer", [403, 403, 404, 404, 404]),
    ("edit_draft", "reviewer", [404, 404, 404, 404, 404]),
    ("edit_draft", "evaluator", [404, 404, 404, 404, 404]),
    ("edit_draft", "org", [404, 404, 404, 404, 404]),
    ("submit", "admin", [303, 303, 404, 404, 404]),
    ("submit", "staff", [303, 303, 404, 404, 404]),
    ("submit", "viewer", [403, 403, 404, 404, 404]),
    ("submit", "reviewer", [404, 404, 404, 404, 404]),
    ("submit", "evaluator", [404, 404, 404, 404, 404]),
    ("submit", "org", [404, 404, 404, 404, 404]),
    // Below the threshold the purchasing union's parent approves: 广州's admin
    // approves 天河区's project, not its own (广东 does).
    ("approve", "admin", [403, 303, 404, 404, 404]),
    ("approve", "staff", [403, 403, 404, 404, 404]),
    ("approve", "viewer", [403, 403, 404, 404, 404]),
    ("approve", "reviewer", [404, 404, 404, 404, 404]),
    ("approve", "evaluator", [404, 404, 404, 404, 404]),
    ("approve", "org", [404, 404, 404, 404, 404]),
    ("view_reviews", "admin", [200, 200, 404, 404, 404]),
    ("view_reviews", "staff", [200, 200, 404, 404, 404]),
    ("view_reviews", "viewer", [200, 200, 404, 404, 404]),
    ("view_reviews", "reviewer", [403, 403, 403, 403, 403]),
    ("view_reviews", "evaluator", [403, 403, 403, 403, 403]),
    ("view_reviews", "org", [403, 403, 403, 403, 403]),
    // A submitted application to a call at the place, by another organization.
    ("view_application", "admin", [200, 200, 404, 404, 404]),
    ("view_application", "staff", [200, 200, 404, 404, 404]),
    ("view_application", "viewer", [200, 200, 404, 404, 404]),
    ("view_application", "reviewer", [404, 404, 404, 404, 404]),
    ("view_application", "evaluator", [404, 404, 404, 404, 404]),
    ("view_application", "org", [404, 404, 404, 404, 404]),
];

/// A project of the union `union_id` in `status`, drafted by `creator`.
async fn project_at(app: &TestApp, union_id: i64, status: &str, creator: Uuid) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar(
        "insert into projects (union_id, code, title, domain, description, target_group, budget_fen,
                               union_funds_fen, eligible_types, apply_opens_on, apply_closes_on,
                               service_starts_on, service_ends_on, review_system_id,
                               midterm_system_id, performance_system_id, status, created_by)
         select $1, 'T-' || gen_random_uuid(), '权限测试项目', 'legal_aid', '测试', '职工', 1000000,
                1000000, '{social_service_agency,unregistered}', current_date, current_date + 20,
                current_date + 30, current_date + 300,
                (select id from indicator_systems where kind = 'approval_review' and status = 'published' limit 1),
                (select id from indicator_systems where kind = 'midterm' and status = 'published' limit 1),
                (select id from indicator_systems where kind = 'performance' and status = 'published' limit 1),
                $2, $3
         returning id",
    )
    .bind(union_id)
    .bind(status)
    .bind(creator)
    .fetch_one(&mut conn)
    .await
    .expect("a project")
}

/// A submitted application to `project` by a new organization of `union_id`.
async fn application_at(app: &TestApp, project: Uuid, union_id: i64, name: &str) -> Uuid {
    let org = app.add_org(name, union_id).await;
    let mut conn = app.owner().await;
    sqlx::query_scalar(
        "insert into applications (project_id, org_id, status, submitted_at)
         values ($1, $2, 'submitted', now()) returning id",
    )
    .bind(project)
    .bind(org)
    .fetch_one(&mut conn)
    .await
    .expect("an application")
}

#[tokio::test]
async fn every_role_action_and_place_of_a_project_is_decided_as_written() {
    let app = TestApp::spawn().await;
    let gz = app.union_id(Some("440100")).await;
    let creator = app.user_id("national-admin").await;
    let mut places = Vec::new();
    let mut drafts = Vec::new();
    let mut applications = Vec::new();
    for (i, code) in PLACES.iter().enumerate() {
        let union = app.union_id(Some(code)).await;
        places.push(union);
        drafts.push(project_at(&app, union, "draft", creator).await);
        let open = project_at(&app, union, "open", creator).await;
        applications.push(application_at(&app, open, union, &format!("权限测试社会组织{i}")).await);
    }
    let mut failures = Vec::new();
    for role in ROLES {
        let username = format!("p-{role}");
        if role == "org" {
            let org = app.add_org("广州市权限测试服务中心", gz).await;
            app.add_org_user(&username, org).await;
        } else {
            app.add_user(&username, role, gz).await;
        }
        let client = app.login(&username).await;
        for (action, table_role, expected) in TABLE {
            if *table_role != role {
                continue;
            }
            for (i, want) in expected.iter().enumerate() {
                let status = match *action {
                    "view_project" => client.get(&format!("/projects/{}", drafts[i])).await.status,
                    "edit_draft" => {
                        client
                            .get(&format!("/projects/{}/edit", drafts[i]))
                            .await
                            .status
                    }
                    "submit" => {
                        let fresh = project_at(&app, places[i], "draft", creator).await;
                        client.get("/").await;
                        client
                            .post(&format!("/projects/{fresh}/submit"), &[])
                            .await
                            .status
                    }
                    "approve" => {
                        let fresh = project_at(&app, places[i], "pending_approval", creator).await;
                        client.get("/").await;
                        client
                            .post(&format!("/projects/{fresh}/approve"), &[("comment", "")])
                            .await
                            .status
                    }
                    "view_reviews" => {
                        client
                            .get(&format!("/projects/{}/reviews", drafts[i]))
                            .await
                            .status
                    }
                    "view_application" => {
                        client
                            .get(&format!("/applications/{}", applications[i]))
                            .await
                            .status
                    }
                    other => panic!("unknown action {other}"),
                };
                if status != *want {
                    failures.push(format!(
                        "{role} {action} at place {i}: got {status}, want {want}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
