//! Sessions: an opaque random token in an HttpOnly cookie, stored hashed in
//! PostgreSQL (so several servers share them), ended by logout, idleness or
//! age. [`resolve`] finds the user behind a token; the web shell's session
//! layer calls it on every request.

use std::net::IpAddr;
use std::time::Duration;

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

#[derive(sqlx::FromRow)]
struct SessionRow {
    user_id: Uuid,
    username: String,
    display_name: String,
    #[sqlx(try_from = "String")]
    role: Role,
    locale: String,
    must_change_password: bool,
    union_id: i64,
    union_path: String,
    union_name: String,
    #[sqlx(try_from = "String")]
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
    let row: Option<SessionRow> = sqlx::query_as(
        "select user_id, username, display_name, role, locale, must_change_password,
                union_id, union_path, union_name, union_level, org_id, csrf_token,
                trail_ids, trail_names
           from auth_session_resolve($1, $2 * interval '1 second', $3 * interval '1 second')",
    )
    .bind(tokens::token_hash(token))
    .bind(lifetimes.idle.as_secs_f64())
    .bind(lifetimes.absolute.as_secs_f64())
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
