//! Who may do what to which union and account, from 广州 (a municipal union):
//! every role × action × place, every cell written out. 200/303 mean done; 403
//! the role may not; 404 the union or account is outside the scope (or the
//! role sees no scope at all); 422 the form named a union the user cannot see.

use crate::common::TestApp;

/// Edit: rename the union at the place. Move: move a grassroots union made
/// under the place (one per place) under 越秀区, another union of 广州's scope.
const ROLES: [&str; 6] = ["admin", "staff", "viewer", "reviewer", "evaluator", "org"];
/// own (广州), child (天河区), parent (广东), sibling (深圳), other province (北京)
const PLACES: [Option<&str>; 5] = [
    Some("440100"),
    Some("440106"),
    Some("440000"),
    Some("440300"),
    Some("110000"),
];

/// (action, role, expected status at each place)
const TABLE: &[(&str, &str, [u16; 5])] = &[
    ("view_union", "admin", [200, 200, 404, 404, 404]),
    ("view_union", "staff", [200, 200, 404, 404, 404]),
    ("view_union", "viewer", [200, 200, 404, 404, 404]),
    ("view_union", "reviewer", [403, 403, 403, 403, 403]),
    ("view_union", "evaluator", [403, 403, 403, 403, 403]),
    ("view_union", "org", [403, 403, 403, 403, 403]),
    ("create_child", "admin", [303, 303, 404, 404, 404]),
    ("create_child", "staff", [403, 403, 404, 404, 404]),
    ("create_child", "viewer", [403, 403, 404, 404, 404]),
    ("create_child", "reviewer", [404, 404, 404, 404, 404]),
    ("create_child", "evaluator", [404, 404, 404, 404, 404]),
    // An organization's account sees its home union (广州 here), nothing else.
    ("create_child", "org", [403, 404, 404, 404, 404]),
    ("edit_union", "admin", [403, 303, 404, 404, 404]),
    ("edit_union", "staff", [403, 403, 404, 404, 404]),
    ("edit_union", "viewer", [403, 403, 404, 404, 404]),
    ("edit_union", "reviewer", [404, 404, 404, 404, 404]),
    ("edit_union", "evaluator", [404, 404, 404, 404, 404]),
    ("edit_union", "org", [403, 404, 404, 404, 404]),
    ("move_union", "admin", [303, 303, 404, 404, 404]),
    ("move_union", "staff", [403, 403, 404, 404, 404]),
    ("move_union", "viewer", [403, 403, 404, 404, 404]),
    ("move_union", "reviewer", [404, 404, 404, 404, 404]),
    ("move_union", "evaluator", [404, 404, 404, 404, 404]),
    ("move_union", "org", [404, 404, 404, 404, 404]),
    ("list_users", "admin", [200, 200, 404, 404, 404]),
    ("list_users", "staff", [403, 403, 403, 403, 403]),
    ("list_users", "viewer", [403, 403, 403, 403, 403]),
    ("list_users", "reviewer", [403, 403, 403, 403, 403]),
    ("list_users", "evaluator", [403, 403, 403, 403, 403]),
    ("list_users", "org", [403, 403, 403, 403, 403]),
    ("create_user", "admin", [200, 200, 422, 422, 422]),
    ("create_user", "staff", [403, 403, 403, 403, 403]),
    ("create_user", "viewer", [403, 403, 403, 403, 403]),
    ("create_user", "reviewer", [403, 403, 403, 403, 403]),
    ("create_user", "evaluator", [403, 403, 403, 403, 403]),
    ("create_user", "org", [403, 403, 403, 403, 403]),
    ("edit_user", "admin", [303, 303, 404, 404, 404]),
    ("edit_user", "staff", [403, 403, 404, 404, 404]),
    ("edit_user", "viewer", [403, 403, 404, 404, 404]),
    ("edit_user", "reviewer", [404, 404, 404, 404, 404]),
    ("edit_user", "evaluator", [404, 404, 404, 404, 404]),
    ("edit_user", "org", [404, 404, 404, 404, 404]),
    ("reset_password", "admin", [200, 200, 404, 404, 404]),
    ("reset_password", "staff", [403, 403, 404, 404, 404]),
    ("reset_password", "viewer", [403, 403, 404, 404, 404]),
    ("reset_password", "reviewer", [404, 404, 404, 404, 404]),
    ("reset_password", "evaluator", [404, 404, 404, 404, 404]),
    ("reset_password", "org", [404, 404, 404, 404, 404]),
    ("disable_user", "admin", [303, 303, 404, 404, 404]),
    ("disable_user", "staff", [403, 403, 404, 404, 404]),
    ("disable_user", "viewer", [403, 403, 404, 404, 404]),
    ("disable_user", "reviewer", [404, 404, 404, 404, 404]),
    ("disable_user", "evaluator", [404, 404, 404, 404, 404]),
    ("disable_user", "org", [404, 404, 404, 404, 404]),
    ("view_audit", "admin", [200, 200, 200, 200, 200]),
    ("view_audit", "staff", [403, 403, 403, 403, 403]),
    ("view_audit", "viewer", [403, 403, 403, 403, 403]),
    ("view_audit", "reviewer", [403, 403, 403, 403, 403]),
    ("view_audit", "evaluator", [403, 403, 403, 403, 403]),
    ("view_audit", "org", [403, 403, 403, 403, 403]),
];

