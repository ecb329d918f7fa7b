//! The queries of reports and their kept versions. Row-level security lets the
//! purchaser's scope, the organization and the supervisor read them.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::forms::ReportInput;
use crate::db::list::{ListScope, Order, Paged, Position, ScopeColumns};
use crate::projects::applications::db::BudgetLines;

/// How a list of reports says the reader's scope: its indexes lead with the
/// province (the path narrows below it), the organization or the supervisor.
pub const SCOPE_COLUMNS: ScopeColumns = ScopeColumns {
    province: Some("r.province"),
    org: Some("r.org_id"),
    supervisor: Some("r.supervisor_id"),
    ..ScopeColumns::path("r.union_path")
};

/// The report list's order: the latest due date first.
const LATEST_DUE_FIRST: [(&str, &str); 2] = [("r.due_on", "date"), ("r.id", "uuid")];

crate::text_enum!(pub enum ReportStatus("reports.status") {
    Due => "due",
    Draft => "draft",
    Submitted => "submitted",
    Returned => "returned",
    Accepted => "accepted",
});

impl ReportStatus {
    /// Whether the organization may still write it.
    pub fn open(self) -> bool {
        matches!(
            self,
            ReportStatus::Due | ReportStatus::Draft | ReportStatus::Returned
        )
    }
}

crate::text_enum!(pub enum ReportKind("reports.kind") {
    Periodic => "periodic",
    Midterm => "midterm",
    Final => "final",
    Adhoc => "adhoc",
});

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReportRow {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub project_id: Uuid,
    pub project_code: String,
    pub project_title: String,
    /// The project's quantity targets, to show progress against.
    pub target_people: i32,
    pub target_activities: i32,
    pub target_service_hours: i32,
    pub union_id: i64,
    pub union_path: String,
    pub org_id: Uuid,
    pub org_name: String,
    pub supervisor_id: Uuid,
    #[sqlx(try_from = "String")]
    pub kind: ReportKind,
    pub period_starts_on: NaiveDate,
    pub period_ends_on: NaiveDate,
    pub due_on: NaiveDate,
    #[sqlx(try_from = "String")]
    pub status: ReportStatus,
    pub people_served: i32,
    pub activities_held: i32,
    pub service_hours: i32,
    pub volunteer_hours: i32,
    #[sqlx(flatten)]
    pub spending: BudgetLines,
    pub narrative: String,
    pub problems: String,
    pub version: i32,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_comment: Option<String>,
    pub overdue: bool,
}

impl ReportRow {
    pub fn spent_fen(&self) -> i64 {
        self.spending.total_fen()
    }
}

/// The columns of a report row, as `report_select!()` (a literal, so that
/// queries stay static strings).
macro_rules! report_select {
    () => {
        "select r.id, r.contract_id, r.project_id, p.code as project_code, p.title as project_title,
                p.target_people, p.target_activities, p.target_service_hours, p.union_id, r.union_path::text as union_path, r.org_id,
                organization_public_name(r.org_id) as org_name, r.supervisor_id, r.kind,
                r.period_starts_on, r.period_ends_on, r.due_on, r.status, r.people_served,
                r.activities_held, r.service_hours, r.volunteer_hours, r.personnel_fen,
                r.activities_fen, r.publicity_fen, r.transport_fen, r.office_fen, r.experts_fen,
                r.management_fen, r.evaluation_fen, r.narrative, r.problems, r.version,
                r.submitted_at, r.reviewed_at, r.review_comment,
                (r.status in ('due', 'draft', 'returned') and r.due_on < current_date) as overdue
           from reports r join projects p on p.id = r.project_id"
    };
}
pub(crate) use report_select;

pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<ReportRow>> {
    sqlx::query_as(concat!(report_select!(), " where r.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn of_contract(
    conn: &mut PgConnection,
    contract_id: Uuid,
) -> sqlx::Result<Vec<ReportRow>> {
    sqlx::query_as(concat!(
        report_select!(),
        " where r.contract_id = $1 order by r.due_on, r.kind, r.id"
    ))
    .bind(contract_id)
    .fetch_all(conn)
    .await
}

/// What the report list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    All,
    /// Submitted, waiting for a decision.
    Waiting,
    /// Not in by its due date.
    Overdue,
}

/// A page of the reports in `scope`, latest due date first.
pub async fn list(
    conn: &mut PgConnection,
    scope: &ListScope,
    show: Show,
    position: &Position,
) -> sqlx::Result<Paged<ReportRow>> {
    // A cadre below a province walks the province's index and keeps only the
    // rows of their own subtree: the page's ids come from the index alone (it
    // includes what the filter and the policies read), then their rows. Every
    // other reader keeps every row the index gives, read straight away.
    let ids_first = scope.below_province();
    let mut q: QueryBuilder<Postgres> = QueryBuilder::new(report_select!());
    q.push(if ids_first {
        " where r.id in (select r.id from reports r where true"
    } else {
        " where true"
    });
    scope.push(&mut q, &SCOPE_COLUMNS);
    match show {
        Show::All => {}
        Show::Waiting => {
            q.push(" and r.status = 'submitted'");
        }
        Show::Overdue => {
            q.push(" and r.status in ('due', 'draft', 'returned') and r.due_on < current_date");
        }
    }
    let order = Order::newest_first(&LATEST_DUE_FIRST);
    order.push_page(&mut q, position);
    if ids_first {
        q.push(")");
        order.push_order(&mut q, position);
    }
    let rows = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |r: &ReportRow| {
        vec![r.due_on.to_string(), r.id.to_string()]
    }))
}

