//! The user's own account: changing the password (which ends every other
//! session) and choosing the language (remembered on the account).

use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::{Form, Router, routing::get, routing::post};
use serde::Deserialize;

use super::db;
use super::login::{LOCK_FOR, MAX_FAILURES};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::AppResult;
use crate::i18n::LANG_COOKIE;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::identity::password::MIN_LENGTH;
use crate::identity::session::SESSION_COOKIE;
use crate::state::AppState;
use crate::web::cookies::{self, Lifetime};
use crate::web::{Ctx, FieldErrors, Flash, flash, local_path, render, render_invalid};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(account_page))
        .route(
            "/account/password",
            get(password_form).post(change_password),
        )
        .route("/language", post(choose_language))
}

/// The user's own account: who they are, where, since when. (Its one indexed
/// query and one template also make it the load benchmark's baseline page.)
#[derive(Template)]
#[template(path = "auth/account.html")]
struct AccountPage {
    ctx: Ctx,
    last_login_at: Option<chrono::DateTime<chrono::Utc>>,
    created_at: chrono::DateTime<chrono::Utc>,
}

async fn account_page(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    let dates = db::account_dates(&mut tx, user.id).await?;
    tx.commit().await?;
    render(&AccountPage {
        ctx,
        last_login_at: dates.last_login_at,
        created_at: dates.created_at,
    })
}

#[derive(Template)]
#[template(path = "auth/password.html")]
struct PasswordPage {
    ctx: Ctx,
    errors: FieldErrors,
    min_length: usize,
}

async fn password_form(ctx: Ctx, _user: CurrentUser) -> AppResult<Response> {
    render(&PasswordPage {
        ctx,
        errors: FieldErrors::default(),
        min_length: MIN_LENGTH,
    })
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

/// Problems with a new password, whoever sets it.
pub fn check_new_password(
    errors: &mut FieldErrors,
    field: &'static str,
    password: &str,
    username: &str,
) {
    if password.chars().count() < MIN_LENGTH {
        errors.add_with(field, "account.password_too_short", MIN_LENGTH);
    } else if password.trim().to_lowercase() == username.to_lowercase() {
        errors.add(field, "account.password_is_username");
    }
}

async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    headers: HeaderMap,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    if !current_password_matches(&state, &mut tx, &form.current).await? {
        if count_wrong_current_password(&mut tx, &user).await? {
            // Someone guessing with a borrowed session: it ends here.
            tx.commit().await?;
            return logged_out(&state, &headers, "account.locked_out").await;
        }
        errors.add("current", "account.current_wrong");
    }
    check_password_form(&mut errors, &form, &user.username);
    if !errors.is_empty() {
        tx.commit().await?;
        return render_invalid(&PasswordPage {
            ctx,
            errors,
            min_length: MIN_LENGTH,
        });
    }
    let hash = state.hasher.hash(form.new).await;
    // The new hash ends every session of this user, this one included (a
    // trigger): the user logs in again with the new password.
    db::set_own_password(&mut tx, user.id, &hash).await?;
    audit::record(
        &mut tx,
        &user,
        Entry::new("user.password_changed", "user", user.id).at(user.union.id, &user.union.path),
    )
    .await?;
    tx.commit().await?;
    logged_out(&state, &headers, "account.password_changed").await
}

/// Whether `current` is the user's password, hashed under its settings and
/// compared by the database.
async fn current_password_matches(state: &AppState, tx: &mut Tx, current: &str) -> AppResult<bool> {
    let settings = db::own_password_settings(tx).await?;
    let candidate = state
        .hasher
        .candidate(current.to_owned(), settings.unwrap_or_default())
        .await;
    Ok(db::own_password_matches(tx, &candidate).await?)
}

/// The new password's problems, and the confirmation's.
fn check_password_form(errors: &mut FieldErrors, form: &PasswordForm, username: &str) {
    check_new_password(errors, "new", &form.new, username);
    if form.new == form.current && errors.get("new").is_none() {
        errors.add("new", "account.password_unchanged");
    }
    if form.confirm != form.new {
        errors.add("confirm", "account.confirm_mismatch");
    }
}

/// Counts a wrong current password like a failed login (and audits it);
/// true when that locked the account.
async fn count_wrong_current_password(tx: &mut Tx, user: &CurrentUser) -> AppResult<bool> {
    let locked = db::count_failure(tx, user.id, MAX_FAILURES, LOCK_FOR.as_secs_f64()).await?;
    audit::record(
        tx,
        user,
        Entry::new("user.password_change_failed", "user", user.id)
            .at(user.union.id, &user.union.path),
    )
    .await?;
    Ok(locked)
}

/// Ends this browser's session and sends it to the login page with `message`.
async fn logged_out(state: &AppState, headers: &HeaderMap, message: &str) -> AppResult<Response> {
    if let Some(token) = cookies::read(headers, SESSION_COOKIE) {
        super::login::end_session(state, &token).await?;
    }
    let mut response = flash::redirect("/login", Flash::new(message));
    cookies::clear(
        response.headers_mut(),
        SESSION_COOKIE,
        state.config.is_https(),
    );
    Ok(response)
}

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    #[serde(default)]
    back: String,
}

async fn choose_language(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
    Form(form): Form<LanguageForm>,
) -> AppResult<Response> {
    let lang = Lang::from_code(&form.lang).unwrap_or_default();
    if let Some(user) = &user {
        let mut tx = state.db.begin(&user.db_actor()).await?;
        db::set_locale(&mut tx, user.id, lang.code()).await?;
        tx.commit().await?;
    }
    let mut response = flash::see_other(local_path(Some(&form.back)));
    cookies::set(
        response.headers_mut(),
        LANG_COOKIE,
        lang.code(),
        Lifetime::Days(365),
        state.config.is_https(),
    );
    Ok(response)
}
