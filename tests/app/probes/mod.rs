//! Probes, as an attacker sends them: thirty script payloads into every text
//! field of every form a persona can reach, read back from every page that
//! could show them; twenty-five hostile values into every query parameter
//! and sort key of every page; every upload form with the bad-file set. The
//! server must accept none, answer none with a 5xx, and echo no payload
//! unescaped. Counts go to the test's output for SECURITY.md.

mod forms;
mod html;
mod queries;
mod uploads;

use crate::common::TestApp;
use crate::matrix::Finder;
use crate::matrix::expect::{Answer, answers_for};
use crate::matrix::personas::{PERSONAS, Persona, Relation};
use crate::matrix::rows::ROWS;

/// The personas whose pages the probes walk: one of each kind of account.
const WALKERS: &[&str] = &[
    "gd-admin",
    "gz-staff",
    "gd-viewer",
    "reviewer-1",
    "evaluator-1",
    "org-1",
];

fn persona(username: &str) -> &'static Persona {
    PERSONAS
        .iter()
        .find(|p| p.username == username)
        .expect("a matrix persona")
}

/// The pages `username` reads: every read of the matrix it is let through
/// (200) on an object of its own (or its child's, for a national admin).
async fn pages_of(app: &TestApp, finder: &mut Finder, username: &str) -> Vec<String> {
    let persona = persona(username);
    let mut pages = Vec::new();
    for row in ROWS.iter().filter(|row| row.method == "GET") {
        let answers = answers_for(row.expect, persona);
        for relation in [Relation::Own, Relation::Child] {
            let index = if persona.group.is_scoped() {
                relation as usize
            } else if relation == Relation::Own {
                0
            } else {
                continue;
            };
            let expected = answers.get(index).or(answers.first());
            if expected == Some(&Answer::Status(200))
                && let Some(path) = finder.locate(row, persona, relation).await
                && !path.ends_with(".xlsx")
                && !path.ends_with(".csv")
                && !path.starts_with("/static/")
                && !path.contains("/files/")
                && !path.ends_with("/dossier")
            {
                pages.push(path);
            }
        }
    }
    let _ = app;
    pages.sort();
    pages.dedup();
    pages
}
