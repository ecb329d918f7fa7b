//! The lifecycle bar of a project's page: 草稿 → 审批 → 征集 → 评审 → 确定承接
//! → 签约 → 执行 → 结项, the step the project is at marked, the steps behind it
//! done, each with the date of its milestone where the records have it, and a
//! return from approval or a cancellation shown where it happened.
//!
//! The current step is the first one not done: an approved project waits for
//! its call (征集), an awarded one for its contract (签约), a contracted one
//! for its delivery (执行), one in its final evaluation for its closing (结项).
//! Dates come from the timeline (`project_events`) and, for the contract and
//! the closing, from their own records read by `db::lifecycle` (projects read
//! those tables in SQL, never delivery's code).

use chrono::{DateTime, NaiveDate, Utc};

use super::Status;
use super::db::EventRow;
use super::db::lifecycle::Milestones;
use crate::web::format::china_time;

/// Where a step stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepState {
    Done,
    /// The step the project is at.
    Current,
    /// The approval that sent the draft back.
    Returned,
    /// The step at which the project was cancelled.
    Cancelled,
    /// Not reached (yet, or ever for a cancelled project).
    Ahead,
}

impl StepState {
    /// The class and the word a screen reader hears for it.
    pub fn as_str(self) -> &'static str {
        match self {
            StepState::Done => "done",
            StepState::Current => "current",
            StepState::Returned => "returned",
            StepState::Cancelled => "cancelled",
            StepState::Ahead => "ahead",
        }
    }
}

/// One step of the bar.
#[derive(Clone, Debug)]
pub struct Step {
    /// `projects.lifecycle.<name>`.
    pub label_key: String,
    pub state: StepState,
    /// The date of the step's milestone, where recorded.
    pub date: Option<NaiveDate>,
    /// Whether the page marks it as where the project is (`aria-current`).
    pub is_current: bool,
}

/// The steps and the status whose move completes each (its milestone).
const STEPS: [(&str, Status); 8] = [
    ("draft", Status::Draft),
    ("approval", Status::Approved),
    ("call", Status::Open),
    ("review", Status::Reviewing),
    ("award", Status::Awarded),
    ("contract", Status::Contracted),
    ("delivery", Status::InProgress),
    ("closing", Status::Closed),
];

/// The step a project in `status` is at (cancelled: none).
fn step_of(status: Status) -> Option<usize> {
    Some(match status {
        Status::Draft => 0,
        Status::PendingApproval => 1,
        Status::Approved | Status::Open => 2,
        Status::Reviewing => 3,
        Status::Awarded => 5,
        Status::Contracted | Status::InProgress => 6,
        Status::FinalEvaluation | Status::Closed => 7,
        Status::Cancelled => return None,
    })
}

fn china_date(at: &DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&china_time()).date_naive()
}

/// The last move of the timeline into `status`.
fn last_move<'a>(events: &'a [EventRow], status: &str) -> Option<&'a EventRow> {
    events.iter().rev().find(|e| e.to_status == status)
}

