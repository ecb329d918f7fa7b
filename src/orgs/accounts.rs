//! Inviting an organization's account (role `org`, bound to the organization):
//! its first password is shown once, and must be changed at first login.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db;
use super::show::{InvalidForm, OrgPage};
use crate::audit::{self, Entry};
use crate::config::Secret;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::Role;
use crate::identity::{CurrentUser, tokens};
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::users::forms::valid_username;
use crate::users::{self, PasswordShownPage};
use crate::web::forms::required_text;
use crate::web::{Ctx, FieldErrors, render, render_invalid};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct InviteForm {
    pub username: String,
    pub display_name: String,
}

pub async fn invite_account(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<InviteForm>,
) -> AppResult<Response> {
    let org = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditOrg {
            union_path: &org.union_path,
        },
    )?;
    let mut errors = FieldErrors::default();
    let username = form.username.trim().to_lowercase();
    if !valid_username(&username) {
        errors.add("username", "users.username_format");
    }
    let display_name = required_text(&mut errors, "display_name", &form.display_name, 50);
    let password = tokens::readable_password();
    let mut new_user = users::db::NewUser {
        username,
        display_name,
        role: Role::Org.as_str(),
        union_id: org.union_id,
        org_id: Some(org.id),
        password_hash: String::new(),
        must_change_password: true,
    };
    let account_id = if errors.is_empty() {
        new_user.password_hash = state.hasher.hash(password.clone()).await;
        users::db::insert(&mut tx, &new_user).await?
    } else {
        None
    };
    let Some(account_id) = account_id else {
        if errors.is_empty() {
            errors.add("username", "users.username_taken");
        }
        let page =
            OrgPage::load(&mut tx, ctx, &user, org, InvalidForm::Invite(form, errors)).await?;
        return render_invalid(&page);
    };
    let entry = Entry::new("user.created", "user", account_id)
        .at(org.union_id, &org.union_path)
        .created(&new_user);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    render(&PasswordShownPage {
        ctx,
        back: format!("/orgs/{id}#accounts"),
        username: new_user.username,
        password: Secret::new(password),
        created: true,
    })
}
