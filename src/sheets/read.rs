//! Reading an uploaded sheet into rows of text: `.xlsx` (recognised by its
//! content, a zip archive, not by its name) or CSV in UTF-8 (with or without a
//! BOM) or GBK, as older Excel versions save it.
//!
//! Everything a file can make the reader spend is bounded before it is spent:
//! the archive is unpacked once into nothing, counting, before the workbook
//! is opened (a zip bomb stops at the limit, and so does a huge shared-string
//! table, which the workbook reader would otherwise hold whole); cells are
//! read one at a time and placed by hand, so a sheet that names cell
//! XFD1048576 is refused instead of materialising a billion empty cells; and
//! the whole read has a deadline. The work blocks: call [`read_rows_blocking`]
//! off the async workers, as [`read_rows`] does.

use std::io::Cursor;
use std::time::{Duration, Instant};

use calamine::{DataRef, Reader, Xlsx};

use crate::files::archive;

/// Data rows a sheet may hold (the header row comes on top).
pub const MAX_ROWS: usize = 100_000;
/// Columns a sheet may use.
pub const MAX_COLUMNS: usize = 100;
/// Cells the rows may hold in all, empty ones before a filled one included.
pub const MAX_CELLS: usize = 2_000_000;
/// Bytes the archive may unpack to, all entries together.
pub const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;
/// Bytes the shared-string table, or any other part that is not a worksheet,
/// may unpack to: the workbook reader holds such parts whole.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 50 * 1024 * 1024;
/// Entries the archive may hold.
const MAX_ENTRIES: usize = 1_000;
/// How long one read may take.
pub const MAX_READ_TIME: Duration = Duration::from_secs(20);

/// Why a file could not be read, for the user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("empty file")]
    Empty,
    #[error("unreadable xlsx: {0}")]
    Xlsx(String),
    #[error("unreadable csv: {0}")]
    Csv(String),
    #[error("more than {MAX_ROWS} data rows")]
    TooManyRows,
    #[error("more than {MAX_COLUMNS} columns")]
    TooManyColumns,
    #[error("more than {MAX_CELLS} cells")]
    TooManyCells,
    #[error("unpacks to more than {MAX_UNPACKED_BYTES} bytes")]
    TooLargeUnpacked,
    #[error("shared strings unpack to more than {MAX_SHARED_STRINGS_BYTES} bytes")]
    SharedStringsTooLarge,
    #[error("reading took longer than {MAX_READ_TIME:?}")]
    TooSlow,
}

impl ReadError {
    /// The message beside the file field (the limits are written into it).
    pub fn message_key(&self) -> &'static str {
        match self {
            ReadError::Empty => "import.error.empty",
            ReadError::Xlsx(_) => "import.error.xlsx",
            ReadError::Csv(_) => "import.error.csv",
            ReadError::TooManyRows => "import.error.too_many_rows",
            ReadError::TooManyColumns => "import.error.too_many_columns",
            ReadError::TooManyCells => "import.error.too_many_cells",
            ReadError::TooLargeUnpacked => "import.error.unpacked_too_large",
            ReadError::SharedStringsTooLarge => "import.error.shared_strings_too_large",
            ReadError::TooSlow => "import.error.too_slow",
        }
    }
}

/// The sheet's rows, the header row first, each cell trimmed text; read on a
/// blocking thread.
pub async fn read_rows(content: Vec<u8>) -> Result<Vec<Vec<String>>, ReadError> {
    tokio::task::spawn_blocking(move || read_rows_blocking(&content))
        .await
        .unwrap_or_else(|error| Err(ReadError::Xlsx(format!("the reader stopped: {error}"))))
}

/// [`read_rows`] on the calling thread.
pub fn read_rows_blocking(content: &[u8]) -> Result<Vec<Vec<String>>, ReadError> {
    if content.is_empty() {
        return Err(ReadError::Empty);
    }
    let deadline = Instant::now() + MAX_READ_TIME;
    if content.starts_with(b"PK\x03\x04") {
        check_archive(content, deadline)?;
        read_xlsx(content, deadline)
    } else {
        read_csv(content, deadline)
    }
}

