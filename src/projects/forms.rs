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
    /// The federation commissioning the service (委托), if any: its id.
    pub commissioned_by: String,
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
    /// The commissioning federation: only its current members apply.
    pub commissioned_by: Option<Uuid>,
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

/// What the project is: where it is bought, its title, domain and people.
struct About {
    union_id: i64,
    title: String,
    domain: Domain,
    description: String,
    target_group: String,
}

/// What the project promises: people served, activities, service hours.
struct Targets {
    people: i32,
    activities: i32,
    service_hours: i32,
}

/// The budget and its four sources (union, fiscal, crowdfunding, other), in fen.
struct Funding {
    budget_fen: i64,
    sources_fen: [i64; 4],
}

/// Who may apply.
struct Eligibility {
    types: Vec<String>,
    min_rating: Option<i16>,
    min_years: i16,
}

/// The call's window and the service period.
struct Dates {
    apply_opens_on: NaiveDate,
    apply_closes_on: NaiveDate,
    service_starts_on: NaiveDate,
    service_ends_on: NaiveDate,
}

/// The indicator systems of the review, the mid-term and the performance
/// evaluation.
struct Systems {
    review: Uuid,
    midterm: Uuid,
    performance: Uuid,
}

impl ProjectForm {
    /// The form's fields, typed and checked; every problem at once otherwise.
    pub fn parse(&self) -> Result<ProjectInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let about = self.about(&mut errors);
        let targets = self.targets(&mut errors);
        let funding = self.funding(&mut errors);
        let eligibility = self.eligibility(&mut errors);
        let dates = self.dates(&mut errors);
        let systems = self.systems(&mut errors);
        let needs = self
            .need
            .iter()
            .filter_map(|id| Uuid::parse_str(id.trim()).ok())
            .collect();
        let commissioned_by = match self.commissioned_by.trim() {
            "" => None,
            text => {
                let id = Uuid::parse_str(text).ok();
                if id.is_none() {
                    errors.add("commissioned_by", "form.choose");
                }
                id
            }
        };
        let (
            Some(about),
            Some(targets),
            Some(funding),
            Some(eligibility),
            Some(dates),
            Some(systems),
        ) = (about, targets, funding, eligibility, dates, systems)
        else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProjectInput {
            commissioned_by,
            ..input(about, targets, funding, eligibility, dates, systems, needs)
        })
    }

    fn about(&self, errors: &mut FieldErrors) -> Option<About> {
        let union_id = self.union_id.trim().parse::<i64>().ok();
        if union_id.is_none() {
            errors.add("union_id", "form.choose");
        }
        let title = required_text(errors, "title", &self.title, 200);
        if errors.get("title").is_none() && title.chars().count() < 2 {
            errors.add("title", "needs.title_short");
        }
        let domain = Domain::parse(self.domain.trim());
        if domain.is_none() {
            errors.add("domain", "form.choose");
        }
        let description = required_text(errors, "description", &self.description, 8000);
        let target_group = required_text(errors, "target_group", &self.target_group, 500);
        Some(About {
            union_id: union_id?,
            title,
            domain: domain?,
            description,
            target_group,
        })
    }

    fn targets(&self, errors: &mut FieldErrors) -> Option<Targets> {
        let people = count(errors, "target_people", &self.target_people, MAX_TARGET);
        let activities = count(
            errors,
            "target_activities",
            &self.target_activities,
            MAX_TARGET,
        );
        let service_hours = count(
            errors,
            "target_service_hours",
            &self.target_service_hours,
            MAX_TARGET,
        );
        Some(Targets {
            people: people?,
            activities: activities?,
            service_hours: service_hours?,
        })
    }

    fn funding(&self, errors: &mut FieldErrors) -> Option<Funding> {
        let budget = money(errors, "budget", &self.budget, true);
        let sources = [
            money(errors, "union_funds", &self.union_funds, false),
            money(errors, "fiscal_funds", &self.fiscal_funds, false),
            money(errors, "crowdfunding", &self.crowdfunding, false),
            money(errors, "other_funds", &self.other_funds, false),
        ];
        check_funding(errors, budget, sources);
        let [union, fiscal, crowdfunding, other] = sources;
        Some(Funding {
            budget_fen: budget?,
            sources_fen: [union?, fiscal?, crowdfunding?, other?],
        })
    }

    fn eligibility(&self, errors: &mut FieldErrors) -> Option<Eligibility> {
        let mut types = Vec::new();
        for value in &self.eligible_types {
            match OrgType::parse(value.trim()) {
                Some(kind) if !types.contains(&kind.as_str().to_owned()) => {
                    types.push(kind.as_str().to_owned());
                }
                Some(_) => {}
                None => errors.add("eligible_types", "form.choose"),
            }
        }
        if types.is_empty() {
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
        let min_years =
            count(errors, "min_years", &self.min_years, 50).and_then(|n| i16::try_from(n).ok());
        Some(Eligibility {
            types,
            min_rating: min_rating?,
            min_years: min_years?,
        })
    }

    fn dates(&self, errors: &mut FieldErrors) -> Option<Dates> {
        let opens = date(errors, "apply_opens_on", &self.apply_opens_on);
        let closes = date(errors, "apply_closes_on", &self.apply_closes_on);
        let starts = date(errors, "service_starts_on", &self.service_starts_on);
        let ends = date(errors, "service_ends_on", &self.service_ends_on);
        check_dates(
            errors,
            Local::now().date_naive(),
            opens,
            closes,
            starts,
            ends,
        );
        Some(Dates {
            apply_opens_on: opens?,
            apply_closes_on: closes?,
            service_starts_on: starts?,
            service_ends_on: ends?,
        })
    }

    fn systems(&self, errors: &mut FieldErrors) -> Option<Systems> {
        let review = system(errors, "review_system_id", &self.review_system_id);
        let midterm = system(errors, "midterm_system_id", &self.midterm_system_id);
        let performance = system(errors, "performance_system_id", &self.performance_system_id);
        Some(Systems {
            review: review?,
            midterm: midterm?,
            performance: performance?,
        })
    }
}

