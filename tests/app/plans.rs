//! Query plans at scale: against 100,000 generated records, every list, search
//! and detail query of the registry is served by an index — no sequential scan
//! of the organization or contact tables — for a national, a provincial and a
//! municipal user. (Timing is the load benchmark's business, not a test's.)

use niudai::orgs::search::{self, RatingFilter, Search, SortKey};
use niudai::orgs::within::Within;
use niudai::orgs::{contacts, db, history};
use niudai::web::pagination::{PAGE_SIZE, Position};
use serde_json::Value;
use sqlx::{Connection, PgConnection, Postgres, QueryBuilder, Row};

use crate::common::TestApp;

const CHECKS: &str = include_str!("scale_check.sql");
const WATCHED: [&str; 2] = ["organizations", "organization_contacts"];

/// The sequential scans of watched tables anywhere in a JSON plan.
fn seq_scans(plan: &Value, found: &mut Vec<String>) {
    match plan {
        Value::Object(node) => {
            if node.get("Node Type").and_then(Value::as_str) == Some("Seq Scan")
                && let Some(relation) = node.get("Relation Name").and_then(Value::as_str)
                && WATCHED.contains(&relation)
            {
                found.push(relation.to_owned());
            }
            node.values().for_each(|child| seq_scans(child, found));
        }
        Value::Array(items) => items.iter().for_each(|child| seq_scans(child, found)),
        _ => {}
    }
}

/// Explains `q` (which starts with `explain (format json)`) as the actor.
async fn scans_of(
    conn: &mut PgConnection,
    actor: &(String, String),
    mut q: QueryBuilder<Postgres>,
) -> Vec<String> {
    let mut tx = conn.begin().await.expect("begin");
    sqlx::query("select set_config('niudai.scope', $1, true), set_config('niudai.user_id', $2, true), set_config('niudai.org_id', '', true)")
        .bind(&actor.0)
        .bind(&actor.1)
        .execute(&mut *tx)
        .await
        .expect("actor");
    let plan: Value = q
        .build_query_scalar()
        .fetch_one(&mut *tx)
        .await
        .expect("explain");
    tx.rollback().await.expect("rollback");
    let mut found = Vec::new();
    seq_scans(&plan, &mut found);
    found
}

fn explain() -> QueryBuilder<Postgres> {
    QueryBuilder::new("explain (format json) ")
}

