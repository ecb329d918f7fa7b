//! The spreadsheet form of a worker need, shared by the export, the import and
//! its template: Chinese headers, closed lists by their Chinese names (codes
//! are accepted too), 是/否 for suitability. An exported file imports back to
//! the same records.

use super::db::NeedRow;
use super::forms::NeedForm;
use super::{Priority, Source};
use crate::i18n::Lang;
use crate::orgs::kinds::Domain;
use crate::sheets::export::{Cell, Header};

/// A column of the sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Title,
    Domain,
    Source,
    WorkersAffected,
    CollectedOn,
    Priority,
    Suitable,
    Reason,
    Description,
    /// The collecting union by name, division code or number; empty is the
    /// importer's own union.
    Union,
    UnionId,
    /// The record's id: an exported row imports back onto its record.
    RecordId,
    // Derived: exported for reading, ignored on import.
    ProjectCode,
    ProjectStatus,
}

/// Every column, in the sheet's order, with its header.
pub const COLUMNS: &[(Column, &str)] = &[
    (Column::Title, "需求标题"),
    (Column::Domain, "服务领域"),
    (Column::Source, "来源"),
    (Column::WorkersAffected, "涉及职工人数"),
    (Column::CollectedOn, "收集日期"),
    (Column::Priority, "优先级"),
    (Column::Suitable, "是否适合购买服务"),
    (Column::Reason, "判断理由"),
    (Column::Description, "需求描述"),
    (Column::Union, "收集工会"),
    (Column::UnionId, "收集工会编号"),
    (Column::RecordId, "记录编号"),
    (Column::ProjectCode, "对应项目"),
    (Column::ProjectStatus, "项目状态"),
];

/// The columns of the import template: what a person fills in.
pub fn template_columns() -> impl Iterator<Item = (Column, &'static str)> {
    COLUMNS.iter().copied().filter(|(column, _)| {
        !matches!(
            column,
            Column::UnionId | Column::RecordId | Column::ProjectCode | Column::ProjectStatus
        )
    })
}

pub fn header_of(column: Column) -> &'static str {
    COLUMNS
        .iter()
        .find(|(c, _)| *c == column)
        .map_or("", |(_, header)| header)
}

/// The column a header names. A trailing `*` and a note in brackets are
/// ignored, so that the older template's `收集工会（行政区划代码或编号，空则为本单位）`
/// still reads as `收集工会`.
pub fn column_of(header: &str) -> Option<Column> {
    let header = header.split(['（', '(']).next().unwrap_or_default();
    let header = header.trim().trim_end_matches('*').trim();
    COLUMNS.iter().find(|(_, h)| *h == header).map(|(c, _)| *c)
}

fn zh(key: &str) -> &str {
    Lang::Zh.t(key)
}

/// The export's headers: [`COLUMNS`], the ids marked internal.
pub fn export_headers() -> Vec<Header> {
    COLUMNS
        .iter()
        .map(|(column, title)| match column {
            Column::RecordId | Column::UnionId => Header::id(title),
            _ => Header::new(title),
        })
        .collect()
}

/// A need as one row of typed cells, in [`COLUMNS`] order.
pub fn export_cells(need: &NeedRow) -> Vec<Cell> {
    COLUMNS
        .iter()
        .map(|(column, _)| match column {
            Column::Title => need.title.as_str().into(),
            Column::Domain => zh(need.domain.label_key()).into(),
            Column::Source => zh(need.source.label_key()).into(),
            Column::WorkersAffected => need.workers_affected.into(),
            Column::CollectedOn => need.collected_on.into(),
            Column::Priority => zh(need.priority.label_key()).into(),
            Column::Suitable => if need.suitable_for_purchase {
                "是"
            } else {
                "否"
            }
            .into(),
            Column::Reason => need.suitability_reason.clone().into(),
            Column::Description => need.description.clone().into(),
            Column::Union => need.union_name.as_str().into(),
            Column::UnionId => need.union_id.into(),
            Column::RecordId => need.id.to_string().into(),
            Column::ProjectCode => need.project_code.clone().into(),
            Column::ProjectStatus => need
                .project_status
                .as_ref()
                .map(|status| zh(&format!("projects.status.{status}")).to_owned())
                .into(),
        })
        .collect()
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

/// One row of a sheet: the form it fills (without its union), the union and
/// the record it names, as written.
#[derive(Debug)]
pub struct ImportedRow {
    pub form: NeedForm,
    pub union: String,
    pub union_id: String,
    pub record_id: String,
}

/// Reads one row's cells (by column).
pub fn import_row(cells: &[(Column, String)]) -> ImportedRow {
    let get = |column: Column| {
        cells
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let form = NeedForm {
        union_id: String::new(),
        title: get(Column::Title),
        domain: code_of(
            Domain::ALL,
            &get(Column::Domain),
            Domain::as_str,
            Domain::label_key,
        ),
        description: get(Column::Description),
        source: code_of(
            Source::ALL,
            &get(Column::Source),
            Source::as_str,
            Source::label_key,
        ),
        workers_affected: get(Column::WorkersAffected),
        collected_on: get(Column::CollectedOn),
        priority: code_of(
            Priority::ALL,
            &get(Column::Priority),
            Priority::as_str,
            Priority::label_key,
        ),
        suitable_for_purchase: yes_no(&get(Column::Suitable)),
        suitability_reason: get(Column::Reason),
        version: 0,
    };
    ImportedRow {
        form,
        union: get(Column::Union),
        union_id: get(Column::UnionId),
        record_id: get(Column::RecordId),
    }
}

/// The header of the column a form field is read from, for the error list.
pub fn header_of_field(field: &str) -> &'static str {
    let column = match field {
        "title" => Column::Title,
        "domain" => Column::Domain,
        "source" => Column::Source,
        "workers_affected" => Column::WorkersAffected,
        "collected_on" => Column::CollectedOn,
        "priority" => Column::Priority,
        "suitable_for_purchase" => Column::Suitable,
        "suitability_reason" => Column::Reason,
        "description" => Column::Description,
        "union_id" => Column::Union,
        _ => return "",
    };
    header_of(column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_with_notes_and_marks() {
        assert_eq!(column_of(" 需求标题* "), Some(Column::Title));
        assert_eq!(
            column_of("收集工会（行政区划代码或编号，空则为本单位）"),
            Some(Column::Union)
        );
        assert_eq!(column_of("收集工会编号"), Some(Column::UnionId));
        assert_eq!(column_of("别的列"), None);
    }

    #[test]
    fn chinese_names_and_codes_both_import() {
        let row = import_row(&[
            (Column::Title, "外卖骑手夏季防暑需求".into()),
            (Column::Domain, "outdoor_workers".into()),
            (Column::Source, zh(Source::Visit.label_key()).into()),
            (Column::Priority, zh(Priority::High.label_key()).into()),
            (Column::Suitable, "否".into()),
            (Column::Union, " 广州市总工会 ".into()),
        ]);
        assert_eq!(row.form.domain, "outdoor_workers");
        assert_eq!(row.form.source, "visit");
        assert_eq!(row.form.priority, "high");
        assert_eq!(row.form.suitable_for_purchase, "no");
        assert_eq!(row.union, "广州市总工会");
        assert_eq!(header_of_field("suitability_reason"), "判断理由");
    }
}
