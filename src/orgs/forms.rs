//! The organization forms: what a cadre (or an organization's own account)
//! typed, and its parsing into the record's fields.

use chrono::{Datelike, Local, NaiveDate};
use serde::{Deserialize, Serialize};

use super::credit_code::CreditCode;
use super::kinds::{Category, Domain, FundingSource, OrgType, RegistrationLevel, Relationship};
use crate::web::FieldErrors;
use crate::web::forms::{constraint_message, optional_text, required_text};
use crate::web::money::Fen;
use crate::web::validate::{is_email, is_phone, parse_count, parse_date};

/// The largest staff, volunteer or social-worker count accepted.
const MAX_COUNT: i32 = 1_000_000;
const LONG_TEXT: usize = 2000;

/// The full record as typed by a cadre (kept verbatim to show again). Its
/// self-service fields are those of [`SelfServiceForm`].
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct OrgForm {
    pub name: String,
    pub credit_code: String,
    pub org_type: String,
    pub registration_level: String,
    pub registered_on: String,
    pub supervising_unit: String,
    pub direct_registration: Option<String>,
    pub address: String,
    pub division_code: String,
    pub legal_representative: String,
    pub industry: String,
    pub guidance_category: String,
    pub relationship: String,
    pub union_id: String,
    pub tags: String,
    pub notes: String,
    pub contact_interval_days: String,
    pub service_domains: Vec<String>,
    pub contact_person: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub fulltime_staff: String,
    pub volunteers: String,
    pub social_workers: String,
    pub annual_revenue: String,
    pub funding_sources: Vec<String>,
    pub activities: String,
    pub working_methods: String,
    pub version: i32,
}

/// The fields an organization's own account may change: contacts, counts,
/// activities and funding. Anything else it posts is never read.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SelfServiceForm {
    pub contact_person: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub fulltime_staff: String,
    pub volunteers: String,
    pub social_workers: String,
    pub annual_revenue: String,
    pub funding_sources: Vec<String>,
    pub activities: String,
    pub working_methods: String,
}

/// The record's typed fields, valid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrgInput {
    pub name: String,
    pub credit_code: Option<String>,
    pub org_type: &'static str,
    pub registration_level: Option<&'static str>,
    pub registered_on: Option<NaiveDate>,
    pub supervising_unit: Option<String>,
    pub direct_registration: bool,
    pub address: Option<String>,
    pub division_code: Option<String>,
    pub legal_representative: Option<String>,
    pub industry: Option<String>,
    pub guidance_category: &'static str,
    pub relationship: &'static str,
    pub union_id: i64,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub contact_interval_days: Option<i32>,
    pub service_domains: Vec<&'static str>,
    #[serde(flatten)]
    pub own: SelfServiceInput,
}

/// The self-service fields, valid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SelfServiceInput {
    pub contact_person: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub fulltime_staff: i32,
    pub volunteers: i32,
    pub social_workers: i32,
    pub annual_revenue_fen: i64,
    pub funding_sources: Vec<&'static str>,
    pub activities: Option<String>,
    pub working_methods: Option<String>,
}

