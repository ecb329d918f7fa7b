//! The queries of reports and their kept versions. Row-level security lets the
//! purchaser's scope, the organization and the supervisor read them.

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::stream::{BoxStream, StreamExt};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::forms::ReportInput;
use crate::db::list::{ListScope, Order, Paged, Position, ScopeColumns, stream_rows};
use crate::projects::budget::BudgetLines;
use crate::web::overdue::Overdue;

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

#[derive(Clone, Debug)]
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
    pub kind: ReportKind,
    pub period_starts_on: NaiveDate,
    pub period_ends_on: NaiveDate,
    pub due_on: NaiveDate,
    pub status: ReportStatus,
    pub people_served: i32,
    pub activities_held: i32,
    pub service_hours: i32,
    pub volunteer_hours: i32,
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

    /// How late the organization is with it, while it is open past its due date.
    pub fn late(&self) -> Option<Overdue> {
        self.overdue.then(|| Overdue::known(self.due_on))
    }
}

/// A report row as the queries read it, one column a field (the checked
/// macros and the lists fill no nested struct); it becomes a [`ReportRow`].
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ReportRecord {
    id: Uuid,
    contract_id: Uuid,
    project_id: Uuid,
    project_code: String,
    project_title: String,
    target_people: i32,
    target_activities: i32,
    target_service_hours: i32,
    union_id: i64,
    union_path: String,
    org_id: Uuid,
    org_name: String,
    supervisor_id: Uuid,
    kind: ReportKind,
    period_starts_on: NaiveDate,
    period_ends_on: NaiveDate,
    due_on: NaiveDate,
    status: ReportStatus,
    people_served: i32,
    activities_held: i32,
    service_hours: i32,
    volunteer_hours: i32,
    personnel_fen: i64,
    activities_fen: i64,
    publicity_fen: i64,
    transport_fen: i64,
    office_fen: i64,
    experts_fen: i64,
    management_fen: i64,
    evaluation_fen: i64,
    narrative: String,
    problems: String,
    version: i32,
    submitted_at: Option<DateTime<Utc>>,
    reviewed_at: Option<DateTime<Utc>>,
    review_comment: Option<String>,
    overdue: bool,
}

impl From<ReportRecord> for ReportRow {
    fn from(r: ReportRecord) -> Self {
        Self {
            id: r.id,
            contract_id: r.contract_id,
            project_id: r.project_id,
            project_code: r.project_code,
            project_title: r.project_title,
            target_people: r.target_people,
            target_activities: r.target_activities,
            target_service_hours: r.target_service_hours,
            union_id: r.union_id,
            union_path: r.union_path,
            org_id: r.org_id,
            org_name: r.org_name,
            supervisor_id: r.supervisor_id,
            kind: r.kind,
            period_starts_on: r.period_starts_on,
            period_ends_on: r.period_ends_on,
            due_on: r.due_on,
            status: r.status,
            people_served: r.people_served,
            activities_held: r.activities_held,
            service_hours: r.service_hours,
            volunteer_hours: r.volunteer_hours,
            spending: BudgetLines([
                r.personnel_fen,
                r.activities_fen,
                r.publicity_fen,
                r.transport_fen,
                r.office_fen,
                r.experts_fen,
                r.management_fen,
                r.evaluation_fen,
            ]),
            narrative: r.narrative,
            problems: r.problems,
            version: r.version,
            submitted_at: r.submitted_at,
            reviewed_at: r.reviewed_at,
            review_comment: r.review_comment,
            overdue: r.overdue,
        }
    }
}

/// The columns of a report row for the lists built at run time, as
/// `report_select!()`. The checked queries below spell the same list out.
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

/// The report `id`, if the reader may see it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<ReportRow>> {
    let record = sqlx::query_as!(
        ReportRecord,
        r#"select r.id, r.contract_id, r.project_id, p.code as project_code,
                  p.title as project_title, p.target_people, p.target_activities,
                  p.target_service_hours, p.union_id, r.union_path::text as "union_path!",
                  r.org_id, organization_public_name(r.org_id) as "org_name!", r.supervisor_id,
                  r.kind as "kind: _", r.period_starts_on, r.period_ends_on, r.due_on,
                  r.status as "status: _", r.people_served, r.activities_held, r.service_hours,
                  r.volunteer_hours, r.personnel_fen, r.activities_fen, r.publicity_fen,
                  r.transport_fen, r.office_fen, r.experts_fen, r.management_fen,
                  r.evaluation_fen, r.narrative, r.problems, r.version, r.submitted_at,
                  r.reviewed_at, r.review_comment,
                  (r.status in ('due', 'draft', 'returned') and r.due_on < current_date)
                    as "overdue!"
             from reports r join projects p on p.id = r.project_id
            where r.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(record.map(ReportRow::from))
}

