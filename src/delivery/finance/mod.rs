//! Money (资金): per project and per union, what was budgeted, contracted,
//! paid (installments), spent (from the organizations' reports) and what is
//! left — in 元 and 万元, integers of fen throughout.

pub mod db;

use askama::Template;
use axum::Router;
use axum::response::Response;
use axum::routing::get;

use self::db::{Money, UnionMoney};
use crate::db::Tx;
use crate::error::AppResult;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::web::{Ctx, render};

pub fn router() -> Router<AppState> {
    Router::new().route("/finance", get(finance_page))
}

#[derive(Template)]
#[template(path = "delivery/finance.html")]
struct FinancePage {
    ctx: Ctx,
    rows: Vec<UnionMoney>,
    total: Money,
    total_projects: i64,
}

impl FinancePage {
    fn headers(&self) -> [&'static str; 5] {
        self.total.columns().map(|(key, _)| key)
    }
}

pub async fn finance_page(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    policy::require(&user, &Action::ListProjects)?;
    let rows = db::by_union(&mut tx, &user.union.path).await?;
    tx.commit().await?;
    let total = rows.iter().fold(Money::default(), |sum, r| Money {
        budget_fen: sum.budget_fen + r.money.budget_fen,
        contracted_fen: sum.contracted_fen + r.money.contracted_fen,
        paid_fen: sum.paid_fen + r.money.paid_fen,
        spent_fen: sum.spent_fen + r.money.spent_fen,
    });
    let total_projects = rows.iter().map(|r| r.projects).sum();
    render(&FinancePage {
        ctx,
        rows,
        total,
        total_projects,
    })
}
