//! The authorization matrix: every route the router registers, asked by every
//! demo persona about an object of its own union, a child's, its parent's, a
//! sibling's and another province's (or, for accounts without a scope, an
//! object of its own and one elsewhere), with the answer written down in
//! `rows.rs`. A route the matrix does not list fails the suite, so every new
//! area adds its rows.
//!
//! Writes are asked with an empty form: a persona refused must be refused
//! before anything is read from the form; a persona let through meets the
//! form's validation (or, for actions without fields, acts). Each write row
//! runs on a fresh database, the refusals first. To write a new row, run with
//! `NIUDAI_MATRIX_RECORD=1`: the suite prints the answers it got, for review
//! and copying.

pub mod expect;
mod objects;
pub mod personas;
mod routes;
pub mod rows;

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use self::expect::{Answer, answer, answers_for};
use self::objects::Object;
use self::personas::{Group, PERSONAS, Persona, Relation};
use self::rows::{Body, EXTRAS, ROWS, Row};
use crate::common::{Client, TestApp};

/// Files the reads need: a call document in 广州 and in 北京, uploaded as
/// the cadres would.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

fn recording() -> bool {
    std::env::var("NIUDAI_MATRIX_RECORD").is_ok_and(|v| v == "1")
}

#[tokio::test]
async fn every_registered_route_has_its_rows_in_the_matrix() {
    let registered = routes::registered();
    let listed: BTreeSet<(String, String)> = ROWS
        .iter()
        .map(|row| (row.method.to_owned(), row.path.to_owned()))
        .collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "routes without rows: {missing:?}; rows without routes: {stale:?}"
    );
    assert_eq!(listed.len(), ROWS.len(), "a route listed twice");
}

/// One request of the matrix: who asks, about what, and the answer expected.
struct Cell {
    persona: &'static Persona,
    /// `None` for a record that does not exist.
    relation: Option<Relation>,
    path: String,
    expected: Answer,
}

#[derive(Default)]
struct Report {
    asked: usize,
    not_applicable: usize,
    mismatches: Vec<String>,
    recorded: Vec<String>,
}

/// Finds the objects of a row over one owner connection.
/// Finds the objects of a row over one owner connection (the probes use it
/// too).
pub struct Finder {
    conn: sqlx::PgConnection,
    paths: BTreeMap<&'static str, String>,
}

impl Finder {
    pub async fn new(app: &TestApp) -> Self {
        Self {
            conn: app.owner().await,
            paths: BTreeMap::new(),
        }
    }

    async fn union_path(&mut self, code: &'static str) -> String {
        if let Some(path) = self.paths.get(code) {
            return path.clone();
        }
        let path: String = sqlx::query_scalar(
            "select path::text from unions
              where coalesce(division_code, '') = $1 and level <> 'grassroots' order by id limit 1",
        )
        .bind(code)
        .fetch_one(&mut self.conn)
        .await
        .expect("union");
        self.paths.insert(code, path.clone());
        path
    }

    /// The path of `row` for `persona` asking about `relation`, or `None` when
    /// the data holds no such object.
    pub async fn locate(
        &mut self,
        row: &Row,
        persona: &Persona,
        relation: Relation,
    ) -> Option<String> {
        let params = match row.object {
            Object::None => Vec::new(),
            object if persona.group.is_scoped() || persona.group == Group::Anonymous => {
                let path = self.union_path(persona.union_of(relation)?).await;
                object
                    .at(&mut self.conn, &path, relation.searches_subtree())
                    .await?
            }
            object => {
                let (user, org): (Uuid, Option<Uuid>) =
                    sqlx::query_as("select id, org_id from users where username = $1")
                        .bind(persona.username)
                        .fetch_one(&mut self.conn)
                        .await
                        .expect("persona");
                if relation == Relation::Own {
                    object.owned_by(&mut self.conn, user, org).await?
                } else {
                    let path = self.union_path(persona.union_of(Relation::Other)?).await;
                    object
                        .at_not_owned(&mut self.conn, &path, true, Some((user, org)))
                        .await?
                }
            }
        };
        Some(fill(row.path, params))
    }
}