/// A contract's reports the reader may see, by due date.
pub async fn of_contract(
    conn: &mut PgConnection,
    contract_id: Uuid,
) -> sqlx::Result<Vec<ReportRow>> {
    let records = sqlx::query_as!(
        ReportRecord,
        r#"select r.id, r.contract_id, r.project_id, p.code as project_code,
                  p.title as project_title, p.target_people, p.target_activities,
                  p.target_service_hours, p.union_id, r.union_path::text as "union_path!",
                  r.org_id, organization_public_name(r.org_id) as "org_name!", r.supervisor_id,
                  r.kind as "kind: _", r.period_starts_on, r.period_ends_on, r.due_on,
                  r.status as "status: _", r.people_served, r.activities_held, r.service_hours,
                  r.volunteer_hours, r.personnel_fen, r.activities_fen, r.publicity_fen,
                  r.transport_fen, r.office_fen, r.experts_fen, r.management_fen,
                  r.evaluation_fen, r.narrative, r.problems, r.version, r.submitted_at,
                  r.reviewed_at, r.review_comment,
                  (r.status in ('due', 'draft', 'returned') and r.due_on < current_date)
                    as "overdue!"
             from reports r join projects p on p.id = r.project_id
            where r.contract_id = $1
            order by r.due_on, r.kind, r.id"#,
        contract_id
    )
    .fetch_all(conn)
    .await?;
    Ok(records.into_iter().map(ReportRow::from).collect())
}

/// What the report list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    All,
    /// Still the organization's to write: due, a draft, or returned.
    ToFill,
    /// Submitted, waiting for a decision.
    Waiting,
    /// Not in by its due date.
    Overdue,
}

/// Appends the report list's conditions to `q` (which ends in a `where`):
/// the reader's scope and what the list shows. The page and the export share it.
fn push_conditions(q: &mut QueryBuilder<Postgres>, scope: &ListScope, show: Show) {
    scope.push(q, &SCOPE_COLUMNS);
    match show {
        Show::All => {}
        Show::ToFill => {
            q.push(" and r.status in ('due', 'draft', 'returned')");
        }
        Show::Waiting => {
            q.push(" and r.status = 'submitted'");
        }
        Show::Overdue => {
            q.push(" and r.status in ('due', 'draft', 'returned') and r.due_on < current_date");
        }
    }
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
    push_conditions(&mut q, scope, show);
    let order = Order::newest_first(&LATEST_DUE_FIRST);
    order.push_page(&mut q, position);
    if ids_first {
        q.push(")");
        order.push_order(&mut q, position);
    }
    let rows: Vec<ReportRecord> = q.build_query_as().fetch_all(conn).await?;
    let rows = rows.into_iter().map(ReportRow::from).collect();
    Ok(Paged::from_rows(rows, position, |r: &ReportRow| {
        vec![r.due_on.to_string(), r.id.to_string()]
    }))
}

