//! Sessions: an opaque random token in an HttpOnly cookie, stored hashed in
//! PostgreSQL (so several servers share them), ended by logout, 30 minutes of
//! idleness or 12 hours of age. The middleware here resolves the cookie into a
//! [`CurrentUser`] on every request.

use std::net::IpAddr;
use std::ops::Deref;
use std::sync::Arc;

use axum::extract::{FromRequestParts, OptionalFromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use uuid::Uuid;

use super::tokens;
use crate::config::Secret;
use crate::db::Actor;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::unions::Level;
use crate::users::Role;
use crate::web::client_ip::client_ip;
use crate::web::cookies::{self, Lifetime};
use crate::web::flash;
use crate::web::i18n::{LANG_COOKIE, Lang};

pub const SESSION_COOKIE: &str = "niudai_session";
/// Before login there is no session; the login form's CSRF token lives here.
pub const PRE_SESSION_COOKIE: &str = "niudai_csrf";

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
    /// The user as row-level security sees them.
    pub fn db_actor(&self) -> Actor {
        crate::policy::db_actor(self)
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

#[derive(sqlx::FromRow)]
struct SessionRow {
    user_id: Uuid,
    username: String,
    display_name: String,
    #[sqlx(try_from = "String")]
    role: Role,
    locale: String,
    must_change_password: bool,
    union_id: i64,
    union_path: String,
    union_name: String,
    #[sqlx(try_from = "String")]
    union_level: Level,
    org_id: Option<Uuid>,
    csrf_token: String,
    trail_ids: Vec<i64>,
    trail_names: Vec<String>,
}

/// The user behind a session token, if the session is alive.
pub async fn resolve(state: &AppState, token: &str, ip: IpAddr) -> AppResult<Option<CurrentUser>> {
    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    let row: Option<SessionRow> = sqlx::query_as(
        "select user_id, username, display_name, role, locale, must_change_password,
                union_id, union_path, union_name, union_level, org_id, csrf_token,
                trail_ids, trail_names
           from auth_session_resolve($1, $2 * interval '1 second', $3 * interval '1 second')",
    )
    .bind(tokens::token_hash(token))
    .bind(state.config.session_idle().as_secs_f64())
    .bind(state.config.session_absolute().as_secs_f64())
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(row.map(|row| {
        CurrentUser(Arc::new(SessionUser {
            id: row.user_id,
            username: row.username,
            display_name: row.display_name,
            role: row.role,
            lang: Lang::from_code(&row.locale).unwrap_or_default(),
            must_change_password: row.must_change_password,
            union: UnionRef {
                id: row.union_id,
                path: row.union_path,
                name: row.union_name,
                level: row.union_level,
            },
            org_id: row.org_id,
            csrf_token: Secret::new(row.csrf_token),
            ip,
            trail: row.trail_ids.into_iter().zip(row.trail_names).collect(),
        }))
    }))
}

/// Paths a user who must change their password may still reach.
fn allowed_before_password_change(path: &str) -> bool {
    matches!(
        path,
        "/account/password" | "/logout" | "/login" | "/language" | "/healthz"
    ) || path.starts_with("/static/")
}

/// Resolves the session cookie into a [`CurrentUser`] (or a pre-session CSRF
/// token for visitors), and keeps the language cookie in step with the user's
/// choice.
pub async fn layer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> AppResult<Response> {
    let secure = state.config.is_https();
    let token = cookies::read(req.headers(), SESSION_COOKIE);
    let ip = client_ip(
        req.headers(),
        req.extensions(),
        &state.config.trusted_proxies,
    );
    let user = match &token {
        Some(token) => resolve(&state, token, ip).await?,
        None => None,
    };
    let stale_cookie = token.is_some() && user.is_none();
    let lang_cookie = cookies::read(req.headers(), LANG_COOKIE);
    let mut new_pre_session_token = None;

    if let Some(user) = &user {
        tracing::Span::current()
            .record("user_id", tracing::field::display(user.id))
            .record("union_id", user.union.id);
        req.extensions_mut().insert(user.clone());
        if user.must_change_password && !allowed_before_password_change(req.uri().path()) {
            return Ok(flash::redirect(
                "/account/password",
                flash::Flash::new("account.must_change_password"),
            ));
        }
    } else {
        let token = cookies::read(req.headers(), PRE_SESSION_COOKIE)
            .filter(|t| t.len() == 43)
            .unwrap_or_else(|| {
                let fresh = tokens::random_token();
                new_pre_session_token = Some(fresh.clone());
                fresh
            });
        req.extensions_mut().insert(PreSessionToken(token));
    }

    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    if stale_cookie && !cookies::is_set(headers, SESSION_COOKIE) {
        cookies::clear(headers, SESSION_COOKIE, secure);
    }
    // Only pages carry forms; assets and health checks need no token.
    let is_page = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if let Some(fresh) = new_pre_session_token
        && is_page
        && !cookies::is_set(headers, PRE_SESSION_COOKIE)
    {
        cookies::set(
            headers,
            PRE_SESSION_COOKIE,
            &fresh,
            Lifetime::Session,
            secure,
        );
    }
    if let Some(user) = user {
        if lang_cookie.as_deref() != Some(user.lang.code())
            && !cookies::is_set(headers, LANG_COOKIE)
        {
            cookies::set(
                headers,
                LANG_COOKIE,
                user.lang.code(),
                Lifetime::Days(365),
                secure,
            );
        }
        // Lets the error pages, drawn outside this layer, show the user's navigation.
        response.extensions_mut().insert(user);
    }
    Ok(response)
}
