//! The federation's forms: what was typed, kept verbatim to show again, and
//! its parsing into the record's fields, each problem beside its field.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::FederationRow;
use super::{FederationKind, FederationStatus, MemberRole, PartnerKind};
use crate::orgs::credit_code::CreditCode;
use crate::web::FieldErrors;
use crate::web::forms::{optional_text, required_text};
use crate::web::validate::{parse_count, parse_date};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct FederationForm {
    pub union_id: String,
    pub kind: String,
    pub name: String,
    pub credit_code: String,
    pub parent_id: String,
    pub founded_on: String,
    pub charter: String,
    pub chair: String,
    pub vice_chairs: String,
    pub secretary_general: String,
    pub council_size: String,
    pub status: String,
    pub partner_youth_league: String,
    pub partner_womens_federation: String,
    pub partner_disabled_persons_federation: String,
    pub partner_civil_affairs: String,
    pub partner_other: String,
    pub version: i32,
}

/// A federation's typed fields, valid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FederationInput {
    pub union_id: i64,
    pub kind: FederationKind,
    pub name: String,
    pub credit_code: Option<String>,
    pub parent_id: Option<Uuid>,
    pub founded_on: Option<NaiveDate>,
    pub charter: String,
    pub chair: Option<String>,
    pub vice_chairs: Option<String>,
    pub secretary_general: Option<String>,
    pub council_size: Option<i32>,
    pub status: FederationStatus,
    /// A joint platform's partner bodies (none for the other kinds).
    pub partners: Vec<(PartnerKind, String)>,
}

