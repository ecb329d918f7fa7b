//! Keyset pagination for every list: a page is "the `limit` rows after (or
//! before) this row's sort key", so page 1,000 costs what page 1 costs. Cursors
//! are opaque to users; counts stop at 10,000 and show as "10,000+".

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Rows per page, everywhere.
pub const PAGE_SIZE: usize = 50;

/// Counts above this are shown as "10,000+".
pub const COUNT_CAP: i64 = 10_000;

/// The cursor half of a list's query string.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct PageQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
}

/// Where to read from: after a row, before a row, or from the start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Position {
    Start,
    After(Vec<String>),
    Before(Vec<String>),
}

/// What each part of a list's sort key must parse as, so that a tampered
/// cursor is a bad request rather than a database error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyPart {
    Text,
    Int,
    Uuid,
    /// An RFC 3339 time, or `-infinity` for "never".
    Time,
    /// A calendar date, `2026-11-28`.
    Date,
}

impl KeyPart {
    fn accepts(self, value: &str) -> bool {
        match self {
            KeyPart::Text => true,
            KeyPart::Int => value.parse::<i64>().is_ok(),
            KeyPart::Uuid => uuid::Uuid::parse_str(value).is_ok(),
            KeyPart::Time => {
                value == "-infinity" || chrono::DateTime::parse_from_rfc3339(value).is_ok()
            }
            KeyPart::Date => chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok(),
        }
    }
}

impl PageQuery {
    /// The position named by the query; a malformed cursor is a bad request.
    pub fn position(&self, key: &[KeyPart]) -> Result<Position, AppError> {
        let decode = |cursor: &str| {
            decode_cursor(cursor)
                .filter(|values| {
                    values.len() == key.len()
                        && values
                            .iter()
                            .zip(key)
                            .all(|(value, part)| part.accepts(value))
                })
                .ok_or_else(|| AppError::BadRequest("malformed page cursor".into()))
        };
        match (&self.after, &self.before) {
            (Some(after), _) => Ok(Position::After(decode(after)?)),
            (None, Some(before)) => Ok(Position::Before(decode(before)?)),
            (None, None) => Ok(Position::Start),
        }
    }
}

pub fn encode_cursor(key: &[String]) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

fn decode_cursor(cursor: &str) -> Option<Vec<String>> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// One page of rows and the cursors to its neighbours.
#[derive(Clone, Debug)]
pub struct Paged<T> {
    pub rows: Vec<T>,
    pub next: Option<String>,
    pub prev: Option<String>,
}

impl<T> Paged<T> {
    /// Builds a page from up to `PAGE_SIZE + 1` rows read in the direction of
    /// `position` (backwards for `Before`); `key` gives a row's sort key.
    pub fn from_rows(
        mut rows: Vec<T>,
        position: &Position,
        key: impl Fn(&T) -> Vec<String>,
    ) -> Self {
        let more = rows.len() > PAGE_SIZE;
        rows.truncate(PAGE_SIZE);
        let backward = matches!(position, Position::Before(_));
        if backward {
            rows.reverse();
        }
        let (has_next, has_prev) = match position {
            Position::Start => (more, false),
            Position::After(_) => (more, true),
            Position::Before(_) => (true, more),
        };
        let next = has_next
            .then(|| rows.last().map(|row| encode_cursor(&key(row))))
            .flatten();
        let prev = has_prev
            .then(|| rows.first().map(|row| encode_cursor(&key(row))))
            .flatten();
        Self { rows, next, prev }
    }
}

/// Appends a newest-first page to a query whose conditions are in place:
/// the keyset condition on (`column` cast to `cast`, `id`), the order (reversed
/// when reading backwards) and the limit of one more row than a page.
pub fn push_newest_first_page(
    q: &mut sqlx::QueryBuilder<sqlx::Postgres>,
    column: &str,
    cast: &str,
    id: &str,
    position: &Position,
) {
    let backward = matches!(position, Position::Before(_));
    if let Position::After(key) | Position::Before(key) = position {
        q.push(format_args!(" and ({column}, {id}) "))
            .push(if backward { ">" } else { "<" })
            .push(" (")
            .push_bind(key[0].clone())
            .push(format_args!("::{cast}, "))
            .push_bind(key[1].clone())
            .push("::uuid)");
    }
    if backward {
        q.push(format_args!(" order by {column}, {id}"));
    } else {
        q.push(format_args!(" order by {column} desc, {id} desc"));
    }
    q.push(" limit ")
        .push_bind(i64::try_from(PAGE_SIZE + 1).unwrap_or(51));
}

