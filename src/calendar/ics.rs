//! The calendar feed's text: iCalendar (RFC 5545) with one all-day event per
//! deadline. Written here rather than with the `icalendar` crate, which
//! switches on a feature of `chrono` (and so rebuilds everything above it)
//! and brings a date parser this writer has no use for; what a feed needs is
//! a handful of properties, escaped and folded by the rules below.

use chrono::{DateTime, Days, NaiveDate, Utc};

/// One all-day event.
#[derive(Clone, Debug)]
pub struct Event {
    /// Stable for the same deadline from one reading of the feed to the next,
    /// so that calendar programs update the event instead of adding another.
    pub uid: String,
    pub on: NaiveDate,
    pub summary: String,
    pub description: String,
    /// An absolute address of the record, when the site's address is known.
    pub url: Option<String>,
}

/// Content lines are folded after this many octets (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// A whole calendar named `name`, stamped `now`.
pub fn calendar(name: &str, events: &[Event], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(&fold(text));
        out.push_str("\r\n");
    };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Niudai//Deadline calendar//ZH");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(name)));
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for event in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape(&event.uid)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", event.on.format("%Y%m%d")));
        if let Some(after) = event.on.checked_add_days(Days::new(1)) {
            line(&format!("DTEND;VALUE=DATE:{}", after.format("%Y%m%d")));
        }
        line(&format!("SUMMARY:{}", escape(&event.summary)));
        if !event.description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape(&event.description)));
        }
        if let Some(url) = &event.url {
            line(&format!("URL:{url}"));
        }
        // A deadline is a reminder, not a meeting: it keeps the day free.
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// A TEXT value: backslash, semicolon and comma escaped, every line break
/// (CRLF, CR or LF) written `\n`, other control characters dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded into lines of at most 75 octets, each continuation
/// starting with a space; never inside a UTF-8 character.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / LINE_OCTETS * 3);
    let mut room = LINE_OCTETS;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            // The continuation's leading space takes one octet of the line.
            room = LINE_OCTETS - 1;
            used = 0;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_line_breaks_become_backslash_n() {
        assert_eq!(escape(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(escape("一\r\n二\r三\n四"), r"一\n二\n三\n四");
        assert_eq!(escape("响\u{7}铃"), "响铃");
        assert_eq!(escape("冒号:可以"), "冒号:可以");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "报告截止".repeat(20));
        let folded = fold(&line);
        let parts: Vec<&str> = folded.split("\r\n").collect();
        assert!(parts.len() > 1);
        for (i, part) in parts.iter().enumerate() {
            assert!(
                part.len() <= LINE_OCTETS,
                "line {i} has {} octets",
                part.len()
            );
            if i > 0 {
                assert!(part.starts_with(' '));
            }
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert_eq!(fold("SHORT:行"), "SHORT:行");
    }

    #[test]
    fn a_calendar_is_crlf_lines_of_all_day_events() {
        let now = DateTime::parse_from_rfc3339("2026-03-01T08:00:00Z")
            .expect("a time")
            .with_timezone(&Utc);
        let events = [Event {
            uid: "report-1@niudai".into(),
            on: NaiveDate::from_ymd_opt(2026, 3, 5).expect("a date"),
            summary: "报告截止：驿站服务, 第一期".into(),
            description: String::new(),
            url: Some("https://niudai.example.cn/reports/1".into()),
        }];
        let text = calendar("纽带日程", &events, now);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains(['\r', '\n']));
        assert!(text.contains("\r\nDTSTART;VALUE=DATE:20260305\r\nDTEND;VALUE=DATE:20260306\r\n"));
        assert!(text.contains("\r\nDTSTAMP:20260301T080000Z\r\n"));
        assert!(text.contains("SUMMARY:报告截止：驿站服务\\, 第一期\r\n"));
        assert!(!text.contains("DESCRIPTION"));
    }
}
