//! The queries of partners and their co-funded projects. Row-level security
//! keeps every one of them to the actor's scope.

use chrono::{DateTime, Utc};
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::forms::PartnerInput;
use super::{Brings, PartnerKind};
use crate::db::list::{
    CappedCount, CountQuery, ListScope, Order, Paged, Position, ScopeColumns, stream_rows,
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PartnerRow {
    pub id: Uuid,
    pub union_id: i64,
    pub union_path: String,
    pub union_name: String,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub kind: PartnerKind,
    pub brings: Vec<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub description: Option<String>,
    /// The projects it co-funds that the reader sees.
    pub projects: i64,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

impl PartnerRow {
    /// What it brings, as the catalog keys of their names.
    pub fn brings_keys(&self) -> Vec<&'static str> {
        self.brings
            .iter()
            .filter_map(|b| Brings::parse(b))
            .map(Brings::label_key)
            .collect()
    }
}

/// The columns of a partner, for the list's dynamic query (the checked query
/// spells them out).
macro_rules! partner_select {
    () => {
        "select p.id, p.union_id, p.union_path::text as union_path, u.name as union_name,
        p.name, p.kind, p.brings, p.contact_name, p.contact_phone, p.contact_email,
        p.description,
        (select count(*) from partner_projects l where l.partner_id = p.id) as projects,
        p.created_at, p.version
   from partners p
   join unions u on u.id = p.union_id"
    };
}

/// One partner, if the actor may see it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<PartnerRow>> {
    sqlx::query_as!(
        PartnerRow,
        r#"select p.id, p.union_id, p.union_path::text as "union_path!", u.name as union_name,
                  p.name, p.kind as "kind: _", p.brings, p.contact_name, p.contact_phone,
                  p.contact_email, p.description,
                  (select count(*) from partner_projects l where l.partner_id = p.id)
                      as "projects!",
                  p.created_at, p.version
             from partners p
             join unions u on u.id = p.union_id
            where p.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// What the list is narrowed to.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub q: Option<String>,
    pub kind: Option<PartnerKind>,
    pub brings: Option<Brings>,
    pub scope: ListScope,
}

pub const SCOPE_COLUMNS: ScopeColumns = ScopeColumns {
    province: Some("p.province"),
    prefecture: Some("p.prefecture"),
    ..ScopeColumns::path("p.union_path")
};

/// By name.
const BY_NAME: [(&str, &str); 2] = [("p.name", "text"), ("p.id", "uuid")];

fn push_filters(q: &mut QueryBuilder<Postgres>, filter: &Filter) {
    if let Some(text) = &filter.q {
        q.push(" and p.name ilike ")
            .push_bind(format!("%{}%", crate::web::format::like_escape(text)));
    }
    if let Some(kind) = filter.kind {
        q.push(" and p.kind = ").push_bind(kind.as_str());
    }
    if let Some(brings) = filter.brings {
        q.push(" and p.brings @> array[")
            .push_bind(brings.as_str())
            .push("]");
    }
    filter.scope.push(q, &SCOPE_COLUMNS);
}

fn order(prefix: &str) -> Order<'_> {
    Order {
        columns: &BY_NAME,
        descending: false,
        prefix,
    }
}

/// One page of partners, by name.
pub async fn list(
    conn: &mut PgConnection,
    filter: &Filter,
    position: &Position,
) -> sqlx::Result<Paged<PartnerRow>> {
    let mut q = QueryBuilder::<Postgres>::new(partner_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    let prefix = filter.scope.order_prefix(&SCOPE_COLUMNS);
    order(&prefix).push_page(&mut q, position);
    let rows: Vec<PartnerRow> = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| {
        vec![row.name.clone(), row.id.to_string()]
    }))
}

/// Every partner the filter finds, by name (the export).
pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    filter: &Filter,
) -> BoxStream<'c, sqlx::Result<PartnerRow>> {
    let mut q = QueryBuilder::<Postgres>::new(partner_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    let prefix = filter.scope.order_prefix(&SCOPE_COLUMNS);
    order(&prefix).push_order(&mut q, &Position::Start);
    stream_rows(q, conn)
}

