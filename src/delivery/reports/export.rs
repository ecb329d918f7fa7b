//! The report list as `.xlsx` or CSV, through the export helper
//! (`sheets::export`): the tab the reader is on (waiting, overdue, all), in
//! their scope, the latest due date first; periods and due dates as dates,
//! what was delivered as numbers, what was spent as money.

use axum::extract::Query;
use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::db::{self, ReportRow, Show};
use super::list::ReportsQuery;
use crate::db::Tx;
use crate::db::list::ListScope;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};
use crate::web::money::Fen;

const HEADERS: [Header; 19] = [
    Header::id("报告记录编号"),
    Header::id("合同记录编号"),
    Header::new("项目编号"),
    Header::new("项目名称"),
    Header::new("承接组织"),
    Header::new("报告类型"),
    Header::new("报告期开始"),
    Header::new("报告期结束"),
    Header::new("应交日期"),
    Header::new("状态"),
    Header::new("逾期"),
    Header::new("服务人次"),
    Header::new("活动场次"),
    Header::new("服务时长（小时）"),
    Header::new("志愿服务时长（小时）"),
    Header::new("支出合计（元）"),
    Header::new("提交时间"),
    Header::new("审核时间"),
    Header::new("审核意见"),
];

fn cells(row: ReportRow) -> Vec<Cell> {
    let zh = |key: &'static str| Cell::from(Lang::Zh.t(key));
    vec![
        Cell::Text(row.id.to_string()),
        Cell::Text(row.contract_id.to_string()),
        row.project_code.clone().into(),
        row.project_title.clone().into(),
        row.org_name.clone().into(),
        zh(row.kind.label_key()),
        row.period_starts_on.into(),
        row.period_ends_on.into(),
        row.due_on.into(),
        zh(row.status.label_key()),
        if row.overdue {
            "是".into()
        } else {
            Cell::Empty
        },
        row.people_served.into(),
        row.activities_held.into(),
        row.service_hours.into(),
        row.volunteer_hours.into(),
        Fen(row.spent_fen()).into(),
        row.submitted_at.into(),
        row.reviewed_at.into(),
        row.review_comment.into(),
    ]
}

/// The reports the list shows: the reader's scope, one tab.
struct Reports {
    scope: ListScope,
    show: Show,
}

impl Source for Reports {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::export_rows(conn, &self.scope, self.show), cells)
    }
}

pub async fn export(
    user: CurrentUser,
    tx: Tx,
    request: ExportRequest,
    Query(query): Query<ReportsQuery>,
) -> AppResult<Response> {
    let scope = user.list_scope().ok_or(AppError::Forbidden)?;
    let (show, name) = query.show(&user)?;
    let described = Export::new("进度报告", "reports", &HEADERS).filter(
        Lang::Zh.t("reports.show_label"),
        Lang::Zh.t(&format!("reports.show.{name}")),
    );
    export::respond(&user, tx, request, described, Reports { scope, show }).await
}
