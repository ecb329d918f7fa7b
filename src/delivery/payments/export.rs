//! The payment list as `.xlsx` or CSV, through the export helper
//! (`sheets::export`): the page's current filter, in the cadre's scope, the
//! latest first; dates as dates, amounts as money.

use axum::extract::Query;
use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::list::PaymentsQuery;
use super::search::{self, Filter, PaymentLine};
use crate::db::Tx;
use crate::db::list::ListScope;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};
use crate::web::money::Fen;

const HEADERS: [Header; 12] = [
    Header::id("拨付记录编号"),
    Header::id("合同记录编号"),
    Header::new("日期"),
    Header::new("项目编号"),
    Header::new("项目名称"),
    Header::new("承接组织"),
    Header::new("统一社会信用代码"),
    Header::new("期次"),
    Header::new("状态"),
    Header::new("拨付金额（元）"),
    Header::new("暂缓理由"),
    Header::new("办理时间"),
];

fn cells(row: PaymentLine) -> Vec<Cell> {
    vec![
        Cell::Text(row.id.to_string()),
        Cell::Text(row.contract_id.to_string()),
        row.dated_on.into(),
        row.project_code.into(),
        row.project_title.into(),
        row.org_name.into(),
        row.org_credit_code.into(),
        i64::from(row.position).into(),
        Lang::Zh.t(row.status.label_key()).into(),
        Fen(row.amount_fen).into(),
        row.reason.into(),
        row.decided_at.into(),
    ]
}

/// The payments a filter finds.
struct Payments(Filter);

impl Source for Payments {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(search::export_rows(conn, &self.0), cells)
    }
}

pub async fn export(
    user: CurrentUser,
    tx: Tx,
    request: ExportRequest,
    Query(query): Query<PaymentsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListProjects)?;
    let filter = query.filter(ListScope::of_path(&user.union.path))?;
    let zh = |key: &str| Lang::Zh.t(key).to_owned();
    let day = |date: Option<chrono::NaiveDate>| date.map(|d| d.to_string()).unwrap_or_default();
    let described = Export::new("拨付记录", "payments", &HEADERS)
        .filter(
            zh("payments.list.search"),
            filter.q.clone().unwrap_or_default(),
        )
        .filter(
            zh("payments.list.status"),
            filter.status.map(|s| zh(s.label_key())).unwrap_or_default(),
        )
        .filter(zh("payments.list.from"), day(filter.from))
        .filter(zh("payments.list.to"), day(filter.to));
    export::respond(&user, tx, request, described, Payments(filter)).await
}
