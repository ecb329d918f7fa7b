//! Finding payments (`/payments`): every decision on an installment in the
//! cadre's scope, the latest first, by status, year or date range, and by
//! project code or organization name; shared by the list page and its export.
//! The list reads `payments_province_dated_idx` (or `payments_dated_idx` for
//! the nation): `schema.sql` lists them.

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use crate::db::list::{
    CappedCount, CountQuery, ListScope, Order, Paged, Position, ScopeColumns, stream_rows,
};

crate::text_enum!(pub enum PaymentStatus("payments.status") {
    Paid => "paid",
    Withheld => "withheld",
});

/// How the payment list says the reader's scope: its indexes lead with the
/// province (the path narrows below it).
pub const SCOPE_COLUMNS: ScopeColumns = ScopeColumns {
    province: Some("pm.province"),
    org: Some("pm.org_id"),
    supervisor: Some("pm.supervisor_id"),
    ..ScopeColumns::path("pm.union_path")
};

/// The list's order: the latest date first.
const LATEST_FIRST: [(&str, &str); 2] = [("pm.dated_on", "date"), ("pm.id", "uuid")];

/// What the list is narrowed to, parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub scope: ListScope,
    /// A project code (whole) or a part of an organization's name.
    pub q: Option<String>,
    pub status: Option<PaymentStatus>,
    /// From this date on (a year's first day, or the range's start).
    pub from: Option<NaiveDate>,
    /// Up to this date, included.
    pub to: Option<NaiveDate>,
}

/// One payment of the list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PaymentLine {
    pub id: Uuid,
    pub contract_id: Uuid,
    /// The day the money went out, or the day the installment was withheld.
    pub dated_on: NaiveDate,
    pub project_code: String,
    pub project_title: String,
    pub org_name: String,
    /// Where the reader may see the organization's record.
    pub org_credit_code: Option<String>,
    pub position: i16,
    #[sqlx(try_from = "String")]
    pub status: PaymentStatus,
    pub amount_fen: i64,
    pub reason: Option<String>,
    pub decided_at: DateTime<Utc>,
}

const PAYMENT_SELECT: &str =
    "select pm.id, pm.contract_id, pm.dated_on, p.code as project_code, p.title as project_title,
            organization_public_name(pm.org_id) as org_name, o.credit_code as org_credit_code,
            pm.position, pm.decision as status, pm.amount_fen, pm.reason, pm.decided_at
       from payments pm
       join contracts c on c.id = pm.contract_id
       join projects p on p.id = c.project_id
       left join organizations o on o.id = pm.org_id";

/// Appends the filter's conditions to `q` (which ends in a `where`) on the
/// payments `pm`. The page, the count and the export share it.
fn push_conditions(q: &mut QueryBuilder<Postgres>, filter: &Filter) {
    filter.scope.push(q, &SCOPE_COLUMNS);
    if let Some(status) = filter.status {
        q.push(" and pm.decision = ").push_bind(status.as_str());
    }
    if let Some(from) = filter.from {
        q.push(" and pm.dated_on >= ").push_bind(from);
    }
    if let Some(to) = filter.to {
        q.push(" and pm.dated_on <= ").push_bind(to);
    }
    if let Some(text) = &filter.q {
        // The few payments the text names, found from their own indexes:
        // the organizations named like it (the owner's function, over its
        // trigram index), and the contracts of the project with that code.
        q.push(
            " and pm.id in (select x.id from payments x
                             where x.org_id in (select organizations_named_like(",
        )
        .push_bind(format!("%{}%", crate::web::format::like_escape(text)))
        .push(
            "))
                            union all
                            select x.id from payments x
                              join contracts xc on xc.id = x.contract_id
                              join projects xp on xp.id = xc.project_id
                             where xp.code = ",
        )
        .push_bind(text.to_uppercase())
        .push(")");
    }
}

/// One page of the list.
pub async fn page(
    conn: &mut PgConnection,
    filter: &Filter,
    position: &Position,
) -> sqlx::Result<Paged<PaymentLine>> {
    // The page's ids first, from the list's index alone (it includes what
    // the filter and the policies read), then their rows: joined straight
    // away, the joined tables' policies lead the planner to join and sort
    // the whole scope.
    let mut q = QueryBuilder::new(PAYMENT_SELECT);
    q.push(" where pm.id in (select pm.id from payments pm where true");
    push_conditions(&mut q, filter);
    let order = Order::newest_first(&LATEST_FIRST);
    order.push_page(&mut q, position);
    q.push(")");
    order.push_order(&mut q, position);
    let rows: Vec<PaymentLine> = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| {
        vec![row.dated_on.to_string(), row.id.to_string()]
    }))
}

/// How many payments the filter finds, up to the cap. Unordered, it stops
/// at the cap: a province's or a city's count reads the province's index, the
/// nation's the table until the cap.
pub async fn count(conn: &mut PgConnection, filter: &Filter) -> sqlx::Result<CappedCount> {
    let mut count = CountQuery::new("payments pm");
    push_conditions(count.conditions(), filter);
    count.fetch(conn, None).await
}

/// Every payment the filter finds, in the list's order (the export).
pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    filter: &Filter,
) -> BoxStream<'c, sqlx::Result<PaymentLine>> {
    let mut q = QueryBuilder::new(PAYMENT_SELECT);
    q.push(" where true");
    push_conditions(&mut q, filter);
    Order::newest_first(&LATEST_FIRST).push_order(&mut q, &Position::Start);
    stream_rows(q, conn)
}
