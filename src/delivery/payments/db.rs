//! The queries of payments: the decisions on a contract's installments, and
//! the writes that pay or withhold one — once per installment, never beyond
//! the contract amount (the database's constraints decide both).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::delivery::contracts::db::ContractRow;

#[derive(Clone, Debug)]
pub struct PaymentRow {
    pub id: Uuid,
    pub position: i16,
    pub decision: String,
    pub amount_fen: i64,
    pub paid_on: Option<NaiveDate>,
    pub voucher_file_id: Option<Uuid>,
    pub reason: Option<String>,
    pub decided_at: DateTime<Utc>,
}

/// The decisions on a contract's installments, in installment order.
pub async fn of_contract(
    conn: &mut PgConnection,
    contract_id: Uuid,
) -> sqlx::Result<Vec<PaymentRow>> {
    sqlx::query_as!(
        PaymentRow,
        "select id, position, decision, amount_fen, paid_on, voucher_file_id, reason, decided_at
           from payments where contract_id = $1 order by position",
        contract_id
    )
    .fetch_all(conn)
    .await
}

/// An installment paid, as written.
#[derive(Debug)]
pub struct NewPayment {
    pub id: Uuid,
    pub position: i16,
    pub amount_fen: i64,
    pub paid_on: NaiveDate,
    pub voucher_file_id: Uuid,
    pub decided_by: Uuid,
}

/// What became of a payment written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paid {
    Paid,
    /// The installment had its decision already (a concurrent click).
    DecidedAlready,
    /// It would take the payments beyond the contract amount.
    OverContract,
}

/// Pays an installment of the contract `c`.
pub async fn pay(
    conn: &mut PgConnection,
    c: &ContractRow,
    payment: &NewPayment,
) -> sqlx::Result<Paid> {
    let done = sqlx::query!(
        "insert into payments (id, contract_id, union_path, org_id, supervisor_id, position,
                               decision, amount_fen, paid_on, voucher_file_id, decided_by)
         values ($1, $2, $3::text::ltree, $4, $5, $6, 'paid', $7, $8, $9, $10)
         on conflict (contract_id, position) do nothing",
        payment.id,
        c.id,
        c.union_path,
        c.org_id,
        c.supervisor_id,
        payment.position,
        payment.amount_fen,
        payment.paid_on,
        payment.voucher_file_id,
        payment.decided_by
    )
    .execute(conn)
    .await;
    match done {
        Ok(done) if done.rows_affected() == 1 => Ok(Paid::Paid),
        Ok(_) => Ok(Paid::DecidedAlready),
        Err(sqlx::Error::Database(e)) if e.constraint() == Some("payments_within_contract") => {
            Ok(Paid::OverContract)
        }
        Err(e) => Err(e),
    }
}

/// Withholds an installment of the contract `c` with a reason; `false` when
/// it had its decision already.
pub async fn withhold(
    conn: &mut PgConnection,
    c: &ContractRow,
    position: i16,
    reason: &str,
    decided_by: Uuid,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "insert into payments (contract_id, union_path, org_id, supervisor_id, position,
                               decision, reason, decided_by)
         values ($1, $2::text::ltree, $3, $4, $5, 'withheld', $6, $7)
         on conflict (contract_id, position) do nothing",
        c.id,
        c.union_path,
        c.org_id,
        c.supervisor_id,
        position,
        reason,
        decided_by
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
