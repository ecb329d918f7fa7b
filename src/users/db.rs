//! Queries on accounts. Row-level security limits every one of them to the
//! actor's scope (and the actor's own row).

use chrono::{DateTime, Utc};
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use crate::db::list::{
    CappedCount, CountQuery, KeyPart, ListScope, Order, Paged, Position, ScopeColumns, stream_rows,
};
use crate::identity::Role;

/// An account as lists and pages show it. (The filtered list reads it at run
/// time too.)
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub union_id: i64,
    pub union_path: String,
    pub union_name: String,
    pub locale: String,
    pub must_change_password: bool,
    pub locked_until: Option<DateTime<Utc>>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

crate::text_enum!(
    /// Where an account stands, from its dates (no column of its own).
    pub enum AccountState("account_state") {
        Active => "active",
        Locked => "locked",
        Disabled => "disabled",
    }
);

impl UserRow {
    pub fn is_locked(&self) -> bool {
        self.locked_until.is_some_and(|until| until > Utc::now())
    }

    pub fn state(&self) -> AccountState {
        if self.disabled_at.is_some() {
            AccountState::Disabled
        } else if self.is_locked() {
            AccountState::Locked
        } else {
            AccountState::Active
        }
    }
}

/// The account `id`, if in scope.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as!(
        UserRow,
        r#"select u.id, u.username, u.display_name, u.role as "role: Role", u.union_id,
                  u.union_path::text as "union_path!", n.name as union_name, u.locale,
                  u.must_change_password, u.locked_until, u.disabled_at, u.last_login_at,
                  u.created_at, u.version
             from users u
             join unions n on n.id = u.union_id
            where u.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// The list's filters, already parsed.
#[derive(Debug, Default)]
pub struct Filter {
    pub q: Option<String>,
    pub role: Option<Role>,
    /// Accounts of this union's subtree (or the reader's whole scope).
    pub scope: ListScope,
    pub status: Option<Status>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Active,
    Locked,
    Disabled,
}

/// An order the list may be sorted in. Anything else in `sort` is a bad request.
#[derive(Debug)]
pub struct Sort {
    /// The name in the URL.
    pub name: &'static str,
    /// The SQL expression sorted on.
    key: &'static str,
    /// The cast that turns a cursor value back into the key's type.
    cast: &'static str,
    /// What a cursor value must parse as.
    pub part: KeyPart,
}

pub const SORTS: &[Sort] = &[
    Sort {
        name: "username",
        key: "u.username",
        cast: "text",
        part: KeyPart::Text,
    },
    Sort {
        name: "display_name",
        key: "u.display_name",
        cast: "text",
        part: KeyPart::Text,
    },
    Sort {
        name: "created_at",
        key: "u.created_at",
        cast: "timestamptz",
        part: KeyPart::Time,
    },
    Sort {
        name: "last_login_at",
        key: "coalesce(u.last_login_at, '-infinity')",
        cast: "timestamptz",
        part: KeyPart::Time,
    },
];

fn push_filters(q: &mut QueryBuilder<Postgres>, filter: &Filter) {
    if let Some(text) = &filter.q {
        q.push(" and (strpos(u.username, ")
            .push_bind(text.to_lowercase())
            .push(") > 0 or strpos(u.display_name, ")
            .push_bind(text.clone())
            .push(") > 0)");
    }
    if let Some(role) = filter.role {
        q.push(" and u.role = ").push_bind(role.as_str());
    }
    filter.scope.push(q, &ScopeColumns::path("u.union_path"));
    match filter.status {
        None => {}
        Some(Status::Active) => {
            q.push(" and u.disabled_at is null and (u.locked_until is null or u.locked_until <= now())");
        }
        Some(Status::Locked) => {
            q.push(" and u.disabled_at is null and u.locked_until > now()");
        }
        Some(Status::Disabled) => {
            q.push(" and u.disabled_at is not null");
        }
    }
}

/// The list's query up to its conditions, which follow as ` and …`.
fn list_query(filter: &Filter) -> QueryBuilder<Postgres> {
    let mut q = QueryBuilder::<Postgres>::new(
        "select u.id, u.username, u.display_name, u.role, u.union_id,
                u.union_path::text as union_path, n.name as union_name, u.locale,
                u.must_change_password, u.locked_until, u.disabled_at, u.last_login_at,
                u.created_at, u.version
           from users u
           join unions n on n.id = u.union_id
          where true",
    );
    push_filters(&mut q, filter);
    q
}

