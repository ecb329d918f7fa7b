//! The registry list's current filter as `.xlsx` or CSV, through the export
//! helper (`sheets::export`): typed cells, Chinese headers, the filter in
//! words. An exported file imports back to the same records.

use axum::extract::Query;
use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::list::OrgsQuery;
use super::search::{self, Search};
use super::sheet::{export_cells, export_headers};
use crate::db::Tx;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Source, cells_of};
use crate::unions;

impl Source for Search {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(search::export_rows(conn, self), |row| export_cells(&row))
    }
}

pub async fn export(
    user: CurrentUser,
    mut tx: Tx,
    request: ExportRequest,
    Query(query): Query<OrgsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListOrgs)?;
    let search = query.search(&mut tx, &user).await?;
    let union = match query.union.trim().parse() {
        Ok(id) => unions::db::find(&mut tx, id).await?.map(|u| u.name),
        Err(_) => None,
    };
    let zh = |key: &str| Lang::Zh.t(key).to_owned();
    let label = |key: Option<&'static str>| key.map(zh).unwrap_or_default();
    let described = Export::new("社会组织", "orgs", &export_headers())
        .filter(zh("orgs.search"), search.q.clone().unwrap_or_default())
        .filter(
            zh("orgs.field.org_type"),
            label(search.org_type.map(|t| t.label_key())),
        )
        .filter(
            zh("orgs.field.service_domains"),
            label(search.domain.map(|d| d.label_key())),
        )
        .filter(zh("orgs.field.rating"), query.rating.clone())
        .filter(
            zh("orgs.field.guidance_category"),
            label(search.category.map(|c| c.label_key())),
        )
        .filter(
            zh("orgs.field.relationship"),
            label(search.relationship.map(|r| r.label_key())),
        )
        .filter(
            zh("orgs.field.union_building"),
            label(search.union_building.map(|u| u.label_key())),
        )
        .filter(
            zh("orgs.field.status"),
            label(search.status.map(|s| s.label_key())),
        )
        .filter(zh("orgs.field.home_union"), union.unwrap_or_default())
        .filter(zh("orgs.field.division_code"), query.division.clone())
        .filter(
            zh("orgs.contact_overdue"),
            if search.contact_overdue { "是" } else { "" },
        );
    export::respond(&user, tx, request, described, search).await
}
