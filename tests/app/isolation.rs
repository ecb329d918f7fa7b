//! Tenant isolation in the database itself: row-level security holds even for
//! a query with no filter at all, and the server refuses to serve as a role
//! that would not be held by it.

use niudai::db::{SelfCheckError, check_serving_role};
use sqlx::{Connection, Executor, PgConnection};

use crate::common::TestApp;

/// Tables under row-level security, and the column holding their union path.
/// Tables under row-level security whose published rows every user reads:
/// indicator systems are standards that reviewers and evaluators (who have no
/// scope) score against. Their drafts stay in scope, tested on their own below.
/// Typical experiences featured nationwide (and their links) are read by every
/// union cadre; the rest stay in scope (`tests/app/experiences.rs`).
const PUBLISHED_STANDARDS: [&str; 4] = [
    "indicator_systems",
    "indicators",
    "experiences",
    "experience_links",
];

async fn scoped_tables(conn: &mut PgConnection) -> Vec<(String, String)> {
    let tables: Vec<(String, String)> = sqlx::query_as(
        "select c.relname::text,
                case when exists (select 1 from pg_attribute a
                                   where a.attrelid = c.oid and a.attname = 'union_path')
                     then 'union_path' else 'path' end
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' and c.relrowsecurity
            and has_any_column_privilege('niudai_app', c.oid, 'SELECT')
            and exists (select 1 from pg_attribute a
                         where a.attrelid = c.oid and a.attname in ('union_path', 'path'))
          order by 1",
    )
    .fetch_all(conn)
    .await
    .expect("list scoped tables");
    tables
        .into_iter()
        .filter(|(table, _)| !PUBLISHED_STANDARDS.contains(&table.as_str()))
        .collect()
}

#[tokio::test]
async fn indicator_drafts_stay_in_scope_while_published_systems_are_read_by_all() {
    let app = TestApp::spawn().await;
    let gd = app.login("gd-admin").await;
    let mut owner = app.owner().await;
    let national: uuid::Uuid = sqlx::query_scalar(
        "select id from indicator_systems where kind = 'midterm' and status = 'published'",
    )
    .fetch_one(&mut owner)
    .await
    .expect("national default");
    gd.get(&format!("/indicators/{national}")).await;
    let copied = gd.post(&format!("/indicators/{national}/copy"), &[]).await;
    assert_eq!(copied.status, 303);
    let draft = copied.location().trim_end_matches("/edit").to_owned();
    assert_eq!(gd.get(&draft).await.status, 200);
    let beijing = app.login("bj-admin").await;
    assert_eq!(beijing.get(&draft).await.status, 404);
    assert_eq!(
        beijing.get(&format!("/indicators/{national}")).await.status,
        200
    );

    let reviewer = app.user_id("reviewer-1").await.to_string();
    let mut serving = app.serving().await;
    let mut tx = serving.begin().await.expect("begin");
    set_actor(&mut tx, "", &reviewer).await;
    let drafts = count(&mut tx, "indicator_systems", "where status = 'draft'").await;
    let published = count(&mut tx, "indicator_systems", "where status = 'published'").await;
    assert_eq!(
        (drafts, published),
        (0, 3),
        "a reviewer reads the standards, not drafts"
    );
    let draft_rows = count(
        &mut tx,
        "indicators",
        "where system_id in (select id from indicator_systems where status = 'draft')",
    )
    .await;
    assert_eq!(draft_rows, 0);
    tx.rollback().await.expect("rollback");
}

async fn set_actor(conn: &mut PgConnection, scope: &str, user_id: &str) {
    sqlx::query(
        "select set_config('niudai.scope', $1, true), set_config('niudai.user_id', $2, true),
                set_config('niudai.org_id', '', true)",
    )
    .bind(scope)
    .bind(user_id)
    .execute(conn)
    .await
    .expect("set actor");
}

async fn count(conn: &mut PgConnection, table: &str, filter: &str) -> i64 {
    let sql = format!("select count(*) from {table} {filter}");
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .fetch_one(conn)
        .await
        .expect("count")
}

