//! Partners' writes. An organization's account applies for itself to a call
//! open to it; never in another organization's name, nor to a project it
//! may not read (applying would make the project its to read). A reviewer
//! records its own links from an assignment (a declared conflict), never
//! another's nor one about an organization it never reviewed, and is
//! assigned by the purchaser's staff, never by itself (an assignment opens
//! the proposal to it). A supervisor records site visits on the contracts it supervises,
//! never on another's.

use niudai::identity::Role;
use niudai::policy::is_within;
use uuid::Uuid;

use super::{Attempt, Outcome};
use crate::rls_property::oracle::{Reader, Row, Snapshot, TABLES};
use crate::rls_property::rng::Rng;

pub fn attempts(rng: &mut Rng, reader: &Reader, snapshot: &Snapshot) -> Vec<Attempt> {
    match reader.role {
        Some(Role::Org) => organization(rng, reader, snapshot),
        Some(Role::Reviewer) => reviewer(rng, reader, snapshot),
        Some(Role::Evaluator) => supervisor(rng, reader, snapshot),
        _ => Vec::new(),
    }
}

fn id(row: &Row) -> Uuid {
    row.key.parse().expect("a uuid key")
}

fn organization(rng: &mut Rng, reader: &Reader, snapshot: &Snapshot) -> Vec<Attempt> {
    let Some(own) = reader.org else {
        return Vec::new();
    };
    let orgs = snapshot.rows("organizations");
    let home = orgs
        .iter()
        .find(|o| id(o) == own)
        .and_then(|o| o.path.clone())
        .expect("the organization's home union");
    let other = orgs
        .iter()
        .map(id)
        .find(|o| *o != own)
        .expect("another organization");
    let projects = TABLES
        .iter()
        .find(|t| t.name == "projects")
        .expect("projects");
    let readable = snapshot.readable(projects, reader);
    let applied: Vec<&str> = snapshot
        .rows("applications")
        .iter()
        .filter(|a| a.org == Some(own))
        .filter_map(|a| a.link.as_deref())
        .collect();
    let open_calls: Vec<&Row> = snapshot
        .rows("projects")
        .iter()
        .filter(|p| {
            p.status.as_deref() == Some("open")
                && p.path
                    .as_deref()
                    .is_some_and(|purchaser| is_within(&home, purchaser))
                && !applied.contains(&p.key.as_str())
        })
        .collect();
    let unreadable: Vec<&Row> = snapshot
        .rows("projects")
        .iter()
        .filter(|p| !readable.contains(&p.key))
        .collect();
    let apply = |project: Uuid, applicant: Uuid| {
        sqlx::query("insert into applications (project_id, org_id) values ($1, $2)")
            .bind(project)
            .bind(applicant)
    };
    let mut attempts = Vec::new();
    if !open_calls.is_empty() {
        let call: &&Row = rng.pick(&open_calls);
        let call = id(call);
        attempts.push(Attempt {
            what: format!("its application to the call {call} open to it"),
            expected: Outcome::Allowed,
            insert: apply(call, own),
        });
        attempts.push(Attempt {
            what: format!("an application to {call} in another organization's name"),
            expected: Outcome::Refused,
            insert: apply(call, other),
        });
    }
    if !unreadable.is_empty() {
        let project: &&Row = rng.pick(&unreadable);
        let project = id(project);
        attempts.push(Attempt {
            what: format!("its application to {project}, a project it may not read"),
            expected: Outcome::Refused,
            insert: apply(project, own),
        });
    }
    attempts
}

