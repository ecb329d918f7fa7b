//! The payment list (`/payments`): every installment paid or withheld in the
//! cadre's scope, the latest first; filters in the query string (shareable
//! URLs), keyset pages, counts up to 10,000, and its export.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use chrono::{Datelike, Local, NaiveDate};
use serde::{Deserialize, Serialize};

use super::search::{self, Filter, PaymentLine, PaymentStatus};
use crate::db::Tx;
use crate::db::list::{CappedCount, KeyPart, ListScope};
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::web::money::Fen;
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link};
use crate::web::validate::parse_date;
use crate::web::{Ctx, render};

/// Years a list goes back to, and forward to.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The list's query string, as typed (echoed into the filter bar and links).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PaymentsQuery {
    pub q: String,
    pub status: String,
    pub year: String,
    pub from: String,
    pub to: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

impl PaymentsQuery {
    /// The filter these parameters describe, in `scope`; an unknown value is
    /// a bad request.
    pub fn filter(&self, scope: ListScope) -> AppResult<Filter> {
        let bad = |what: &str| AppError::BadRequest(format!("bad {what}"));
        let date = |value: &str, what: &str| match value.trim() {
            "" => Ok(None),
            typed => parse_date(typed).map(Some).ok_or_else(|| bad(what)),
        };
        let status = match self.status.trim() {
            "" => None,
            typed => Some(PaymentStatus::parse(typed).ok_or_else(|| bad("status"))?),
        };
        let year = match self.year.trim() {
            "" => None,
            typed => {
                let year: i32 = typed.parse().map_err(|_| bad("year"))?;
                if !YEARS.contains(&year) {
                    return Err(bad("year"));
                }
                NaiveDate::from_ymd_opt(year, 1, 1).zip(NaiveDate::from_ymd_opt(year, 12, 31))
            }
        };
        // A year and a range together: the days both allow.
        let from = [year.map(|(first, _)| first), date(&self.from, "from")?]
            .into_iter()
            .flatten()
            .max();
        let to = [year.map(|(_, last)| last), date(&self.to, "to")?]
            .into_iter()
            .flatten()
            .min();
        let q = self.q.trim();
        Ok(Filter {
            scope,
            q: (!q.is_empty()).then(|| q.chars().take(100).collect()),
            status,
            from,
            to,
        })
    }
}

#[derive(Template)]
#[template(path = "delivery/payments.html")]
struct PaymentsPage {
    ctx: Ctx,
    query: PaymentsQuery,
    rows: Vec<PaymentLine>,
    count: CappedCount,
    next: Option<String>,
    prev: Option<String>,
}

impl PaymentsPage {
    fn statuses(&self) -> &'static [PaymentStatus] {
        PaymentStatus::ALL
    }

    /// The years to pick from: this one and the nine before.
    fn years(&self) -> Vec<String> {
        let this = Local::now().year();
        (this - 9..=this).rev().map(|y| y.to_string()).collect()
    }

    fn tag(&self, status: &PaymentStatus) -> &'static str {
        match status {
            PaymentStatus::Paid => "tag-ok",
            PaymentStatus::Withheld => "tag-warn",
        }
    }

    fn yuan(&self, fen: &i64) -> String {
        Fen(*fen).to_string()
    }

    fn filtered(&self) -> bool {
        [
            &self.query.q,
            &self.query.status,
            &self.query.year,
            &self.query.from,
            &self.query.to,
        ]
        .iter()
        .any(|v| !v.is_empty())
    }

    fn export_links(&self) -> ExportLinks {
        export_links("/payments", &self.query)
    }
}

pub async fn list_payments(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<PaymentsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListProjects)?;
    let filter = query.filter(ListScope::of_path(&user.union.path))?;
    let position = query.page.position(&[KeyPart::Date, KeyPart::Uuid])?;
    let page = search::page(&mut tx, &filter, &position).await?;
    let count = search::count(&mut tx, &filter).await?;
    tx.commit().await?;
    let link = |param: &str, cursor: String| page_link("/payments", &query, param, &cursor);
    render(&PaymentsPage {
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        rows: page.rows,
        count,
        ctx,
        query,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(year: &str, from: &str, to: &str) -> PaymentsQuery {
        PaymentsQuery {
            year: year.into(),
            from: from.into(),
            to: to.into(),
            ..PaymentsQuery::default()
        }
    }

    fn day(text: &str) -> Option<NaiveDate> {
        parse_date(text)
    }

    #[test]
    fn a_year_and_a_range_keep_the_days_both_allow() {
        let year = query("2025", "", "")
            .filter(ListScope::Nation)
            .expect("a year");
        assert_eq!((year.from, year.to), (day("2025-01-01"), day("2025-12-31")));
        let both = query("2025", "2024-06-01", "2025-03-31")
            .filter(ListScope::Nation)
            .expect("both");
        assert_eq!((both.from, both.to), (day("2025-01-01"), day("2025-03-31")));
        let range = query("", "2025-03-01", "")
            .filter(ListScope::Nation)
            .expect("a start");
        assert_eq!((range.from, range.to), (day("2025-03-01"), None));
    }

    #[test]
    fn unknown_values_are_bad_requests() {
        for bad in [
            query("25", "", ""),
            query("20x6", "", ""),
            query("", "yesterday", ""),
        ] {
            assert!(bad.filter(ListScope::Nation).is_err(), "{bad:?}");
        }
        let status = PaymentsQuery {
            status: "owed".into(),
            ..PaymentsQuery::default()
        };
        assert!(status.filter(ListScope::Nation).is_err());
    }
}
