//! One error type for every handler. Each variant maps to a status; the styled
//! page in the user's language is drawn by `web::error_pages`, which sees the
//! request. Internal causes are logged here, once, and never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub type AppResult<T> = Result<T, AppError>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Missing, or another tenant's: the two must look the same.
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("login required")]
    LoginRequired,
    #[error("CSRF check failed: {0}")]
    Csrf(&'static str),
    /// Over a rate limit; the client may try again after the duration.
    #[error("too many requests")]
    TooManyRequests(std::time::Duration),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("internal error: {0}")]
    Internal(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Template(#[from] askama::Error),
}

/// Marks a response that should become a redirect to the login page.
#[derive(Clone, Copy, Debug)]
pub struct LoginRedirect;

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf(_) => StatusCode::FORBIDDEN,
            AppError::LoginRequired => StatusCode::UNAUTHORIZED,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Database(sqlx::Error::RowNotFound) => StatusCode::NOT_FOUND,
            AppError::Database(_) | AppError::Template(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        match &self {
            AppError::Csrf(reason) => tracing::warn!(reason, "request refused by the CSRF check"),
            AppError::BadRequest(reason) => tracing::info!(reason, "bad request"),
            _ if status.is_server_error() => tracing::error!(error = %self, "request failed"),
            _ => {}
        }
        let mut response = status.into_response();
        match self {
            AppError::LoginRequired => {
                response.extensions_mut().insert(LoginRedirect);
            }
            AppError::TooManyRequests(wait) => {
                // Whole seconds, rounded up: "0" would invite an immediate retry.
                let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                response.headers_mut().insert(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from(seconds.max(1)),
                );
            }
            _ => {}
        }
        response
    }
}