/// The bar of a project in `status`, created at `created_at`, with its
/// timeline (oldest first) and the dates of its contract and closing.
pub fn steps(
    status: Status,
    created_at: &DateTime<Utc>,
    events: &[EventRow],
    milestones: &Milestones,
) -> Vec<Step> {
    let cancelled = last_move(events, Status::Cancelled.as_str());
    // A cancelled project stops at the step of the status it left.
    let (at, stopped) = match (step_of(status), cancelled) {
        (Some(at), _) => (at, None),
        (None, event) => {
            let left = event
                .and_then(|e| e.from_status.as_deref())
                .and_then(Status::parse)
                .and_then(step_of)
                .unwrap_or(0);
            (left, Some(StepState::Cancelled))
        }
    };
    // Back from approval, and still a draft: the refusal shows on 审批.
    let returned = (status == Status::Draft)
        .then(|| events.last())
        .flatten()
        .filter(|e| e.from_status.as_deref() == Some(Status::PendingApproval.as_str()));
    STEPS
        .iter()
        .enumerate()
        .map(|(i, (name, milestone))| {
            let mut state = match i.cmp(&at) {
                std::cmp::Ordering::Less => StepState::Done,
                std::cmp::Ordering::Equal => stopped.unwrap_or(StepState::Current),
                std::cmp::Ordering::Greater => StepState::Ahead,
            };
            if status == Status::Closed && i == at {
                state = StepState::Done;
            }
            let mut date = match milestone {
                Status::Draft => Some(china_date(created_at)),
                Status::Contracted => milestones
                    .signed_on
                    .or_else(|| last_move(events, milestone.as_str()).map(|e| china_date(&e.at))),
                Status::Closed => milestones
                    .closed_at
                    .as_ref()
                    .or_else(|| last_move(events, milestone.as_str()).map(|e| &e.at))
                    .map(china_date),
                _ => last_move(events, milestone.as_str()).map(|e| china_date(&e.at)),
            };
            if state == StepState::Ahead {
                date = None;
            }
            if i == 1 && returned.is_some() {
                state = StepState::Returned;
                date = returned.map(|e| china_date(&e.at));
            }
            if state == StepState::Cancelled {
                date = cancelled.map(|e| china_date(&e.at));
            }
            Step {
                label_key: format!("projects.lifecycle.{name}"),
                is_current: i == at,
                state,
                date,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(from: Option<Status>, to: Status, day: u32) -> EventRow {
        EventRow {
            from_status: from.map(|s| s.as_str().to_owned()),
            to_status: to.as_str().to_owned(),
            actor_name: String::new(),
            comment: None,
            at: format!("2026-03-{day:02}T02:00:00Z").parse().expect("time"),
        }
    }

    fn states(steps: &[Step]) -> Vec<&'static str> {
        steps.iter().map(|s| s.state.as_str()).collect()
    }

    fn created() -> DateTime<Utc> {
        "2026-03-01T02:00:00Z".parse().expect("time")
    }

    #[test]
    fn an_awarded_project_waits_for_its_contract() {
        use Status::*;
        let events = [
            event(None, Draft, 1),
            event(Some(Draft), PendingApproval, 2),
            event(Some(PendingApproval), Approved, 3),
            event(Some(Approved), Open, 4),
            event(Some(Open), Reviewing, 5),
            event(Some(Reviewing), Awarded, 6),
        ];
        let bar = steps(Awarded, &created(), &events, &Milestones::default());
        assert_eq!(
            states(&bar),
            [
                "done", "done", "done", "done", "done", "current", "ahead", "ahead"
            ]
        );
        assert_eq!(
            bar[4].date.map(|d| d.to_string()).as_deref(),
            Some("2026-03-06")
        );
        assert!(bar[5].is_current && bar[5].date.is_none());
    }

    #[test]
    fn the_contract_is_dated_by_its_signature_and_a_closed_project_is_all_done() {
        use Status::*;
        let milestones = Milestones {
            signed_on: NaiveDate::from_ymd_opt(2026, 2, 27),
            closed_at: None,
        };
        let events = [event(Some(FinalEvaluation), Closed, 9)];
        let bar = steps(Closed, &created(), &events, &milestones);
        assert!(bar.iter().all(|s| s.state == StepState::Done));
        assert!(bar[7].is_current);
        assert_eq!(bar[5].date, NaiveDate::from_ymd_opt(2026, 2, 27));
        assert_eq!(bar[7].date, NaiveDate::from_ymd_opt(2026, 3, 9));
    }

    #[test]
    fn a_cancelled_call_stops_at_the_call_and_a_returned_draft_shows_the_refusal() {
        use Status::*;
        let events = [
            event(Some(Approved), Open, 4),
            event(Some(Open), Cancelled, 8),
        ];
        let bar = steps(Cancelled, &created(), &events, &Milestones::default());
        assert_eq!(
            states(&bar),
            [
                "done",
                "done",
                "cancelled",
                "ahead",
                "ahead",
                "ahead",
                "ahead",
                "ahead"
            ]
        );
        assert_eq!(bar[2].date, NaiveDate::from_ymd_opt(2026, 3, 8));
        let events = [
            event(Some(Draft), PendingApproval, 2),
            event(Some(PendingApproval), Draft, 3),
        ];
        let bar = steps(Draft, &created(), &events, &Milestones::default());
        assert_eq!(&states(&bar)[..3], ["current", "returned", "ahead"]);
        assert_eq!(bar[1].date, NaiveDate::from_ymd_opt(2026, 3, 3));
    }
}
