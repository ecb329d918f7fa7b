//! Turns every error response — from a handler, the router (404, 405), the body
//! limit (413), the CSRF layer (403) or a panic (500) — into a styled page in
//! the user's language, and "login required" into a redirect to the login page.
//! A 403 or 404 answered to a logged-in user is noted (`web::denials`).

use std::time::Instant;

use askama::Template;
use axum::extract::{MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use super::cookies;
use super::ctx::Ctx;
use super::denials;
use super::flash;
use crate::audit::{self, Entry};
use crate::error::{ErrorMessage, LoginRedirect};
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::identity::session::PRE_SESSION_COOKIE;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    ctx: Ctx,
    status: u16,
    title_key: &'static str,
    message_key: &'static str,
}

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let lang = Lang::from_headers(req.headers());
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|route| route.as_str().to_owned());
    let pre_session = cookies::read(req.headers(), PRE_SESSION_COOKIE);
    let path = req.uri().path().to_owned();
    let path_and_query = req
        .uri()
        .path_and_query()
        .map_or_else(|| path.clone(), |pq| pq.as_str().to_owned());
    let is_get = req.method() == Method::GET;
    let response = next.run(req).await;

    if response.extensions().get::<LoginRedirect>().is_some() {
        let back = (is_get && path != "/").then_some(path_and_query.as_str());
        return to_login(back);
    }
    let status = response.status();
    if matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND)
        && let Some(user) = response.extensions().get::<CurrentUser>()
    {
        note_denial(&state, user, &method, route.as_deref(), &path, status).await;
    }
    if !(status.is_client_error() || status.is_server_error()) || is_html(&response) {
        return response;
    }
    if response
        .extensions()
        .get::<tower_http::csrf::ProtectionError>()
        .is_some()
    {
        tracing::warn!(path, "cross-origin request refused");
    }
    styled(response, lang, pre_session, &path)
}

/// The login page, coming `back` here after the login.
fn to_login(back: Option<&str>) -> Response {
    let to = match back {
        Some(back) => format!(
            "/login?{}",
            serde_urlencoded::to_string([("next", back)]).unwrap_or_default()
        ),
        None => "/login".to_owned(),
    };
    flash::see_other(&to)
}

/// The error `response` as a page in the user's language (or the browser's,
/// `lang`), with the headers that matter kept; `response` itself if the page
/// fails to render.
fn styled(response: Response, lang: Lang, pre_session: Option<String>, path: &str) -> Response {
    let status = response.status();
    let user = response.extensions().get::<CurrentUser>().cloned();
    let lang = user.as_ref().map_or(lang, |u| u.lang);
    let (title_key, message_key) = texts(status);
    let message_key = response
        .extensions()
        .get::<ErrorMessage>()
        .map_or(message_key, |message| message.0);
    let page = ErrorPage {
        ctx: Ctx::bare(lang, user, pre_session, path),
        status: status.as_u16(),
        title_key,
        message_key,
    };
    match page.render() {
        Ok(body) => {
            let mut styled = (status, Html(body)).into_response();
            for name in ["retry-after", "allow"] {
                if let Some(value) = response.headers().get(name) {
                    styled.headers_mut().insert(name, value.clone());
                }
            }
            styled
        }
        Err(error) => {
            tracing::error!(%error, "the error page itself failed to render");
            response
        }
    }
}

/// Logs a refusal (within the per-user rate) and audits a user refused again
/// and again.
async fn note_denial(
    state: &AppState,
    user: &CurrentUser,
    method: &Method,
    route: Option<&str>,
    path: &str,
    status: StatusCode,
) {
    let verdict = state.denials.note(user.id, Instant::now());
    if verdict.log {
        tracing::warn!(
            user_id = %user.id,
            username = %user.username,
            %method,
            route = route.unwrap_or("(unmatched)"),
            path,
            status = status.as_u16(),
            "request refused"
        );
    }
    if let Some(count) = verdict.audit {
        let entry = Entry::new("security.denials", "user", user.id)
            .at(user.union.id, &user.union.path)
            .detail("count", count)
            .detail("minutes", denials::WINDOW.as_secs() / 60)
            .detail("last", format!("{method} {path}"));
        let written = async {
            let mut tx = state.db.begin(&user.db_actor()).await?;
            audit::record(&mut tx, user, entry).await?;
            tx.commit().await?;
            Ok::<_, crate::error::AppError>(())
        }
        .await;
        if let Err(error) = written {
            tracing::warn!(%error, user_id = %user.id, "could not audit repeated refusals");
        }
    }
}

fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

fn texts(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 => ("error.400.title", "error.400.message"),
        403 => ("error.403.title", "error.403.message"),
        404 => ("error.404.title", "error.404.message"),
        405 => ("error.405.title", "error.405.message"),
        409 => ("error.409.title", "error.already_submitted"),
        413 => ("error.413.title", "error.413.message"),
        422 => ("error.400.title", "error.400.message"),
        429 => ("error.429.title", "error.429.message"),
        503 => ("error.503.title", "error.503.message"),
        s if s >= 500 => ("error.500.title", "error.500.message"),
        _ => ("error.400.title", "error.400.message"),
    }
}
