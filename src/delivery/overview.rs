//! The delivery of one contract at a glance, shown on the contract page: the
//! report schedule, site visits, rectification orders, evaluations and the
//! installments with their payments — and what the user may do next.

use super::Delivery;
use super::evaluations::db::{self as evaluations_db, EvaluationRow};
use super::finance::db::{self as finance_db, Money};
use super::payments;
use super::payments::db::{self as payments_db, PaymentRow};
use super::rectifications::db::{self as rectifications_db, RectificationRow};
use super::reports::db::{self as reports_db, ReportRow};
use super::visits::db::{self as visits_db, VisitRow};
use crate::db::Tx;
use crate::delivery::contracts::db::InstallmentRow;
use crate::error::AppResult;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::web::format::two_decimals;
use crate::web::money::Fen;

#[derive(Clone, Debug)]
pub struct Overview {
    pub reports: Vec<ReportRow>,
    pub visits: Vec<VisitRow>,
    pub rectifications: Vec<RectificationRow>,
    pub evaluations: Vec<EvaluationRow>,
    /// Per installment: position, percent, condition, amount (元), and the
    /// decision if any.
    pub installments: Vec<(i16, i16, String, String, Option<PaymentRow>)>,
    pub money: Money,
    /// Staff of the scope or the supervisor: visits, orders, report decisions.
    pub may_supervise: bool,
    /// The organization: ad-hoc reports, answers.
    pub may_deliver: bool,
    /// An admin of the scope: payments.
    pub may_disburse: bool,
}

impl Overview {
    pub async fn load(
        tx: &mut Tx,
        user: &CurrentUser,
        delivery: &Delivery,
        installments: &[InstallmentRow],
    ) -> AppResult<Self> {
        let c = &delivery.contract;
        let may_supervise = delivery.may_supervise(user);
        let reports = reports_db::of_contract(tx, c.id).await?;
        let visits = if may_supervise || user.role.works_in_scope() {
            visits_db::of_contract(tx, c.id).await?
        } else {
            Vec::new()
        };
        let rectifications = rectifications_db::of_contract(tx, c.id).await?;
        let evaluations = evaluations_db::of_contract(tx, c.id).await?;
        let paid = payments_db::of_contract(tx, c.id).await?;
        let shares = payments::shares(c.amount_fen, installments);
        let installments = installments
            .iter()
            .zip(shares)
            .map(|(row, (_, share))| {
                (
                    row.position,
                    row.percent,
                    row.condition.clone(),
                    Fen(share).to_string(),
                    paid.iter().find(|p| p.position == row.position).cloned(),
                )
            })
            .collect();
        let money = finance_db::of_contract(tx, c.id).await?;
        Ok(Self {
            reports,
            visits,
            rectifications,
            evaluations,
            installments,
            money,
            may_supervise,
            may_deliver: delivery.may_deliver(user),
            may_disburse: policy::permits(
                user,
                &Action::Disburse {
                    union_path: &c.union_path,
                },
            ),
        })
    }

    pub fn yuan(&self, fen: &i64) -> String {
        Fen(*fen).to_string()
    }

    /// What a report spent, in 元.
    pub fn spent(&self, report: &ReportRow) -> String {
        Fen(report.spent_fen()).to_string()
    }

    pub fn score(&self, hundredths: &Option<i32>) -> String {
        hundredths
            .map(|h| two_decimals(i64::from(h)))
            .unwrap_or_default()
    }

    /// How many of the contract's reports are overdue.
    pub fn overdue(&self) -> usize {
        self.reports.iter().filter(|r| r.overdue).count()
    }
}
