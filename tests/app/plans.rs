//! Query plans at scale: against generated records, every list, search and
//! detail query of the registry is served by an index — no sequential scan of
//! the organization or contact tables — for a national, a provincial and a
//! municipal user; and so are the service site list and counts of a
//! provincial and a municipal user. The queries are the registry's own functions, run as the
//! serving role with the user's actor; the scans are counted by PostgreSQL
//! itself (`pg_stat_xact_user_tables`). (Timing is the load benchmark's
//! business, not a test's.)

use std::future::Future;

use niudai::db::list::{ListScope, PAGE_SIZE, Position};
use niudai::orgs::contacts::db as contacts;
use niudai::orgs::db;
use niudai::orgs::history::db as history;
use niudai::orgs::search::{self, RatingFilter, Search, SortKey};
use niudai::search::db as search_box;
use niudai::search::text::SearchText;
use sqlx::{Connection, PgConnection, Row};

use crate::common::TestApp;

const CHECKS: &str = include_str!("scale_check.sql");
const WATCHED: [&str; 5] = [
    "meetings",
    "organization_contacts",
    "organizations",
    "partners",
    "service_sites",
];

/// The sequential scans this backend counted on each watched table, not yet
/// flushed to the shared statistics (they only grow inside a transaction).
async fn seq_scans(conn: &mut PgConnection) -> Vec<i64> {
    sqlx::query_scalar(
        "select coalesce(sum(seq_scan) filter (where relname = t), 0)::bigint
           from unnest($1::text[]) t left join pg_stat_xact_user_tables on relname = t
          group by t order by t",
    )
    .bind(&WATCHED[..])
    .fetch_all(conn)
    .await
    .expect("statistics")
}

/// Runs `query` in a transaction acting as `actor` (scope path, user id) and
/// returns the watched tables it read sequentially, as PostgreSQL counts them.
async fn scans_of<T>(
    conn: &mut PgConnection,
    actor: &(String, String),
    query: impl AsyncFnOnce(&mut PgConnection) -> sqlx::Result<T>,
) -> Vec<String> {
    let mut tx = conn.begin().await.expect("begin");
    sqlx::query("select set_config('niudai.scope', $1, true), set_config('niudai.user_id', $2, true), set_config('niudai.org_id', '', true)")
        .bind(&actor.0)
        .bind(&actor.1)
        .execute(&mut *tx)
        .await
        .expect("actor");
    let before = seq_scans(&mut tx).await;
    query(&mut tx).await.expect("the query");
    let after = seq_scans(&mut tx).await;
    tx.rollback().await.expect("rollback");
    let mut watched = WATCHED;
    watched.sort_unstable();
    watched
        .iter()
        .zip(before.iter().zip(&after))
        .filter(|(_, (before, after))| after > before)
        .map(|(table, _)| (*table).to_owned())
        .collect()
}

