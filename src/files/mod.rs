//! Attachments, one service for the whole application: uploads are checked
//! (size, type by content, name), stored under generated keys with their sha256
//! and owner, and every download is read again under the reader's row-level
//! security and sent as an attachment with a safe name. Files on disk without a
//! record (a refused upload, a rolled-back transaction) are swept by the job.

pub mod archive;
pub mod db;
pub mod kind;
mod store;

use std::collections::HashMap;
use std::time::Duration;

use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub use store::{FileStore, is_key};

use crate::db::{Actor, Tx};
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::state::AppState;
use crate::web::FieldErrors;
use db::{NewFile, Owner};
use kind::Refusal;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/files/{id}", get(download))
        .route("/calls/public/files/{id}", get(public_download))
}

/// A multipart form as posted: its one file (name and bytes) and its fields.
#[derive(Debug, Default)]
pub struct Posted {
    pub file: Option<(String, Vec<u8>)>,
    pub fields: HashMap<String, String>,
}

/// Reads a multipart form. A body cut short or malformed is a bad request.
pub async fn read_posted(mut multipart: Multipart) -> AppResult<Posted> {
    let mut posted = Posted::default();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("unreadable upload".into()))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let bytes = field
                .bytes()
                .await
                .map_err(|_| AppError::BadRequest("unreadable upload".into()))?;
            if !file_name.is_empty() || !bytes.is_empty() {
                posted.file = Some((file_name, bytes.to_vec()));
            }
        } else {
            let value = field
                .text()
                .await
                .map_err(|_| AppError::BadRequest("unreadable upload".into()))?;
            posted.fields.insert(name, value);
        }
    }
    Ok(posted)
}

/// Checks and keeps an uploaded file for `owner`, inside the caller's
/// transaction. The bytes are written first; if the record cannot be written
/// they are removed again (and the sweeper catches a rollback after this).
pub async fn save(
    state: &AppState,
    tx: &mut Tx,
    user: &CurrentUser,
    owner: &Owner<'_>,
    (name, bytes): (String, Vec<u8>),
) -> AppResult<Result<Uuid, Refusal>> {
    // Checking an archive unpacks it: off the async workers.
    let max_bytes = state.config.max_file_bytes();
    let (checked, name, bytes) = tokio::task::spawn_blocking(move || {
        let checked = kind::check(&name, &bytes, max_bytes);
        (checked, name, bytes)
    })
    .await
    .map_err(|e| AppError::Internal(format!("checking an upload: {e}")))?;
    let _ = name;
    let accepted = match checked {
        Ok(accepted) => accepted,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let sha256 = sha256_hex(&bytes);
    let key = state
        .files
        .put(&bytes)
        .await
        .map_err(|e| AppError::Internal(format!("storing a file: {e}")))?;
    let record = NewFile {
        file_name: &accepted.file_name,
        content_type: accepted.content_type,
        size_bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        sha256: &sha256,
        storage_key: &key,
        uploaded_by: user.id,
    };
    match db::insert(tx, owner, &record).await {
        Ok(id) => Ok(Ok(id)),
        Err(error) => {
            state.files.remove(&key).await;
            Err(error.into())
        }
    }
}

/// The sha256 of `bytes` in lowercase hex, as `files.sha256` holds it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The file as an attachment: its detected type, and its name both as plain
/// ASCII (for old clients) and in full (RFC 6266 `filename*`).
fn attachment(file_name: &str, content_type: &str, bytes: Vec<u8>) -> Response {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        utf8_percent_encode(file_name, NON_ALPHANUMERIC)
    );
    (
        [
            (CONTENT_TYPE, content_type.to_owned()),
            (CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

async fn download(
    State(state): State<AppState>,
    _user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    // Row-level security is the check: a file is found only by whoever sees
    // its owner (the scope, the organization it came from, the call's readers).
    let file = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    let bytes = state.files.get(&file.storage_key).await.map_err(|error| {
        tracing::error!(%error, file = %file.id, "a recorded file is missing from the store");
        AppError::NotFound
    })?;
    Ok(attachment(&file.file_name, &file.content_type, bytes))
}

async fn public_download(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    let found = db::public_call_document(&mut tx, id).await?;
    tx.commit().await?;
    let document = found.ok_or(AppError::NotFound)?;
    let bytes = state
        .files
        .get(&document.storage_key)
        .await
        .map_err(|_| AppError::NotFound)?;
    Ok(attachment(
        &document.file_name,
        &document.content_type,
        bytes,
    ))
}

/// [`save`] for a form: a refused file becomes the message beside the form's
/// `file` field, and `None`.
pub async fn save_in_form(
    state: &AppState,
    tx: &mut Tx,
    user: &CurrentUser,
    owner: &Owner<'_>,
    file: (String, Vec<u8>),
    errors: &mut FieldErrors,
) -> AppResult<Option<Uuid>> {
    Ok(match save(state, tx, user, owner, file).await? {
        Ok(file_id) => Some(file_id),
        Err(refusal) => {
            errors.add_with("file", refusal.key(), state.config.max_file_mb);
            None
        }
    })
}

/// Saves the file of a form that also names its kind (`label`, one of the
/// values `parse` knows) under `owner` (whose label it fills in). What went
/// wrong — no kind chosen, no file, a file refused — comes back as messages
/// beside those two fields.
pub async fn save_labelled(
    state: &AppState,
    tx: &mut Tx,
    user: &CurrentUser,
    owner: Owner<'_>,
    posted: Posted,
    parse: impl Fn(&str) -> Option<&'static str>,
) -> AppResult<Result<Uuid, FieldErrors>> {
    let mut errors = FieldErrors::default();
    let label = posted.fields.get("label").and_then(|l| parse(l.trim()));
    if label.is_none() {
        errors.add("label", "form.choose");
    }
    let (Some(file), Some(label)) = (posted.file, label) else {
        if errors.is_empty() {
            errors.add("file", "files.none");
        }
        return Ok(Err(errors));
    };
    let saved = save_in_form(
        state,
        tx,
        user,
        &Owner { label, ..owner },
        file,
        &mut errors,
    )
    .await?;
    Ok(saved.ok_or(errors))
}

/// How long a stored file may wait for its record before it counts as an
/// orphan (an upload's transaction never lasts this long).
pub const ORPHAN_AFTER: Duration = Duration::from_secs(3600);

/// Removes stored files older than `older_than` that no record names.
/// Returns how many.
pub async fn sweep_orphans(state: &AppState, older_than: Duration) -> AppResult<usize> {
    // The transaction holds the job's lock while the files go, so that two
    // servers never sweep at once.
    let mut tx = state.db.begin(&Actor::national_system()).await?;
    if !crate::db::take_turn(&mut tx, crate::db::job_lock::FILES).await? {
        return Ok(0);
    }
    let known: std::collections::HashSet<String> =
        db::all_keys(&mut tx).await?.into_iter().collect();
    let stored = state
        .files
        .keys()
        .await
        .map_err(|e| AppError::Internal(format!("listing stored files: {e}")))?;
    let mut removed = 0;
    for (key, age) in stored {
        if age >= older_than && !known.contains(&key) {
            state.files.remove(&key).await;
            removed += 1;
        }
    }
    tx.commit().await?;
    Ok(removed)
}