/// `path` with its parameters replaced, in order, by `params`.
fn fill(path: &str, params: Vec<String>) -> String {
    let mut path = path.to_owned();
    for value in params {
        if let Some(open) = path.find('{') {
            let close = path[open..].find('}').map_or(path.len() - 1, |c| c + open);
            path.replace_range(open..=close, &value);
        }
    }
    path
}

/// `path` naming records that do not exist.
fn ghost(row: &Row) -> String {
    let params = row
        .path
        .match_indices('{')
        .enumerate()
        .map(|(i, _)| match row.object {
            Object::Union => "2000000000".to_owned(),
            Object::WorkStaff if i == 0 => "2000000000".to_owned(),
            Object::Static => "missing.css".to_owned(),
            _ => Uuid::new_v4().to_string(),
        })
        .collect();
    fill(row.path, params)
}

/// The cells of a row, refusals first (a write let through changes what the
/// next persona finds).
async fn cells(finder: &mut Finder, row: &Row) -> (Vec<Cell>, usize) {
    let mut cells = Vec::new();
    let mut not_applicable = 0;
    let has_object = !matches!(row.object, Object::None);
    for persona in PERSONAS {
        let answers = if recording() && row.expect.is_empty() {
            Vec::new()
        } else {
            answers_for(row.expect, persona)
        };
        let relations: &[Relation] = if has_object {
            persona.group.relations()
        } else {
            &[Relation::Own]
        };
        for relation in relations {
            let expected = answer(&answers, persona.group, *relation, has_object);
            match finder.locate(row, persona, *relation).await {
                Some(path) => cells.push(Cell {
                    persona,
                    relation: Some(*relation),
                    path,
                    expected,
                }),
                None => not_applicable += 1,
            }
        }
        if has_object && !row.object.is_public() {
            cells.push(Cell {
                persona,
                relation: None,
                path: ghost(row),
                expected: Answer::Skip,
            });
        }
    }
    cells.sort_by_key(|cell| {
        cell.relation.is_some()
            && !matches!(
                cell.expected,
                Answer::Status(400 | 403 | 404) | Answer::Login
            )
    });
    (cells, not_applicable)
}

async fn client_for(app: &TestApp, finder: &mut Finder, persona: &Persona) -> Client {
    if persona.username.is_empty() {
        let client = app.client();
        client.get("/login").await;
        client
    } else {
        app.signed_in_over(&mut finder.conn, persona.username).await
    }
}

async fn send(client: &Client, row: &Row, path: &str) -> (u16, String) {
    let extras: &[(&str, &str)] = EXTRAS
        .iter()
        .find(|(method, route, _)| *method == row.method && *route == row.path)
        .map_or(&[], |(_, _, fields)| fields);
    let page = match (row.method, row.body) {
        ("GET", _) if extras.is_empty() => client.get(path).await,
        ("GET", _) => {
            let query = serde_urlencoded::to_string(extras).expect("query");
            client.get(&format!("{path}?{query}")).await
        }
        (_, Body::Form) => client.post(path, extras).await,
        (_, Body::Multipart) => {
            let token = client.csrf_token();
            let mut fields = vec![("csrf_token", token.as_str())];
            fields.extend_from_slice(extras);
            client.post_multipart(path, &fields).await
        }
    };
    (page.status, page.location().to_owned())
}

