//! Money (资金): per project and per union, what was budgeted, contracted,
//! paid (installments), spent (from the organizations' reports) and what is
//! left — in 元 and 万元, integers of fen throughout. The union page
//! (`/finance`) shows a year's funded projects (`projects::year`,
//! `Status::FUNDED`) of a union in the reader's scope, by child union, and
//! drills down into a child's children.

pub mod db;
mod export;
mod page;

use axum::Router;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use self::page::FinancePage;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::projects::year;
use crate::state::AppState;
use crate::web::{Ctx, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/finance", get(finance_page))
        .route("/finance/export.xlsx", get(export::export))
        .route("/finance/export.csv", get(export::export))
}

/// The page's query string: the union shown (the reader's when empty) and the
/// year (this year when empty).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct FinanceQuery {
    pub union: String,
    pub year: String,
}

impl FinanceQuery {
    /// The union shown (id, path) and the year; a union outside the scope is
    /// not found (row-level security on unions).
    async fn resolve(&self, tx: &mut Tx, user: &CurrentUser) -> AppResult<(i64, String, i32)> {
        let (union_id, path) = match self.union.trim() {
            "" => (user.union.id, user.union.path.clone()),
            id => {
                let id = id
                    .parse()
                    .map_err(|_| AppError::BadRequest("bad union".into()))?;
                let union = crate::unions::db::find(tx, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                (union.id, union.path)
            }
        };
        let year = year::parse(&self.year)?.unwrap_or_else(year::this_year);
        Ok((union_id, path, year))
    }
}

pub async fn finance_page(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<FinanceQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListProjects)?;
    let (union_id, path, shown_year) = query.resolve(&mut tx, &user).await?;
    let rows = db::by_union(&mut tx, union_id, &path, shown_year).await?;
    let trail = db::trail(&mut tx, &user.union.path, &path).await?;
    let first_year = crate::projects::db::first_year(&mut tx, &user.union.path).await?;
    tx.commit().await?;
    render(&FinancePage::new(
        ctx,
        rows,
        trail,
        shown_year,
        year::choices(first_year, Some(shown_year)),
    ))
}
