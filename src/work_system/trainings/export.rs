//! The training list's current filter as `.xlsx` or CSV, through the export
//! helper (`sheets::export`).

use axum::extract::Query;
use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::db::{self, ExportRow, Filter};
use super::list::TrainingsQuery;
use crate::db::Tx;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};

const HEADERS: [Header; 11] = [
    Header::new("举办日期"),
    Header::new("类型"),
    Header::new("主题"),
    Header::new("主办工会"),
    Header::new("参加账号人数"),
    Header::new("其他参加人数"),
    Header::new("参加人数合计"),
    Header::new("学时（小时）"),
    Header::new("人·学时"),
    Header::new("参加账号"),
    Header::id("记录编号"),
];

/// Tenths of an hour as a number of hours.
fn hours(tenths: i64) -> Cell {
    match i32::try_from(tenths) {
        Ok(small) if tenths % 10 != 0 => Cell::Decimal(f64::from(small) / 10.0),
        _ => Cell::Integer(tenths / 10),
    }
}

fn cells(row: ExportRow) -> Vec<Cell> {
    let t = row.training;
    vec![
        t.held_on.into(),
        Lang::Zh.t(t.kind.label_key()).into(),
        t.topic.clone().into(),
        t.union_name.clone().into(),
        t.account_attendees.into(),
        t.external_attendees.into(),
        t.attendees().into(),
        hours(i64::from(t.hours_tenths)),
        hours(t.attendee_tenths()),
        row.attendee_names.into(),
        t.id.to_string().into(),
    ]
}

impl Source for Filter {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::export_rows(conn, self), cells)
    }
}

pub async fn export_trainings(
    user: CurrentUser,
    mut tx: Tx,
    request: ExportRequest,
    Query(query): Query<TrainingsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ViewWorkSystem)?;
    let filter = query.filter(&mut tx, &user).await?;
    let zh = |key: &str| Lang::Zh.t(key).to_owned();
    let union_name = match query.union.trim().parse::<i64>() {
        Ok(id) => crate::unions::db::find(&mut tx, id)
            .await?
            .map(|u| u.name)
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    let described = Export::new("干部培训交流", "trainings", &HEADERS)
        .filter(
            zh("trainings.field.year"),
            filter.year.map(|y| y.to_string()).unwrap_or_default(),
        )
        .filter(
            zh("trainings.field.kind"),
            filter.kind.map(|k| zh(k.label_key())).unwrap_or_default(),
        )
        .filter(zh("trainings.field.union"), union_name);
    export::respond(&user, tx, request, described, filter).await
}
