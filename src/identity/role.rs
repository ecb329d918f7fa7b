//! The roles of DOMAIN.md. Stored as text; the database checks the same list.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Admin,
    Staff,
    Viewer,
    Reviewer,
    Evaluator,
    Org,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Staff,
        Role::Viewer,
        Role::Reviewer,
        Role::Evaluator,
        Role::Org,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Viewer => "viewer",
            Role::Reviewer => "reviewer",
            Role::Evaluator => "evaluator",
            Role::Org => "org",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == value)
    }

    /// The catalog key of the role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Admin => "role.admin",
            Role::Staff => "role.staff",
            Role::Viewer => "role.viewer",
            Role::Reviewer => "role.reviewer",
            Role::Evaluator => "role.evaluator",
            Role::Org => "role.org",
        }
    }

    /// Union cadres and leaders work over their union's whole subtree; reviewers,
    /// evaluators and organizations see only what is assigned or belongs to them.
    pub fn works_in_scope(self) -> bool {
        matches!(self, Role::Admin | Role::Staff | Role::Viewer)
    }

    /// Rank for "nobody raises their own role": lower is more powerful. Roles
    /// outside the union hierarchy (reviewer, evaluator, org) rank below viewer.
    pub fn rank(self) -> u8 {
        match self {
            Role::Admin => 0,
            Role::Staff => 1,
            Role::Viewer => 2,
            Role::Reviewer | Role::Evaluator => 3,
            Role::Org => 4,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

crate::text_column!(Role);

impl TryFrom<String> for Role {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value).ok_or_else(|| format!("unknown role {value}"))
    }
}
