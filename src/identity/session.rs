//! Sessions: an opaque random token in an HttpOnly cookie, stored hashed in
//! PostgreSQL (so several servers share them), ended by logout, idleness or
//! age. [`resolve`] finds the user behind a token; the web shell's session
//! layer calls it on every request.

use std::net::IpAddr;
use std::time::Duration;

use sqlx::PgConnection;
use uuid::Uuid;

use super::{CurrentUser, Level, Role, SessionUser, UnionRef, tokens};
use crate::config::Secret;
use crate::db::{Actor, Db};
use crate::i18n::Lang;

pub const SESSION_COOKIE: &str = "niudai_session";
/// Before login there is no session; the login form's CSRF token lives here.
pub const PRE_SESSION_COOKIE: &str = "niudai_csrf";

/// How long a session lives: without a request, and at most.
#[derive(Clone, Copy, Debug)]
pub struct Lifetimes {
    pub idle: Duration,
    pub absolute: Duration,
}

struct SessionRow {
    user_id: Uuid,
    username: String,
    display_name: String,
    role: Role,
    locale: String,
    must_change_password: bool,
    union_id: i64,
    union_path: String,
    union_name: String,
    union_level: Level,
    org_id: Option<Uuid>,
    csrf_token: String,
    trail_ids: Vec<i64>,
    trail_names: Vec<String>,
}

/// The user behind a session token, if the session is alive.
pub async fn resolve(
    db: &Db,
    token: &str,
    ip: IpAddr,
    lifetimes: Lifetimes,
) -> Result<Option<CurrentUser>, sqlx::Error> {
    let mut tx = db.begin(&Actor::anonymous()).await?;
    // A function's result columns are all nullable to the checker; the
    // function's join gives every one a value but the organization.
    let row = sqlx::query_as!(
        SessionRow,
        r#"select user_id as "user_id!", username as "username!",
                  display_name as "display_name!", role as "role!: Role",
                  locale as "locale!", must_change_password as "must_change_password!",
                  union_id as "union_id!", union_path as "union_path!",
                  union_name as "union_name!", union_level as "union_level!: Level",
                  org_id as "org_id?", csrf_token as "csrf_token!",
                  trail_ids as "trail_ids!", trail_names as "trail_names!"
             from auth_session_resolve($1, $2 * interval '1 second', $3 * interval '1 second')"#,
        tokens::token_hash(token),
        lifetimes.idle.as_secs_f64(),
        lifetimes.absolute.as_secs_f64()
    )
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(row.map(|row| {
        CurrentUser::new(SessionUser {
            id: row.user_id,
            username: row.username,
            display_name: row.display_name,
            role: row.role,
            lang: Lang::from_code(&row.locale).unwrap_or_default(),
            must_change_password: row.must_change_password,
            union: UnionRef {
                id: row.union_id,
                path: row.union_path,
                name: row.union_name,
                level: row.union_level,
            },
            org_id: row.org_id,
            csrf_token: Secret::new(row.csrf_token),
            ip,
            trail: row.trail_ids.into_iter().zip(row.trail_names).collect(),
        })
    }))
}

/// Removes the sessions idle or older than `lifetimes` allow. Returns how many.
pub async fn expire(conn: &mut PgConnection, lifetimes: Lifetimes) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select auth_sessions_expire($1 * interval '1 second', $2 * interval '1 second')
                  as "expired!""#,
        lifetimes.idle.as_secs_f64(),
        lifetimes.absolute.as_secs_f64()
    )
    .fetch_one(conn)
    .await
}
