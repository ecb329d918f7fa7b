//! Reading and writing our cookies: always `Path=/`, `SameSite=Lax`, `HttpOnly`
//! where scripts have no business reading them, and `Secure` when the public URL
//! is https.

use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use cookie::time::Duration;
use cookie::{Cookie, SameSite};

/// The value of cookie `name` in the request, percent-decoded.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse_encoded)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// How long a cookie lives.
#[derive(Clone, Copy, Debug)]
pub enum Lifetime {
    /// Until the browser closes.
    Session,
    Days(i64),
}

/// Appends a `Set-Cookie` for `name` to `headers`.
pub fn set(headers: &mut HeaderMap, name: &str, value: &str, lifetime: Lifetime, secure: bool) {
    let mut builder = Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure);
    if let Lifetime::Days(days) = lifetime {
        builder = builder.max_age(Duration::days(days));
    }
    append(headers, &builder.build());
}

/// Appends a `Set-Cookie` that deletes `name`.
pub fn clear(headers: &mut HeaderMap, name: &str, secure: bool) {
    let cookie = Cookie::build((name, ""))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(Duration::ZERO)
        .build();
    append(headers, &cookie);
}

/// Whether `headers` already set cookie `name` (a handler's choice wins over a
/// middleware's).
pub fn is_set(headers: &HeaderMap, name: &str) -> bool {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|value| value.split('=').next() == Some(name))
}

fn append(headers: &mut HeaderMap, cookie: &Cookie<'_>) {
    let value = HeaderValue::try_from(cookie.encoded().to_string())
        .expect("an encoded cookie is a valid header value");
    headers.append(SET_COOKIE, value);
}
