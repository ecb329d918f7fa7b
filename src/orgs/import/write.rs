//! Writing a validated import: every record in one transaction (all or
//! nothing), in batches of multi-row inserts, with an audit entry per record.

use super::db;
use super::plan::Plan;
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::AppError;
use crate::identity::SessionUser;
use crate::orgs;
use crate::orgs::forms::OrgInput;

/// Rows per insert statement (28 bound values each, under PostgreSQL's 65,535).
const BATCH: usize = 500;

/// Why a write was abandoned (and everything rolled back).
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("record of line {0} changed during the import")]
    Conflict(usize),
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<sqlx::Error> for WriteError {
    fn from(error: sqlx::Error) -> Self {
        WriteError::App(error.into())
    }
}

/// Writes the plan's creates and updates (skipping `skip` lines) and returns
/// (created, updated); `progress` hears how many rows are written.
pub async fn write(
    tx: &mut Tx,
    user: &SessionUser,
    plan: &Plan,
    skip: &[usize],
    mut progress: impl FnMut(usize),
) -> Result<(usize, usize), WriteError> {
    let created = write_creates(tx, user, plan, skip, &mut progress).await?;
    let updated = write_updates(tx, user, plan, skip, created, &mut progress).await?;
    progress(created + updated);
    Ok((created, updated))
}

/// The path of a union the plan puts records in, for their audit entries.
fn union_path(plan: &Plan, union_id: i64) -> String {
    plan.union_paths.get(&union_id).cloned().unwrap_or_default()
}

/// Creates the new records in batches, each with its audit entry; returns
/// how many.
async fn write_creates(
    tx: &mut Tx,
    user: &SessionUser,
    plan: &Plan,
    skip: &[usize],
    progress: &mut impl FnMut(usize),
) -> Result<usize, WriteError> {
    let creates: Vec<&(usize, OrgInput)> = plan
        .creates
        .iter()
        .filter(|(line, _)| !skip.contains(line))
        .collect();
    let mut written = 0;
    for batch in creates.chunks(BATCH) {
        let ids = db::insert_orgs(tx, batch.iter().map(|(_, input)| input)).await?;
        let entries = batch.iter().zip(&ids).map(|((_, input), id)| {
            Entry::new("org.created", "organization", id)
                .at(input.union_id, &union_path(plan, input.union_id))
                .created(input)
                .detail("via", "import")
        });
        audit::record_many(tx, user, entries).await?;
        written += batch.len();
        progress(written);
    }
    Ok(creates.len())
}

/// Saves the updates, each if its record is still as validated, with its
/// audit entry; returns how many. `written` rows came before them.
async fn write_updates(
    tx: &mut Tx,
    user: &SessionUser,
    plan: &Plan,
    skip: &[usize],
    mut written: usize,
    progress: &mut impl FnMut(usize),
) -> Result<usize, WriteError> {
    let updates = plan
        .updates
        .iter()
        .filter(|update| !skip.contains(&update.line));
    let mut updated = 0;
    for update in updates {
        if !orgs::db::update(tx, update.id, update.version, &update.input).await? {
            return Err(WriteError::Conflict(update.line));
        }
        let path = union_path(plan, update.input.union_id);
        let entry = Entry::new("org.updated", "organization", update.id)
            .at(update.input.union_id, &path)
            .created(&update.input)
            .detail("via", "import");
        audit::record(tx, user, entry).await?;
        updated += 1;
        written += 1;
        if written.is_multiple_of(BATCH) {
            progress(written);
        }
    }
    Ok(updated)
}
