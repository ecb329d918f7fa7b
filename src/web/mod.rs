//! The web shell shared by every area: page context, language, flash messages,
//! forms, pagination, formatting, cookies, security headers, error pages and
//! static assets.

pub mod assets;
pub mod choices;
pub mod client_ip;
pub mod cookies;
pub mod csrf;
pub mod ctx;
pub mod denials;
pub mod error_pages;
pub mod flash;
pub mod format;
pub mod forms;
pub mod headers;
pub mod input;
pub mod money;
pub mod overdue;
pub mod pagination;
pub mod panels;
pub mod session;
pub mod tone;
pub mod validate;

pub use client_ip::ClientIp;
pub use ctx::{Crumb, Ctx};
pub use flash::Flash;
pub use forms::FieldErrors;

use askama::Template;
use axum::response::{Html, IntoResponse, Response};

use crate::error::AppResult;

/// Renders a page.
pub fn render(page: &impl Template) -> AppResult<Response> {
    Ok(Html(page.render()?).into_response())
}

/// Renders a form that came back with problems: 422, so that tests and tools
/// can tell it from a page shown for the first time.
pub fn render_invalid(page: &impl Template) -> AppResult<Response> {
    Ok((
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        Html(page.render()?),
    )
        .into_response())
}

/// A path inside this site to go back to after an action, or `/`. Browsers
/// drop tabs and newlines from URLs and read `\\` as `/`, so a path with
/// either could turn into `//elsewhere`: such paths are refused outright.
pub fn local_path(candidate: Option<&str>) -> &str {
    match candidate {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path
        }
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/users?role=admin")), "/users?role=admin");
        assert_eq!(local_path(Some("//evil.example/")), "/");
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        assert_eq!(local_path(Some("https://evil.example/")), "/");
        assert_eq!(local_path(Some("/\t/evil.example")), "/");
        assert_eq!(local_path(Some("/\t\\evil.example")), "/");
        assert_eq!(local_path(Some("/%09/evil.example")), "/%09/evil.example");
        assert_eq!(local_path(None), "/");
    }
}
