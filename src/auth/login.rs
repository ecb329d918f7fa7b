//! Login and logout. A wrong password, an unknown username, a disabled account
//! and a locked account all get the same message and cost the same time.

use std::time::Duration;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::http::header::USER_AGENT;
use axum::response::Response;
use axum::{Form, Router, routing::get, routing::post};
use serde::Deserialize;
use uuid::Uuid;

use super::session::{PRE_SESSION_COOKIE, SESSION_COOKIE};
use super::tokens;
use crate::auth::CurrentUser;
use crate::db::Actor;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::cookies::{self, Lifetime};
use crate::web::{ClientIp, Ctx, FieldErrors, Flash, flash, local_path, render, render_invalid};

/// Failed attempts before the account locks.
pub const MAX_FAILURES: i32 = 5;
/// How long a locked account stays locked.
pub const LOCK_FOR: Duration = Duration::from_secs(15 * 60);

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
}

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    ctx: Ctx,
    username: String,
    next: String,
    errors: FieldErrors,
    refused: bool,
}

#[derive(Debug, Default, Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn login_form(
    ctx: Ctx,
    user: Option<CurrentUser>,
    Query(query): Query<NextQuery>,
) -> AppResult<Response> {
    if user.is_some() {
        return Ok(flash::see_other("/"));
    }
    render(&LoginPage {
        ctx,
        username: String::new(),
        next: local_path(query.next.as_deref()).to_owned(),
        errors: FieldErrors::default(),
        refused: false,
    })
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    if let Err(wait) = state.login_limiter.check(ip) {
        tracing::warn!(%ip, "login rate limit reached");
        return Err(AppError::TooManyRequests(wait));
    }
    let username = form.username.trim().to_lowercase();
    let mut errors = FieldErrors::default();
    if username.is_empty() {
        errors.add("username", "form.required");
    }
    if form.password.is_empty() {
        errors.add("password", "form.required");
    }
    let next = local_path(Some(&form.next)).to_owned();
    if !errors.is_empty() {
        return render_invalid(&LoginPage {
            ctx,
            username: form.username,
            next,
            errors,
            refused: false,
        });
    }
    let user_agent = headers
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // Run to the end even if the browser goes away mid-way: an attempt that was
    // counted is always recorded.
    let attempt = tokio::spawn(attempt(
        state.clone(),
        username,
        form.password,
        ip.to_string(),
        user_agent.to_owned(),
    ));
    match attempt
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??
    {
        Some(token) => {
            let mut response = flash::see_other(&next);
            let secure = state.config.is_https();
            cookies::set(
                response.headers_mut(),
                SESSION_COOKIE,
                &token,
                Lifetime::Session,
                secure,
            );
            cookies::clear(response.headers_mut(), PRE_SESSION_COOKIE, secure);
            if let Some(old) = cookies::read(&headers, SESSION_COOKIE) {
                end_session(&state, &old).await?;
            }
            Ok(response)
        }
        None => render_invalid(&LoginPage {
            ctx,
            username: form.username,
            next,
            errors: FieldErrors::default(),
            refused: true,
        }),
    }
}

/// Counts the attempt, checks the password, records the outcome and, on
/// success, opens a new session whose token is returned.
async fn attempt(
    state: AppState,
    username: String,
    password: String,
    ip: String,
    user_agent: String,
) -> AppResult<Option<String>> {
    // Committed before the slow check, so that parallel attempts see each other.
    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    let begun: Option<(Uuid, String, i32, bool)> = sqlx::query_as(
        "select user_id, password_hash, attempt, may_verify from auth_login_begin($1, $2)",
    )
    .bind(&username)
    .bind(MAX_FAILURES)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;

    // A locked account is refused without looking at the password, but only
    // after the same work as a real check.
    let (user_id, attempt, stored_hash) = match begun {
        Some((id, hash, attempt, true)) => (Some(id), attempt, Some(hash)),
        Some((id, _, attempt, false)) => (Some(id), attempt, None),
        None => (None, 0, None),
    };
    let checked = stored_hash.is_some();
    let verified = state.hasher.verify(password, stored_hash).await;

    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    let outcome: String = sqlx::query_scalar(
        "select auth_login_finish($1, $2, $3, $4, $5, $6::inet, $7, $8 * interval '1 second')",
    )
    .bind(user_id)
    .bind(&username)
    .bind(attempt)
    .bind(checked)
    .bind(verified)
    .bind(&ip)
    .bind(MAX_FAILURES)
    .bind(LOCK_FOR.as_secs_f64())
    .fetch_one(&mut *tx)
    .await?;
    tracing::info!(outcome, "login attempt");
    let token = match (outcome.as_str(), user_id) {
        ("succeeded", Some(user_id)) => {
            Some(start_session(&mut tx, user_id, &ip, &user_agent).await?)
        }
        _ => None,
    };
    tx.commit().await?;
    Ok(token)
}

/// Opens a session for `user_id` in `tx` and returns its token.
async fn start_session(
    tx: &mut sqlx::PgConnection,
    user_id: Uuid,
    ip: &str,
    user_agent: &str,
) -> AppResult<String> {
    let token = tokens::random_token();
    sqlx::query("select auth_session_start($1, $2, $3, $4::inet, $5)")
        .bind(user_id)
        .bind(tokens::token_hash(&token))
        .bind(tokens::random_token())
        .bind(ip)
        .bind(user_agent)
        .execute(&mut *tx)
        .await?;
    Ok(token)
}

pub(super) async fn end_session(state: &AppState, token: &str) -> AppResult<()> {
    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    sqlx::query("select auth_session_end($1)")
        .bind(tokens::token_hash(token))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    if let Some(token) = cookies::read(&headers, SESSION_COOKIE) {
        end_session(&state, &token).await?;
    }
    let mut response = flash::redirect("/login", Flash::new("auth.logged_out"));
    cookies::clear(
        response.headers_mut(),
        SESSION_COOKIE,
        state.config.is_https(),
    );
    Ok(response)
}
