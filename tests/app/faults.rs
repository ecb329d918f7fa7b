//! The database fails under a write load: PostgreSQL is restarted, its
//! backends are killed, and it is frozen for ten seconds. Browsers send a
//! form again, unchanged, after a 503; its form key keeps a second sending
//! from saving twice. Every write the server acknowledged is saved exactly
//! once; during each fault the server answers 503 (never 500, never not at
//! all); after each it serves again within 5 s without being restarted; and
//! no transaction is left open. The faults happen to a cluster of the test's
//! own, not to the one the other tests share.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::common::cluster::OwnCluster;
use crate::common::load::{Load, SUMMARY_PREFIX, Tally, Write};
use crate::common::{Client, TestApp};

/// Browsers writing at once.
const BROWSERS: usize = 4;
/// Undisturbed load before the first fault and after each.
const STEADY: Duration = Duration::from_secs(2);
/// How long PostgreSQL is down during its restart.
const DOWN: Duration = Duration::from_secs(1);
/// How long backends keep being killed.
const KILLING: Duration = Duration::from_secs(3);
const FREEZE: Duration = Duration::from_secs(10);
/// The server serves again this soon after a fault ends.
const RECOVERY: Duration = Duration::from_secs(5);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writes_through_a_restart_killed_backends_and_a_frozen_database_are_saved_exactly_once() {
    let began = Instant::now();
    let cluster = OwnCluster::start().await;
    let app = TestApp::spawn_on(&cluster).await;
    let org = org_of(&app, "org-1").await;
    let mut browsers = Vec::new();
    for _ in 0..BROWSERS {
        browsers.push(app.login("gz-staff").await);
    }
    let probe = app.login("gz-staff").await;
    let load = Load::start(browsers, org, "steady");
    tokio::time::sleep(STEADY).await;

    let restart = outage(&load, &probe, "restart", cluster.restart(DOWN)).await;
    let mut killed = 0;
    let kill = outage(&load, &probe, "kill", async {
        let started = Instant::now();
        while started.elapsed() < KILLING {
            killed += cluster.terminate_backends(niudai::db::APP_ROLE).await;
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await;
    let freeze = outage(&load, &probe, "freeze", async {
        let _frozen = cluster.freeze();
        tokio::time::sleep(FREEZE).await;
    })
    .await;
    let (writes, tallies) = load.stop().await;

    let saved = saved_summaries(&app).await;
    let open = transactions_left_open(&app).await;
    println!("backends killed: {killed}");
    for (fault, (lasted, back)) in [("restart", restart), ("kill", kill), ("freeze", freeze)] {
        println!("{fault}: lasted {lasted:?}, serving again {back:?} after");
    }
    report(&writes, &tallies, began.elapsed());

    for (phase, tally) in &tallies {
        assert!(
            tally.unexpected.is_empty(),
            "{phase}: {:#?}",
            tally.unexpected
        );
    }
    for fault in ["restart", "kill", "freeze"] {
        let unavailable = tallies.get(fault).map_or(0, |tally| tally.unavailable);
        assert!(
            unavailable > 0,
            "no request was answered 503 during the {fault}"
        );
    }
    for write in &writes {
        let (last, before) = write.answers.split_last().expect("an answer");
        assert!(
            before.iter().all(|status| *status == 503),
            "sent again only after a 503: {write:?}"
        );
        assert_ne!(write.answers[0], 409, "a new form taken for a resent one");
        assert!(
            matches!(last, 303 | 409),
            "acknowledged once the database is back: {write:?}"
        );
        assert_eq!(
            saved.get(&write.summary),
            Some(&1),
            "saved exactly once: {write:?}"
        );
    }
    assert_eq!(saved.len(), writes.len(), "nothing saved that was not sent");
    assert_eq!(open, 0, "transactions left idle in the database");
}

/// Brings `fault` on under the load, its answers tallied under `name`, then
/// lets the load run undisturbed again. Returns how long the fault lasted
/// and how soon after its end the server served a page again (at most 5 s).
async fn outage(
    load: &Load,
    probe: &Client,
    name: &'static str,
    fault: impl Future<Output = ()>,
) -> (Duration, Duration) {
    load.phase(name);
    let started = Instant::now();
    fault.await;
    let lasted = started.elapsed();
    let ended = Instant::now();
    let serving = async {
        while probe.get("/orgs").await.status != 200 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    tokio::time::timeout(RECOVERY, serving)
        .await
        .unwrap_or_else(|_| panic!("serving again within 5 s of the {name}'s end"));
    let back = ended.elapsed();
    load.phase("steady");
    tokio::time::sleep(STEADY).await;
    (lasted, back)
}

async fn org_of(app: &TestApp, username: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select org_id from users where username = $1")
        .bind(username)
        .fetch_one(&mut conn)
        .await
        .expect("organization")
}

/// How many times each summary of the load was saved.
async fn saved_summaries(app: &TestApp) -> HashMap<String, i64> {
    let mut conn = app.owner().await;
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "select summary, count(*) from organization_contacts
          where starts_with(summary, $1) group by summary",
    )
    .bind(SUMMARY_PREFIX)
    .fetch_all(&mut conn)
    .await
    .expect("the saved contacts");
    rows.into_iter().collect()
}

/// Transactions left idle in the database once the load has stopped (a
/// moment is allowed for the last ones to end).
async fn transactions_left_open(app: &TestApp) -> i64 {
    let mut conn = app.owner().await;
    let mut open = 0;
    for _ in 0..20 {
        open = sqlx::query_scalar(
            "select count(*) from pg_stat_activity where state like 'idle in transaction%'",
        )
        .fetch_one(&mut conn)
        .await
        .expect("pg_stat_activity");
        if open == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    open
}

/// The figures of the run, shown with `--nocapture`.
fn report(writes: &[Write], tallies: &std::collections::BTreeMap<&str, Tally>, took: Duration) {
    for (phase, tally) in tallies {
        println!(
            "{phase}: {} requests, {} answered 503, slowest {:?}",
            tally.requests, tally.unavailable, tally.slowest
        );
    }
    let resent = writes.iter().filter(|w| w.answers.len() > 1).count();
    let saved_before = writes
        .iter()
        .filter(|w| w.answers.last() == Some(&409))
        .count();
    let acknowledged = writes.iter().filter(|w| w.acknowledged()).count();
    println!(
        "{} records meant, {acknowledged} acknowledged, {resent} sent again after a 503, \
         {saved_before} of them found saved by an earlier sending; {took:?} in all",
        writes.len()
    );
}
