//! The contract list (`/contracts`): the purchasing scope's contracts, an
//! organization's own, or those a supervisor supervises — the latest signed
//! first, with where each project stands.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;

use super::db::{self, ContractLine};
use crate::db::Tx;
use crate::db::list::KeyPart;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::projects::Status;
use crate::web::money::Fen;
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link};
use crate::web::{Ctx, render};

#[derive(Template)]
#[template(path = "contracts/list.html")]
struct ContractsPage {
    ctx: Ctx,
    contracts: Vec<ContractLine>,
    next: Option<String>,
    prev: Option<String>,
}

impl ContractsPage {
    fn yuan(&self, fen: &i64) -> String {
        Fen(*fen).wan_yuan()
    }

    fn project_status(&self, status: &str) -> Option<Status> {
        Status::parse(status)
    }

    fn export_links(&self) -> ExportLinks {
        export_links("/contracts", &PageQuery::default())
    }
}

pub async fn list_contracts(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(page): Query<PageQuery>,
) -> AppResult<Response> {
    let scope = user.list_scope().ok_or(AppError::Forbidden)?;
    let position = page.position(&[KeyPart::Date, KeyPart::Uuid])?;
    let found = db::list(&mut tx, &scope, &position).await?;
    tx.commit().await?;
    let link = |param: &str, cursor: String| {
        page_link("/contracts", &PageQuery::default(), param, &cursor)
    };
    render(&ContractsPage {
        ctx,
        contracts: found.rows,
        next: found.next.map(|c| link("after", c)),
        prev: found.prev.map(|c| link("before", c)),
    })
}
