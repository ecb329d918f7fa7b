//! The experience list's current filter as `.xlsx` or CSV, through the export
//! helper (`sheets::export`).

use axum::extract::Query;
use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::db::{self, ExperienceRow, Filter};
use super::pages::ExperiencesQuery;
use crate::db::Tx;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};

const HEADERS: &[Header] = &[
    Header::new("标题"),
    Header::new("类别"),
    Header::new("所属工会"),
    Header::new("状态"),
    Header::new("全国推荐"),
    Header::new("摘要"),
    Header::new("发布时间"),
    Header::new("登记时间"),
    Header::id("记录编号"),
    Header::id("所属工会编号"),
];

fn cells(row: &ExperienceRow) -> Vec<Cell> {
    let zh = |key: &str| Lang::Zh.t(key).to_owned();
    vec![
        row.title.as_str().into(),
        zh(row.kind.label_key()).into(),
        row.union_name.as_str().into(),
        zh(row.status.label_key()).into(),
        zh(if row.featured { "form.yes" } else { "form.no" }).into(),
        row.summary.as_str().into(),
        row.published_at.into(),
        row.created_at.into(),
        row.id.to_string().into(),
        row.union_id.into(),
    ]
}

impl Source for Filter {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        cells_of(db::export_rows(conn, self), |row| cells(&row))
    }
}

pub async fn export_experiences(
    user: CurrentUser,
    tx: Tx,
    request: ExportRequest,
    Query(query): Query<ExperiencesQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListExperiences)?;
    let filter = query.filter(&user.union.path)?;
    let zh = |key: &str| Lang::Zh.t(key).to_owned();
    let label = |key: Option<&'static str>| key.map(zh).unwrap_or_default();
    let described = Export::new("典型经验", "experiences", HEADERS)
        .filter(
            zh("experiences.search"),
            filter.q.clone().unwrap_or_default(),
        )
        .filter(
            zh("experiences.field.kind"),
            label(filter.kind.map(|k| k.label_key())),
        )
        .filter(
            zh("experiences.field.status"),
            label(filter.status.map(|s| s.label_key())),
        )
        .filter(
            zh("experiences.featured"),
            label(
                filter
                    .featured
                    .map(|f| if f { "form.yes" } else { "form.no" }),
            ),
        );
    export::respond(&user, tx, request, described, filter).await
}
