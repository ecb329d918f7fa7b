//! The CSRF token check. Every state-changing request carries the session's
//! token (the pre-session token before login) in the form field `csrf_token` —
//! of an urlencoded form or of a multipart upload — or in the `X-CSRF-Token`
//! header; tower-http's `CsrfLayer`, outside this one, has already refused
//! cross-origin requests by `Origin` / `Sec-Fetch-Site`, and `web::input` has
//! read the body within its limit.

use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use crate::error::{AppError, AppResult};
use crate::identity::tokens::same_secret;
use crate::identity::{CurrentUser, PreSessionToken};
use crate::web::input::PostedFields;

pub const FIELD: &str = "csrf_token";
const HEADER: &str = "x-csrf-token";

/// Compares the token sent (header, or the form field that `web::input` has
/// read from the body) with the session's.
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
    let sent = match req.headers().get(HEADER) {
        Some(header) => header.to_str().ok().map(str::to_owned),
        None => req
            .extensions()
            .get::<PostedFields>()
            .and_then(|fields| fields.get(FIELD))
            .map(str::to_owned),
    };
    match sent {
        Some(sent) if same_secret(&sent, &expected) => Ok(next.run(req).await),
        Some(_) => Err(AppError::Csrf("wrong token")),
        None => Err(AppError::Csrf("missing token")),
    }
}
