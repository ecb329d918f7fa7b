//! What an organization learns of the review of its own application once it
//! is decided: the mean total (trimmed as the ranking is) and each indicator's
//! average. Reviews are numbered by the database function, never named.

use sqlx::PgConnection;
use uuid::Uuid;

use super::db::{self, OwnScoreLine};
use crate::indicators::scoring;

#[derive(Clone, Debug)]
pub struct OwnResult {
    pub mean: String,
    /// (code, name, weight, average)
    pub indicators: Vec<(String, String, i16, String)>,
}

/// The review of the organization's own application, once it is decided.
pub async fn for_applicant(
    conn: &mut PgConnection,
    application_id: Uuid,
) -> sqlx::Result<Option<OwnResult>> {
    let lines = db::scores_for_applicant(conn, application_id).await?;
    Ok((!lines.is_empty()).then(|| summarize(lines)))
}

/// The mean of the reviews' totals and each indicator's average, the
/// indicators in code order.
fn summarize(mut lines: Vec<OwnScoreLine>) -> OwnResult {
    lines.sort_by_key(|l| {
        l.code
            .split('.')
            .filter_map(|p| p.parse::<u32>().ok())
            .collect::<Vec<_>>()
    });
    let mut totals: std::collections::BTreeMap<i64, i64> = std::collections::BTreeMap::new();
    for line in &lines {
        *totals.entry(line.review_no).or_default() += i64::from(line.score_tenths);
    }
    let totals: Vec<i64> = totals.into_values().collect();
    let mut indicators: Vec<(String, String, i16, String)> = Vec::new();
    let mut seen: Vec<Uuid> = Vec::new();
    for line in &lines {
        if seen.contains(&line.indicator_id) {
            continue;
        }
        seen.push(line.indicator_id);
        let scores: Vec<i64> = lines
            .iter()
            .filter(|l| l.indicator_id == line.indicator_id)
            .map(|l| i64::from(l.score_tenths))
            .collect();
        let n = i64::try_from(scores.len()).unwrap_or(1).max(1);
        let average = (scores.iter().sum::<i64>() * 10 * 2 + n) / (2 * n);
        indicators.push((
            line.code.clone(),
            line.name.clone(),
            line.weight,
            crate::web::format::two_decimals(average),
        ));
    }
    OwnResult {
        mean: scoring::mean_hundredths(&totals)
            .map(crate::web::format::two_decimals)
            .unwrap_or_default(),
        indicators,
    }
}
