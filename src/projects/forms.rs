//! The project form: what a cadre typed, kept verbatim to show again, and its
//! parsing into the project's fields. Money in yuan as typed, fen once parsed;
//! the funding sources must add up to the budget.

use chrono::{Local, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::orgs::kinds::{Domain, OrgType};
use crate::web::FieldErrors;
use crate::web::forms::required_text;
use crate::web::money::Fen;
use crate::web::validate::{parse_count, parse_date};

const MAX_TARGET: i32 = 100_000_000;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProjectForm {
    pub union_id: String,
    pub title: String,
    pub domain: String,
    pub description: String,
    pub target_group: String,
    pub target_people: String,
    pub target_activities: String,
    pub target_service_hours: String,
    pub budget: String,
    pub union_funds: String,
    pub fiscal_funds: String,
    pub crowdfunding: String,
    pub other_funds: String,
    pub eligible_types: Vec<String>,
    pub min_rating: String,
    pub min_years: String,
    pub apply_opens_on: String,
    pub apply_closes_on: String,
    pub service_starts_on: String,
    pub service_ends_on: String,
    pub review_system_id: String,
    pub midterm_system_id: String,
    pub performance_system_id: String,
    /// The worker needs the project is drafted from.
    pub need: Vec<String>,
    pub version: i32,
}

/// A project's typed fields, valid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectInput {
    pub union_id: i64,
    pub title: String,
    pub domain: &'static str,
    pub description: String,
    pub target_group: String,
    pub target_people: i32,
    pub target_activities: i32,
    pub target_service_hours: i32,
    pub budget_fen: i64,
    pub union_funds_fen: i64,
    pub fiscal_funds_fen: i64,
    pub crowdfunding_fen: i64,
    pub other_funds_fen: i64,
    pub eligible_types: Vec<String>,
    pub min_rating: Option<i16>,
    pub min_years: i16,
    pub apply_opens_on: NaiveDate,
    pub apply_closes_on: NaiveDate,
    pub service_starts_on: NaiveDate,
    pub service_ends_on: NaiveDate,
    pub review_system_id: Uuid,
    pub midterm_system_id: Uuid,
    pub performance_system_id: Uuid,
    #[serde(skip)]
    pub needs: Vec<Uuid>,
}

fn money(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    required: bool,
) -> Option<i64> {
    if value.trim().is_empty() {
        if required {
            errors.add(field, "form.required");
            return None;
        }
        return Some(0);
    }
    let parsed = Fen::parse_yuan(value).map(|fen| fen.0);
    if parsed.is_none() {
        errors.add(field, "orgs.money_format");
    }
    parsed
}

fn date(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        errors.add(field, "form.required");
        return None;
    }
    let parsed = parse_date(value);
    if parsed.is_none() {
        errors.add(field, "form.invalid_date");
    }
    parsed
}

fn count(errors: &mut FieldErrors, field: &'static str, value: &str, max: i32) -> Option<i32> {
    let parsed = parse_count(value, max);
    if parsed.is_none() {
        errors.add_with(field, "orgs.count_range", max);
    }
    parsed
}