/// Saves the organization's draft (or submits it: `submitted_by` set); `false`
/// when the report is no longer open to it (submitted meanwhile).
pub async fn write(
    conn: &mut PgConnection,
    id: Uuid,
    input: &ReportInput,
    submitted_by: Option<Uuid>,
) -> sqlx::Result<bool> {
    let status = if submitted_by.is_some() {
        "submitted"
    } else {
        "draft"
    };
    let mut q = sqlx::query(
        "update reports
            set people_served = $2, activities_held = $3, service_hours = $4,
                volunteer_hours = $5, personnel_fen = $6, activities_fen = $7, publicity_fen = $8,
                transport_fen = $9, office_fen = $10, experts_fen = $11, management_fen = $12,
                evaluation_fen = $13, narrative = $14, problems = $15, updated_at = now(),
                status = $16, submitted_by = coalesce($17, submitted_by)
          where id = $1 and status in ('due', 'draft', 'returned')",
    )
    .bind(id);
    for n in input.counts {
        q = q.bind(n);
    }
    for fen in input.lines_fen {
        q = q.bind(fen);
    }
    let done = q
        .bind(&input.narrative)
        .bind(&input.problems)
        .bind(status)
        .bind(submitted_by)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Accepts or returns a submitted report; `false` when someone decided first.
pub async fn decide(
    conn: &mut PgConnection,
    id: Uuid,
    to: ReportStatus,
    comment: Option<&str>,
    by: Uuid,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update reports set status = $2, review_comment = $3, reviewed_by = $4,
                reviewed_at = now(), updated_at = now()
          where id = $1 and status = 'submitted'",
    )
    .bind(id)
    .bind(to.as_str())
    .bind(comment)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds an ad-hoc report to a contract.
pub async fn add_adhoc(
    conn: &mut PgConnection,
    contract: (Uuid, Uuid, &str, Uuid, Uuid),
    period: (NaiveDate, NaiveDate),
    due_on: NaiveDate,
) -> sqlx::Result<Uuid> {
    let (contract_id, project_id, union_path, org_id, supervisor_id) = contract;
    sqlx::query_scalar(
        "insert into reports (contract_id, project_id, union_path, org_id, supervisor_id, kind,
                              period_starts_on, period_ends_on, due_on)
         values ($1, $2, $3::ltree, $4, $5, 'adhoc', $6, $7, $8) returning id",
    )
    .bind(contract_id)
    .bind(project_id)
    .bind(union_path)
    .bind(org_id)
    .bind(supervisor_id)
    .bind(period.0)
    .bind(period.1)
    .bind(due_on)
    .fetch_one(conn)
    .await
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VersionRow {
    pub version: i32,
    pub people_served: i32,
    pub activities_held: i32,
    pub service_hours: i32,
    pub volunteer_hours: i32,
    pub spent_fen: i64,
    pub narrative: String,
    pub submitted_at: DateTime<Utc>,
    pub outcome: Option<String>,
    pub review_comment: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
}

pub async fn versions(conn: &mut PgConnection, report_id: Uuid) -> sqlx::Result<Vec<VersionRow>> {
    sqlx::query_as(
        "select version, people_served, activities_held, service_hours, volunteer_hours,
                personnel_fen + activities_fen + publicity_fen + transport_fen + office_fen
                  + experts_fen + management_fen + evaluation_fen as spent_fen,
                narrative, submitted_at, outcome, review_comment, reviewed_at
           from report_versions where report_id = $1 order by version desc",
    )
    .bind(report_id)
    .fetch_all(conn)
    .await
}

/// What the contract's other reports (submitted or accepted) spent per
/// budget line, and what they delivered: people, activities, service hours.
#[derive(Clone, Copy, Debug, Default, sqlx::FromRow)]
pub struct Delivered {
    #[sqlx(flatten)]
    pub spending: BudgetLines,
    pub people_served: i64,
    pub activities_held: i64,
    pub service_hours: i64,
}

/// A report's money and work in context: what the application behind its
/// contract budgeted per line, and what the contract's other reports spent
/// and delivered.
#[derive(Clone, Copy, Debug)]
pub struct Ledger {
    pub budget: [i64; 8],
    pub others: Delivered,
}

#[derive(sqlx::FromRow)]
struct LedgerRow {
    budget: Vec<i64>,
    #[sqlx(flatten)]
    others: Delivered,
}

/// The [`Ledger`] of a contract, leaving out the report `except` (the one
/// being written); `None` when the contract is not readable. Report periods
/// never overlap, so the sums are what the contract delivered.
pub async fn ledger(
    conn: &mut PgConnection,
    contract_id: Uuid,
    except: Uuid,
) -> sqlx::Result<Option<Ledger>> {
    let row: Option<LedgerRow> = sqlx::query_as(
        "select array[a.personnel_fen, a.activities_fen, a.publicity_fen, a.transport_fen,
                      a.office_fen, a.experts_fen, a.management_fen, a.evaluation_fen] as budget,
                d.*
           from contracts c
           join applications a on a.id = c.application_id
          cross join lateral (
                select coalesce(sum(r.personnel_fen), 0)::int8 as personnel_fen,
                       coalesce(sum(r.activities_fen), 0)::int8 as activities_fen,
                       coalesce(sum(r.publicity_fen), 0)::int8 as publicity_fen,
                       coalesce(sum(r.transport_fen), 0)::int8 as transport_fen,
                       coalesce(sum(r.office_fen), 0)::int8 as office_fen,
                       coalesce(sum(r.experts_fen), 0)::int8 as experts_fen,
                       coalesce(sum(r.management_fen), 0)::int8 as management_fen,
                       coalesce(sum(r.evaluation_fen), 0)::int8 as evaluation_fen,
                       coalesce(sum(r.people_served), 0)::int8 as people_served,
                       coalesce(sum(r.activities_held), 0)::int8 as activities_held,
                       coalesce(sum(r.service_hours), 0)::int8 as service_hours
                  from reports r
                 where r.contract_id = c.id and r.status in ('submitted', 'accepted')
                   and r.id <> $2) d
          where c.id = $1",
    )
    .bind(contract_id)
    .bind(except)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| Ledger {
        budget: std::array::from_fn(|i| row.budget.get(i).copied().unwrap_or_default()),
        others: row.others,
    }))
}

/// How many of a project's reports are not in by their date: they count
/// against the project on its page and in its dossier.
pub async fn overdue_of_project(conn: &mut PgConnection, project_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from reports
          where project_id = $1 and status in ('due', 'draft', 'returned') and due_on < current_date",
    )
    .bind(project_id)
    .fetch_one(conn)
    .await
}
