//! An organization's own applications as `.xlsx` or CSV, through the export
//! helper (`sheets::export`): what its list shows, typed.

use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;
use uuid::Uuid;

use super::db::{self, OwnApplication};
use super::pages::own_org;
use crate::db::Tx;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};
use crate::web::money::Fen;

const HEADERS: &[Header] = &[
    Header::new("项目编号"),
    Header::new("项目名称"),
    Header::new("申请金额（元）"),
    Header::new("申报截止"),
    Header::new("状态"),
    Header::id("记录编号"),
];

fn cells(application: &OwnApplication) -> Vec<Cell> {
    vec![
        application.code.as_str().into(),
        application.title.as_str().into(),
        Fen(application.requested_fen).into(),
        application.apply_closes_on.into(),
        Lang::Zh.t(application.status.label_key()).into(),
        application.id.to_string().into(),
    ]
}

/// The applications of one organization.
struct OwnApplications(Uuid);

impl Source for OwnApplications {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::of_org(conn, self.0), |row| cells(&row))
    }
}

pub async fn export_own_applications(
    user: CurrentUser,
    mut tx: Tx,
    request: ExportRequest,
) -> AppResult<Response> {
    let org = own_org(&mut tx, &user).await?;
    let described = Export::new("我的申报", "applications", HEADERS);
    export::respond(&user, tx, request, described, OwnApplications(org.id)).await
}
