//! A write load: browsers that each post contact records with unique
//! summaries, one form (so one form key) per record, and send a form again,
//! unchanged, while the answer is 503 — the retry that form keys make safe.
//! Every answer is tallied under the phase the test was in when it was asked.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::task::JoinHandle;
use uuid::Uuid;

use super::{Client, Page};

/// Every summary of the load starts with this.
pub const SUMMARY_PREFIX: &str = "故障演练记录 ";
/// How long a browser waits before sending a refused form again.
const RETRY_AFTER: Duration = Duration::from_millis(100);
/// A pause between two records of one browser.
const THINK: Duration = Duration::from_millis(100);
/// An answer slower than this is a hung request.
const HUNG: Duration = Duration::from_secs(20);
/// How long, once the load stops, a browser keeps sending its last form.
const DRAIN: Duration = Duration::from_secs(15);

/// The answers of one phase.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub requests: usize,
    /// 503: the database is unavailable.
    pub unavailable: usize,
    pub slowest: Duration,
    /// Answers a browser should never get (a 500, a lost session, no answer).
    pub unexpected: Vec<String>,
}

/// One record a browser meant to save, and every answer to its form.
#[derive(Clone, Debug)]
pub struct Write {
    pub summary: String,
    pub answers: Vec<u16>,
}

impl Write {
    /// Whether the server said it is saved: 303 (saved now) or 409 (saved
    /// by an earlier sending of the same form).
    pub fn acknowledged(&self) -> bool {
        matches!(self.answers.last(), Some(303 | 409))
    }
}

pub struct Load {
    shared: Arc<Shared>,
    writers: Vec<JoinHandle<Vec<Write>>>,
}

struct Shared {
    phase: Mutex<&'static str>,
    stopping: AtomicBool,
    tallies: Mutex<BTreeMap<&'static str, Tally>>,
}

impl Load {
    /// Starts one writer per browser, each logging contacts with `org`,
    /// their answers tallied under `phase`.
    pub fn start(browsers: Vec<Client>, org: Uuid, phase: &'static str) -> Self {
        let shared = Arc::new(Shared {
            phase: Mutex::new(phase),
            stopping: AtomicBool::new(false),
            tallies: Mutex::default(),
        });
        let writers = browsers
            .into_iter()
            .enumerate()
            .map(|(n, browser)| tokio::spawn(write_records(browser, org, n, shared.clone())))
            .collect();
        Self { shared, writers }
    }

    /// Tallies the answers to requests sent from now on under `phase`.
    pub fn phase(&self, phase: &'static str) {
        *self.shared.phase.lock().expect("lock") = phase;
    }

    /// Starts no new record, lets each browser finish the one it is sending,
    /// and returns every record meant.
    pub async fn stop(self) -> (Vec<Write>, BTreeMap<&'static str, Tally>) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        let mut writes = Vec::new();
        for writer in self.writers {
            writes.extend(writer.await.expect("a writer does not panic"));
        }
        let tallies = self.shared.tallies.lock().expect("lock").clone();
        (writes, tallies)
    }
}

async fn write_records(browser: Client, org: Uuid, n: usize, shared: Arc<Shared>) -> Vec<Write> {
    let page = format!("/orgs/{org}");
    let action = format!("/orgs/{org}/contacts");
    let mut writes = Vec::new();
    for record in 0.. {
        let Some(form_key) = open_form(&browser, &page, &shared).await else {
            break;
        };
        let summary = format!("{SUMMARY_PREFIX}{n}-{record}");
        let fields = [
            ("contacted_on", "2026-11-02"),
            ("method", "phone"),
            ("cadre", "张干事"),
            ("summary", summary.as_str()),
            ("form_key", form_key.as_str()),
        ];
        let mut write = Write {
            summary: summary.clone(),
            answers: Vec::new(),
        };
        let mut drain_ends = None;
        loop {
            let answer = shared
                .ask(&action, &[303, 409], browser.post(&action, &fields))
                .await;
            let status = answer.as_ref().map_or(0, |page| page.status);
            write.answers.push(status);
            if status != 503 {
                break;
            }
            if shared.stopping.load(Ordering::SeqCst) {
                let ends = *drain_ends.get_or_insert_with(|| Instant::now() + DRAIN);
                if Instant::now() > ends {
                    break;
                }
            }
            tokio::time::sleep(RETRY_AFTER).await;
        }
        writes.push(write);
        tokio::time::sleep(THINK).await;
    }
    writes
}

/// Opens the form page until it is served, and returns its form key; `None`
/// once the load is stopping.
async fn open_form(browser: &Client, path: &str, shared: &Shared) -> Option<String> {
    while !shared.stopping.load(Ordering::SeqCst) {
        if let Some(page) = shared.ask(path, &[200], browser.get(path)).await
            && page.status == 200
        {
            return Some(
                page.field_value("form_key")
                    .expect("a form key on the page"),
            );
        }
        tokio::time::sleep(RETRY_AFTER).await;
    }
    None
}

impl Shared {
    /// Awaits one request and tallies its answer: 503, one of `expected`, or
    /// unexpected. `None` when it hung.
    async fn ask(
        &self,
        path: &str,
        expected: &[u16],
        request: impl Future<Output = Page>,
    ) -> Option<Page> {
        let phase = *self.phase.lock().expect("lock");
        let started = Instant::now();
        let answer = tokio::time::timeout(HUNG, request).await.ok();
        let took = started.elapsed();
        let mut tallies = self.tallies.lock().expect("lock");
        let tally = tallies.entry(phase).or_default();
        tally.requests += 1;
        tally.slowest = tally.slowest.max(took);
        match &answer {
            Some(page) if page.status == 503 => tally.unavailable += 1,
            Some(page) if expected.contains(&page.status) => {}
            Some(page) => tally.unexpected.push(format!(
                "{path}: {} after {took:?}: {}",
                page.status,
                page.body.chars().take(300).collect::<String>()
            )),
            None => tally
                .unexpected
                .push(format!("{path}: no answer within {HUNG:?}")),
        }
        answer
    }
}
