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
    /// Input refused as a whole, with the catalog key of the reason shown on
    /// the error page (a form carrying control characters, say).
    #[error("input refused: {0}")]
    Refused(&'static str),
    /// A form sent again after its first sending was saved: nothing new is
    /// written (see `web::input::FormKey`).
    #[error("form already submitted")]
    AlreadySubmitted,
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

/// The catalog key of the message an error page should show instead of its
/// status's usual one.
#[derive(Clone, Copy, Debug)]
pub struct ErrorMessage(pub &'static str);

/// Whether the database could not be reached or went away mid-request (an
/// outage, a restart, a connection cut), as opposed to refusing the request:
/// the answer is 503, and a write may or may not have been saved.
fn is_unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            // Connection exceptions, and shutdown or start-up in progress.
            code.starts_with("08") || matches!(code.as_ref(), "57P01" | "57P02" | "57P03")
        }),
        _ => false,
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf(_) => StatusCode::FORBIDDEN,
            AppError::LoginRequired => StatusCode::UNAUTHORIZED,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::BadRequest(_) | AppError::Refused(_) => StatusCode::BAD_REQUEST,
            AppError::AlreadySubmitted => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Database(sqlx::Error::RowNotFound) => StatusCode::NOT_FOUND,
            AppError::Database(error) if is_unavailable(error) => StatusCode::SERVICE_UNAVAILABLE,
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
            AppError::Database(error) if is_unavailable(error) => {
                tracing::warn!(%error, "database unavailable");
            }
            _ if status.is_server_error() => tracing::error!(error = %self, "request failed"),
            _ => {}
        }
        let mut response = status.into_response();
        match self {
            AppError::LoginRequired => {
                response.extensions_mut().insert(LoginRedirect);
            }
            AppError::Refused(key) => {
                response.extensions_mut().insert(ErrorMessage(key));
            }
            AppError::AlreadySubmitted => {
                response
                    .extensions_mut()
                    .insert(ErrorMessage("error.already_submitted"));
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