/// Appends the list's order for the sort at `sort` in [`SORTS`]: one page
/// at `position`, or every row (`None`: the export).
fn push_sorted(
    q: &mut QueryBuilder<Postgres>,
    sort: usize,
    descending: bool,
    position: Option<&Position>,
) {
    let Sort { key, cast, .. } = SORTS[sort];
    let order = Order {
        columns: &[(key, cast), ("u.id", "uuid")],
        descending,
        prefix: "",
    };
    match position {
        Some(position) => order.push_page(q, position),
        None => order.push_order(q, &Position::Start),
    }
}

pub async fn list(
    conn: &mut PgConnection,
    filter: &Filter,
    sort: usize,
    descending: bool,
    position: &Position,
) -> sqlx::Result<Paged<UserRow>> {
    let mut q = list_query(filter);
    push_sorted(&mut q, sort, descending, Some(position));
    let rows: Vec<UserRow> = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| {
        let value = match sort {
            0 => row.username.clone(),
            1 => row.display_name.clone(),
            2 => row.created_at.to_rfc3339(),
            _ => row
                .last_login_at
                .map_or_else(|| "-infinity".to_owned(), |t| t.to_rfc3339()),
        };
        vec![value, row.id.to_string()]
    }))
}

/// Every account the filter finds, in the list's order, as the cursor reads
/// them (the export).
pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    filter: &Filter,
    sort: usize,
    descending: bool,
) -> BoxStream<'c, sqlx::Result<UserRow>> {
    let mut q = list_query(filter);
    push_sorted(&mut q, sort, descending, None);
    stream_rows(q, conn)
}

pub async fn count(conn: &mut PgConnection, filter: &Filter) -> sqlx::Result<CappedCount> {
    let mut count = CountQuery::new("users u");
    push_filters(count.conditions(), filter);
    count.fetch(conn, None).await
}

/// A new account's fields.
#[derive(Debug, serde::Serialize)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: &'static str,
    pub union_id: i64,
    /// The organization of an `org` account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_id: Option<Uuid>,
    #[serde(skip)]
    pub password_hash: String,
    #[serde(skip)]
    pub must_change_password: bool,
}

/// Adds the account, or returns `None` when its username is taken (anywhere:
/// usernames are national).
pub async fn insert(conn: &mut PgConnection, user: &NewUser) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "insert into users (username, display_name, role, union_id, org_id, password_hash,
                            must_change_password)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (username) do nothing
         returning id",
        user.username,
        user.display_name,
        user.role,
        user.union_id,
        user.org_id,
        user.password_hash,
        user.must_change_password
    )
    .fetch_optional(conn)
    .await
}

/// The fields an admin edits.
#[derive(Debug, serde::Serialize)]
pub struct UserEdit {
    pub display_name: String,
    pub role: &'static str,
    pub union_id: i64,
}

/// Saves `edit` if the account is still at `version`; false if someone else
/// changed it first.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    edit: &UserEdit,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update users set display_name = $3, role = $4, union_id = $5,
                          updated_at = now(), version = version + 1
          where id = $1 and version = $2",
        id,
        version,
        edit.display_name,
        edit.role,
        edit.union_id
    )
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Disables or re-enables an account; disabling ends its sessions (a trigger).
pub async fn set_disabled(conn: &mut PgConnection, id: Uuid, disabled: bool) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update users set disabled_at = case when $2 then coalesce(disabled_at, now()) end,
                          updated_at = now(), version = version + 1
          where id = $1 and (disabled_at is not null) <> $2",
        id,
        disabled
    )
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Unlocks a locked account; false if it was not locked.
pub async fn unlock(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update users set failed_logins = 0, locked_until = null, updated_at = now()
          where id = $1 and locked_until is not null",
        id
    )
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Sets a new password (ending the account's sessions, by trigger) and unlocks it.
pub async fn set_password(
    conn: &mut PgConnection,
    id: Uuid,
    hash: &str,
    must_change: bool,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update users set password_hash = $2, must_change_password = $3, failed_logins = 0,
                          locked_until = null, updated_at = now(), version = version + 1
          where id = $1",
        id,
        hash,
        must_change
    )
    .execute(conn)
    .await?;
    Ok(())
}
