//! The queries of site visits.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::delivery::contracts::db::ContractRow;

#[derive(Clone, Debug)]
pub struct VisitRow {
    pub id: Uuid,
    pub visited_on: NaiveDate,
    pub findings: String,
    pub created_by_name: String,
    pub created_at: DateTime<Utc>,
}

/// A contract's visits, the latest first.
pub async fn of_contract(
    conn: &mut PgConnection,
    contract_id: Uuid,
) -> sqlx::Result<Vec<VisitRow>> {
    sqlx::query_as!(
        VisitRow,
        "select id, visited_on, findings, created_by_name, created_at from site_visits
          where contract_id = $1 order by visited_on desc, created_at desc",
        contract_id
    )
    .fetch_all(conn)
    .await
}

/// Records a visit to the contract `c` by `by` (id, display name); its id.
pub async fn insert(
    conn: &mut PgConnection,
    c: &ContractRow,
    visited_on: NaiveDate,
    findings: &str,
    by: (Uuid, &str),
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into site_visits (contract_id, union_path, org_id, supervisor_id, visited_on,
                                  findings, created_by, created_by_name)
         values ($1, $2::text::ltree, $3, $4, $5, $6, $7, $8) returning id",
        c.id,
        c.union_path,
        c.org_id,
        c.supervisor_id,
        visited_on,
        findings,
        by.0,
        by.1
    )
    .fetch_one(conn)
    .await
}
