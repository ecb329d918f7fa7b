//! The signed-in user of a request: who they are, their role and union, and
//! the actor row-level security sees for them. A handler that takes
//! [`CurrentUser`] requires a login.

use crate::db::list::ListScope;
use std::net::IpAddr;
use std::ops::Deref;
use std::sync::Arc;

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use uuid::Uuid;

use super::{Level, Role};
use crate::config::Secret;
use crate::db::Actor;
use crate::error::AppError;
use crate::i18n::Lang;

/// The logged-in user of this request. Taking it as an argument makes a handler
/// require a login.
#[derive(Clone, Debug)]
pub struct CurrentUser(Arc<SessionUser>);

#[derive(Debug)]
pub struct SessionUser {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub lang: Lang,
    pub must_change_password: bool,
    pub union: UnionRef,
    pub org_id: Option<Uuid>,
    /// The form token of this session (shown as *** in Debug output).
    pub csrf_token: Secret,
    /// The client address of this request, for the audit log.
    pub ip: IpAddr,
    /// The union's ancestors and itself, root first: (id, name).
    pub trail: Vec<(i64, String)>,
}

/// The user's own union.
#[derive(Clone, Debug)]
pub struct UnionRef {
    pub id: i64,
    pub path: String,
    pub name: String,
    pub level: Level,
}

impl Deref for CurrentUser {
    type Target = SessionUser;

    fn deref(&self) -> &SessionUser {
        &self.0
    }
}

impl CurrentUser {
    /// Wraps a resolved user.
    pub fn new(user: SessionUser) -> Self {
        Self(Arc::new(user))
    }

    /// The rows this user's lists read, if they read any: a cadre's subtree,
    /// an organization's own rows, an evaluator's supervised ones.
    pub fn list_scope(&self) -> Option<ListScope> {
        if self.role.works_in_scope() {
            Some(ListScope::of_path(&self.union.path))
        } else if let Some(org_id) = self.org_id {
            Some(ListScope::Org(org_id))
        } else if self.role == Role::Evaluator {
            Some(ListScope::Supervisor(self.id))
        } else {
            None
        }
    }
}

impl SessionUser {
    /// The user as row-level security sees them: union cadres see their union's
    /// subtree; reviewers, evaluators and organizations no subtree at all, only
    /// what is assigned to them or is their own.
    pub fn db_actor(&self) -> Actor {
        Actor {
            scope: self.role.works_in_scope().then(|| self.union.path.clone()),
            user_id: Some(self.id),
            org_id: self.org_id,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<CurrentUser>()
            .cloned()
            .ok_or(AppError::LoginRequired)
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for CurrentUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<CurrentUser>().cloned())
    }
}

/// The login form's CSRF token for a visitor without a session.
#[derive(Clone, Debug)]
pub struct PreSessionToken(pub String);
