//! A project's year (项目年度): the year in its code, which is the year, in
//! China time, it was drafted (`project_code_next` numbers codes by the year
//! of the insert, `created_at` is the time of the same insert). The project
//! list and the money pages filter by it, so a year's count and a year's money
//! cover the same projects; it is read from `created_at`, which the list
//! indexes already lead with (after the province).

use chrono::Datelike;

use crate::error::{AppError, AppResult};
use crate::web::format::china_time;

/// The years a page offers: from 2000 until the year after next is enough for
/// any record and keeps a typed year from reaching `make_timestamptz` wrong.
const FIRST: i32 = 2000;

/// This year in China.
pub fn this_year() -> i32 {
    chrono::Utc::now().with_timezone(&china_time()).year()
}

/// A year as typed in a query string: empty for none, else four digits in
/// the years a project can have.
pub fn parse(value: &str) -> AppResult<Option<i32>> {
    match value.trim() {
        "" => Ok(None),
        typed => typed
            .parse()
            .ok()
            .filter(|year| (FIRST..=this_year() + 1).contains(year))
            .map(Some)
            .ok_or_else(|| AppError::BadRequest("bad year".into())),
    }
}

/// The years to choose from, the newest first: this year down to the year of
/// the earliest project (`first`, if any), and always `chosen`.
pub fn choices(first: Option<i32>, chosen: Option<i32>) -> Vec<i32> {
    let newest = this_year().max(chosen.unwrap_or(FIRST));
    let oldest = [first, chosen]
        .into_iter()
        .flatten()
        .fold(newest, i32::min)
        .max(FIRST);
    (oldest..=newest).rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_is_four_digits_in_range() {
        assert_eq!(parse("").ok(), Some(None));
        assert_eq!(parse(" 2025 ").ok(), Some(Some(2025)));
        assert!(parse("1999").is_err());
        assert!(parse("20x5").is_err());
        assert!(parse(&(this_year() + 2).to_string()).is_err());
    }

    #[test]
    fn the_choices_run_from_the_earliest_project_to_this_year() {
        let now = this_year();
        assert_eq!(choices(None, None), vec![now]);
        assert_eq!(choices(Some(now - 2), None), vec![now, now - 1, now - 2]);
        assert_eq!(choices(None, Some(now - 1)), vec![now, now - 1]);
    }
}
