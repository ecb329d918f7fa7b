//! The training form: what an admin typed, kept verbatim to show again, and
//! its parsing into the record's fields.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Kind;
use super::db::TrainingRow;
use crate::web::FieldErrors;
use crate::web::forms::{optional_text, required_text};
use crate::web::validate::{parse_count, parse_date};

/// More attendees without an account than any one session has.
const MAX_EXTERNAL: i32 = 100_000;

/// More accounts than one form may name.
pub const MAX_ATTENDEES: usize = 500;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct TrainingForm {
    pub held_on: String,
    pub union_id: String,
    pub kind: String,
    pub topic: String,
    pub hours: String,
    /// The ids of the accounts that attended.
    pub attendees: Vec<String>,
    pub external_attendees: String,
    pub notes: String,
    pub version: i32,
}

/// A training's fields, valid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrainingInput {
    pub union_id: i64,
    pub held_on: NaiveDate,
    pub kind: &'static str,
    pub topic: String,
    pub hours_tenths: i32,
    pub external_attendees: i32,
    pub notes: Option<String>,
    pub attendees: Vec<Uuid>,
}

impl TrainingForm {
    /// The form filled with a record and its attendees, as its edit page
    /// shows it.
    pub fn of(training: &TrainingRow, attendees: &[Uuid]) -> Self {
        Self {
            held_on: training.held_on.to_string(),
            union_id: training.union_id.to_string(),
            kind: training.kind.as_str().to_owned(),
            topic: training.topic.clone(),
            hours: super::hours_text(i64::from(training.hours_tenths)).replace(',', ""),
            attendees: attendees.iter().map(Uuid::to_string).collect(),
            external_attendees: training.external_attendees.to_string(),
            notes: training.notes.clone().unwrap_or_default(),
            version: training.version,
        }
    }

    /// The chosen attendees that are ids at all (the rest are refused by
    /// `parse`), for the picker to show them again.
    pub fn attendee_ids(&self) -> Vec<Uuid> {
        self.attendees
            .iter()
            .filter_map(|id| id.trim().parse().ok())
            .collect()
    }

    pub fn parse(&self) -> Result<TrainingInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let held_on = match self.held_on.trim() {
            "" => {
                errors.add("held_on", "form.required");
                None
            }
            typed => match parse_date(typed) {
                Some(date) if super::super::year_in_range(chrono::Datelike::year(&date)) => {
                    Some(date)
                }
                Some(_) => {
                    errors.add_with(
                        "held_on",
                        "trainings.date_range",
                        super::super::this_year() + 1,
                    );
                    None
                }
                None => {
                    errors.add("held_on", "form.invalid_date");
                    None
                }
            },
        };
        let union_id = self.union_id.trim().parse::<i64>().ok();
        if union_id.is_none() {
            errors.add("union_id", "form.choose");
        }
        let kind = Kind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add("kind", "form.choose");
        }
        let topic = required_text(&mut errors, "topic", &self.topic, 200);
        if errors.get("topic").is_none() && topic.chars().count() < 2 {
            errors.add("topic", "trainings.topic_short");
        }
        let hours_tenths = parse_tenths(&self.hours);
        if hours_tenths.is_none() {
            errors.add("hours", "trainings.hours_format");
        }
        let external_attendees = parse_count(&self.external_attendees, MAX_EXTERNAL);
        if external_attendees.is_none() {
            errors.add_with("external_attendees", "trainings.count_range", MAX_EXTERNAL);
        }
        let notes = optional_text(&mut errors, "notes", &self.notes, 4000);
        let attendees = self.attendee_ids();
        if attendees.len() != self.attendees.len() {
            errors.add("attendees", "trainings.attendee_outside");
        } else if attendees.len() > MAX_ATTENDEES {
            errors.add_with("attendees", "trainings.too_many_attendees", MAX_ATTENDEES);
        }
        let mut attendees = attendees;
        attendees.sort();
        attendees.dedup();
        if errors.get("attendees").is_none()
            && attendees.is_empty()
            && external_attendees == Some(0)
        {
            errors.add("attendees", "trainings.nobody_attended");
        }
        match (union_id, held_on, kind, hours_tenths, external_attendees) {
            (
                Some(union_id),
                Some(held_on),
                Some(kind),
                Some(hours_tenths),
                Some(external_attendees),
            ) if errors.is_empty() => Ok(TrainingInput {
                union_id,
                held_on,
                kind: kind.as_str(),
                topic,
                hours_tenths,
                external_attendees,
                notes,
                attendees,
            }),
            _ => Err(errors),
        }
    }
}

/// Hours as typed (`3`, `3.5`, `１２`) in tenths: more than none, at most a
/// thousand, one decimal at most.
fn parse_tenths(typed: &str) -> Option<i32> {
    let typed: String = typed
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            c => c,
        })
        .collect();
    let (whole, tenth) = typed.split_once('.').unwrap_or((&typed, "0"));
    let tenth = if tenth.is_empty() { "0" } else { tenth };
    if whole.is_empty()
        || whole.len() > 4
        || tenth.len() != 1
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !tenth.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let tenths = whole.parse::<i32>().ok()? * 10 + tenth.parse::<i32>().ok()?;
    (1..=10_000).contains(&tenths).then_some(tenths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> TrainingForm {
        TrainingForm {
            held_on: "2026-03-18".into(),
            union_id: "4".into(),
            kind: "training".into(),
            topic: "劳动关系领域社会组织工作业务培训".into(),
            hours: "3.5".into(),
            attendees: vec![Uuid::from_u128(1).to_string()],
            external_attendees: "20".into(),
            ..TrainingForm::default()
        }
    }

    #[test]
    fn a_filled_form_parses() {
        let input = filled().parse().expect("valid");
        assert_eq!(input.hours_tenths, 35);
        assert_eq!(input.external_attendees, 20);
        assert_eq!(input.attendees, vec![Uuid::from_u128(1)]);
    }

    #[test]
    fn hours_take_one_decimal_and_somebody_attends() {
        assert_eq!(parse_tenths("3"), Some(30));
        assert_eq!(parse_tenths("０.５"), Some(5));
        assert_eq!(parse_tenths("2.25"), None);
        assert_eq!(parse_tenths("0"), None);
        assert_eq!(parse_tenths("abc"), None);
        let mut form = filled();
        form.hours = "2.25".into();
        form.attendees = Vec::new();
        form.external_attendees = "0".into();
        form.held_on = "1999-01-01".into();
        let errors = form.parse().expect_err("invalid");
        assert_eq!(
            errors.get("hours").map(|m| m.key),
            Some("trainings.hours_format")
        );
        assert_eq!(
            errors.get("attendees").map(|m| m.key),
            Some("trainings.nobody_attended")
        );
        assert_eq!(
            errors.get("held_on").map(|m| m.key),
            Some("trainings.date_range")
        );
    }
}
