//! Reading one column of an exported workbook, for the lists' own checks.

use calamine::Data;

use super::workbook::Exported;

impl Exported {
    /// The column's cells as text, one per row (empty where empty).
    pub fn texts(&self, header: &str) -> Vec<String> {
        let col = self.column(header);
        self.rows
            .iter()
            .map(|row| row.get(col).map(Data::to_string).unwrap_or_default())
            .collect()
    }
}
