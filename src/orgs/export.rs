//! Exporting the list's current filter as CSV (UTF-8 with a BOM, so that
//! Excel reads the Chinese) or `.xlsx`, with Chinese headers. Rows are read
//! from a cursor and written as they come: a million records never sit in
//! memory. Row-level security keeps every row inside the user's scope.

use axum::body::{Body, Bytes};
use axum::extract::Query;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use tokio::io::AsyncReadExt;
use tokio::sync::mpsc;

use super::list::OrgsQuery;
use super::search;
use super::sheet::{COLUMNS, export_cells};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::sheets::csv::CsvWriter;

/// Bytes gathered before a chunk goes to the client.
const CHUNK: usize = 64 * 1024;

/// A body fed by a channel: the export task writes, the client reads, and the
/// channel's small buffer keeps the two in step.
fn channel_body() -> (mpsc::Sender<Result<Bytes, std::io::Error>>, Body) {
    let (sender, receiver) = mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    (sender, Body::from_stream(stream))
}

fn attachment(content_type: &'static str, extension: &str, body: Body) -> Response {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M");
    let disposition = format!(
        "attachment; filename=\"orgs-{stamp}.{extension}\"; filename*=UTF-8''{}-{stamp}.{extension}",
        "%E7%A4%BE%E4%BC%9A%E7%BB%84%E7%BB%87"
    );
    (
        [
            (CONTENT_TYPE, content_type.to_owned()),
            (CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

pub async fn export_csv(
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<OrgsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListOrgs)?;
    let search = query.search(&mut tx, &user).await?;
    let (sender, body) = channel_body();
    tokio::spawn(async move {
        if let Err(error) = write_csv(tx, &search, &sender).await {
            tracing::error!(%error, "CSV export failed");
            let _ = sender
                .send(Err(std::io::Error::other("export failed")))
                .await;
        }
    });
    Ok(attachment("text/csv; charset=utf-8", "csv", body))
}

async fn write_csv(
    mut tx: Tx,
    search: &search::Search,
    sender: &mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> Result<(), AppError> {
    let csv_error = |e: csv::Error| AppError::Internal(e.to_string());
    let mut csv = CsvWriter::with_bom();
    csv.row(COLUMNS.iter().map(|(_, header)| *header))
        .map_err(csv_error)?;
    let mut rows = search::export_rows(&mut tx, search);
    while let Some(row) = rows.next().await {
        csv.row(export_cells(&row?)).map_err(csv_error)?;
        if csv.pending() >= CHUNK {
            let chunk = csv.take().map_err(csv_error)?;
            if sender.send(Ok(Bytes::from(chunk))).await.is_err() {
                return Ok(()); // The client went away.
            }
        }
    }
    drop(rows);
    let rest = csv.take().map_err(csv_error)?;
    let _ = sender.send(Ok(Bytes::from(rest))).await;
    tx.commit().await?;
    Ok(())
}

pub async fn export_xlsx(
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<OrgsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListOrgs)?;
    let search = query.search(&mut tx, &user).await?;
    let file = workbook_file(tx, &search).await?;
    let opened = tokio::fs::File::open(file.path()).await.map_err(internal)?;
    // Unlinked now; the open handle keeps the content until the stream ends.
    drop(file);
    Ok(attachment(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        file_body(opened),
    ))
}

fn internal(error: impl ToString) -> AppError {
    AppError::Internal(error.to_string())
}

/// The search's records in a workbook, written row by row to a temporary
/// file (constant memory).
async fn workbook_file(mut tx: Tx, search: &search::Search) -> AppResult<tempfile::NamedTempFile> {
    let file = tempfile::NamedTempFile::new().map_err(internal)?;
    let (rows_in, rows_out) = std::sync::mpsc::sync_channel::<Vec<String>>(1024);
    let path = file.path().to_owned();
    let writer = tokio::task::spawn_blocking(move || write_workbook(&path, &rows_out));
    let mut rows = search::export_rows(&mut tx, search);
    while let Some(row) = rows.next().await {
        if rows_in.send(export_cells(&row?)).is_err() {
            break;
        }
    }
    drop(rows);
    drop(rows_in);
    tx.commit().await?;
    writer.await.map_err(internal)?.map_err(internal)?;
    Ok(file)
}

/// A body that streams an open file.
fn file_body(mut opened: tokio::fs::File) -> Body {
    let (sender, body) = channel_body();
    tokio::spawn(async move {
        let mut buffer = vec![0u8; CHUNK];
        loop {
            match opened.read(&mut buffer).await {
                Ok(0) => break,
                Ok(n) => {
                    if sender
                        .send(Ok(Bytes::copy_from_slice(&buffer[..n])))
                        .await
                        .is_err()
                    {
                        break;
                    }
                }
                Err(error) => {
                    let _ = sender.send(Err(error)).await;
                    break;
                }
            }
        }
    });
    body
}

fn write_workbook(
    path: &std::path::Path,
    rows: &std::sync::mpsc::Receiver<Vec<String>>,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name("社会组织")?;
    for (col, (_, header)) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &bold)?;
    }
    let mut row = 1u32;
    while let Ok(cells) = rows.recv() {
        for (col, cell) in cells.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(row, col as u16, cell)?;
            }
        }
        row += 1;
    }
    workbook.save(path)?;
    Ok(())
}
