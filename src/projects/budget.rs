//! Budget lines (DOMAIN.md): the eight lines an application budgets, a
//! contract's reports spend, and what a contract has left per line. One type
//! for all of them, so that a line is always the same index.

use serde::Serialize;

/// The budget lines, in the order forms, pages and [`BudgetLines`] use.
pub const LINES: [&str; 8] = [
    "personnel",
    "activities",
    "publicity",
    "transport",
    "office",
    "experts",
    "management",
    "evaluation",
];

/// Money per budget line, in fen, in the order of [`LINES`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BudgetLines(pub [i64; 8]);

impl BudgetLines {
    pub fn total_fen(&self) -> i64 {
        self.0.iter().sum()
    }

    /// What is left per line once `spent` is taken away (below zero when a
    /// line was overspent).
    pub fn less(&self, spent: &BudgetLines) -> BudgetLines {
        BudgetLines(std::array::from_fn(|i| self.0[i] - spent.0[i]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_left_is_taken_line_by_line() {
        let budget = BudgetLines([500, 300, 0, 0, 0, 0, 0, 200]);
        let spent = BudgetLines([200, 400, 0, 0, 0, 0, 0, 0]);
        let left = budget.less(&spent);
        assert_eq!(left, BudgetLines([300, -100, 0, 0, 0, 0, 0, 200]));
        assert_eq!(left.total_fen(), 400);
    }
}
