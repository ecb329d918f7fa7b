//! The meeting's forms: what was typed, kept verbatim to show again, and its
//! parsing into the record's fields.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::MeetingRow;
use super::{Answer, MeetingKind, MeetingStatus};
use crate::web::FieldErrors;
use crate::web::forms::{optional_text, required_text};
use crate::web::validate::parse_date;

/// Organizations one form invites at most.
pub const MAX_INVITED: usize = 100;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct MeetingForm {
    pub union_id: String,
    pub kind: String,
    pub title: String,
    pub held_on: String,
    pub place: String,
    pub agenda: String,
    pub minutes: String,
    pub decisions: String,
    pub status: String,
    pub version: i32,
}

/// A meeting's typed fields, valid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeetingInput {
    pub union_id: i64,
    pub kind: &'static str,
    pub title: String,
    pub held_on: NaiveDate,
    pub place: String,
    pub agenda: String,
    pub minutes: Option<String>,
    pub decisions: Option<String>,
    pub status: &'static str,
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

impl MeetingForm {
    pub fn of(meeting: &MeetingRow) -> Self {
        Self {
            union_id: meeting.union_id.to_string(),
            kind: meeting.kind.as_str().to_owned(),
            title: meeting.title.clone(),
            held_on: meeting.held_on.to_string(),
            place: meeting.place.clone(),
            agenda: meeting.agenda.clone(),
            minutes: meeting.minutes.clone().unwrap_or_default(),
            decisions: meeting.decisions.clone().unwrap_or_default(),
            status: meeting.status.as_str().to_owned(),
            version: meeting.version,
        }
    }

    /// The form's input; `today` decides whether a meeting can have been held.
    pub fn parse(&self, today: NaiveDate) -> Result<MeetingInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let union_id = self.union_id.trim().parse::<i64>().ok();
        if union_id.is_none() {
            errors.add("union_id", "form.choose");
        }
        let kind = MeetingKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add("kind", "form.choose");
        }
        let title = required_text(&mut errors, "title", &self.title, 200);
        if errors.get("title").is_none() && title.chars().count() < 2 {
            errors.add("title", "meetings.title_short");
        }
        let held_on = required_date(&mut errors, "held_on", &self.held_on);
        let place = required_text(&mut errors, "place", &self.place, 200);
        let agenda = required_text(&mut errors, "agenda", &self.agenda, 4000);
        let minutes = optional_text(&mut errors, "minutes", &self.minutes, 20000);
        let decisions = optional_text(&mut errors, "decisions", &self.decisions, 20000);
        let status = MeetingStatus::parse(self.status.trim());
        if status.is_none() {
            errors.add("status", "form.choose");
        }
        if status == Some(MeetingStatus::Held) && held_on.is_some_and(|day| day > today) {
            errors.add("status", "meetings.held_in_future");
        }
        if status == Some(MeetingStatus::Planned) && (minutes.is_some() || decisions.is_some()) {
            errors.add("minutes", "meetings.minutes_when_held");
        }
        match (union_id, kind, held_on, status) {
            (Some(union_id), Some(kind), Some(held_on), Some(status)) if errors.is_empty() => {
                Ok(MeetingInput {
                    union_id,
                    kind: kind.as_str(),
                    title,
                    held_on,
                    place,
                    agenda,
                    minutes,
                    decisions,
                    status: status.as_str(),
                })
            }
            _ => Err(errors),
        }
    }
}

/// Organizations to invite: credit codes or full names.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct InviteForm {
    pub organizations: String,
}

impl InviteForm {
    /// The keys typed, one per line or separated by commas or 、.
    pub fn keys(&self) -> Result<Vec<String>, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut keys: Vec<String> = Vec::new();
        for key in self
            .organizations
            .split(['\n', ',', '，', '、', ';', '；'])
            .map(|k| k.trim().to_uppercase_if_code())
            .filter(|k| !k.is_empty())
        {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        if keys.is_empty() {
            errors.add("organizations", "meetings.invite_whom");
        } else if keys.len() > MAX_INVITED {
            errors.add_with("organizations", "meetings.too_many_invited", MAX_INVITED);
        } else if keys.iter().any(|k| k.chars().count() > 200) {
            errors.add_with("organizations", "form.too_long", 200);
        }
        if errors.is_empty() {
            Ok(keys)
        } else {
            Err(errors)
        }
    }
}