#[tokio::test]
async fn every_table_the_server_can_reach_is_under_forced_row_level_security() {
    let app = TestApp::spawn().await;
    let mut conn = app.owner().await;
    let unprotected: Vec<String> = sqlx::query_scalar(
        "select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r'
            and not (c.relrowsecurity and c.relforcerowsecurity)
            and (has_table_privilege('niudai_app', c.oid, 'SELECT, INSERT, UPDATE, DELETE')
                 or has_any_column_privilege('niudai_app', c.oid, 'SELECT, INSERT, UPDATE'))",
    )
    .fetch_all(&mut conn)
    .await
    .expect("query");
    assert!(
        unprotected.is_empty(),
        "reachable without RLS: {unprotected:?}"
    );
    let scoped: Vec<String> = scoped_tables(&mut conn)
        .await
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    for table in ["audit_log", "unions", "users"] {
        assert!(scoped.contains(&table.to_owned()), "{table} is scoped");
    }
    let sessions_reachable: bool =
        sqlx::query_scalar("select has_table_privilege('niudai_app', 'sessions', 'SELECT')")
            .fetch_one(&mut conn)
            .await
            .expect("query");
    assert!(
        !sessions_reachable,
        "sessions are reached only through the auth functions"
    );
}

#[tokio::test]
async fn a_provincial_users_unfiltered_counts_cover_only_its_subtree() {
    let app = TestApp::spawn().await;
    // Activity in two provinces, so that every scoped table has rows on both sides.
    app.login("gd-admin").await;
    app.login("bj-admin").await;
    let mut arrange = app.owner().await;
    for username in ["gd-admin", "bj-admin"] {
        sqlx::query(
            "insert into org_imports (union_id, user_id, file_name, content)
             select union_id, id, 'x.csv', 'x' from users where username = $1",
        )
        .bind(username)
        .execute(&mut arrange)
        .await
        .expect("an import in each province");
    }
    for project in [
        "新就业形态劳动者驿站关爱服务",
        "快递外卖从业人员法律援助服务",
    ] {
        sqlx::query(
            "insert into files (union_path, owner_kind, owner_id, file_name, content_type,
                                size_bytes, sha256, storage_key)
             select union_path, 'project_document', id, 'guide.pdf', 'application/pdf', 1,
                    repeat('0', 64), gen_random_uuid()::text
               from projects where title = $1",
        )
        .bind(project)
        .execute(&mut arrange)
        .await
        .expect("a call document in each province");
    }
    // A contract in 北京 too (the demo's 北京 award waits for its contract).
    sqlx::query(
        "insert into contracts (project_id, union_path, application_id, org_id, amount_fen,
                                service_starts_on, service_ends_on, supervisor_id, report_cycle, signed_on)
         select p.id, p.union_path, a.id, a.org_id, a.requested_fen, p.service_starts_on,
                p.service_ends_on, e.id, 'monthly', current_date
           from projects p join applications a on a.project_id = p.id, users e
          where p.title = '职工心理健康关爱服务' and e.username = 'evaluator-1'",
    )
    .execute(&mut arrange)
    .await
    .expect("a contract in 北京");
    sqlx::query(
        "insert into contract_installments (contract_id, union_path, position, percent, condition)
         select id, union_path, 1, 100, 'on_signing' from contracts
          where project_id = (select id from projects where title = '职工心理健康关爱服务')",
    )
    .execute(&mut arrange)
    .await
    .expect("its installment");
    // Review rows on the Beijing side too (the demo reviews in 深圳 only).
    sqlx::query(
        "insert into review_assignments (application_id, org_id, project_id, union_path, reviewer_id, status)
         select a.id, a.org_id, a.project_id, a.union_path, u.id, 'scoring'
           from applications a, users u
          where a.org_id = (select org_id from users where username = 'org-2')
            and u.username = 'reviewer-1'",
    )
    .execute(&mut arrange)
    .await
    .expect("a review in 北京");
    sqlx::query(
        "insert into review_scores (assignment_id, indicator_id, score_tenths)
         select ra.id, i.id, 10 from review_assignments ra, projects p, indicators i
          where p.id = ra.project_id and i.system_id = p.review_system_id
            and ra.org_id = (select org_id from users where username = 'org-2')
          limit 1",
    )
    .execute(&mut arrange)
    .await
    .expect("a score in 北京");
    sqlx::query(
        "insert into reviewer_links (reviewer_id, org_id, union_path, relation)
         select u.id, a.org_id, a.union_path, '测试'
           from applications a, users u
          where u.username = 'reviewer-2' and a.project_id in (select id from projects)
          on conflict do nothing",
    )
    .execute(&mut arrange)
    .await
    .expect("links in both provinces");
    // A training attended in 北京 too (the demo's trainings with accounts
    // attending are all in 广东).
    sqlx::raw_sql(
        "with t as (insert into trainings (union_id, held_on, kind, topic, hours_tenths)
                    select id, date '2026-07-08', 'exchange', '首都职工服务社会组织工作座谈会', 20
                      from unions where division_code = '110000' and level = 'provincial'
                    returning id, union_path)
         insert into training_attendees (training_id, union_path, user_id)
         select t.id, t.union_path, u.id from t, users u where u.username = 'bj-admin'",
    )
    .execute(&mut arrange)
    .await
    .expect("a training attended in 北京");
    // Delivery rows on the Beijing side too (the demo's 北京 contract has
    // reports and a payment only).
    sqlx::raw_sql(
        "with c as (select c.* from contracts c join projects p on p.id = c.project_id
                     where p.title = '环卫工人冬季关爱服务'),
              visit as (insert into site_visits (contract_id, union_path, org_id, supervisor_id,
                                                 visited_on, findings, created_by, created_by_name)
                        select id, union_path, org_id, supervisor_id, current_date, '查看', supervisor_id, '测试'
                          from c returning id),
              r as (insert into rectifications (contract_id, project_id, union_path, org_id, supervisor_id,
                                                problem, requirement, deadline, issued_by)
                    select id, project_id, union_path, org_id, supervisor_id, '问题', '要求',
                           current_date + 5, supervisor_id from c
                    returning id, union_path, org_id, supervisor_id),
              re as (insert into rectification_events (rectification_id, union_path, org_id,
                                                       supervisor_id, kind, actor_name)
                     select id, union_path, org_id, supervisor_id, 'issued', '测试' from r returning id),
              e as (insert into evaluations (contract_id, project_id, union_path, org_id, supervisor_id,
                                             kind, system_id)
                    select c.id, c.project_id, c.union_path, c.org_id, c.supervisor_id, 'midterm',
                           p.midterm_system_id from c join projects p on p.id = c.project_id
                    returning id, union_path, org_id, supervisor_id, system_id),
              s as (insert into evaluation_sheets (evaluation_id, union_path, supervisor_id,
                                                   evaluator_id, evaluator_name)
                    select id, union_path, supervisor_id, supervisor_id, '测试' from e
                    returning id, union_path, supervisor_id, evaluation_id),
              leaf as (select i.id from e join indicators i on i.system_id = e.system_id limit 1),
              sc as (insert into evaluation_scores (sheet_id, indicator_id, union_path, supervisor_id,
                                                    score_tenths)
                     select s.id, leaf.id, s.union_path, s.supervisor_id, 10 from s, leaf returning 1),
              er as (insert into evaluation_results (evaluation_id, indicator_id, union_path, org_id,
                                                     supervisor_id, mean_hundredths)
                     select e.id, leaf.id, e.union_path, e.org_id, e.supervisor_id, 100 from e, leaf
                     returning 1)
         insert into project_closings (project_id, union_path, people_served, activities_held,
                                       service_hours, outcomes, lessons, closed_by)
         select project_id, union_path, 0, 0, 0, '成效', '经验', supervisor_id from c",
    )
    .execute(&mut arrange)
    .await
    .expect("delivery rows in 北京");
    let gd_admin = app.user_id("gd-admin").await.to_string();
    let mut owner = app.owner().await;
    let gd_path: String =
        sqlx::query_scalar("select path::text from unions where division_code = '440000'")
            .fetch_one(&mut owner)
            .await
            .expect("gd path");
    let tables = scoped_tables(&mut owner).await;
    let mut serving = app.serving().await;
    for (table, column) in tables {
        let everything = count(&mut owner, &table, "").await;
        let subtree = count(
            &mut owner,
            &table,
            &format!("where {column} <@ '{gd_path}'"),
        )
        .await;
        assert!(
            subtree > 0 && subtree < everything,
            "{table}: the demo has rows in and out of 广东"
        );

        let mut tx = serving.begin().await.expect("begin");
        set_actor(&mut tx, &gd_path, &gd_admin).await;
        assert_eq!(
            count(&mut tx, &table, "").await,
            subtree,
            "{table} under 广东's scope"
        );
        tx.rollback().await.expect("rollback");

        let mut tx = serving.begin().await.expect("begin");
        assert_eq!(
            count(&mut tx, &table, "").await,
            0,
            "{table} with no actor set"
        );
        tx.rollback().await.expect("rollback");

        let mut tx = serving.begin().await.expect("begin");
        set_actor(&mut tx, "", "").await;
        assert_eq!(
            count(&mut tx, &table, "").await,
            0,
            "{table} with an empty actor"
        );
        tx.rollback().await.expect("rollback");
    }
}

