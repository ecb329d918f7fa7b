//! The queries of an import: its row in `org_imports` (the uploaded file,
//! progress, report and outcome, each visible to its uploader only), and the
//! records and unions it is validated and written against.

use chrono::{DateTime, Utc};
use sqlx::types::Json;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::plan::{Change, Plan, RowError};
use crate::orgs::db::OrgRow;
use crate::orgs::forms::OrgInput;

/// An import as its page shows it.
#[derive(Debug)]
pub struct ImportRow {
    pub id: Uuid,
    pub file_name: String,
    pub status: String,
    pub rows_read: i32,
    pub rows_validated: i32,
    pub rows_written: i32,
    pub rows_total: Option<i32>,
    pub rows_new: Option<i32>,
    pub rows_updated: Option<i32>,
    pub rows_invalid: Option<i32>,
    pub errors: Json<Vec<RowError>>,
    pub changes: Json<Vec<Change>>,
    pub failure: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ImportRow {
    pub fn is_running(&self) -> bool {
        matches!(self.status.as_str(), "validating" | "writing") && !self.is_stalled()
    }

    /// Running, but silent for ten minutes: the server stopped during the work
    /// (nothing was written: the write is one transaction).
    pub fn is_stalled(&self) -> bool {
        matches!(self.status.as_str(), "validating" | "writing")
            && self.updated_at < Utc::now() - chrono::Duration::minutes(10)
    }
}

/// One of the actor's imports.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<ImportRow>> {
    sqlx::query_as!(
        ImportRow,
        r#"select id, file_name, status, rows_read, rows_validated, rows_written, rows_total,
                  rows_new, rows_updated, rows_invalid,
                  errors as "errors: Json<Vec<RowError>>",
                  changes as "changes: Json<Vec<Change>>",
                  failure, created_at, updated_at
             from org_imports where id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// A user's ten latest imports: (id, file name, status, uploaded at).
pub async fn recent(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> sqlx::Result<Vec<(Uuid, String, String, DateTime<Utc>)>> {
    let rows = sqlx::query!(
        "select id, file_name, status, created_at from org_imports
          where user_id = $1 order by created_at desc limit 10",
        user_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, r.file_name, r.status, r.created_at))
        .collect())
}

/// Stores an uploaded file as a new import (validating); returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    union_id: i64,
    user_id: Uuid,
    file_name: &str,
    content: &[u8],
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into org_imports (union_id, user_id, file_name, content) values ($1, $2, $3, $4) returning id",
        union_id,
        user_id,
        file_name,
        content
    )
    .fetch_one(conn)
    .await
}

/// Moves a validated import to writing, in `mode` (`all` or `valid_only`);
/// false when it was not validated (a second click finds it already writing).
pub async fn take_for_writing(conn: &mut PgConnection, id: Uuid, mode: &str) -> sqlx::Result<bool> {
    let taken = sqlx::query!(
        "update org_imports set status = 'writing', mode = $2, updated_at = now()
          where id = $1 and status = 'validated'",
        id,
        mode
    )
    .execute(conn)
    .await?;
    Ok(taken.rows_affected() == 1)
}

/// Which progress counter of an import.
#[derive(Clone, Copy, Debug)]
pub enum Counter {
    Read,
    Validated,
    Written,
}

/// Sets one of an import's progress counters.
pub async fn set_progress(
    conn: &mut PgConnection,
    id: Uuid,
    counter: Counter,
    value: i32,
) -> sqlx::Result<()> {
    let query = match counter {
        Counter::Read => sqlx::query!(
            "update org_imports set rows_read = $2, updated_at = now() where id = $1",
            id,
            value
        ),
        Counter::Validated => sqlx::query!(
            "update org_imports set rows_validated = $2, updated_at = now() where id = $1",
            id,
            value
        ),
        Counter::Written => sqlx::query!(
            "update org_imports set rows_written = $2, updated_at = now() where id = $1",
            id,
            value
        ),
    };
    query.execute(conn).await?;
    Ok(())
}

