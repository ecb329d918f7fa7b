//! The account list's current filter as `.xlsx` or CSV, through the export
//! helper (`sheets::export`): who, with which role where, in which state,
//! last seen when. Never a password hash, a session or any other secret: the
//! list's query reads none.

use axum::extract::Query;
use axum::response::Response;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

use super::db::{self, Status, UserRow};
use super::list::{Listing, UsersQuery};
use crate::db::Tx;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::export::{self, Cell, Export, ExportRequest, Header, Source, cells_of};

const HEADERS: &[Header] = &[
    Header::new("用户名"),
    Header::new("姓名"),
    Header::new("角色"),
    Header::new("所属工会"),
    Header::new("状态"),
    Header::new("最近登录"),
    Header::new("创建时间"),
    Header::id("记录编号"),
];

fn zh(key: &str) -> &str {
    Lang::Zh.t(key)
}

/// The catalog key of an account's state, as the list tags it.
fn status_key(account: &UserRow) -> &'static str {
    if account.disabled_at.is_some() {
        "users.status_disabled"
    } else if account.is_locked() {
        "users.status_locked"
    } else {
        "users.status_active"
    }
}

fn cells(account: &UserRow) -> Vec<Cell> {
    vec![
        account.username.as_str().into(),
        account.display_name.as_str().into(),
        zh(account.role.label_key()).into(),
        account.union_name.as_str().into(),
        zh(status_key(account)).into(),
        account.last_login_at.into(),
        account.created_at.into(),
        account.id.to_string().into(),
    ]
}

impl Source for Listing {
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        let rows = db::export_rows(conn, &self.filter, self.sort, self.descending);
        cells_of(rows, |row| cells(&row))
    }
}

pub async fn export_users(
    user: CurrentUser,
    mut tx: Tx,
    request: ExportRequest,
    Query(query): Query<UsersQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListUsers)?;
    let listing = query.listing(&mut tx, &user).await?;
    let status = listing.filter.status.map(|status| match status {
        Status::Active => "users.status_active",
        Status::Locked => "users.status_locked",
        Status::Disabled => "users.status_disabled",
    });
    let union = listing
        .union
        .as_ref()
        .map(|u| format!("{} 及其下级", u.name));
    let described = Export::new("账号", "users", HEADERS)
        .filter(
            zh("users.search"),
            listing.filter.q.clone().unwrap_or_default(),
        )
        .filter(
            zh("users.role"),
            listing.filter.role.map_or("", |r| zh(r.label_key())),
        )
        .filter(zh("users.status"), status.map_or("", zh))
        .filter(zh("users.union"), union.unwrap_or_default());
    export::respond(&user, tx, request, described, listing).await
}
