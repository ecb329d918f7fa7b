//! The queries of contracts and their installments. The purchaser's scope sees
//! them; the organization its own; the supervisor those it supervises.

use chrono::NaiveDate;
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::forms::ContractInput;
use crate::db::list::{ListScope, Order, Paged, Position, ScopeColumns, stream_rows};

/// How a list of contracts says the reader's scope.
pub const SCOPE_COLUMNS: ScopeColumns = ScopeColumns {
    org: Some("c.org_id"),
    supervisor: Some("c.supervisor_id"),
    ..ScopeColumns::path("c.union_path")
};

#[derive(Clone, Debug)]
pub struct ContractRow {
    pub id: Uuid,
    pub project_id: Uuid,
    pub union_path: String,
    pub application_id: Uuid,
    pub org_id: Uuid,
    pub org_name: String,
    pub amount_fen: i64,
    pub service_starts_on: NaiveDate,
    pub service_ends_on: NaiveDate,
    pub supervisor_id: Uuid,
    pub supervisor_name: String,
    pub report_cycle: String,
    pub signed_on: NaiveDate,
    pub signed_file_id: Option<Uuid>,
}

/// The contract `id`, if the reader may see it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<ContractRow>> {
    sqlx::query_as!(
        ContractRow,
        r#"select c.id, c.project_id, c.union_path::text as "union_path!", c.application_id,
                  c.org_id, organization_public_name(c.org_id) as "org_name!", c.amount_fen,
                  c.service_starts_on, c.service_ends_on, c.supervisor_id,
                  coalesce((select display_name from evaluator_pool(c.union_path) e
                             where e.id = c.supervisor_id), '') as "supervisor_name!",
                  c.report_cycle, c.signed_on, c.signed_file_id
             from contracts c
            where c.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// The contracts of a project the reader may see, in the order signed.
pub async fn of_project(
    conn: &mut PgConnection,
    project_id: Uuid,
) -> sqlx::Result<Vec<ContractRow>> {
    sqlx::query_as!(
        ContractRow,
        r#"select c.id, c.project_id, c.union_path::text as "union_path!", c.application_id,
                  c.org_id, organization_public_name(c.org_id) as "org_name!", c.amount_fen,
                  c.service_starts_on, c.service_ends_on, c.supervisor_id,
                  coalesce((select display_name from evaluator_pool(c.union_path) e
                             where e.id = c.supervisor_id), '') as "supervisor_name!",
                  c.report_cycle, c.signed_on, c.signed_file_id
             from contracts c
            where c.project_id = $1
            order by c.signed_on, c.id"#,
        project_id
    )
    .fetch_all(conn)
    .await
}

#[derive(Clone, Debug)]
pub struct InstallmentRow {
    pub position: i16,
    pub percent: i16,
    pub condition: String,
}

/// A contract's installments, in order.
pub async fn installments(
    conn: &mut PgConnection,
    contract_id: Uuid,
) -> sqlx::Result<Vec<InstallmentRow>> {
    sqlx::query_as!(
        InstallmentRow,
        "select position, percent, condition from contract_installments
          where contract_id = $1 order by position",
        contract_id
    )
    .fetch_all(conn)
    .await
}

/// Writes a contract with its installments under the id `id`; `false` when
/// the application has its contract already (a form sent twice).
pub async fn insert(
    conn: &mut PgConnection,
    id: Uuid,
    application: (Uuid, Uuid, Uuid, &str),
    input: &ContractInput,
    signed_file_id: Uuid,
    created_by: Uuid,
) -> sqlx::Result<bool> {
    let (project_id, application_id, org_id, union_path) = application;
    let done = sqlx::query!(
        "insert into contracts (id, project_id, union_path, application_id, org_id, amount_fen,
                                service_starts_on, service_ends_on, supervisor_id, report_cycle,
                                signed_on, signed_file_id, created_by)
         values ($1, $2, $3::text::ltree, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         on conflict (application_id) do nothing",
        id,
        project_id,
        union_path,
        application_id,
        org_id,
        input.amount_fen,
        input.service_starts_on,
        input.service_ends_on,
        input.supervisor_id,
        input.report_cycle,
        input.signed_on,
        signed_file_id,
        created_by
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    for (i, (percent, condition)) in input.installments.iter().enumerate() {
        sqlx::query!(
            "insert into contract_installments (contract_id, union_path, position, percent, condition)
             values ($1, $2::text::ltree, $3, $4, $5)",
            id,
            union_path,
            i16::try_from(i + 1).unwrap_or(i16::MAX),
            percent,
            condition
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

/// Whether every awarded application of a project has its contract.
pub async fn all_awarded_contracted(
    conn: &mut PgConnection,
    project_id: Uuid,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select not exists (select 1 from applications a
                               where a.project_id = $1 and a.status = 'awarded'
                                 and not exists (select 1 from contracts c where c.application_id = a.id))
                  as "all_contracted!""#,
        project_id
    )
    .fetch_one(conn)
    .await
}

/// An evaluator account a contract may name.
#[derive(Clone, Debug)]
pub struct EvaluatorOption {
    pub id: Uuid,
    pub display_name: String,
    pub union_name: String,
}

/// The evaluator accounts a contract of the scope `path` may name as its
/// supervisor.
pub async fn evaluator_pool(
    conn: &mut PgConnection,
    path: &str,
) -> sqlx::Result<Vec<EvaluatorOption>> {
    sqlx::query_as!(
        EvaluatorOption,
        r#"select id as "id!", display_name as "display_name!", union_name as "union_name!"
             from evaluator_pool($1::text::ltree)"#,
        path
    )
    .fetch_all(conn)
    .await
}

/// One line of the contract list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ContractLine {
    pub id: Uuid,
    pub project_code: String,
    pub project_title: String,
    pub project_status: String,
    pub org_name: String,
    pub amount_fen: i64,
    pub service_starts_on: NaiveDate,
    pub service_ends_on: NaiveDate,
    pub signed_on: NaiveDate,
}

/// The contract list's order: the latest signed first.
const LATEST_SIGNED_FIRST: [(&str, &str); 2] = [("c.signed_on", "date"), ("c.id", "uuid")];

/// Appends the contract list's conditions to `q` (which ends in a `where`):
/// the reader's scope, the list's only filter. The page and the export share it.
fn push_conditions(q: &mut QueryBuilder<Postgres>, scope: &ListScope) {
    scope.push(q, &SCOPE_COLUMNS);
}

/// A page of the contracts in `scope`, the latest signed first.
pub async fn list(
    conn: &mut PgConnection,
    scope: &ListScope,
    position: &Position,
) -> sqlx::Result<Paged<ContractLine>> {
    let mut q: QueryBuilder<Postgres> = QueryBuilder::new(
        "select c.id, p.code as project_code, p.title as project_title, p.status as project_status,
                organization_public_name(c.org_id) as org_name, c.amount_fen, c.service_starts_on,
                c.service_ends_on, c.signed_on
           from contracts c join projects p on p.id = c.project_id
          where true",
    );
    push_conditions(&mut q, scope);
    Order::newest_first(&LATEST_SIGNED_FIRST).push_page(&mut q, position);
    let rows = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |c: &ContractLine| {
        vec![c.signed_on.to_string(), c.id.to_string()]
    }))
}

/// A contract as exported: the list's line with the organization's credit
/// code (where the reader may see its record) and what has been paid.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ContractExportRow {
    pub id: Uuid,
    pub project_code: String,
    pub project_title: String,
    pub project_status: String,
    pub org_name: String,
    pub org_credit_code: Option<String>,
    pub amount_fen: i64,
    pub paid_fen: i64,
    pub service_starts_on: NaiveDate,
    pub service_ends_on: NaiveDate,
    pub signed_on: NaiveDate,
}

/// Every contract of the list in `scope`, in the list's order.
pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    scope: &ListScope,
) -> BoxStream<'c, sqlx::Result<ContractExportRow>> {
    let mut q: QueryBuilder<Postgres> = QueryBuilder::new(
        "select c.id, p.code as project_code, p.title as project_title, p.status as project_status,
                organization_public_name(c.org_id) as org_name, o.credit_code as org_credit_code,
                c.amount_fen,
                (select coalesce(sum(pm.amount_fen), 0)::int8 from payments pm
                  where pm.contract_id = c.id) as paid_fen,
                c.service_starts_on, c.service_ends_on, c.signed_on
           from contracts c join projects p on p.id = c.project_id
           left join organizations o on o.id = c.org_id
          where true",
    );
    push_conditions(&mut q, scope);
    Order::newest_first(&LATEST_SIGNED_FIRST).push_order(&mut q, &Position::Start);
    stream_rows(q, conn)
}
