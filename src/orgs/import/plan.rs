//! Validating an import: every row is parsed as the organization form would
//! parse it, its home union resolved inside the importer's scope, and its credit
//! code looked up — a code already in the scope makes the row an update (with
//! the changes listed for a preview), a code held by another union an error.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::super::db::OrgRow;
use super::super::edit::form_of;
use super::super::forms::OrgInput;
use super::super::sheet::{Column, column_of, header_of, header_of_field, import_row};
use super::db;
use crate::db::Tx;

/// A problem of one cell (or one row), for the report and the error file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// The row as the spreadsheet numbers it (the header is row 1).
    pub line: usize,
    /// The column's header, or empty for the whole row.
    pub column: String,
    /// A catalog key, and its argument.
    pub key: String,
    pub arg: Option<String>,
}

/// One field an update changes, for the preview.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FieldChange {
    pub column: String,
    pub before: String,
    pub after: String,
}

/// An update and what it changes.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Change {
    pub line: usize,
    pub name: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug)]
pub struct Update {
    pub line: usize,
    pub id: Uuid,
    pub version: i32,
    pub input: OrgInput,
}

/// What an import would do.
#[derive(Debug, Default)]
pub struct Plan {
    pub total: usize,
    pub creates: Vec<(usize, OrgInput)>,
    pub updates: Vec<Update>,
    pub changes: Vec<Change>,
    pub errors: Vec<RowError>,
    /// Lines with at least one error (skipped by "valid rows only").
    pub invalid_lines: Vec<usize>,
    /// The paths of the unions the plan puts records in, for their audit entries.
    pub union_paths: HashMap<i64, String>,
}

/// Whether a header row is the template's (it names at least the organization).
pub fn recognizes(header: &[String]) -> bool {
    header.iter().any(|h| column_of(h) == Some(Column::Name))
}

/// The unions of the scope, to resolve a row's home union.
struct Unions {
    by_id: HashMap<i64, (String, String)>,
    by_name: HashMap<String, Vec<i64>>,
}

impl Unions {
    async fn load(tx: &mut Tx) -> sqlx::Result<Self> {
        let rows = db::unions(tx).await?;
        let mut by_id = HashMap::new();
        let mut by_name: HashMap<String, Vec<i64>> = HashMap::new();
        for (id, name, path) in rows {
            by_name.entry(name.clone()).or_default().push(id);
            by_id.insert(id, (name, path));
        }
        Ok(Self { by_id, by_name })
    }

    /// The union a row names, or the message why not.
    fn resolve(
        &self,
        id: Option<&str>,
        name: Option<&str>,
        default: i64,
    ) -> Result<i64, (Column, &'static str)> {
        if let Some(id) = id {
            return id
                .parse::<i64>()
                .ok()
                .filter(|id| self.by_id.contains_key(id))
                .ok_or((Column::HomeUnionId, "import.error.union_unknown"));
        }
        match name {
            None => Ok(default),
            Some(name) => match self.by_name.get(name).map(Vec::as_slice) {
                Some([id]) => Ok(*id),
                Some(_) => Err((Column::HomeUnion, "import.error.union_ambiguous")),
                None => Err((Column::HomeUnion, "import.error.union_unknown")),
            },
        }
    }
}

/// Validates `rows` (the header first) for an importer whose own union is
/// `default_union`; `progress` hears how many rows are done.
pub async fn plan(
    tx: &mut Tx,
    rows: &[Vec<String>],
    default_union: i64,
    mut progress: impl FnMut(usize),
) -> Result<Plan, sqlx::Error> {
    let Some((header, data)) = rows.split_first() else {
        return Ok(Plan::default());
    };
    let columns: Vec<Option<Column>> = header.iter().map(|h| column_of(h)).collect();
    let unions = Unions::load(tx).await?;
    let mut plan = Plan::default();
    let mut parsed: Vec<(usize, Option<Uuid>, OrgInput)> = Vec::new();
    let mut first_line_of_code: HashMap<String, usize> = HashMap::new();
    for (index, row) in data.iter().enumerate() {
        let line = index + 2;
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        plan.total += 1;
        let cells: Vec<(Column, String)> = columns
            .iter()
            .zip(row)
            .filter_map(|(column, cell)| column.map(|c| (c, cell.clone())))
            .collect();
        let row_errors = match parse_row(line, &cells, &unions, default_union) {
            Ok((record_id, input)) => {
                let first = match &input.credit_code {
                    Some(code) => *first_line_of_code.entry(code.clone()).or_insert(line),
                    None => line,
                };
                if first == line {
                    parsed.push((line, record_id, input));
                    Vec::new()
                } else {
                    let column = header_of(Column::CreditCode);
                    let duplicate = error(
                        line,
                        column,
                        "import.error.duplicate",
                        Some(first.to_string()),
                    );
                    vec![duplicate]
                }
            }
            Err(row_errors) => row_errors,
        };
        if !row_errors.is_empty() {
            plan.invalid_lines.push(line);
            plan.errors.extend(row_errors);
        }
        if plan.total % 1000 == 0 {
            progress(plan.total);
        }
    }
    sort_out_existing(tx, &mut plan, parsed).await?;
    for (id, (_, path)) in unions.by_id {
        plan.union_paths.insert(id, path);
    }
    progress(plan.total);
    Ok(plan)
}

