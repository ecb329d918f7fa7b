//! The queries of worker needs. Row-level security keeps every one of them to
//! the actor's scope.

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::forms::NeedInput;
use super::{Priority, Source};
use crate::db::list::{
    CappedCount, CountQuery, ListScope, Order, Paged, Position, ScopeColumns, stream_rows,
};
use crate::orgs::kinds::Domain;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NeedRow {
    pub id: Uuid,
    pub union_id: i64,
    pub union_path: String,
    pub union_name: String,
    pub title: String,
    #[sqlx(try_from = "String")]
    pub domain: Domain,
    pub description: Option<String>,
    #[sqlx(try_from = "String")]
    pub source: Source,
    pub workers_affected: i32,
    pub collected_on: NaiveDate,
    #[sqlx(try_from = "String")]
    pub priority: Priority,
    pub suitable_for_purchase: bool,
    pub suitability_reason: Option<String>,
    pub project_id: Option<Uuid>,
    pub project_code: Option<String>,
    pub project_title: Option<String>,
    pub project_status: Option<String>,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

/// The columns of a row, for the list's dynamic query (the checked queries
/// spell them out).
macro_rules! need_select {
    () => {
        "select n.id, n.union_id, n.union_path::text as union_path, u.name as union_name,
        n.title, n.domain, n.description, n.source, n.workers_affected, n.collected_on,
        n.priority, n.suitable_for_purchase, n.suitability_reason, n.project_id,
        p.code as project_code, p.title as project_title, p.status as project_status,
        n.created_at, n.version
   from needs n
   join unions u on u.id = n.union_id
   left join projects p on p.id = n.project_id"
    };
}

/// One need, if the actor may see it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<NeedRow>> {
    sqlx::query_as!(
        NeedRow,
        r#"select n.id, n.union_id, n.union_path::text as "union_path!", u.name as union_name,
                  n.title, n.domain as "domain: _", n.description, n.source as "source: _",
                  n.workers_affected, n.collected_on, n.priority as "priority: _",
                  n.suitable_for_purchase, n.suitability_reason, n.project_id,
                  p.code as "project_code?", p.title as "project_title?",
                  p.status as "project_status?", n.created_at, n.version
             from needs n
             join unions u on u.id = n.union_id
             left join projects p on p.id = n.project_id
            where n.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// The needs with these ids that the actor may see, oldest first.
pub async fn find_many(conn: &mut PgConnection, ids: &[Uuid]) -> sqlx::Result<Vec<NeedRow>> {
    sqlx::query_as!(
        NeedRow,
        r#"select n.id, n.union_id, n.union_path::text as "union_path!", u.name as union_name,
                  n.title, n.domain as "domain: _", n.description, n.source as "source: _",
                  n.workers_affected, n.collected_on, n.priority as "priority: _",
                  n.suitable_for_purchase, n.suitability_reason, n.project_id,
                  p.code as "project_code?", p.title as "project_title?",
                  p.status as "project_status?", n.created_at, n.version
             from needs n
             join unions u on u.id = n.union_id
             left join projects p on p.id = n.project_id
            where n.id = any($1) order by n.collected_on, n.id"#,
        ids
    )
    .fetch_all(conn)
    .await
}

/// The needs a project was drafted from.
pub async fn of_project(conn: &mut PgConnection, project_id: Uuid) -> sqlx::Result<Vec<NeedRow>> {
    sqlx::query_as!(
        NeedRow,
        r#"select n.id, n.union_id, n.union_path::text as "union_path!", u.name as union_name,
                  n.title, n.domain as "domain: _", n.description, n.source as "source: _",
                  n.workers_affected, n.collected_on, n.priority as "priority: _",
                  n.suitable_for_purchase, n.suitability_reason, n.project_id,
                  p.code as "project_code?", p.title as "project_title?",
                  p.status as "project_status?", n.created_at, n.version
             from needs n
             join unions u on u.id = n.union_id
             left join projects p on p.id = n.project_id
            where n.project_id = $1 order by n.collected_on, n.id"#,
        project_id
    )
    .fetch_all(conn)
    .await
}

/// What the list is narrowed to.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub q: Option<String>,
    pub domain: Option<Domain>,
    pub source: Option<Source>,
    pub priority: Option<Priority>,
    pub suitable: Option<bool>,
    /// Whether a project was drafted from the need.
    pub in_project: Option<bool>,
    /// The reader's scope, spelled for the indexes.
    pub scope: ListScope,
}

/// How a list of needs says the reader's scope.
const SCOPE_COLUMNS: ScopeColumns = ScopeColumns::path("n.union_path");

/// The need list's order: the most recently collected first.
const NEWEST_FIRST: [(&str, &str); 2] = [("n.collected_on", "date"), ("n.id", "uuid")];

fn push_filters(q: &mut QueryBuilder<Postgres>, filter: &Filter) {
    if let Some(text) = &filter.q {
        q.push(" and n.title ilike ")
            .push_bind(format!("%{}%", crate::web::format::like_escape(text)));
    }
    if let Some(domain) = filter.domain {
        q.push(" and n.domain = ").push_bind(domain.as_str());
    }
    if let Some(source) = filter.source {
        q.push(" and n.source = ").push_bind(source.as_str());
    }
    if let Some(priority) = filter.priority {
        q.push(" and n.priority = ").push_bind(priority.as_str());
    }
    if let Some(suitable) = filter.suitable {
        q.push(" and n.suitable_for_purchase = ")
            .push_bind(suitable);
    }
    match filter.in_project {
        Some(true) => {
            q.push(" and n.project_id is not null");
        }
        Some(false) => {
            q.push(" and n.project_id is null");
        }
        None => {}
    }
    filter.scope.push(q, &SCOPE_COLUMNS);
}

/// One page of needs, the most recently collected first.
pub async fn list(
    conn: &mut PgConnection,
    filter: &Filter,
    position: &Position,
) -> sqlx::Result<Paged<NeedRow>> {
    let mut q = QueryBuilder::<Postgres>::new(need_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    Order::newest_first(&NEWEST_FIRST).push_page(&mut q, position);
    let rows: Vec<NeedRow> = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| {
        vec![row.collected_on.to_string(), row.id.to_string()]
    }))
}

