//! The rules, one function per kind of record, as the domain states them.
//! Each decides whether reader `r` may read row `row`, over snapshot `s`.

use niudai::identity::Role;
use niudai::policy::is_within;

use super::{Reader, Row, Snapshot};

/// The union's records: its subtree's cadres read them, nobody else.
pub fn scoped(_: &Snapshot, r: &Reader, row: &Row) -> bool {
    r.in_scope(row.path.as_deref())
}

/// An account's own rows (its form keys), and nobody else's.
pub fn mine(_: &Snapshot, r: &Reader, row: &Row) -> bool {
    r.is(row.person)
}

/// Rows of an account (its user row; a reviewer's assignments, scores and
/// links; a supervisor's visits and score sheets) read by that account and
/// by the cadres of the scope.
pub fn mine_or_scoped(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    scoped(s, r, row) || mine(s, r, row)
}

/// An import is its importer's, inside the importer's scope.
pub fn mine_in_scope(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    scoped(s, r, row) && mine(s, r, row)
}

/// An organization's record and what belongs to it (ratings, union
/// building, notices sent to it): its account reads them, and the scope.
/// The union's contact notes are not the organization's to read.
pub fn the_orgs(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    scoped(s, r, row) || r.speaks_for(row.org)
}

/// Delivery records: the purchaser's scope, the organization delivering,
/// the supervisor.
pub fn delivered(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    the_orgs(s, r, row) || mine(s, r, row)
}

/// The organization account's own organization.
fn own_org<'s>(s: &'s Snapshot, r: &Reader) -> Option<&'s Row> {
    let org = r.org.filter(|_| r.role == Some(Role::Org))?;
    s.row("organizations", Some(&org.to_string()))
}

/// A union: its subtree's cadres; an organization's account its home union.
pub fn unions(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    scoped(s, r, row) || own_org(s, r).and_then(|org| org.link.as_deref()) == Some(row.key.as_str())
}

/// A union's history: read by whoever held the union when it happened, and
/// by whoever holds it now; entries of no union (failed logins of unknown
/// names) by the national scope. The path an entry was written under names
/// the unions that held it then (paths are built from ids), whatever moved
/// since; its union's path today names those that hold it now.
pub fn audit_log(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    let held_then = r.role.is_some_and(Role::works_in_scope)
        && row.path.as_deref().is_some_and(|path| {
            let own = r.union_path.rsplit('.').next();
            path.split('.').any(|label| Some(label) == own)
        });
    held_then
        || (row.path.is_none() && r.national())
        || s.row("unions", row.link.as_deref())
            .is_some_and(|union| scoped(s, r, union))
}

/// Published (and superseded) standards are read by all, drafts in scope.
pub fn standards(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    row.status.as_deref() != Some("draft") || scoped(s, r, row)
}

pub fn indicators(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    s.row("indicator_systems", row.link.as_deref())
        .is_some_and(|system| standards(s, r, system))
}

/// A project: its purchaser's scope; an organization the calls open to it
/// (a purchaser whose scope holds the organization's home union) and the
/// projects it applied to or holds a contract for; a reviewer the projects
/// it is assigned to review for (conflicted or not); a supervisor the
/// projects it supervises.
pub fn projects(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    let key = Some(row.key.as_str());
    let of_this = |record: &Row| s.project_of_application(record.link.as_deref()) == key;
    let open_to_org = own_org(s, r).is_some_and(|org| {
        row.status.as_deref() == Some("open")
            && org
                .path
                .as_deref()
                .zip(row.path.as_deref())
                .is_some_and(|(home, purchaser)| is_within(home, purchaser))
    });
    scoped(s, r, row)
        || open_to_org
        || s.rows("applications")
            .iter()
            .any(|a| r.speaks_for(a.org) && a.link.as_deref() == key)
        || s.rows("contracts")
            .iter()
            .any(|c| (r.speaks_for(c.org) || r.is(c.person)) && of_this(c))
        || s.rows("review_assignments")
            .iter()
            .any(|ra| r.is(ra.person) && of_this(ra))
}

