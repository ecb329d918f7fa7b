//! How late something is: "逾期 3 天", "逾期 2 个月", "逾期 2 年", in a tone
//! that grows with the age, so that a contact two years overdue no longer
//! looks like one two days overdue. The `overdue` macro of `_macros.html`
//! draws it.

use chrono::{NaiveDate, Utc};

use super::format::china_time;
use crate::i18n::Lang;

/// Days past a due date (at least one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overdue {
    days: i64,
}

/// Today in China, where due dates fall.
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&china_time()).date_naive()
}

impl Overdue {
    /// How late `due` is on `today`; `None` when it is not past.
    pub fn since(due: NaiveDate, today: NaiveDate) -> Option<Self> {
        let days = (today - due).num_days();
        (days > 0).then_some(Self { days })
    }

    /// How late `due` is today; `None` when it is not past.
    pub fn of(due: NaiveDate) -> Option<Self> {
        Self::since(due, today())
    }

    /// How late a record the database found overdue is: at least a day, even
    /// where the database's today and China's disagree for a few hours.
    pub fn known(due: NaiveDate) -> Self {
        Self::of(due).unwrap_or(Self { days: 1 })
    }

    /// "逾期 3 天" up to a month, then months, then years (whole ones).
    pub fn text(&self, lang: &Lang) -> String {
        let (one, many, n) = match self.days {
            d if d <= 30 => ("overdue.day", "overdue.days", d),
            d if d < 365 => ("overdue.month", "overdue.months", d / 30),
            d => ("overdue.year", "overdue.years", d / 365),
        };
        lang.t1(if n == 1 { one } else { many }, n)
    }

    /// The CSS class of its severity: a week, a month, half a year, longer.
    pub fn class(&self) -> &'static str {
        match self.days {
            ..=7 => "overdue-week",
            8..=30 => "overdue-month",
            31..=180 => "overdue-half-year",
            _ => "overdue-long",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn late(days: i64) -> Overdue {
        let due = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
        Overdue::since(due, due + chrono::Duration::days(days)).expect("overdue")
    }

    #[test]
    fn the_age_reads_in_days_then_months_then_years() {
        assert_eq!(late(3).text(&Lang::Zh), "逾期 3 天");
        assert_eq!(late(30).text(&Lang::Zh), "逾期 30 天");
        assert_eq!(late(61).text(&Lang::Zh), "逾期 2 个月");
        assert_eq!(late(731).text(&Lang::Zh), "逾期 2 年");
        assert_eq!(late(1).text(&Lang::En), "1 day overdue");
        assert_eq!(late(400).text(&Lang::En), "1 year overdue");
    }

    #[test]
    fn the_tone_grows_with_the_age() {
        assert_eq!(late(7).class(), "overdue-week");
        assert_eq!(late(8).class(), "overdue-month");
        assert_eq!(late(180).class(), "overdue-half-year");
        assert_eq!(late(181).class(), "overdue-long");
    }

    #[test]
    fn a_date_not_yet_past_is_not_overdue() {
        let day = NaiveDate::from_ymd_opt(2024, 5, 1).expect("a date");
        assert_eq!(Overdue::since(day, day), None);
        assert!(Overdue::since(day, day.succ_opt().expect("next")).is_some());
    }
}
