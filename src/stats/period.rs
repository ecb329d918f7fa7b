//! The period a dashboard counts: a year, a quarter of it, or a range of
//! whole months. Figures of what happened (contacts made, projects drafted,
//! services reported) are kept by month, so a period is a range of months;
//! figures of what is (organizations, coverage, overdue contacts) are as of
//! the last refresh whatever the period.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};
use crate::projects::year;

/// The longest range a custom period may span: ten years of months.
const MAX_MONTHS: i32 = 120;

/// The period as typed in the query string (echoed into the selector and
/// every link of the page).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PeriodQuery {
    /// A year (`2026`); this year when nothing is given.
    pub year: String,
    /// `1`–`4`: a quarter of the year.
    pub quarter: String,
    /// A range of months, `2026-01` to `2026-06`, both included.
    pub from: String,
    pub to: String,
}

/// A range of whole months: `from` is the first day of the first month, `to`
/// the first day of the month after the last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: PeriodKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodKind {
    Year(i32),
    Quarter(i32, u32),
    Months,
}

fn bad(what: &str) -> AppError {
    AppError::BadRequest(format!("bad {what}"))
}

fn month_start(year: i32, month: u32) -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| bad("month"))
}

/// `2026-03` as the first day of that month.
fn parse_month(value: &str) -> AppResult<NaiveDate> {
    let (y, m) = value.trim().split_once('-').ok_or_else(|| bad("month"))?;
    let y: i32 = y.parse().map_err(|_| bad("month"))?;
    let m: u32 = m.parse().map_err(|_| bad("month"))?;
    if !(2000..=year::this_year() + 1).contains(&y) {
        return Err(bad("month"));
    }
    month_start(y, m)
}

fn next_month(date: NaiveDate) -> NaiveDate {
    date.checked_add_months(chrono::Months::new(1))
        .unwrap_or(date)
}

impl PeriodQuery {
    pub fn period(&self) -> AppResult<Period> {
        if !self.from.trim().is_empty() || !self.to.trim().is_empty() {
            let from = parse_month(&self.from)?;
            let last = parse_month(&self.to)?;
            let months =
                (last.year() - from.year()) * 12 + last.month() as i32 - from.month() as i32 + 1;
            if !(1..=MAX_MONTHS).contains(&months) {
                return Err(bad("range"));
            }
            return Ok(Period {
                from,
                to: next_month(last),
                kind: PeriodKind::Months,
            });
        }
        let year = year::parse(&self.year)?.unwrap_or_else(year::this_year);
        match self.quarter.trim() {
            "" => Ok(Period {
                from: month_start(year, 1)?,
                to: month_start(year + 1, 1)?,
                kind: PeriodKind::Year(year),
            }),
            q => {
                let q: u32 = q
                    .parse()
                    .ok()
                    .filter(|q| (1..=4).contains(q))
                    .ok_or_else(|| bad("quarter"))?;
                let from = month_start(year, 3 * q - 2)?;
                Ok(Period {
                    from,
                    to: from
                        .checked_add_months(chrono::Months::new(3))
                        .ok_or_else(|| bad("quarter"))?,
                    kind: PeriodKind::Quarter(year, q),
                })
            }
        }
    }
}

impl Period {
    /// The year the period lies in, when it lies in one: the project list and
    /// the money page filter by year, so their links fit only such a period.
    pub fn whole_year(&self) -> Option<i32> {
        match self.kind {
            PeriodKind::Year(year) => Some(year),
            _ => None,
        }
    }

    /// The year the selector shows.
    pub fn year(&self) -> i32 {
        match self.kind {
            PeriodKind::Year(year) | PeriodKind::Quarter(year, _) => year,
            PeriodKind::Months => self.from.year(),
        }
    }

    pub fn quarter(&self) -> Option<u32> {
        match self.kind {
            PeriodKind::Quarter(_, q) => Some(q),
            _ => None,
        }
    }

    /// The last month, as `2026-06`.
    pub fn last_month(&self) -> String {
        self.to
            .pred_opt()
            .map(|d| d.format("%Y-%m").to_string())
            .unwrap_or_default()
    }

    pub fn first_month(&self) -> String {
        self.from.format("%Y-%m").to_string()
    }

    /// The period in words: `2026年`, `2026年第3季度`, `2026-01 至 2026-06`.
    pub fn label(&self) -> String {
        match self.kind {
            PeriodKind::Year(year) => format!("{year}年"),
            PeriodKind::Quarter(year, q) => format!("{year}年第{q}季度"),
            PeriodKind::Months => format!("{} 至 {}", self.first_month(), self.last_month()),
        }
    }

    /// The query string that names this period (`year=2026`, …).
    pub fn query(&self) -> String {
        match self.kind {
            PeriodKind::Year(year) => format!("year={year}"),
            PeriodKind::Quarter(year, q) => format!("year={year}&quarter={q}"),
            PeriodKind::Months => format!("from={}&to={}", self.first_month(), self.last_month()),
        }
    }

    /// The months of the period, each as its first day.
    pub fn months(&self) -> Vec<NaiveDate> {
        let mut months = Vec::new();
        let mut month = self.from;
        while month < self.to {
            months.push(month);
            month = next_month(month);
        }
        months
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(year: &str, quarter: &str, from: &str, to: &str) -> PeriodQuery {
        PeriodQuery {
            year: year.into(),
            quarter: quarter.into(),
            from: from.into(),
            to: to.into(),
        }
    }

    fn date(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).expect("a date")
    }

    #[test]
    fn a_year_a_quarter_and_a_range_are_ranges_of_months() {
        let year = query("2025", "", "", "").period().expect("a year");
        assert_eq!((year.from, year.to), (date(2025, 1), date(2026, 1)));
        assert_eq!(year.whole_year(), Some(2025));
        let q4 = query("2025", "4", "", "").period().expect("a quarter");
        assert_eq!((q4.from, q4.to), (date(2025, 10), date(2026, 1)));
        assert_eq!(q4.label(), "2025年第4季度");
        assert_eq!(q4.whole_year(), None);
        let range = query("", "", "2025-11", "2026-02")
            .period()
            .expect("a range");
        assert_eq!((range.from, range.to), (date(2025, 11), date(2026, 3)));
        assert_eq!(range.months().len(), 4);
        assert_eq!(range.query(), "from=2025-11&to=2026-02");
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in [
            query("1999", "", "", ""),
            query("2025", "5", "", ""),
            query("", "", "2026-03", "2026-01"),
            query("", "", "2026-13", "2026-12"),
            query("", "", "2010-01", "2026-01"),
            query("", "", "2026-01", ""),
        ] {
            assert!(bad.period().is_err(), "{bad:?}");
        }
    }
}
