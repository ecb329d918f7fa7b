//! The calendar page: a month as a grid (today marked) or as a list grouped
//! by day, the scope's deadlines or the reader's own, and the reader's feed.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use chrono::{Days, Local, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Kind;
use super::db::{self, DAY_CAP, DayDeadlines, FeedRow, Reader};
use super::month::Month;
use crate::db::Tx;
use crate::db::list::encode_cursor;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::orgs::contacts::db::DUE_WITHIN_DAYS;
use crate::policy::{self, Action};
use crate::web::pagination::filters_link;
use crate::web::{Ctx, render};

/// The address bar of the calendar.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CalendarQuery {
    /// `2026-03`; empty is this month.
    pub month: String,
    /// `list`; empty (or `month`) is the grid.
    pub view: String,
    /// `1` for the reader's own deadlines only.
    pub mine: String,
}

/// What the address asks for, read.
#[derive(Clone, Copy, Debug)]
struct Choice {
    month: Month,
    list: bool,
    mine: bool,
}

impl CalendarQuery {
    fn read(&self, today: NaiveDate) -> AppResult<Choice> {
        let bad = |what: &str| AppError::BadRequest(format!("unknown calendar {what}"));
        let month = match self.month.as_str() {
            "" => Month::of(today),
            typed => Month::parse(typed).ok_or_else(|| bad("month"))?,
        };
        let list = match self.view.as_str() {
            "" | "month" => false,
            "list" => true,
            _ => return Err(bad("view")),
        };
        let mine = match self.mine.as_str() {
            "" | "0" => false,
            "1" => true,
            _ => return Err(bad("filter")),
        };
        Ok(Choice { month, list, mine })
    }
}

impl Choice {
    /// The calendar's address showing `month`, as a list or not, own or not.
    fn link(self) -> String {
        let query = CalendarQuery {
            month: self.month.to_string(),
            view: if self.list {
                "list".into()
            } else {
                String::new()
            },
            mine: if self.mine { "1".into() } else { String::new() },
        };
        filters_link("/calendar", &query)
    }
}

#[derive(Template)]
#[template(path = "calendar/calendar.html")]
struct CalendarPage {
    ctx: Ctx,
    month: Month,
    list: bool,
    mine: bool,
    /// Whether "my own" means less than "my scope" (cadres).
    can_narrow: bool,
    /// The grid: weeks of days (`None` outside the month).
    weeks: Vec<Vec<Option<DayView>>>,
    /// The list: the days that have deadlines.
    days: Vec<DayView>,
    links: Links,
    feed: Option<FeedRow>,
}

struct Links {
    prev: Option<String>,
    next: Option<String>,
    this_month: String,
    grid: String,
    list: String,
    scope: String,
    own: String,
}

/// One day and its deadlines, by kind.
struct DayView {
    on: NaiveDate,
    today: bool,
    groups: Vec<Group>,
}

/// One kind's deadlines of one day, as shown.
#[derive(Clone)]
struct Group {
    deadlines: DayDeadlines,
    /// Still listed after its day: late.
    late: bool,
    /// A list elsewhere that shows them all, positioned at the day.
    more: Option<String>,
}

impl DayView {
    /// `d-2026-03-05`: the day's anchor in the list.
    fn anchor(&self) -> String {
        format!("d-{}", self.on)
    }

    fn day_of_month(&self) -> String {
        self.on.format("%-d").to_string()
    }
}

impl Group {
    /// The count as shown: `50+` at the cap.
    fn count(&self) -> String {
        if self.deadlines.capped() {
            format!("{DAY_CAP}+")
        } else {
            self.deadlines.total.to_string()
        }
    }

    /// How many are counted but not shown, as text.
    fn hidden(&self) -> String {
        let shown = self.deadlines.entries.len() as i64;
        if self.deadlines.capped() {
            format!("{}+", DAY_CAP - shown)
        } else {
            (self.deadlines.total - shown).to_string()
        }
    }

    fn kind(&self) -> Kind {
        self.deadlines.kind
    }
}

impl CalendarPage {
    /// The name of an entry's variant, where its kind has one.
    fn variant(&self, group: &Group, value: &str) -> Option<String> {
        let section = group.kind().variant_section()?;
        (!value.is_empty()).then(|| self.ctx.t_of(section, value))
    }

    /// The list's address, at `day`.
    fn day_link(&self, day: &DayView) -> String {
        format!("{}#{}", self.links.list, day.anchor())
    }

    fn weekday_keys(&self) -> [&'static str; 7] {
        [
            "calendar.weekday.mon",
            "calendar.weekday.tue",
            "calendar.weekday.wed",
            "calendar.weekday.thu",
            "calendar.weekday.fri",
            "calendar.weekday.sat",
            "calendar.weekday.sun",
        ]
    }
}

