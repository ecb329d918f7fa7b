//! The project list's current filter as `.xlsx` or CSV, through the export
//! helper (`sheets::export`): what the list shows, with the project's year,
//! domain and dates, typed.

use axum::extract::Query;
use axum::response::Response;
use chrono::Datelike;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::db::{self, Filter, ProjectRow};
use super::list::ProjectsQuery;
use crate::db::Tx;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};
use crate::web::format::china_time;
use crate::web::money::Fen;

const HEADERS: &[Header] = &[
    Header::new("项目编号"),
    Header::new("项目名称"),
    Header::new("采购工会"),
    Header::new("服务领域"),
    Header::new("状态"),
    Header::new("年度"),
    Header::new("预算（元）"),
    Header::new("申报开始"),
    Header::new("申报截止"),
    Header::new("服务开始"),
    Header::new("服务结束"),
    Header::id("记录编号"),
];

/// A project as one row, in [`HEADERS`] order. Its year is the one its code
/// starts with: the year it was drafted, in China.
fn cells(project: &ProjectRow) -> Vec<Cell> {
    let zh = |key: &str| Cell::from(Lang::Zh.t(key));
    vec![
        project.code.as_str().into(),
        project.title.as_str().into(),
        project.union_name.as_str().into(),
        zh(project.domain.label_key()),
        zh(project.status.label_key()),
        project
            .created_at
            .with_timezone(&china_time())
            .year()
            .into(),
        Fen(project.budget_fen).into(),
        project.apply_opens_on.into(),
        project.apply_closes_on.into(),
        project.service_starts_on.into(),
        project.service_ends_on.into(),
        project.id.to_string().into(),
    ]
}

impl Source for Filter {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::export_rows(conn, self), |row| cells(&row))
    }
}

pub async fn export_projects(
    user: CurrentUser,
    mut tx: Tx,
    request: ExportRequest,
    Query(query): Query<ProjectsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListProjects)?;
    let (filter, union_name) = query.filter(&mut tx, &user).await?;
    let zh = |key: &str| Lang::Zh.t(key).to_owned();
    let label = |key: Option<&'static str>| key.map(zh).unwrap_or_default();
    let described = Export::new("购买服务项目", "projects", HEADERS)
        .filter(zh("projects.search"), filter.q.clone().unwrap_or_default())
        .filter(
            zh("projects.field.status"),
            label(filter.status.map(|s| s.label_key())),
        )
        .filter(
            zh("projects.field.domain"),
            label(filter.domain.map(|d| d.label_key())),
        )
        .filter(
            zh("projects.year.label"),
            filter.year.map(|y| y.to_string()).unwrap_or_default(),
        )
        .filter(zh("projects.field.union"), union_name.unwrap_or_default())
        .filter(
            zh("projects.year.own_only"),
            if filter.own_union.is_some() {
                "是"
            } else {
                ""
            },
        )
        .filter(
            zh("projects.year.funded_only"),
            if filter.funded { "是" } else { "" },
        );
    export::respond(&user, tx, request, described, filter).await
}