/// Explains one of the detail queries: `$1` is the record's id, `$2` (if any)
/// a row limit.
fn explain_by_id(sql: &str, id: uuid::Uuid) -> QueryBuilder<Postgres> {
    let mut q = explain();
    let (head, rest) = sql.split_once("$1").expect("the query takes an id");
    q.push(head).push_bind(id);
    match rest.split_once("$2") {
        Some((middle, tail)) => {
            q.push(middle).push_bind(100i64).push(tail);
        }
        None => {
            q.push(rest);
        }
    }
    q
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registry_queries_use_indexes_at_a_hundred_thousand_records() {
    let app = TestApp::spawn().await;
    let mut owner = app.owner().await;
    niudai::seed::seed_scale_on(
        &mut owner,
        niudai::seed::Size {
            orgs: 100_000,
            projects: 10_000,
            reports: 100_000,
        },
        |_| {},
    )
    .await
    .expect("the scale seed");
    let checks = sqlx::raw_sql(CHECKS)
        .fetch_all(&mut owner)
        .await
        .expect("the seed's checks");
    for row in checks.iter().filter(|row| row.columns().len() == 3) {
        let (check, ok): (String, bool) = (row.get(0), row.get(2));
        assert!(ok, "seed check failed: {check}");
    }
    let total: i64 = sqlx::query_scalar("select count(*) from organizations")
        .fetch_one(&mut owner)
        .await
        .expect("count");
    assert!(total >= 100_000, "{total}");

    let personas = [
        ("national-admin", None),
        ("gd-admin", Some("440000")),
        ("gz-staff", Some("440100")),
    ];
    let mut serving = app.serving().await;
    // The detector itself: a plan that reads the whole table is caught.
    let mut tx = serving.begin().await.expect("begin");
    sqlx::raw_sql("set local enable_indexscan = off; set local enable_bitmapscan = off; set local niudai.scope = 'cn'")
        .execute(&mut *tx)
        .await
        .expect("settings");
    let plan: Value =
        sqlx::query_scalar("explain (format json) select count(*) from organizations")
            .fetch_one(&mut *tx)
            .await
            .expect("explain");
    tx.rollback().await.expect("rollback");
    let mut found = Vec::new();
    seq_scans(&plan, &mut found);
    assert_eq!(found, vec!["organizations".to_owned()]);
    let mut failures = Vec::new();
    for (username, code) in personas {
        let user_id = app.user_id(username).await.to_string();
        let path: String = sqlx::query_scalar("select path::text from unions where division_code is not distinct from $1 and level <> 'grassroots' order by id limit 1")
            .bind(code)
            .fetch_one(&mut owner)
            .await
            .expect("scope");
        let actor = (path.clone(), user_id);
        let within = Within::subtree(&mut owner, &path).await.expect("within");
        let base = Search {
            within: within.clone(),
            ..Search::default()
        };
        let a_union: String = sqlx::query_scalar(
            "select path::text from unions where path <@ $1::ltree and level = 'county' order by id limit 1",
        )
        .bind(&path)
        .fetch_one(&mut owner)
        .await
        .expect("a county below");
        let searches = [
            ("no filter", base.clone()),
            (
                "type and status",
                Search {
                    org_type: niudai::orgs::kinds::OrgType::parse("social_service_agency"),
                    status: niudai::orgs::kinds::OrgStatus::parse("active"),
                    ..base.clone()
                },
            ),
            (
                "domain",
                Search {
                    domain: niudai::orgs::kinds::Domain::parse("legal_aid"),
                    ..base.clone()
                },
            ),
            (
                "rating",
                Search {
                    rating: Some(RatingFilter::Level(4)),
                    ..base.clone()
                },
            ),
            (
                "overdue",
                Search {
                    contact_overdue: true,
                    ..base.clone()
                },
            ),
            (
                "three-character name search",
                Search {
                    q: Some("新市民".into()),
                    ..base.clone()
                },
            ),
            (
                "credit code search",
                Search {
                    q: Some("52440106".into()),
                    ..base.clone()
                },
            ),
            (
                "home union subtree",
                Search {
                    within: Within::subtree(&mut owner, &a_union)
                        .await
                        .expect("the county's unions"),
                    ..base.clone()
                },
            ),
            (
                "union building",
                Search {
                    union_building: niudai::orgs::kinds::UnionBuilding::parse("established"),
                    ..base.clone()
                },
            ),
        ];
        for (name, search) in &searches {
            for sort in SortKey::ALL {
                for descending in [false, true] {
                    let mut q = explain();
                    search::push_page_query(&mut q, search, sort, descending, &Position::Start);
                    let scans = scans_of(&mut serving, &actor, q).await;
                    if !scans.is_empty() {
                        failures.push(format!(
                            "{username}: list ({name}, {}, desc {descending}): {scans:?}",
                            sort.as_str()
                        ));
                    }
                }
            }
            let mut q = explain();
            search::push_count_query(&mut q, search);
            let scans = scans_of(&mut serving, &actor, q).await;
            if !scans.is_empty() {
                failures.push(format!("{username}: count ({name}): {scans:?}"));
            }
        }
        // A page far down the list: keyset from a real row.
        let mut page_q = search::page_query(&base, SortKey::Name, false, &Position::Start);
        let mut tx = serving.begin().await.expect("begin");
        sqlx::query(
            "select set_config('niudai.scope', $1, true), set_config('niudai.user_id', $2, true)",
        )
        .bind(&actor.0)
        .bind(&actor.1)
        .execute(&mut *tx)
        .await
        .expect("actor");
        let rows: Vec<search::OrgListRow> = page_q
            .build_query_as()
            .fetch_all(&mut *tx)
            .await
            .expect("a page");
        tx.rollback().await.expect("rollback");
        assert_eq!(rows.len(), PAGE_SIZE + 1, "{username} sees many records");
        let last = rows.last().expect("a row");
        for position in [
            Position::After(vec![last.name.clone(), last.id.to_string()]),
            Position::Before(vec![last.name.clone(), last.id.to_string()]),
        ] {
            let mut q = explain();
            search::push_page_query(&mut q, &base, SortKey::Name, false, &position);
            let scans = scans_of(&mut serving, &actor, q).await;
            if !scans.is_empty() {
                failures.push(format!("{username}: keyset page {position:?}: {scans:?}"));
            }
        }
        // The detail page of that record, and the contacts due.
        let id = last.id;
        for (name, sql) in [
            ("detail", db::FIND_SQL),
            ("ratings", history::RATINGS_SQL),
            ("union building", history::UNION_BUILDING_SQL),
            ("contacts", contacts::LATEST_SQL),
        ] {
            let scans = scans_of(&mut serving, &actor, explain_by_id(sql, id)).await;
            if !scans.is_empty() {
                failures.push(format!("{username}: {name}: {scans:?}"));
            }
        }
        let mut q = explain();
        contacts::push_due_query(&mut q, &within, &Position::Start, PAGE_SIZE + 1);
        let scans = scans_of(&mut serving, &actor, q).await;
        if !scans.is_empty() {
            failures.push(format!("{username}: contacts due: {scans:?}"));
        }
        let mut q = explain();
        contacts::push_due_counts(&mut q, &within);
        let scans = scans_of(&mut serving, &actor, q).await;
        if !scans.is_empty() {
            failures.push(format!("{username}: contacts due counts: {scans:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "sequential scans:\n{}",
        failures.join("\n")
    );
}
