//! A workbook of several short tables (a dashboard's), one sheet each: the
//! table's title, the scope, period and time of export above it, then its
//! header (bold, frozen, filtered) and rows, typed as every export's are;
//! and the sheet about the export last.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::xlsx::{Formats, column, display_width, write_cell};
use super::{Cell, Export, body};
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::web::format::datetime;

/// Widest a column is made, in characters.
const MAX_WIDTH: usize = 40;
/// The row of a sheet's header: title and context above it, a blank between.
const HEADER_ROW: u32 = 3;

/// One table: its title (the sheet's name, at most 31 characters), its
/// headers and its rows.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The workbook: its name (file name, and what the about sheet says it is),
/// the file name's ASCII form, what it covers as (label, value) pairs
/// (范围, 期间, …, written on every sheet) and its sheets.
#[derive(Clone, Debug)]
pub struct Book {
    pub name: &'static str,
    pub ascii_name: &'static str,
    pub context: Vec<(String, String)>,
    pub sheets: Vec<Sheet>,
}

/// The workbook as a download.
pub async fn respond_book(user: &CurrentUser, book: Book) -> AppResult<axum::response::Response> {
    let exporter = user.display_name.clone();
    let at = datetime(&chrono::Utc::now());
    let file = tokio::task::spawn_blocking(move || -> Result<_, XlsxError> {
        let file = tempfile::NamedTempFile::new()?;
        write_book(&book, &exporter, &at)?.save(file.path())?;
        Ok((file, book.name, book.ascii_name))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let (file, name, ascii_name) = file;
    Ok(body::attachment(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &Export::new(name, ascii_name, &[]),
        "xlsx",
        body::file_body(file).await?,
    ))
}

fn write_book(book: &Book, exporter: &str, at: &str) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let formats = Formats::new();
    let context = book
        .context
        .iter()
        .map(|(label, value)| format!("{label}：{value}"))
        .chain(std::iter::once(format!("导出时间：{at}")))
        .collect::<Vec<_>>()
        .join("；");
    for table in &book.sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(&table.title))?;
        sheet.write_string_with_format(0, 0, &table.title, &formats.label)?;
        sheet.write_string(1, 0, &context)?;
        let mut widths: Vec<usize> = table.headers.iter().map(|h| display_width(h) + 2).collect();
        for (col, header) in table.headers.iter().enumerate() {
            sheet.write_string_with_format(HEADER_ROW, column(col), header, &formats.header)?;
        }
        let mut row = HEADER_ROW;
        for cells in &table.rows {
            row += 1;
            for (col, cell) in cells.iter().enumerate() {
                let width = write_cell(sheet, row, column(col), cell, &formats)?;
                if let Some(w) = widths.get_mut(col) {
                    *w = (*w).max(width);
                }
            }
        }
        for (col, width) in widths.iter().enumerate() {
            sheet.set_column_width(column(col), (*width).min(MAX_WIDTH) as f64 + 1.0)?;
        }
        sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
        sheet.autofilter(
            HEADER_ROW,
            0,
            row,
            column(table.headers.len().saturating_sub(1)),
        )?;
    }
    let about = workbook.add_worksheet();
    about.set_name("导出说明")?;
    let mut lines = vec![("导出内容".to_owned(), book.name.to_owned())];
    lines.extend(book.context.iter().cloned());
    lines.push(("导出人".to_owned(), exporter.to_owned()));
    lines.push(("导出时间".to_owned(), at.to_owned()));
    lines.push(("工作表".to_owned(), book.sheets.len().to_string()));
    for (row, (label, value)) in lines.iter().enumerate() {
        let row = u32::try_from(row).unwrap_or(u32::MAX);
        about.write_string_with_format(row, 0, label, &formats.label)?;
        about.write_string(row, 1, value)?;
    }
    about.set_column_width(0, 12)?;
    about.set_column_width(1, 80)?;
    Ok(workbook)
}

/// A title as a sheet name: Excel allows 31 characters and none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    title
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect()
}
