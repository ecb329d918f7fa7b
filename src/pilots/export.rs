//! The pilot list's current filter as `.xlsx` or CSV, through the export
//! helper (`sheets::export`).

use axum::extract::Query;
use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::db::{self, Filter, PilotRow};
use super::pages::PilotsQuery;
use crate::db::Tx;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};

const HEADERS: &[Header] = &[
    Header::new("试点名称"),
    Header::new("试点工会"),
    Header::new("所在省份"),
    Header::new("状态"),
    Header::new("开始日期"),
    Header::new("计划结束日期"),
    Header::new("工作目标"),
    Header::new("节点总数"),
    Header::new("已完成节点"),
    Header::new("逾期节点"),
    Header::new("例外理由"),
    Header::new("结束日期"),
    Header::new("总结或取消原因"),
    Header::id("试点编号"),
    Header::id("试点工会编号"),
];

fn cells(row: &PilotRow) -> Vec<Cell> {
    vec![
        row.title.as_str().into(),
        row.union_name.as_str().into(),
        row.province_name.clone().into(),
        Lang::Zh.t(row.status.label_key()).into(),
        row.starts_on.into(),
        row.planned_end_on.into(),
        row.goals.as_str().into(),
        row.milestones.into(),
        row.milestones_done.into(),
        row.milestones_overdue.into(),
        row.exception_reason.clone().into(),
        row.ended_on.into(),
        row.summary.clone().into(),
        row.id.to_string().into(),
        row.union_id.into(),
    ]
}

impl Source for Filter {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::export_rows(conn, self), |row| cells(&row))
    }
}

pub async fn export_pilots(
    user: CurrentUser,
    mut tx: Tx,
    request: ExportRequest,
    Query(query): Query<PilotsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListPilots)?;
    let filter = query.filter(&user.union.path)?;
    let province = match &filter.province {
        Some(path) => db::provinces(&mut tx)
            .await?
            .into_iter()
            .find(|(p, _)| p == path)
            .map(|(_, name)| name),
        None => None,
    };
    let zh = |key: &str| Lang::Zh.t(key).to_owned();
    let described = Export::new("试点", "pilots", HEADERS)
        .filter(zh("pilots.search"), filter.q.clone().unwrap_or_default())
        .filter(zh("pilots.province"), province.unwrap_or_default())
        .filter(
            zh("pilots.field.status"),
            filter.status.map(|s| zh(s.label_key())).unwrap_or_default(),
        );
    export::respond(&user, tx, request, described, filter).await
}
