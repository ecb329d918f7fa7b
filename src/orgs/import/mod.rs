//! Importing organizations from a spreadsheet (`.xlsx`, or CSV in UTF-8 or
//! GBK) made from the downloadable template. The upload is validated in the
//! background, row by row, while the page shows its progress; then the user
//! sees every error by row and column (and can download them), and a preview
//! of what existing records would change. Nothing is written while any row is
//! invalid, unless the user chooses to import the valid rows only; the write is
//! one transaction.

mod db;
mod job;
mod plan;
mod template;
mod write;

pub use db::fail_stalled_imports;

use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use self::db::ImportRow;
use self::plan::{Change, RowError};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::web::input::UPLOAD_BODY_BYTES;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

/// The largest file accepted.
pub const MAX_FILE_BYTES: usize = 25 * 1024 * 1024;
/// Errors and changes shown on the page (the error file has them all).
const SHOWN: usize = 200;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/orgs/import",
            get(import_page)
                .post(upload)
                .layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
        .route("/orgs/import/template.xlsx", get(template::download))
        .route("/orgs/import/{id}", get(status_page))
        .route("/orgs/import/{id}/errors.csv", get(errors_file))
        .route("/orgs/import/{id}/commit", post(commit))
}

#[derive(Template)]
#[template(path = "orgs/import.html")]
struct ImportPage {
    ctx: Ctx,
    recent: Vec<(Uuid, String, String, DateTime<Utc>)>,
    errors: FieldErrors,
    max_mb: usize,
}

async fn import_page_with(
    ctx: Ctx,
    user: &CurrentUser,
    tx: &mut Tx,
    errors: FieldErrors,
) -> AppResult<ImportPage> {
    let recent = db::recent(tx, user.id).await?;
    Ok(ImportPage {
        ctx,
        recent,
        errors,
        max_mb: MAX_FILE_BYTES / 1024 / 1024,
    })
}

async fn import_page(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    policy::require(&user, &Action::ImportOrgs)?;
    render(&import_page_with(ctx, &user, &mut tx, FieldErrors::default()).await?)
}

/// The posted file: its name (cut to 200 characters) and bytes.
async fn read_upload(mut multipart: Multipart) -> AppResult<Option<(String, Vec<u8>)>> {
    let mut file = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("unreadable upload".into()))?
    {
        if field.name() == Some("file") {
            let name = field
                .file_name()
                .unwrap_or("upload")
                .chars()
                .take(200)
                .collect();
            let bytes = field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?;
            file = Some((name, bytes.to_vec()));
        }
    }
    Ok(file)
}

/// What is wrong with the posted file, beside the file field.
fn check_upload(file: Option<&(String, Vec<u8>)>) -> FieldErrors {
    let mut errors = FieldErrors::default();
    match file {
        None => errors.add("file", "import.error.no_file"),
        Some((_, bytes)) if bytes.is_empty() => errors.add("file", "import.error.empty"),
        Some((_, bytes)) if bytes.len() > MAX_FILE_BYTES => {
            errors.add_with(
                "file",
                "import.error.too_large",
                MAX_FILE_BYTES / 1024 / 1024,
            );
        }
        Some(_) => {}
    }
    errors
}

async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    multipart: Multipart,
) -> AppResult<Response> {
    policy::require(&user, &Action::ImportOrgs)?;
    let file = read_upload(multipart).await?;
    let errors = check_upload(file.as_ref());
    let Some((name, bytes)) = file.filter(|_| errors.is_empty()) else {
        return render_invalid(&import_page_with(ctx, &user, &mut tx, errors).await?);
    };
    let id = db::insert(&mut tx, user.union.id, user.id, &name, &bytes).await?;
    tx.commit().await?;
    job::validate_in_background(state, user, id);
    Ok(flash::see_other(&format!("/orgs/import/{id}")))
}

#[derive(Template)]
#[template(path = "orgs/import_status.html")]
struct StatusPage {
    ctx: Ctx,
    import: ImportRow,
    errors: Vec<RowError>,
    changes: Vec<Change>,
    more_errors: usize,
    more_changes: usize,
}

impl StatusPage {
    fn percent(&self, done: &i32) -> i32 {
        match self
            .import
            .rows_total
            .or((self.import.rows_read > 0).then_some(self.import.rows_read))
        {
            Some(total) if total > 0 => (i64::from(*done) * 100 / i64::from(total)) as i32,
            _ => 0,
        }
    }

    fn valid_rows(&self) -> i32 {
        self.import.rows_total.unwrap_or(0) - self.import.rows_invalid.unwrap_or(0)
    }
}

async fn status_page(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ImportOrgs)?;
    let import = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    let errors: Vec<RowError> = import.errors.0.iter().take(SHOWN).cloned().collect();
    let changes: Vec<Change> = import.changes.0.iter().take(SHOWN).cloned().collect();
    render(&StatusPage {
        more_errors: import.errors.0.len().saturating_sub(SHOWN),
        more_changes: import.changes.0.len().saturating_sub(SHOWN),
        errors,
        changes,
        ctx,
        import,
    })
}

async fn errors_file(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ImportOrgs)?;
    let import = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let mut rows = vec![vec![
        ctx.t("import.line").to_owned(),
        ctx.t("import.column").to_owned(),
        ctx.t("import.problem").to_owned(),
    ]];
    for error in &import.errors.0 {
        let message = match &error.arg {
            Some(arg) => ctx.t1(&error.key, arg),
            None => ctx.t(&error.key).to_owned(),
        };
        rows.push(vec![error.line.to_string(), error.column.clone(), message]);
    }
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"import-errors-{id}.csv\""),
            ),
        ],
        crate::sheets::csv::csv_bytes(&rows),
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
struct CommitForm {
    #[serde(default)]
    mode: String,
}

async fn commit(
    State(state): State<AppState>,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<CommitForm>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ImportOrgs)?;
    let import = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let valid_only = match form.mode.as_str() {
        "all" => false,
        "valid_only" => true,
        _ => return Err(AppError::BadRequest("unknown import mode".into())),
    };
    if import.status != "validated" {
        return Ok(flash::redirect(
            &format!("/orgs/import/{id}"),
            Flash::new("import.not_ready"),
        ));
    }
    if !valid_only && import.rows_invalid.unwrap_or(0) > 0 {
        return Ok(flash::redirect(
            &format!("/orgs/import/{id}"),
            Flash::new("import.fix_first"),
        ));
    }
    // Taken once: a second click finds the import already writing.
    let mode = if valid_only { "valid_only" } else { "all" };
    let taken = db::take_for_writing(&mut tx, id, mode).await?;
    tx.commit().await?;
    if taken {
        job::write_in_background(state, user, id, valid_only);
    }
    Ok(flash::see_other(&format!("/orgs/import/{id}")))
}
