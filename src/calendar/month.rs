//! A month of the calendar as the address bar names it (`2026-03`) and as the
//! grid lays it out: weeks from Monday, as calendars in China print them.

use chrono::{Datelike, Days, Months, NaiveDate};

/// One month of one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Month {
    first: NaiveDate,
}

impl Month {
    /// The years the calendar pages through: a typed address further out is
    /// a bad request rather than a very long walk.
    const YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

    /// `2026-03`, or nothing.
    pub fn parse(text: &str) -> Option<Self> {
        let (year, month) = text.split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let month: u32 = month.parse().ok()?;
        if !Self::YEARS.contains(&year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, month, 1).map(|first| Self { first })
    }

    /// The month `date` falls in.
    pub fn of(date: NaiveDate) -> Self {
        Self {
            first: date.with_day(1).unwrap_or(date),
        }
    }

    pub fn first(self) -> NaiveDate {
        self.first
    }

    pub fn last(self) -> NaiveDate {
        self.next().first - Days::new(1)
    }

    /// The month before; the first month of the range stays put.
    pub fn prev(self) -> Self {
        let first = self.first - Months::new(1);
        if Self::YEARS.contains(&first.year()) {
            Self { first }
        } else {
            self
        }
    }

    /// The month after (the last month of the range has one: its address is
    /// refused, so the page offers no link to it).
    pub fn next(self) -> Self {
        Self {
            first: self.first + Months::new(1),
        }
    }

    /// Whether the month after can be shown.
    pub fn has_next(self) -> bool {
        Self::YEARS.contains(&self.next().first.year())
    }

    /// Whether the month before can be shown.
    pub fn has_prev(self) -> bool {
        self.prev() != self
    }

    /// The weeks of the month, Monday first; days of the neighbouring months
    /// in the first and last week are `None`.
    pub fn weeks(self) -> Vec<[Option<NaiveDate>; 7]> {
        let lead = self.first.weekday().num_days_from_monday() as usize;
        let days = self.last().day() as usize;
        let mut weeks = Vec::new();
        let mut week = [None; 7];
        for slot in 0..(lead + days).div_ceil(7) * 7 {
            let day = slot
                .checked_sub(lead)
                .filter(|d| *d < days)
                .and_then(|d| self.first.checked_add_days(Days::new(d as u64)));
            week[slot % 7] = day;
            if slot % 7 == 6 {
                weeks.push(week);
                week = [None; 7];
            }
        }
        weeks
    }
}

impl std::fmt::Display for Month {
    /// `2026-03`, as the address bar and the page title write it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.first.format("%Y-%m"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn months_are_read_as_the_address_bar_writes_them() {
        let march = Month::parse("2026-03").expect("a month");
        assert_eq!(march.first(), date(2026, 3, 1));
        assert_eq!(march.last(), date(2026, 3, 31));
        assert_eq!(march.to_string(), "2026-03");
        for bad in [
            "2026-3",
            "2026-13",
            "26-03",
            "2026",
            "",
            "1999-12",
            "2100-01",
            "２０２６-03",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn neighbours_cross_the_year_and_stop_at_the_range() {
        let january = Month::parse("2026-01").expect("a month");
        assert_eq!(january.prev().to_string(), "2025-12");
        assert_eq!(january.prev().next(), january);
        assert_eq!(
            Month::parse("2028-02").expect("leap").last(),
            date(2028, 2, 29)
        );
        let first = Month::parse("2000-01").expect("a month");
        assert!(!first.has_prev());
        assert!(!Month::parse("2099-12").expect("a month").has_next());
        assert!(january.has_next() && january.has_prev());
    }

    #[test]
    fn weeks_start_on_monday_and_hold_every_day_once() {
        // 2026-03-01 is a Sunday: the first week has six empty days.
        let march = Month::parse("2026-03").expect("a month");
        let weeks = march.weeks();
        assert_eq!(weeks[0][..6], [None; 6]);
        assert_eq!(weeks[0][6], Some(date(2026, 3, 1)));
        assert_eq!(weeks[1][0], Some(date(2026, 3, 2)));
        let days: Vec<NaiveDate> = weeks.iter().flatten().flatten().copied().collect();
        assert_eq!(days.len(), 31);
        assert_eq!(days.last(), Some(&date(2026, 3, 31)));
        assert_eq!(weeks.len(), 6);
        // 2027-02 starts on a Monday and fills four weeks exactly.
        assert_eq!(Month::parse("2027-02").expect("a month").weeks().len(), 4);
    }
}
