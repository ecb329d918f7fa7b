//! The queries of rectification orders and their events.

use crate::db::list::ScopeColumns;
use crate::web::overdue::Overdue;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// How a list of rectification orders says the reader's scope (alias `r`).
pub const SCOPE_COLUMNS: ScopeColumns = ScopeColumns {
    org: Some("r.org_id"),
    supervisor: Some("r.supervisor_id"),
    ..ScopeColumns::path("r.union_path")
};

crate::text_enum!(pub enum RectificationStatus("rectifications.status") {
    Open => "open",
    Answered => "answered",
    Closed => "closed",
});

#[derive(Clone, Debug)]
pub struct RectificationRow {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub project_id: Uuid,
    pub union_id: i64,
    pub union_path: String,
    pub org_id: Uuid,
    pub supervisor_id: Uuid,
    pub problem: String,
    pub requirement: String,
    pub deadline: NaiveDate,
    pub status: RectificationStatus,
    pub answer: Option<String>,
    pub issued_by: Uuid,
    pub issued_at: DateTime<Utc>,
    pub overdue: bool,
}

impl RectificationRow {
    /// How late the organization's answer is, while the order is open past
    /// its deadline.
    pub fn late(&self) -> Option<Overdue> {
        self.overdue.then(|| Overdue::known(self.deadline))
    }
}

/// The order `id`, if the reader may see it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<RectificationRow>> {
    sqlx::query_as!(
        RectificationRow,
        r#"select r.id, r.contract_id, r.project_id, p.union_id, r.union_path::text as "union_path!",
                  r.org_id, r.supervisor_id,
                  r.problem, r.requirement, r.deadline, r.status as "status: _", r.answer, r.issued_by, r.issued_at,
                  (r.status = 'open' and r.deadline < current_date) as "overdue!"
             from rectifications r join projects p on p.id = r.project_id
            where r.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// A contract's orders, the latest issued first.
pub async fn of_contract(
    conn: &mut PgConnection,
    contract_id: Uuid,
) -> sqlx::Result<Vec<RectificationRow>> {
    sqlx::query_as!(
        RectificationRow,
        r#"select r.id, r.contract_id, r.project_id, p.union_id, r.union_path::text as "union_path!",
                  r.org_id, r.supervisor_id,
                  r.problem, r.requirement, r.deadline, r.status as "status: _", r.answer, r.issued_by, r.issued_at,
                  (r.status = 'open' and r.deadline < current_date) as "overdue!"
             from rectifications r join projects p on p.id = r.project_id
            where r.contract_id = $1 order by r.issued_at desc"#,
        contract_id
    )
    .fetch_all(conn)
    .await
}

/// Whether the contract has an order not yet closed (it blocks payments).
pub async fn any_open(conn: &mut PgConnection, contract_id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from rectifications where contract_id = $1 and status <> 'closed')
                  as "any_open!""#,
        contract_id
    )
    .fetch_one(conn)
    .await
}

#[derive(Debug)]
pub struct NewOrder<'a> {
    pub problem: &'a str,
    pub requirement: &'a str,
    pub deadline: NaiveDate,
}

/// Issues an order on a contract (id, project, path, organization,
/// supervisor); its id.
pub async fn issue(
    conn: &mut PgConnection,
    contract: (Uuid, Uuid, &str, Uuid, Uuid),
    order: &NewOrder<'_>,
    by: Uuid,
) -> sqlx::Result<Uuid> {
    let (contract_id, project_id, union_path, org_id, supervisor_id) = contract;
    sqlx::query_scalar!(
        "insert into rectifications (contract_id, project_id, union_path, org_id, supervisor_id,
                                     problem, requirement, deadline, issued_by)
         values ($1, $2, $3::text::ltree, $4, $5, $6, $7, $8, $9) returning id",
        contract_id,
        project_id,
        union_path,
        org_id,
        supervisor_id,
        order.problem,
        order.requirement,
        order.deadline,
        by
    )
    .fetch_one(conn)
    .await
}

/// Moves an order from `from` to `to` (setting the answer when given);
/// `false` when it was not in `from` any more.
pub async fn move_status(
    conn: &mut PgConnection,
    id: Uuid,
    from: &str,
    to: &str,
    answer: Option<&str>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update rectifications
            set status = $3, answer = coalesce($4, answer),
                closed_at = case when $3 = 'closed' then now() end
          where id = $1 and status = $2",
        id,
        from,
        to,
        answer
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Clone, Debug)]
pub struct EventRow {
    pub kind: String,
    pub body: Option<String>,
    pub actor_name: String,
    pub at: DateTime<Utc>,
}

/// The history of an order, oldest first.
pub async fn events(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as!(
        EventRow,
        "select kind, body, actor_name, at from rectification_events
          where rectification_id = $1 order by at, id",
        id
    )
    .fetch_all(conn)
    .await
}

/// Adds an event to an order's history.
pub async fn record(
    conn: &mut PgConnection,
    order: &RectificationRow,
    kind: &str,
    body: Option<&str>,
    actor: (Uuid, &str),
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into rectification_events (rectification_id, union_path, org_id, supervisor_id,
                                           kind, body, actor_id, actor_name)
         values ($1, $2::text::ltree, $3, $4, $5, $6, $7, $8)",
        order.id,
        order.union_path,
        order.org_id,
        order.supervisor_id,
        kind,
        body,
        actor.0,
        actor.1
    )
    .execute(conn)
    .await?;
    Ok(())
}
