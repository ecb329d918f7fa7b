//! Writing a validated import: every record in one transaction (all or
//! nothing), in batches of multi-row inserts, with an audit entry per record.

use sqlx::{Postgres, QueryBuilder};

use super::plan::Plan;
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::AppError;
use crate::identity::SessionUser;
use crate::orgs::db;
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
    let creates: Vec<&(usize, OrgInput)> = plan
        .creates
        .iter()
        .filter(|(line, _)| !skip.contains(line))
        .collect();
    let mut written = 0;
    for batch in creates.chunks(BATCH) {
        let ids: Vec<uuid::Uuid> = insert_batch(batch.iter().map(|(_, input)| input))
            .build_query_scalar()
            .fetch_all(&mut **tx)
            .await?;
        let entries = batch.iter().zip(&ids).map(|((_, input), id)| {
            let path = plan
                .union_paths
                .get(&input.union_id)
                .cloned()
                .unwrap_or_default();
            Entry::new("org.created", "organization", id)
                .at(input.union_id, &path)
                .created(input)
                .detail("via", "import")
        });
        audit::record_many(tx, user, entries).await?;
        written += batch.len();
        progress(written);
    }
    let updates = plan
        .updates
        .iter()
        .filter(|update| !skip.contains(&update.line));
    let mut updated = 0;
    for update in updates {
        if !db::update(tx, update.id, update.version, &update.input).await? {
            return Err(WriteError::Conflict(update.line));
        }
        let path = plan
            .union_paths
            .get(&update.input.union_id)
            .cloned()
            .unwrap_or_default();
        let entry = Entry::new("org.updated", "organization", update.id)
            .at(update.input.union_id, &path)
            .created(&update.input)
            .detail("via", "import");
        audit::record(tx, user, entry).await?;
        updated += 1;
        written += 1;
        if written % BATCH == 0 {
            progress(written);
        }
    }
    progress(written);
    Ok((creates.len(), updated))
}

fn insert_batch<'a>(inputs: impl Iterator<Item = &'a OrgInput>) -> QueryBuilder<Postgres> {
    let mut q = QueryBuilder::new(
        "insert into organizations (
             union_id, name, credit_code, org_type, registration_level, registered_on,
             supervising_unit, direct_registration, address, division_code, legal_representative,
             industry, guidance_category, relationship, tags, notes, contact_interval_days,
             service_domains, contact_person, contact_phone, contact_email, fulltime_staff,
             volunteers, social_workers, annual_revenue_fen, funding_sources, activities,
             working_methods) ",
    );
    q.push_values(inputs, |mut row, input| {
        row.push_bind(input.union_id)
            .push_bind(input.name.clone())
            .push_bind(input.credit_code.clone())
            .push_bind(input.org_type)
            .push_bind(input.registration_level)
            .push_bind(input.registered_on)
            .push_bind(input.supervising_unit.clone())
            .push_bind(input.direct_registration)
            .push_bind(input.address.clone())
            .push_bind(input.division_code.clone())
            .push_bind(input.legal_representative.clone())
            .push_bind(input.industry.clone())
            .push_bind(input.guidance_category)
            .push_bind(input.relationship)
            .push_bind(input.tags.clone())
            .push_bind(input.notes.clone())
            .push_bind(input.contact_interval_days)
            .push_bind(input.service_domains.clone())
            .push_bind(input.own.contact_person.clone())
            .push_bind(input.own.contact_phone.clone())
            .push_bind(input.own.contact_email.clone())
            .push_bind(input.own.fulltime_staff)
            .push_bind(input.own.volunteers)
            .push_bind(input.own.social_workers)
            .push_bind(input.own.annual_revenue_fen)
            .push_bind(input.own.funding_sources.clone())
            .push_bind(input.own.activities.clone())
            .push_bind(input.own.working_methods.clone());
    });
    q.push(" returning id");
    q
}
