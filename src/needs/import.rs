//! Importing worker needs from a spreadsheet (`.xlsx`, or CSV in UTF-8 or
//! GBK) with the template's Chinese headers. Every row is checked as the form
//! checks it; the errors are listed by row and column, and nothing is written
//! while any row is invalid, unless the user chose to import the valid rows.
//! Closed lists take their Chinese names (or codes); the union column takes a
//! division code or a union id in the user's scope, and defaults to their own.

use askama::Template;
use axum::extract::Multipart;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use super::forms::{NeedForm, NeedInput};
use super::{Priority, Source};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::orgs::kinds::Domain;
use crate::policy::{self, Action};
use crate::sheets::read::read_rows;
use crate::unions;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

/// Rows one file may hold.
const MAX_ROWS: usize = 5_000;
/// Errors listed on the page.
const SHOWN: usize = 300;

/// The template's columns: (form field, header).
const COLUMNS: &[(&str, &str)] = &[
    ("title", "需求标题"),
    ("domain", "服务领域"),
    ("source", "来源"),
    ("workers_affected", "涉及职工人数"),
    ("collected_on", "收集日期"),
    ("priority", "优先级"),
    ("suitable_for_purchase", "是否适合购买服务"),
    ("suitability_reason", "判断理由"),
    ("description", "需求描述"),
    ("union", "收集工会（行政区划代码或编号，空则为本单位）"),
];

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
        COLUMNS.iter().map(|(_, header)| *header).collect()
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

/// A closed list's code from its Chinese (or English) name or the code itself.
fn code_of<T: Copy>(
    all: &[T],
    value: &str,
    as_str: fn(T) -> &'static str,
    key: fn(T) -> &'static str,
) -> String {
    let value = value.trim();
    all.iter()
        .find(|v| {
            as_str(**v) == value || Lang::Zh.t(key(**v)) == value || Lang::En.t(key(**v)) == value
        })
        .map_or_else(|| value.to_owned(), |v| as_str(*v).to_owned())
}

fn yes_no(value: &str) -> String {
    match value.trim() {
        "是" | "yes" | "Yes" | "Y" | "y" | "1" => "yes".into(),
        "否" | "no" | "No" | "N" | "n" | "0" => "no".into(),
        other => other.to_owned(),
    }
}

/// The form a row fills, with the union already resolved to an id.
fn form_of(cells: &[(&'static str, String)], union_id: i64) -> NeedForm {
    let get = |field: &str| {
        cells
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    NeedForm {
        union_id: union_id.to_string(),
        title: get("title"),
        domain: code_of(
            Domain::ALL,
            &get("domain"),
            Domain::as_str,
            Domain::label_key,
        ),
        description: get("description"),
        source: code_of(
            Source::ALL,
            &get("source"),
            Source::as_str,
            Source::label_key,
        ),
        workers_affected: get("workers_affected"),
        collected_on: get("collected_on"),
        priority: code_of(
            Priority::ALL,
            &get("priority"),
            Priority::as_str,
            Priority::label_key,
        ),
        suitable_for_purchase: yes_no(&get("suitable_for_purchase")),
        suitability_reason: get("suitability_reason"),
        version: 0,
    }
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
    let (valid, row_errors) = check_rows(&mut tx, &ctx, &user, &sheet).await?;
    let errors = refusal(sheet.body.len(), row_errors.len(), valid_only);
    if !errors.is_empty() {
        return refuse(ctx, errors, row_errors, sheet.body.len());
    }
    for input in &valid {
        super::db::insert(&mut tx, input, user.id).await?;
    }
    audit_import(&mut tx, &user, valid.len(), row_errors.len()).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        "/needs",
        Flash::with_arg("needs.imported", valid.len()),
    ))
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

/// A file read as the template's sheet.
struct Sheet {
    /// The (field, header) of each column, where the template has it.
    columns: Vec<Option<(&'static str, &'static str)>>,
    /// The rows after the header that are not empty.
    body: Vec<Vec<String>>,
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
    let columns: Vec<Option<(&'static str, &'static str)>> = header
        .iter()
        .map(|cell| COLUMNS.iter().find(|(_, h)| *h == cell.trim()).copied())
        .collect();
    if !columns.iter().any(|c| c.is_some_and(|(f, _)| f == "title")) {
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

/// Every row checked as the form checks it: the valid needs, and the
/// problems of the others.
async fn check_rows(
    tx: &mut Tx,
    ctx: &Ctx,
    user: &CurrentUser,
    sheet: &Sheet,
) -> AppResult<(Vec<NeedInput>, Vec<RowError>)> {
    let mut valid: Vec<NeedInput> = Vec::new();
    let mut row_errors: Vec<RowError> = Vec::new();
    for (i, row) in sheet.body.iter().enumerate() {
        let cells: Vec<(&'static str, String)> = sheet
            .columns
            .iter()
            .zip(row.iter())
            .filter_map(|(c, v)| c.map(|(field, _)| (field, v.clone())))
            .collect();
        match check_row(tx, ctx, user, i + 2, &cells).await? {
            Ok(input) => valid.push(input),
            Err(problems) => row_errors.extend(problems),
        }
    }
    Ok((valid, row_errors))
}

/// One row (`line` as the sheet numbers it): its need, or its problems.
async fn check_row(
    tx: &mut Tx,
    ctx: &Ctx,
    user: &CurrentUser,
    line: usize,
    cells: &[(&'static str, String)],
) -> AppResult<Result<NeedInput, Vec<RowError>>> {
    let mut row_errors = Vec::new();
    let union_cell = cells
        .iter()
        .find(|(f, _)| *f == "union")
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default();
    let union = if union_cell.is_empty() {
        Some((user.union.id, user.union.path.clone()))
    } else {
        unions::db::find_by_id_or_code(tx, &union_cell)
            .await?
            .map(|u| (u.id, u.path))
    };
    let union_id = union
        .filter(|(_, path)| policy::permits(user, &Action::EditNeed { union_path: path }))
        .map(|(id, _)| id);
    if union_id.is_none() {
        row_errors.push(RowError {
            line,
            column: COLUMNS[9].1,
            message: ctx.t1("needs.import_union_unknown", &union_cell),
        });
    }
    // The other cells are checked too, so that one pass lists everything.
    match form_of(cells, union_id.unwrap_or(user.union.id)).parse() {
        Ok(input) if union_id.is_some() => return Ok(Ok(input)),
        Ok(_) => {}
        Err(problems) => {
            for (field, message) in problems.iter() {
                let column = COLUMNS
                    .iter()
                    .find(|(f, _)| f == field)
                    .map_or("", |(_, h)| *h);
                row_errors.push(RowError {
                    line,
                    column,
                    message: ctx.msg(message),
                });
            }
        }
    }
    Ok(Err(row_errors))
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

/// The import's audit entry, on the importer's union.
async fn audit_import(
    tx: &mut Tx,
    user: &CurrentUser,
    written: usize,
    skipped: usize,
) -> AppResult<()> {
    let entry = Entry::new("need.imported", "union", user.union.id)
        .at(user.union.id, &user.union.path)
        .detail("rows", written)
        .detail("skipped", skipped);
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
    for (col, (_, header)) in COLUMNS.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, *header, &bold)?;
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
