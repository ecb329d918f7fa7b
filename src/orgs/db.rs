//! Queries on organization records. Row-level security limits every one of them
//! to the actor's scope (or, for an organization's account, to its own record).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::forms::{OrgInput, SelfServiceInput};
use super::kinds::{Category, OrgStatus, OrgType, Relationship, UnionBuilding};
use crate::db::list::ScopeColumns;
use crate::web::format::two_decimals;
use crate::web::money::Fen;

/// How a list of organizations says the reader's scope: its indexes lead
/// with the province, the prefecture, or the union.
pub const SCOPE_COLUMNS: ScopeColumns = ScopeColumns {
    province: Some("o.province"),
    prefecture: Some("o.prefecture"),
    union_id: Some("o.union_id"),
    ..ScopeColumns::path("o.union_path")
};

/// A whole record, as the detail and edit pages show it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrgRow {
    pub id: Uuid,
    pub union_id: i64,
    pub union_path: String,
    pub union_name: String,
    pub name: String,
    pub credit_code: Option<String>,
    #[sqlx(try_from = "String")]
    pub org_type: OrgType,
    pub registration_level: Option<String>,
    pub registered_on: Option<NaiveDate>,
    pub supervising_unit: Option<String>,
    pub direct_registration: bool,
    pub address: Option<String>,
    pub division_code: Option<String>,
    pub legal_representative: Option<String>,
    pub contact_person: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub service_domains: Vec<String>,
    pub industry: Option<String>,
    pub fulltime_staff: i32,
    pub volunteers: i32,
    pub social_workers: i32,
    pub annual_revenue_fen: i64,
    pub funding_sources: Vec<String>,
    pub activities: Option<String>,
    pub working_methods: Option<String>,
    #[sqlx(try_from = "String")]
    pub guidance_category: Category,
    #[sqlx(try_from = "String")]
    pub relationship: Relationship,
    #[sqlx(try_from = "String")]
    pub status: OrgStatus,
    pub status_reason: Option<String>,
    pub abnormal_operation: bool,
    pub serious_violation: bool,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub contact_interval_days: Option<i32>,
    pub rating_level: Option<i16>,
    pub rating_valid_until: Option<NaiveDate>,
    #[sqlx(try_from = "String")]
    pub union_building: UnionBuilding,
    pub last_contacted_on: Option<NaiveDate>,
    pub next_contact_due: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// The columns of [`OrgRow`] (the organization is `o`, its home union `u`), for
/// the export's dynamic query; the checked queries spell them out.
macro_rules! org_columns {
    () => {
        "o.id, o.union_id, o.union_path::text as union_path, u.name as union_name, o.name,
         o.credit_code, o.org_type, o.registration_level, o.registered_on, o.supervising_unit,
         o.direct_registration, o.address, o.division_code, o.legal_representative,
         o.contact_person, o.contact_phone, o.contact_email, o.service_domains, o.industry,
         o.fulltime_staff, o.volunteers, o.social_workers, o.annual_revenue_fen,
         o.funding_sources, o.activities, o.working_methods, o.guidance_category,
         o.relationship, o.status, o.status_reason, o.abnormal_operation, o.serious_violation,
         o.tags, o.notes, o.contact_interval_days, o.rating_level, o.rating_valid_until,
         o.union_building, o.last_contacted_on, o.next_contact_due, o.created_at, o.updated_at,
         o.version"
    };
}
pub(super) use org_columns;

/// One record by id, if the actor may see it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<OrgRow>> {
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
             from organizations o join unions u on u.id = o.union_id where o.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// The name of the union holding `credit_code`, wherever it is: the one
/// deliberate look across tenants (see the database function's comment).
pub async fn credit_code_holder(
    conn: &mut PgConnection,
    credit_code: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!("select organization_credit_code_holder($1)", credit_code)
        .fetch_one(conn)
        .await
}

/// Creates a record; returns its id.
pub async fn insert(conn: &mut PgConnection, input: &OrgInput) -> sqlx::Result<Uuid> {
    let own = &input.own;
    sqlx::query_scalar!(
        "insert into organizations (
             union_id, name, credit_code, org_type, registration_level, registered_on,
             supervising_unit, direct_registration, address, division_code, legal_representative,
             industry, guidance_category, relationship, tags, notes, contact_interval_days,
             service_domains, contact_person, contact_phone, contact_email, fulltime_staff,
             volunteers, social_workers, annual_revenue_fen, funding_sources, activities,
             working_methods)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                 $19, $20, $21, $22, $23, $24, $25, $26, $27, $28)
         returning id",
        input.union_id,
        input.name,
        input.credit_code,
        input.org_type,
        input.registration_level,
        input.registered_on,
        input.supervising_unit,
        input.direct_registration,
        input.address,
        input.division_code,
        input.legal_representative,
        input.industry,
        input.guidance_category,
        input.relationship,
        input.tags.as_slice(),
        input.notes,
        input.contact_interval_days,
        input.service_domains.as_slice() as &[&str],
        own.contact_person,
        own.contact_phone,
        own.contact_email,
        own.fulltime_staff,
        own.volunteers,
        own.social_workers,
        own.annual_revenue_fen,
        own.funding_sources.as_slice() as &[&str],
        own.activities,
        own.working_methods
    )
    .fetch_one(conn)
    .await
}

