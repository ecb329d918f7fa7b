//! Downloads that stream: a body fed through a channel, and the headers that
//! name the file in Chinese (with an ASCII fallback for old clients).

use axum::body::{Body, Bytes};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use tokio::io::AsyncReadExt;
use tokio::sync::mpsc;

use super::{CHUNK, Export};
use crate::error::{AppError, AppResult};
use crate::web::format::china_time;

pub type Sender = mpsc::Sender<Result<Bytes, std::io::Error>>;

/// A body fed by a channel: the writing task sends, the client reads, and the
/// channel's small buffer keeps the two in step.
pub fn channel_body() -> (Sender, Body) {
    let (sender, receiver) = mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    (sender, Body::from_stream(stream))
}

/// A body that streams a temporary file; the file is unlinked already and the
/// open handle keeps its content until the stream ends.
pub async fn file_body(file: tempfile::NamedTempFile) -> AppResult<Body> {
    let mut opened = tokio::fs::File::open(file.path())
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    drop(file);
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
    Ok(body)
}

/// `社会组织-20261204-2015.xlsx`, with `orgs-20261204-2015.xlsx` for clients
/// that do not read the encoded name.
pub fn attachment(
    content_type: &'static str,
    export: &Export,
    extension: &str,
    body: Body,
) -> Response {
    let stamp = chrono::Utc::now()
        .with_timezone(&china_time())
        .format("%Y%m%d-%H%M");
    let encoded =
        percent_encoding::utf8_percent_encode(export.name, percent_encoding::NON_ALPHANUMERIC);
    let disposition = format!(
        "attachment; filename=\"{}-{stamp}.{extension}\"; filename*=UTF-8''{encoded}-{stamp}.{extension}",
        export.ascii_name
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
