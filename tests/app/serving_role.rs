//! The serving role as an attacker with SQL would use it: its own login and
//! nothing else. It must not read a password hash, open a session without the
//! password, run a SECURITY DEFINER function that is not meant for it, or get
//! another tenant's data out of one; and a server given only `DATABASE_URL`
//! must serve from that role's own login, never the owner's.

use std::time::Duration;

use sqlx::{Connection, Executor, PgConnection, Row};
use uuid::Uuid;

use crate::common::{PASSWORD, TestApp, database};

/// A serving connection with a transaction acting for `username`.
async fn acting_as(app: &TestApp, username: &str) -> PgConnection {
    let (scope, id, org): (Option<String>, Uuid, Option<Uuid>) = {
        let mut owner = app.owner().await;
        sqlx::query_as(
            "select case when u.role in ('admin', 'staff', 'viewer') then n.path::text end,
                    u.id, u.org_id
               from users u join unions n on n.id = u.union_id where u.username = $1",
        )
        .bind(username)
        .fetch_one(&mut owner)
        .await
        .expect("user")
    };
    let mut conn = app.serving().await;
    conn.execute("begin").await.expect("begin");
    sqlx::query(
        "select set_config('niudai.scope', $1, true), set_config('niudai.user_id', $2, true),
                set_config('niudai.org_id', $3, true)",
    )
    .bind(scope.unwrap_or_default())
    .bind(id.to_string())
    .bind(org.map(|o| o.to_string()).unwrap_or_default())
    .execute(&mut conn)
    .await
    .expect("actor");
    conn
}

