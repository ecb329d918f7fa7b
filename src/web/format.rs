//! How numbers, money and times read on our pages: thousands separators,
//! `¥1,234.56`, `2026-11-28 14:05` in China Standard Time.

use chrono::{DateTime, FixedOffset, Utc};

/// China Standard Time, where every user of Niudai works.
pub fn china_time() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `2026-11-28 14:05`, China Standard Time.
pub fn datetime(at: &DateTime<Utc>) -> String {
    at.with_timezone(&china_time())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// `2026-11-28`, China Standard Time.
pub fn date(at: &DateTime<Utc>) -> String {
    at.with_timezone(&china_time())
        .format("%Y-%m-%d")
        .to_string()
}

/// `%`, `_` and `\` typed by a user match themselves in LIKE.
pub fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// `87.35` from 8,735 hundredths (scores, means).
pub fn two_decimals(hundredths: i64) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundredths_show_two_decimals() {
        assert_eq!(two_decimals(8025), "80.25");
        assert_eq!(two_decimals(9000), "90.00");
    }
    use chrono::TimeZone;

    #[test]
    fn typed_wildcards_match_themselves() {
        assert_eq!(like_escape("100%_a\\b"), "100\\%\\_a\\\\b");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(-1_234_567), "-1,234,567");
    }

    #[test]
    fn times_show_in_china_standard_time() {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 28, 6, 5, 0)
            .single()
            .expect("valid");
        assert_eq!(datetime(&at), "2026-11-28 14:05");
        let late = Utc
            .with_ymd_and_hms(2026, 11, 28, 17, 0, 0)
            .single()
            .expect("valid");
        assert_eq!(date(&late), "2026-11-29");
    }
}
