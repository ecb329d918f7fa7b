//! What an uploaded sheet would do: every row checked as the form checks it,
//! its union found in the importer's scope, and its record found when it has
//! one (by its record id, else by union, title and collection date), so that
//! an exported file imports back onto the records it came from instead of
//! doubling them. Nothing is written here.

use std::collections::{HashMap, HashSet, VecDeque};

use chrono::NaiveDate;
use uuid::Uuid;

use super::RowError;
use crate::db::Tx;
use crate::error::AppResult;
use crate::identity::CurrentUser;
use crate::needs::db::{self, NeedRow};
use crate::needs::forms::{NeedForm, NeedInput};
use crate::needs::sheet::{Column, ImportedRow, header_of, header_of_field, import_row};
use crate::policy::{self, Action};
use crate::unions;
use crate::web::Ctx;

/// A file read as the sheet: the column of each header (where it names
/// one) and the rows after the header that are not empty.
pub struct Sheet {
    pub columns: Vec<Option<Column>>,
    pub body: Vec<Vec<String>>,
}

/// The rows' effect: needs to add, records to update (with what the row
/// says), and the problems of the rows that do neither.
#[derive(Default)]
pub struct Plan {
    pub creates: Vec<NeedInput>,
    pub updates: Vec<(NeedRow, NeedInput)>,
    pub errors: Vec<RowError>,
}

/// A valid row: its need, and the record it names by id.
struct Checked {
    line: usize,
    input: NeedInput,
    record_id: Option<Uuid>,
}

pub async fn plan(tx: &mut Tx, ctx: &Ctx, user: &CurrentUser, sheet: &Sheet) -> AppResult<Plan> {
    let mut plan = Plan::default();
    let mut unions = Unions::default();
    let mut checked = Vec::new();
    for (i, row) in sheet.body.iter().enumerate() {
        let cells: Vec<(Column, String)> = sheet
            .columns
            .iter()
            .zip(row.iter())
            .filter_map(|(c, v)| c.map(|column| (column, v.clone())))
            .collect();
        match check_row(tx, ctx, user, &mut unions, i + 2, import_row(&cells)).await? {
            Ok(row) => checked.push(row),
            Err(problems) => plan.errors.extend(problems),
        }
    }
    let mut existing = Existing::load(tx, &checked).await?;
    for row in checked {
        existing.place(&mut plan, ctx, user, row);
    }
    Ok(plan)
}

fn problem(line: usize, column: Column, message: String) -> RowError {
    RowError {
        line,
        column: header_of(column),
        message,
    }
}

/// One row (`line` as the sheet numbers it): its need, or its problems. The
/// other cells are checked too when the union is wrong, so that one pass
/// lists everything.
async fn check_row(
    tx: &mut Tx,
    ctx: &Ctx,
    user: &CurrentUser,
    unions: &mut Unions,
    line: usize,
    row: ImportedRow,
) -> AppResult<Result<Checked, Vec<RowError>>> {
    let mut problems = Vec::new();
    let union_id = match unions.resolve(tx, user, &row).await? {
        Ok(id) => Some(id),
        Err((column, key, value)) => {
            problems.push(problem(line, column, ctx.t1(key, value)));
            None
        }
    };
    let record_id = match row.record_id.as_str() {
        "" => None,
        id => match id.parse::<Uuid>() {
            Ok(id) => Some(id),
            Err(_) => {
                let message = ctx.t1("needs.import_record_unknown", id);
                problems.push(problem(line, Column::RecordId, message));
                None
            }
        },
    };
    let form = NeedForm {
        union_id: union_id.unwrap_or(user.union.id).to_string(),
        ..row.form
    };
    match form.parse() {
        Ok(input) if problems.is_empty() => {
            return Ok(Ok(Checked {
                line,
                input,
                record_id,
            }));
        }
        Ok(_) => {}
        Err(errors) => {
            for (field, message) in errors.iter() {
                problems.push(RowError {
                    line,
                    column: header_of_field(field),
                    message: ctx.msg(message),
                });
            }
        }
    }
    Ok(Err(problems))
}