impl OrgForm {
    pub fn parse(&self) -> Result<OrgInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(&mut errors, "name", &self.name, 200);
        if errors.get("name").is_none() && name.chars().count() < 2 {
            errors.add("name", "orgs.name_short");
        }
        let org_type = choose(&mut errors, "org_type", &self.org_type, OrgType::parse);
        let credit_code = self.credit_code(&mut errors, org_type);
        let registration_level = match self.registration_level.trim() {
            "" => None,
            level => {
                let parsed = RegistrationLevel::parse(level);
                if parsed.is_none() {
                    errors.add("registration_level", "form.choose");
                }
                parsed.map(RegistrationLevel::as_str)
            }
        };
        let registered_on = past_date(&mut errors, "registered_on", &self.registered_on);
        let division_code = optional_text(&mut errors, "division_code", &self.division_code, 6);
        if division_code
            .as_deref()
            .is_some_and(|code| code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()))
        {
            errors.add("division_code", "unions.code_format");
        }
        let service_domains = many(
            &mut errors,
            "service_domains",
            &self.service_domains,
            Domain::parse,
        );
        if service_domains.is_empty() && errors.get("service_domains").is_none() {
            errors.add("service_domains", "orgs.domains_required");
        }
        let guidance_category = choose(
            &mut errors,
            "guidance_category",
            &self.guidance_category,
            Category::parse,
        );
        let relationship = choose(
            &mut errors,
            "relationship",
            &self.relationship,
            Relationship::parse,
        );
        let union_id = self.union_id.trim().parse::<i64>().ok();
        if union_id.is_none() {
            errors.add("union_id", "form.choose");
        }
        let tags = parse_tags(&mut errors, &self.tags);
        let contact_interval_days = match self.contact_interval_days.trim() {
            "" => None,
            days => {
                let parsed = days.parse::<i32>().ok().filter(|d| (7..=730).contains(d));
                if parsed.is_none() {
                    errors.add("contact_interval_days", "orgs.interval_range");
                }
                parsed
            }
        };
        let own = self.self_service().parse_into(&mut errors);
        let input = OrgInput {
            supervising_unit: optional_text(
                &mut errors,
                "supervising_unit",
                &self.supervising_unit,
                100,
            ),
            address: optional_text(&mut errors, "address", &self.address, 200),
            legal_representative: optional_text(
                &mut errors,
                "legal_representative",
                &self.legal_representative,
                50,
            ),
            industry: optional_text(&mut errors, "industry", &self.industry, 50),
            notes: optional_text(&mut errors, "notes", &self.notes, LONG_TEXT),
            direct_registration: self.direct_registration.is_some(),
            name,
            credit_code,
            org_type: org_type.map_or("", OrgType::as_str),
            registration_level,
            registered_on,
            division_code,
            guidance_category: guidance_category.map_or("", Category::as_str),
            relationship: relationship.map_or("", Relationship::as_str),
            union_id: union_id.unwrap_or_default(),
            tags,
            contact_interval_days,
            service_domains: service_domains.into_iter().map(Domain::as_str).collect(),
            own,
        };
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }

    /// The self-service part, as the organization's own form would send it.
    pub fn self_service(&self) -> SelfServiceForm {
        SelfServiceForm {
            contact_person: self.contact_person.clone(),
            contact_phone: self.contact_phone.clone(),
            contact_email: self.contact_email.clone(),
            fulltime_staff: self.fulltime_staff.clone(),
            volunteers: self.volunteers.clone(),
            social_workers: self.social_workers.clone(),
            annual_revenue: self.annual_revenue.clone(),
            funding_sources: self.funding_sources.clone(),
            activities: self.activities.clone(),
            working_methods: self.working_methods.clone(),
        }
    }

    /// Required unless the organization is unregistered; must verify.
    fn credit_code(&self, errors: &mut FieldErrors, org_type: Option<OrgType>) -> Option<String> {
        let typed = self.credit_code.trim();
        if typed.is_empty() {
            if org_type.is_some_and(|t| t != OrgType::Unregistered) {
                errors.add("credit_code", "orgs.credit_code.required");
            }
            return None;
        }
        match CreditCode::parse(typed) {
            Ok(code) => Some(code.to_string()),
            Err(error) => {
                let (key, arg) = error.message();
                errors.add_with("credit_code", key, arg);
                None
            }
        }
    }
}

impl SelfServiceForm {
    pub fn parse(&self) -> Result<SelfServiceInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let input = self.parse_into(&mut errors);
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }

    fn parse_into(&self, errors: &mut FieldErrors) -> SelfServiceInput {
        let contact_phone = optional_text(errors, "contact_phone", &self.contact_phone, 30);
        if contact_phone.as_deref().is_some_and(|p| !is_phone(p)) {
            errors.add("contact_phone", "orgs.phone_format");
        }
        let contact_email = optional_text(errors, "contact_email", &self.contact_email, 100);
        if contact_email.as_deref().is_some_and(|e| !is_email(e)) {
            errors.add("contact_email", "orgs.email_format");
        }
        let mut count = |field: &'static str, value: &str| {
            parse_count(value, MAX_COUNT).unwrap_or_else(|| {
                errors.add_with(field, "orgs.count_range", MAX_COUNT);
                0
            })
        };
        let fulltime_staff = count("fulltime_staff", &self.fulltime_staff);
        let volunteers = count("volunteers", &self.volunteers);
        let social_workers = count("social_workers", &self.social_workers);
        let annual_revenue_fen = match self.annual_revenue.trim() {
            "" => 0,
            typed => Fen::parse_yuan(typed).map_or_else(
                || {
                    errors.add("annual_revenue", "orgs.money_format");
                    0
                },
                |fen| fen.0,
            ),
        };
        let funding_sources = many(
            errors,
            "funding_sources",
            &self.funding_sources,
            FundingSource::parse,
        );
        SelfServiceInput {
            contact_person: optional_text(errors, "contact_person", &self.contact_person, 50),
            contact_phone,
            contact_email,
            fulltime_staff,
            volunteers,
            social_workers,
            annual_revenue_fen,
            funding_sources: funding_sources
                .into_iter()
                .map(FundingSource::as_str)
                .collect(),
            activities: optional_text(errors, "activities", &self.activities, LONG_TEXT),
            working_methods: optional_text(
                errors,
                "working_methods",
                &self.working_methods,
                LONG_TEXT,
            ),
        }
    }
}

/// One value of a closed list, required.
fn choose<T>(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    parse: fn(&str) -> Option<T>,
) -> Option<T> {
    let parsed = parse(value.trim());
    if parsed.is_none() {
        errors.add(field, "form.choose");
    }
    parsed
}

