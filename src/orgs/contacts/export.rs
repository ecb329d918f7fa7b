//! The contact reminders (`/contacts/due`) as `.xlsx` or CSV, through the
//! export helper (`sheets::export`): the organizations of the reader's scope
//! overdue or due within 14 days, the longest overdue first, with the days
//! overdue as a number.

use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::db::{self, DUE_WITHIN_DAYS, DueRow};
use crate::db::Tx;
use crate::db::list::ListScope;
use crate::error::AppResult;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};

const HEADERS: [Header; 7] = [
    Header::id("组织记录编号"),
    Header::new("组织名称"),
    Header::new("统一社会信用代码"),
    Header::new("联系工会"),
    Header::new("上次联系日期"),
    Header::new("下次联系日期"),
    Header::new("逾期天数"),
];

fn cells(row: DueRow) -> Vec<Cell> {
    let days_overdue = row.days_overdue();
    vec![
        Cell::Text(row.id.to_string()),
        row.name.into(),
        row.credit_code.into(),
        row.union_name.into(),
        row.last_contacted_on.into(),
        row.next_contact_due.into(),
        days_overdue.into(),
    ]
}

/// The organizations due for contact in a scope.
struct Due(ListScope);

impl Source for Due {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::due_export_rows(conn, &self.0), cells)
    }
}

pub async fn export(user: CurrentUser, mut tx: Tx, request: ExportRequest) -> AppResult<Response> {
    policy::require(&user, &Action::ListOrgs)?;
    let scope = ListScope::of_path(&user.union.path)
        .listing_unions(&mut tx)
        .await?;
    let described = Export::new("联系提醒", "contacts-due", &HEADERS).filter(
        "下次联系日期",
        format!("已逾期或 {DUE_WITHIN_DAYS} 天内到期（在册组织）"),
    );
    export::respond(&user, tx, request, described, Due(scope)).await
}
