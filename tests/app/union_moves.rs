//! A moved union takes its data along: every table that carries a union path
//! is rewritten with the move, so the old province reads none of the moved
//! records and the new one reads all of them; the audit log keeps its history
//! where it happened: read by the unions that held the record then, and by
//! the new parent. The schema itself is read, so a table added later cannot
//! be forgotten.

use std::collections::BTreeMap;

use niudai::db::{Actor, Tx};
use sqlx::PgPool;
use uuid::Uuid;

use crate::common::{TestApp, database};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// Tables whose rows the moved cities cannot hold, and why.
const NEVER_BELOW_A_CITY: &[(&str, &str)] = &[(
    "indicator_systems",
    "indicator systems are published by the national and provincial unions, which never move",
)];

/// Tables whose rows an admin of the scope does not read: they are read by the
/// account they belong to.
const READ_BY_THEIR_OWN_PEOPLE: &[&str] = &["notifications", "org_imports"];

/// Every table with a `union_path` column, as the catalog has it.
async fn tables_with_union_path(app: &TestApp) -> Vec<String> {
    let mut conn = app.owner().await;
    sqlx::query_scalar(
        "select c.relname::text from pg_class c
           join pg_attribute a on a.attrelid = c.oid and a.attname = 'union_path'
          where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
          order by 1",
    )
    .fetch_all(&mut conn)
    .await
    .expect("catalog")
}

async fn counts_under(app: &TestApp, tables: &[String], paths: &[&str]) -> BTreeMap<String, i64> {
    let mut conn = app.owner().await;
    let mut counts = BTreeMap::new();
    for table in tables {
        let sql = format!("select count(*) from {table} where union_path <@ any($1::ltree[])");
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(paths)
            .fetch_one(&mut conn)
            .await
            .expect("count");
        counts.insert(table.clone(), n);
    }
    counts
}

/// What `username` reads of each table through the serving role, of the
/// rows under `paths`.
async fn visible(
    app: &TestApp,
    pool: &PgPool,
    username: &str,
    tables: &[String],
    paths: &[&str],
) -> BTreeMap<String, i64> {
    let (scope, id): (String, Uuid) = {
        let mut conn = app.owner().await;
        sqlx::query_as(
            "select un.path::text, u.id from users u join unions un on un.id = u.union_id
              where u.username = $1",
        )
        .bind(username)
        .fetch_one(&mut conn)
        .await
        .expect("user")
    };
    let actor = Actor {
        scope: Some(scope),
        user_id: Some(id),
        org_id: None,
    };
    let mut tx = Tx::begin(pool, &actor).await.expect("scoped transaction");
    let mut counts = BTreeMap::new();
    for table in tables {
        let sql = format!("select count(*) from {table} where union_path <@ any($1::ltree[])");
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(paths)
            .fetch_one(&mut *tx)
            .await
            .unwrap_or_else(|e| panic!("{username} reads {table}: {e}"));
        counts.insert(table.clone(), n);
    }
    counts
}

async fn path_of(app: &TestApp, union: i64) -> String {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select path::text from unions where id = $1")
        .bind(union)
        .fetch_one(&mut conn)
        .await
        .expect("path")
}