/// The uploaded file (gone once the import is done).
pub async fn content(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Vec<u8>>> {
    sqlx::query_scalar!("select content from org_imports where id = $1", id)
        .fetch_one(conn)
        .await
}

/// The uploaded file's name.
pub async fn file_name(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<String> {
    sqlx::query_scalar!("select file_name from org_imports where id = $1", id)
        .fetch_one(conn)
        .await
}

/// A count for the import's row (which never holds more than `i32::MAX`).
fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Records the validation's outcome: the counts, every error and the changes
/// the updates would make.
pub async fn mark_validated(conn: &mut PgConnection, id: Uuid, plan: &Plan) -> sqlx::Result<()> {
    sqlx::query!(
        "update org_imports set status = 'validated', rows_total = $2, rows_new = $3,
                rows_updated = $4, rows_invalid = $5, rows_validated = $2, errors = $6,
                changes = $7, updated_at = now()
          where id = $1",
        id,
        count(plan.total),
        count(plan.creates.len()),
        count(plan.updates.len()),
        count(plan.invalid_lines.len()),
        Json(&plan.errors) as Json<&Vec<RowError>>,
        Json(&plan.changes) as Json<&Vec<Change>>
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a written import, and lets its file go.
pub async fn mark_done(
    conn: &mut PgConnection,
    id: Uuid,
    created: usize,
    updated: usize,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update org_imports set status = 'done', rows_new = $2, rows_updated = $3, rows_written = $4,
                content = null, updated_at = now()
          where id = $1",
        id,
        count(created),
        count(updated),
        count(created + updated)
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a failed import and the catalog key of its reason.
pub async fn mark_failed(conn: &mut PgConnection, id: Uuid, key: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update org_imports set status = 'failed', failure = $2, updated_at = now() where id = $1",
        id,
        key
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Every union the actor sees: (id, name, path).
pub async fn unions(conn: &mut PgConnection) -> sqlx::Result<Vec<(i64, String, String)>> {
    let rows = sqlx::query!(r#"select id, name, path::text as "path!" from unions"#)
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.name, r.path)).collect())
}

/// The records with these ids that the actor sees.
pub async fn orgs_by_ids(conn: &mut PgConnection, ids: &[Uuid]) -> sqlx::Result<Vec<OrgRow>> {
    sqlx::query_as!(
        OrgRow,
        r#"select o.id, o.union_id, o.union_path::text as "union_path!", u.name as union_name,
                  o.name, o.credit_code, o.org_type as "org_type: _", o.registration_level,
                  o.registered_on, o.supervising_unit, o.direct_registration, o.address,
                  o.division_code, o.legal_representative, o.contact_person, o.contact_phone,
                  o.contact_email, o.service_domains, o.industry, o.fulltime_staff, o.volunteers,
                  o.social_workers, o.annual_revenue_fen, o.funding_sources, o.activities,
                  o.working_methods, o.guidance_category as "guidance_category: _",
                  o.relationship as "relationship: _", o.status as "status: _", o.status_reason,
                  o.abnormal_operation, o.serious_violation, o.tags, o.notes,
                  o.contact_interval_days, o.rating_level, o.rating_valid_until,
                  o.union_building as "union_building: _", o.last_contacted_on,
                  o.next_contact_due, o.created_at, o.updated_at, o.version
             from organizations o join unions u on u.id = o.union_id where o.id = any($1)"#,
        ids
    )
    .fetch_all(conn)
    .await
}

/// The records with these credit codes that the actor sees.
pub async fn orgs_by_credit_codes(
    conn: &mut PgConnection,
    codes: &[String],
) -> sqlx::Result<Vec<OrgRow>> {
    sqlx::query_as!(
        OrgRow,
        r#"select o.id, o.union_id, o.union_path::text as "union_path!", u.name as union_name,
                  o.name, o.credit_code, o.org_type as "org_type: _", o.registration_level,
                  o.registered_on, o.supervising_unit, o.direct_registration, o.address,
                  o.division_code, o.legal_representative, o.contact_person, o.contact_phone,
                  o.contact_email, o.service_domains, o.industry, o.fulltime_staff, o.volunteers,
                  o.social_workers, o.annual_revenue_fen, o.funding_sources, o.activities,
                  o.working_methods, o.guidance_category as "guidance_category: _",
                  o.relationship as "relationship: _", o.status as "status: _", o.status_reason,
                  o.abnormal_operation, o.serious_violation, o.tags, o.notes,
                  o.contact_interval_days, o.rating_level, o.rating_valid_until,
                  o.union_building as "union_building: _", o.last_contacted_on,
                  o.next_contact_due, o.created_at, o.updated_at, o.version
             from organizations o join unions u on u.id = o.union_id where o.credit_code = any($1)"#,
        codes
    )
    .fetch_all(conn)
    .await
}

/// The records with these names that the actor sees (a row without id or
/// code finds its record by name within its home union).
pub async fn orgs_by_names(conn: &mut PgConnection, names: &[String]) -> sqlx::Result<Vec<OrgRow>> {
    sqlx::query_as!(
        OrgRow,
        r#"select o.id, o.union_id, o.union_path::text as "union_path!", u.name as union_name,
                  o.name, o.credit_code, o.org_type as "org_type: _", o.registration_level,
                  o.registered_on, o.supervising_unit, o.direct_registration, o.address,
                  o.division_code, o.legal_representative, o.contact_person, o.contact_phone,
                  o.contact_email, o.service_domains, o.industry, o.fulltime_staff, o.volunteers,
                  o.social_workers, o.annual_revenue_fen, o.funding_sources, o.activities,
                  o.working_methods, o.guidance_category as "guidance_category: _",
                  o.relationship as "relationship: _", o.status as "status: _", o.status_reason,
                  o.abnormal_operation, o.serious_violation, o.tags, o.notes,
                  o.contact_interval_days, o.rating_level, o.rating_valid_until,
                  o.union_building as "union_building: _", o.last_contacted_on,
                  o.next_contact_due, o.created_at, o.updated_at, o.version
             from organizations o join unions u on u.id = o.union_id where o.name = any($1)"#,
        names
    )
    .fetch_all(conn)
    .await
}

/// (credit code, name of the union holding it) for those of `codes` that any
/// record holds, wherever it is (see the database function's comment).
pub async fn credit_code_holders(
    conn: &mut PgConnection,
    codes: &[String],
) -> sqlx::Result<Vec<(String, String)>> {
    let rows = sqlx::query!(
        r#"select credit_code as "credit_code!", union_name as "union_name!"
             from organization_credit_code_holders($1)"#,
        codes
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.credit_code, r.union_name))
        .collect())
}

/// Creates the records of one batch in a single statement; returns their ids
/// in the order given. The statement is built at run time, its number of rows
/// varying: the array columns rule out one checked `unnest` (PostgreSQL has
/// no arrays of arrays of different lengths).
pub async fn insert_orgs(
    conn: &mut PgConnection,
    inputs: impl Iterator<Item = &OrgInput>,
) -> sqlx::Result<Vec<Uuid>> {
    let mut q = QueryBuilder::<Postgres>::new(
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
    q.build_query_scalar().fetch_all(conn).await
}

/// Ends as failed the organization imports whose server stopped in the middle
/// of them (silent for ten minutes). Returns how many.
pub async fn fail_stalled_imports(conn: &mut PgConnection) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"select org_imports_fail_stalled(interval '10 minutes') as "failed!""#)
        .fetch_one(conn)
        .await
}
