//! The deadline calendar (日程): every deadline the reader may see, by day —
//! reports due, reviews due, calls closing, organizations due for contact,
//! rectification deadlines, evaluations, contracts' service starting and
//! ending — as a month grid or a list, the scope's or only the reader's own,
//! and as a private iCalendar feed that calendar programs subscribe to.
//! It reads the other areas' tables by date and writes only its feeds.

pub mod db;
mod feed;
pub mod ics;
pub mod month;
mod pages;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calendar", get(pages::calendar_page))
        .route("/calendar/feed", post(feed::make_feed))
        .route("/calendar/feed/revoke", post(feed::stop_feed))
        .route("/calendar/feed/{file}", get(feed::serve_feed))
}

/// What a deadline is, in the order a day lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    ReportDue,
    ReviewDue,
    CallCloses,
    ContactDue,
    RectificationDue,
    EvaluationDue,
    ServiceStarts,
    ServiceEnds,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::ReportDue,
        Kind::ReviewDue,
        Kind::CallCloses,
        Kind::ContactDue,
        Kind::RectificationDue,
        Kind::EvaluationDue,
        Kind::ServiceStarts,
        Kind::ServiceEnds,
    ];

    /// The kind's name in feed ids and style classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ReportDue => "report_due",
            Kind::ReviewDue => "review_due",
            Kind::CallCloses => "call_closes",
            Kind::ContactDue => "contact_due",
            Kind::RectificationDue => "rectification_due",
            Kind::EvaluationDue => "evaluation_due",
            Kind::ServiceStarts => "service_starts",
            Kind::ServiceEnds => "service_ends",
        }
    }

    /// The catalog key of the kind's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Kind::ReportDue => "calendar.kind.report_due",
            Kind::ReviewDue => "calendar.kind.review_due",
            Kind::CallCloses => "calendar.kind.call_closes",
            Kind::ContactDue => "calendar.kind.contact_due",
            Kind::RectificationDue => "calendar.kind.rectification_due",
            Kind::EvaluationDue => "calendar.kind.evaluation_due",
            Kind::ServiceStarts => "calendar.kind.service_starts",
            Kind::ServiceEnds => "calendar.kind.service_ends",
        }
    }

    /// The catalog section naming an entry's variant (a report's kind, an
    /// order's status), where the kind has one.
    pub fn variant_section(self) -> Option<&'static str> {
        match self {
            Kind::ReportDue => Some("reports.kind"),
            Kind::ReviewDue => Some("reviews.status"),
            Kind::RectificationDue => Some("rectifications.status"),
            Kind::EvaluationDue => Some("evaluations.kind"),
            _ => None,
        }
    }

    /// Whether a deadline of this kind still listed after its day is late
    /// (a call or a service date simply passes).
    pub fn lapses(self) -> bool {
        matches!(
            self,
            Kind::ReportDue
                | Kind::ReviewDue
                | Kind::ContactDue
                | Kind::RectificationDue
                | Kind::EvaluationDue
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;
    use crate::i18n::{Lang, catalog_keys};

    #[test]
    fn every_kind_and_variant_is_named_in_both_languages() {
        let variants = [
            (
                "reports.kind",
                &["periodic", "midterm", "final", "adhoc"][..],
            ),
            ("reviews.status", &["assigned", "scoring"][..]),
            ("rectifications.status", &["open", "answered"][..]),
            ("evaluations.kind", &["midterm", "final"][..]),
        ];
        for lang in Lang::ALL {
            let keys = catalog_keys(lang);
            for kind in Kind::ALL {
                assert!(keys.contains(&kind.label_key()), "{}", kind.label_key());
                if let Some(section) = kind.variant_section() {
                    let (_, values) = variants
                        .iter()
                        .find(|(s, _)| *s == section)
                        .expect("the section's values");
                    for value in *values {
                        let key = format!("{section}.{value}");
                        assert!(keys.contains(&key.as_str()), "{key}");
                    }
                }
            }
        }
    }
}