/// Gives the two cities what the demo lacks there: a stored file, an
/// import, a reviewer link.
async fn fill_the_gaps(app: &TestApp) -> Uuid {
    let gz_staff = app.login("gz-staff").await;
    let call: Uuid = {
        let mut conn = app.owner().await;
        sqlx::query_scalar("select id from projects where title = '新就业形态劳动者驿站关爱服务'")
            .fetch_one(&mut conn)
            .await
            .expect("the open call in 广州")
    };
    gz_staff.get(&format!("/projects/{call}")).await;
    let page = gz_staff
        .upload(
            &format!("/projects/{call}/documents"),
            "申报指南.pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    gz_staff.get("/orgs/import").await;
    let page = gz_staff
        .upload(
            "/orgs/import",
            "orgs.csv",
            "组织名称,组织类型,服务领域,分类施策,关系类型\n迁移测试服务社,未登记的草根组织,法律援助,引导规范,联系\n"
                .as_bytes()
                .to_vec(),
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);

    let sz_staff = app.login("sz-staff").await;
    let (project, application, reviewer): (Uuid, Uuid, Uuid) = {
        let mut conn = app.owner().await;
        sqlx::query_as(
            "select p.id, a.id, (select id from users where username = 'reviewer-1')
               from projects p join applications a on a.project_id = p.id
              where p.title = '电子厂女职工权益维护服务' and a.status = 'submitted'
              order by a.created_at desc limit 1",
        )
        .fetch_one(&mut conn)
        .await
        .expect("the 深圳 review")
    };
    sz_staff.get(&format!("/projects/{project}/reviews")).await;
    let page = sz_staff
        .post(
            &format!("/projects/{project}/reviews/links"),
            &[
                ("application_id", &application.to_string()),
                ("reviewer_id", &reviewer.to_string()),
                ("relation", "曾在该组织兼职"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let mut conn = app.owner().await;
    // A partner of 广州 co-funding its open call (the demo's partners are in
    // 四川 and 重庆).
    sqlx::query(
        "with p as (insert into partners (union_id, name, kind, brings)
                    select id, '迁移测试基金会', 'foundation', '{funds}' from unions
                     where division_code = '440100' returning id, name)
         insert into partner_projects (partner_id, project_id, union_path, partner_name)
         select p.id, pr.id, pr.union_path, p.name from p, projects pr where pr.id = $1",
    )
    .bind(call)
    .execute(&mut conn)
    .await
    .expect("a partner in 广州");
    sqlx::query_scalar("select id from files where owner_id = $1")
        .bind(call)
        .fetch_one(&mut conn)
        .await
        .expect("the stored call document")
}

#[tokio::test]
async fn moving_two_cities_to_beijing_takes_every_kind_of_record_along() {
    let app = TestApp::spawn().await;
    let file = fill_the_gaps(&app).await;
    let tables = tables_with_union_path(&app).await;
    let (gz, sz, bj) = (
        app.union_id(Some("440100")).await,
        app.union_id(Some("440300")).await,
        app.union_id(Some("110000")).await,
    );
    let (gz_old, sz_old) = (path_of(&app, gz).await, path_of(&app, sz).await);
    let pool = PgPool::connect_with(database::app_options(&app.database))
        .await
        .expect("serving pool");
    let moved = counts_under(&app, &tables, &[&gz_old, &sz_old]).await;
    let empty: Vec<&str> = moved
        .iter()
        .filter(|(_, n)| **n == 0)
        .map(|(table, _)| table.as_str())
        .collect();
    let expected_empty: Vec<&str> = NEVER_BELOW_A_CITY.iter().map(|(t, _)| *t).collect();
    assert_eq!(
        empty, expected_empty,
        "every kind of record must be in the moved cities (add demo data, or say why it cannot be)"
    );
    let old_paths = [gz_old.as_str(), sz_old.as_str()];
    let gd_saw = visible(&app, &pool, "gd-admin", &tables, &old_paths).await;
    let gd_admin = app.login("gd-admin").await;
    let bj_admin = app.login("bj-admin").await;
    assert_eq!(gd_admin.download(&format!("/files/{file}")).await.0, 200);
    assert_eq!(bj_admin.download(&format!("/files/{file}")).await.0, 404);

    let national = app.login("national-admin").await;
    for city in [gz, sz] {
        national.get(&format!("/unions/{city}/move")).await;
        let page = national
            .post(
                &format!("/unions/{city}/move"),
                &[("parent_id", &bj.to_string()), ("version", "1")],
            )
            .await;
        assert_eq!(page.status, 303, "{}", page.body);
    }

    let (gz_new, sz_new) = (path_of(&app, gz).await, path_of(&app, sz).await);
    assert!(gz_new.starts_with(&path_of(&app, bj).await));
    let left_behind = counts_under(&app, &tables, &[&gz_old, &sz_old]).await;
    let arrived = counts_under(&app, &tables, &[&gz_new, &sz_new]).await;
    let new_paths = [gz_new.as_str(), sz_new.as_str()];
    let gd_sees = visible(&app, &pool, "gd-admin", &tables, &new_paths).await;
    let bj_sees = visible(&app, &pool, "bj-admin", &tables, &new_paths).await;
    let bj_saw = visible(&app, &pool, "bj-admin", &tables, &old_paths).await;
    for table in tables.iter().filter(|t| *t != "audit_log") {
        let n = moved[table];
        assert_eq!(left_behind[table], 0, "{table}: rows left at the old path");
        assert_eq!(arrived[table], n, "{table}: rows at the new path");
        assert_eq!(gd_sees[table], 0, "{table}: 广东 still reads moved rows");
        assert_eq!(bj_saw[table], 0, "{table}: 北京 reads rows at the old path");
        assert_eq!(
            bj_sees[table], gd_saw[table],
            "{table}: 北京 reads what 广东 read of the moved rows"
        );
        if !READ_BY_THEIR_OWN_PEOPLE.contains(&table.as_str()) {
            assert_eq!(
                gd_saw[table], n,
                "{table}: the province's admin read all of them"
            );
        }
    }
    assert_eq!(gd_admin.download(&format!("/files/{file}")).await.0, 404);
    assert_eq!(bj_admin.download(&format!("/files/{file}")).await.0, 200);

    // The history stays where it happened: 广东 keeps what 广州 did while it
    // was 广东's, 北京 reads all of it and what came after.
    let gz_staff = app.login("gz-staff").await;
    assert_eq!(gz_staff.get("/orgs").await.status, 200);
    let everywhere = ["cn"];
    let history = |username: &'static str| {
        let (app, pool, tables) = (&app, &pool, vec!["audit_log".to_owned()]);
        async move { visible(app, pool, username, &tables, &everywhere).await["audit_log"] }
    };
    let mut conn = app.owner().await;
    let (before_move, after_move): (i64, i64) = sqlx::query_as(
        "select count(*) filter (where union_path <@ $1::ltree),
                count(*) filter (where union_path <@ $2::ltree)
           from audit_log",
    )
    .bind(&gz_old)
    .bind(&gz_new)
    .fetch_one(&mut conn)
    .await
    .expect("count");
    assert!(
        before_move > 0 && after_move > 0,
        "{before_move} {after_move}"
    );
    let gd_reads: i64 = history("gd-admin").await;
    let bj_reads: i64 = history("bj-admin").await;
    let gd_reads_after: i64 = {
        let scope = path_of(&app, app.union_id(Some("440000")).await).await;
        sqlx::query_scalar(
            "select count(*) from audit_log where union_path <@ $1::ltree and union_path <@ $2::ltree",
        )
        .bind(&gz_new)
        .bind(&scope)
        .fetch_one(&mut conn)
        .await
        .expect("count")
    };
    assert_eq!(
        gd_reads_after, 0,
        "nothing 广州 did after the move is 广东's"
    );
    let total_gd_paths: i64 = sqlx::query_scalar(
        "select count(*) from audit_log
          where union_path <@ (select path from unions where id = $1)",
    )
    .bind(app.union_id(Some("440000")).await)
    .fetch_one(&mut conn)
    .await
    .expect("count");
    assert_eq!(
        gd_reads, total_gd_paths,
        "广东 reads the entries written under it"
    );
    let total_bj: i64 = sqlx::query_scalar(
        "select count(*) from audit_log
          where union_path <@ (select path from unions where id = $1)
             or union_path <@ $2::ltree or union_path <@ $3::ltree",
    )
    .bind(bj)
    .bind(&gz_old)
    .bind(&sz_old)
    .fetch_one(&mut conn)
    .await
    .expect("count");
    assert_eq!(bj_reads, total_bj, "北京 reads the cities' whole history");
}

#[tokio::test]
async fn every_path_the_schema_holds_is_rewritten_by_a_move_or_is_history() {
    let app = TestApp::spawn().await;
    let mut conn = app.owner().await;
    let columns: Vec<(String, String)> = sqlx::query_as(
        "select c.relname::text, a.attname::text
           from pg_attribute a
           join pg_class c on c.oid = a.attrelid
          where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
            and a.attnum > 0 and not a.attisdropped
            and a.atttypid in ('ltree'::regtype, 'ltree[]'::regtype)
          order by 1, 2",
    )
    .fetch_all(&mut conn)
    .await
    .expect("catalog");
    // The tree itself, and the records of where things were.
    let known = [("audit_log", "union_path"), ("unions", "path")];
    let rewritten: Vec<String> = sqlx::query_scalar("select union_path_copies()::text")
        .fetch_all(&mut conn)
        .await
        .expect("copies");
    let cascaded: Vec<String> = sqlx::query_scalar(
        "select c.relname::text from pg_constraint k join pg_class c on c.oid = k.conrelid
           join pg_attribute a on a.attrelid = c.oid and a.attnum = any (k.conkey)
          where k.contype = 'f' and k.confupdtype = 'c' and a.attname = 'union_path'",
    )
    .fetch_all(&mut conn)
    .await
    .expect("cascades");
    // Other copies of a path carried by a foreign key from a table whose
    // path a move rewrites (a membership's copy of its organization's path).
    let carried: Vec<(String, String)> = sqlx::query_as(
        "select c.relname::text, a.attname::text from pg_constraint k
           join pg_class c on c.oid = k.conrelid
           join pg_attribute a on a.attrelid = c.oid and a.attnum = any (k.conkey)
          where k.contype = 'f' and k.confupdtype = 'c' and a.attname <> 'union_path'
            and a.atttypid = 'ltree'::regtype",
    )
    .fetch_all(&mut conn)
    .await
    .expect("carried copies");
    for (table, column) in &columns {
        if known.contains(&(table.as_str(), column.as_str()))
            || carried.contains(&(table.clone(), column.clone()))
        {
            continue;
        }
        assert_eq!(
            column, "union_path",
            "{table}.{column}: a copy of the union tree that a move does not rewrite \
             (name it union_path, or keep no copy)"
        );
        assert!(
            rewritten.contains(table) || cascaded.contains(table),
            "{table}: its union_path is neither rewritten by a move nor carried by a foreign key"
        );
    }
}
