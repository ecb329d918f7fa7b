//! Writes through the serving role, each in a savepoint of the reader's
//! transaction. A cadre's insert is allowed at a union inside its scope and
//! refused at one outside it, for records keyed by their union (the path
//! filled in by the database) and for records that carry a path the
//! application writes; partners write only what is theirs (`partners`).

mod partners;

use niudai::db::{Actor, Tx};
use niudai::policy::is_within;
use sqlx::postgres::{PgArguments, PgConnection};
use sqlx::query::Query;
use sqlx::{PgPool, Postgres};
use uuid::Uuid;

use super::oracle::{Reader, Row, Snapshot};
use super::rng::Rng;

/// How a refusal reads: a policy's WITH CHECK (42501), or a trigger that
/// cannot see the union or record it is given, which is "not found" (23503).
const REFUSED: [&str; 2] = ["42501", "23503"];

/// The tables a cadre writes at a union.
const SCOPED: [&str; 10] = [
    "needs",
    "service_sites",
    "trainings",
    "work_system_staff",
    "organizations",
    "users",
    "unions",
    "files",
    "notifications",
    "audit_log",
];

type Insert = Query<'static, Postgres, PgArguments>;

/// One insert and what the rules say of it.
pub struct Attempt {
    what: String,
    expected: Outcome,
    insert: Insert,
}

/// What became of an insert.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Allowed,
    Refused,
    /// Failed otherwise: the generator or the check is wrong, not the rule.
    Failed(String),
}

/// Checks every reader's writes; returns what went otherwise than the
/// rules say, and how many inserts were tried.
pub async fn check(
    pool: &PgPool,
    snapshot: &Snapshot,
    readers: &[(Reader, Actor)],
    seed: u64,
) -> (Vec<String>, usize) {
    let mut rng = Rng::new(seed ^ 0x7772_6974_6573);
    let mut failures = Vec::new();
    let mut tried = 0;
    for (reader, actor) in readers {
        let attempts = if reader.role.is_some_and(|r| r.works_in_scope()) {
            scoped(&mut rng, reader, snapshot)
        } else {
            partners::attempts(&mut rng, reader, snapshot)
        };
        let mut tx = Tx::begin(pool, actor).await.expect("a scoped transaction");
        for attempt in attempts {
            tried += 1;
            let outcome = run(&mut tx, attempt.insert).await;
            if outcome != attempt.expected {
                failures.push(format!(
                    "  {} by {}: expected {:?}, got {outcome:?}",
                    attempt.what, reader.label, attempt.expected
                ));
            }
        }
    }
    (failures, tried)
}

/// Each table, at a union inside the scope and (unless the scope is the
/// whole tree) at one outside it.
fn scoped(rng: &mut Rng, reader: &Reader, snapshot: &Snapshot) -> Vec<Attempt> {
    let (inside, outside): (Vec<&Row>, Vec<&Row>) = snapshot.rows("unions").iter().partition(|u| {
        u.path
            .as_deref()
            .is_some_and(|p| is_within(p, &reader.union_path))
    });
    let org: Uuid = rng
        .pick(snapshot.rows("organizations"))
        .key
        .parse()
        .expect("an organization id");
    let mut attempts = Vec::new();
    for table in SCOPED {
        let mut targets = vec![(*rng.pick(&inside), Outcome::Allowed)];
        if !outside.is_empty() {
            targets.push((*rng.pick(&outside), Outcome::Refused));
        }
        for (target, expected) in targets {
            if table == "unions" && target.status.as_deref() == Some("grassroots") {
                continue;
            }
            let union: i64 = target.key.parse().expect("a union id");
            let path = target.path.clone().expect("a union path");
            let fresh = rng.uuid();
            attempts.push(Attempt {
                what: format!("{table} at {path}"),
                expected,
                insert: scoped_insert(table, reader.user, union, path, fresh, org),
            });
        }
    }
    attempts
}

fn scoped_insert(
    table: &str,
    user: Option<Uuid>,
    union: i64,
    path: String,
    fresh: Uuid,
    org: Uuid,
) -> Insert {
    match table {
        "needs" => sqlx::query(
            "insert into needs (union_id, title, domain, source, collected_on,
                                suitable_for_purchase)
             values ($1, '写入检查', 'employment', 'survey', current_date, true)",
        )
        .bind(union),
        "service_sites" => sqlx::query(
            "insert into service_sites (union_id, kind, name, address, division_code)
             values ($1, 'service_point', '写入检查', '写入检查', '510107')",
        )
        .bind(union),
        "trainings" => sqlx::query(
            "insert into trainings (union_id, held_on, kind, topic, hours_tenths)
             values ($1, current_date, 'exchange', '写入检查', 10)",
        )
        .bind(union),
        "work_system_staff" => sqlx::query(
            "insert into work_system_staff (union_id, name, duty) values ($1, '写入检查', '联络员')",
        )
        .bind(union),
        "organizations" => sqlx::query(
            "insert into organizations (union_id, name, org_type, guidance_category, relationship)
             values ($1, '写入检查', 'unregistered', 'guide', 'contacted')",
        )
        .bind(union),
        "users" => sqlx::query(
            "insert into users (union_id, username, display_name, role, password_hash)
             values ($1, $2, '写入检查', 'staff', 'not-a-password-hash')",
        )
        .bind(union)
        .bind(format!("w-{fresh}")),
        "unions" => sqlx::query(
            "insert into unions (parent_id, level, name) values ($1, 'grassroots', '写入检查')",
        )
        .bind(union),
        "files" => sqlx::query(
            "insert into files (union_path, owner_kind, owner_id, file_name, content_type,
                                size_bytes, sha256, storage_key)
             values ($1::ltree, 'project_document', $2, 'a.pdf', 'application/pdf', 1,
                     repeat('0', 64), $3)",
        )
        .bind(path)
        .bind(fresh)
        .bind(fresh.to_string()),
        "notifications" => sqlx::query(
            "insert into notifications (org_id, union_path, message_key)
             values ($1, $2::ltree, 'applications.decided')",
        )
        .bind(org)
        .bind(path),
        _ => sqlx::query(
            "insert into audit_log (actor_id, union_id, union_path, action, entity_type)
             values ($1, $2, $3::ltree, 'record.checked', 'test')",
        )
        .bind(user)
        .bind(union)
        .bind(path),
    }
}

/// Runs one insert in a savepoint, so that a refusal leaves the
/// transaction usable for the next.
async fn run(conn: &mut PgConnection, insert: Insert) -> Outcome {
    sqlx::query("savepoint attempt")
        .execute(&mut *conn)
        .await
        .expect("savepoint");
    let outcome = match insert.execute(&mut *conn).await {
        Ok(_) => Outcome::Allowed,
        Err(sqlx::Error::Database(e))
            if e.code().is_some_and(|c| REFUSED.contains(&c.as_ref())) =>
        {
            Outcome::Refused
        }
        Err(e) => Outcome::Failed(e.to_string()),
    };
    let end = if outcome == Outcome::Allowed {
        "release savepoint attempt"
    } else {
        "rollback to savepoint attempt"
    };
    sqlx::query(end)
        .execute(&mut *conn)
        .await
        .expect("end the savepoint");
    outcome
}
