//! The application form: the proposal's texts and its budget lines, which must
//! add up to the requested amount, itself no more than the project's budget.

use serde::{Deserialize, Serialize};

use crate::projects::budget::{BudgetLines, LINES};
use crate::web::FieldErrors;
use crate::web::forms::optional_text;
use crate::web::money::Fen;

/// The texts a submitted proposal must have.
pub const TEXTS: [&str; 6] = [
    "proposal",
    "needs_analysis",
    "objectives",
    "activities_plan",
    "team",
    "performance_targets",
];

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ApplicationForm {
    pub proposal: String,
    pub needs_analysis: String,
    pub objectives: String,
    pub activities_plan: String,
    pub team: String,
    pub performance_targets: String,
    pub requested: String,
    pub personnel: String,
    pub activities: String,
    pub publicity: String,
    pub transport: String,
    pub office: String,
    pub experts: String,
    pub management: String,
    pub evaluation: String,
    pub version: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApplicationInput {
    pub texts: [String; 6],
    pub requested_fen: i64,
    pub budget: BudgetLines,
}

impl ApplicationForm {
    pub fn text(&self, field: &str) -> &str {
        match field {
            "proposal" => &self.proposal,
            "needs_analysis" => &self.needs_analysis,
            "objectives" => &self.objectives,
            "activities_plan" => &self.activities_plan,
            "team" => &self.team,
            "performance_targets" => &self.performance_targets,
            _ => "",
        }
    }

    pub fn line(&self, field: &str) -> &str {
        match field {
            "personnel" => &self.personnel,
            "activities" => &self.activities,
            "publicity" => &self.publicity,
            "transport" => &self.transport,
            "office" => &self.office,
            "experts" => &self.experts,
            "management" => &self.management,
            "evaluation" => &self.evaluation,
            _ => "",
        }
    }

    /// The form as saved in a draft: the sums must already agree, and the
    /// amount fit the budget; texts may still be missing.
    pub fn parse(&self, budget_fen: i64) -> Result<ApplicationInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let texts = TEXTS.map(|field| {
            optional_text(&mut errors, field, self.text(field), 8000).unwrap_or_default()
        });
        let amount = |errors: &mut FieldErrors, field: &'static str, value: &str| {
            if value.trim().is_empty() {
                return Some(0);
            }
            let parsed = Fen::parse_yuan(value).map(|fen| fen.0);
            if parsed.is_none() {
                errors.add(field, "orgs.money_format");
            }
            parsed
        };
        let requested = amount(&mut errors, "requested", &self.requested);
        let lines = LINES.map(|field| amount(&mut errors, field, self.line(field)));
        if let Some(requested) = requested {
            if requested > budget_fen {
                errors.add_with("requested", "apply.over_budget", Fen(budget_fen));
            }
            if lines.iter().all(Option::is_some) {
                let total: i64 = lines.iter().flatten().sum();
                if total != requested {
                    errors.add_with("personnel", "apply.lines_sum", Fen(total));
                }
            }
        }
        match requested {
            Some(requested_fen) if errors.is_empty() => Ok(ApplicationInput {
                texts,
                requested_fen,
                budget: BudgetLines(lines.map(Option::unwrap_or_default)),
            }),
            _ => Err(errors),
        }
    }

    /// What submitting adds: every text written and an amount above zero.
    pub fn parse_for_submit(&self, budget_fen: i64) -> Result<ApplicationInput, FieldErrors> {
        let mut errors = match self.parse(budget_fen) {
            Ok(_) => FieldErrors::default(),
            Err(errors) => errors,
        };
        for field in TEXTS {
            if self.text(field).trim().is_empty() {
                errors.add(field, "form.required");
            }
        }
        if Fen::parse_yuan(&self.requested).is_none_or(|fen| fen.0 == 0) {
            errors.add("requested", "apply.amount_required");
        }
        if errors.is_empty() {
            self.parse(budget_fen)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> ApplicationForm {
        ApplicationForm {
            proposal: "驿站服务".into(),
            needs_analysis: "骑手休息难".into(),
            objectives: "服务 2000 人次".into(),
            activities_plan: "每月 4 场".into(),
            team: "社工 5 名".into(),
            performance_targets: "满意度 90%".into(),
            requested: "100000".into(),
            personnel: "60000".into(),
            activities: "30000".into(),
            evaluation: "10000".into(),
            ..ApplicationForm::default()
        }
    }

    #[test]
    fn lines_must_add_up_and_stay_within_the_budget() {
        assert!(filled().parse_for_submit(10_000_000).is_ok());
        let mut form = filled();
        form.personnel = "50000".into();
        let errors = form.parse(10_000_000).expect_err("lines short");
        assert_eq!(
            errors.get("personnel").map(|m| m.key),
            Some("apply.lines_sum")
        );
        let errors = filled().parse(5_000_000).expect_err("over budget");
        assert_eq!(
            errors.get("requested").map(|m| m.key),
            Some("apply.over_budget")
        );
    }

    #[test]
    fn a_draft_may_be_incomplete_a_submission_may_not() {
        let draft = ApplicationForm {
            proposal: "初稿".into(),
            ..ApplicationForm::default()
        };
        assert!(draft.parse(10_000_000).is_ok());
        let errors = draft.parse_for_submit(10_000_000).expect_err("incomplete");
        assert!(errors.get("team").is_some());
        assert_eq!(
            errors.get("requested").map(|m| m.key),
            Some("apply.amount_required")
        );
    }
}
