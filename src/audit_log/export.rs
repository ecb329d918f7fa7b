//! The audit log's current filter as `.xlsx` or CSV, through the export
//! helper (`sheets::export`): each entry's time (a typed date-time), actor,
//! action, record, union, changes and address, within the reader's scope.

use axum::extract::Query;
use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::db::{self, EntryRow, Filter};
use super::page::{AuditQuery, describe_changes, entity_key};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};

const HEADERS: &[Header] = &[
    Header::new("时间"),
    Header::new("操作人"),
    Header::new("操作"),
    Header::new("操作代码"),
    Header::new("对象"),
    Header::id("对象编号"),
    Header::new("所属工会"),
    Header::new("变更内容"),
    Header::new("IP 地址"),
];

fn cells(entry: EntryRow) -> Vec<Cell> {
    let zh = |key: &str| Lang::Zh.t(key).to_owned();
    let changes = describe_changes(&entry.changes)
        .into_iter()
        .map(|(field, change)| format!("{field}：{change}"))
        .collect::<Vec<_>>()
        .join("；");
    vec![
        entry.occurred_at.into(),
        entry.actor_username.into(),
        zh(&format!("audit_action.{}", entry.action)).into(),
        entry.action.clone().into(),
        entity_key(&entry.entity_type)
            .map_or_else(|| entry.entity_type.clone(), zh)
            .into(),
        entry.entity_id.into(),
        entry.union_name.into(),
        changes.into(),
        entry.ip.into(),
    ]
}

impl Source for Filter {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::export_rows(conn, self), cells)
    }
}

pub async fn export_entries(
    user: CurrentUser,
    tx: Tx,
    request: ExportRequest,
    Query(query): Query<AuditQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ViewAudit)?;
    let (filter, errors) = query.filter();
    if !errors.is_empty() {
        return Err(AppError::BadRequest("bad date".into()));
    }
    let zh = |key: &str| Lang::Zh.t(key).to_owned();
    let entity = filter
        .entity_type
        .as_deref()
        .map(|t| entity_key(t).map_or_else(|| t.to_owned(), zh));
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let described = Export::new("操作日志", "audit", HEADERS)
        .filter(zh("audit.actor"), filter.actor.clone().unwrap_or_default())
        .filter(
            zh("audit.action"),
            filter.action.clone().unwrap_or_default(),
        )
        .filter(zh("audit.entity_type"), entity.unwrap_or_default())
        .filter(
            zh("audit.entity_id"),
            filter.entity_id.clone().unwrap_or_default(),
        )
        .filter(zh("audit.from"), date(filter.from))
        .filter(zh("audit.to"), date(filter.to));
    export::respond(&user, tx, request, described, filter).await
}
