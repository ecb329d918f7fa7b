//! The federation list's current filter as `.xlsx` or CSV, through the export
//! helper (`sheets::export`).

use axum::extract::Query;
use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::db::{self, FederationRow, Filter};
use super::pages::FederationsQuery;
use crate::db::Tx;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};

const HEADERS: &[Header] = &[
    Header::new("名称"),
    Header::new("类型"),
    Header::new("统一社会信用代码"),
    Header::new("牵头工会"),
    Header::new("层级"),
    Header::new("上级联合会"),
    Header::new("成立日期"),
    Header::new("状态"),
    Header::new("现有会员数"),
    Header::new("理事长"),
    Header::new("副理事长"),
    Header::new("秘书长（总干事）"),
    Header::new("理事会人数"),
    Header::id("联合会编号"),
    Header::id("牵头工会编号"),
];

fn cells(row: &FederationRow) -> Vec<Cell> {
    vec![
        row.name.as_str().into(),
        Lang::Zh.t(row.kind.label_key()).into(),
        row.credit_code.clone().into(),
        row.union_name.as_str().into(),
        Lang::Zh.t(row.level.label_key()).into(),
        row.parent_name.clone().into(),
        row.founded_on.into(),
        Lang::Zh.t(row.status.label_key()).into(),
        row.members.into(),
        row.chair.clone().into(),
        row.vice_chairs.clone().into(),
        row.secretary_general.clone().into(),
        row.council_size.map(i64::from).into(),
        row.id.to_string().into(),
        row.union_id.into(),
    ]
}

impl Source for Filter {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::export_rows(conn, self), |row| cells(&row))
    }
}

pub async fn export_federations(
    user: CurrentUser,
    tx: Tx,
    request: ExportRequest,
    Query(query): Query<FederationsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListFederations)?;
    let filter = query.filter(&user.union.path)?;
    let zh = |key: &str| Lang::Zh.t(key).to_owned();
    let described = Export::new("联合会", "federations", HEADERS)
        .filter(
            zh("federations.search"),
            filter.q.clone().unwrap_or_default(),
        )
        .filter(
            zh("federations.field.kind"),
            filter.kind.map(|k| zh(k.label_key())).unwrap_or_default(),
        )
        .filter(
            zh("federations.field.level"),
            filter.level.map(|l| zh(l.label_key())).unwrap_or_default(),
        )
        .filter(
            zh("federations.field.status"),
            filter.status.map(|s| zh(s.label_key())).unwrap_or_default(),
        );
    export::respond(&user, tx, request, described, filter).await
}
