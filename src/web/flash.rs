//! One-time messages shown on the page after a redirect (已保存, 已提交审批).
//! A handler returns `flash::redirect(..)`; this middleware turns the message
//! into a short-lived cookie and clears it once a page has shown it.

use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, LOCATION};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::cookies::{self, Lifetime};
use crate::state::AppState;

pub const FLASH_COOKIE: &str = "niudai_flash";

/// A message: a catalog key and an optional argument for its `{}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    #[serde(rename = "k")]
    pub key: String,
    #[serde(rename = "a", default, skip_serializing_if = "Option::is_none")]
    pub arg: Option<String>,
}

impl Flash {
    pub fn new(key: &str) -> Self {
        Self {
            key: key.to_owned(),
            arg: None,
        }
    }

    pub fn with_arg(key: &str, arg: impl std::fmt::Display) -> Self {
        Self {
            key: key.to_owned(),
            arg: Some(arg.to_string()),
        }
    }
}

/// A `303 See Other` to `to` that shows `flash` on the next page.
pub fn redirect(to: &str, flash: Flash) -> Response {
    let mut response = see_other(to);
    response.extensions_mut().insert(flash);
    response
}

/// A plain `303 See Other` (POST → redirect → GET).
pub fn see_other(to: &str) -> Response {
    let location = HeaderValue::try_from(to).unwrap_or_else(|_| HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response()
}

/// The message that arrived with this request, if any.
#[derive(Clone, Debug)]
pub struct IncomingFlash(pub Flash);

pub async fn layer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let incoming = cookies::read(req.headers(), FLASH_COOKIE)
        .and_then(|raw| serde_urlencoded::from_str::<Flash>(&raw).ok());
    if let Some(flash) = &incoming {
        req.extensions_mut().insert(IncomingFlash(flash.clone()));
    }
    let mut response = next.run(req).await;
    let secure = state.config.is_https();
    if let Some(outgoing) = response.extensions_mut().remove::<Flash>() {
        let encoded = serde_urlencoded::to_string(&outgoing).unwrap_or_default();
        cookies::set(
            response.headers_mut(),
            FLASH_COOKIE,
            &encoded,
            Lifetime::Session,
            secure,
        );
    } else if incoming.is_some() && shows_a_page(&response) {
        cookies::clear(response.headers_mut(), FLASH_COOKIE, secure);
    }
    response
}

fn shows_a_page(response: &Response) -> bool {
    response.status().is_success()
        && response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"))
}
