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
    let mut errors = FieldErrors::default();
    let read = match posted.file {
        Some((_, bytes)) => Some(read_rows(bytes).await),
        None => None,
    };
    let rows = match read {
        None => {
            errors.add("file", "files.none");
            Vec::new()
        }
        Some(Err(error)) => {
            errors.add("file", error.message_key());
            Vec::new()
        }
        Some(Ok(rows)) => rows,
    };
    let refuse = |ctx, errors, row_errors: Vec<RowError>, rows| {
        let more_errors = row_errors.len().saturating_sub(SHOWN);
        render_invalid(&ImportPage {
            ctx,
            errors,
            row_errors: row_errors.into_iter().take(SHOWN).collect(),
            more_errors,
            rows,
        })
    };
    if !errors.is_empty() {
        return refuse(ctx, errors, Vec::new(), 0);
    }
    let mut lines = rows.into_iter();
    let header = lines.next().unwrap_or_default();
    let mut columns: Vec<Option<(&'static str, &'static str)>> = Vec::new();
    for cell in &header {
        columns.push(COLUMNS.iter().find(|(_, h)| *h == cell.trim()).copied());
    }
    if !columns.iter().any(|c| c.is_some_and(|(f, _)| f == "title")) {
        errors.add("file", "needs.import_not_template");
        return refuse(ctx, errors, Vec::new(), 0);
    }
    let body: Vec<Vec<String>> = lines
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    if body.len() > MAX_ROWS {
        errors.add_with("file", "needs.import_too_many", MAX_ROWS);
        return refuse(ctx, errors, Vec::new(), body.len());
    }
    let mut valid: Vec<NeedInput> = Vec::new();
    let mut row_errors: Vec<RowError> = Vec::new();
    for (i, row) in body.iter().enumerate() {
        let line = i + 2;
        let cells: Vec<(&'static str, String)> = columns
            .iter()
            .zip(row.iter())
            .filter_map(|(c, v)| c.map(|(field, _)| (field, v.clone())))
            .collect();
        let union_cell = cells
            .iter()
            .find(|(f, _)| *f == "union")
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default();
        let union = if union_cell.is_empty() {
            Some((user.union.id, user.union.path.clone()))
        } else {
            unions::db::find_by_id_or_code(&mut tx, &union_cell)
                .await?
                .map(|u| (u.id, u.path))
        };
        let union_id = union
            .filter(|(_, path)| policy::permits(&user, &Action::EditNeed { union_path: path }))
            .map(|(id, _)| id);
        if union_id.is_none() {
            row_errors.push(RowError {
                line,
                column: COLUMNS[9].1,
                message: ctx.t1("needs.import_union_unknown", &union_cell),
            });
        }
        // The other cells are checked too, so that one pass lists everything.
        match form_of(&cells, union_id.unwrap_or(user.union.id)).parse() {
            Ok(input) if union_id.is_some() => valid.push(input),
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
    }
    if body.is_empty() {
        errors.add("file", "import.error.empty");
    } else if !row_errors.is_empty() && !valid_only {
        errors.add_with("file", "needs.import_has_errors", row_errors.len());
    }
    if !errors.is_empty() {
        return refuse(ctx, errors, row_errors, body.len());
    }
    for input in &valid {
        super::db::insert(&mut tx, input, user.id).await?;
    }
    let entry = Entry::new("need.imported", "union", user.union.id)
        .at(user.union.id, &user.union.path)
        .detail("rows", valid.len())
        .detail("skipped", row_errors.len());
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        "/needs",
        Flash::with_arg("needs.imported", valid.len()),
    ))
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