/// Records `what` in `failures` when it scanned a watched table.
async fn check(failures: &mut Vec<String>, what: String, scans: impl Future<Output = Vec<String>>) {
    let scans = scans.await;
    if !scans.is_empty() {
        failures.push(format!("{what}: {scans:?}"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registry_queries_use_indexes_at_a_hundred_thousand_records() {
    let app = TestApp::spawn().await;
    let mut owner = app.owner().await;
    niudai::seed::seed_scale_on(
        &mut owner,
        niudai::seed::Size {
            orgs: 20_000,
            projects: 100,
            reports: 100,
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
    assert!(total >= 20_000, "{total}");

    let personas = [
        ("national-admin", None),
        ("gd-admin", Some("440000")),
        ("gz-staff", Some("440100")),
    ];
    let mut serving = app.serving().await;
    // The detector itself: a query that reads the whole table is caught.
    let detected = scans_of(&mut serving, &("cn".into(), String::new()), async |conn| {
        sqlx::raw_sql("set local enable_indexscan = off; set local enable_bitmapscan = off; set local enable_indexonlyscan = off")
            .execute(&mut *conn)
            .await?;
        sqlx::query("select count(*) from organizations")
            .execute(conn)
            .await
    })
    .await;
    assert_eq!(detected, vec!["organizations".to_owned()]);
    let mut failures = Vec::new();
    for (username, code) in personas {
        let user_id = app.user_id(username).await.to_string();
        let path: String = sqlx::query_scalar("select path::text from unions where division_code is not distinct from $1 and level <> 'grassroots' order by id limit 1")
            .bind(code)
            .fetch_one(&mut owner)
            .await
            .expect("scope");
        let actor = (path.clone(), user_id);
        let scope = ListScope::of_path(&path)
            .listing_unions(&mut owner)
            .await
            .expect("the scope");
        let base = Search {
            scope: scope.clone(),
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
                    scope: ListScope::of_path(&a_union)
                        .listing_unions(&mut owner)
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
                    let what = format!(
                        "{username}: list ({name}, {}, desc {descending})",
                        sort.as_str()
                    );
                    let scans = scans_of(&mut serving, &actor, async |conn| {
                        search::page(conn, search, sort, descending, &Position::Start).await
                    });
                    check(&mut failures, what, scans).await;
                }
            }
            let scans = scans_of(&mut serving, &actor, async |conn| {
                search::count(conn, search).await
            });
            check(&mut failures, format!("{username}: count ({name})"), scans).await;
        }
        if code.is_some() {
            site_lists(&mut serving, &actor, &path, &mut failures, username).await;
        }
        // The contact meetings' and partners' lists (their scale seed's
        // tens of thousands), with the filters the benchmark uses.
        let meeting_filters = [
            ("no filter", niudai::meetings::db::Filter::default()),
            (
                "held since 2025",
                niudai::meetings::db::Filter {
                    status: niudai::meetings::MeetingStatus::parse("held"),
                    from: chrono::NaiveDate::from_ymd_opt(2025, 1, 1),
                    ..Default::default()
                },
            ),
        ];
        for (name, filter) in meeting_filters {
            let filter = niudai::meetings::db::Filter {
                scope: scope.clone(),
                ..filter
            };
            let scans = scans_of(&mut serving, &actor, async |conn| {
                niudai::meetings::db::list(conn, &filter, &Position::Start).await
            });
            check(
                &mut failures,
                format!("{username}: meetings ({name})"),
                scans,
            )
            .await;
            let scans = scans_of(&mut serving, &actor, async |conn| {
                niudai::meetings::db::count(conn, &filter).await
            });
            check(
                &mut failures,
                format!("{username}: meetings count ({name})"),
                scans,
            )
            .await;
        }
        let partner_filters = [
            ("no filter", niudai::partners::db::Filter::default()),
            (
                "kind and contribution",
                niudai::partners::db::Filter {
                    kind: niudai::partners::PartnerKind::parse("foundation"),
                    brings: niudai::partners::Brings::parse("funds"),
                    ..Default::default()
                },
            ),
        ];
        for (name, filter) in partner_filters {
            let filter = niudai::partners::db::Filter {
                scope: scope.clone(),
                ..filter
            };
            let scans = scans_of(&mut serving, &actor, async |conn| {
                niudai::partners::db::list(conn, &filter, &Position::Start).await
            });
            check(
                &mut failures,
                format!("{username}: partners ({name})"),
                scans,
            )
            .await;
            let scans = scans_of(&mut serving, &actor, async |conn| {
                niudai::partners::db::count(conn, &filter).await
            });
            check(
                &mut failures,
                format!("{username}: partners count ({name})"),
                scans,
            )
            .await;
        }
        // A page far down the list: keyset from a real row.
        let mut tx = serving.begin().await.expect("begin");
        sqlx::query(
            "select set_config('niudai.scope', $1, true), set_config('niudai.user_id', $2, true)",
        )
        .bind(&actor.0)
        .bind(&actor.1)
        .execute(&mut *tx)
        .await
        .expect("actor");
        let page = search::page(&mut tx, &base, SortKey::Name, false, &Position::Start)
            .await
            .expect("a page");
        tx.rollback().await.expect("rollback");
        assert_eq!(page.rows.len(), PAGE_SIZE, "{username} sees many records");
        assert!(page.next.is_some(), "{username} sees more than a page");
        let last = page.rows.last().expect("a row");
        for position in [
            Position::After(vec![last.name.clone(), last.id.to_string()]),
            Position::Before(vec![last.name.clone(), last.id.to_string()]),
        ] {
            let scans = scans_of(&mut serving, &actor, async |conn| {
                search::page(conn, &base, SortKey::Name, false, &position).await
            });
            check(
                &mut failures,
                format!("{username}: keyset page {position:?}"),
                scans,
            )
            .await;
        }
        // The detail page of that record, and the contacts due.
        let id = last.id;
        let scans = scans_of(&mut serving, &actor, async |conn| db::find(conn, id).await);
        check(&mut failures, format!("{username}: detail"), scans).await;
        let scans = scans_of(&mut serving, &actor, async |conn| {
            history::ratings(conn, id).await
        });
        check(&mut failures, format!("{username}: ratings"), scans).await;
        let scans = scans_of(&mut serving, &actor, async |conn| {
            history::union_building(conn, id).await
        });
        check(&mut failures, format!("{username}: union building"), scans).await;
        let scans = scans_of(&mut serving, &actor, async |conn| {
            contacts::latest(conn, id, 100).await
        });
        check(&mut failures, format!("{username}: contacts"), scans).await;
        let scans = scans_of(&mut serving, &actor, async |conn| {
            contacts::due_page(conn, &scope, &Position::Start).await
        });
        check(&mut failures, format!("{username}: contacts due"), scans).await;
        let scans = scans_of(&mut serving, &actor, async |conn| {
            contacts::due_counts(conn, &scope).await
        });
        check(
            &mut failures,
            format!("{username}: contacts due counts"),
            scans,
        )
        .await;
        // The search box, as its page asks: a character, a common and a rare
        // word too short for a trigram, a longer word, codes.
        let listed = ListScope::of_path(&path);
        for typed in ["心", "心理", "桂林", "新市民", "52440106", "S2026-00"] {
            let text = SearchText::parse(typed).expect("searchable");
            let scans = scans_of(&mut serving, &actor, async |conn| {
                search_box::organizations(conn, &text, &scope).await
            });
            check(
                &mut failures,
                format!("{username}: search organizations {typed}"),
                scans,
            )
            .await;
            let scans = scans_of(&mut serving, &actor, async |conn| {
                let orgs = search_box::organizations(conn, &text, &scope).await?;
                let projects = search_box::projects(conn, &text, &listed).await?;
                let org_ids: Vec<_> = orgs.iter().map(|o| o.id).collect();
                let project_ids: Vec<_> = projects.iter().map(|p| p.id).collect();
                search_box::contracts(conn, &project_ids, &org_ids).await?;
                search_box::needs(conn, &text).await?;
                search_box::users(conn, &text).await
            });
            check(
                &mut failures,
                format!("{username}: search the rest {typed}"),
                scans,
            )
            .await;
        }
    }
    assert!(
        failures.is_empty(),
        "sequential scans:\n{}",
        failures.join("\n")
    );
}

/// The service site list (filters, orders, count) and the counts page of
/// the union at `path`, read as `actor`.
async fn site_lists(
    serving: &mut PgConnection,
    actor: &(String, String),
    path: &str,
    failures: &mut Vec<String>,
    username: &str,
) {
    use niudai::identity::Level;
    use niudai::sites::SiteKind;
    use niudai::sites::db::{self as sites, Filter, Sort};
    let base = Filter {
        scope: ListScope::of_path(path),
        ..Filter::default()
    };
    let filters = [
        ("no filter", base.clone()),
        (
            "kind and division",
            Filter {
                kind: Some(SiteKind::ServicePoint),
                division: Some(path_division(path)),
                ..base.clone()
            },
        ),
        (
            "a rare pair",
            Filter {
                kind: Some(SiteKind::Station),
                level: Some(Level::Provincial),
                ..base.clone()
            },
        ),
        (
            "name search",
            Filter {
                q: Some("服务".into()),
                ..base.clone()
            },
        ),
        (
            "newest",
            Filter {
                sort: Sort::Newest,
                ..base.clone()
            },
        ),
    ];
    for (name, filter) in &filters {
        let scans = scans_of(serving, actor, async |conn| {
            sites::list(conn, filter, &Position::Start).await
        });
        check(failures, format!("{username}: site list ({name})"), scans).await;
        let scans = scans_of(serving, actor, async |conn| {
            sites::count(conn, filter).await
        });
        check(failures, format!("{username}: site count ({name})"), scans).await;
    }
    let union_id: i64 = path
        .rsplit('.')
        .next()
        .and_then(|label| label.trim_start_matches('u').parse().ok())
        .expect("a union label");
    let scans = scans_of(serving, actor, async |conn| {
        sites::by_level_and_kind(conn, path).await?;
        sites::by_child_union(conn, union_id, path).await
    });
    check(failures, format!("{username}: site counts"), scans).await;
}

/// A division prefix inside the union at `path`: its province's two digits
/// are enough for the plan.
fn path_division(path: &str) -> String {
    if path.split('.').count() > 2 {
        "4401"
    } else {
        "44"
    }
    .to_owned()
}
