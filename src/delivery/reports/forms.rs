//! The report form: what was delivered in the period (people, activities,
//! service and volunteer hours), what was spent per budget line, and the
//! narrative. A draft may be incomplete; a submitted report needs its
//! narrative, and no line may spend more than the application budgeted for it
//! across all the contract's reports.

use serde::{Deserialize, Serialize};

use crate::projects::budget::{BudgetLines, LINES};
use crate::web::FieldErrors;
use crate::web::forms::optional_text;
use crate::web::money::Fen;
use crate::web::validate::parse_count;

/// The delivery counts, in the order of [`ReportInput::counts`].
pub const COUNTS: [&str; 4] = [
    "people_served",
    "activities_held",
    "service_hours",
    "volunteer_hours",
];

/// The largest count one report may carry.
const MAX_COUNT: i32 = 10_000_000;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ReportForm {
    pub people_served: String,
    pub activities_held: String,
    pub service_hours: String,
    pub volunteer_hours: String,
    pub personnel: String,
    pub activities: String,
    pub publicity: String,
    pub transport: String,
    pub office: String,
    pub experts: String,
    pub management: String,
    pub evaluation: String,
    pub narrative: String,
    pub problems: String,
    /// `save` or `submit`.
    pub action: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportInput {
    /// In the order of [`COUNTS`].
    pub counts: [i32; 4],
    pub spending: BudgetLines,
    pub narrative: String,
    pub problems: String,
}

impl ReportForm {
    pub fn count(&self, field: &str) -> &str {
        match field {
            "people_served" => &self.people_served,
            "activities_held" => &self.activities_held,
            "service_hours" => &self.service_hours,
            "volunteer_hours" => &self.volunteer_hours,
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

    pub fn submitting(&self) -> bool {
        self.action == "submit"
    }

    /// The form of a saved report, to edit.
    pub fn of(input: &ReportInput) -> Self {
        let yuan = |i: usize| {
            if input.spending.0[i] == 0 {
                String::new()
            } else {
                Fen(input.spending.0[i]).to_yuan_input()
            }
        };
        let count = |i: usize| input.counts[i].to_string();
        Self {
            people_served: count(0),
            activities_held: count(1),
            service_hours: count(2),
            volunteer_hours: count(3),
            personnel: yuan(0),
            activities: yuan(1),
            publicity: yuan(2),
            transport: yuan(3),
            office: yuan(4),
            experts: yuan(5),
            management: yuan(6),
            evaluation: yuan(7),
            narrative: input.narrative.clone(),
            problems: input.problems.clone(),
            action: String::new(),
        }
    }

    /// The form read against `left`, what the contract leaves to spend per
    /// line: the application's line less what its other reports spent.
    pub fn parse(&self, left: BudgetLines) -> Result<ReportInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let counts = COUNTS.map(|field| {
            let typed = self.count(field).trim();
            if typed.is_empty() {
                return 0;
            }
            parse_count(typed, MAX_COUNT).unwrap_or_else(|| {
                errors.add(field, "reports.count_format");
                0
            })
        });
        let mut lines_fen = [0; 8];
        for (i, field) in LINES.into_iter().enumerate() {
            let typed = self.line(field).trim();
            if typed.is_empty() {
                continue;
            }
            match Fen::parse_yuan(typed) {
                None => errors.add(field, "orgs.money_format"),
                Some(Fen(fen)) if fen > left.0[i] => {
                    errors.add_with(field, "reports.over_line", Fen(left.0[i].max(0)));
                }
                Some(Fen(fen)) => lines_fen[i] = fen,
            }
        }
        let narrative = optional_text(&mut errors, "narrative", &self.narrative, 8000);
        let problems = optional_text(&mut errors, "problems", &self.problems, 4000);
        if self.submitting() && narrative.is_none() {
            errors.add("narrative", "reports.narrative_required");
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ReportInput {
            counts,
            spending: BudgetLines(lines_fen),
            narrative: narrative.unwrap_or_default(),
            problems: problems.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spending_stays_within_each_line_and_a_submission_says_what_was_done() {
        let left = BudgetLines([100_000, 0, 0, 0, 0, 0, 0, 0]);
        let form = ReportForm {
            people_served: "120".into(),
            personnel: "1000".into(),
            narrative: "驻点服务 8 次".into(),
            action: "submit".into(),
            ..ReportForm::default()
        };
        let input = form.parse(left).expect("within the line");
        assert_eq!(input.counts[0], 120);
        assert_eq!(input.spending.0[0], 100_000);
        let over = ReportForm {
            personnel: "1000.01".into(),
            ..form.clone()
        };
        let errors = over.parse(left).expect_err("one fen over");
        assert_eq!(
            errors.get("personnel").map(|m| m.key),
            Some("reports.over_line")
        );
        let silent = ReportForm {
            narrative: " ".into(),
            ..form.clone()
        };
        let errors = silent.parse(left).expect_err("no narrative");
        assert!(errors.get("narrative").is_some());
        let draft = ReportForm {
            action: "save".into(),
            ..silent
        };
        assert!(draft.parse(left).is_ok(), "a draft may wait for its text");
        let bad = ReportForm {
            people_served: "-3".into(),
            ..form
        };
        assert!(bad.parse(left).unwrap_err().get("people_served").is_some());
    }
}
