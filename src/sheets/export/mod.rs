//! The one way a list leaves Niudai: its current filter as `.xlsx` or CSV,
//! streamed, within the reader's scope (the rows come through the reader's
//! scoped transaction). Cells are typed ([`Cell`]): numbers add up in Excel
//! and WPS, money is yuan with a `¥#,##0.00` format, dates are dates. The
//! workbook has a bold, frozen and filtered header row, columns as wide as
//! their content, and a second sheet saying what was exported, for whom,
//! with which filter and when. Internal ids stay out unless `?ids=1` asks.
//!
//! A list provides a [`Source`] (its filter, able to stream its rows as
//! cells) and an [`Export`] (name, columns, the filter in words); its handler
//! is a few lines around [`respond`].

mod body;
mod book;
mod xlsx;

use std::borrow::Cow;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;

pub use self::book::{Book, Sheet, respond_book};
use super::csv::CsvWriter;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::web::format;
use crate::web::money::Fen;

/// One cell, typed.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    /// Money, kept in fen, written in yuan.
    Money(Fen),
    /// A number shown with two decimals (scores, means).
    Decimal(f64),
    /// A ratio (0.5 is 50 %).
    Percent(f64),
    Date(NaiveDate),
    /// A moment, written in China Standard Time.
    Time(DateTime<Utc>),
}

impl Cell {
    /// The cell as CSV text: what a spreadsheet reads back as the same value.
    fn csv_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Integer(n) => n.to_string(),
            Cell::Money(fen) => fen.to_yuan_input(),
            Cell::Decimal(x) => format!("{x:.2}"),
            Cell::Percent(ratio) => format!("{:.1}%", ratio * 100.0),
            Cell::Date(date) => date.to_string(),
            Cell::Time(at) => format::datetime(at),
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text)
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::from(text.to_owned())
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map_or(Cell::Empty, Into::into)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Integer(n)
    }
}

impl From<i32> for Cell {
    fn from(n: i32) -> Self {
        Cell::Integer(i64::from(n))
    }
}

impl From<Fen> for Cell {
    fn from(fen: Fen) -> Self {
        Cell::Money(fen)
    }
}

impl From<NaiveDate> for Cell {
    fn from(date: NaiveDate) -> Self {
        Cell::Date(date)
    }
}

impl From<DateTime<Utc>> for Cell {
    fn from(at: DateTime<Utc>) -> Self {
        Cell::Time(at)
    }
}

/// A column's header, and whether it holds an internal id (left out unless
/// asked for).
#[derive(Clone, Debug)]
pub struct Header {
    pub title: Cow<'static, str>,
    pub internal_id: bool,
}

impl Header {
    pub const fn new(title: &'static str) -> Self {
        Self {
            title: Cow::Borrowed(title),
            internal_id: false,
        }
    }

    pub const fn id(title: &'static str) -> Self {
        Self {
            title: Cow::Borrowed(title),
            internal_id: true,
        }
    }

    /// A header made at run time (an indicator's name, say).
    pub fn named(title: String) -> Self {
        Self {
            title: Cow::Owned(title),
            internal_id: false,
        }
    }
}

/// What is exported: the list's name (sheet and file name), the file name's
/// ASCII form, the columns, and the filter in words.
#[derive(Clone, Debug)]
pub struct Export {
    pub name: &'static str,
    pub ascii_name: &'static str,
    pub headers: Vec<Header>,
    filters: Vec<(String, String)>,
}

impl Export {
    pub fn new(name: &'static str, ascii_name: &'static str, headers: &[Header]) -> Self {
        Self {
            name,
            ascii_name,
            headers: headers.to_vec(),
            filters: Vec::new(),
        }
    }

    /// Headers made at run time.
    pub fn with_headers(mut self, headers: Vec<Header>) -> Self {
        self.headers = headers;
        self
    }

    /// One condition of the filter, as the list page shows it
    /// (`组织类型`, `基金会`); empty values are skipped.
    pub fn filter(mut self, label: impl Into<String>, value: impl Into<String>) -> Self {
        let value = value.into();
        if !value.trim().is_empty() {
            self.filters.push((label.into(), value));
        }
        self
    }
}

/// A list's rows for export, read in the reader's transaction.
pub trait Source: Send + Sync + 'static {
    /// The rows in the list's order, each with one cell per header.
    fn rows<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>>;
}

/// Rows already read (a short table, such as a page of sums): the export
/// writes them as they are.
#[derive(Clone, Debug)]
pub struct Fetched(pub Vec<Vec<Cell>>);

impl Source for Fetched {
    fn rows<'c>(&'c self, _: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        futures_util::stream::iter(self.0.iter().cloned().map(Ok)).boxed()
    }
}

/// The file type asked for (the path ends in `.xlsx` or `.csv`) and whether
/// internal ids are wanted (`?ids=1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportRequest {
    pub format: Format,
    pub with_ids: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
}

