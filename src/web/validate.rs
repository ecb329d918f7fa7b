//! Checks of common field formats: phone numbers, e-mail addresses, dates, counts.

use chrono::NaiveDate;

/// A mainland mobile (`13812345678`), a landline with area code (`020-12345678`,
/// optionally `-123` extension) or a 400/800 service number.
pub fn is_phone(value: &str) -> bool {
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let compact: String = value.chars().filter(|c| *c != ' ').collect();
    let mobile = compact.len() == 11
        && digits_only(&compact)
        && compact.starts_with('1')
        && matches!(compact.as_bytes()[1], b'3'..=b'9');
    let service = {
        let plain: String = compact.chars().filter(|c| *c != '-').collect();
        plain.len() == 10
            && digits_only(&plain)
            && (plain.starts_with("400") || plain.starts_with("800"))
    };
    let landline = {
        let mut parts = compact.split('-');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(area), Some(number), extension, None) => {
                digits_only(area)
                    && area.starts_with('0')
                    && (3..=4).contains(&area.len())
                    && digits_only(number)
                    && (7..=8).contains(&number.len())
                    && extension.is_none_or(|e| digits_only(e) && e.len() <= 6)
            }
            _ => false,
        }
    };
    mobile || service || landline
}

/// A plausible address: one `@`, a local part, a domain with a dot, no spaces.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    value.len() <= 100
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A date typed as `2026-11-28` (also `2026/11/28`).
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%Y/%m/%d"))
        .ok()
}

/// A whole count typed in a form: not negative, at most `max`.
pub fn parse_count(value: &str, max: i32) -> Option<i32> {
    let value = value.trim().replace([',', '，'], "");
    if value.is_empty() {
        return Some(0);
    }
    value.parse::<i32>().ok().filter(|n| (0..=max).contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        for ok in [
            "13812345678",
            "020-12345678",
            "0755-1234567",
            "010-12345678-123",
            "400-123-4567",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in [
            "12812345678",
            "1381234567",
            "2012345678",
            "020-123",
            "phone",
            "020-12345678-1234567",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(is_email("contact@niudai.org.cn"));
        for bad in [
            "no-at.example",
            "a@b",
            "a b@c.cn",
            "@c.cn",
            "a@.cn",
            "a@c.cn.",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn dates_and_counts() {
        assert_eq!(
            parse_date("2026/02/03"),
            NaiveDate::from_ymd_opt(2026, 2, 3)
        );
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_count("", 10), Some(0));
        assert_eq!(parse_count("1,200", 5000), Some(1200));
        assert_eq!(parse_count("-1", 10), None);
        assert_eq!(parse_count("11", 10), None);
    }
}
