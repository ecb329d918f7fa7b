//! The CSRF token check. Every state-changing request carries the session's
//! token (the pre-session token before login) in the form field `csrf_token` or
//! the `X-CSRF-Token` header; tower-http's `CsrfLayer`, outside this one, has
//! already refused cross-origin requests by `Origin` / `Sec-Fetch-Site`.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::Method;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::Response;

use super::session::{CurrentUser, PreSessionToken};
use super::tokens::same_secret;
use crate::error::{AppError, AppResult};

pub const FIELD: &str = "csrf_token";
const HEADER: &str = "x-csrf-token";
/// Forms are small; uploads come as multipart and carry the header instead.
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

pub async fn layer(req: Request, next: Next) -> AppResult<Response> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(next.run(req).await);
    }
    let expected = match (
        req.extensions().get::<CurrentUser>(),
        req.extensions().get::<PreSessionToken>(),
    ) {
        (Some(user), _) => user.csrf_token.expose().to_owned(),
        (None, Some(pre)) => pre.0.clone(),
        (None, None) => return Err(AppError::Csrf("no token to compare with")),
    };
    if let Some(sent) = req.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        return if same_secret(sent, &expected) {
            Ok(next.run(req).await)
        } else {
            Err(AppError::Csrf("wrong token in header"))
        };
    }
    let is_form = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(AppError::Csrf("no token"));
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let sent = form_urlencoded_field(&bytes, FIELD);
    match sent {
        Some(sent) if same_secret(&sent, &expected) => Ok(next
            .run(Request::from_parts(parts, Body::from(bytes)))
            .await),
        Some(_) => Err(AppError::Csrf("wrong token")),
        None => Err(AppError::Csrf("missing token")),
    }
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}
