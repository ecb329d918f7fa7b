//! The session layer: resolves the session cookie into a [`CurrentUser`] (or
//! gives a visitor a pre-session CSRF token), sends a user who must change
//! their password to that page, and keeps the language cookie in step with
//! the user's choice.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::client_ip::client_ip;
use super::cookies::{self, Lifetime};
use super::flash;
use crate::config::random_token;
use crate::error::AppResult;
use crate::i18n::LANG_COOKIE;
use crate::identity::PreSessionToken;
use crate::identity::session::{self, Lifetimes, PRE_SESSION_COOKIE, SESSION_COOKIE};
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
        Some(token) => {
            let lifetimes = Lifetimes {
                idle: state.config.session_idle(),
                absolute: state.config.session_absolute(),
            };
            session::resolve(&state.db, token, ip, lifetimes).await?
        }
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
        let token = cookies::read(req.headers(), PRE_SESSION_COOKIE)
            .filter(|t| t.len() == 43)
            .unwrap_or_else(|| {
                let fresh = random_token();
                new_pre_session_token = Some(fresh.clone());
                fresh
            });
        req.extensions_mut().insert(PreSessionToken(token));
    }

    let mut response = next.run(req).await;
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
    if let Some(user) = user {
        if lang_cookie.as_deref() != Some(user.lang.code())
            && !cookies::is_set(headers, LANG_COOKIE)
        {
            cookies::set(
                headers,
                LANG_COOKIE,
                user.lang.code(),
                Lifetime::Days(365),
                secure,
            );
        }
        // Lets the error pages, drawn outside this layer, show the user's navigation.
        response.extensions_mut().insert(user);
    }
    Ok(response)
}