#[tokio::test]
async fn every_role_action_and_place_is_decided_as_written() {
    let app = TestApp::spawn().await;
    let gz = app.union_id(Some("440100")).await;
    let yuexiu = app.union_id(Some("440104")).await;
    let mut places = Vec::new();
    let mut targets = Vec::new();
    let mut movers = Vec::new();
    for (i, code) in PLACES.iter().enumerate() {
        let union = app.union_id(*code).await;
        places.push(union);
        targets.push(app.add_user(&format!("target-{i}"), "staff", union).await);
        movers.push(grassroots_under(&app, union, &format!("待调整工会{i}")).await);
    }
    let mut failures = Vec::new();
    for role in ROLES {
        let username = format!("p-{role}");
        if role == "org" {
            let org = app.add_org("广州市测试社会工作服务中心", gz).await;
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
                let union = places[i];
                let target = targets[i];
                let mover = movers[i];
                let status = match *action {
                    "view_union" => client.get(&format!("/unions/{union}")).await.status,
                    "create_child" => {
                        client.get("/").await;
                        client
                            .post(
                                &format!("/unions/{union}/children/new"),
                                &[
                                    ("name", &format!("{role}测试工会{i}")),
                                    ("level", "grassroots"),
                                    ("division_code", ""),
                                ],
                            )
                            .await
                            .status
                    }
                    "edit_union" => {
                        client.get("/").await;
                        let (name, level, code, version) = union_fields(&app, union).await;
                        client
                            .post(
                                &format!("/unions/{union}/edit"),
                                &[
                                    ("name", &format!("{name}·{role}")),
                                    ("level", &level),
                                    ("division_code", &code),
                                    ("version", &version),
                                ],
                            )
                            .await
                            .status
                    }
                    "move_union" => {
                        client.get("/").await;
                        let version = union_fields(&app, mover).await.3;
                        client
                            .post(
                                &format!("/unions/{mover}/move"),
                                &[("parent_id", &yuexiu.to_string()), ("version", &version)],
                            )
                            .await
                            .status
                    }
                    "list_users" => client.get(&format!("/users?union={union}")).await.status,
                    "create_user" => {
                        client.get("/").await;
                        client
                            .post(
                                "/users",
                                &[
                                    ("username", &format!("new-{role}-{i}")),
                                    ("display_name", "新用户"),
                                    ("role", "staff"),
                                    ("union_id", &union.to_string()),
                                ],
                            )
                            .await
                            .status
                    }
                    "edit_user" => {
                        client.get("/").await;
                        let version = user_version(&app, target).await;
                        client
                            .post(
                                &format!("/users/{target}/edit"),
                                &[
                                    ("display_name", "改名"),
                                    ("role", "staff"),
                                    ("union_id", &union.to_string()),
                                    ("version", &version),
                                ],
                            )
                            .await
                            .status
                    }
                    "reset_password" => {
                        client.get("/").await;
                        client
                            .post(&format!("/users/{target}/reset-password"), &[])
                            .await
                            .status
                    }
                    "disable_user" => {
                        client.get("/").await;
                        client
                            .post(&format!("/users/{target}/disable"), &[])
                            .await
                            .status
                    }
                    "view_audit" => client.get("/audit").await.status,
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
    // The changes that were allowed happened.
    let mut conn = app.owner().await;
    let (renamed, moved): (String, i64) = sqlx::query_as(
        "select (select name from unions where id = $1),
                (select count(*) from unions where parent_id = $2 and name like '待调整工会%')",
    )
    .bind(places[1])
    .bind(yuexiu)
    .fetch_one(&mut conn)
    .await
    .expect("query");
    assert_eq!(renamed, "天河区总工会·admin");
    assert_eq!(
        moved, 2,
        "the movers of 广州 and 天河区 now sit under 越秀区"
    );
}

async fn union_fields(app: &TestApp, id: i64) -> (String, String, String, String) {
    let mut conn = app.owner().await;
    let (name, level, code, version): (String, String, Option<String>, i32) =
        sqlx::query_as("select name, level, division_code, version from unions where id = $1")
            .bind(id)
            .fetch_one(&mut conn)
            .await
            .expect("union");
    (name, level, code.unwrap_or_default(), version.to_string())
}

async fn grassroots_under(app: &TestApp, parent: i64, name: &str) -> i64 {
    let mut conn = app.owner().await;
    sqlx::query_scalar(
        "insert into unions (parent_id, level, name) values ($1, 'grassroots', $2) returning id",
    )
    .bind(parent)
    .bind(name)
    .fetch_one(&mut conn)
    .await
    .expect("a grassroots union")
}

async fn user_version(app: &TestApp, id: uuid::Uuid) -> String {
    let mut conn = app.owner().await;
    let version: i32 = sqlx::query_scalar("select version from users where id = $1")
        .bind(id)
        .fetch_one(&mut conn)
        .await
        .expect("user");
    version.to_string()
}
