//! Spreadsheets in and out: reading an uploaded `.xlsx` or CSV within fixed
//! bounds ([`read`]), and keeping cells that a spreadsheet would run as a
//! formula inert in the CSV files Niudai writes ([`formula`]).

pub mod csv;
pub mod export;
pub mod formula;
pub mod read;
