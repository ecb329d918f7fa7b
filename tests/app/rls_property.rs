//! Row-level security as a property. For each seed a fresh database is
//! filled at random (`generate`): a union tree below three provinces,
//! accounts of every role, records of every kind in the states the
//! lifecycle reaches, unions moved with their data and their history. Then
//! every account (and nobody) reads every table through the serving role,
//! with the actor the server would set for it, and gets exactly the rows
//! the rules give it (`oracle`: written from the domain, run over the same
//! database read as the owner). Writes are checked too: a cadre's inside
//! its scope allowed and outside refused, a partner's only what is its own
//! (`writes`). Every difference is listed with its seed, table and reader,
//! and the ids missing or extra.
//!
//! Every table the serving role may read has a rule, and the test fails on
//! a new table without one. Left out, with nothing to compare: `sessions`,
//! `project_code_counters` and `server_secrets`, on which the serving role
//! holds no privilege at all. Files of kind `evaluation` are not generated:
//! the application never stores one.

mod generate;
mod oracle;
mod rng;
mod writes;

use std::collections::BTreeSet;
use std::net::IpAddr;
use std::time::Instant;

use niudai::config::Secret;
use niudai::db::{Actor, Tx};
use niudai::i18n::Lang;
use niudai::identity::Level;
use niudai::identity::Role;
use niudai::identity::{SessionUser, UnionRef};
use sqlx::postgres::PgPoolOptions;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::common::{TestApp, database};
use oracle::{Reader, Snapshot, TABLES};

/// One database each. A failure names its seed; put that seed alone here
/// to replay it.
const SEEDS: [u64; 3] = [
    0x6e69_7564_6169_0001,
    0x5eed_2026_0000_0002,
    0x0bad_cafe_f00d_0003,
];

/// At most this many differences are listed per seed (the count is always
/// given).
const SHOWN: usize = 30;

#[tokio::test]
async fn every_account_reads_exactly_the_rows_the_rules_give_it_and_writes_only_what_is_its_own() {
    let mut report = Vec::new();
    for seed in SEEDS {
        let started = Instant::now();
        let app = TestApp::spawn().await;
        let mut owner = app.owner().await;
        generate::fill(&mut owner, seed)
            .await
            .unwrap_or_else(|e| panic!("seed {seed:#x}: generating the database failed: {e}"));
        every_readable_table_has_a_rule(&mut owner).await;
        let snapshot = Snapshot::read(&mut owner).await.expect("the snapshot");
        for table in TABLES {
            assert!(
                !snapshot.rows(table.name).is_empty(),
                "seed {seed:#x}: {} has no rows to compare",
                table.name
            );
        }
        let readers = readers(&mut owner).await;
        let pool = serving_pool(&app).await;
        let (mut differences, decisions) = compare_reads(&pool, &snapshot, &readers).await;
        let (failures, tried) = writes::check(&pool, &snapshot, &readers, seed).await;
        differences.extend(failures);
        eprintln!(
            "seed {seed:#x}: {} readers × {} tables, {decisions} row decisions, {tried} writes, \
             {} differences, {:.1?}",
            readers.len(),
            TABLES.len(),
            differences.len(),
            started.elapsed()
        );
        if !differences.is_empty() {
            report.push(format!(
                "seed {seed:#x}: {} differences between the rules and the database:\n{}",
                differences.len(),
                differences[..differences.len().min(SHOWN)].join("\n")
            ));
        }
    }
    assert!(
        report.is_empty(),
        "the database disagrees with the rules (reads: missing = the rules give it, the \
         database does not; extra = the other way round):\n{}",
        report.join("\n")
    );
}

/// Every reader's view of every table against the rules: the differences,
/// and how many (reader, row) decisions were compared.
async fn compare_reads(
    pool: &PgPool,
    snapshot: &Snapshot,
    readers: &[(Reader, Actor)],
) -> (Vec<String>, usize) {
    let mut differences = Vec::new();
    let mut decisions = 0;
    for (reader, actor) in readers {
        let mut tx = Tx::begin(pool, actor).await.expect("a scoped transaction");
        for table in TABLES {
            let sql = format!("select {} from {}", table.key, table.name);
            let seen: BTreeSet<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_all(&mut *tx)
                .await
                .unwrap_or_else(|e| panic!("{} reads {}: {e}", reader.label, table.name))
                .into_iter()
                .collect();
            let expected: BTreeSet<String> = snapshot.readable(table, reader).into_iter().collect();
            decisions += snapshot.rows(table.name).len();
            if seen != expected {
                let missing: Vec<&String> = expected.difference(&seen).collect();
                let extra: Vec<&String> = seen.difference(&expected).collect();
                differences.push(format!(
                    "  {} for {}: missing {} {:?}, extra {} {:?}",
                    table.name,
                    reader.label,
                    missing.len(),
                    &missing[..missing.len().min(3)],
                    extra.len(),
                    &extra[..extra.len().min(3)],
                ));
            }
        }
    }
    (differences, decisions)
}

/// The catalog's readable tables are exactly the oracle's.
async fn every_readable_table_has_a_rule(owner: &mut PgConnection) {
    let readable: BTreeSet<String> = sqlx::query_scalar(
        "select c.relname::text from pg_class c
          where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
            and has_any_column_privilege('niudai_app', c.oid, 'SELECT')",
    )
    .fetch_all(owner)
    .await
    .expect("the catalog")
    .into_iter()
    .collect();
    let ruled: BTreeSet<String> = TABLES.iter().map(|t| t.name.to_owned()).collect();
    assert_eq!(
        readable, ruled,
        "the tables the serving role reads and the tables the oracle has rules for"
    );
}

/// Every account of the database, with the actor the server would set for
/// it (`SessionUser::db_actor`), and nobody.
async fn readers(owner: &mut PgConnection) -> Vec<(Reader, Actor)> {
    type Account = (
        Uuid,
        String,
        String,
        Option<Uuid>,
        i64,
        String,
        String,
        String,
    );
    let accounts: Vec<Account> = sqlx::query_as(
        "select u.id, u.username, u.role, u.org_id, n.id, n.path::text, n.name, n.level
           from users u join unions n on n.id = u.union_id
          order by u.username",
    )
    .fetch_all(owner)
    .await
    .expect("the accounts");
    let mut readers = vec![(Reader::nobody(), Actor::anonymous())];
    for (id, username, role, org_id, union_id, path, name, level) in accounts {
        let role = Role::parse(&role).expect("a role");
        let user = SessionUser {
            id,
            username: username.clone(),
            display_name: username.clone(),
            role,
            lang: Lang::Zh,
            must_change_password: false,
            union: UnionRef {
                id: union_id,
                path: path.clone(),
                name,
                level: Level::parse(&level).expect("a level"),
            },
            org_id,
            csrf_token: Secret::new(""),
            ip: IpAddr::from([127, 0, 0, 1]),
            trail: Vec::new(),
        };
        let reader = Reader {
            label: format!("{} {username} at {path}", role.as_str()),
            role: Some(role),
            union_path: path,
            user: Some(id),
            org: org_id,
        };
        readers.push((reader, user.db_actor()));
    }
    readers
}

async fn serving_pool(app: &TestApp) -> PgPool {
    PgPoolOptions::new()
        .max_connections(1)
        .connect_with(database::app_options(&app.database))
        .await
        .expect("the serving role's pool")
}