#[tokio::test]
async fn the_serving_role_cannot_write_outside_its_scope() {
    let app = TestApp::spawn().await;
    let mut serving = app.serving().await;
    let gz = app.union_id(Some("440100")).await;
    let bj = app.union_id(Some("110000")).await;
    let mut tx = serving.begin().await.expect("begin");
    let gz_path: String = sqlx::query_scalar("select path::text from unions where id = $1")
        .bind(gz)
        .fetch_one(&mut app.owner().await)
        .await
        .expect("path");
    set_actor(&mut tx, &gz_path, "").await;
    let renamed = sqlx::query("update unions set name = '改名' where id = $1")
        .bind(bj)
        .execute(&mut *tx)
        .await
        .expect("an update that finds nothing");
    assert_eq!(renamed.rows_affected(), 0);
    let child = sqlx::query(
        "insert into unions (parent_id, level, name) values ($1, 'county', '越权区总工会')",
    )
    .bind(bj)
    .execute(&mut *tx)
    .await;
    assert!(
        child.is_err(),
        "a child of an invisible union cannot be created"
    );
}

#[tokio::test]
async fn the_self_check_accepts_the_serving_roles_own_login_only() {
    let app = TestApp::spawn().await;
    let mut conn = app.serving().await;
    check_serving_role(&mut conn)
        .await
        .expect("niudai_app's own login");
    let mut owner = app.owner().await;
    owner
        .execute("set role niudai_app")
        .await
        .expect("set role");
    let result = check_serving_role(&mut owner).await;
    assert!(
        matches!(result, Err(SelfCheckError::PrivilegedLogin(_))),
        "niudai_app by SET ROLE from a superuser's login: {result:?}"
    );
}