fn refused(result: Result<impl std::fmt::Debug, sqlx::Error>) -> bool {
    matches!(&result, Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42501"))
}

/// Runs `attempt` inside a savepoint, so that a refusal leaves the
/// transaction usable for the next one.
async fn probing<T>(
    conn: &mut PgConnection,
    attempt: impl AsyncFnOnce(&mut PgConnection) -> Result<T, sqlx::Error>,
) -> Result<T, sqlx::Error> {
    conn.execute("savepoint probe").await.expect("savepoint");
    let result = attempt(&mut *conn).await;
    let end = if result.is_ok() {
        "release savepoint probe"
    } else {
        "rollback to savepoint probe"
    };
    conn.execute(end).await.expect("end of probe");
    result
}

#[tokio::test]
async fn the_serving_role_cannot_read_a_password_hash() {
    let app = TestApp::spawn().await;
    let stored: String = {
        let mut owner = app.owner().await;
        sqlx::query_scalar("select password_hash from users where username = 'gd-admin'")
            .fetch_one(&mut owner)
            .await
            .expect("hash")
    };
    let mut conn = acting_as(&app, "national-admin").await;
    for sql in [
        "select password_hash from users limit 1",
        "select * from users limit 1",
        "select u from users u limit 1",
    ] {
        let read = probing(&mut conn, async |c| sqlx::query(sql).fetch_one(c).await).await;
        assert!(refused(read), "{sql}");
    }
    let settings: String = sqlx::query_scalar("select auth_login_settings('gd-admin', 'x')")
        .fetch_one(&mut conn)
        .await
        .expect("settings");
    let hash = stored.rsplit('$').next().expect("the hash part");
    assert!(
        stored.starts_with(&settings) && !settings.contains(hash),
        "settings without the hash"
    );
    let secrets = probing(&mut conn, async |c| {
        sqlx::query("select * from server_secrets")
            .fetch_all(c)
            .await
    })
    .await;
    assert!(refused(secrets));
}

#[tokio::test]
async fn the_serving_role_cannot_open_a_session_without_the_password() {
    let app = TestApp::spawn().await;
    let mut conn = app.serving().await;
    let settings: String = sqlx::query_scalar("select auth_login_settings('gd-admin', 'x')")
        .fetch_one(&mut conn)
        .await
        .expect("settings");
    for candidate in [
        String::new(),
        settings.clone(),
        format!("{settings}$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
    ] {
        let outcome: String = sqlx::query_scalar(
            "select auth_login('gd-admin', $1, '127.0.0.1', 'attacker', '\\x00'::bytea, 'csrf', 5, interval '15 minutes')",
        )
        .bind(&candidate)
        .fetch_one(&mut conn)
        .await
        .expect("login attempt");
        assert_ne!(outcome, "succeeded", "{candidate}");
    }
    for (sql, what) in [
        (
            "insert into sessions (token_hash, user_id, csrf_token) select '\\x01', id, 'x' from users limit 1",
            "write a session",
        ),
        ("select * from sessions", "read sessions"),
        (
            "select auth_session_start((select id from users limit 1), '\\x02', 'x', null, null)",
            "the old session start",
        ),
        (
            "select organization_refresh(gen_random_uuid())",
            "refresh any record",
        ),
    ] {
        let result = conn.execute(sql).await;
        assert!(result.is_err(), "the serving role could {what}: {result:?}");
    }
    let mut owner = app.owner().await;
    let sessions: i64 = sqlx::query_scalar("select count(*) from sessions")
        .fetch_one(&mut owner)
        .await
        .expect("count");
    assert_eq!(sessions, 0, "no session was opened");
    // The attempts counted against the account, as a browser's would.
    let failures: i32 =
        sqlx::query_scalar("select failed_logins from users where username = 'gd-admin'")
            .fetch_one(&mut owner)
            .await
            .expect("failures");
    assert_eq!(failures, 3);
    assert_eq!(
        app.client().login("gd-admin", PASSWORD).await.status,
        303,
        "the real password still works"
    );
}

#[tokio::test]
async fn definer_functions_run_for_the_serving_role_alone() {
    let app = TestApp::spawn().await;
    let mut owner = app.owner().await;
    let offenders: Vec<String> = sqlx::query_scalar(
        "select p.oid::regprocedure::text
           from pg_proc p
          where p.pronamespace = 'public'::regnamespace and p.prosecdef
            and (has_function_privilege('public', p.oid, 'EXECUTE')
                 or exists (select 1 from aclexplode(p.proacl) a
                             where a.grantee not in (p.proowner, 'niudai_app'::regrole)))
          order by 1",
    )
    .fetch_all(&mut owner)
    .await
    .expect("catalog");
    assert!(offenders.is_empty(), "{offenders:?}");
    let ours_for_public: Vec<String> = sqlx::query_scalar(
        "select p.oid::regprocedure::text
           from pg_proc p
          where p.pronamespace = 'public'::regnamespace
            and has_function_privilege('public', p.oid, 'EXECUTE')
            and not exists (select 1 from pg_depend d
                             where d.classid = 'pg_proc'::regclass and d.objid = p.oid
                               and d.deptype = 'e')",
    )
    .fetch_all(&mut owner)
    .await
    .expect("catalog");
    assert!(ours_for_public.is_empty(), "{ours_for_public:?}");
}

#[tokio::test]
async fn definer_functions_answer_for_the_actor_not_for_their_arguments() {
    let app = TestApp::spawn().await;
    let org_2: Uuid = {
        let mut owner = app.owner().await;
        sqlx::query_scalar("select org_id from users where username = 'org-2'")
            .fetch_one(&mut owner)
            .await
            .expect("org-2")
    };
    let (gd_project, sz_union): (Uuid, i64) = {
        let mut owner = app.owner().await;
        sqlx::query_as(
            "select (select id from projects where title = '外卖骑手职业伤害保障宣传服务'),
                    (select id from unions where division_code = '440300' and level = 'municipal')",
        )
        .fetch_one(&mut owner)
        .await
        .expect("ids")
    };

    // 广州's cadre reads nothing of a 北京 organization or of the nation's pools.
    let mut gz = acting_as(&app, "gz-staff").await;
    let record: i64 = sqlx::query_scalar("select count(*) from organization_track_record($1)")
        .bind(org_2)
        .fetch_one(&mut gz)
        .await
        .expect("track record");
    assert_eq!(record, 0, "another province's track record");
    for pool in ["reviewer_pool", "evaluator_pool"] {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "select count(*) from {pool}('cn')"
        )))
        .fetch_one(&mut gz)
        .await
        .expect("pool");
        assert_eq!(n, 0, "{pool}('cn') outside the scope");
    }
    let code = probing(&mut gz, async |c| {
        sqlx::query_scalar::<_, String>("select project_code_next($1)")
            .bind(sz_union)
            .fetch_one(c)
            .await
    })
    .await;
    assert!(code.is_err(), "a project code of another city: {code:?}");
    let threshold: Option<i64> = sqlx::query_scalar("select project_approval_threshold('cn.u2')")
        .fetch_one(&mut gz)
        .await
        .expect("threshold");
    assert_eq!(threshold, None, "北京's threshold");

    // org-2 cannot put a name on a 广州 project's timeline.
    let mut org = acting_as(&app, "org-2").await;
    let advanced = sqlx::query_scalar::<_, String>("select project_delivery_advance($1)")
        .bind(gd_project)
        .fetch_one(&mut org)
        .await;
    assert!(
        refused(advanced),
        "another organization's project was advanced"
    );
    let events: i64 = {
        let mut owner = app.owner().await;
        sqlx::query_scalar(
            "select count(*) from project_events e join users u on u.id = e.actor_id
              where u.username = 'org-2' and e.project_id = $1",
        )
        .bind(gd_project)
        .fetch_one(&mut owner)
        .await
        .expect("events")
    };
    assert_eq!(events, 0);

    // The documented exception: a credit code's holder is named by union, nothing more.
    let holders = sqlx::query(
        "select * from organization_credit_code_holders(array(select '51100000500009247D'))",
    )
    .fetch_all(&mut gz)
    .await
    .expect("holders");
    for row in holders {
        assert_eq!(row.columns().len(), 2, "credit code and union name only");
    }

    // Whoever may read the organization reads its record.
    let org_1: Uuid = {
        let mut owner = app.owner().await;
        sqlx::query_scalar("select org_id from users where username = 'org-1'")
            .fetch_one(&mut owner)
            .await
            .expect("org-1")
    };
    let own: i64 = sqlx::query_scalar("select count(*) from organization_track_record($1)")
        .bind(org_1)
        .fetch_one(&mut gz)
        .await
        .expect("track record");
    assert!(own > 0, "广州 reads its own organization's closed projects");
}

