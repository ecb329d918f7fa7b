//! The union money table of `/finance` (the same union and year) as `.xlsx`
//! or CSV: one row per union with its project count and amounts in 元, and
//! the total.

use axum::extract::Query;
use axum::response::Response;

use super::FinanceQuery;
use super::db::{Money, UnionMoney};
use crate::db::Tx;
use crate::error::AppResult;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Fetched, Header};
use crate::web::money::Fen;

const HEADERS: &[Header] = &[
    Header::new("工会"),
    Header::new("项目数"),
    Header::new("预算（元）"),
    Header::new("合同金额（元）"),
    Header::new("已拨付（元）"),
    Header::new("已支出（元）"),
    Header::new("结余（元）"),
];

fn cells(name: String, projects: i64, money: &Money) -> Vec<Cell> {
    let mut row = vec![Cell::from(name), Cell::Integer(projects)];
    row.extend(money.fen().into_iter().map(|fen| Cell::Money(Fen(fen))));
    row
}

fn table(rows: &[UnionMoney]) -> Vec<Vec<Cell>> {
    let total = rows
        .iter()
        .fold(Money::default(), |sum, r| sum.plus(&r.money));
    let projects = rows.iter().map(|r| r.projects).sum();
    rows.iter()
        .map(|r| {
            let name = if r.own {
                format!("{}（本级）", r.name)
            } else {
                r.name.clone()
            };
            cells(name, r.projects, &r.money)
        })
        .chain(std::iter::once(cells("合计".to_owned(), projects, &total)))
        .collect()
}

pub async fn export(
    user: CurrentUser,
    mut tx: Tx,
    request: ExportRequest,
    Query(query): Query<FinanceQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListProjects)?;
    let (union_id, path, year) = query.resolve(&mut tx, &user).await?;
    let rows = super::db::by_union(&mut tx, union_id, &path, year).await?;
    let union = rows
        .iter()
        .find(|r| r.own)
        .map(|r| r.name.clone())
        .unwrap_or_default();
    let described = Export::new("项目资金", "finance", HEADERS)
        .filter("年度", year.to_string())
        .filter("工会", union);
    export::respond(&user, tx, request, described, Fetched(table(&rows))).await
}