#[tokio::test]
async fn the_serving_login_has_no_way_back_to_the_owner() {
    let app = TestApp::spawn().await;
    let mut conn = app.serving().await;
    conn.execute("reset role").await.expect("reset role");
    let who: String = sqlx::query_scalar("select current_user::text")
        .fetch_one(&mut conn)
        .await
        .expect("query");
    assert_eq!(who, "niudai_app");
    assert!(conn.execute("set role postgres").await.is_err());
}

#[tokio::test]
async fn accounts_without_a_scope_see_only_their_own_account_row() {
    let app = TestApp::spawn().await;
    app.login("gd-admin").await;
    // A reviewer with nothing assigned (the demo's reviewers have work).
    let gd = app.union_id(Some("440000")).await;
    let reviewer = app
        .add_user("reviewer-idle", "reviewer", gd)
        .await
        .to_string();
    let mut owner = app.owner().await;
    let tables = scoped_tables(&mut owner).await;
    let mut serving = app.serving().await;
    for (table, _) in tables {
        let mut tx = serving.begin().await.expect("begin");
        set_actor(&mut tx, "", &reviewer).await;
        let expected = if table == "users" { 1 } else { 0 };
        assert_eq!(
            count(&mut tx, &table, "").await,
            expected,
            "{table} for a reviewer"
        );
        tx.rollback().await.expect("rollback");
    }
}

