//! Importing worker needs from a spreadsheet (`.xlsx`, or CSV in UTF-8 or
//! GBK) with the template's Chinese headers (`sheet.rs`). Every row is
//! checked as the form checks it; the errors are listed by row and column, and
//! nothing is written while any row is invalid, unless the user chose to
//! import the valid rows. Closed lists take their Chinese names (or codes);
//! the union column takes a name, division code or union number in the user's
//! scope, and defaults to their own. A row that names a record (the export's
//! record id, else the same union, title and collection date) updates it, so
//! that an exported file imports back onto its records.

mod plan;

use askama::Template;
use axum::extract::Multipart;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use self::plan::{Plan, Sheet};
use super::forms::NeedForm;
use super::sheet::{column_of, template_columns};
use super::{Priority, Source};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::orgs::kinds::Domain;
use crate::policy::{self, Action};
use crate::sheets::read::read_rows;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

/// Rows one file may hold.
const MAX_ROWS: usize = 5_000;
/// Errors listed on the page.
const SHOWN: usize = 300;

/// One problem of the file: row (as the sheet numbers it), column, message.
#[derive(Clone, Debug)]
pub struct RowError {
    pub line: usize,
    pub column: &'static str,
    pub message: String,
}

#[derive(Template)]
#[template(path = "needs/import.html")]
struct ImportPage {
    ctx: Ctx,
    errors: FieldErrors,
    row_errors: Vec<RowError>,
    more_errors: usize,
    rows: usize,
}

impl ImportPage {
    fn columns(&self) -> Vec<&'static str> {
        template_columns().map(|(_, header)| header).collect()
    }
}

pub async fn import_page(ctx: Ctx, user: CurrentUser) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::EditNeed {
            union_path: &user.union.path,
        },
    )?;
    render(&ImportPage {
        ctx,
        errors: FieldErrors::default(),
        row_errors: Vec::new(),
        more_errors: 0,
        rows: 0,
    })
}

pub async fn upload(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    multipart: Multipart,
) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::EditNeed {
            union_path: &user.union.path,
        },
    )?;
    let posted = crate::files::read_posted(multipart).await?;
    let valid_only = posted.fields.get("valid_only").is_some_and(|v| v == "on");
    let sheet = match read_sheet(posted.file).await {
        Ok(sheet) => sheet,
        Err((errors, rows)) => return refuse(ctx, errors, Vec::new(), rows),
    };
    let plan = plan::plan(&mut tx, &ctx, &user, &sheet).await?;
    let errors = refusal(sheet.body.len(), plan.errors.len(), valid_only);
    if !errors.is_empty() {
        return refuse(ctx, errors, plan.errors, sheet.body.len());
    }
    if !write(&mut tx, &user, &plan).await? {
        let mut errors = FieldErrors::default();
        errors.add("file", "needs.import_conflict");
        return refuse(ctx, errors, Vec::new(), sheet.body.len());
    }
    audit_import(&mut tx, &user, &plan).await?;
    tx.commit().await?;
    let written = plan.creates.len() + plan.updates.len();
    let message = if plan.updates.is_empty() {
        "needs.imported"
    } else {
        "needs.imported_updated"
    };
    Ok(flash::redirect("/needs", Flash::with_arg(message, written)))
}

/// Adds the new needs and saves the changed ones, each update with its audit
/// entry; `false` when a record changed meanwhile (nothing is kept then).
async fn write(tx: &mut Tx, user: &CurrentUser, plan: &Plan) -> AppResult<bool> {
    for input in &plan.creates {
        super::db::insert(tx, input, user.id).await?;
    }
    for (need, input) in &plan.updates {
        let before = NeedForm::of(need).parse().ok();
        if before.as_ref() == Some(input) {
            continue;
        }
        if !super::db::update(tx, need.id, need.version, input).await? {
            return Ok(false);
        }
        let entry = Entry::new("need.updated", "need", need.id)
            .at(need.union_id, &need.union_path)
            .diff(&before, input);
        audit::record(tx, user, entry).await?;
    }
    Ok(true)
}

/// The page again, with the problems that stopped the import (`rows` rows read).
fn refuse(
    ctx: Ctx,
    errors: FieldErrors,
    row_errors: Vec<RowError>,
    rows: usize,
) -> AppResult<Response> {
    let more_errors = row_errors.len().saturating_sub(SHOWN);
    render_invalid(&ImportPage {
        ctx,
        errors,
        row_errors: row_errors.into_iter().take(SHOWN).collect(),
        more_errors,
        rows,
    })
}

/// The posted file as the template's sheet, or why not (beside the file
/// field) and how many rows it had.
async fn read_sheet(file: Option<(String, Vec<u8>)>) -> Result<Sheet, (FieldErrors, usize)> {
    let mut errors = FieldErrors::default();
    let rows = match file {
        None => {
            errors.add("file", "files.none");
            return Err((errors, 0));
        }
        Some((_, bytes)) => match read_rows(bytes).await {
            Ok(rows) => rows,
            Err(error) => {
                errors.add("file", error.message_key());
                return Err((errors, 0));
            }
        },
    };
    let mut lines = rows.into_iter();
    let header = lines.next().unwrap_or_default();
    let columns: Vec<_> = header.iter().map(|cell| column_of(cell)).collect();
    if !columns.contains(&Some(super::sheet::Column::Title)) {
        errors.add("file", "needs.import_not_template");
        return Err((errors, 0));
    }
    let body: Vec<Vec<String>> = lines
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    if body.len() > MAX_ROWS {
        errors.add_with("file", "needs.import_too_many", MAX_ROWS);
        return Err((errors, body.len()));
    }
    Ok(Sheet { columns, body })
}

/// Why the whole file is refused, if it is: no rows, or rows with problems
/// when the user did not choose to import the valid ones only.
fn refusal(rows: usize, invalid: usize, valid_only: bool) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if rows == 0 {
        errors.add("file", "import.error.empty");
    } else if invalid > 0 && !valid_only {
        errors.add_with("file", "needs.import_has_errors", invalid);
    }
    errors
}

/// The import's audit entry, on the importer's union (each update has its
/// own entry too).
async fn audit_import(tx: &mut Tx, user: &CurrentUser, plan: &Plan) -> AppResult<()> {
    let entry = Entry::new("need.imported", "union", user.union.id)
        .at(user.union.id, &user.union.path)
        .detail("rows", plan.creates.len())
        .detail("updated", plan.updates.len())
        .detail("skipped", plan.errors.len());
    audit::record(tx, user, entry).await?;
    Ok(())
}

pub async fn template(user: CurrentUser) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::EditNeed {
            union_path: &user.union.path,
        },
    )?;
    let bytes = template_workbook().map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (
                CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"niudai-needs-template.xlsx\"",
            ),
        ],
        bytes,
    )
        .into_response())
}

fn template_workbook() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name("职工需求")?;
    for (col, (_, header)) in template_columns().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, header, &bold)?;
        sheet.set_column_width(col, 18)?;
    }
    let example = [
        "外卖骑手夏季防暑需求",
        Lang::Zh.t(Domain::SafetyHealth.label_key()),
        Lang::Zh.t(Source::Visit.label_key()),
        "300",
        "2026-06-01",
        Lang::Zh.t(Priority::High.label_key()),
        "是",
        "",
        "高温天气户外作业时间长，缺少休息点。",
        "",
    ];
    for (col, value) in example.iter().enumerate() {
        sheet.write_string(1, u16::try_from(col).unwrap_or(u16::MAX), *value)?;
    }
    workbook.save_to_buffer()
}
