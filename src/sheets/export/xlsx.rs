//! The workbook: typed cells written row by row to a temporary file (constant
//! memory: a million rows never sit in memory), a bold frozen header with a
//! filter, columns as wide as their content, and a sheet about the export.

use futures_util::StreamExt;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{About, Cell, Rows, Source};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::web::format::{china_time, datetime};

/// Data rows a worksheet holds under its header.
const MAX_DATA_ROWS: u32 = 1_048_575;
/// Widest a column is made, in characters.
const MAX_WIDTH: usize = 60;

fn internal(error: impl ToString) -> AppError {
    AppError::Internal(error.to_string())
}

/// The rows, read in the transaction, written to a new temporary file.
pub(super) async fn workbook_file<S: Source>(
    mut tx: Tx,
    name: &'static str,
    headers: Vec<String>,
    about: About,
    rows: Rows<S>,
) -> AppResult<tempfile::NamedTempFile> {
    let file = tempfile::NamedTempFile::new().map_err(internal)?;
    let (cells_in, cells_out) = std::sync::mpsc::sync_channel::<Vec<Cell>>(1024);
    let path = file.path().to_owned();
    let writer = tokio::task::spawn_blocking(move || {
        write_workbook(&path, name, &headers, &about, &cells_out)
    });
    let mut stream = rows.stream(&mut tx);
    let mut failed = None;
    while let Some(row) = stream.next().await {
        match row {
            Ok(cells) => {
                if cells_in.send(cells).is_err() {
                    break;
                }
            }
            Err(error) => {
                failed = Some(error);
                break;
            }
        }
    }
    drop(stream);
    drop(cells_in);
    let written = writer.await.map_err(internal)?;
    if let Some(error) = failed {
        return Err(error);
    }
    written.map_err(internal)?;
    tx.commit().await?;
    Ok(file)
}

/// Formats the cells use, made once per workbook.
pub(super) struct Formats {
    pub(super) header: Format,
    money: Format,
    decimal: Format,
    percent: Format,
    date: Format,
    time: Format,
    pub(super) label: Format,
}

impl Formats {
    pub(super) fn new() -> Self {
        Self {
            header: Format::new()
                .set_bold()
                .set_background_color("#E8EEF5")
                .set_border_bottom(FormatBorder::Thin),
            money: Format::new().set_num_format("¥#,##0.00"),
            decimal: Format::new().set_num_format("0.00"),
            percent: Format::new().set_num_format("0.0%"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            time: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            label: Format::new().set_bold(),
        }
    }
}

/// How wide a text reads, in character cells: Chinese characters take two.
pub(super) fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn write_workbook(
    path: &std::path::Path,
    name: &str,
    headers: &[String],
    about: &About,
    rows: &std::sync::mpsc::Receiver<Vec<Cell>>,
) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    let formats = Formats::new();
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(name)?;
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h) + 2).collect();
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, column(col), header, &formats.header)?;
    }
    let mut written = 0u32;
    let mut truncated = false;
    while let Ok(cells) = rows.recv() {
        if written == MAX_DATA_ROWS {
            truncated = true;
            continue; // Drain the channel so that the reader finishes.
        }
        written += 1;
        for (col, cell) in cells.iter().enumerate() {
            let width = write_cell(sheet, written, column(col), cell, &formats)?;
            if let Some(w) = widths.get_mut(col) {
                *w = (*w).max(width);
            }
        }
    }
    let last_col = column(headers.len().saturating_sub(1));
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(column(col), (*width).min(MAX_WIDTH) as f64 + 1.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, written, last_col)?;
    write_about(
        workbook.add_worksheet(),
        name,
        about,
        written,
        truncated,
        &formats,
    )?;
    workbook.save(path)?;
    Ok(())
}

pub(super) fn column(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

/// Writes a cell and says how wide it reads.
pub(super) fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    formats: &Formats,
) -> Result<usize, XlsxError> {
    Ok(match cell {
        Cell::Empty => 0,
        Cell::Text(text) => {
            sheet.write_string(row, col, text)?;
            display_width(text)
        }
        Cell::Integer(n) => {
            sheet.write_number(row, col, *n as f64)?;
            n.to_string().len()
        }
        Cell::Money(fen) => {
            sheet.write_number_with_format(row, col, fen.0 as f64 / 100.0, &formats.money)?;
            fen.to_string().len() + 1
        }
        Cell::Decimal(x) => {
            sheet.write_number_with_format(row, col, *x, &formats.decimal)?;
            format!("{x:.2}").len()
        }
        Cell::Percent(ratio) => {
            sheet.write_number_with_format(row, col, *ratio, &formats.percent)?;
            7
        }
        Cell::Date(date) => {
            let excel = ExcelDateTime::parse_from_str(&date.to_string())?;
            sheet.write_datetime_with_format(row, col, &excel, &formats.date)?;
            10
        }
        Cell::Time(at) => {
            let local = at.with_timezone(&china_time()).format("%Y-%m-%dT%H:%M:%S");
            let excel = ExcelDateTime::parse_from_str(&local.to_string())?;
            sheet.write_datetime_with_format(row, col, &excel, &formats.time)?;
            16
        }
    })
}

/// The second sheet: what this file holds.
fn write_about(
    sheet: &mut Worksheet,
    name: &str,
    about: &About,
    rows: u32,
    truncated: bool,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name("导出说明")?;
    let filters = if about.filters.is_empty() {
        "无（全部记录）".to_owned()
    } else {
        about
            .filters
            .iter()
            .map(|(label, value)| format!("{label}：{value}"))
            .collect::<Vec<_>>()
            .join("；")
    };
    let mut lines = vec![
        ("导出内容", name.to_owned()),
        ("范围", about.scope.clone()),
        ("筛选条件", filters),
        ("导出人", about.exporter.clone()),
        ("导出时间", datetime(&about.at)),
        ("记录数", rows.to_string()),
    ];
    if truncated {
        lines.push((
            "说明",
            format!("超过 Excel 的行数上限，只含前 {MAX_DATA_ROWS} 行；全部记录请导出 CSV"),
        ));
    }
    for (row, (label, value)) in lines.iter().enumerate() {
        let row = u32::try_from(row).unwrap_or(u32::MAX);
        sheet.write_string_with_format(row, 0, *label, &formats.label)?;
        sheet.write_string(row, 1, value)?;
    }
    sheet.set_column_width(0, 12)?;
    sheet.set_column_width(1, 80)?;
    Ok(())
}
