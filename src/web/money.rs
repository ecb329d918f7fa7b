//! Money: integer fen (分) everywhere, never floating point; typed and shown in
//! 元 (`¥1,234.56`) or 万元 (`12.35 万元`).

use std::fmt;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Fen(pub i64);

/// The largest amount anyone types: a trillion yuan.
const MAX_FEN: i64 = 100_000_000_000_000;

impl Fen {
    /// Parses an amount in yuan as typed: `1234`, `1,234.5`, `¥1234.56`. At most two
    /// decimals, not negative.
    pub fn parse_yuan(input: &str) -> Option<Self> {
        let cleaned: String = input
            .trim()
            .trim_start_matches(['¥', '￥'])
            .chars()
            .filter(|c| *c != ',' && *c != '，')
            .collect();
        let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
        if whole.is_empty() || fraction.len() > 2 {
            return None;
        }
        if !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let yuan: i64 = whole.parse().ok()?;
        let fen_part: i64 = format!("{fraction:0<2}").parse().ok()?;
        let total = yuan.checked_mul(100)?.checked_add(fen_part)?;
        (total <= MAX_FEN).then_some(Self(total))
    }

    /// `1234.56`: the amount as typed in a form (no separators).
    pub fn to_yuan_input(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        match abs % 100 {
            0 => format!("{sign}{}", abs / 100),
            cents => format!("{sign}{}.{cents:02}", abs / 100),
        }
    }

    /// `12.35 万元`.
    pub fn wan_yuan(self) -> String {
        format!("{} 万元", self.wan())
    }

    /// `12.35`: 万元 without the unit, for a column whose header names it.
    pub fn wan(self) -> String {
        // Rounded half up to hundredths of 万元 (100 元 = 10,000 fen).
        let hundredths = (self.0 + 5_000) / 10_000;
        format!(
            "{}.{:02}",
            super::format::thousands(hundredths / 100),
            hundredths % 100
        )
    }
}

/// `¥1,234.56`.
impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = i64::try_from(abs / 100).unwrap_or(i64::MAX);
        write!(
            f,
            "{sign}¥{}.{:02}",
            super::format::thousands(yuan),
            abs % 100
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_as_typed_become_fen() {
        assert_eq!(Fen::parse_yuan("1234"), Some(Fen(123_400)));
        assert_eq!(Fen::parse_yuan("¥1,234.5"), Some(Fen(123_450)));
        assert_eq!(Fen::parse_yuan(" 0.07 "), Some(Fen(7)));
        assert_eq!(Fen::parse_yuan("1.234"), None);
        assert_eq!(Fen::parse_yuan("-5"), None);
        assert_eq!(Fen::parse_yuan("abc"), None);
        assert_eq!(Fen::parse_yuan(".5"), None);
        assert_eq!(Fen::parse_yuan("99999999999999999999"), None);
    }

    #[test]
    fn fen_read_as_yuan() {
        assert_eq!(Fen(123_456).to_string(), "¥1,234.56");
        assert_eq!(Fen(123_456).to_yuan_input(), "1234.56");
        assert_eq!(Fen(100).to_yuan_input(), "1");
        assert_eq!(Fen(1_234_567_800).wan_yuan(), "1,234.57 万元");
        assert_eq!(Fen(0).wan_yuan(), "0.00 万元");
        assert_eq!(Fen(1_234_567_800).wan(), "1,234.57");
    }
}