/// One row's record id (if it names one) and fields, or all its problems.
fn parse_row(
    line: usize,
    cells: &[(Column, String)],
    unions: &Unions,
    default_union: i64,
) -> Result<(Option<Uuid>, OrgInput), Vec<RowError>> {
    let mut imported = import_row(cells);
    let mut row_errors = Vec::new();
    let record_id = match imported.record_id.as_deref().map(Uuid::parse_str) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(_)) => {
            row_errors.push(error(
                line,
                header_of(Column::RecordId),
                "import.error.record_unknown",
                None,
            ));
            None
        }
    };
    match unions.resolve(
        imported.union_id.as_deref(),
        imported.union_name.as_deref(),
        default_union,
    ) {
        Ok(id) => imported.form.union_id = id.to_string(),
        Err((column, key)) => row_errors.push(error(line, header_of(column), key, None)),
    }
    match imported.form.parse() {
        Ok(input) if row_errors.is_empty() => return Ok((record_id, input)),
        Ok(_) => {}
        Err(errors) => {
            for (field, message) in errors.iter() {
                let column = if *field == "union_id" {
                    header_of(Column::HomeUnion)
                } else {
                    header_of_field(field)
                };
                row_errors.push(error(line, column, message.key, message.arg.clone()));
            }
        }
    }
    Err(row_errors)
}

fn error(line: usize, column: &str, key: &str, arg: Option<String>) -> RowError {
    RowError {
        line,
        column: column.to_owned(),
        key: key.to_owned(),
        arg,
    }
}

/// The records that valid rows name (by id or by credit code), and which
/// union holds each of their codes, anywhere.
#[derive(Default)]
struct Existing {
    by_id: HashMap<Uuid, OrgRow>,
    by_code: HashMap<String, OrgRow>,
    /// Records by (home union, name), for rows without id or code.
    by_name: HashMap<(i64, String), Vec<OrgRow>>,
    holders: HashMap<String, String>,
}

impl Existing {
    /// Looked up in chunks, to keep each statement's array small.
    async fn load(tx: &mut Tx, parsed: &[(usize, Option<Uuid>, OrgInput)]) -> sqlx::Result<Self> {
        let codes: Vec<String> = parsed
            .iter()
            .filter_map(|(_, _, input)| input.credit_code.clone())
            .collect();
        let ids: Vec<Uuid> = parsed.iter().filter_map(|(_, id, _)| *id).collect();
        let names: Vec<String> = parsed
            .iter()
            .filter(|(_, id, input)| id.is_none() && input.credit_code.is_none())
            .map(|(_, _, input)| input.name.clone())
            .collect();
        let mut existing = Self::default();
        for chunk in ids.chunks(5000) {
            let found = db::orgs_by_ids(tx, chunk).await?;
            existing
                .by_id
                .extend(found.into_iter().map(|row| (row.id, row)));
        }
        for chunk in codes.chunks(5000) {
            for row in db::orgs_by_credit_codes(tx, chunk).await? {
                if let Some(code) = row.credit_code.clone() {
                    existing.by_code.insert(code, row);
                }
            }
            existing
                .holders
                .extend(db::credit_code_holders(tx, chunk).await?);
        }
        for chunk in names.chunks(5000) {
            for row in db::orgs_by_names(tx, chunk).await? {
                existing
                    .by_name
                    .entry((row.union_id, row.name.clone()))
                    .or_default()
                    .push(row);
            }
        }
        Ok(existing)
    }
}