/// Unpacks the workbook within the reader's limits: worksheets are read a
/// cell at a time, any other part (the shared strings, wherever the
/// relationships put them) is held whole, so it has a limit of its own.
fn check_archive(content: &[u8], deadline: Instant) -> Result<(), ReadError> {
    fn part_limit(name: &str) -> u64 {
        if name.to_ascii_lowercase().starts_with("xl/worksheets/") {
            MAX_UNPACKED_BYTES
        } else {
            MAX_SHARED_STRINGS_BYTES
        }
    }
    let bounds = archive::Bounds {
        entries: MAX_ENTRIES,
        total: MAX_UNPACKED_BYTES,
        entry: part_limit,
        deadline,
    };
    archive::check(content, &bounds).map_err(|exceeded| match exceeded {
        archive::Exceeded::Unreadable(reason) => ReadError::Xlsx(reason),
        archive::Exceeded::Entries => ReadError::Xlsx("too many parts".into()),
        archive::Exceeded::Entry(_) => ReadError::SharedStringsTooLarge,
        archive::Exceeded::Total => ReadError::TooLargeUnpacked,
        archive::Exceeded::Time => ReadError::TooSlow,
    })
}

/// Rows being filled cell by cell, within [`MAX_ROWS`], [`MAX_COLUMNS`] and
/// [`MAX_CELLS`].
#[derive(Default)]
struct Rows {
    rows: Vec<Vec<String>>,
    cells: usize,
}

impl Rows {
    fn put(&mut self, row: usize, column: usize, text: String) -> Result<(), ReadError> {
        if row > MAX_ROWS {
            return Err(ReadError::TooManyRows);
        }
        if column >= MAX_COLUMNS {
            return Err(ReadError::TooManyColumns);
        }
        if text.is_empty() {
            return Ok(());
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= column {
            self.cells += column + 1 - cells.len();
            if self.cells > MAX_CELLS {
                return Err(ReadError::TooManyCells);
            }
            cells.resize(column + 1, String::new());
        }
        cells[column] = text;
        Ok(())
    }
}

fn read_xlsx(content: &[u8], deadline: Instant) -> Result<Vec<Vec<String>>, ReadError> {
    let unreadable = |e: calamine::XlsxError| ReadError::Xlsx(e.to_string());
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(content)).map_err(unreadable)?;
    let first = workbook
        .sheet_names()
        .into_iter()
        .next()
        .ok_or_else(|| ReadError::Xlsx("no worksheet".into()))?;
    let mut cells = workbook
        .worksheet_cells_reader(&first)
        .map_err(unreadable)?;
    let mut rows = Rows::default();
    let mut seen: usize = 0;
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        rows.put(row as usize, column as usize, cell_text(cell.get_value()))?;
        seen += 1;
        if seen.is_multiple_of(4096) && Instant::now() > deadline {
            return Err(ReadError::TooSlow);
        }
    }
    Ok(from_first_filled(rows.rows))
}

/// The rows from the first filled row and column on, as a workbook's used
/// range starts there.
fn from_first_filled(mut rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let filled = |row: &Vec<String>| row.iter().position(|cell| !cell.is_empty());
    let first_row = rows.iter().position(|row| filled(row).is_some());
    let first_column = rows.iter().filter_map(filled).min().unwrap_or(0);
    rows.drain(..first_row.unwrap_or(rows.len()));
    if first_column > 0 {
        for row in &mut rows {
            row.drain(..first_column.min(row.len()));
        }
    }
    rows
}

fn cell_text(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) => s.trim().to_owned(),
        DataRef::SharedString(s) => s.trim().to_owned(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        DataRef::DateTime(d) => d
            .as_datetime()
            .map(|dt| dt.date().to_string())
            .unwrap_or_else(|| d.to_string()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.chars().take(10).collect(),
    }
}

/// UTF-8 (BOM stripped) when the bytes are valid UTF-8, GBK otherwise.
fn decode(content: &[u8]) -> String {
    let content = content.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content);
    match std::str::from_utf8(content) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::GBK.decode(content).0.into_owned(),
    }
}

