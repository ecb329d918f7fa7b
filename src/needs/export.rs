//! The need list's current filter as `.xlsx` or CSV, through the export
//! helper (`sheets::export`); the file imports back onto the same records.

use axum::extract::Query;
use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::db::{self, Filter};
use super::pages::NeedsQuery;
use super::sheet::{export_cells, export_headers};
use crate::db::Tx;
use crate::db::list::ListScope;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Source, cells_of};

impl Source for Filter {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::export_rows(conn, self), |row| export_cells(&row))
    }
}

pub async fn export_needs(
    user: CurrentUser,
    tx: Tx,
    request: ExportRequest,
    Query(query): Query<NeedsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListNeeds)?;
    let filter = query.filter(ListScope::of_path(&user.union.path))?;
    let zh = |key: &str| Lang::Zh.t(key).to_owned();
    let label = |key: Option<&'static str>| key.map(zh).unwrap_or_default();
    let yes_no = |value: Option<bool>, yes: &str, no: &str| match value {
        None => String::new(),
        Some(true) => zh(yes),
        Some(false) => zh(no),
    };
    let described = Export::new("职工需求", "needs", &export_headers())
        .filter(zh("needs.search"), filter.q.clone().unwrap_or_default())
        .filter(
            zh("needs.field.domain"),
            label(filter.domain.map(|d| d.label_key())),
        )
        .filter(
            zh("needs.field.source"),
            label(filter.source.map(|s| s.label_key())),
        )
        .filter(
            zh("needs.field.priority"),
            label(filter.priority.map(|p| p.label_key())),
        )
        .filter(
            zh("needs.field.suitable_for_purchase"),
            yes_no(filter.suitable, "form.yes", "form.no"),
        )
        .filter(
            zh("needs.field.project"),
            yes_no(
                filter.in_project,
                "needs.in_project",
                "needs.not_in_project",
            ),
        );
    export::respond(&user, tx, request, described, filter).await
}
