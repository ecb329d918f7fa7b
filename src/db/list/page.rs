//! Keyset pages: a page is "the `PAGE_SIZE` rows after (or before) this row's
//! sort key", so page 1,000 costs what page 1 costs. Cursors are opaque to
//! users; counts stop at [`COUNT_CAP`] and show as "10,000+".

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sqlx::{PgConnection, Postgres, QueryBuilder};

/// Rows per page, everywhere.
pub const PAGE_SIZE: usize = 50;

/// Counts above this are shown as "10,000+".
pub const COUNT_CAP: i64 = 10_000;

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
    pub fn accepts(self, value: &str) -> bool {
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

pub fn encode_cursor(key: &[String]) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

pub fn decode_cursor(cursor: &str) -> Option<Vec<String>> {
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

/// A count that stops at [`COUNT_CAP`] + 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CappedCount(pub i64);

impl CappedCount {
    pub fn is_capped(self) -> bool {
        self.0 > COUNT_CAP
    }
}

/// How a list is sorted: its sort columns, the row's id last to break ties,
/// spelled so that a list index serves the order and a cursor's values (one
/// per column, as text) compare as the columns do.
#[derive(Clone, Copy, Debug)]
pub struct Order<'a> {
    /// Each column's expression and SQL type, which the cursor's value is cast
    /// to: `[("o.name", "text"), ("o.id", "uuid")]`.
    pub columns: &'a [(&'a str, &'a str)],
    pub descending: bool,
    /// Columns the `order by` starts with so that the index of the reader's
    /// scope serves it (`o.province, `; they are equal on every row read, so
    /// the order is unchanged). See [`super::ListScope::order_prefix`].
    pub prefix: &'a str,
}

impl<'a> Order<'a> {
    /// The newest first by the columns, with no prefix.
    pub fn newest_first(columns: &'a [(&'a str, &'a str)]) -> Self {
        Order {
            columns,
            descending: true,
            prefix: "",
        }
    }

    /// Appends, to a query whose conditions are in place, the keyset condition
    /// of `position`, the order (reversed when reading backwards; the page is
    /// put right way round by [`Paged::from_rows`]) and a limit of one row more
    /// than a page.
    pub fn push_page(&self, q: &mut QueryBuilder<Postgres>, position: &Position) {
        if let Position::After(cursor) | Position::Before(cursor) = position {
            let mut names = q.push(" and (").separated(", ");
            for (expr, _) in self.columns {
                names.push(*expr);
            }
            q.push(if self.reading_descending(position) {
                ") < ("
            } else {
                ") > ("
            });
            for (i, ((_, cast), value)) in self.columns.iter().zip(cursor).enumerate() {
                if i > 0 {
                    q.push(", ");
                }
                q.push_bind(value.clone()).push(format_args!("::{cast}"));
            }
            q.push(")");
        }
        self.push_order(q, position);
        q.push(" limit ").push_bind(PAGE_SIZE as i64 + 1);
    }

    /// Appends the ` order by` alone, in the direction `position` reads: for
    /// the outer query of a list that picks its page's ids first.
    pub fn push_order(&self, q: &mut QueryBuilder<Postgres>, position: &Position) {
        let direction = if self.reading_descending(position) {
            " desc"
        } else {
            ""
        };
        q.push(" order by ").push(self.prefix);
        let mut columns = q.separated(", ");
        for (expr, _) in self.columns {
            columns.push(format_args!("{expr}{direction}"));
        }
    }

    fn reading_descending(&self, position: &Position) -> bool {
        self.descending != matches!(position, Position::Before(_))
    }
}

/// The count of a list's rows, stopped at the cap so that it costs at most
/// [`COUNT_CAP`] index entries: `select count(*) from (select 1 from <from>
/// where true`, the list's conditions, an optional order, `limit`.
pub struct CountQuery(QueryBuilder<Postgres>);

impl std::fmt::Debug for CountQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("CountQuery").field(&self.0.sql()).finish()
    }
}

impl CountQuery {
    /// `from` names the table and its alias, with any joins: `organizations o`.
    pub fn new(from: &str) -> Self {
        let mut q = QueryBuilder::new("");
        q.push(format_args!(
            "select count(*) from (select 1 from {from} where true"
        ));
        Self(q)
    }

    /// The query to append the list's conditions (` and …`) to.
    pub fn conditions(&mut self) -> &mut QueryBuilder<Postgres> {
        &mut self.0
    }

    /// The finished query. `order_by` (say `o.province, o.name, o.id`) lets
    /// the count walk a list index to the cap instead of reading the whole
    /// table.
    fn finish(mut self, order_by: Option<&str>) -> QueryBuilder<Postgres> {
        if let Some(order_by) = order_by {
            self.0.push(format_args!(" order by {order_by}"));
        }
        self.0
            .push(" limit ")
            .push_bind(COUNT_CAP + 1)
            .push(") capped");
        self.0
    }

    pub async fn fetch(
        self,
        conn: &mut PgConnection,
        order_by: Option<&str>,
    ) -> sqlx::Result<CappedCount> {
        let n: i64 = self
            .finish(order_by)
            .build_query_scalar()
            .fetch_one(conn)
            .await?;
        Ok(CappedCount(n))
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
    fn a_keyset_page_compares_every_column_and_reads_backwards_reversed() {
        let order = Order {
            columns: &[("o.name", "text"), ("o.id", "uuid")],
            descending: false,
            prefix: "o.province, ",
        };
        let mut q = QueryBuilder::<Postgres>::new("select 1 from organizations o where true");
        order.push_page(&mut q, &Position::Before(vec!["甲".into(), "x".into()]));
        assert_eq!(
            q.sql().as_str(),
            "select 1 from organizations o where true and (o.name, o.id) < ($1::text, $2::uuid) \
             order by o.province, o.name desc, o.id desc limit $3"
        );
    }

    #[test]
    fn a_capped_count_stops_after_the_cap() {
        let mut count = CountQuery::new("needs n");
        count
            .conditions()
            .push(" and n.domain = ")
            .push_bind("legal_aid");
        assert_eq!(
            count.finish(None).sql().as_str(),
            "select count(*) from (select 1 from needs n where true and n.domain = $1 limit $2) capped"
        );
    }
}
