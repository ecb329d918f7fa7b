//! What a request may carry at all, checked once for every route before any
//! handler sees it, so that no form or list has to remember it:
//!
//! - no control characters (tab and line breaks aside, in forms) and no bidi
//!   embedding, override or isolate characters (U+202A–U+202E, U+2066–U+2069,
//!   which make a name or a file name read differently from what it is) in
//!   the path, the query string, a form field or an uploaded file's name:
//!   a query is refused with 400, a form with a page saying why;
//! - a body within its limit before it is read: the login form's size for a
//!   visitor without a session (who may not upload at all), a form's or an
//!   upload's for a user.
//!
//! The text fields of the body are kept for the CSRF check, and the form's
//! idempotency key for the scoped transaction, which claims it.

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::Request;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{Method, Uri};
use axum::middleware::Next;
use axum::response::Response;
use uuid::Uuid;

use crate::db::FormKey;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;

/// A visitor without a session posts the login form and little else.
pub const ANONYMOUS_BODY_BYTES: usize = 16 * 1024;
/// Forms are small.
pub const FORM_BODY_BYTES: usize = 2 * 1024 * 1024;
/// Uploads (multipart) may be larger; the app's outer body limit is the same.
pub const UPLOAD_BODY_BYTES: usize = 30 * 1024 * 1024;

/// The field a form's idempotency key travels in.
pub const FORM_KEY_FIELD: &str = "form_key";

/// The text fields of a posted form (for a multipart form, its text parts).
#[derive(Clone, Debug, Default)]
pub struct PostedFields(pub Vec<(String, String)>);

impl PostedFields {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Characters no input of Niudai accepts; `multiline` allows tab and line
/// breaks (text areas).
pub fn is_refused(c: char, multiline: bool) -> bool {
    match c {
        '\t' | '\n' | '\r' => !multiline,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        _ => c.is_control(),
    }
}

fn has_refused(text: &str, multiline: bool) -> bool {
    text.chars().any(|c| is_refused(c, multiline))
}

/// The path and query, decoded, as the handlers would see them; `None` when
/// they hold a refused character or bytes that are not UTF-8.
fn clean_uri(uri: &Uri) -> bool {
    let path_ok = percent_encoding::percent_decode_str(uri.path())
        .decode_utf8()
        .is_ok_and(|path| !has_refused(&path, false));
    let query_ok = uri.query().is_none_or(|query| {
        query.split('&').all(|pair| {
            let pair = pair.replace('+', " ");
            percent_encoding::percent_decode_str(&pair)
                .decode_utf8()
                .is_ok_and(|text| !has_refused(&text, false))
        })
    });
    path_ok && query_ok
}

pub async fn layer(req: Request, next: Next) -> AppResult<Response> {
    if !clean_uri(req.uri()) {
        tracing::info!(
            path = req.uri().path(),
            "refused: control characters in the address"
        );
        return Err(AppError::BadRequest(
            "control or bidi characters in the address".into(),
        ));
    }
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(next.run(req).await);
    }
    let signed_in = req.extensions().get::<CurrentUser>().is_some();
    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let boundary = multer::parse_boundary(&content_type).ok();
    if boundary.is_some() && !signed_in {
        // Uploads need a session; the body is not read.
        return Err(AppError::LoginRequired);
    }
    let limit = match (signed_in, boundary.is_some()) {
        (false, _) => ANONYMOUS_BODY_BYTES,
        (true, false) => FORM_BODY_BYTES,
        (true, true) => UPLOAD_BODY_BYTES,
    };
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(AppError::PayloadTooLarge);
    }
    let (mut parts, body) = req.into_parts();
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let fields = match boundary {
        Some(boundary) => multipart_fields(bytes.clone(), boundary).await?,
        None if content_type.starts_with("application/x-www-form-urlencoded") => {
            form_fields(&bytes)?
        }
        None => PostedFields::default(),
    };
    if let Some(key) = fields
        .get(FORM_KEY_FIELD)
        .and_then(|value| Uuid::parse_str(value).ok())
    {
        parts.extensions.insert(FormKey(key));
    }
    parts.extensions.insert(fields);
    Ok(next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await)
}

fn refused_field(name: &str) -> AppError {
    tracing::info!(
        field = name,
        "refused: control or bidi characters in a form"
    );
    AppError::Refused("input.refused_characters")
}

fn form_fields(body: &[u8]) -> AppResult<PostedFields> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
        .map_err(|_| AppError::BadRequest("unreadable form".into()))?;
    if let Some((name, _)) = pairs
        .iter()
        .find(|(name, value)| has_refused(name, false) || has_refused(value, true))
    {
        return Err(refused_field(name));
    }
    Ok(PostedFields(pairs))
}

/// The text parts of a multipart body; file parts are checked by name only.
async fn multipart_fields(body: Bytes, boundary: String) -> AppResult<PostedFields> {
    let unreadable = |_| AppError::BadRequest("unreadable upload".into());
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut fields = Vec::new();
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        if has_refused(&name, false) {
            return Err(refused_field(&name));
        }
        if let Some(file_name) = field.file_name() {
            if has_refused(file_name, false) {
                return Err(refused_field(&name));
            }
            while field.chunk().await.map_err(unreadable)?.is_some() {}
            continue;
        }
        let value = field.text().await.map_err(unreadable)?;
        if has_refused(&value, true) {
            return Err(refused_field(&name));
        }
        fields.push((name, value));
    }
    Ok(PostedFields(fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_direction_overrides_are_refused_line_breaks_only_in_text() {
        for c in [
            '\0', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{202e}', '\u{2066}',
        ] {
            assert!(is_refused(c, true), "{c:?}");
        }
        for c in ['\t', '\n', '\r'] {
            assert!(!is_refused(c, true) && is_refused(c, false), "{c:?}");
        }
        for c in ['广', 'a', ' ', '\u{200d}', '\u{3000}'] {
            assert!(!is_refused(c, false), "{c:?}");
        }
    }

    #[test]
    fn an_address_with_a_nul_or_an_override_is_not_clean() {
        let clean = |uri: &str| clean_uri(&uri.parse::<Uri>().expect("uri"));
        assert!(clean("/orgs?q=%E5%A4%A9%E6%B2%B3&status=active"));
        assert!(clean("/orgs?q=a+b"));
        assert!(!clean("/orgs?q=%00"));
        assert!(!clean("/orgs?q=%E2%80%AE"));
        assert!(!clean("/orgs?q=%FF%FE"));
        assert!(!clean("/orgs/%00"));
        assert!(!clean("/orgs?q%00=1"));
    }
}