/// An application: the purchaser's scope, its organization, a reviewer
/// assigned to it once it declared no conflict, the supervisor of its
/// contract.
pub fn applications(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    let this = Some(row.key.as_str());
    the_orgs(s, r, row)
        || s.rows("review_assignments").iter().any(|ra| {
            r.is(ra.person)
                && ra.link.as_deref() == this
                && matches!(ra.status.as_deref(), Some("scoring" | "submitted"))
        })
        || s.rows("contracts")
            .iter()
            .any(|c| r.is(c.person) && c.link.as_deref() == this)
}

/// A file: the scope of its record, the organization it came from, every
/// reader of the call for a call's documents, the supervisor of the
/// delivery record it belongs to.
pub fn files(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    let owner = row.link.as_deref();
    let supervised = match row.status.as_deref() {
        Some("contract") => Some("contracts"),
        Some("report") => Some("reports"),
        Some("site_visit") => Some("site_visits"),
        Some("rectification") => Some("rectifications"),
        Some("payment") => Some("payments"),
        Some("evaluation") => Some("evaluations"),
        _ => None,
    };
    the_orgs(s, r, row)
        || (row.status.as_deref() == Some("experience_photo")
            && s.row("experiences", owner)
                .is_some_and(|e| experiences(s, r, e)))
        || (row.status.as_deref() == Some("project_document")
            && s.row("projects", owner).is_some_and(|p| projects(s, r, p)))
        || supervised
            .and_then(|table| s.row(table, owner))
            .is_some_and(|record| mine(s, r, record))
}

pub fn installments(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    scoped(s, r, row)
        || s.row("contracts", row.link.as_deref())
            .is_some_and(|c| delivered(s, r, c))
}

/// An evaluation: the scope and the supervisor; the organization once it
/// is final (never the score sheets).
pub fn evaluations(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    mine_or_scoped(s, r, row) || (r.speaks_for(row.org) && row.status.as_deref() == Some("final"))
}

/// The per-indicator results go with their evaluation.
pub fn evaluation_results(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    mine_or_scoped(s, r, row)
        || (r.speaks_for(row.org)
            && s.row("evaluations", row.link.as_deref())
                .is_some_and(|e| e.status.as_deref() == Some("final")))
}

/// A closing is read with its project.
pub fn closings(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    scoped(s, r, row)
        || s.row("projects", row.link.as_deref())
            .is_some_and(|p| projects(s, r, p))
}

/// A typical experience: its scope at every stage; every union cadre once
/// it is published and featured nationwide (its status facet reads
/// `published+featured` then).
pub fn experiences(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    scoped(s, r, row)
        || (r.role.is_some_and(Role::works_in_scope)
            && row.status.as_deref() == Some("published+featured"))
}

/// What an experience links to is read with the experience.
pub fn experience_links(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    s.row("experiences", row.link.as_deref())
        .is_some_and(|e| experiences(s, r, e))
}

/// A membership: the federation's scope; the organization's home union's
/// scope (its link names the home union's path), a cross-region one of a
/// federation outside it included; the organization's own account.
pub fn federation_members(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    scoped(s, r, row) || r.in_scope(row.link.as_deref()) || r.speaks_for(row.org)
}

/// A meeting: its convening union's scope, the organizations invited to it,
/// and the cadres answering for one of its actions.
pub fn meetings(s: &Snapshot, r: &Reader, row: &Row) -> bool {
    let this = Some(row.key.as_str());
    scoped(s, r, row)
        || s.rows("meeting_invitations")
            .iter()
            .any(|i| i.link.as_deref() == this && r.speaks_for(i.org))
        || s.rows("meeting_actions")
            .iter()
            .any(|a| a.link.as_deref() == this && r.is(a.person))
}