/// Every report of the list in `scope` showing `show`, in the list's order.
pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    scope: &ListScope,
    show: Show,
) -> BoxStream<'c, sqlx::Result<ReportRow>> {
    let mut q: QueryBuilder<Postgres> = QueryBuilder::new(report_select!());
    q.push(" where true");
    push_conditions(&mut q, scope, show);
    Order::newest_first(&LATEST_DUE_FIRST).push_order(&mut q, &Position::Start);
    stream_rows::<ReportRecord>(q, conn)
        .map(|row| row.map(ReportRow::from))
        .boxed()
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
    let [
        people_served,
        activities_held,
        service_hours,
        volunteer_hours,
    ] = input.counts;
    let [
        personnel,
        activities,
        publicity,
        transport,
        office,
        experts,
        management,
        evaluation,
    ] = input.spending.0;
    let done = sqlx::query!(
        "update reports
            set people_served = $2, activities_held = $3, service_hours = $4,
                volunteer_hours = $5, personnel_fen = $6, activities_fen = $7, publicity_fen = $8,
                transport_fen = $9, office_fen = $10, experts_fen = $11, management_fen = $12,
                evaluation_fen = $13, narrative = $14, problems = $15, updated_at = now(),
                status = $16, submitted_by = coalesce($17, submitted_by)
          where id = $1 and status in ('due', 'draft', 'returned')",
        id,
        people_served,
        activities_held,
        service_hours,
        volunteer_hours,
        personnel,
        activities,
        publicity,
        transport,
        office,
        experts,
        management,
        evaluation,
        input.narrative,
        input.problems,
        status,
        submitted_by
    )
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
    let done = sqlx::query!(
        "update reports set status = $2, review_comment = $3, reviewed_by = $4,
                reviewed_at = now(), updated_at = now()
          where id = $1 and status = 'submitted'",
        id,
        to.as_str(),
        comment,
        by
    )
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
    sqlx::query_scalar!(
        "insert into reports (contract_id, project_id, union_path, org_id, supervisor_id, kind,
                              period_starts_on, period_ends_on, due_on)
         values ($1, $2, $3::text::ltree, $4, $5, 'adhoc', $6, $7, $8) returning id",
        contract_id,
        project_id,
        union_path,
        org_id,
        supervisor_id,
        period.0,
        period.1,
        due_on
    )
    .fetch_one(conn)
    .await
}

#[derive(Clone, Debug)]
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

/// The kept versions of a report, the latest first.
pub async fn versions(conn: &mut PgConnection, report_id: Uuid) -> sqlx::Result<Vec<VersionRow>> {
    sqlx::query_as!(
        VersionRow,
        r#"select version, people_served, activities_held, service_hours, volunteer_hours,
                  personnel_fen + activities_fen + publicity_fen + transport_fen + office_fen
                    + experts_fen + management_fen + evaluation_fen as "spent_fen!",
                  narrative, submitted_at, outcome, review_comment, reviewed_at
             from report_versions where report_id = $1 order by version desc"#,
        report_id
    )
    .fetch_all(conn)
    .await
}

/// What the contract's other reports (submitted or accepted) spent per
/// budget line, and what they delivered: people, activities, service hours.
#[derive(Clone, Copy, Debug, Default)]
pub struct Delivered {
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
    pub budget: BudgetLines,
    pub others: Delivered,
}

/// The [`Ledger`] of a contract, leaving out the report `except` (the one
/// being written); `None` when the contract is not readable. Report periods
/// never overlap, so the sums are what the contract delivered.
pub async fn ledger(
    conn: &mut PgConnection,
    contract_id: Uuid,
    except: Uuid,
) -> sqlx::Result<Option<Ledger>> {
    let row = sqlx::query!(
        r#"select array[a.personnel_fen, a.activities_fen, a.publicity_fen, a.transport_fen,
                        a.office_fen, a.experts_fen, a.management_fen, a.evaluation_fen]
                    as "budget!",
                  d.personnel_fen as "personnel_fen!", d.activities_fen as "activities_fen!",
                  d.publicity_fen as "publicity_fen!", d.transport_fen as "transport_fen!",
                  d.office_fen as "office_fen!", d.experts_fen as "experts_fen!",
                  d.management_fen as "management_fen!", d.evaluation_fen as "evaluation_fen!",
                  d.people_served as "people_served!", d.activities_held as "activities_held!",
                  d.service_hours as "service_hours!"
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
            where c.id = $1"#,
        contract_id,
        except
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| Ledger {
        budget: BudgetLines(std::array::from_fn(|i| {
            row.budget.get(i).copied().unwrap_or_default()
        })),
        others: Delivered {
            spending: BudgetLines([
                row.personnel_fen,
                row.activities_fen,
                row.publicity_fen,
                row.transport_fen,
                row.office_fen,
                row.experts_fen,
                row.management_fen,
                row.evaluation_fen,
            ]),
            people_served: row.people_served,
            activities_held: row.activities_held,
            service_hours: row.service_hours,
        },
    }))
}

/// How many of a project's reports are not in by their date: they count
/// against the project on its page and in its dossier.
pub async fn overdue_of_project(conn: &mut PgConnection, project_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "overdue!" from reports
            where project_id = $1 and status in ('due', 'draft', 'returned') and due_on < current_date"#,
        project_id
    )
    .fetch_one(conn)
    .await
}