pub async fn count(conn: &mut PgConnection, filter: &Filter) -> sqlx::Result<CappedCount> {
    let mut count = CountQuery::new("partners p");
    push_filters(count.conditions(), filter);
    // Walks the list's index to the cap rather than reading every row.
    let order = format!("{}p.name, p.id", filter.scope.order_prefix(&SCOPE_COLUMNS));
    count.fetch(conn, Some(&order)).await
}

/// Records a partner; returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    input: &PartnerInput,
    created_by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into partners (union_id, name, kind, brings, contact_name, contact_phone,
                               contact_email, description, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
        input.union_id,
        input.name,
        input.kind,
        &input.brings as &[String],
        input.contact_name,
        input.contact_phone,
        input.contact_email,
        input.description,
        created_by
    )
    .fetch_one(conn)
    .await
}

/// Saves the partner if nobody saved it since `version`; `false` when someone did.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    input: &PartnerInput,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update partners set union_id = $3, name = $4, kind = $5, brings = $6,
                contact_name = $7, contact_phone = $8, contact_email = $9, description = $10,
                updated_at = now(), version = version + 1
          where id = $1 and version = $2",
        id,
        version,
        input.union_id,
        input.name,
        input.kind,
        &input.brings as &[String],
        input.contact_name,
        input.contact_phone,
        input.contact_email,
        input.description
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A co-funded project as the partner's page shows it.
#[derive(Clone, Debug)]
pub struct FundedProject {
    pub project_id: Uuid,
    pub code: String,
    pub title: String,
    pub union_name: String,
    pub amount_fen: Option<i64>,
}

/// The projects the partner co-funds that the reader sees.
pub async fn projects_of(
    conn: &mut PgConnection,
    partner_id: Uuid,
) -> sqlx::Result<Vec<FundedProject>> {
    sqlx::query_as!(
        FundedProject,
        r#"select l.project_id, pr.code, pr.title, u.name as union_name, l.amount_fen
             from partner_projects l
             join projects pr on pr.id = l.project_id
             join unions u on u.id = pr.union_id
            where l.partner_id = $1
            order by pr.code"#,
        partner_id
    )
    .fetch_all(conn)
    .await
}

/// A co-funder as the project's page shows it.
#[derive(Clone, Debug)]
pub struct CoFunder {
    pub partner_id: Uuid,
    pub partner_name: String,
    pub amount_fen: Option<i64>,
    /// Whether the reader sees the partner's record.
    pub visible: bool,
}

/// The co-funders of a project.
pub async fn co_funders(conn: &mut PgConnection, project_id: Uuid) -> sqlx::Result<Vec<CoFunder>> {
    sqlx::query_as!(
        CoFunder,
        r#"select l.partner_id, l.partner_name, l.amount_fen,
                  exists (select 1 from partners p where p.id = l.partner_id) as "visible!"
             from partner_projects l
            where l.project_id = $1
            order by l.created_at, l.partner_name"#,
        project_id
    )
    .fetch_all(conn)
    .await
}

/// The partners in the actor's scope, as (id, name), for the co-funder picker.
pub async fn picker(conn: &mut PgConnection, limit: i64) -> sqlx::Result<Vec<(Uuid, String)>> {
    let rows = sqlx::query!(
        "select id, name from partners order by name, id limit $1",
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.name)).collect())
}

/// Links a partner to a project as a co-funder; `false` when it already was.
pub async fn link(
    conn: &mut PgConnection,
    partner: &PartnerRow,
    (project_id, project_path): (Uuid, &str),
    amount_fen: Option<i64>,
    created_by: Uuid,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "insert into partner_projects (partner_id, project_id, union_path, partner_name,
                                       amount_fen, created_by)
         values ($1, $2, $3::text::ltree, $4, $5, $6)
         on conflict (partner_id, project_id) do nothing",
        partner.id,
        project_id,
        project_path,
        partner.name,
        amount_fen,
        created_by
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends a co-funding link; `false` when there was none.
pub async fn unlink(
    conn: &mut PgConnection,
    partner_id: Uuid,
    project_id: Uuid,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "delete from partner_projects where partner_id = $1 and project_id = $2",
        partner_id,
        project_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