#[tokio::test]
async fn the_serving_role_has_timeouts_of_its_own() {
    let app = TestApp::spawn().await;
    let mut conn = app.serving().await;
    let statement: String = sqlx::query_scalar("show statement_timeout")
        .fetch_one(&mut conn)
        .await
        .expect("show");
    let idle: String = sqlx::query_scalar("show idle_in_transaction_session_timeout")
        .fetch_one(&mut conn)
        .await
        .expect("show");
    assert_eq!((statement.as_str(), idle.as_str()), ("30s", "1min"));
}

#[tokio::test]
async fn a_server_given_only_database_url_serves_from_the_serving_roles_own_login() {
    let app = TestApp::spawn().await;
    // The login the server will make: the test cluster's, so that the other
    // tests' connections keep working.
    let mut owner = app.owner().await;
    sqlx::query("insert into server_secrets (name, value) values ('niudai_app_password', $1)")
        .bind(database::APP_PASSWORD)
        .execute(&mut owner)
        .await
        .expect("secret");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .expect("address")
        .port();
    let mut config = niudai::config::Config::defaults();
    config.database_url = Some(niudai::config::Secret::new(database::url(&app.database)));
    config.bind = ([127, 0, 0, 1], port).into();
    config.data_dir = app.data_dir.path().to_owned();
    config.db_pool_size = 3;
    // Its own runtime on a thread: `serve` is the whole command, Ctrl-C aside.
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("a runtime");
        runtime.block_on(async {
            tokio::select! {
                result = niudai::server::serve(config) => result.map_err(|e| e.to_string()),
                _ = stopped => Ok(()),
            }
        })
    });
    let client = reqwest::Client::new();
    let mut up = false;
    for _ in 0..100 {
        if client
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "the server came up");
    let logins: Vec<(String, bool)> = sqlx::query_as(
        "select a.usename::text, r.rolsuper from pg_stat_activity a join pg_roles r on r.oid = a.usesysid
          where a.datname = $1 and a.application_name = 'niudai'",
    )
    .bind(&app.database)
    .fetch_all(&mut owner)
    .await
    .expect("activity");
    let _ = stop.send(());
    server
        .join()
        .expect("the server thread ends")
        .expect("the server ran");
    assert!(!logins.is_empty(), "the server's pool is connected");
    assert!(
        logins
            .iter()
            .all(|(name, superuser)| name == "niudai_app" && !superuser),
        "{logins:?}"
    );
    owner.close().await.expect("close");
}
