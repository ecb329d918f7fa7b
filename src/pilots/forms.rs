//! The pilot's forms: what was typed, kept verbatim to show again, and its
//! parsing into the record's fields.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::{MilestoneRow, PilotRow};
use super::{MilestoneStatus, PilotStatus};
use crate::web::FieldErrors;
use crate::web::forms::{optional_text, required_text};
use crate::web::validate::parse_date;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PilotForm {
    pub union_id: String,
    pub title: String,
    pub goals: String,
    pub starts_on: String,
    pub planned_end_on: String,
    /// Only the national admin's form has it, and needs it only beyond the
    /// limit.
    pub exception_reason: String,
    pub version: i32,
}

/// A pilot's typed fields, valid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PilotInput {
    pub union_id: i64,
    pub title: String,
    pub goals: String,
    pub starts_on: NaiveDate,
    pub planned_end_on: NaiveDate,
}

/// A date field that must be filled in.
fn required_date(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        errors.add(field, "form.required");
        return None;
    }
    let date = parse_date(value);
    if date.is_none() {
        errors.add(field, "form.invalid_date");
    }
    date
}

impl PilotForm {
    pub fn of(pilot: &PilotRow) -> Self {
        Self {
            union_id: pilot.union_id.to_string(),
            title: pilot.title.clone(),
            goals: pilot.goals.clone(),
            starts_on: pilot.starts_on.to_string(),
            planned_end_on: pilot.planned_end_on.to_string(),
            exception_reason: pilot.exception_reason.clone().unwrap_or_default(),
            version: pilot.version,
        }
    }

