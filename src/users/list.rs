//! The accounts of the scope: search, filters in the query string, sortable
//! columns, keyset pages.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::db::{self, Filter, SORTS, Status, UserRow};
use crate::db::Tx;
use crate::db::list::{CappedCount, KeyPart, ListScope};
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::identity::Role;
use crate::policy::{self, Action};
use crate::unions::{self, db::UnionRow};
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link, sort_link};
use crate::web::{Ctx, format, render};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct UsersQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub union: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub dir: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

#[derive(Template)]
#[template(path = "users/list.html")]
struct UsersPage {
    ctx: Ctx,
    query: UsersQuery,
    union_name: Option<String>,
    users: Vec<UserRow>,
    count: CappedCount,
    next: Option<String>,
    prev: Option<String>,
    sort: &'static str,
    descending: bool,
}

impl UsersPage {
    fn roles(&self) -> [Role; 6] {
        Role::ALL
    }

    /// The link a column header points to: this column, flipping direction
    /// when it is already the sort.
    fn sort_href(&self, column: &str) -> String {
        let dir = if self.sort == column && !self.descending {
            "desc"
        } else {
            "asc"
        };
        sort_link("/users", &self.query, column, dir)
    }

    /// `aria-sort` of a column header.
    fn aria_sort(&self, column: &str) -> &'static str {
        match (self.sort == column, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }

    fn when(&self, at: &Option<chrono::DateTime<chrono::Utc>>) -> String {
        at.as_ref().map(format::datetime).unwrap_or_default()
    }

    fn at(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        format::datetime(at)
    }

    fn export_links(&self) -> ExportLinks {
        export_links("/users", &self.query)
    }
}

/// The list's choices in the query string, parsed.
struct ListChoices {
    role: Option<Role>,
    status: Option<Status>,
    /// The index of the sort in [`SORTS`].
    sort: usize,
    descending: bool,
    /// The union whose subtree is listed (or the reader's whole scope).
    union_id: Option<i64>,
}

impl UsersQuery {
    /// The choices of the query string; an unknown value is a bad request.
    fn choices(&self) -> AppResult<ListChoices> {
        let bad = |what: &str| AppError::BadRequest(format!("unknown {what}"));
        let role = match self.role.as_str() {
            "" => None,
            other => Some(Role::parse(other).ok_or_else(|| bad("role"))?),
        };
        let status = match self.status.as_str() {
            "" => None,
            "active" => Some(Status::Active),
            "locked" => Some(Status::Locked),
            "disabled" => Some(Status::Disabled),
            _ => return Err(bad("status")),
        };
        let sort = match self.sort.as_str() {
            "" => 0,
            other => SORTS
                .iter()
                .position(|sort| sort.name == other)
                .ok_or_else(|| bad("sort"))?,
        };
        let descending = match self.dir.as_str() {
            "" | "asc" => false,
            "desc" => true,
            _ => return Err(bad("sort direction")),
        };
        let union_id = match self.union.as_str() {
            "" => None,
            id => Some(id.parse().map_err(|_| bad("union"))?),
        };
        Ok(ListChoices {
            role,
            status,
            sort,
            descending,
            union_id,
        })
    }
}

/// What the query string lists: the filter, its sort, and the union chosen.
pub struct Listing {
    pub filter: Filter,
    /// The index of the sort in [`SORTS`].
    pub sort: usize,
    pub descending: bool,
    /// The union whose subtree is listed, when one was chosen (in scope).
    pub union: Option<UnionRow>,
}

impl UsersQuery {
    /// The listing of the query string, for `user`; a union outside the scope
    /// is not found.
    pub async fn listing(&self, tx: &mut Tx, user: &CurrentUser) -> AppResult<Listing> {
        let ListChoices {
            role,
            status,
            sort,
            descending,
            union_id,
        } = self.choices()?;
        let union = match union_id {
            None => None,
            Some(id) => Some(unions::db::find(tx, id).await?.ok_or(AppError::NotFound)?),
        };
        let filter = Filter {
            q: Some(self.q.trim().to_owned()).filter(|q| !q.is_empty()),
            role,
            scope: ListScope::of_path(union.as_ref().map_or(&user.union.path, |u| &u.path)),
            status,
        };
        Ok(Listing {
            filter,
            sort,
            descending,
            union,
        })
    }
}

pub async fn list_users(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<UsersQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListUsers)?;
    let Listing {
        filter,
        sort,
        descending,
        union,
    } = query.listing(&mut tx, &user).await?;
    let position = query.page.position(&[SORTS[sort].part, KeyPart::Uuid])?;
    let page = db::list(&mut tx, &filter, sort, descending, &position).await?;
    let count = db::count(&mut tx, &filter).await?;
    tx.commit().await?;
    let link = |param: &str, cursor: String| page_link("/users", &query, param, &cursor);
    render(&UsersPage {
        ctx,
        union_name: union.map(|u| u.name),
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        users: page.rows,
        count,
        sort: SORTS[sort].name,
        descending,
        query,
    })
}
