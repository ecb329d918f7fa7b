//! Creating an account (its first password is shown once) and editing one.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use super::db::{self, NewUser, UserEdit, UserRow};
use super::forms::UserForm;
use crate::audit::{self, Entry};
use crate::config::Secret;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::Role;
use crate::identity::{CurrentUser, tokens};
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::unions;
use crate::unions::db::UnionRow;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Template)]
#[template(path = "users/form.html")]
pub(super) struct UserFormPage {
    ctx: Ctx,
    /// The account being edited; `None` when creating.
    account: Option<UserRow>,
    form: UserForm,
    errors: FieldErrors,
    roles: Vec<Role>,
    unions: Vec<(i64, String, i32)>,
}

impl UserFormPage {
    async fn new(
        tx: &mut Tx,
        ctx: Ctx,
        account: Option<UserRow>,
        form: UserForm,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let unions = match &ctx.user {
            Some(user) => {
                unions::db::picker_options(tx, user.union.id, form.union_id.parse().ok()).await?
            }
            None => Vec::new(),
        };
        Ok(Self {
            ctx,
            form,
            errors,
            roles: role_options(account.as_ref()),
            account,
            unions,
        })
    }
}

/// The roles the form offers: an organization's account keeps its role; others
/// may be given any role but that one (organizations are invited from their record).
fn role_options(account: Option<&UserRow>) -> Vec<Role> {
    match account {
        Some(account) if account.role == Role::Org => vec![Role::Org],
        _ => Role::ALL.into_iter().filter(|r| *r != Role::Org).collect(),
    }
}

/// Whether `user` may give `role` at `union` to `account` (a new one when
/// `None`), as messages beside the fields. A union outside the scope is `None`.
fn grant_errors(
    user: &CurrentUser,
    account: Option<&UserRow>,
    role: Role,
    union: Option<&UnionRow>,
) -> FieldErrors {
    let mut errors = FieldErrors::default();
    match (account, union) {
        (_, None) => errors.add("union_id", "form.choose"),
        // An organization's account stays with its organization and home union.
        (Some(account), Some(union)) if account.role == Role::Org => {
            if role != Role::Org {
                errors.add("role", "users.org_role_fixed");
            }
            if union.id != account.union_id {
                errors.add("union_id", "users.org_union_fixed");
            }
        }
        (_, Some(union)) => {
            let grant = Action::AssignRole {
                role,
                union_path: &union.path,
            };
            if !policy::permits(user, &grant) {
                errors.add("role", "users.role_not_grantable");
            }
        }
    }
    errors
}

/// The page that shows a new password, once.
#[derive(Debug, Template)]
#[template(path = "users/password_shown.html")]
pub struct PasswordShownPage {
    pub ctx: Ctx,
    /// Where the "continue" button leads.
    pub back: String,
    pub username: String,
    pub password: Secret,
    pub created: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct NewUserQuery {
    #[serde(default)]
    union: String,
}

pub async fn new_user_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<NewUserQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListUsers)?;
    let form = UserForm {
        role: Role::Staff.as_str().to_owned(),
        union_id: if query.union.is_empty() {
            user.union.id.to_string()
        } else {
            query.union
        },
        ..UserForm::default()
    };
    render(&UserFormPage::new(&mut tx, ctx, None, form, FieldErrors::default()).await?)
}

pub async fn create_user(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Form(form): Form<UserForm>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListUsers)?;
    let parsed = match form.parse(true) {
        Ok(parsed) => parsed,
        Err(errors) => {
            return render_invalid(&UserFormPage::new(&mut tx, ctx, None, form, errors).await?);
        }
    };
    let union = unions::db::find(&mut tx, parsed.union_id).await?;
    let errors = grant_errors(&user, None, parsed.role, union.as_ref());
    if !errors.is_empty() {
        return render_invalid(&UserFormPage::new(&mut tx, ctx, None, form, errors).await?);
    }
    let password = tokens::readable_password();
    let new_user = NewUser {
        username: parsed.username,
        display_name: parsed.display_name,
        role: parsed.role.as_str(),
        union_id: parsed.union_id,
        org_id: None,
        password_hash: state.hasher.hash(password.clone()).await,
        must_change_password: true,
    };
    let Some(id) = db::insert(&mut tx, &new_user).await? else {
        let mut errors = FieldErrors::default();
        errors.add("username", "users.username_taken");
        return render_invalid(&UserFormPage::new(&mut tx, ctx, None, form, errors).await?);
    };
    let union = union.ok_or(AppError::NotFound)?;
    audit::record(
        &mut tx,
        &user,
        Entry::new("user.created", "user", id)
            .at(union.id, &union.path)
            .created(&new_user),
    )
    .await?;
    tx.commit().await?;
    render(&PasswordShownPage {
        ctx,
        back: format!("/users/{id}"),
        username: new_user.username,
        password: Secret::new(password),
        created: true,
    })
}

pub async fn edit_user_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let account = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::ManageUser {
            user_id: account.id,
            union_path: &account.union_path,
            role: account.role,
        },
    )?;
    let form = form_of(&account);
    render(&UserFormPage::new(&mut tx, ctx, Some(account), form, FieldErrors::default()).await?)
}

fn form_of(account: &UserRow) -> UserForm {
    UserForm {
        username: account.username.clone(),
        display_name: account.display_name.clone(),
        role: account.role.as_str().to_owned(),
        union_id: account.union_id.to_string(),
        version: account.version,
    }
}

pub async fn update_user(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(mut form): Form<UserForm>,
) -> AppResult<Response> {
    let account = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::ManageUser {
            user_id: account.id,
            union_path: &account.union_path,
            role: account.role,
        },
    )?;
    form.username = account.username.clone();
    let parsed = match form.parse(false) {
        Ok(parsed) => parsed,
        Err(errors) => {
            return render_invalid(
                &UserFormPage::new(&mut tx, ctx, Some(account), form, errors).await?,
            );
        }
    };
    let union = unions::db::find(&mut tx, parsed.union_id).await?;
    let mut errors = grant_errors(&user, Some(&account), parsed.role, union.as_ref());
    let edit = UserEdit {
        display_name: parsed.display_name,
        role: parsed.role.as_str(),
        union_id: parsed.union_id,
    };
    if errors.is_empty() && !db::update(&mut tx, id, form.version, &edit).await? {
        errors.add("version", "form.conflict");
        let current = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        form.version = current.version;
        return render_invalid(
            &UserFormPage::new(&mut tx, ctx, Some(current), form, errors).await?,
        );
    }
    let Some(union) = union.filter(|_| errors.is_empty()) else {
        return render_invalid(
            &UserFormPage::new(&mut tx, ctx, Some(account), form, errors).await?,
        );
    };
    audit_edit(&mut tx, &user, &account, &edit, &union).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/users/{id}"),
        Flash::new("form.saved"),
    ))
}

/// Audits `edit` of `account` (now at `union`), unless it changed nothing.
async fn audit_edit(
    tx: &mut Tx,
    user: &CurrentUser,
    account: &UserRow,
    edit: &UserEdit,
    union: &UnionRow,
) -> AppResult<()> {
    let before = UserEdit {
        display_name: account.display_name.clone(),
        role: account.role.as_str(),
        union_id: account.union_id,
    };
    let entry = Entry::new("user.updated", "user", account.id)
        .at(union.id, &union.path)
        .diff(&before, edit);
    if !entry.is_empty() {
        audit::record(tx, user, entry).await?;
    }
    Ok(())
}