/// Every need the filter finds, the most recently collected first, as the
/// cursor reads them (the export).
pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    filter: &Filter,
) -> BoxStream<'c, sqlx::Result<NeedRow>> {
    let mut q = QueryBuilder::<Postgres>::new(need_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    Order::newest_first(&NEWEST_FIRST).push_order(&mut q, &Position::Start);
    stream_rows(q, conn)
}

pub async fn count(conn: &mut PgConnection, filter: &Filter) -> sqlx::Result<CappedCount> {
    let mut count = CountQuery::new("needs n");
    push_filters(count.conditions(), filter);
    count.fetch(conn, None).await
}

/// The needs the actor sees whose (union, title, collection date) is one of
/// the given triples, the newest record first (the order an export lists
/// them in): an imported row without a record id finds its record so.
pub async fn with_keys(
    conn: &mut PgConnection,
    union_ids: &[i64],
    titles: &[String],
    dates: &[NaiveDate],
) -> sqlx::Result<Vec<NeedRow>> {
    sqlx::query_as!(
        NeedRow,
        r#"select n.id, n.union_id, n.union_path::text as "union_path!", u.name as union_name,
                  n.title, n.domain as "domain: _", n.description, n.source as "source: _",
                  n.workers_affected, n.collected_on, n.priority as "priority: _",
                  n.suitable_for_purchase, n.suitability_reason, n.project_id,
                  p.code as "project_code?", p.title as "project_title?",
                  p.status as "project_status?", n.created_at, n.version
             from needs n
             join unions u on u.id = n.union_id
             left join projects p on p.id = n.project_id
            where (n.union_id, n.title, n.collected_on) in
                  (select * from unnest($1::int8[], $2::text[], $3::date[]))
            order by n.id desc"#,
        union_ids,
        titles,
        dates
    )
    .fetch_all(conn)
    .await
}

/// The unions in the actor's scope with this name, as (id, path): an
/// imported row may name its union so.
pub async fn unions_named(conn: &mut PgConnection, name: &str) -> sqlx::Result<Vec<(i64, String)>> {
    let rows = sqlx::query!(
        r#"select id, path::text as "path!" from unions where name = $1 order by id"#,
        name
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.path)).collect())
}

/// Records a need; returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    input: &NeedInput,
    created_by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into needs (union_id, title, domain, description, source, workers_affected,
                            collected_on, priority, suitable_for_purchase, suitability_reason,
                            created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id",
        input.union_id,
        input.title,
        input.domain,
        input.description,
        input.source,
        input.workers_affected,
        input.collected_on,
        input.priority,
        input.suitable_for_purchase,
        input.suitability_reason,
        created_by
    )
    .fetch_one(conn)
    .await
}

/// Saves the need if nobody saved it since `version`; `false` when someone did.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    input: &NeedInput,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update needs set union_id = $3, title = $4, domain = $5, description = $6, source = $7,
                workers_affected = $8, collected_on = $9, priority = $10,
                suitable_for_purchase = $11, suitability_reason = $12,
                updated_at = now(), version = version + 1
          where id = $1 and version = $2",
        id,
        version,
        input.union_id,
        input.title,
        input.domain,
        input.description,
        input.source,
        input.workers_affected,
        input.collected_on,
        input.priority,
        input.suitable_for_purchase,
        input.suitability_reason
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
