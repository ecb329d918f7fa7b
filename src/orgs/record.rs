//! An organization's record of delivered projects (履约记录): every closed
//! project it held a contract for, whoever bought it, with the final grade and
//! the average score. Shown on the organization's page and beside its
//! applications, so that a union considering it for a new project sees how it
//! delivered before.

use sqlx::PgConnection;
use uuid::Uuid;

use super::db::{self, RecordRow};
use crate::web::format::two_decimals;

#[derive(Clone, Debug, Default)]
pub struct TrackRecord {
    pub rows: Vec<RecordRow>,
}

impl TrackRecord {
    /// The average of the graded projects' scores.
    pub fn average(&self) -> Option<String> {
        let scores: Vec<i64> = self
            .rows
            .iter()
            .filter_map(|r| r.total_hundredths.map(i64::from))
            .collect();
        let n = i64::try_from(scores.len()).ok().filter(|n| *n > 0)?;
        let sum: i64 = scores.iter().sum();
        Some(two_decimals((sum * 2 + n) / (2 * n)))
    }
}

/// The record of an organization the caller has already been allowed to
/// read (its page, or an application from it): the function behind it
/// returns nothing but this record.
pub async fn of_org(conn: &mut PgConnection, org_id: Uuid) -> sqlx::Result<TrackRecord> {
    let rows = db::track_record(conn, org_id).await?;
    Ok(TrackRecord { rows })
}