/// Why a row's union is refused: the column, the message's key and the
/// value it names.
type UnionRefused = (Column, &'static str, String);

/// The unions rows name (by number, and by name or code), found once each.
#[derive(Default)]
struct Unions {
    found: HashMap<(String, String), Result<i64, UnionRefused>>,
}

impl Unions {
    /// The row's union, in which the user keeps needs: by its number (the
    /// export's id column), else by division code, number or name; an empty
    /// cell is the user's own union.
    async fn resolve(
        &mut self,
        tx: &mut Tx,
        user: &CurrentUser,
        row: &ImportedRow,
    ) -> AppResult<Result<i64, UnionRefused>> {
        let key = (row.union_id.clone(), row.union.clone());
        if let Some(found) = self.found.get(&key) {
            return Ok(found.clone());
        }
        let unknown =
            |column: Column, value: &str| (column, "needs.import_union_unknown", value.to_owned());
        let found = if !row.union_id.is_empty() {
            match row.union_id.parse() {
                Ok(id) => match unions::db::find(tx, id).await? {
                    Some(union) => Ok((union.id, union.path)),
                    None => Err(unknown(Column::UnionId, &row.union_id)),
                },
                Err(_) => Err(unknown(Column::UnionId, &row.union_id)),
            }
        } else if row.union.is_empty() {
            Ok((user.union.id, user.union.path.clone()))
        } else if let Some(union) = unions::db::find_by_id_or_code(tx, &row.union).await? {
            Ok((union.id, union.path))
        } else {
            match db::unions_named(tx, &row.union).await?.as_slice() {
                [(id, path)] => Ok((*id, path.clone())),
                [] => Err(unknown(Column::Union, &row.union)),
                _ => Err((
                    Column::Union,
                    "needs.import_union_ambiguous",
                    row.union.clone(),
                )),
            }
        };
        let found = found.and_then(|(id, path)| {
            if policy::permits(user, &Action::EditNeed { union_path: &path }) {
                Ok(id)
            } else {
                match row.union_id.as_str() {
                    "" => Err(unknown(Column::Union, &row.union)),
                    id => Err(unknown(Column::UnionId, id)),
                }
            }
        });
        self.found.insert(key, found.clone());
        Ok(found)
    }
}

/// A need's natural key within a file: its union, title and collection date.
type Key = (i64, String, NaiveDate);

/// The records the rows name, as the actor sees them.
struct Existing {
    by_id: HashMap<Uuid, NeedRow>,
    /// Records by key, not named by any row's id, taken one per row.
    by_key: HashMap<Key, VecDeque<NeedRow>>,
    /// Records a row has taken already.
    taken: HashSet<Uuid>,
}

impl Existing {
    async fn load(tx: &mut Tx, rows: &[Checked]) -> AppResult<Self> {
        let ids: Vec<Uuid> = rows.iter().filter_map(|r| r.record_id).collect();
        let named: HashSet<Uuid> = ids.iter().copied().collect();
        let mut by_id = HashMap::new();
        for chunk in ids.chunks(5000) {
            by_id.extend(
                db::find_many(tx, chunk)
                    .await?
                    .into_iter()
                    .map(|n| (n.id, n)),
            );
        }
        let keyed: Vec<&NeedInput> = rows
            .iter()
            .filter(|r| r.record_id.is_none())
            .map(|r| &r.input)
            .collect();
        let mut by_key: HashMap<Key, VecDeque<NeedRow>> = HashMap::new();
        for chunk in keyed.chunks(5000) {
            let union_ids: Vec<i64> = chunk.iter().map(|i| i.union_id).collect();
            let titles: Vec<String> = chunk.iter().map(|i| i.title.clone()).collect();
            let dates: Vec<NaiveDate> = chunk.iter().map(|i| i.collected_on).collect();
            for need in db::with_keys(tx, &union_ids, &titles, &dates).await? {
                if named.contains(&need.id) {
                    continue;
                }
                let key = (need.union_id, need.title.clone(), need.collected_on);
                let records = by_key.entry(key).or_default();
                if !records.iter().any(|r| r.id == need.id) {
                    records.push_back(need);
                }
            }
        }
        Ok(Self {
            by_id,
            by_key,
            taken: HashSet::new(),
        })
    }

    /// Puts a valid row in the plan: an update of the record it names (by id,
    /// else by key), else a new need.
    fn place(&mut self, plan: &mut Plan, ctx: &Ctx, user: &CurrentUser, row: Checked) {
        let Checked {
            line,
            input,
            record_id,
        } = row;
        let Some(id) = record_id else {
            let key = (input.union_id, input.title.clone(), input.collected_on);
            match self.by_key.get_mut(&key).and_then(VecDeque::pop_front) {
                Some(need) => plan.updates.push((need, input)),
                None => plan.creates.push(input),
            }
            return;
        };
        let need = self.by_id.get(&id).filter(|need| {
            policy::permits(
                user,
                &Action::EditNeed {
                    union_path: &need.union_path,
                },
            )
        });
        let error = match need {
            None => "needs.import_record_unknown",
            Some(_) if !self.taken.insert(id) => "needs.import_record_twice",
            Some(need) => {
                plan.updates.push((need.clone(), input));
                return;
            }
        };
        plan.errors
            .push(problem(line, Column::RecordId, ctx.t1(error, id)));
    }
}
