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

use super::db;
use crate::db::Actor;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::identity::session::{PRE_SESSION_COOKIE, SESSION_COOKIE};
use crate::identity::tokens;
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
    let errors = missing_fields(&username, &form.password);
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
        Some(token) => signed_in(&state, &headers, &next, &token).await,
        None => render_invalid(&LoginPage {
            ctx,
            username: form.username,
            next,
            errors: FieldErrors::default(),
            refused: true,
        }),
    }
}

/// The messages of a login form with a field left empty.
fn missing_fields(username: &str, password: &str) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if username.is_empty() {
        errors.add("username", "form.required");
    }
    if password.is_empty() {
        errors.add("password", "form.required");
    }
    errors
}

/// Sends the newly signed-in browser on to `next` with the session's cookie
/// (the login form's CSRF cookie goes), ending the session it had before.
async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
    next: &str,
    token: &str,
) -> AppResult<Response> {
    let mut response = flash::see_other(next);
    let secure = state.config.is_https();
    cookies::set(
        response.headers_mut(),
        SESSION_COOKIE,
        token,
        Lifetime::Session,
        secure,
    );
    cookies::clear(response.headers_mut(), PRE_SESSION_COOKIE, secure);
    if let Some(old) = cookies::read(headers, SESSION_COOKIE) {
        end_session(state, &old).await?;
    }
    Ok(response)
}

/// Hashes the password under the account's settings and lets the database
/// count the attempt, compare, record the outcome and, on a match, open the
/// session whose token is returned. The serving role never sees a hash, and
/// nothing it can say opens a session without the password.
async fn attempt(
    state: AppState,
    username: String,
    password: String,
    ip: String,
    user_agent: String,
) -> AppResult<Option<String>> {
    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    let settings = db::login_settings(
        &mut tx,
        &username,
        crate::identity::password::default_settings(),
    )
    .await?;
    tx.commit().await?;
    let candidate = state.hasher.candidate(password, settings).await;

    let token = crate::config::random_token();
    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    let outcome = db::login(
        &mut tx,
        &db::LoginAttempt {
            username: &username,
            candidate: &candidate,
            ip: &ip,
            user_agent: &user_agent,
            token_hash: &tokens::token_hash(&token),
            csrf_token: &crate::config::random_token(),
            max_failures: MAX_FAILURES,
            lock_for_secs: LOCK_FOR.as_secs_f64(),
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(outcome, "login attempt");
    Ok((outcome == "succeeded").then_some(token))
}

pub(super) async fn end_session(state: &AppState, token: &str) -> AppResult<()> {
    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    db::end_session(&mut tx, &tokens::token_hash(token)).await?;
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
