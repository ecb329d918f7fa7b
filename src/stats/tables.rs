//! A dashboard's tables: rows of values, each value a count, an amount of
//! money or a share, and where it can be checked (the list of the records it
//! counts). The page draws them with their chart, the workbook writes each on
//! a sheet of its own.

use super::charts::{Bars, Donut, Line};
use crate::sheets::export::Cell;
use crate::web::format::thousands;
use crate::web::money::Fen;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Count,
    /// Fen, shown in 万元.
    Money,
    /// A share of the given whole.
    Share {
        of: i64,
    },
    /// A count out of a whole, shown as both (`27 / 31`).
    OutOf {
        of: i64,
    },
}

#[derive(Clone, Debug)]
pub struct Value {
    pub n: i64,
    pub unit: Unit,
    /// The list of the records counted, when one can show them.
    pub href: Option<String>,
}

impl Value {
    pub fn count(n: i64) -> Self {
        Self {
            n,
            unit: Unit::Count,
            href: None,
        }
    }

    /// As the page shows it: `1,234`, `56.78` (万元), `45.6%`, "—" for nothing.
    pub fn text(&self) -> String {
        match self.unit {
            Unit::Count => thousands(self.n),
            Unit::Money if self.n == 0 => "—".to_owned(),
            Unit::Money => Fen(self.n).wan(),
            Unit::Share { of: 0 } => "—".to_owned(),
            Unit::Share { of } => format!("{:.1}%", self.n as f64 * 100.0 / of as f64),
            Unit::OutOf { of } => format!("{} / {}", thousands(self.n), thousands(of)),
        }
    }

    pub fn cell(&self) -> Cell {
        match self.unit {
            Unit::Count | Unit::OutOf { .. } => Cell::Integer(self.n),
            Unit::Money => Cell::Money(Fen(self.n)),
            Unit::Share { of: 0 } => Cell::Empty,
            Unit::Share { of } => Cell::Percent(self.n as f64 / of as f64),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Row {
    pub label: String,
    /// The row's own dashboard (a child union's).
    pub href: Option<String>,
    pub values: Vec<Value>,
}

/// Whether a table counts what is (as of the last refresh) or what happened
/// in the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    Now,
    Period,
}

#[derive(Clone, Debug)]
pub enum Chart {
    Bars(Bars),
    Donut(Donut),
    Line(Line),
}

#[derive(Clone, Debug)]
pub struct Table {
    /// The anchor of the table on the page.
    pub id: &'static str,
    pub title: String,
    pub basis: Basis,
    /// The header of the first column, then of each value.
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    pub total: Option<Row>,
    pub chart: Option<Chart>,
}

impl Table {
    /// Whether every value is zero: the page says so instead of a table of
    /// dashes.
    pub fn is_empty(&self) -> bool {
        self.rows
            .iter()
            .chain(self.total.as_ref())
            .all(|row| row.values.iter().all(|v| v.n == 0))
    }

    /// The table as a sheet: the headers, the rows and the total row.
    pub fn sheet_rows(&self) -> Vec<Vec<Cell>> {
        self.rows
            .iter()
            .chain(self.total.as_ref())
            .map(|row| {
                std::iter::once(Cell::from(row.label.clone()))
                    .chain(row.values.iter().map(Value::cell))
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_counts_money_and_shares() {
        let money = Value {
            n: 123_456_789,
            unit: Unit::Money,
            href: None,
        };
        assert_eq!(money.text(), "123.46");
        assert_eq!(money.cell(), Cell::Money(Fen(123_456_789)));
        let share = Value {
            n: 1,
            unit: Unit::Share { of: 3 },
            href: None,
        };
        assert_eq!(share.text(), "33.3%");
        let nothing = Value {
            n: 0,
            unit: Unit::Share { of: 0 },
            href: None,
        };
        assert_eq!((nothing.text(), nothing.cell()), ("—".into(), Cell::Empty));
        assert_eq!(Value::count(12_345).text(), "12,345");
    }
}
