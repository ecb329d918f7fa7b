//! The CSRF token check. Every state-changing request carries the session's
//! token (the pre-session token before login) in the form field `csrf_token` —
//! of an urlencoded form or of a multipart upload — or in the `X-CSRF-Token`
//! header; tower-http's `CsrfLayer`, outside this one, has already refused
//! cross-origin requests by `Origin` / `Sec-Fetch-Site`.

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
/// Forms are small.
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;
/// Uploads (multipart) may be larger; the body limit of the app is the same.
pub const MAX_UPLOAD_BYTES: usize = 30 * 1024 * 1024;

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
    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    let boundary = multer::parse_boundary(&content_type).ok();
    if !is_form && boundary.is_none() {
        return Err(AppError::Csrf("no token"));
    }
    let (parts, body) = req.into_parts();
    let limit = if is_form {
        MAX_FORM_BYTES
    } else {
        MAX_UPLOAD_BYTES
    };
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let sent = match boundary {
        Some(boundary) if !is_form => multipart_field(bytes.clone(), boundary, FIELD).await,
        _ => form_urlencoded_field(&bytes, FIELD),
    };
    match sent {
        Some(sent) if same_secret(&sent, &expected) => Ok(next
            .run(Request::from_parts(parts, Body::from(bytes)))
            .await),
        Some(_) => Err(AppError::Csrf("wrong token")),
        None => Err(AppError::Csrf("missing token")),
    }
}

/// The text of field `name` in a multipart body (forms put the token first,
/// so the file parts after it are not read).
async fn multipart_field(body: axum::body::Bytes, boundary: String, name: &str) -> Option<String> {
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some(name) {
            return field.text().await.ok();
        }
    }
    None
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}
