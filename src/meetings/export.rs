//! The meeting list's current filter as `.xlsx` or CSV, through the export
//! helper (`sheets::export`).

use axum::extract::Query;
use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::db::{self, Filter, MeetingRow};
use super::pages::MeetingsQuery;
use crate::db::Tx;
use crate::db::list::ListScope;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};

const HEADERS: &[Header] = &[
    Header::new("会议名称"),
    Header::new("类别"),
    Header::new("召集工会"),
    Header::new("会议日期"),
    Header::new("地点"),
    Header::new("状态"),
    Header::new("邀请组织数"),
    Header::new("接受邀请数"),
    Header::new("出席组织数"),
    Header::new("未完成事项"),
    Header::new("议程"),
    Header::new("会议纪要"),
    Header::new("议定事项"),
    Header::id("会议编号"),
    Header::id("召集工会编号"),
];

fn cells(row: &MeetingRow) -> Vec<Cell> {
    vec![
        row.title.as_str().into(),
        Lang::Zh.t(row.kind.label_key()).into(),
        row.union_name.as_str().into(),
        row.held_on.into(),
        row.place.as_str().into(),
        Lang::Zh.t(row.status.label_key()).into(),
        row.invited.into(),
        row.accepted.into(),
        row.attended.into(),
        row.actions_open.into(),
        row.agenda.as_str().into(),
        row.minutes.clone().into(),
        row.decisions.clone().into(),
        row.id.to_string().into(),
        row.union_id.into(),
    ]
}

impl Source for Filter {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::export_rows(conn, self), |row| cells(&row))
    }
}

pub async fn export_meetings(
    user: CurrentUser,
    tx: Tx,
    request: ExportRequest,
    Query(query): Query<MeetingsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListMeetings)?;
    let filter = query.filter(ListScope::of_path(&user.union.path))?;
    let zh = |key: &str| Lang::Zh.t(key).to_owned();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let described = Export::new("联系会议", "meetings", HEADERS)
        .filter(zh("meetings.search"), filter.q.clone().unwrap_or_default())
        .filter(
            zh("meetings.field.kind"),
            filter.kind.map(|k| zh(k.label_key())).unwrap_or_default(),
        )
        .filter(
            zh("meetings.field.status"),
            filter.status.map(|s| zh(s.label_key())).unwrap_or_default(),
        )
        .filter(zh("meetings.from"), date(filter.from))
        .filter(zh("meetings.to"), date(filter.to));
    export::respond(&user, tx, request, described, filter).await
}
