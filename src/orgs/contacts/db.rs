//! The queries of regular contact: an organization's contacts, and the
//! organizations of a scope due for their next one.

use chrono::{DateTime, Local, NaiveDate, Utc};
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use crate::db::list::{ListScope, Order, Paged, Position, stream_rows};
use crate::identity::CurrentUser;
use crate::orgs::db::SCOPE_COLUMNS;
use crate::orgs::kinds::ContactMethod;
use crate::state::AppState;
use crate::web::overdue::Overdue;

/// How far ahead the "due" list looks.
pub const DUE_WITHIN_DAYS: i32 = 14;

#[derive(Clone, Debug)]
pub struct ContactRow {
    pub contacted_on: NaiveDate,
    pub method: ContactMethod,
    pub cadre: String,
    pub summary: String,
    pub issues: Option<String>,
    pub follow_up: Option<String>,
    pub next_due: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    /// The meeting whose attendance wrote the contact, if one did.
    pub meeting_id: Option<Uuid>,
}

/// The latest contacts with an organization (at most `limit`), newest first.
pub async fn latest(
    conn: &mut PgConnection,
    org_id: Uuid,
    limit: i64,
) -> sqlx::Result<Vec<ContactRow>> {
    sqlx::query_as!(
        ContactRow,
        r#"select contacted_on, method as "method: _", cadre, summary, issues, follow_up,
                  next_due, created_at, meeting_id
             from organization_contacts where org_id = $1
            order by contacted_on desc, created_at desc limit $2"#,
        org_id,
        limit
    )
    .fetch_all(conn)
    .await
}

/// A contact as logged.
#[derive(Clone, Debug)]
pub struct NewContact {
    pub contacted_on: NaiveDate,
    pub method: ContactMethod,
    pub cadre: String,
    pub summary: String,
    pub issues: Option<String>,
    pub follow_up: Option<String>,
    pub next_due: Option<NaiveDate>,
}

/// Logs a contact with an organization.
pub async fn insert(
    conn: &mut PgConnection,
    org_id: Uuid,
    contact: &NewContact,
    created_by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into organization_contacts
             (org_id, contacted_on, method, cadre, summary, issues, follow_up, next_due, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        org_id,
        contact.contacted_on,
        contact.method.as_str(),
        contact.cadre,
        contact.summary,
        contact.issues,
        contact.follow_up,
        contact.next_due,
        created_by
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// An organization waiting for contact.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DueRow {
    pub id: Uuid,
    pub name: String,
    pub credit_code: Option<String>,
    pub union_name: String,
    pub last_contacted_on: Option<NaiveDate>,
    pub next_contact_due: NaiveDate,
}

impl DueRow {
    /// How late its contact is, if it is.
    pub fn late(&self) -> Option<Overdue> {
        Overdue::of(self.next_contact_due)
    }

    /// Days since the contact fell due; 0 while it is not overdue.
    pub fn days_overdue(&self) -> i64 {
        (Local::now().date_naive() - self.next_contact_due)
            .num_days()
            .max(0)
    }
}

/// The due list's order: the longest overdue first.
const DUE_ORDER: [(&str, &str); 2] = [("o.next_contact_due", "date"), ("o.id", "uuid")];

/// Appends the due list's query, up to its conditions, to `q`: active
/// organizations of the scope due for contact within 14 days (or overdue).
fn push_due_rows(q: &mut QueryBuilder<Postgres>, scope: &ListScope) {
    q.push(
        "select o.id, o.name, o.credit_code, u.name as union_name, o.last_contacted_on,
                o.next_contact_due
           from organizations o join unions u on u.id = o.union_id
          where o.status = 'active' and o.next_contact_due <= current_date + ",
    );
    q.push_bind(DUE_WITHIN_DAYS);
    scope.push(q, &SCOPE_COLUMNS);
}

/// The order of the due list in `scope`.
fn due_order(prefix: &str) -> Order<'_> {
    Order {
        columns: &DUE_ORDER,
        descending: false,
        prefix,
    }
}

/// One page of the due list.
pub async fn due_page(
    conn: &mut PgConnection,
    scope: &ListScope,
    position: &Position,
) -> sqlx::Result<Paged<DueRow>> {
    let mut q = QueryBuilder::new("");
    push_due_rows(&mut q, scope);
    due_order(&scope.order_prefix(&SCOPE_COLUMNS)).push_page(&mut q, position);
    let rows: Vec<DueRow> = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| {
        vec![row.next_contact_due.to_string(), row.id.to_string()]
    }))
}

/// The whole due list, in its order (the export).
pub fn due_export_rows<'c>(
    conn: &'c mut PgConnection,
    scope: &ListScope,
) -> BoxStream<'c, sqlx::Result<DueRow>> {
    let mut q = QueryBuilder::new("");
    push_due_rows(&mut q, scope);
    due_order(&scope.order_prefix(&SCOPE_COLUMNS)).push_order(&mut q, &Position::Start);
    stream_rows(q, conn)
}

/// The first `n` of the due list (the home page's tasks).
pub async fn due_first(
    conn: &mut PgConnection,
    scope: &ListScope,
    n: i64,
) -> sqlx::Result<Vec<DueRow>> {
    let mut q = QueryBuilder::new("");
    push_due_rows(&mut q, scope);
    due_order(&scope.order_prefix(&SCOPE_COLUMNS)).push_order(&mut q, &Position::Start);
    q.push(" limit ").push_bind(n);
    q.build_query_as().fetch_all(conn).await
}

/// How many active organizations of the scope are overdue, and due soon.
pub async fn due_counts(conn: &mut PgConnection, scope: &ListScope) -> sqlx::Result<(i64, i64)> {
    let mut q = QueryBuilder::<Postgres>::new("");
    push_due_counts(&mut q, scope);
    q.build_query_as().fetch_one(conn).await
}

/// [`due_counts`], kept between writes (see [`crate::orgs::counts`]).
pub async fn cached_due_counts(
    state: &AppState,
    conn: &mut PgConnection,
    user: &CurrentUser,
    scope: &ListScope,
) -> sqlx::Result<(i64, i64)> {
    state
        .caches
        .of::<crate::orgs::counts::RegistryCounts>()
        .due
        .get_or_read(conn, &(&user.union.path, scope), async |conn| {
            due_counts(conn, scope).await
        })
        .await
}

/// Appends the due counts' query to `q`.
fn push_due_counts(q: &mut QueryBuilder<Postgres>, scope: &ListScope) {
    q.push(
        "select count(*) filter (where next_contact_due < current_date),
                count(*) filter (where next_contact_due >= current_date)
           from organizations o
          where status = 'active' and next_contact_due <= current_date + ",
    );
    q.push_bind(DUE_WITHIN_DAYS);
    scope.push(q, &SCOPE_COLUMNS);
}
