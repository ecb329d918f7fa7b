//! Scores as numbers: points typed with at most one decimal and kept in
//! tenths, the comment a low score needs, and the mean of reviewers' totals —
//! trimmed of the highest and lowest when five or more scored. Integers
//! throughout, so that a ranking never depends on rounding.

use uuid::Uuid;

use crate::indicators::db::IndicatorRow;

/// A score sheet as posted: per leaf of the indicator tree, in order, its id
/// (to notice a tree changed under the form), the typed score and a comment.
#[derive(Clone, Copy, Debug)]
pub struct Posted<'a> {
    pub indicator: &'a [String],
    pub score: &'a [String],
    pub comment: &'a [String],
    /// Submitting: every score present, low ones explained.
    pub submit: bool,
}

/// One leaf's score as kept: indicator, tenths, comment.
pub type Scored = (Uuid, i32, Option<String>);

/// Reads a posted sheet against its leaves: the scores, or per leaf the
/// message key of its problem (with the leaf's weight as the argument).
pub fn read_sheet(
    leaves: &[IndicatorRow],
    posted: Posted<'_>,
) -> Result<Vec<Scored>, Vec<Option<&'static str>>> {
    let mut problems = Vec::with_capacity(leaves.len());
    let mut scores = Vec::new();
    for (i, leaf) in leaves.iter().enumerate() {
        let posted_id = posted
            .indicator
            .get(i)
            .map(String::as_str)
            .unwrap_or_default();
        let typed = posted.score.get(i).map(|s| s.trim()).unwrap_or_default();
        let comment = posted
            .comment
            .get(i)
            .map(|c| c.trim().chars().take(1000).collect::<String>())
            .filter(|c| !c.is_empty());
        let problem = if posted_id != leaf.id.to_string() {
            Some("reviews.sheet_changed")
        } else if typed.is_empty() {
            posted.submit.then_some("reviews.score_required")
        } else {
            match parse_tenths(typed) {
                None => Some("reviews.score_format"),
                Some(t) if !in_range(t, leaf.weight) => Some("reviews.score_range"),
                Some(t) if posted.submit && needs_comment(t, leaf.weight) && comment.is_none() => {
                    Some("reviews.comment_required")
                }
                Some(t) => {
                    scores.push((leaf.id, t, comment));
                    None
                }
            }
        };
        problems.push(problem);
    }
    if problems.iter().all(Option::is_none) {
        Ok(scores)
    } else {
        Err(problems)
    }
}

/// The messages of a sheet's problems: one summary line per leaf at fault,
/// and the message beside each row.
pub fn sheet_errors(
    ctx: &crate::web::Ctx,
    leaves: &[IndicatorRow],
    problems: &[Option<&'static str>],
) -> (crate::web::FieldErrors, Vec<Option<String>>) {
    let mut errors = crate::web::FieldErrors::default();
    let rows = leaves
        .iter()
        .zip(problems)
        .map(|(leaf, problem)| {
            problem.map(|key| {
                errors.add_with("sheet", "reviews.sheet_problems", &leaf.code);
                ctx.t1(key, leaf.weight)
            })
        })
        .collect();
    (errors, rows)
}

/// A score below this share of an indicator's weight needs a comment (60 %).
const COMMENT_BELOW_PERCENT: i32 = 60;

/// Points typed as `7`, `7.5` or `7.0`, in tenths; `None` when malformed.
pub fn parse_tenths(typed: &str) -> Option<i32> {
    let typed = typed.trim();
    let (whole, fraction) = typed.split_once('.').unwrap_or((typed, ""));
    if whole.is_empty()
        || fraction.len() > 1
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
        || whole.len() > 3
    {
        return None;
    }
    let whole: i32 = whole.parse().ok()?;
    let fraction: i32 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    Some(whole * 10 + fraction)
}

/// Whether `tenths` lies within 0 and the indicator's `weight`.
pub fn in_range(tenths: i32, weight: i16) -> bool {
    (0..=i32::from(weight) * 10).contains(&tenths)
}

/// Whether a score this low must say why.
pub fn needs_comment(tenths: i32, weight: i16) -> bool {
    tenths * 100 < i32::from(weight) * 10 * COMMENT_BELOW_PERCENT
}

/// `7.5` from 75 tenths.
pub fn show_tenths(tenths: i64) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The mean of reviewers' totals (in tenths), in hundredths of a point:
/// trimmed of one highest and one lowest total when there are five or more.
/// `None` without any total.
pub fn mean_hundredths(totals: &[i64]) -> Option<i64> {
    let mut sorted = totals.to_vec();
    sorted.sort_unstable();
    let kept = if sorted.len() >= 5 {
        &sorted[1..sorted.len() - 1]
    } else {
        &sorted[..]
    };
    let n = i64::try_from(kept.len()).ok().filter(|n| *n > 0)?;
    let sum: i64 = kept.iter().sum();
    // tenths → hundredths, rounded half up.
    Some((sum * 10 * 2 + n) / (2 * n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_typed_with_one_decimal_at_most() {
        assert_eq!(parse_tenths("7"), Some(70));
        assert_eq!(parse_tenths("7.5"), Some(75));
        assert_eq!(parse_tenths(" 0 "), Some(0));
        assert_eq!(parse_tenths("7.25"), None);
        assert_eq!(parse_tenths("-1"), None);
        assert_eq!(parse_tenths("abc"), None);
        assert!(in_range(80, 8) && !in_range(81, 8));
    }

    #[test]
    fn a_score_under_sixty_percent_needs_a_comment() {
        assert!(needs_comment(47, 8), "4.7 of 8 is under 4.8");
        assert!(!needs_comment(48, 8), "4.8 of 8 is 60 %");
    }

    #[test]
    fn five_or_more_totals_lose_their_extremes() {
        assert_eq!(mean_hundredths(&[]), None);
        assert_eq!(mean_hundredths(&[800, 900, 850]), Some(8500));
        // 60, 80, 82, 84, 99 → mean of 80, 82, 84 = 82.
        assert_eq!(mean_hundredths(&[600, 800, 820, 840, 990]), Some(8200));
        // 80.0 and 80.5 → 80.25.
        assert_eq!(mean_hundredths(&[800, 805]), Some(8025));
    }
}
