//! Delivery (履约): what follows a signed contract. The organization reports
//! on a schedule, the third-party supervisor and staff check the reports and
//! visit, rectification orders are issued and answered, mid-term and final
//! evaluations are scored, installments are paid or withheld, and the project
//! is closed with its outcomes, which stay on the organization's record. It
//! starts with the contract (`contracts`), signed for an award of a project:
//! delivery reads the projects area, never the other way round.

pub mod closing;
pub mod contracts;
pub mod db;
pub mod dossier;
pub mod evaluations;
pub mod finance;
pub mod overview;
pub mod payments;
pub mod project_panel;
pub mod rectifications;
pub mod reports;
pub mod tasks;
pub mod visits;

use axum::Router;
use uuid::Uuid;

use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::projects::db::{self as projects_db, ProjectRow};
use crate::state::AppState;
use contracts::db::{self as contracts_db, ContractRow};

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(contracts::router())
        .merge(reports::router())
        .merge(visits::router())
        .merge(rectifications::router())
        .merge(evaluations::router())
        .merge(payments::router())
        .merge(closing::router())
        .merge(finance::router())
        .merge(dossier::router())
}

/// One contract's delivery as a page starts from: the contract the user may
/// read (row-level security: the purchaser's scope, the organization, the
/// supervisor) and its project.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub contract: ContractRow,
    pub project: ProjectRow,
}

impl Delivery {
    pub async fn load(tx: &mut Tx, contract_id: Uuid) -> AppResult<Self> {
        let contract = contracts_db::find(tx, contract_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let project = projects_db::find(tx, contract.project_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Self { contract, project })
    }

    /// Whether the user supervises this contract's delivery: a cadre of the
    /// purchasing scope, or the contract's supervisor.
    pub fn may_supervise(&self, user: &CurrentUser) -> bool {
        crate::policy::permits(
            user,
            &crate::policy::Action::Supervise {
                union_path: &self.contract.union_path,
                supervisor_id: self.contract.supervisor_id,
            },
        )
    }

    /// Whether the user delivers this contract: its organization's account.
    pub fn may_deliver(&self, user: &CurrentUser) -> bool {
        crate::policy::permits(
            user,
            &crate::policy::Action::DeliverAs {
                org_id: self.contract.org_id,
            },
        )
    }
}