fn reviewer(rng: &mut Rng, reader: &Reader, snapshot: &Snapshot) -> Vec<Attempt> {
    let Some(me) = reader.user else {
        return Vec::new();
    };
    let assigned: Vec<&Row> = snapshot
        .rows("review_assignments")
        .iter()
        .filter(|ra| ra.person == Some(me))
        .collect();
    let never_reviewed: Vec<&Row> = snapshot
        .rows("organizations")
        .iter()
        .filter(|o| !assigned.iter().any(|ra| ra.org == Some(id(o))))
        .collect();
    let learned_at = rng.pick(snapshot.rows("projects")).path.clone();
    let other = snapshot
        .rows("users")
        .iter()
        .map(id)
        .find(|u| *u != me)
        .expect("another account");
    let link = |reviewer: Uuid, org: Option<Uuid>, path: Option<String>| {
        sqlx::query(
            "insert into reviewer_links (reviewer_id, org_id, union_path, relation)
             values ($1, $2, $3::ltree, '曾任理事') on conflict do nothing",
        )
        .bind(reviewer)
        .bind(org)
        .bind(path)
    };
    let mut attempts = Vec::new();
    if !assigned.is_empty() {
        // A declared conflict records the link with the assignment's
        // organization and union.
        let assignment = rng.pick(&assigned);
        attempts.push(Attempt {
            what: format!("its own link from assignment {}", assignment.key),
            expected: Outcome::Allowed,
            insert: link(me, assignment.org, assignment.path.clone()),
        });
        attempts.push(Attempt {
            what: format!("another's link from assignment {}", assignment.key),
            expected: Outcome::Refused,
            insert: link(other, assignment.org, assignment.path.clone()),
        });
    }
    if !never_reviewed.is_empty() {
        let org = id(rng.pick::<&Row>(&never_reviewed));
        attempts.push(Attempt {
            what: format!("a link to {org}, which it never reviewed"),
            expected: Outcome::Refused,
            insert: link(me, Some(org), learned_at.clone()),
        });
    }
    let mine: Vec<&str> = snapshot
        .rows("review_assignments")
        .iter()
        .filter(|ra| ra.person == Some(me))
        .filter_map(|ra| ra.link.as_deref())
        .collect();
    let others: Vec<&Row> = snapshot
        .rows("applications")
        .iter()
        .filter(|a| !mine.contains(&a.key.as_str()))
        .collect();
    if !others.is_empty() {
        let application = rng.pick(&others);
        attempts.push(Attempt {
            what: format!("its own assignment to {}", application.key),
            expected: Outcome::Refused,
            insert: sqlx::query(
                "insert into review_assignments (application_id, org_id, project_id, union_path,
                                                 reviewer_id)
                 values ($1, $2, $3::uuid, $4::ltree, $5)",
            )
            .bind(id(application))
            .bind(application.org)
            .bind(application.link.clone())
            .bind(application.path.clone())
            .bind(me),
        });
    }
    attempts
}

fn supervisor(rng: &mut Rng, reader: &Reader, snapshot: &Snapshot) -> Vec<Attempt> {
    let Some(me) = reader.user else {
        return Vec::new();
    };
    let (own, others): (Vec<&Row>, Vec<&Row>) = snapshot
        .rows("contracts")
        .iter()
        .partition(|c| c.person == Some(me));
    let visit = |contract: &Row| {
        sqlx::query(
            "insert into site_visits (contract_id, union_path, org_id, supervisor_id, visited_on,
                                      findings, created_by, created_by_name)
             values ($1, $2::ltree, $3, $4, current_date, '查看台账', $4, '监管方')",
        )
        .bind(id(contract))
        .bind(contract.path.clone())
        .bind(contract.org)
        .bind(me)
    };
    let mut attempts = Vec::new();
    if !own.is_empty() {
        let contract = rng.pick(&own);
        attempts.push(Attempt {
            what: format!("a site visit on {}, which it supervises", contract.key),
            expected: Outcome::Allowed,
            insert: visit(contract),
        });
    }
    if !others.is_empty() {
        let contract = rng.pick(&others);
        attempts.push(Attempt {
            what: format!("a site visit on {}, which another supervises", contract.key),
            expected: Outcome::Refused,
            insert: visit(contract),
        });
    }
    attempts
}