impl Plan {
    /// A valid row that updates `row`.
    fn update(&mut self, line: usize, row: &OrgRow, input: OrgInput) {
        let fields = changed_fields(row, &input);
        self.changes.push(Change {
            line,
            name: input.name.clone(),
            fields,
        });
        self.updates.push(Update {
            line,
            id: row.id,
            version: row.version,
            input,
        });
    }

    /// A row refused once the existing records are known.
    fn refuse(&mut self, line: usize, column: Column, key: &str, arg: Option<String>) {
        self.invalid_lines.push(line);
        self.errors.push(error(line, header_of(column), key, arg));
    }
}

/// Splits valid rows into creates and updates: a code already in the scope is
/// an update; a code held elsewhere is an error naming the holder.
async fn sort_out_existing(
    tx: &mut Tx,
    plan: &mut Plan,
    parsed: Vec<(usize, Option<Uuid>, OrgInput)>,
) -> sqlx::Result<()> {
    let existing = Existing::load(tx, &parsed).await?;
    for (line, record_id, input) in parsed {
        match record_id {
            Some(id) => place_by_id(plan, &existing, line, id, input),
            None => place_by_code(plan, &existing, line, input),
        }
    }
    plan.invalid_lines.sort_unstable();
    plan.errors.sort_by_key(|e| e.line);
    Ok(())
}

/// A row naming its record: an update of it, unless the record is not in
/// the scope or the row gives it a code another record holds.
fn place_by_id(plan: &mut Plan, existing: &Existing, line: usize, id: Uuid, input: OrgInput) {
    match existing.by_id.get(&id) {
        // Its own code, or one no other record holds.
        Some(row)
            if input.credit_code.is_none()
                || input.credit_code == row.credit_code
                || input
                    .credit_code
                    .as_ref()
                    .is_some_and(|c| !existing.holders.contains_key(c)) =>
        {
            plan.update(line, row, input);
        }
        Some(_) => plan.refuse(line, Column::CreditCode, "orgs.credit_code.taken", None),
        None => plan.refuse(line, Column::RecordId, "import.error.record_unknown", None),
    }
}

/// A row without a record id: an update of the record in the scope holding
/// its code, an error if a record elsewhere holds it, else a new record. A row
/// without a code either updates the one record of its name in its home union
/// (so that an export without ids imports back), else it is a new record.
fn place_by_code(plan: &mut Plan, existing: &Existing, line: usize, input: OrgInput) {
    let Some(code) = input.credit_code.clone() else {
        match existing.by_name.get(&(input.union_id, input.name.clone())) {
            Some(rows) if rows.len() == 1 => plan.update(line, &rows[0], input),
            _ => plan.creates.push((line, input)),
        }
        return;
    };
    if let Some(row) = existing.by_code.get(&code) {
        plan.update(line, row, input);
    } else if let Some(holder) = existing.holders.get(&code) {
        let holder = Some(holder.clone());
        plan.refuse(
            line,
            Column::CreditCode,
            "orgs.credit_code.taken_by",
            holder,
        );
    } else {
        plan.creates.push((line, input));
    }
}

/// The fields of `row` that `input` changes, as the sheet's columns name them.
fn changed_fields(row: &OrgRow, input: &OrgInput) -> Vec<FieldChange> {
    let before = form_of(row).parse().ok();
    let as_object = |value: Option<Value>| match value {
        Some(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let before = as_object(before.and_then(|b| serde_json::to_value(b).ok()));
    let after = as_object(serde_json::to_value(input).ok());
    let show = |value: Option<&Value>| match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map_or_else(|| item.to_string(), str::to_owned)
            })
            .collect::<Vec<_>>()
            .join("、"),
        Some(other) => other.to_string(),
    };
    after
        .iter()
        .filter(|(field, value)| before.get(*field) != Some(value))
        .map(|(field, value)| FieldChange {
            column: if field == "union_id" {
                header_of(Column::HomeUnion).to_owned()
            } else {
                header_of_field(field).to_owned()
            },
            before: show(before.get(field)),
            after: show(Some(value)),
        })
        .filter(|change| !change.column.is_empty())
        .collect()
}