async fn check_row(
    app: &TestApp,
    row: &Row,
    clients: &mut BTreeMap<&str, Client>,
    report: &mut Report,
) {
    let mut finder = Finder::new(app).await;
    let (cells, not_applicable) = cells(&mut finder, row).await;
    report.not_applicable += not_applicable;
    let mut observed: BTreeMap<&str, Vec<(Option<Relation>, String)>> = BTreeMap::new();
    for cell in cells {
        // Logging out ends the session: each cell of that row gets its own.
        if row.path == "/logout" {
            clients.remove(cell.persona.username);
        }
        if !clients.contains_key(cell.persona.username) {
            let client = client_for(app, &mut finder, cell.persona).await;
            clients.insert(cell.persona.username, client);
        }
        let client = &clients[cell.persona.username];
        let (status, location) = send(client, row, &cell.path).await;
        report.asked += 1;
        let written = Answer::written(status, &location);
        let relation = cell.relation.map_or("none", Relation::name);
        if status >= 500 || !cell.expected.accepts(status, &location) {
            report.mismatches.push(format!(
                "{} {} as {} ({relation}): expected {:?}, got {written}",
                row.method,
                cell.path,
                cell.persona.name(),
                cell.expected
            ));
        }
        observed
            .entry(cell.persona.username)
            .or_default()
            .push((cell.relation, written));
    }
    // A record beyond the persona's reach answers as one that does not exist:
    // the answer never tells whether it is there.
    for (username, seen) in &observed {
        let persona = PERSONAS
            .iter()
            .find(|p| p.username == *username)
            .expect("persona");
        let Some((_, missing)) = seen.iter().find(|(relation, _)| relation.is_none()) else {
            continue;
        };
        for (relation, answer) in seen {
            if relation.is_some_and(|r| r.is_foreign(persona.group)) && answer != missing {
                report.mismatches.push(format!(
                    "{} {} as {} ({}): answered {answer}, a missing record {missing}",
                    row.method,
                    row.path,
                    persona.name(),
                    relation.map_or("none", Relation::name)
                ));
            }
        }
    }
    if recording() {
        report.recorded.push(written_row(row, &observed));
    }
}

/// A row as `rows.rs` writes it, from what was observed: each group's answers
/// as its members agree on them, and a member's own line where it differs.
fn written_row(row: &Row, observed: &BTreeMap<&str, Vec<(Option<Relation>, String)>>) -> String {
    let has_object = !matches!(row.object, Object::None);
    let tokens = |persona: &Persona| -> Vec<String> {
        let seen = observed.get(persona.username).cloned().unwrap_or_default();
        let relations: &[Relation] = if has_object && persona.group != Group::Anonymous {
            persona.group.relations()
        } else {
            &[Relation::Own]
        };
        relations
            .iter()
            .map(|r| {
                seen.iter()
                    .find(|(relation, _)| *relation == Some(*r))
                    .map_or("-".to_owned(), |(_, answer)| answer.clone())
            })
            .collect()
    };
    let mut parts: Vec<String> = Vec::new();
    let mut overrides: Vec<String> = Vec::new();
    for group in [
        Group::A,
        Group::S,
        Group::V,
        Group::R,
        Group::E,
        Group::O,
        Group::Anonymous,
    ] {
        let members: Vec<Vec<String>> = PERSONAS
            .iter()
            .filter(|p| p.group == group)
            .map(tokens)
            .collect();
        let merged: Vec<String> = (0..members[0].len())
            .map(|i| {
                members
                    .iter()
                    .map(|m| m[i].clone())
                    .find(|t| t != "-")
                    .unwrap_or_else(|| "-".to_owned())
            })
            .collect();
        for (persona, theirs) in PERSONAS.iter().filter(|p| p.group == group).zip(&members) {
            let agrees = merged.iter().zip(theirs).all(|(a, b)| a == b || b == "-");
            if !agrees {
                overrides.push(format!("{} {}", persona.username, theirs.join(" ")));
            }
        }
        parts.push(format!("{} {}", group.label(), merged.join(" ")));
    }
    parts.extend(overrides);
    format!("{} {} => {}", row.method, row.path, parts.join(" | "))
}