pub async fn calendar_page(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<CalendarQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ViewCalendar)?;
    let today = Local::now().date_naive();
    let mut choice = query.read(today)?;
    let can_narrow = user.role.works_in_scope();
    choice.mine &= can_narrow;
    let reader = Reader::of(&mut tx, &user, choice.mine)
        .await?
        .ok_or(AppError::Forbidden)?;
    let month = choice.month;
    let deadlines = db::deadlines(&mut tx, &reader, month.first(), month.last()).await?;
    let feed = db::own_feed(&mut tx, user.id).await?;
    tx.commit().await?;
    let days = days(deadlines, today, &reader);
    let links = links(choice);
    let weeks = month
        .weeks()
        .into_iter()
        .map(|week| {
            week.iter()
                .map(|slot| {
                    slot.map(|on| {
                        let groups = days
                            .iter()
                            .find(|d| d.on == on)
                            .map(|d| d.groups.clone())
                            .unwrap_or_default();
                        DayView {
                            on,
                            today: on == today,
                            groups,
                        }
                    })
                })
                .collect()
        })
        .collect();
    render(&CalendarPage {
        ctx,
        month,
        list: choice.list,
        mine: choice.mine,
        can_narrow,
        weeks,
        days,
        links,
        feed,
    })
}

/// The deadlines gathered by day, each kind with its lateness and its link
/// to a full list.
fn days(deadlines: Vec<DayDeadlines>, today: NaiveDate, reader: &Reader) -> Vec<DayView> {
    let mut days: Vec<DayView> = Vec::new();
    for deadlines in deadlines {
        if days.last().is_none_or(|d| d.on != deadlines.on) {
            days.push(DayView {
                on: deadlines.on,
                today: deadlines.on == today,
                groups: Vec::new(),
            });
        }
        let group = Group {
            late: deadlines.kind.lapses() && deadlines.on < today,
            more: deadlines
                .has_more()
                .then(|| full_list(&deadlines, today, reader))
                .flatten(),
            deadlines,
        };
        if let Some(day) = days.last_mut() {
            day.groups.push(group);
        }
    }
    days
}

/// Where every deadline of a crowded day is listed, positioned at that day:
/// the report list (latest due first) and, within its window, the list of
/// organizations due for contact (soonest first).
fn full_list(deadlines: &DayDeadlines, today: NaiveDate, reader: &Reader) -> Option<String> {
    match deadlines.kind {
        Kind::ReportDue => {
            let after = deadlines.on.checked_add_days(Days::new(1))?;
            let cursor = encode_cursor(&[after.to_string(), uuid::Uuid::nil().to_string()]);
            Some(format!("/reports?show=all&after={cursor}"))
        }
        Kind::ContactDue if reader.keeps_contact() => {
            let window = today.checked_add_days(Days::new(DUE_WITHIN_DAYS as u64))?;
            let before = deadlines.on.checked_sub_days(Days::new(1))?;
            (deadlines.on <= window).then(|| {
                let cursor = encode_cursor(&[before.to_string(), uuid::Uuid::max().to_string()]);
                format!("/contacts/due?after={cursor}")
            })
        }
        _ => None,
    }
}

fn links(choice: Choice) -> Links {
    let at = |month: Month| Choice { month, ..choice }.link();
    Links {
        prev: choice.month.has_prev().then(|| at(choice.month.prev())),
        next: choice.month.has_next().then(|| at(choice.month.next())),
        this_month: at(Month::of(Local::now().date_naive())),
        grid: Choice {
            list: false,
            ..choice
        }
        .link(),
        list: Choice {
            list: true,
            ..choice
        }
        .link(),
        scope: Choice {
            mine: false,
            ..choice
        }
        .link(),
        own: Choice {
            mine: true,
            ..choice
        }
        .link(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn the_address_names_month_view_and_filter_or_is_refused() {
        let today = date("2026-03-18");
        let choice = CalendarQuery::default().read(today).expect("the defaults");
        assert_eq!(choice.month.to_string(), "2026-03");
        assert!(!choice.list && !choice.mine);
        let query = CalendarQuery {
            month: "2025-12".into(),
            view: "list".into(),
            mine: "1".into(),
        };
        let choice = query.read(today).expect("a choice");
        assert_eq!(choice.link(), "/calendar?month=2025-12&view=list&mine=1");
        for bad in [
            CalendarQuery {
                month: "2025-13".into(),
                ..CalendarQuery::default()
            },
            CalendarQuery {
                view: "week".into(),
                ..CalendarQuery::default()
            },
            CalendarQuery {
                mine: "yes".into(),
                ..CalendarQuery::default()
            },
        ] {
            assert!(bad.read(today).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn neighbouring_months_keep_the_view_and_filter() {
        let choice = Choice {
            month: Month::parse("2026-01").expect("a month"),
            list: true,
            mine: false,
        };
        let links = links(choice);
        assert_eq!(
            links.prev.as_deref(),
            Some("/calendar?month=2025-12&view=list")
        );
        assert_eq!(
            links.next.as_deref(),
            Some("/calendar?month=2026-02&view=list")
        );
        assert_eq!(links.own, "/calendar?month=2026-01&view=list&mine=1");
        assert_eq!(links.grid, "/calendar?month=2026-01");
    }
}
