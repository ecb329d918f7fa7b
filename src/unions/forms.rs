//! The union form: what the user typed, and its parsing into [`UnionInput`].

use serde::{Deserialize, Serialize};

use super::db::{UnionInput, UnionRow};
use crate::identity::Level;
use crate::web::FieldErrors;
use crate::web::forms::{constraint_message, optional_text, required_text};

/// The union form as typed (kept verbatim to show again when refused).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct UnionForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub division_code: String,
    #[serde(default)]
    pub version: i32,
}

impl UnionForm {
    pub fn from_row(row: &UnionRow) -> Self {
        Self {
            name: row.name.clone(),
            level: row.level.as_str().to_owned(),
            division_code: row.division_code.clone().unwrap_or_default(),
            version: row.version,
        }
    }

    /// Checks the form for a union under `parent`, or returns the messages.
    pub fn parse(&self, parent: &UnionRow) -> Result<UnionInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(&mut errors, "name", &self.name, 100);
        let level = Level::parse(&self.level).filter(|level| *level > parent.level);
        if level.is_none() {
            errors.add("level", "unions.level_invalid");
        }
        let division_code = optional_text(&mut errors, "division_code", &self.division_code, 6);
        if let (Some(code), Some(level)) = (&division_code, level)
            && let Err(key) = check_division_code(code, level, parent)
        {
            errors.add("division_code", key);
        }
        match level {
            Some(level) if errors.is_empty() => Ok(UnionInput {
                name,
                level: level.as_str(),
                division_code,
            }),
            _ => Err(errors),
        }
    }
}

/// A division code fits its level (`PP0000` province, `PPCC00` prefecture,
/// `PPCCDD` county) and lies inside its parent's division.
fn check_division_code(code: &str, level: Level, parent: &UnionRow) -> Result<(), &'static str> {
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err("unions.code_format");
    }
    let fits_level = match level {
        Level::National => false,
        Level::Provincial => code.ends_with("0000"),
        Level::Municipal => code.ends_with("00") && !code.ends_with("0000"),
        Level::County => !code.ends_with("00"),
        Level::Grassroots => true,
    };
    if !fits_level {
        return Err("unions.code_level");
    }
    if let Some(parent_code) = &parent.division_code {
        let prefix = &parent_code[..parent.level.division_prefix_len().min(parent_code.len())];
        if !code.starts_with(prefix) {
            return Err("unions.code_outside_parent");
        }
    }
    Ok(())
}

/// Turns a refusal by the database into a message beside the right field.
pub fn constraint_error(error: &sqlx::Error) -> Option<FieldErrors> {
    constraint_message(
        error,
        &[
            (
                "unions_division_code_key",
                "division_code",
                "unions.code_taken",
            ),
            ("unions_level_nesting", "level", "unions.level_nesting"),
            ("unions_no_cycle", "parent_id", "unions.move_cycle"),
            ("unions_name_check", "name", "form.required"),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn parent(level: Level, code: Option<&str>) -> UnionRow {
        UnionRow {
            id: 2,
            parent_id: Some(1),
            level,
            name: "广东省总工会".into(),
            division_code: code.map(str::to_owned),
            path: "cn.u2".into(),
            contact_interval_days: 90,
            approval_threshold_fen: 50_000_000,
            version: 1,
            updated_at: Utc::now(),
        }
    }

    fn form(name: &str, level: &str, code: &str) -> UnionForm {
        UnionForm {
            name: name.into(),
            level: level.into(),
            division_code: code.into(),
            version: 0,
        }
    }

    #[test]
    fn a_city_under_its_province_is_accepted() {
        let input = form(" 广州市总工会 ", "municipal", "440100")
            .parse(&parent(Level::Provincial, Some("440000")))
            .expect("valid");
        assert_eq!(input.name, "广州市总工会");
        assert_eq!(input.division_code.as_deref(), Some("440100"));
    }

    #[test]
    fn codes_must_fit_the_level_and_the_parent() {
        let gd = parent(Level::Provincial, Some("440000"));
        let code_error = |f: UnionForm| {
            f.parse(&gd)
                .err()
                .and_then(|e| e.get("division_code").map(|m| m.key))
        };
        assert_eq!(
            code_error(form("x", "municipal", "4401")),
            Some("unions.code_format")
        );
        assert_eq!(
            code_error(form("x", "municipal", "440106")),
            Some("unions.code_level")
        );
        assert_eq!(
            code_error(form("x", "municipal", "110100")),
            Some("unions.code_outside_parent")
        );
        assert_eq!(code_error(form("x", "county", "440106")), None);
    }

    #[test]
    fn levels_nest_downward() {
        let county = parent(Level::County, None);
        let level_error = |l: &str| {
            form("x", l, "")
                .parse(&county)
                .err()
                .and_then(|e| e.get("level").map(|m| m.key))
        };
        assert_eq!(level_error("municipal"), Some("unions.level_invalid"));
        assert_eq!(level_error("county"), Some("unions.level_invalid"));
        assert_eq!(level_error("nonsense"), Some("unions.level_invalid"));
        assert_eq!(level_error("grassroots"), None);
    }
}
