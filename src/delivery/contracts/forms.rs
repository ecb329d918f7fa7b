//! The contract form: amount (no more than requested), service period,
//! supervisor, report cycle, signing date and up to three installments whose
//! percentages sum to 100.

use std::collections::HashMap;

use chrono::{Local, NaiveDate};
use serde::Serialize;
use uuid::Uuid;

use crate::web::FieldErrors;
use crate::web::money::Fen;
use crate::web::validate::parse_date;

/// Installment rows on the form.
pub const ROWS: usize = 3;

crate::text_enum!(pub enum Condition("contracts.condition") {
    OnSigning => "on_signing",
    AfterMidterm => "after_midterm",
    AfterFinal => "after_final",
});

crate::text_enum!(pub enum Cycle("contracts.cycle") {
    Monthly => "monthly",
    Quarterly => "quarterly",
});

/// The fields as posted (a multipart form, kept to show again).
#[derive(Clone, Debug, Default)]
pub struct ContractForm(pub HashMap<String, String>);

impl ContractForm {
    pub fn get(&self, field: &str) -> &str {
        self.0.get(field).map_or("", String::as_str)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContractInput {
    pub amount_fen: i64,
    pub service_starts_on: NaiveDate,
    pub service_ends_on: NaiveDate,
    pub supervisor_id: Uuid,
    pub report_cycle: &'static str,
    pub signed_on: NaiveDate,
    /// (percent, condition) in order.
    pub installments: Vec<(i16, &'static str)>,
}

impl ContractForm {
    /// Parses against the amount requested and the supervisors allowed.
    pub fn parse(
        &self,
        requested_fen: i64,
        supervisors: &[Uuid],
    ) -> Result<ContractInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let amount = Fen::parse_yuan(self.get("amount")).map(|f| f.0);
        match amount {
            None => errors.add("amount", "orgs.money_format"),
            Some(0) => errors.add("amount", "projects.budget_positive"),
            Some(a) if a > requested_fen => {
                errors.add_with("amount", "contracts.over_requested", Fen(requested_fen));
            }
            Some(_) => {}
        }
        let date = |errors: &mut FieldErrors, field: &'static str| {
            let parsed = parse_date(self.get(field));
            if parsed.is_none() {
                errors.add(field, "form.invalid_date");
            }
            parsed
        };
        let starts = date(&mut errors, "service_starts_on");
        let ends = date(&mut errors, "service_ends_on");
        if let (Some(s), Some(e)) = (starts, ends)
            && e <= s
        {
            errors.add("service_ends_on", "projects.ends_before_starts");
        }
        let signed_on = date(&mut errors, "signed_on");
        if signed_on.is_some_and(|d| d > Local::now().date_naive()) {
            errors.add("signed_on", "orgs.date_in_future");
        }
        let supervisor = Uuid::parse_str(self.get("supervisor_id"))
            .ok()
            .filter(|s| supervisors.contains(s));
        if supervisor.is_none() {
            errors.add("supervisor_id", "form.choose");
        }
        let cycle = Cycle::parse(self.get("report_cycle"));
        if cycle.is_none() {
            errors.add("report_cycle", "form.choose");
        }
        let installments = self.installments(&mut errors);
        match (amount, starts, ends, supervisor, cycle, signed_on) {
            (
                Some(amount_fen),
                Some(service_starts_on),
                Some(service_ends_on),
                Some(supervisor_id),
                Some(cycle),
                Some(signed_on),
            ) if errors.is_empty() => Ok(ContractInput {
                amount_fen,
                service_starts_on,
                service_ends_on,
                supervisor_id,
                report_cycle: cycle.as_str(),
                signed_on,
                installments,
            }),
            _ => Err(errors),
        }
    }

    /// The installment rows filled in, (percent, condition) in order; their
    /// percentages must sum to 100.
    fn installments(&self, errors: &mut FieldErrors) -> Vec<(i16, &'static str)> {
        let mut installments = Vec::new();
        for row in 1..=ROWS {
            let percent = self.get(&format!("percent_{row}")).trim().to_owned();
            let condition = self.get(&format!("condition_{row}")).trim().to_owned();
            if percent.is_empty() && condition.is_empty() {
                continue;
            }
            match (
                percent
                    .parse::<i16>()
                    .ok()
                    .filter(|p| (1..=100).contains(p)),
                Condition::parse(&condition),
            ) {
                (Some(p), Some(c)) => installments.push((p, c.as_str())),
                _ => errors.add("installments", "contracts.installment_row"),
            }
        }
        let total: i32 = installments.iter().map(|(p, _)| i32::from(*p)).sum();
        if errors.get("installments").is_none() && total != 100 {
            errors.add_with("installments", "contracts.installments_sum", total);
        }
        installments
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> ContractForm {
        ContractForm(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn installments_sum_to_a_hundred_and_the_amount_stays_within_the_request() {
        let supervisor = Uuid::from_u128(3);
        let s = supervisor.to_string();
        let good = [
            ("amount", "250000"),
            ("service_starts_on", "2026-01-01"),
            ("service_ends_on", "2026-12-31"),
            ("supervisor_id", s.as_str()),
            ("report_cycle", "quarterly"),
            ("signed_on", "2025-12-20"),
            ("percent_1", "40"),
            ("condition_1", "on_signing"),
            ("percent_2", "30"),
            ("condition_2", "after_midterm"),
            ("percent_3", "30"),
            ("condition_3", "after_final"),
        ];
        let input = form(&good).parse(30_000_000, &[supervisor]).expect("valid");
        assert_eq!(input.installments.len(), 3);
        let mut short = good;
        short[11] = ("condition_3", "");
        short[10] = ("percent_3", "");
        let errors = form(&short)
            .parse(30_000_000, &[supervisor])
            .expect_err("70 %");
        assert_eq!(
            errors.get("installments").map(|m| m.key),
            Some("contracts.installments_sum")
        );
        let errors = form(&good)
            .parse(20_000_000, &[supervisor])
            .expect_err("over the request");
        assert_eq!(
            errors.get("amount").map(|m| m.key),
            Some("contracts.over_requested")
        );
        let errors = form(&good)
            .parse(30_000_000, &[])
            .expect_err("unknown supervisor");
        assert!(errors.get("supervisor_id").is_some());
    }
}
