//! The work system's forms: what an admin typed, kept verbatim to show again,
//! and its parsing into the record's fields with a message beside each field.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::{StaffRow, WorkSystemRow, WorkYearRow};
use super::{DocumentLabel, year_in_range};
use crate::web::FieldErrors;
use crate::web::forms::{optional_text, required_text};
use crate::web::money::Fen;
use crate::web::validate::is_phone;

/// The leader, the department and one year's funding line.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct WorkSystemForm {
    pub leader_name: String,
    pub leader_title: String,
    pub department: String,
    pub year: String,
    pub funding_yuan: String,
    pub funding_note: String,
    /// The work system's version when the form was opened (0: not yet set).
    pub version: i32,
}

/// The form's fields, valid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkSystemInput {
    pub leader_name: Option<String>,
    pub leader_title: Option<String>,
    pub department: Option<String>,
    pub year: i32,
    pub funding_fen: Option<i64>,
    pub funding_note: Option<String>,
}

impl WorkSystemForm {
    /// The form filled with what is saved, for `year`.
    pub fn of(system: Option<&WorkSystemRow>, year: i32, line: Option<&WorkYearRow>) -> Self {
        Self {
            leader_name: system
                .and_then(|s| s.leader_name.clone())
                .unwrap_or_default(),
            leader_title: system
                .and_then(|s| s.leader_title.clone())
                .unwrap_or_default(),
            department: system
                .and_then(|s| s.department.clone())
                .unwrap_or_default(),
            year: year.to_string(),
            funding_yuan: line
                .and_then(|l| l.funding_fen)
                .map(|fen| Fen(fen).to_yuan_input())
                .unwrap_or_default(),
            funding_note: line
                .and_then(|l| l.funding_note.clone())
                .unwrap_or_default(),
            version: system.map_or(0, |s| s.version),
        }
    }

    pub fn parse(&self) -> Result<WorkSystemInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let leader_name = optional_text(&mut errors, "leader_name", &self.leader_name, 50);
        let leader_title = optional_text(&mut errors, "leader_title", &self.leader_title, 100);
        if leader_title.is_some() && leader_name.is_none() && errors.get("leader_name").is_none() {
            errors.add("leader_name", "work_system.leader_name_needed");
        }
        let department = optional_text(&mut errors, "department", &self.department, 100);
        let year = parse_year(&mut errors, "year", &self.year);
        let funding_fen = match self.funding_yuan.trim() {
            "" => None,
            typed => {
                let fen = Fen::parse_yuan(typed);
                if fen.is_none() {
                    errors.add("funding_yuan", "work_system.money_format");
                }
                fen.map(|f| f.0)
            }
        };
        let funding_note = optional_text(&mut errors, "funding_note", &self.funding_note, 500);
        match year {
            Some(year) if errors.is_empty() => Ok(WorkSystemInput {
                leader_name,
                leader_title,
                department,
                year,
                funding_fen,
                funding_note,
            }),
            _ => Err(errors),
        }
    }
}

/// A year as typed: four digits, from 2000 to next year.
pub fn parse_year(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<i32> {
    let value = value.trim();
    if value.is_empty() {
        errors.add(field, "form.required");
        return None;
    }
    let year = value.parse().ok().filter(|y| year_in_range(*y));
    if year.is_none() {
        errors.add_with(field, "work_system.year_range", super::this_year() + 1);
    }
    year
}

/// A member of staff to name.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct StaffForm {
    pub name: String,
    pub duty: String,
    pub phone: String,
    /// The account it is, if any (`""` for none).
    pub user_id: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StaffInput {
    pub name: String,
    pub duty: String,
    pub phone: Option<String>,
    pub user_id: Option<Uuid>,
}

impl StaffInput {
    pub fn of(row: &StaffRow) -> Self {
        Self {
            name: row.name.clone(),
            duty: row.duty.clone(),
            phone: row.phone.clone(),
            user_id: row.user_id,
        }
    }
}

impl StaffForm {
    /// Parses the form; `accounts` are the ids the account may be chosen from.
    pub fn parse(&self, accounts: &[Uuid]) -> Result<StaffInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(&mut errors, "name", &self.name, 50);
        let duty = required_text(&mut errors, "duty", &self.duty, 100);
        let phone = optional_text(&mut errors, "phone", &self.phone, 30);
        if phone.as_deref().is_some_and(|p| !is_phone(p)) {
            errors.add("phone", "work_system.phone_format");
        }
        let user_id = match self.user_id.trim() {
            "" => None,
            typed => {
                let id = typed
                    .parse::<Uuid>()
                    .ok()
                    .filter(|id| accounts.contains(id));
                if id.is_none() {
                    errors.add("user_id", "work_system.account_not_of_union");
                }
                id
            }
        };
        if errors.is_empty() {
            Ok(StaffInput {
                name,
                duty,
                phone,
                user_id,
            })
        } else {
            Err(errors)
        }
    }
}

/// The text fields of a document upload (the file comes beside them).
#[derive(Clone, Debug, Default)]
pub struct DocumentForm {
    pub year: String,
    pub label: String,
}

impl DocumentForm {
    /// The year and label, valid, or the messages beside them.
    pub fn parse(&self, errors: &mut FieldErrors) -> Option<(i32, DocumentLabel)> {
        let year = parse_year(errors, "doc_year", &self.year);
        let label = DocumentLabel::parse(self.label.trim());
        if label.is_none() {
            errors.add("label", "form.choose");
        }
        year.zip(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_needs_a_name_and_money_is_yuan() {
        let form = WorkSystemForm {
            leader_title: "副主席".into(),
            department: "社会联络部".into(),
            year: "2026".into(),
            funding_yuan: "1,200,000.5".into(),
            ..WorkSystemForm::default()
        };
        let errors = form.parse().expect_err("a title without a name");
        assert_eq!(
            errors.get("leader_name").map(|m| m.key),
            Some("work_system.leader_name_needed")
        );
        let form = WorkSystemForm {
            leader_name: "王强".into(),
            ..form
        };
        let input = form.parse().expect("valid");
        assert_eq!(input.funding_fen, Some(120_000_050));
        assert_eq!(input.department.as_deref(), Some("社会联络部"));
    }

    #[test]
    fn years_are_four_digits_in_range() {
        let form = WorkSystemForm {
            year: "1999".into(),
            funding_yuan: "abc".into(),
            ..WorkSystemForm::default()
        };
        let errors = form.parse().expect_err("invalid");
        assert_eq!(
            errors.get("year").map(|m| m.key),
            Some("work_system.year_range")
        );
        assert_eq!(
            errors.get("funding_yuan").map(|m| m.key),
            Some("work_system.money_format")
        );
    }

    #[test]
    fn staff_accounts_come_from_the_union() {
        let own = Uuid::from_u128(7);
        let form = StaffForm {
            name: "李敏".into(),
            duty: "联络员".into(),
            phone: "020-12345678".into(),
            user_id: own.to_string(),
        };
        assert_eq!(form.parse(&[own]).expect("valid").user_id, Some(own));
        let errors = form.parse(&[]).expect_err("not the union's");
        assert!(errors.get("user_id").is_some());
        let errors = StaffForm {
            phone: "12".into(),
            ..StaffForm::default()
        }
        .parse(&[])
        .expect_err("invalid");
        assert!(errors.get("name").is_some() && errors.get("duty").is_some());
        assert!(errors.get("phone").is_some());
    }
}
