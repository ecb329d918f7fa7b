//! A list's page in the address bar: the cursor half of its query string, and
//! links to its neighbours that keep its filters and sort. The pages themselves
//! are read by [`crate::db::list`].

use serde::{Deserialize, Serialize};

use crate::db::list::{COUNT_CAP, CappedCount, KeyPart, Position, decode_cursor};
use crate::error::AppError;

/// The cursor half of a list's query string.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct PageQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
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

/// The export links of a list at `path` (`/orgs`): `/orgs/export.xlsx`,
/// `.csv`, and the workbook with internal ids, each with the list's filters.
#[derive(Clone, Debug)]
pub struct ExportLinks {
    pub xlsx: String,
    pub csv: String,
    pub xlsx_with_ids: String,
}

pub fn export_links(path: &str, filters: &impl Serialize) -> ExportLinks {
    let mut pairs = filter_pairs(filters);
    pairs.retain(|(k, _)| k != "sort" && k != "dir" && k != "ids");
    let xlsx = with_query(&format!("{path}/export.xlsx"), &pairs);
    let csv = with_query(&format!("{path}/export.csv"), &pairs);
    pairs.push(("ids".to_owned(), "1".to_owned()));
    let xlsx_with_ids = with_query(&format!("{path}/export.xlsx"), &pairs);
    ExportLinks {
        xlsx,
        csv,
        xlsx_with_ids,
    }
}

impl ExportLinks {
    /// For a list without internal ids: no link asking for them.
    pub fn without_ids(self) -> Self {
        Self {
            xlsx_with_ids: String::new(),
            ..self
        }
    }
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

/// "9,999", or "10,000+" at the cap.
impl std::fmt::Display for CappedCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_capped() {
            write!(f, "{}+", super::format::thousands(COUNT_CAP))
        } else {
            f.write_str(&super::format::thousands(self.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::list::encode_cursor;

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