/// CSV, with the `'` that exports put before formula-leading cells taken off.
fn read_csv(content: &[u8], deadline: Instant) -> Result<Vec<Vec<String>>, ReadError> {
    let text = decode(content);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Rows::default();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ReadError::Csv(e.to_string()))?;
        for (column, cell) in record.iter().enumerate() {
            let cell = super::formula::restore(cell.trim());
            rows.put(row, column, cell.to_owned())?;
        }
        if rows.rows.len() <= row {
            rows.rows.resize_with(row + 1, Vec::new);
        }
        if row % 4096 == 0 && Instant::now() > deadline {
            return Err(ReadError::TooSlow);
        }
    }
    Ok(rows.rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_a_bom_and_gbk_read_the_same() {
        let utf8 = "\u{feff}组织名称,联系电话\n广州市某服务社,13800138000\n";
        let (gbk, _, _) =
            encoding_rs::GBK.encode("组织名称,联系电话\n广州市某服务社,13800138000\n");
        let expected = vec![
            vec!["组织名称".to_owned(), "联系电话".to_owned()],
            vec!["广州市某服务社".to_owned(), "13800138000".to_owned()],
        ];
        assert_eq!(read_rows_blocking(utf8.as_bytes()), Ok(expected.clone()));
        assert_eq!(read_rows_blocking(&gbk), Ok(expected));
    }

    #[test]
    fn typed_cells_of_an_export_read_back_as_the_text_a_form_takes() {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let money = Format::new().set_num_format("¥#,##0.00");
        let day = ExcelDateTime::parse_from_str("2026-03-01").expect("a date");
        sheet.write_string(0, 0, "人数").expect("cell");
        sheet.write_number(1, 0, 260.0).expect("cell");
        sheet
            .write_datetime_with_format(1, 1, &day, &date)
            .expect("cell");
        sheet
            .write_number_with_format(1, 2, 1234.5, &money)
            .expect("cell");
        sheet
            .write_number_with_format(1, 3, 300_000.0, &money)
            .expect("cell");
        let bytes = workbook.save_to_buffer().expect("a workbook");
        let rows = read_rows_blocking(&bytes).expect("read");
        assert_eq!(rows[1], ["260", "2026-03-01", "1234.5", "300000"]);
    }

    #[test]
    fn a_broken_zip_is_an_unreadable_workbook() {
        let result = read_rows_blocking(b"PK\x03\x04 this is not really a workbook");
        assert!(matches!(result, Err(ReadError::Xlsx(_))), "{result:?}");
        assert_eq!(read_rows_blocking(b""), Err(ReadError::Empty));
    }

    #[test]
    fn csv_cells_quoted_against_formulas_read_back_as_written() {
        let rows = read_rows_blocking("名称,电话\n'=HYPERLINK(1),'+86 20\n".as_bytes());
        assert_eq!(
            rows.expect("read")[1],
            vec!["=HYPERLINK(1)".to_owned(), "+86 20".to_owned()]
        );
    }

    #[test]
    fn csv_beyond_the_column_limit_is_refused() {
        let wide = vec!["x"; MAX_COLUMNS + 1].join(",");
        assert_eq!(
            read_rows_blocking(wide.as_bytes()),
            Err(ReadError::TooManyColumns)
        );
    }

    #[test]
    fn the_messages_state_the_limits_in_force() {
        let zh = |key| crate::i18n::Lang::Zh.t(key).to_owned();
        assert!(zh("import.error.too_many_rows").contains("100,000"));
        assert!(zh("import.error.too_many_columns").contains("100 列"));
        assert!(zh("import.error.too_many_cells").contains("2,000,000"));
        assert!(zh("import.error.unpacked_too_large").contains("100 MB"));
        assert!(zh("import.error.shared_strings_too_large").contains("50 MB"));
        assert!(zh("import.error.too_slow").contains("20 秒"));
        assert_eq!(
            (MAX_ROWS, MAX_COLUMNS, MAX_CELLS),
            (100_000, 100, 2_000_000)
        );
        assert_eq!(
            (MAX_UNPACKED_BYTES >> 20, MAX_SHARED_STRINGS_BYTES >> 20),
            (100, 50)
        );
        assert_eq!(MAX_READ_TIME, Duration::from_secs(20));
    }

    #[test]
    fn a_sheet_starting_below_and_right_reads_from_its_first_filled_cell() {
        let rows = vec![
            vec![],
            vec![String::new(), "名称".into()],
            vec![String::new(), "甲".into(), "乙".into()],
        ];
        assert_eq!(
            from_first_filled(rows),
            vec![
                vec!["名称".to_owned()],
                vec!["甲".to_owned(), "乙".to_owned()]
            ]
        );
    }

    #[test]
    fn empty_cells_before_a_far_cell_count_against_the_cell_limit() {
        let mut rows = Rows::default();
        let mut result = Ok(());
        for row in 0..=MAX_ROWS {
            result = rows.put(row, MAX_COLUMNS - 1, "x".into());
            if result.is_err() {
                break;
            }
        }
        assert_eq!(result, Err(ReadError::TooManyCells));
        assert_eq!(
            rows.put(MAX_ROWS + 1, 0, "x".into()),
            Err(ReadError::TooManyRows)
        );
    }
}
