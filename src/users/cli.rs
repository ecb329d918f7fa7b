//! `niudai user add`: the first admin on a real database, or any account
//! from the command line. Runs as the owner with the national scope.

use sqlx::PgPool;

use super::db::{self, NewUser};
use super::forms::valid_username;
use crate::audit::{self, Entry};
use crate::db::{Actor, Tx};
use crate::identity::Role;
use crate::identity::password::{MIN_LENGTH, hash_blocking};
use crate::unions;

#[derive(Debug, thiserror::Error)]
pub enum AddUserError {
    #[error("no union with id or division code {0}")]
    UnknownUnion(String),
    #[error("unknown role {0} (admin, staff, viewer, reviewer, evaluator)")]
    UnknownRole(String),
    #[error("organization accounts are invited from the organization's record")]
    OrgRole,
    #[error("a username is 3–40 lower-case letters, digits, '.', '_' or '-'")]
    BadUsername,
    #[error(
        "the password needs at least {MIN_LENGTH} characters and must differ from the username"
    )]
    WeakPassword,
    #[error("the username {0} is already taken")]
    Taken(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

pub struct AddUser<'a> {
    pub union: &'a str,
    pub role: &'a str,
    pub username: &'a str,
    pub display_name: Option<&'a str>,
    pub password: &'a str,
}

impl std::fmt::Debug for AddUser<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AddUser")
            .field("union", &self.union)
            .field("role", &self.role)
            .field("username", &self.username)
            .field("display_name", &self.display_name)
            .finish_non_exhaustive()
    }
}

pub async fn add_user(pool: &PgPool, request: AddUser<'_>) -> Result<(), AddUserError> {
    let role = Role::parse(request.role)
        .ok_or_else(|| AddUserError::UnknownRole(request.role.to_owned()))?;
    if role == Role::Org {
        return Err(AddUserError::OrgRole);
    }
    let username = request.username.trim().to_lowercase();
    if !valid_username(&username) {
        return Err(AddUserError::BadUsername);
    }
    if request.password.chars().count() < MIN_LENGTH || request.password.to_lowercase() == username
    {
        return Err(AddUserError::WeakPassword);
    }
    let hash = {
        let password = request.password.to_owned();
        tokio::task::spawn_blocking(move || hash_blocking(&password))
            .await
            .expect("hashing does not panic")
    };
    let mut tx = Tx::begin(pool, &Actor::national_system()).await?;
    let union = unions::db::find_by_id_or_code(&mut tx, request.union)
        .await?
        .ok_or_else(|| AddUserError::UnknownUnion(request.union.to_owned()))?;
    let new_user = NewUser {
        display_name: request.display_name.unwrap_or(&username).to_owned(),
        username: username.clone(),
        role: role.as_str(),
        union_id: union.id,
        org_id: None,
        password_hash: hash,
        must_change_password: false,
    };
    let Some(id) = db::insert(&mut tx, &new_user).await? else {
        return Err(AddUserError::Taken(username));
    };
    let entry = Entry::new("user.created", "user", id)
        .at(union.id, &union.path)
        .created(&new_user);
    audit::record_from_command_line(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}
