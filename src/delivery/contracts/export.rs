//! The contract list as `.xlsx` or CSV, through the export helper
//! (`sheets::export`): the reader's contracts, the latest signed first, with
//! money as money and dates as dates.

use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::db::{self, ContractExportRow};
use crate::db::Tx;
use crate::db::list::ListScope;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::projects::Status;
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};
use crate::web::money::Fen;

const HEADERS: [Header; 11] = [
    Header::id("合同记录编号"),
    Header::new("项目编号"),
    Header::new("项目名称"),
    Header::new("项目状态"),
    Header::new("承接组织"),
    Header::new("统一社会信用代码"),
    Header::new("合同金额（元）"),
    Header::new("已拨付（元）"),
    Header::new("服务开始日期"),
    Header::new("服务结束日期"),
    Header::new("签订日期"),
];

fn cells(row: ContractExportRow) -> Vec<Cell> {
    let status = Status::parse(&row.project_status).map_or("", |s| Lang::Zh.t(s.label_key()));
    vec![
        Cell::Text(row.id.to_string()),
        row.project_code.into(),
        row.project_title.into(),
        status.into(),
        row.org_name.into(),
        row.org_credit_code.into(),
        Fen(row.amount_fen).into(),
        Fen(row.paid_fen).into(),
        row.service_starts_on.into(),
        row.service_ends_on.into(),
        row.signed_on.into(),
    ]
}

/// The contracts the list shows: the reader's scope.
struct Contracts(ListScope);

impl Source for Contracts {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::export_rows(conn, &self.0), cells)
    }
}

pub async fn export(user: CurrentUser, tx: Tx, request: ExportRequest) -> AppResult<Response> {
    let scope = user.list_scope().ok_or(AppError::Forbidden)?;
    let described = Export::new("合同", "contracts", &HEADERS);
    export::respond(&user, tx, request, described, Contracts(scope)).await
}