/// The budget is more than nothing and its sources add up to it (checked
/// when every amount parsed).
fn check_funding(errors: &mut FieldErrors, budget: Option<i64>, sources: [Option<i64>; 4]) {
    if budget == Some(0) {
        errors.add("budget", "projects.budget_positive");
    }
    if let (Some(budget), [Some(a), Some(b), Some(c), Some(d)]) = (budget, sources) {
        let total = a.saturating_add(b).saturating_add(c).saturating_add(d);
        if total != budget {
            errors.add_with("union_funds", "projects.funding_sum", Fen(total));
        }
    }
}

/// The dates follow each other: the call closes after `today` and after it
/// opens, the service starts after the call closes and ends after it starts.
fn check_dates(
    errors: &mut FieldErrors,
    today: NaiveDate,
    opens: Option<NaiveDate>,
    closes: Option<NaiveDate>,
    starts: Option<NaiveDate>,
    ends: Option<NaiveDate>,
) {
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
}

/// The parsed groups as one project's fields.
fn input(
    about: About,
    targets: Targets,
    funding: Funding,
    eligibility: Eligibility,
    dates: Dates,
    systems: Systems,
    needs: Vec<Uuid>,
) -> ProjectInput {
    let [
        union_funds_fen,
        fiscal_funds_fen,
        crowdfunding_fen,
        other_funds_fen,
    ] = funding.sources_fen;
    ProjectInput {
        union_id: about.union_id,
        title: about.title,
        domain: about.domain.as_str(),
        description: about.description,
        target_group: about.target_group,
        target_people: targets.people,
        target_activities: targets.activities,
        target_service_hours: targets.service_hours,
        budget_fen: funding.budget_fen,
        union_funds_fen,
        fiscal_funds_fen,
        crowdfunding_fen,
        other_funds_fen,
        eligible_types: eligibility.types,
        min_rating: eligibility.min_rating,
        min_years: eligibility.min_years,
        apply_opens_on: dates.apply_opens_on,
        apply_closes_on: dates.apply_closes_on,
        service_starts_on: dates.service_starts_on,
        service_ends_on: dates.service_ends_on,
        review_system_id: systems.review,
        midterm_system_id: systems.midterm,
        performance_system_id: systems.performance,
        commissioned_by: None,
        needs,
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
