//! The calendar feed: a secret address per account that calendar programs
//! poll without a login. Making one shows its address once (only the hash of
//! its token is kept); making another or stopping it leaves the old address
//! answering 404. The feed is read as its owner, by their own actor, so it
//! holds exactly what their calendar page does: the last 30 days and the
//! next 90.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::http::header::{CONTENT_TYPE, HOST};
use axum::response::{IntoResponse, Response};
use chrono::{Days, Local, Utc};

use super::db::{self, DAY_CAP, DayDeadlines, FeedOwner, Reader};
use super::ics::{self, Event};
use crate::audit::{self, Entry};
use crate::config::{Config, Secret, random_token};
use crate::db::{Actor, Tx};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::identity::tokens::token_hash;
use crate::identity::{CurrentUser, SessionUser, UnionRef};
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::web::{ClientIp, Ctx, Flash, flash, render};

/// The feed's window around today.
const DAYS_BACK: u64 = 30;
const DAYS_AHEAD: u64 = 90;

#[derive(Template)]
#[template(path = "calendar/feed_made.html")]
struct FeedMadePage {
    ctx: Ctx,
    /// The feed's address, shown this once.
    url: Secret,
    replaced: bool,
}

/// Makes the user's feed, in place of any earlier one, and shows its address.
pub async fn make_feed(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    headers: HeaderMap,
    mut tx: Tx,
) -> AppResult<Response> {
    policy::require(&user, &Action::ViewCalendar)?;
    let token = random_token();
    let replaced = db::put_feed(&mut tx, user.id, &token_hash(&token)).await?;
    let action = if replaced {
        "calendar_feed.replaced"
    } else {
        "calendar_feed.created"
    };
    let entry = Entry::new(action, "user", user.id).at(user.union.id, &user.union.path);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    let base = site_base(&state.config, &headers).unwrap_or_default();
    render(&FeedMadePage {
        ctx,
        url: Secret::new(format!("{base}/calendar/feed/{token}.ics")),
        replaced,
    })
}

/// Stops the user's feed.
pub async fn stop_feed(user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    policy::require(&user, &Action::ViewCalendar)?;
    let stopped = db::stop_feed(&mut tx, user.id).await?;
    if stopped {
        let entry = Entry::new("calendar_feed.revoked", "user", user.id)
            .at(user.union.id, &user.union.path);
        audit::record(&mut tx, &user, entry).await?;
    }
    tx.commit().await?;
    let message = if stopped {
        "calendar.feed_stopped"
    } else {
        "calendar.feed_none"
    };
    Ok(flash::redirect("/calendar#feed", Flash::new(message)))
}

/// `/calendar/feed/<token>.ics`: the owner's deadlines as iCalendar, or 404
/// for a token that is not (or no longer) a feed's.
pub async fn serve_feed(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> AppResult<Response> {
    let token = file
        .strip_suffix(".ics")
        .filter(|token| looks_like_token(token))
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    let owner = db::feed_owner(&mut tx, &token_hash(token)).await?;
    tx.commit().await?;
    let user = as_user(owner.ok_or(AppError::NotFound)?, ip);
    if !policy::permits(&user, &Action::ViewCalendar) {
        return Err(AppError::NotFound);
    }
    let mut tx = state.db.begin(&user.db_actor()).await?;
    let reader = Reader::of(&mut tx, &user, false)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = Local::now().date_naive();
    let from = today - Days::new(DAYS_BACK);
    let to = today + Days::new(DAYS_AHEAD);
    let deadlines = db::deadlines(&mut tx, &reader, from, to).await?;
    tx.commit().await?;
    let base = site_base(&state.config, &headers);
    let events = events(user.lang, &deadlines, base.as_deref());
    let name = user.lang.t1("calendar.feed_name", &user.display_name);
    Ok((
        [(CONTENT_TYPE, "text/calendar; charset=utf-8")],
        ics::calendar(&name, &events, Utc::now()),
    )
        .into_response())
}

/// A token as `random_token` makes them: 43 characters of base64url.
fn looks_like_token(text: &str) -> bool {
    text.len() == 43
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The feed's owner as the rest of the application knows a user.
fn as_user(owner: FeedOwner, ip: std::net::IpAddr) -> CurrentUser {
    CurrentUser::new(SessionUser {
        id: owner.user_id,
        username: owner.username,
        display_name: owner.display_name,
        role: owner.role,
        lang: Lang::from_code(&owner.locale).unwrap_or_default(),
        must_change_password: false,
        union: UnionRef {
            id: owner.union_id,
            path: owner.union_path,
            name: owner.union_name,
            level: owner.union_level,
        },
        org_id: owner.org_id,
        csrf_token: Secret::new(""),
        ip,
        trail: Vec::new(),
    })
}

/// `https://niudai.example.cn`: the configured public address, or the one
/// the request came to; `None` when neither is usable.
fn site_base(config: &Config, headers: &HeaderMap) -> Option<String> {
    if let Some(url) = config.public_url.as_deref() {
        return Some(url.trim_end_matches('/').to_owned());
    }
    let host = headers.get(HOST)?.to_str().ok()?;
    let plain = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b));
    plain.then(|| format!("http://{host}"))
}

/// The feed's events: one per deadline, or one for a day's deadlines of a
/// kind when there are more than the day shows (the calendar page lists
/// them).
fn events(lang: Lang, deadlines: &[DayDeadlines], base: Option<&str>) -> Vec<Event> {
    let mut events = Vec::new();
    for day in deadlines {
        let label = lang.t(day.kind.label_key());
        let variant = |value: &str| {
            day.kind
                .variant_section()
                .filter(|_| !value.is_empty())
                .map(|section| lang.t(&format!("{section}.{value}")).to_owned())
        };
        if !day.has_more() {
            for entry in &day.entries {
                let description = [Some(entry.detail.clone()), variant(&entry.variant)]
                    .into_iter()
                    .flatten()
                    .filter(|line| !line.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
                events.push(Event {
                    uid: format!("{}-{}@niudai", day.kind.as_str(), entry.id),
                    on: day.on,
                    summary: format!("{label}{}{}", lang.t("calendar.colon"), entry.title),
                    description,
                    url: base.map(|base| format!("{base}{}", entry.href)),
                });
            }
            continue;
        }
        let count = if day.capped() {
            format!("{DAY_CAP}+")
        } else {
            day.total.to_string()
        };
        let mut shown: Vec<String> = day.entries.iter().map(|e| e.title.clone()).collect();
        shown.push("…".into());
        let month = day.on.format("%Y-%m");
        events.push(Event {
            uid: format!("{}-{}@niudai", day.kind.as_str(), day.on),
            on: day.on,
            summary: format!(
                "{label}{}{}",
                lang.t("calendar.colon"),
                lang.t1("calendar.items", count)
            ),
            description: shown.join("\n"),
            url: base.map(|base| format!("{base}/calendar?month={month}&view=list#d-{}", day.on)),
        });
    }
    events
}