impl FederationForm {
    pub fn of(row: &FederationRow, partners: &[(PartnerKind, String)]) -> Self {
        let partner = |kind: PartnerKind| {
            partners
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, name)| name.clone())
                .unwrap_or_default()
        };
        Self {
            union_id: row.union_id.to_string(),
            kind: row.kind.as_str().to_owned(),
            name: row.name.clone(),
            credit_code: row.credit_code.clone().unwrap_or_default(),
            parent_id: row.parent_id.map(|id| id.to_string()).unwrap_or_default(),
            founded_on: row.founded_on.map(|d| d.to_string()).unwrap_or_default(),
            charter: row.charter.clone(),
            chair: row.chair.clone().unwrap_or_default(),
            vice_chairs: row.vice_chairs.clone().unwrap_or_default(),
            secretary_general: row.secretary_general.clone().unwrap_or_default(),
            council_size: row.council_size.map(|n| n.to_string()).unwrap_or_default(),
            status: row.status.as_str().to_owned(),
            partner_youth_league: partner(PartnerKind::YouthLeague),
            partner_womens_federation: partner(PartnerKind::WomensFederation),
            partner_disabled_persons_federation: partner(PartnerKind::DisabledPersonsFederation),
            partner_civil_affairs: partner(PartnerKind::CivilAffairs),
            partner_other: partner(PartnerKind::Other),
            version: row.version,
        }
    }

    /// The partner fields as typed, by kind: (kind, field name, value).
    pub fn partner_fields(&self) -> [(PartnerKind, &'static str, &str); 5] {
        [
            (
                PartnerKind::YouthLeague,
                "partner_youth_league",
                &self.partner_youth_league,
            ),
            (
                PartnerKind::WomensFederation,
                "partner_womens_federation",
                &self.partner_womens_federation,
            ),
            (
                PartnerKind::DisabledPersonsFederation,
                "partner_disabled_persons_federation",
                &self.partner_disabled_persons_federation,
            ),
            (
                PartnerKind::CivilAffairs,
                "partner_civil_affairs",
                &self.partner_civil_affairs,
            ),
            (PartnerKind::Other, "partner_other", &self.partner_other),
        ]
    }

    pub fn parse(&self) -> Result<FederationInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let union_id = self.union_id.trim().parse::<i64>().ok();
        if union_id.is_none() {
            errors.add("union_id", "form.choose");
        }
        let kind = FederationKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add("kind", "form.choose");
        }
        let name = required_text(&mut errors, "name", &self.name, 200);
        if errors.get("name").is_none() && name.chars().count() < 2 {
            errors.add("name", "federations.name_short");
        }
        let credit_code = match self.credit_code.trim() {
            "" => None,
            text => match CreditCode::parse(text) {
                Ok(code) => Some(code.as_str().to_owned()),
                Err(error) => {
                    let (key, arg) = error.message();
                    errors.add_with("credit_code", key, arg);
                    None
                }
            },
        };
        let parent_id = match self.parent_id.trim() {
            "" => None,
            text => {
                let id = Uuid::parse_str(text).ok();
                if id.is_none() {
                    errors.add("parent_id", "form.choose");
                }
                id
            }
        };
        let founded_on = match self.founded_on.trim() {
            "" => None,
            text => {
                let date = parse_date(text);
                if date.is_none() {
                    errors.add("founded_on", "form.invalid_date");
                } else if date > Some(crate::web::overdue::today()) {
                    errors.add("founded_on", "orgs.date_in_future");
                }
                date
            }
        };
        let charter = self.charter.trim().to_owned();
        if charter.chars().count() > 20000 {
            errors.add_with("charter", "form.too_long", 20000);
        }
        let chair = optional_text(&mut errors, "chair", &self.chair, 100);
        let vice_chairs = optional_text(&mut errors, "vice_chairs", &self.vice_chairs, 500);
        let secretary_general = optional_text(
            &mut errors,
            "secretary_general",
            &self.secretary_general,
            100,
        );
        let council_size = match self.council_size.trim() {
            "" => None,
            text => {
                let n = parse_count(text, 1000).filter(|n| *n >= 1);
                if n.is_none() {
                    errors.add("council_size", "federations.council_size_invalid");
                }
                n
            }
        };
        let status = match self.status.trim() {
            "" => Some(FederationStatus::Active),
            text => FederationStatus::parse(text),
        };
        if status.is_none() {
            errors.add("status", "form.choose");
        }
        let mut partners = Vec::new();
        if kind == Some(FederationKind::JointPlatform) {
            for (partner, field, value) in self.partner_fields() {
                if let Some(unit) = optional_text(&mut errors, field, value, 200) {
                    if unit.chars().count() < 2 {
                        errors.add(field, "federations.name_short");
                    }
                    partners.push((partner, unit));
                }
            }
            if partners.is_empty() && errors.get("partner_youth_league").is_none() {
                errors.add("partner_youth_league", "federations.partners_required");
            }
        }
        match (union_id, kind, status) {
            (Some(union_id), Some(kind), Some(status)) if errors.is_empty() => {
                Ok(FederationInput {
                    union_id,
                    kind,
                    name,
                    credit_code,
                    parent_id,
                    founded_on,
                    charter,
                    chair,
                    vice_chairs,
                    secretary_general,
                    council_size,
                    status,
                    partners,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Admitting an organization.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct MemberForm {
    /// The organization: its credit code or its exact name in the registry.
    pub org: String,
    pub role: String,
    pub joined_on: String,
    /// `on` for an explicit cross-region admission.
    pub cross_region: Option<String>,
    pub cross_region_reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MemberInput {
    pub org: String,
    pub role: MemberRole,
    pub joined_on: NaiveDate,
    /// Set for an explicit cross-region admission.
    pub cross_region_reason: Option<String>,
}

impl MemberForm {
    pub fn parse(&self) -> Result<MemberInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let org = required_text(&mut errors, "org", &self.org, 200);
        let role = MemberRole::parse(self.role.trim());
        if role.is_none() {
            errors.add("role", "form.choose");
        }
        let joined_on = required_date(&mut errors, "joined_on", &self.joined_on);
        if joined_on > Some(crate::web::overdue::today()) {
            errors.add("joined_on", "orgs.date_in_future");
        }
        let cross_region_reason = if self.cross_region.is_some() {
            let reason = optional_text(
                &mut errors,
                "cross_region_reason",
                &self.cross_region_reason,
                1000,
            );
            if reason.as_ref().is_none_or(|r| r.chars().count() < 2)
                && errors.get("cross_region_reason").is_none()
            {
                errors.add("cross_region_reason", "federations.cross_region_reason");
            }
            reason
        } else {
            None
        };
        match (role, joined_on) {
            (Some(role), Some(joined_on)) if errors.is_empty() => Ok(MemberInput {
                org,
                role,
                joined_on,
                cross_region_reason,
            }),
            _ => Err(errors),
        }
    }
}

/// Ending a membership.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct LeaveForm {
    pub left_on: String,
    pub leave_reason: String,
    pub version: i32,
}

impl LeaveForm {
    /// The date and reason, valid for a membership that began on `joined_on`.
    pub fn parse(&self, joined_on: NaiveDate) -> Result<(NaiveDate, Option<String>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let left_on = required_date(&mut errors, "left_on", &self.left_on);
        if let Some(date) = left_on {
            if date < joined_on {
                errors.add_with("left_on", "federations.left_before_joined", joined_on);
            } else if date > crate::web::overdue::today() {
                errors.add("left_on", "orgs.date_in_future");
            }
        }
        let reason = optional_text(&mut errors, "leave_reason", &self.leave_reason, 1000);
        match left_on {
            Some(date) if errors.is_empty() => Ok((date, reason)),
            _ => Err(errors),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> FederationForm {
        FederationForm {
            union_id: "20".into(),
            kind: "federation".into(),
            name: "广州市职工服务类社会组织联合会".into(),
            founded_on: "2014-03-01".into(),
            ..FederationForm::default()
        }
    }

    #[test]
    fn a_credit_code_is_checked_as_the_registry_checks_it() {
        let mut typed = form();
        typed.credit_code = "51440300MJL0001710".into();
        let errors = typed.parse().expect_err("a wrong check character");
        assert_eq!(
            errors.get("credit_code").map(|m| m.key),
            Some("orgs.credit_code.check")
        );
        typed.credit_code = "51440300mjl0001712".into();
        let input = typed.parse().expect("valid, lower case normalized");
        assert_eq!(input.credit_code.as_deref(), Some("51440300MJL0001712"));
    }

    #[test]
    fn a_joint_platform_names_its_partners() {
        let mut typed = form();
        typed.kind = "joint_platform".into();
        let errors = typed.parse().expect_err("no partner");
        assert!(errors.get("partner_youth_league").is_some());
        typed.partner_womens_federation = "重庆市妇联".into();
        let input = typed.parse().expect("valid");
        assert_eq!(
            input.partners,
            vec![(PartnerKind::WomensFederation, "重庆市妇联".to_owned())]
        );
    }

    #[test]
    fn a_membership_ends_on_or_after_it_began() {
        let joined = NaiveDate::from_ymd_opt(2024, 5, 1).expect("date");
        let leave = LeaveForm {
            left_on: "2024-04-30".into(),
            ..LeaveForm::default()
        };
        let errors = leave.parse(joined).expect_err("before it began");
        assert_eq!(
            errors.get("left_on").map(|m| m.key),
            Some("federations.left_before_joined")
        );
    }

    #[test]
    fn a_cross_region_admission_says_why() {
        let typed = MemberForm {
            org: "某组织".into(),
            role: "member".into(),
            joined_on: "2025-01-01".into(),
            cross_region: Some("on".into()),
            cross_region_reason: String::new(),
        };
        let errors = typed.parse().expect_err("no reason");
        assert!(errors.get("cross_region_reason").is_some());
    }
}
