//! Formula injection: a CSV cell that starts with `=`, `+`, `-`, `@`, a tab or
//! a carriage return is run as a formula by Excel and WPS when the file is
//! opened. Exports prefix such cells with `'` (the OWASP rule), which the
//! spreadsheet shows as plain text; imports take the prefix off again, so
//! that an export imports back unchanged.

use std::borrow::Cow;

fn starts_like_a_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The cell as a CSV export writes it.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    if starts_like_a_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as it was before [`neutralize`].
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_like_a_formula(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_leading_cells_are_quoted_and_come_back() {
        for cell in ["=1+2", "+86 138", "-5", "@SUM(A1)", "\tx", "\rx"] {
            let written = neutralize(cell);
            assert!(written.starts_with('\''), "{cell:?}");
            assert_eq!(restore(&written), cell);
        }
    }

    #[test]
    fn other_cells_pass_unchanged() {
        for cell in [
            "广州市新市民社会工作服务中心",
            "13800138000",
            "",
            "'quoted",
            "a=b",
        ] {
            assert_eq!(neutralize(cell), cell);
            assert_eq!(restore(cell), cell);
        }
    }
}
