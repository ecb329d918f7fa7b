//! Refusals worth knowing about: a 403 or 404 answered to a logged-in user is
//! logged with the user, the route and the path (which names the object), at
//! most [`LOGGED_PER_MINUTE`] a minute per user so that a crawler cannot flood
//! the log; a user refused [`AUDITED_AFTER`] times within
//! [`WINDOW`] is written to the audit log, once per window, where the union's
//! admins read it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use uuid::Uuid;

/// Refusals logged per user and minute.
pub const LOGGED_PER_MINUTE: u32 = 10;
/// Refusals within [`WINDOW`] that make an audit entry.
pub const AUDITED_AFTER: u32 = 20;
/// The window refusals are counted in.
pub const WINDOW: Duration = Duration::from_secs(600);

/// What to do with one refusal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// Write a log line for it.
    pub log: bool,
    /// Write an audit entry: the user's refusals in this window.
    pub audit: Option<u32>,
}

#[derive(Debug)]
struct Tally {
    window_started: Instant,
    in_window: u32,
    minute_started: Instant,
    logged_this_minute: u32,
}

/// Refusals per user, kept in the server (each server counts its own).
#[derive(Debug, Default)]
pub struct Denials {
    tallies: Mutex<HashMap<Uuid, Tally>>,
}

impl Denials {
    /// Counts a refusal of `user` at `now`.
    pub fn note(&self, user: Uuid, now: Instant) -> Verdict {
        let mut tallies = self
            .tallies
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let tally = tallies.entry(user).or_insert(Tally {
            window_started: now,
            in_window: 0,
            minute_started: now,
            logged_this_minute: 0,
        });
        if now.duration_since(tally.window_started) >= WINDOW {
            tally.window_started = now;
            tally.in_window = 0;
        }
        if now.duration_since(tally.minute_started) >= Duration::from_secs(60) {
            tally.minute_started = now;
            tally.logged_this_minute = 0;
        }
        tally.in_window += 1;
        let log = tally.logged_this_minute < LOGGED_PER_MINUTE;
        if log {
            tally.logged_this_minute += 1;
        }
        Verdict {
            log,
            audit: (tally.in_window == AUDITED_AFTER).then_some(tally.in_window),
        }
    }

    /// Forgets users whose window has passed; run periodically.
    pub fn forget_idle(&self, now: Instant) {
        self.tallies
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .retain(|_, tally| now.duration_since(tally.window_started) < WINDOW);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logging_stops_within_a_minute_and_the_twentieth_refusal_is_audited_once() {
        let denials = Denials::default();
        let (user, other) = (Uuid::new_v4(), Uuid::new_v4());
        let start = Instant::now();
        let verdicts: Vec<Verdict> = (0..30).map(|_| denials.note(user, start)).collect();
        assert_eq!(verdicts.iter().filter(|v| v.log).count(), 10);
        let audited: Vec<usize> = verdicts
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.audit.map(|_| i))
            .collect();
        assert_eq!(audited, vec![19]);
        assert!(denials.note(other, start).log, "users are counted apart");
        let later = start + Duration::from_secs(61);
        assert!(denials.note(user, later).log, "a new minute logs again");
        let next_window = start + WINDOW;
        let again: Vec<Verdict> = (0..20).map(|_| denials.note(user, next_window)).collect();
        assert_eq!(again.iter().filter(|v| v.audit.is_some()).count(), 1);
        denials.forget_idle(next_window + WINDOW);
        assert!(denials.tallies.lock().expect("lock").is_empty());
    }
}