fn system(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<Uuid> {
    let parsed = Uuid::parse_str(value.trim()).ok();
    if parsed.is_none() {
        errors.add(field, "form.choose");
    }
    parsed
}

impl ProjectForm {
    pub fn parse(&self) -> Result<ProjectInput, FieldErrors> {
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
        let description = required_text(&mut errors, "description", &self.description, 8000);
        let target_group = required_text(&mut errors, "target_group", &self.target_group, 500);
        let target_people = count(
            &mut errors,
            "target_people",
            &self.target_people,
            MAX_TARGET,
        );
        let target_activities = count(
            &mut errors,
            "target_activities",
            &self.target_activities,
            MAX_TARGET,
        );
        let target_service_hours = count(
            &mut errors,
            "target_service_hours",
            &self.target_service_hours,
            MAX_TARGET,
        );
        let budget = money(&mut errors, "budget", &self.budget, true);
        if budget == Some(0) {
            errors.add("budget", "projects.budget_positive");
        }
        let funds = [
            money(&mut errors, "union_funds", &self.union_funds, false),
            money(&mut errors, "fiscal_funds", &self.fiscal_funds, false),
            money(&mut errors, "crowdfunding", &self.crowdfunding, false),
            money(&mut errors, "other_funds", &self.other_funds, false),
        ];
        if let (Some(budget), [Some(a), Some(b), Some(c), Some(d)]) = (budget, funds) {
            let total = a.saturating_add(b).saturating_add(c).saturating_add(d);
            if total != budget {
                errors.add_with("union_funds", "projects.funding_sum", Fen(total));
            }
        }
        let mut eligible_types = Vec::new();
        for value in &self.eligible_types {
            match OrgType::parse(value.trim()) {
                Some(kind) if !eligible_types.contains(&kind.as_str().to_owned()) => {
                    eligible_types.push(kind.as_str().to_owned());
                }
                Some(_) => {}
                None => errors.add("eligible_types", "form.choose"),
            }
        }
        if eligible_types.is_empty() {
            errors.add("eligible_types", "projects.types_required");
        }
        let min_rating = match self.min_rating.trim() {
            "" => Some(None),
            level => match level.parse::<i16>() {
                Ok(n) if (1..=5).contains(&n) => Some(Some(n)),
                _ => {
                    errors.add("min_rating", "form.choose");
                    None
                }
            },
        };
        let min_years = count(&mut errors, "min_years", &self.min_years, 50)
            .and_then(|n| i16::try_from(n).ok());
        let opens = date(&mut errors, "apply_opens_on", &self.apply_opens_on);
        let closes = date(&mut errors, "apply_closes_on", &self.apply_closes_on);
        let starts = date(&mut errors, "service_starts_on", &self.service_starts_on);
        let ends = date(&mut errors, "service_ends_on", &self.service_ends_on);
        let today = Local::now().date_naive();
        if let Some(closes) = closes {
            if closes < today {
                errors.add("apply_closes_on", "projects.deadline_past");
            } else if opens.is_some_and(|opens| closes < opens) {
                errors.add("apply_closes_on", "projects.closes_before_opens");
            }
        }
        if let (Some(starts), Some(closes)) = (starts, closes)
            && starts <= closes
        {
            errors.add("service_starts_on", "projects.service_before_deadline");
        }
        if let (Some(starts), Some(ends)) = (starts, ends)
            && ends <= starts
        {
            errors.add("service_ends_on", "projects.ends_before_starts");
        }
        let review = system(&mut errors, "review_system_id", &self.review_system_id);
        let midterm = system(&mut errors, "midterm_system_id", &self.midterm_system_id);
        let performance = system(
            &mut errors,
            "performance_system_id",
            &self.performance_system_id,
        );
        let needs = self
            .need
            .iter()
            .filter_map(|id| Uuid::parse_str(id.trim()).ok())
            .collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        match (
            union_id,
            domain,
            target_people,
            target_activities,
            target_service_hours,
            budget,
            funds,
            min_rating,
            min_years,
            (opens, closes, starts, ends),
            (review, midterm, performance),
        ) {
            (
                Some(union_id),
                Some(domain),
                Some(target_people),
                Some(target_activities),
                Some(target_service_hours),
                Some(budget_fen),
                [
                    Some(union_funds_fen),
                    Some(fiscal_funds_fen),
                    Some(crowdfunding_fen),
                    Some(other_funds_fen),
                ],
                Some(min_rating),
                Some(min_years),
                (
                    Some(apply_opens_on),
                    Some(apply_closes_on),
                    Some(service_starts_on),
                    Some(service_ends_on),
                ),
                (Some(review_system_id), Some(midterm_system_id), Some(performance_system_id)),
            ) => Ok(ProjectInput {
                union_id,
                title,
                domain: domain.as_str(),
                description,
                target_group,
                target_people,
                target_activities,
                target_service_hours,
                budget_fen,
                union_funds_fen,
                fiscal_funds_fen,
                crowdfunding_fen,
                other_funds_fen,
                eligible_types,
                min_rating,
                min_years,
                apply_opens_on,
                apply_closes_on,
                service_starts_on,
                service_ends_on,
                review_system_id,
                midterm_system_id,
                performance_system_id,
                needs,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Days;

    pub fn filled() -> ProjectForm {
        let today = Local::now().date_naive();
        let day = |n: u64| (today + Days::new(n)).to_string();
        let system = Uuid::from_u128(7).to_string();
        ProjectForm {
            union_id: "4".into(),
            title: "新就业形态劳动者关爱服务".into(),
            domain: "outdoor_workers".into(),
            description: "为外卖骑手、快递员提供驿站服务与职业伤害保障咨询。".into(),
            target_group: "外卖骑手、快递员".into(),
            target_people: "2000".into(),
            target_activities: "40".into(),
            target_service_hours: "1200".into(),
            budget: "300000".into(),
            union_funds: "200000".into(),
            fiscal_funds: "100000".into(),
            eligible_types: vec!["social_service_agency".into()],
            min_rating: "3".into(),
            min_years: "2".into(),
            apply_opens_on: day(0),
            apply_closes_on: day(20),
            service_starts_on: day(40),
            service_ends_on: day(400),
            review_system_id: system.clone(),
            midterm_system_id: system.clone(),
            performance_system_id: system,
            ..ProjectForm::default()
        }
    }

    #[test]
    fn a_filled_form_parses_into_fen() {
        let input = filled().parse().expect("valid");
        assert_eq!(input.budget_fen, 30_000_000);
        assert_eq!(
            input.union_funds_fen + input.fiscal_funds_fen,
            input.budget_fen
        );
        assert_eq!(input.min_rating, Some(3));
    }

    #[test]
    fn funding_must_add_up_and_dates_must_follow_each_other() {
        let mut form = filled();
        form.fiscal_funds = "50000".into();
        form.apply_closes_on = "2001-01-01".into();
        form.service_ends_on = form.service_starts_on.clone();
        let errors = form.parse().expect_err("invalid");
        assert_eq!(
            errors.get("union_funds").map(|m| m.key),
            Some("projects.funding_sum")
        );
        assert_eq!(
            errors.get("apply_closes_on").map(|m| m.key),
            Some("projects.deadline_past")
        );
        assert_eq!(
            errors.get("service_ends_on").map(|m| m.key),
            Some("projects.ends_before_starts")
        );
    }

    #[test]
    fn at_least_one_type_and_a_real_rating() {
        let mut form = filled();
        form.eligible_types.clear();
        form.min_rating = "6".into();
        let errors = form.parse().expect_err("invalid");
        assert!(errors.get("eligible_types").is_some());
        assert!(errors.get("min_rating").is_some());
    }
}