impl<S: Send + Sync> FromRequestParts<S> for ExportRequest {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let path = parts.uri.path();
        let format = if path.ends_with(".xlsx") {
            Format::Xlsx
        } else if path.ends_with(".csv") {
            Format::Csv
        } else {
            return Err(AppError::NotFound);
        };
        let with_ids = parts
            .uri
            .query()
            .is_some_and(|query| query.split('&').any(|pair| pair == "ids=1"));
        Ok(Self { format, with_ids })
    }
}

/// Who exported, from where, and when: the second sheet of a workbook.
#[derive(Clone, Debug)]
struct About {
    scope: String,
    exporter: String,
    at: DateTime<Utc>,
    filters: Vec<(String, String)>,
}

/// The export as a streamed download. The transaction moves into the task
/// that writes the file, so the rows are read in the reader's scope.
pub async fn respond(
    user: &CurrentUser,
    tx: Tx,
    request: ExportRequest,
    export: Export,
    source: impl Source,
) -> AppResult<Response> {
    let keep: Vec<bool> = export
        .headers
        .iter()
        .map(|h| request.with_ids || !h.internal_id)
        .collect();
    let headers: Vec<String> = export
        .headers
        .iter()
        .zip(&keep)
        .filter(|(_, keep)| **keep)
        .map(|(h, _)| h.title.to_string())
        .collect();
    let about = About {
        scope: user.union.name.clone(),
        exporter: user.display_name.clone(),
        at: Utc::now(),
        filters: export.filters.clone(),
    };
    let rows = Rows { source, keep };
    match request.format {
        Format::Csv => Ok(body::attachment(
            "text/csv; charset=utf-8",
            &export,
            "csv",
            csv_body(tx, headers, rows),
        )),
        Format::Xlsx => {
            let file = xlsx::workbook_file(tx, export.name, headers, about, rows).await?;
            Ok(body::attachment(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &export,
                "xlsx",
                body::file_body(file).await?,
            ))
        }
    }
}

/// The source's rows with the columns the reader asked for.
struct Rows<S> {
    source: S,
    keep: Vec<bool>,
}

impl<S: Source> Rows<S> {
    fn stream<'c>(&'c self, conn: &'c mut PgConnection) -> BoxStream<'c, AppResult<Vec<Cell>>> {
        self.source
            .rows(conn)
            .map(|row| {
                row.map(|cells| {
                    cells
                        .into_iter()
                        .zip(&self.keep)
                        .filter(|(_, keep)| **keep)
                        .map(|(cell, _)| cell)
                        .collect()
                })
            })
            .boxed()
    }
}

/// Bytes gathered before a chunk goes to the client.
const CHUNK: usize = 64 * 1024;

fn csv_body<S: Source>(tx: Tx, headers: Vec<String>, rows: Rows<S>) -> axum::body::Body {
    let (sender, body) = body::channel_body();
    tokio::spawn(async move {
        if let Err(error) = write_csv(tx, &headers, &rows, &sender).await {
            tracing::error!(%error, "CSV export failed");
            let _ = sender
                .send(Err(std::io::Error::other("export failed")))
                .await;
        }
    });
    body
}

async fn write_csv<S: Source>(
    mut tx: Tx,
    headers: &[String],
    rows: &Rows<S>,
    sender: &body::Sender,
) -> AppResult<()> {
    let csv_error = |e: csv::Error| AppError::Internal(e.to_string());
    let mut csv = CsvWriter::with_bom();
    csv.row(headers).map_err(csv_error)?;
    let mut stream = rows.stream(&mut tx);
    while let Some(cells) = stream.next().await {
        csv.row(cells?.iter().map(Cell::csv_text))
            .map_err(csv_error)?;
        if csv.pending() >= CHUNK {
            let chunk = csv.take().map_err(csv_error)?;
            if sender.send(Ok(chunk.into())).await.is_err() {
                return Ok(()); // The client went away.
            }
        }
    }
    drop(stream);
    let rest = csv.take().map_err(csv_error)?;
    let _ = sender.send(Ok(rest.into())).await;
    tx.commit().await?;
    Ok(())
}

/// A query's rows mapped to cells: the usual body of [`Source::rows`].
pub fn cells_of<'c, R, F>(
    rows: BoxStream<'c, sqlx::Result<R>>,
    to_cells: F,
) -> BoxStream<'c, AppResult<Vec<Cell>>>
where
    R: Send + 'c,
    F: Fn(R) -> Vec<Cell> + Send + 'c,
{
    rows.map(move |row| row.map(&to_cells).map_err(AppError::from))
        .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_read_back_as_their_values() {
        assert_eq!(Cell::Money(Fen(123_456)).csv_text(), "1234.56");
        assert_eq!(Cell::Percent(0.125).csv_text(), "12.5%");
        assert_eq!(Cell::Decimal(84.7).csv_text(), "84.70");
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).expect("a date");
        assert_eq!(Cell::Date(date).csv_text(), "2026-03-01");
        assert_eq!(Cell::from(String::new()), Cell::Empty);
        assert_eq!(Cell::from(Some(3_i32)), Cell::Integer(3));
    }
}