/// Several values of a closed list; an unknown one is refused.
fn many<T: PartialEq>(
    errors: &mut FieldErrors,
    field: &'static str,
    values: &[String],
    parse: fn(&str) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::new();
    for value in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        match parse(value) {
            Some(parsed) if !out.contains(&parsed) => out.push(parsed),
            Some(_) => {}
            None => errors.add(field, "form.choose"),
        }
    }
    out
}

/// A date that has already happened (a registration, a rating, a founding).
pub fn past_date(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        return None;
    }
    match parse_date(value) {
        None => {
            errors.add(field, "form.invalid_date");
            None
        }
        Some(date) if date > Local::now().date_naive() => {
            errors.add(field, "orgs.date_in_future");
            None
        }
        Some(date) if date.year_ce().1 < 1949 => {
            errors.add(field, "orgs.date_too_early");
            None
        }
        Some(date) => Some(date),
    }
}

/// Tags separated by commas, 、 or spaces: at most 10, each at most 20 characters.
fn parse_tags(errors: &mut FieldErrors, value: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in value
        .split([',', '，', '、', ';', '；', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if tag.chars().count() > 20 {
            errors.add_with("tags", "orgs.tag_too_long", 20);
        } else if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_owned());
        }
    }
    if tags.len() > 10 {
        errors.add_with("tags", "orgs.too_many_tags", 10);
    }
    tags
}

/// Turns a refusal by the database into a message beside the right field.
pub fn constraint_error(error: &sqlx::Error) -> Option<FieldErrors> {
    constraint_message(
        error,
        &[
            (
                "organizations_credit_code_key",
                "credit_code",
                "orgs.credit_code.taken",
            ),
            ("organizations_union_fk", "union_id", "form.choose"),
            ("organizations_name_check", "name", "orgs.name_short"),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> OrgForm {
        OrgForm {
            name: "广州市新市民社会工作服务中心".into(),
            credit_code: "52310115mj5000ab2n".into(),
            org_type: "social_service_agency".into(),
            registered_on: "2019-05-20".into(),
            guidance_category: "cultivate".into(),
            relationship: "guided".into(),
            union_id: "7".into(),
            service_domains: vec!["legal_aid".into(), "employment".into(), "legal_aid".into()],
            tags: "新市民、法律援助, 新市民".into(),
            contact_phone: "13812345678".into(),
            fulltime_staff: "12".into(),
            annual_revenue: "1,234,567.8".into(),
            funding_sources: vec!["government_purchase".into()],
            ..OrgForm::default()
        }
    }

    #[test]
    fn a_complete_form_parses() {
        let input = valid().parse().expect("valid");
        assert_eq!(input.credit_code.as_deref(), Some("52310115MJ5000AB2N"));
        assert_eq!(input.service_domains, vec!["legal_aid", "employment"]);
        assert_eq!(input.tags, vec!["新市民", "法律援助"]);
        assert_eq!(input.own.annual_revenue_fen, 123_456_780);
        assert_eq!(input.own.fulltime_staff, 12);
    }

    #[test]
    fn a_wrong_check_character_says_so() {
        let form = OrgForm {
            credit_code: "51440300MJL0001710".into(),
            ..valid()
        };
        let errors = form.parse().expect_err("invalid");
        let message = errors.get("credit_code").expect("a message");
        assert_eq!(message.key, "orgs.credit_code.check");
        assert_eq!(message.arg.as_deref(), Some("2"));
    }

    #[test]
    fn only_unregistered_organizations_may_lack_a_code() {
        let missing = OrgForm {
            credit_code: String::new(),
            ..valid()
        };
        assert!(missing.parse().is_err());
        let grassroots = OrgForm {
            credit_code: String::new(),
            org_type: "unregistered".into(),
            ..valid()
        };
        assert_eq!(grassroots.parse().expect("valid").credit_code, None);
    }

    #[test]
    fn bad_values_are_refused_field_by_field() {
        let form = OrgForm {
            org_type: "company".into(),
            registered_on: "2999-01-01".into(),
            service_domains: vec!["gardening".into()],
            contact_interval_days: "3".into(),
            contact_phone: "12345".into(),
            contact_email: "nobody".into(),
            volunteers: "-3".into(),
            annual_revenue: "12.345".into(),
            ..valid()
        };
        let errors = form.parse().expect_err("invalid");
        for (field, key) in [
            ("org_type", "form.choose"),
            ("registered_on", "orgs.date_in_future"),
            ("service_domains", "form.choose"),
            ("contact_interval_days", "orgs.interval_range"),
            ("contact_phone", "orgs.phone_format"),
            ("contact_email", "orgs.email_format"),
            ("volunteers", "orgs.count_range"),
            ("annual_revenue", "orgs.money_format"),
        ] {
            assert_eq!(errors.get(field).map(|m| m.key), Some(key), "{field}");
        }
    }
}
