//! Delivery's part of a project's page, drawn there through `web::panels`:
//! the contracts and the awards still waiting for one, the money, the reports
//! overdue, the closing record, and the buttons to close the project and take
//! its dossier.

use askama::Template;
use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::closing::db::{self as closing_db, ClosingRow};
use super::contracts::db::{self as contracts_db, ContractRow};
use super::finance::db::{self as finance_db, Money};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::projects::Status;
use crate::projects::applications::db::{self as applications_db, AppStatus, ApplicationRow};
use crate::projects::db::{self as projects_db, ProjectRow};
use crate::web::Ctx;
use crate::web::money::Fen;
use crate::web::panels::Panel;

#[derive(Template)]
#[template(path = "delivery/project_actions.html")]
struct Actions<'a> {
    ctx: &'a Ctx,
    project: &'a ProjectRow,
    may_close: bool,
    delivered: bool,
}

#[derive(Template)]
#[template(path = "delivery/project_panel.html")]
struct Sections<'a> {
    ctx: &'a Ctx,
    project: &'a ProjectRow,
    may_edit: bool,
    contracts: Vec<ContractRow>,
    awaiting_contract: Vec<ApplicationRow>,
    /// From the contract on: budget, contracted, paid, spent, remaining.
    money: Option<Money>,
    /// Reports not in by their date (they count against the project).
    overdue_reports: i64,
    closing: Option<ClosingRow>,
}

impl Sections<'_> {
    fn yuan(&self, fen: &i64) -> String {
        Fen(*fen).to_string()
    }
}

/// The panel of project `id` for `user` (a [`crate::web::panels::Drawer`]).
pub fn draw<'a>(
    tx: &'a mut Tx,
    ctx: &'a Ctx,
    user: &'a CurrentUser,
    id: Uuid,
) -> BoxFuture<'a, AppResult<Panel>> {
    Box::pin(panel(tx, ctx, user, id))
}

async fn panel(tx: &mut Tx, ctx: &Ctx, user: &CurrentUser, id: Uuid) -> AppResult<Panel> {
    let project = projects_db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    if project.status < Status::Awarded {
        return Ok(Panel::default());
    }
    let contracts = contracts_db::of_project(tx, project.id).await?;
    let awaiting_contract = applications_db::of_project(tx, project.id)
        .await?
        .into_iter()
        .filter(|a| {
            a.status == AppStatus::Awarded && !contracts.iter().any(|c| c.application_id == a.id)
        })
        .collect();
    let delivered = project.status >= Status::Contracted && project.status != Status::Cancelled;
    let (money, overdue_reports) = if delivered {
        (
            Some(finance_db::of_project(tx, project.id).await?),
            super::reports::db::overdue_of_project(tx, project.id).await?,
        )
    } else {
        (None, 0)
    };
    let closing = if project.status == Status::Closed {
        closing_db::of_project(tx, project.id).await?
    } else {
        None
    };
    let may_close = project.status == Status::FinalEvaluation
        && policy::permits(
            user,
            &Action::Disburse {
                union_path: &project.union_path,
            },
        );
    let may_edit = policy::permits(
        user,
        &Action::EditProject {
            union_path: &project.union_path,
        },
    );
    let actions = Actions {
        ctx,
        project: &project,
        may_close,
        delivered,
    }
    .render()?;
    let body = Sections {
        ctx,
        project: &project,
        may_edit,
        contracts,
        awaiting_contract,
        money,
        overdue_reports,
        closing,
    }
    .render()?;
    Ok(Panel { actions, body })
}
