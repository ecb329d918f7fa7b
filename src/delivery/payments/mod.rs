//! Payments (资金拨付): an admin of the purchasing scope releases each
//! installment once its condition is met — on signing; after a passed mid-term
//! evaluation; after a passed final evaluation — with amount, date and voucher,
//! or withholds it with a reason when the evaluation it waits for failed. Never
//! twice (one decision per installment, concurrent clicks included), never
//! beyond the contract amount, never while a rectification order is open.
//! The payment list (`/payments`) shows the scope's decisions, and exports them.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use self::db::PaymentRow;
use super::evaluations::EvalKind;
use super::evaluations::db as evaluations_db;
use super::{Delivery, rectifications};
use crate::db::Tx;
use crate::delivery::contracts::db::InstallmentRow;
use crate::delivery::contracts::forms::Condition;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::input::UPLOAD_BODY_BYTES;

pub mod db;
mod export;
mod list;
mod pages;
pub mod search;

pub const OWNER_KIND: &str = "payment";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/contracts/{id}/payments",
            get(pages::payment_form)
                .post(pages::pay)
                .layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
        .route("/contracts/{id}/withhold", post(pages::withhold))
        .route("/payments", get(list::list_payments))
        .route("/payments/export.csv", get(export::export))
        .route("/payments/export.xlsx", get(export::export))
}

/// Each installment's amount: its percent of the contract, in fen, the last
/// one taking the remainder so that they add up exactly.
pub fn shares(amount_fen: i64, installments: &[InstallmentRow]) -> Vec<(i16, i64)> {
    let mut given = 0;
    installments
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let share = if i + 1 == installments.len() {
                amount_fen - given
            } else {
                amount_fen * i64::from(row.percent) / 100
            };
            given += share;
            (row.position, share)
        })
        .collect()
}

/// Why an installment cannot be paid now, if it cannot: the message key.
/// `Err` carries whether it may be withheld instead (its evaluation failed).
pub async fn blocker(
    tx: &mut Tx,
    delivery: &Delivery,
    installments: &[InstallmentRow],
    paid: &[PaymentRow],
    position: i16,
) -> AppResult<Option<(&'static str, bool)>> {
    let Some(row) = installments.iter().find(|i| i.position == position) else {
        return Err(AppError::NotFound);
    };
    if paid.iter().any(|p| p.position == position) {
        return Ok(Some(("payments.decided_already", false)));
    }
    if installments
        .iter()
        .any(|i| i.position < position && !paid.iter().any(|p| p.position == i.position))
    {
        return Ok(Some(("payments.earlier_first", false)));
    }
    let evaluations = evaluations_db::of_contract(tx, delivery.contract.id).await?;
    let evaluation = |kind: EvalKind| evaluations.iter().find(|e| e.kind == kind && e.is_final());
    let waiting = match Condition::parse(&row.condition) {
        Some(Condition::OnSigning) | None => None,
        Some(Condition::AfterMidterm) => match evaluation(EvalKind::Midterm) {
            None => Some(("payments.needs_midterm", false)),
            Some(e)
                if e.failed()
                    && evaluations_db::midterm_failed_unrectified(tx, delivery.contract.id)
                        .await? =>
            {
                Some(("payments.midterm_failed", true))
            }
            Some(_) => None,
        },
        Some(Condition::AfterFinal) => match evaluation(EvalKind::Final) {
            None => Some(("payments.needs_final", false)),
            Some(e) if e.failed() => Some(("payments.final_failed", true)),
            Some(_) => None,
        },
    };
    if waiting.is_some() {
        return Ok(waiting);
    }
    if rectifications::db::any_open(tx, delivery.contract.id).await? {
        return Ok(Some(("payments.rectification_open", false)));
    }
    Ok(None)
}