/// A typed credit code in capitals (the registry keeps them so); a name as
/// typed.
trait CodeCase {
    fn to_uppercase_if_code(&self) -> String;
}

impl CodeCase for str {
    fn to_uppercase_if_code(&self) -> String {
        if self.len() == 18 && self.bytes().all(|b| b.is_ascii_alphanumeric()) {
            self.to_ascii_uppercase()
        } else {
            self.to_owned()
        }
    }
}

/// Who came: the ids of the invitations ticked.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AttendanceForm {
    pub attended: Vec<String>,
}

impl AttendanceForm {
    pub fn ids(&self) -> Option<Vec<Uuid>> {
        self.attended
            .iter()
            .map(|id| id.trim().parse().ok())
            .collect()
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ActionForm {
    pub title: String,
    pub responsible_user_id: String,
    pub due_on: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActionInput {
    pub title: String,
    pub responsible_user_id: Uuid,
    pub due_on: NaiveDate,
}

impl ActionForm {
    pub fn parse(&self) -> Result<ActionInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = required_text(&mut errors, "title", &self.title, 500);
        if errors.get("title").is_none() && title.chars().count() < 2 {
            errors.add("title", "meetings.title_short");
        }
        let responsible = self.responsible_user_id.trim().parse::<Uuid>().ok();
        if responsible.is_none() {
            errors.add("responsible_user_id", "form.choose");
        }
        let due_on = required_date(&mut errors, "due_on", &self.due_on);
        match (responsible, due_on) {
            (Some(responsible_user_id), Some(due_on)) if errors.is_empty() => Ok(ActionInput {
                title,
                responsible_user_id,
                due_on,
            }),
            _ => Err(errors),
        }
    }
}

/// An organization's answer to its invitation.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AnswerForm {
    pub response: String,
    pub note: String,
}

impl AnswerForm {
    pub fn parse(&self) -> Result<(Answer, Option<String>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let response = match Answer::parse(self.response.trim()) {
            Some(answer) if answer != Answer::Pending => Some(answer),
            _ => {
                errors.add("response", "form.choose");
                None
            }
        };
        let note = optional_text(&mut errors, "note", &self.note, 500);
        match response {
            Some(response) if errors.is_empty() => Ok((response, note)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        parse_date(s).expect("a date")
    }

    fn filled() -> MeetingForm {
        MeetingForm {
            union_id: "4".into(),
            kind: "contact".into(),
            title: "2026 年第四季度社会组织联系会议".into(),
            held_on: "2026-11-20".into(),
            place: "广州市总工会 301 会议室".into(),
            agenda: "通报购买服务项目进展".into(),
            status: "planned".into(),
            ..MeetingForm::default()
        }
    }

    #[test]
    fn a_filled_form_parses() {
        let input = filled().parse(day("2026-11-01")).expect("valid");
        assert_eq!(input.status, "planned");
    }

    #[test]
    fn a_meeting_is_not_held_before_its_day_and_minutes_come_after() {
        let mut form = filled();
        form.status = "held".into();
        let errors = form.parse(day("2026-11-01")).expect_err("in the future");
        assert_eq!(
            errors.get("status").map(|m| m.key),
            Some("meetings.held_in_future")
        );
        let mut form = filled();
        form.minutes = "会议纪要".into();
        let errors = form.parse(day("2026-11-01")).expect_err("planned");
        assert_eq!(
            errors.get("minutes").map(|m| m.key),
            Some("meetings.minutes_when_held")
        );
    }

    #[test]
    fn invitations_name_organizations_once_with_codes_in_capitals() {
        let form = InviteForm {
            organizations: "51440300mjl0001712、广州市新市民社会工作服务中心\n51440300MJL0001712"
                .into(),
        };
        assert_eq!(
            form.keys().expect("keys"),
            vec!["51440300MJL0001712", "广州市新市民社会工作服务中心"]
        );
        assert!(InviteForm::default().keys().is_err());
    }
}
