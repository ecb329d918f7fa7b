//! The reviewer's own assignments (`/reviews`) as `.xlsx` or CSV, through the
//! export helper (`sheets::export`): in the list's order, the deadline as a
//! date and the total score as a number.

use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;
use uuid::Uuid;

use super::db::{self, AssignmentRow};
use crate::db::Tx;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};

const HEADERS: [Header; 8] = [
    Header::id("评审记录编号"),
    Header::new("项目编号"),
    Header::new("项目名称"),
    Header::new("申报组织"),
    Header::new("状态"),
    Header::new("截止日期"),
    Header::new("总分"),
    Header::new("提交时间"),
];

fn cells(row: AssignmentRow) -> Vec<Cell> {
    let total = row
        .scored_total()
        .map_or(Cell::Empty, |tenths| Cell::Decimal(tenths as f64 / 10.0));
    vec![
        Cell::Text(row.id.to_string()),
        row.project_code.into(),
        row.project_title.into(),
        row.org_name.into(),
        Lang::Zh.t(row.status.label_key()).into(),
        row.deadline.into(),
        total,
        row.submitted_at.into(),
    ]
}

/// One reviewer's assignments.
struct Mine(Uuid);

impl Source for Mine {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::of_reviewer_rows(conn, self.0), cells)
    }
}

pub async fn export(user: CurrentUser, tx: Tx, request: ExportRequest) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::Review {
            reviewer_id: user.id,
        },
    )?;
    let described = Export::new("我的评审", "reviews", &HEADERS);
    let reviewer = Mine(user.id);
    export::respond(&user, tx, request, described, reviewer).await
}
