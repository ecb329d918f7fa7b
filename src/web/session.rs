//! The session layer: resolves the session cookie into a [`CurrentUser`] (or
//! gives a visitor a pre-session CSRF token), sends a user who must change
//! their password to that page, and keeps the language cookie in step with
//! the user's choice.

use std::net::IpAddr;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::client_ip::client_ip;
use super::cookies::{self, Lifetime};
use super::flash;
use crate::config::random_token;
use crate::error::AppResult;
use crate::i18n::LANG_COOKIE;
use crate::identity::session::{self, Lifetimes, PRE_SESSION_COOKIE, SESSION_COOKIE};
use crate::identity::{CurrentUser, PreSessionToken};
use crate::state::AppState;

/// Paths a user who must change their password may still reach.
fn allowed_before_password_change(path: &str) -> bool {
    matches!(
        path,
        "/account/password" | "/logout" | "/login" | "/language" | "/healthz"
    ) || path.starts_with("/static/")
}

/// Resolves the session cookie into a [`CurrentUser`] (or a pre-session CSRF
/// token for visitors), and keeps the language cookie in step with the user's
/// choice.
pub async fn layer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> AppResult<Response> {
    let secure = state.config.is_https();
    let token = cookies::read(req.headers(), SESSION_COOKIE);
    let ip = client_ip(
        req.headers(),
        req.extensions(),
        &state.config.trusted_proxies,
    );
    let user = match &token {
        Some(token) => current_user(&state, token, ip).await?,
        None => None,
    };
    let stale_cookie = token.is_some() && user.is_none();
    let lang_cookie = cookies::read(req.headers(), LANG_COOKIE);
    let mut new_pre_session_token = None;

    if let Some(user) = &user {
        tracing::Span::current()
            .record("user_id", tracing::field::display(user.id))
            .record("union_id", user.union.id);
        req.extensions_mut().insert(user.clone());
        if user.must_change_password && !allowed_before_password_change(req.uri().path()) {
            return Ok(flash::redirect(
                "/account/password",
                flash::Flash::new("account.must_change_password"),
            ));
        }
    } else {
        new_pre_session_token = give_pre_session_token(&mut req);
    }

    let mut response = next.run(req).await;
    settle_session_cookies(&mut response, secure, stale_cookie, new_pre_session_token);
    if let Some(user) = user {
        keep_language(&mut response, lang_cookie.as_deref(), &user, secure);
        // Lets the error pages, drawn outside this layer, show the user's navigation.
        response.extensions_mut().insert(user);
    }
    Ok(response)
}

/// The user behind the session `token` (presented from `ip`), if the
/// session is alive.
async fn current_user(state: &AppState, token: &str, ip: IpAddr) -> AppResult<Option<CurrentUser>> {
    let lifetimes = Lifetimes {
        idle: state.config.session_idle(),
        absolute: state.config.session_absolute(),
    };
    Ok(session::resolve(&state.db, token, ip, lifetimes).await?)
}

/// Gives a visitor's request the pre-session CSRF token of their cookie, or a
/// fresh one, which is returned to be set on the response.
fn give_pre_session_token(req: &mut Request) -> Option<String> {
    let mut fresh_token = None;
    let token = cookies::read(req.headers(), PRE_SESSION_COOKIE)
        .filter(|t| t.len() == 43)
        .unwrap_or_else(|| {
            let fresh = random_token();
            fresh_token = Some(fresh.clone());
            fresh
        });
    req.extensions_mut().insert(PreSessionToken(token));
    fresh_token
}

/// Clears a session cookie that named no live session, and sets a fresh
/// pre-session token on a page (unless the handler set either itself).
fn settle_session_cookies(
    response: &mut Response,
    secure: bool,
    stale_cookie: bool,
    new_pre_session_token: Option<String>,
) {
    let headers = response.headers_mut();
    if stale_cookie && !cookies::is_set(headers, SESSION_COOKIE) {
        cookies::clear(headers, SESSION_COOKIE, secure);
    }
    // Only pages carry forms; assets and health checks need no token.
    let is_page = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if let Some(fresh) = new_pre_session_token
        && is_page
        && !cookies::is_set(headers, PRE_SESSION_COOKIE)
    {
        cookies::set(
            headers,
            PRE_SESSION_COOKIE,
            &fresh,
            Lifetime::Session,
            secure,
        );
    }
}

/// Sets the language cookie to the user's language if the browser's differs
/// (unless the handler set it itself).
fn keep_language(
    response: &mut Response,
    lang_cookie: Option<&str>,
    user: &CurrentUser,
    secure: bool,
) {
    let headers = response.headers_mut();
    if lang_cookie != Some(user.lang.code()) && !cookies::is_set(headers, LANG_COOKIE) {
        cookies::set(
            headers,
            LANG_COOKIE,
            user.lang.code(),
            Lifetime::Days(365),
            secure,
        );
    }
}