/// A count that stops at [`COUNT_CAP`] + 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CappedCount(pub i64);

impl CappedCount {
    pub fn is_capped(self) -> bool {
        self.0 > COUNT_CAP
    }
}

impl std::fmt::Display for CappedCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_capped() {
            write!(f, "{}+", super::format::thousands(COUNT_CAP))
        } else {
            f.write_str(&super::format::thousands(self.0))
        }
    }
}

/// The URL of `path` with the list's filters and one cursor (`after`/`before`).
pub fn page_link(path: &str, filters: &impl Serialize, param: &str, cursor: &str) -> String {
    let mut pairs = filter_pairs(filters);
    pairs.push((param.to_owned(), cursor.to_owned()));
    with_query(path, &pairs)
}

/// The URL of `path` with the list's filters (and sort), from the first page.
pub fn filters_link(path: &str, filters: &impl Serialize) -> String {
    with_query(path, &filter_pairs(filters))
}

/// The URL of `path` with the list's filters, `sort` and `dir` replaced, from
/// the first page.
pub fn sort_link(path: &str, filters: &impl Serialize, sort: &str, dir: &str) -> String {
    let mut pairs = filter_pairs(filters);
    pairs.retain(|(k, _)| k != "sort" && k != "dir");
    pairs.push(("sort".to_owned(), sort.to_owned()));
    pairs.push(("dir".to_owned(), dir.to_owned()));
    with_query(path, &pairs)
}

fn filter_pairs(filters: &impl Serialize) -> Vec<(String, String)> {
    let encoded = serde_urlencoded::to_string(filters).unwrap_or_default();
    let mut pairs: Vec<(String, String)> = serde_urlencoded::from_str(&encoded).unwrap_or_default();
    pairs.retain(|(k, v)| k != "after" && k != "before" && !v.is_empty());
    pairs
}

fn with_query(path: &str, pairs: &[(String, String)]) -> String {
    match serde_urlencoded::to_string(pairs) {
        Ok(query) if !query.is_empty() => format!("{path}?{query}"),
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: &i32) -> Vec<String> {
        vec![n.to_string()]
    }

    #[test]
    fn a_first_page_with_more_rows_links_forward_only() {
        let page = Paged::from_rows((1..=51).collect(), &Position::Start, key);
        assert_eq!(page.rows.len(), 50);
        assert_eq!(
            decode_cursor(page.next.as_deref().unwrap_or_default()),
            Some(key(&50))
        );
        assert!(page.prev.is_none());
    }

    #[test]
    fn a_page_read_backwards_is_shown_in_order() {
        let rows: Vec<i32> = (1..=51).rev().collect();
        let page = Paged::from_rows(rows, &Position::Before(key(&52)), key);
        assert_eq!(page.rows.first(), Some(&2));
        assert_eq!(page.rows.last(), Some(&51));
        assert!(page.prev.is_some() && page.next.is_some());
    }

    #[test]
    fn cursors_must_decode_to_the_right_key() {
        let query = PageQuery {
            after: Some(encode_cursor(&["a".into(), "b".into()])),
            before: None,
        };
        assert!(query.position(&[KeyPart::Text, KeyPart::Text]).is_ok());
        assert!(query.position(&[KeyPart::Text]).is_err());
        assert!(
            query.position(&[KeyPart::Text, KeyPart::Int]).is_err(),
            "b is no number"
        );
        let garbage = PageQuery {
            after: Some("%%%".into()),
            before: None,
        };
        assert!(garbage.position(&[KeyPart::Text]).is_err());
    }

    #[test]
    fn counts_beyond_the_cap_show_a_plus() {
        assert_eq!(CappedCount(9_999).to_string(), "9,999");
        assert_eq!(CappedCount(10_001).to_string(), "10,000+");
    }

    #[derive(Serialize)]
    struct Filters {
        q: String,
        role: String,
        after: Option<String>,
    }

    #[test]
    fn links_keep_filters_and_drop_old_cursors() {
        let filters = Filters {
            q: "广州".into(),
            role: String::new(),
            after: Some("old".into()),
        };
        let link = page_link("/users", &filters, "after", "abc");
        assert_eq!(link, "/users?q=%E5%B9%BF%E5%B7%9E&after=abc");
    }
}