    pub fn parse(&self) -> Result<PilotInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let union_id = self.union_id.trim().parse::<i64>().ok();
        if union_id.is_none() {
            errors.add("union_id", "form.choose");
        }
        let title = required_text(&mut errors, "title", &self.title, 200);
        if errors.get("title").is_none() && title.chars().count() < 2 {
            errors.add("title", "pilots.title_short");
        }
        let goals = required_text(&mut errors, "goals", &self.goals, 4000);
        let starts_on = required_date(&mut errors, "starts_on", &self.starts_on);
        let planned_end_on = required_date(&mut errors, "planned_end_on", &self.planned_end_on);
        if let (Some(start), Some(end)) = (starts_on, planned_end_on)
            && end < start
        {
            errors.add("planned_end_on", "pilots.end_before_start");
        }
        match (union_id, starts_on, planned_end_on) {
            (Some(union_id), Some(starts_on), Some(planned_end_on)) if errors.is_empty() => {
                Ok(PilotInput {
                    union_id,
                    title,
                    goals,
                    starts_on,
                    planned_end_on,
                })
            }
            _ => Err(errors),
        }
    }

    /// The exception's reason, checked: `None` when empty.
    pub fn exception_reason(&self, errors: &mut FieldErrors) -> Option<String> {
        let reason = optional_text(errors, "exception_reason", &self.exception_reason, 1000);
        if reason.as_ref().is_some_and(|r| r.chars().count() < 2) {
            errors.add("exception_reason", "pilots.reason_short");
        }
        reason
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct MilestoneForm {
    pub title: String,
    pub due_on: String,
    /// An account of the pilot union, by id; or empty.
    pub owner_user_id: String,
    /// The owner in words, when not an account.
    pub owner_name: String,
    pub status: String,
    pub done_on: String,
    pub version: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MilestoneInput {
    pub title: String,
    pub due_on: NaiveDate,
    pub owner_name: Option<String>,
    pub owner_user_id: Option<Uuid>,
    pub status: &'static str,
    pub done_on: Option<NaiveDate>,
}

impl MilestoneForm {
    pub fn of(milestone: &MilestoneRow) -> Self {
        Self {
            title: milestone.title.clone(),
            due_on: milestone.due_on.to_string(),
            owner_user_id: milestone
                .owner_user_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            owner_name: milestone.owner_name.clone().unwrap_or_default(),
            status: milestone.status.as_str().to_owned(),
            done_on: milestone.done_on.map(|d| d.to_string()).unwrap_or_default(),
            version: milestone.version,
        }
    }

    /// The fields, valid; `people` are the accounts an owner may be.
    pub fn parse(&self, people: &[(Uuid, String)]) -> Result<MilestoneInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = required_text(&mut errors, "title", &self.title, 200);
        if errors.get("title").is_none() && title.chars().count() < 2 {
            errors.add("title", "pilots.title_short");
        }
        let due_on = required_date(&mut errors, "due_on", &self.due_on);
        let owner_user_id = match self.owner_user_id.trim() {
            "" => None,
            text => {
                let id = Uuid::parse_str(text)
                    .ok()
                    .filter(|id| people.iter().any(|(p, _)| p == id));
                if id.is_none() {
                    errors.add("owner_user_id", "form.choose");
                }
                id
            }
        };
        let owner_name = optional_text(&mut errors, "owner_name", &self.owner_name, 100);
        let status = MilestoneStatus::parse(self.status.trim());
        if status.is_none() {
            errors.add("status", "form.choose");
        }
        let done_on = match self.done_on.trim() {
            "" => None,
            text => {
                let date = parse_date(text);
                if date.is_none() {
                    errors.add("done_on", "form.invalid_date");
                } else if date > Some(crate::web::overdue::today()) {
                    errors.add("done_on", "orgs.date_in_future");
                }
                date
            }
        };
        let done_on = match (status, done_on) {
            (Some(MilestoneStatus::Done), None) if errors.get("done_on").is_none() => {
                Some(crate::web::overdue::today())
            }
            (Some(MilestoneStatus::Done), date) => date,
            (Some(_), Some(_)) => {
                errors.add("done_on", "pilots.done_on_only_when_done");
                None
            }
            _ => None,
        };
        match (due_on, status) {
            (Some(due_on), Some(status)) if errors.is_empty() => Ok(MilestoneInput {
                title,
                due_on,
                owner_name,
                owner_user_id,
                status: status.as_str(),
                done_on,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ConcludeForm {
    /// `concluded` or `cancelled`.
    pub outcome: String,
    pub summary: String,
}

impl ConcludeForm {
    pub fn parse(&self) -> Result<(PilotStatus, String), FieldErrors> {
        let mut errors = FieldErrors::default();
        let outcome = match PilotStatus::parse(self.outcome.trim()) {
            Some(status @ (PilotStatus::Concluded | PilotStatus::Cancelled)) => Some(status),
            _ => {
                errors.add("outcome", "form.choose");
                None
            }
        };
        let summary = required_text(&mut errors, "summary", &self.summary, 4000);
        match outcome {
            Some(outcome) if errors.is_empty() => Ok((outcome, summary)),
            _ => Err(errors),
        }
    }
}

/// A note's text, checked.
pub fn note_body(errors: &mut FieldErrors, body: &str) -> String {
    required_text(errors, "body", body, 4000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pilot_ends_after_it_starts() {
        let form = PilotForm {
            union_id: "4".into(),
            title: "新就业形态劳动者服务试点".into(),
            goals: "建成覆盖全市的服务网络".into(),
            starts_on: "2026-03-01".into(),
            planned_end_on: "2025-12-31".into(),
            ..PilotForm::default()
        };
        let errors = form.parse().expect_err("ends before it starts");
        assert_eq!(
            errors.get("planned_end_on").map(|m| m.key),
            Some("pilots.end_before_start")
        );
    }

    #[test]
    fn a_milestone_done_gets_a_date_and_only_then() {
        let mut form = MilestoneForm {
            title: "完成调研".into(),
            due_on: "2026-05-01".into(),
            status: "done".into(),
            ..MilestoneForm::default()
        };
        let input = form.parse(&[]).expect("valid");
        assert!(input.done_on.is_some());
        form.status = "planned".into();
        form.done_on = "2026-01-01".into();
        let errors = form.parse(&[]).expect_err("a date without being done");
        assert!(errors.get("done_on").is_some());
        form.done_on.clear();
        form.owner_user_id = Uuid::new_v4().to_string();
        let errors = form.parse(&[]).expect_err("not an account of the union");
        assert!(errors.get("owner_user_id").is_some());
    }
}
