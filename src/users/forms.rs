//! The account form: what an admin typed, and its checks.

use serde::{Deserialize, Serialize};

use crate::identity::Role;
use crate::web::FieldErrors;
use crate::web::forms::required_text;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct UserForm {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub union_id: String,
    #[serde(default)]
    pub version: i32,
}

/// The form's fields once each is valid on its own; whether the admin may
/// grant this role at this union is decided by the policy afterwards.
#[derive(Debug)]
pub struct ParsedUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub union_id: i64,
}

impl UserForm {
    /// Checks the form; `with_username` when creating (a username never changes).
    pub fn parse(&self, with_username: bool) -> Result<ParsedUser, FieldErrors> {
        let mut errors = FieldErrors::default();
        let username = self.username.trim().to_lowercase();
        if with_username && !valid_username(&username) {
            errors.add("username", "users.username_format");
        }
        let display_name = required_text(&mut errors, "display_name", &self.display_name, 50);
        let role = Role::parse(&self.role);
        if role.is_none() {
            errors.add("role", "form.choose");
        }
        let union_id = self.union_id.trim().parse::<i64>().ok();
        if union_id.is_none() {
            errors.add("union_id", "form.choose");
        }
        match (role, union_id) {
            (Some(role), Some(union_id)) if errors.is_empty() => Ok(ParsedUser {
                username,
                display_name,
                role,
                union_id,
            }),
            _ => Err(errors),
        }
    }
}

/// 3–40 characters: lower-case letters, digits, `.`, `_`, `-`, starting with a
/// letter or digit (the database checks the same).
pub fn valid_username(username: &str) -> bool {
    let bytes = username.as_bytes();
    (3..=40).contains(&bytes.len())
        && bytes[0].is_ascii_alphanumeric()
        && bytes.iter().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_plain_lower_case() {
        assert!(valid_username("gz-staff"));
        assert!(valid_username("reviewer.1"));
        assert!(!valid_username("ab"));
        assert!(!valid_username("-abc"));
        assert!(!valid_username("张三"));
        assert!(!valid_username("GZ-staff"));
    }

    #[test]
    fn a_form_lists_every_missing_field() {
        let errors = UserForm::default().parse(true).expect_err("empty form");
        for field in ["username", "display_name", "role", "union_id"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
    }
}
