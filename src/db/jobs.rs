//! Periodic jobs that several servers run: each run takes an advisory lock of
//! its own, so one server does it at a time and the others skip that run.
//! Each job's statement lives with its area.

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
