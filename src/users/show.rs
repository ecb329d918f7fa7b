//! One account's page and the admin's actions on it: disable (with
//! confirmation), enable, unlock, and reset the password (shown once).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use uuid::Uuid;

use super::db::{self, UserRow};
use super::edit::PasswordShownPage;
use crate::audit::{self, Entry};
use crate::config::Secret;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::{CurrentUser, tokens};
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::web::{Ctx, Flash, flash, format, render};

#[derive(Template)]
#[template(path = "users/show.html")]
struct UserPage {
    ctx: Ctx,
    account: UserRow,
    can_manage: bool,
    history: Vec<crate::audit_log::EntryView>,
}

impl UserPage {
    fn when(&self, at: &Option<chrono::DateTime<chrono::Utc>>) -> String {
        at.as_ref().map(format::datetime).unwrap_or_default()
    }

    fn at(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        format::datetime(at)
    }
}

/// The confirmation step of an irreversible action, usable without scripts.
#[derive(Template)]
#[template(path = "users/confirm.html")]
struct ConfirmPage {
    ctx: Ctx,
    account: UserRow,
    /// `disable` or `reset-password`.
    action: &'static str,
}

pub async fn show_user(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListUsers)?;
    let account = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let history = crate::audit_log::history(&mut tx, "user", &id.to_string()).await?;
    tx.commit().await?;
    render(&UserPage {
        can_manage: policy::permits(
            &user,
            &Action::ManageUser {
                user_id: id,
                union_path: &account.union_path,
                role: account.role,
            },
        ),
        ctx,
        account,
        history,
    })
}

/// Finds an account the user may manage.
async fn managed(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<UserRow> {
    let account = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        user,
        &Action::ManageUser {
            user_id: id,
            union_path: &account.union_path,
            role: account.role,
        },
    )?;
    Ok(account)
}

pub async fn confirm_disable(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let account = managed(&mut tx, &user, id).await?;
    render(&ConfirmPage {
        ctx,
        account,
        action: "disable",
    })
}

pub async fn confirm_reset(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let account = managed(&mut tx, &user, id).await?;
    render(&ConfirmPage {
        ctx,
        account,
        action: "reset-password",
    })
}

pub async fn disable_user(user: CurrentUser, tx: Tx, Path(id): Path<Uuid>) -> AppResult<Response> {
    set_disabled(user, tx, id, true).await
}

pub async fn enable_user(user: CurrentUser, tx: Tx, Path(id): Path<Uuid>) -> AppResult<Response> {
    set_disabled(user, tx, id, false).await
}

async fn set_disabled(
    user: CurrentUser,
    mut tx: Tx,
    id: Uuid,
    disabled: bool,
) -> AppResult<Response> {
    let account = managed(&mut tx, &user, id).await?;
    if db::set_disabled(&mut tx, id, disabled).await? {
        let action = if disabled {
            "user.disabled"
        } else {
            "user.enabled"
        };
        audit::record(
            &mut tx,
            &user,
            Entry::new(action, "user", id).at(account.union_id, &account.union_path),
        )
        .await?;
    }
    tx.commit().await?;
    let message = if disabled {
        "users.disabled"
    } else {
        "users.enabled"
    };
    Ok(flash::redirect(
        &format!("/users/{id}"),
        Flash::with_arg(message, &account.username),
    ))
}

pub async fn unlock_user(
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let account = managed(&mut tx, &user, id).await?;
    if db::unlock(&mut tx, id).await? {
        audit::record(
            &mut tx,
            &user,
            Entry::new("user.unlocked", "user", id).at(account.union_id, &account.union_path),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/users/{id}"),
        Flash::with_arg("users.unlocked", &account.username),
    ))
}

pub async fn reset_password(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let account = managed(&mut tx, &user, id).await?;
    let password = tokens::readable_password();
    let hash = state.hasher.hash(password.clone()).await;
    db::set_password(&mut tx, id, &hash, true).await?;
    audit::record(
        &mut tx,
        &user,
        Entry::new("user.password_reset", "user", id).at(account.union_id, &account.union_path),
    )
    .await?;
    tx.commit().await?;
    render(&PasswordShownPage {
        ctx,
        back: format!("/users/{id}"),
        username: account.username,
        password: Secret::new(password),
        created: false,
    })
}
