//! Periodic work inside the server: expiring sessions, forgetting idle
//! entries of the login limiter, removing stored files no record names,
//! ending imports a stopped server left behind, forgetting old form keys,
//! moving open calls whose application window has closed to review, and
//! making the statistics' roll-ups again.
//! Each job's run takes a PostgreSQL advisory lock of its own (`db::take_turn`),
//! so that with several servers one does it at a time and the others skip it.

use std::time::Duration;

use crate::db::{self, Actor, FormKey};
use crate::identity::session::{self, Lifetimes};
use crate::state::AppState;

const EVERY: Duration = Duration::from_secs(300);

pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(EVERY);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            state.login_limiter.forget_idle();
            state.denials.forget_idle(std::time::Instant::now());
            match expire_sessions(&state).await {
                Ok(Some(n)) if n > 0 => tracing::info!(expired = n, "expired sessions removed"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "session expiry failed"),
            }
            match crate::files::sweep_orphans(&state, crate::files::ORPHAN_AFTER).await {
                Ok(n) if n > 0 => tracing::info!(removed = n, "orphaned files removed"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "sweeping orphaned files failed"),
            }
            match forget_form_keys(&state).await {
                Ok(n) if n > 0 => tracing::info!(forgotten = n, "old form keys forgotten"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "forgetting old form keys failed"),
            }
            match fail_stalled_imports(&state).await {
                Ok(n) if n > 0 => tracing::info!(failed = n, "stalled imports ended as failed"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "ending stalled imports failed"),
            }
            match crate::stats::refresh_job(&state).await {
                Ok(Some(ms)) => tracing::info!(took_ms = ms, "statistics refreshed"),
                Ok(None) => {}
                Err(error) => tracing::warn!(%error, "refreshing statistics failed"),
            }
            match close_call_windows(&state).await {
                Ok(n) if n > 0 => tracing::info!(moved = n, "closed calls moved to review"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "closing call windows failed"),
            }
        }
    })
}

async fn expire_sessions(state: &AppState) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    if !db::take_turn(&mut tx, db::job_lock::SESSIONS).await? {
        return Ok(None);
    }
    let lifetimes = Lifetimes {
        idle: state.config.session_idle(),
        absolute: state.config.session_absolute(),
    };
    let expired = session::expire(&mut tx, lifetimes).await?;
    tx.commit().await?;
    Ok(Some(expired))
}

/// Form keys a day old protect against no retry any more.
async fn forget_form_keys(state: &AppState) -> Result<i64, sqlx::Error> {
    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    if !db::take_turn(&mut tx, db::job_lock::FORM_KEYS).await? {
        return Ok(0);
    }
    let forgotten = FormKey::forget_old(&mut tx).await?;
    tx.commit().await?;
    Ok(forgotten)
}

/// Imports whose server stopped in the middle of them (silent for ten
/// minutes) end as failed, with the reason, instead of "validating" forever.
pub async fn fail_stalled_imports(state: &AppState) -> Result<i64, sqlx::Error> {
    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    if !db::take_turn(&mut tx, db::job_lock::IMPORTS).await? {
        return Ok(0);
    }
    let failed = crate::orgs::import::fail_stalled_imports(&mut tx).await?;
    tx.commit().await?;
    Ok(failed)
}

/// Open calls past their deadline move to `reviewing`, on the timeline as the
/// system's doing. The conditional update makes concurrent runs harmless.
pub async fn close_call_windows(state: &AppState) -> Result<u64, sqlx::Error> {
    let mut tx = state.db.begin(&Actor::national_system()).await?;
    if !db::take_turn(&mut tx, db::job_lock::CALLS).await? {
        return Ok(0);
    }
    let moved = crate::projects::db::close_windows(&mut tx, "系统（申报截止）").await?;
    tx.commit().await?;
    Ok(moved)
}