#[tokio::test]
async fn the_self_check_refuses_a_superuser() {
    let app = TestApp::spawn().await;
    let mut conn = app.owner().await;
    let result = check_serving_role(&mut conn).await;
    assert!(
        matches!(result, Err(SelfCheckError::Superuser(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn the_self_check_refuses_a_role_that_bypasses_row_level_security() {
    let app = TestApp::spawn().await;
    let mut conn = app.owner().await;
    let mut tx = conn.begin().await.expect("begin");
    tx.execute(
        "create role niudai_test_bypass nologin bypassrls; set local role niudai_test_bypass",
    )
    .await
    .expect("arrange");
    let result = check_serving_role(&mut tx).await;
    assert!(
        matches!(result, Err(SelfCheckError::BypassRls(_))),
        "{result:?}"
    );
    tx.rollback().await.expect("rollback");
}

#[tokio::test]
async fn the_self_check_refuses_the_owner_of_the_tables() {
    let app = TestApp::spawn().await;
    let mut conn = app.owner().await;
    let mut tx = conn.begin().await.expect("begin");
    tx.execute(
        "create role niudai_test_owner nologin; alter table unions owner to niudai_test_owner;
         set local role niudai_test_owner",
    )
    .await
    .expect("arrange");
    let result = check_serving_role(&mut tx).await;
    assert!(
        matches!(result, Err(SelfCheckError::Owner { .. })),
        "{result:?}"
    );
    tx.rollback().await.expect("rollback");
}

#[tokio::test]
async fn the_self_check_refuses_a_reachable_table_without_row_level_security() {
    let app = TestApp::spawn().await;
    let mut conn = app.owner().await;
    let mut tx = conn.begin().await.expect("begin");
    tx.execute("create table forgotten (id int); grant select on forgotten to niudai_app; set local role niudai_app")
        .await
        .expect("arrange");
    let result = check_serving_role(&mut tx).await;
    assert!(
        matches!(&result, Err(SelfCheckError::Unprotected(t)) if t == "forgotten"),
        "{result:?}"
    );
    tx.rollback().await.expect("rollback");
}

#[tokio::test]
async fn a_reviewer_reads_the_scores_of_its_own_assignments_only() {
    let app = TestApp::spawn().await;
    let reviewer = app.user_id("reviewer-1").await;
    let other = app.user_id("reviewer-2").await;
    let mut owner = app.owner().await;
    let own: i64 = sqlx::query_scalar(
        "select count(*) from review_scores s
           join review_assignments ra on ra.id = s.assignment_id
          where ra.reviewer_id = $1",
    )
    .bind(reviewer)
    .fetch_one(&mut owner)
    .await
    .expect("scores by reviewer");
    assert!(own > 0, "the demo's reviewer-1 has scored");

    let mut serving = app.serving().await;
    let mut tx = serving.begin().await.expect("begin");
    set_actor(&mut tx, "", &reviewer.to_string()).await;
    assert_eq!(count(&mut tx, "review_scores", "").await, own);
    // reviewer-2 cannot read reviewer-1's assignments: the owner names them.
    let ids: Vec<uuid::Uuid> =
        sqlx::query_scalar("select id from review_assignments where reviewer_id = $1")
            .bind(reviewer)
            .fetch_all(&mut owner)
            .await
            .expect("reviewer-1's assignments");
    assert!(!ids.is_empty());
    set_actor(&mut tx, "", &other.to_string()).await;
    let seen: i64 =
        sqlx::query_scalar("select count(*) from review_scores where assignment_id = any($1)")
            .bind(&ids)
            .fetch_one(&mut *tx)
            .await
            .expect("count");
    assert_eq!(seen, 0, "reviewer-2 reads none of reviewer-1's scores");
    tx.rollback().await.expect("rollback");
}
