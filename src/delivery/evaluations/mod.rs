//! Evaluations (评估): a mid-term and a final (performance) evaluation per
//! contract, opened when the matching report is accepted, scored indicator by
//! indicator by the supervisor and staff — each on a sheet of their own — and
//! made final by staff: the mean of the submitted totals, the grade by the
//! system's thresholds, a written conclusion. The organization sees only what
//! is final: grade, per-indicator means, conclusion.

pub mod db;
mod finalize;
mod pages;

use axum::Router;
use axum::routing::{get, post};

use crate::indicators::db::SystemRow;
use crate::state::AppState;

crate::text_enum!(pub enum EvalKind("evaluations.kind") {
    Midterm => "midterm",
    Final => "final",
});

crate::text_enum!(pub enum Grade("indicators.grade") {
    Excellent => "excellent",
    Good => "good",
    Pass => "pass",
    Fail => "fail",
});

impl Grade {
    /// The grade of a total (hundredths of a point) by a system's thresholds.
    pub fn of(total_hundredths: i64, system: &SystemRow) -> Self {
        let at_least = |points: i16| total_hundredths >= i64::from(points) * 100;
        if at_least(system.excellent_min) {
            Grade::Excellent
        } else if at_least(system.good_min) {
            Grade::Good
        } else if at_least(system.pass_min) {
            Grade::Pass
        } else {
            Grade::Fail
        }
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evaluations/{id}", get(pages::show_evaluation))
        .route("/evaluations/{id}/sheet", post(pages::save_sheet))
        .route("/evaluations/{id}/finalize", post(finalize::finalize))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_follow_the_thresholds_of_the_system() {
        let system = SystemRow {
            id: uuid::Uuid::nil(),
            union_id: 1,
            union_path: "cn".into(),
            union_name: "全国总工会".into(),
            kind: crate::indicators::Kind::Midterm,
            name: "中期评估".into(),
            lineage: uuid::Uuid::nil(),
            version: 1,
            status: crate::indicators::SystemStatus::Published,
            excellent_min: 90,
            good_min: 80,
            pass_min: 60,
            published_at: None,
        };
        assert_eq!(Grade::of(9000, &system), Grade::Excellent);
        assert_eq!(Grade::of(8999, &system), Grade::Good);
        assert_eq!(Grade::of(6000, &system), Grade::Pass);
        assert_eq!(Grade::of(5999, &system), Grade::Fail);
    }
}
