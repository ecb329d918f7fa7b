//! The site list's current filter as `.xlsx` or CSV, through the export
//! helper (`sheets::export`).

use axum::extract::Query;
use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::db::{self, Filter, SiteRow};
use super::pages::{SitesQuery, union_of_scope};
use crate::db::Tx;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::orgs::kinds::Domain;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};

const HEADERS: &[Header] = &[
    Header::new("阵地名称"),
    Header::new("类型"),
    Header::new("所属工会"),
    Header::new("工会层级"),
    Header::new("地址"),
    Header::new("行政区划代码"),
    Header::new("行政区划"),
    Header::new("纬度"),
    Header::new("经度"),
    Header::new("坐标系"),
    Header::new("开放时间"),
    Header::new("服务内容"),
    Header::new("运营组织"),
    Header::new("启用日期"),
    Header::new("关闭日期"),
    Header::new("联系人"),
    Header::new("联系电话"),
    Header::id("阵地编号"),
    Header::id("所属工会编号"),
];

fn zh(key: &str) -> &str {
    Lang::Zh.t(key)
}

fn cells(row: &SiteRow) -> Vec<Cell> {
    let services: Vec<&str> = row
        .services
        .iter()
        .filter_map(|s| Domain::parse(s))
        .map(|d| zh(d.label_key()))
        .collect();
    vec![
        row.name.as_str().into(),
        zh(row.kind.label_key()).into(),
        row.union_name.as_str().into(),
        zh(row.union_level.label_key()).into(),
        row.address.as_str().into(),
        row.division_code.as_str().into(),
        row.division_name().into(),
        row.latitude.map(|v| format!("{v:.6}")).into(),
        row.longitude.map(|v| format!("{v:.6}")).into(),
        row.datum
            .map(|d| zh(d.label_key()))
            .unwrap_or_default()
            .into(),
        row.opening_hours.clone().into(),
        services.join("、").into(),
        row.operator_name.clone().into(),
        row.opened_on.into(),
        row.closed_on.into(),
        row.contact_name.clone().into(),
        row.contact_phone.clone().into(),
        row.id.to_string().into(),
        row.union_id.into(),
    ]
}

impl Source for Filter {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::export_rows(conn, self), |row| cells(&row))
    }
}

pub async fn export_sites(
    user: CurrentUser,
    mut tx: Tx,
    request: ExportRequest,
    Query(query): Query<SitesQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListSites)?;
    let union = union_of_scope(&mut tx, &user, &query.union).await?;
    let filter = query.filter(&union)?;
    let label = |key: Option<&'static str>| key.map(zh).unwrap_or_default().to_owned();
    let described = Export::new("服务阵地", "sites", HEADERS)
        .filter(zh("sites.search"), filter.q.clone().unwrap_or_default())
        .filter(zh("sites.field.union"), union.name.clone())
        .filter(
            zh("sites.field.kind"),
            label(filter.kind.map(|k| k.label_key())),
        )
        .filter(
            zh("sites.level"),
            label(filter.level.map(|l| l.label_key())),
        )
        .filter(
            zh("sites.field.division_code"),
            filter.division.clone().unwrap_or_default(),
        );
    export::respond(&user, tx, request, described, filter).await
}
