//! The statements of signing in and of the user's own account. Passwords are
//! compared inside the database (security-definer functions): the serving
//! role never reads a hash.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// The hash settings of `username`'s password, or `default` for an unknown
/// username (so that both cost the same).
pub async fn login_settings(
    conn: &mut PgConnection,
    username: &str,
    default: &str,
) -> sqlx::Result<String> {
    sqlx::query_scalar!(
        r#"select auth_login_settings($1, $2) as "settings!""#,
        username,
        default
    )
    .fetch_one(conn)
    .await
}

/// A login attempt, as `auth_login` takes it.
#[derive(Debug)]
pub struct LoginAttempt<'a> {
    pub username: &'a str,
    /// The password hashed under the account's settings.
    pub candidate: &'a str,
    pub ip: &'a str,
    pub user_agent: &'a str,
    /// The hash of the session token to open on a match.
    pub token_hash: &'a [u8],
    pub csrf_token: &'a str,
    pub max_failures: i32,
    pub lock_for_secs: f64,
}

/// Counts the attempt, compares, records the outcome and, on a match, opens
/// the session. Returns the outcome (`succeeded` or why not).
pub async fn login(conn: &mut PgConnection, attempt: &LoginAttempt<'_>) -> sqlx::Result<String> {
    sqlx::query_scalar!(
        r#"select auth_login($1, $2, $3::text::inet, $4, $5, $6, $7, $8 * interval '1 second')
                  as "outcome!""#,
        attempt.username,
        attempt.candidate,
        attempt.ip,
        attempt.user_agent,
        attempt.token_hash,
        attempt.csrf_token,
        attempt.max_failures,
        attempt.lock_for_secs
    )
    .fetch_one(conn)
    .await
}

/// Ends the session whose token hashes to `token_hash` (if it is alive).
pub async fn end_session(conn: &mut PgConnection, token_hash: &[u8]) -> sqlx::Result<()> {
    sqlx::query!(r#"select auth_session_end($1) as "ended""#, token_hash)
        .fetch_one(conn)
        .await?;
    Ok(())
}

/// When an account last logged in (never: `None`) and was made.
#[derive(Debug)]
pub struct AccountDates {
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The dates of the account `user_id`.
pub async fn account_dates(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<AccountDates> {
    sqlx::query_as!(
        AccountDates,
        "select last_login_at, created_at from users where id = $1",
        user_id
    )
    .fetch_one(conn)
    .await
}

/// The hash settings of the acting user's own password.
pub async fn own_password_settings(conn: &mut PgConnection) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!("select auth_own_password_settings()")
        .fetch_one(conn)
        .await
}

/// Whether `candidate` (hashed under [`own_password_settings`]) is the acting
/// user's password.
pub async fn own_password_matches(conn: &mut PgConnection, candidate: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select auth_own_password_matches($1) as "matches!""#,
        candidate
    )
    .fetch_one(conn)
    .await
}

/// Sets a user's new password of their own choosing; the new hash ends every
/// session of the user (a trigger).
pub async fn set_own_password(
    conn: &mut PgConnection,
    user_id: Uuid,
    hash: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update users set password_hash = $2, must_change_password = false, failed_logins = 0,
                          updated_at = now(), version = version + 1
          where id = $1",
        user_id,
        hash
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Counts a failed password check against the account like a failed login,
/// locking it for `lock_for_secs` at `max_failures`; true when it is locked.
pub async fn count_failure(
    conn: &mut PgConnection,
    user_id: Uuid,
    max_failures: i32,
    lock_for_secs: f64,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"update users
              set failed_logins = failed_logins + 1,
                  locked_until = case when failed_logins + 1 >= $2
                                      then now() + $3 * interval '1 second' else locked_until end
            where id = $1
        returning locked_until is not null as "locked!""#,
        user_id,
        max_failures,
        lock_for_secs
    )
    .fetch_one(conn)
    .await
}

/// Remembers the language the user chose (a catalog code).
pub async fn set_locale(conn: &mut PgConnection, user_id: Uuid, code: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update users set locale = $2, updated_at = now() where id = $1",
        user_id,
        code
    )
    .execute(conn)
    .await?;
    Ok(())
}
