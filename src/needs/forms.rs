//! The need form: what a cadre typed, kept verbatim to show again, and its
//! parsing into the record's fields.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::db::NeedRow;
use super::{Priority, Source};
use crate::orgs::forms::past_date;
use crate::orgs::kinds::Domain;
use crate::web::FieldErrors;
use crate::web::forms::{optional_text, required_text};
use crate::web::validate::parse_count;

/// More workers than any one need concerns.
const MAX_WORKERS: i32 = 100_000_000;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct NeedForm {
    pub union_id: String,
    pub title: String,
    pub domain: String,
    pub description: String,
    pub source: String,
    pub workers_affected: String,
    pub collected_on: String,
    pub priority: String,
    pub suitable_for_purchase: String,
    pub suitability_reason: String,
    pub version: i32,
}

/// A need's typed fields, valid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NeedInput {
    pub union_id: i64,
    pub title: String,
    pub domain: &'static str,
    pub description: Option<String>,
    pub source: &'static str,
    pub workers_affected: i32,
    pub collected_on: NaiveDate,
    pub priority: &'static str,
    pub suitable_for_purchase: bool,
    pub suitability_reason: Option<String>,
}

impl NeedForm {
    /// The form filled with a record, as its edit page shows it.
    pub fn of(need: &NeedRow) -> Self {
        Self {
            union_id: need.union_id.to_string(),
            title: need.title.clone(),
            domain: need.domain.as_str().to_owned(),
            description: need.description.clone().unwrap_or_default(),
            source: need.source.as_str().to_owned(),
            workers_affected: need.workers_affected.to_string(),
            collected_on: need.collected_on.to_string(),
            priority: need.priority.as_str().to_owned(),
            suitable_for_purchase: if need.suitable_for_purchase {
                "yes"
            } else {
                "no"
            }
            .to_owned(),
            suitability_reason: need.suitability_reason.clone().unwrap_or_default(),
            version: need.version,
        }
    }

    pub fn parse(&self) -> Result<NeedInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let union_id = self.union_id.trim().parse::<i64>().ok();
        if union_id.is_none() {
            errors.add("union_id", "form.choose");
        }
        let title = required_text(&mut errors, "title", &self.title, 200);
        if errors.get("title").is_none() && title.chars().count() < 2 {
            errors.add("title", "needs.title_short");
        }
        let domain = Domain::parse(self.domain.trim());
        if domain.is_none() {
            errors.add("domain", "form.choose");
        }
        let description = optional_text(&mut errors, "description", &self.description, 4000);
        let source = Source::parse(self.source.trim());
        if source.is_none() {
            errors.add("source", "form.choose");
        }
        let workers_affected = parse_count(&self.workers_affected, MAX_WORKERS);
        if workers_affected.is_none() {
            errors.add_with("workers_affected", "orgs.count_range", MAX_WORKERS);
        }
        let collected_on = past_date(&mut errors, "collected_on", &self.collected_on);
        if self.collected_on.trim().is_empty() {
            errors.add("collected_on", "form.required");
        }
        let priority = Priority::parse(self.priority.trim());
        if priority.is_none() {
            errors.add("priority", "form.choose");
        }
        let suitable_for_purchase = match self.suitable_for_purchase.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                errors.add("suitable_for_purchase", "form.choose");
                None
            }
        };
        let suitability_reason = optional_text(
            &mut errors,
            "suitability_reason",
            &self.suitability_reason,
            1000,
        );
        if suitable_for_purchase == Some(false) && suitability_reason.is_none() {
            errors.add("suitability_reason", "needs.why_not_suitable");
        }
        match (
            union_id,
            domain,
            source,
            workers_affected,
            collected_on,
            priority,
            suitable_for_purchase,
        ) {
            (
                Some(union_id),
                Some(domain),
                Some(source),
                Some(workers_affected),
                Some(collected_on),
                Some(priority),
                Some(suitable_for_purchase),
            ) if errors.is_empty() => Ok(NeedInput {
                union_id,
                title,
                domain: domain.as_str(),
                description,
                source: source.as_str(),
                workers_affected,
                collected_on,
                priority: priority.as_str(),
                suitable_for_purchase,
                suitability_reason,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> NeedForm {
        NeedForm {
            union_id: "4".into(),
            title: "外卖骑手职业伤害保障咨询".into(),
            domain: "social_security".into(),
            source: "survey".into(),
            workers_affected: "1,200".into(),
            collected_on: "2026-03-01".into(),
            priority: "high".into(),
            suitable_for_purchase: "yes".into(),
            ..NeedForm::default()
        }
    }

    #[test]
    fn a_filled_form_parses() {
        let input = filled().parse().expect("valid");
        assert_eq!(input.workers_affected, 1200);
        assert!(input.suitable_for_purchase);
    }

    #[test]
    fn unsuitable_needs_say_why_and_dates_are_not_in_the_future() {
        let mut form = filled();
        form.suitable_for_purchase = "no".into();
        form.collected_on = "2999-01-01".into();
        form.workers_affected = "-3".into();
        let errors = form.parse().expect_err("invalid");
        assert_eq!(
            errors.get("suitability_reason").map(|m| m.key),
            Some("needs.why_not_suitable")
        );
        assert_eq!(
            errors.get("collected_on").map(|m| m.key),
            Some("orgs.date_in_future")
        );
        assert!(errors.get("workers_affected").is_some());
    }
}
