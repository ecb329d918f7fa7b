//! Periodic jobs that several servers run: each run takes an advisory lock of
//! its own, so one server does it at a time and the others skip that run.
//! A job of a domain that the foundation cannot import (ending stalled
//! organization imports) has its statement here.

use sqlx::PgConnection;

/// The advisory lock keys of the jobs: arbitrary, fixed, one per job.
pub mod job_lock {
    pub const SESSIONS: i64 = 0x6e69_7564_6169_0001;
    pub const FILES: i64 = 0x6e69_7564_6169_0002;
    pub const FORM_KEYS: i64 = 0x6e69_7564_6169_0003;
    pub const IMPORTS: i64 = 0x6e69_7564_6169_0004;
    pub const CALLS: i64 = 0x6e69_7564_6169_0005;
}

/// Whether this server runs the job of `key` now: false while another server
/// runs it. The lock is the transaction's, released at its end.
pub async fn take_turn(conn: &mut PgConnection, key: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(r#"select pg_try_advisory_xact_lock($1) as "taken!""#, key)
        .fetch_one(conn)
        .await
}

/// Ends as failed the organization imports whose server stopped in the middle
/// of them (silent for ten minutes). Returns how many.
pub async fn fail_stalled_imports(conn: &mut PgConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"select org_imports_fail_stalled(interval '10 minutes') as "failed!""#)
        .fetch_one(conn)
        .await
}