/// Saves a cadre's edit if the record is still at `version`; false when someone
/// else saved first.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    input: &OrgInput,
) -> sqlx::Result<bool> {
    let own = &input.own;
    let result = sqlx::query!(
        "update organizations set
             union_id = $3, name = $4, credit_code = $5, org_type = $6, registration_level = $7,
             registered_on = $8, supervising_unit = $9, direct_registration = $10, address = $11,
             division_code = $12, legal_representative = $13, industry = $14,
             guidance_category = $15, relationship = $16, tags = $17, notes = $18,
             contact_interval_days = $19, service_domains = $20, contact_person = $21,
             contact_phone = $22, contact_email = $23, fulltime_staff = $24, volunteers = $25,
             social_workers = $26, annual_revenue_fen = $27, funding_sources = $28,
             activities = $29, working_methods = $30,
             updated_at = now(), version = version + 1
         where id = $1 and version = $2",
        id,
        version,
        input.union_id,
        input.name,
        input.credit_code,
        input.org_type,
        input.registration_level,
        input.registered_on,
        input.supervising_unit,
        input.direct_registration,
        input.address,
        input.division_code,
        input.legal_representative,
        input.industry,
        input.guidance_category,
        input.relationship,
        input.tags.as_slice(),
        input.notes,
        input.contact_interval_days,
        input.service_domains.as_slice() as &[&str],
        own.contact_person,
        own.contact_phone,
        own.contact_email,
        own.fulltime_staff,
        own.volunteers,
        own.social_workers,
        own.annual_revenue_fen,
        own.funding_sources.as_slice() as &[&str],
        own.activities,
        own.working_methods
    )
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Saves an organization account's edit of its self-service fields.
pub async fn update_self_service(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    own: &SelfServiceInput,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update organizations set
             contact_person = $3, contact_phone = $4, contact_email = $5, fulltime_staff = $6,
             volunteers = $7, social_workers = $8, annual_revenue_fen = $9, funding_sources = $10,
             activities = $11, working_methods = $12, updated_at = now(), version = version + 1
         where id = $1 and version = $2",
        id,
        version,
        own.contact_person,
        own.contact_phone,
        own.contact_email,
        own.fulltime_staff,
        own.volunteers,
        own.social_workers,
        own.annual_revenue_fen,
        own.funding_sources.as_slice() as &[&str],
        own.activities,
        own.working_methods
    )
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Changes the status (and the credit flags) with a reason, if still at `version`.
pub async fn set_status(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    change: &StatusChange,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update organizations set status = $3, status_reason = $4, abnormal_operation = $5,
                                  serious_violation = $6, updated_at = now(), version = version + 1
          where id = $1 and version = $2",
        id,
        version,
        change.status,
        change.reason,
        change.abnormal_operation,
        change.serious_violation
    )
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// A status change and its reason.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StatusChange {
    pub status: &'static str,
    pub reason: String,
    pub abnormal_operation: bool,
    pub serious_violation: bool,
}

/// An account of the organization, as its page lists it.
#[derive(Debug)]
pub struct AccountRow {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub disabled: bool,
}

/// The accounts bound to an organization, by username.
pub async fn accounts(conn: &mut PgConnection, org_id: Uuid) -> sqlx::Result<Vec<AccountRow>> {
    sqlx::query_as!(
        AccountRow,
        r#"select id, username, display_name, disabled_at is not null as "disabled!"
             from users where org_id = $1 order by username"#,
        org_id
    )
    .fetch_all(conn)
    .await
}

/// A project an organization delivered, with its final grade.
#[derive(Clone, Debug)]
pub struct RecordRow {
    pub project_id: Uuid,
    pub code: String,
    pub title: String,
    pub purchaser: String,
    pub closed_on: NaiveDate,
    pub amount_fen: i64,
    pub total_hundredths: Option<i32>,
    pub grade: Option<String>,
}

impl RecordRow {
    pub fn score(&self) -> String {
        self.total_hundredths
            .map(|t| two_decimals(i64::from(t)))
            .unwrap_or_default()
    }

    pub fn amount(&self) -> String {
        Fen(self.amount_fen).wan_yuan()
    }
}

/// The closed projects an organization held a contract for, the latest closed
/// first, as the database function returns them (nothing for a caller who may
/// not read the organization). The grade and score are missing until the
/// final evaluation.
pub async fn track_record(conn: &mut PgConnection, org_id: Uuid) -> sqlx::Result<Vec<RecordRow>> {
    sqlx::query_as!(
        RecordRow,
        r#"select project_id as "project_id!", code as "code!", title as "title!",
                  purchaser as "purchaser!", closed_on as "closed_on!", amount_fen as "amount_fen!",
                  total_hundredths as "total_hundredths?", grade as "grade?"
             from organization_track_record($1)"#,
        org_id
    )
    .fetch_all(conn)
    .await
}
