//! The partner list's current filter as `.xlsx` or CSV, through the export
//! helper (`sheets::export`).

use axum::extract::Query;
use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::db::{self, Filter, PartnerRow};
use super::pages::PartnersQuery;
use crate::db::Tx;
use crate::db::list::ListScope;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};

const HEADERS: &[Header] = &[
    Header::new("名称"),
    Header::new("类别"),
    Header::new("联系工会"),
    Header::new("提供资源"),
    Header::new("联系人"),
    Header::new("联系电话"),
    Header::new("电子邮箱"),
    Header::new("共同资助项目数"),
    Header::new("简介"),
    Header::id("伙伴编号"),
    Header::id("联系工会编号"),
];

fn cells(row: &PartnerRow) -> Vec<Cell> {
    let brings: Vec<&str> = row
        .brings_keys()
        .into_iter()
        .map(|k| Lang::Zh.t(k))
        .collect();
    vec![
        row.name.as_str().into(),
        Lang::Zh.t(row.kind.label_key()).into(),
        row.union_name.as_str().into(),
        brings.join("、").into(),
        row.contact_name.clone().into(),
        row.contact_phone.clone().into(),
        row.contact_email.clone().into(),
        row.projects.into(),
        row.description.clone().into(),
        row.id.to_string().into(),
        row.union_id.into(),
    ]
}

impl Source for Filter {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::export_rows(conn, self), |row| cells(&row))
    }
}

pub async fn export_partners(
    user: CurrentUser,
    tx: Tx,
    request: ExportRequest,
    Query(query): Query<PartnersQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListPartners)?;
    let filter = query.filter(ListScope::of_path(&user.union.path))?;
    let zh = |key: &str| Lang::Zh.t(key).to_owned();
    let described = Export::new("协力伙伴", "partners", HEADERS)
        .filter(zh("partners.search"), filter.q.clone().unwrap_or_default())
        .filter(
            zh("partners.field.kind"),
            filter.kind.map(|k| zh(k.label_key())).unwrap_or_default(),
        )
        .filter(
            zh("partners.field.brings"),
            filter.brings.map(|b| zh(b.label_key())).unwrap_or_default(),
        );
    export::respond(&user, tx, request, described, filter).await
}
