//! The scoped transaction as a handler's argument: a transaction acting for
//! the logged-in user. Without a login the handler never runs (the user is
//! sent to the login page). A posted form's idempotency key is claimed in it
//! first: if an earlier sending of the same form was saved, the handler does
//! not run.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::Method;
use axum::http::request::Parts;

use super::CurrentUser;
use crate::db::{Db, FormKey, Tx};
use crate::error::AppError;

impl<S> FromRequestParts<S> for Tx
where
    Db: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        let db = Db::from_ref(state);
        let mut tx = db.begin(&user.db_actor()).await?;
        if parts.method == Method::POST
            && let Some(key) = parts.extensions.get::<FormKey>().copied()
            && !key.claim(&mut tx, user.id).await?
        {
            return Err(AppError::AlreadySubmitted);
        }
        Ok(tx)
    }
}