/// A server over the demo and what the matrix adds to it (and, with
/// `with_files`, a call document in 广州 and in 北京).
pub async fn arranged_app(with_files: bool) -> TestApp {
    let app = TestApp::spawn().await;
    let mut conn = app.owner().await;
    objects::arrange(&mut conn).await;
    // A draft indicator system in 广东 and a draft application of org-1, made
    // as their owners make them.
    let national: Uuid = sqlx::query_scalar(
        "select id from indicator_systems where status = 'published' and kind = 'approval_review'
          order by union_path limit 1",
    )
    .fetch_one(&mut conn)
    .await
    .expect("a national system");
    let page = app
        .signed_in("gd-admin")
        .await
        .post(&format!("/indicators/{national}/copy"), &[])
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let call: Uuid = sqlx::query_scalar("select id from projects where title = $1")
        .bind("新就业形态劳动者驿站关爱服务")
        .fetch_one(&mut conn)
        .await
        .expect("the 广州 call");
    let page = app
        .signed_in("org-1")
        .await
        .post(&format!("/calls/{call}/apply"), &[])
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    if with_files {
        for (username, title) in [
            ("gz-staff", "新就业形态劳动者驿站关爱服务"),
            ("bj-admin", "快递外卖从业人员法律援助服务"),
        ] {
            let project: Uuid = sqlx::query_scalar("select id from projects where title = $1")
                .bind(title)
                .fetch_one(&mut conn)
                .await
                .expect("an open call");
            let cadre = app.signed_in(username).await;
            let page = cadre
                .upload(
                    &format!("/projects/{project}/documents"),
                    "申报指南.pdf",
                    PDF.to_vec(),
                )
                .await;
            assert_eq!(page.status, 303, "{}", page.body);
        }
    }
    app
}

fn conclude(report: Report) {
    println!(
        "matrix: {} requests, {} cells without an object in the data",
        report.asked, report.not_applicable
    );
    if recording() {
        println!("{}", report.recorded.join("\n"));
        println!("differences:\n{}", report.mismatches.join("\n"));
        return;
    }
    assert!(
        report.mismatches.is_empty(),
        "{} answers differ from the matrix:\n{}",
        report.mismatches.len(),
        report.mismatches.join("\n")
    );
}

/// The reads, in `parts` slices so that the test harness runs them side by side.
async fn reads(part: usize, parts: usize) {
    reads_on(&arranged_app(true).await, part, parts).await;
}

async fn reads_on(app: &TestApp, part: usize, parts: usize) {
    let mut clients = BTreeMap::new();
    let mut report = Report::default();
    let reads: Vec<&Row> = ROWS.iter().filter(|row| row.method == "GET").collect();
    for row in reads.iter().skip(part).step_by(parts) {
        check_row(app, row, &mut clients, &mut report).await;
    }
    conclude(report);
}

/// Every read of the matrix on `app`, a server over data arranged as
/// `arranged_app(true)` arranges it (a restored backup of such, say).
pub async fn check_reads(app: &TestApp) {
    reads_on(app, 0, 1).await;
}

/// The writes, in `parts` slices, each row on a database of its own.
async fn writes(part: usize, parts: usize) {
    let mut report = Report::default();
    let writes: Vec<&Row> = ROWS.iter().filter(|row| row.method != "GET").collect();
    for row in writes.iter().skip(part).step_by(parts) {
        let app = arranged_app(false).await;
        check_row(&app, row, &mut BTreeMap::new(), &mut report).await;
    }
    conclude(report);
}

#[tokio::test]
async fn reads_answer_every_persona_as_the_matrix_says_1() {
    reads(0, 2).await;
}

#[tokio::test]
async fn reads_answer_every_persona_as_the_matrix_says_2() {
    reads(1, 2).await;
}

#[tokio::test]
async fn writes_answer_every_persona_as_the_matrix_says_1() {
    writes(0, 4).await;
}

#[tokio::test]
async fn writes_answer_every_persona_as_the_matrix_says_2() {
    writes(1, 4).await;
}

#[tokio::test]
async fn writes_answer_every_persona_as_the_matrix_says_3() {
    writes(2, 4).await;
}

#[tokio::test]
async fn writes_answer_every_persona_as_the_matrix_says_4() {
    writes(3, 4).await;
}
