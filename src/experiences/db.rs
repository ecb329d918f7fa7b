//! The queries of typical experiences. Row-level security keeps every one of
//! them to the actor's scope, and lets every union cadre read the featured
//! published ones.

use chrono::{DateTime, Utc};
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::forms::ExperienceInput;
use super::{ExperienceKind, ExperienceStatus};
use crate::db::list::{
    CappedCount, CountQuery, ListScope, Order, Paged, Position, ScopeColumns, stream_rows,
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ExperienceRow {
    pub id: Uuid,
    pub union_id: i64,
    pub union_path: String,
    /// The union's name today where the reader sees the union, else as saved.
    pub union_name: String,
    pub kind: ExperienceKind,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub status: ExperienceStatus,
    pub featured: bool,
    pub featured_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

macro_rules! experience_select {
    () => {
        "select e.id, e.union_id, e.union_path::text as union_path,
        coalesce(u.name, e.union_name) as union_name, e.kind, e.title, e.summary, e.body,
        e.status, e.featured, e.featured_at, e.published_at, e.created_at, e.version
   from experiences e
   left join unions u on u.id = e.union_id"
    };
}

/// One experience, if the actor may see it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<ExperienceRow>> {
    sqlx::query_as!(
        ExperienceRow,
        r#"select e.id, e.union_id, e.union_path::text as "union_path!",
                  coalesce(u.name, e.union_name) as "union_name!", e.kind as "kind: _", e.title,
                  e.summary, e.body, e.status as "status: _", e.featured, e.featured_at,
                  e.published_at, e.created_at, e.version
             from experiences e
             left join unions u on u.id = e.union_id
            where e.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// The featured published experiences, the most recently featured first: what
/// every union cadre's home page shows.
pub async fn featured(conn: &mut PgConnection) -> sqlx::Result<Vec<ExperienceRow>> {
    sqlx::query_as!(
        ExperienceRow,
        r#"select e.id, e.union_id, e.union_path::text as "union_path!",
                  coalesce(u.name, e.union_name) as "union_name!", e.kind as "kind: _", e.title,
                  e.summary, e.body, e.status as "status: _", e.featured, e.featured_at,
                  e.published_at, e.created_at, e.version
             from experiences e
             left join unions u on u.id = e.union_id
            where e.featured and e.status = 'published'
            order by e.featured_at desc, e.id
            limit $1"#,
        super::FEATURED_MAX
    )
    .fetch_all(conn)
    .await
}

#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub q: Option<String>,
    pub kind: Option<ExperienceKind>,
    pub status: Option<ExperienceStatus>,
    pub featured: Option<bool>,
    pub province: Option<String>,
    pub scope: ListScope,
}

const SCOPE_COLUMNS: ScopeColumns = ScopeColumns {
    province: Some("e.province"),
    ..ScopeColumns::path("e.union_path")
};

const NEWEST_FIRST: [(&str, &str); 2] = [("e.created_at", "timestamptz"), ("e.id", "uuid")];

fn push_filters(q: &mut QueryBuilder<Postgres>, filter: &Filter) {
    if let Some(text) = &filter.q {
        q.push(" and e.title ilike ")
            .push_bind(format!("%{}%", crate::web::format::like_escape(text)));
    }
    if let Some(kind) = filter.kind {
        q.push(" and e.kind = ").push_bind(kind.as_str());
    }
    if let Some(status) = filter.status {
        q.push(" and e.status = ").push_bind(status.as_str());
    }
    if let Some(featured) = filter.featured {
        q.push(" and e.featured = ").push_bind(featured);
    }
    if let Some(province) = &filter.province {
        q.push(" and e.province = ").push_bind(province.clone());
    }
    // The list is the scope's: another province's featured experiences are
    // read from the home page, not listed here.
    filter.scope.push(q, &SCOPE_COLUMNS);
}

pub async fn list(
    conn: &mut PgConnection,
    filter: &Filter,
    position: &Position,
) -> sqlx::Result<Paged<ExperienceRow>> {
    let mut q = QueryBuilder::<Postgres>::new(experience_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    Order::newest_first(&NEWEST_FIRST).push_page(&mut q, position);
    let rows: Vec<ExperienceRow> = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| {
        vec![row.created_at.to_rfc3339(), row.id.to_string()]
    }))
}

pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    filter: &Filter,
) -> BoxStream<'c, sqlx::Result<ExperienceRow>> {
    let mut q = QueryBuilder::<Postgres>::new(experience_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    Order::newest_first(&NEWEST_FIRST).push_order(&mut q, &Position::Start);
    stream_rows(q, conn)
}

pub async fn count(conn: &mut PgConnection, filter: &Filter) -> sqlx::Result<CappedCount> {
    let mut count = CountQuery::new("experiences e");
    push_filters(count.conditions(), filter);
    count.fetch(conn, None).await
}

pub async fn insert(
    conn: &mut PgConnection,
    input: &ExperienceInput,
    created_by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into experiences (union_id, union_name, kind, title, summary, body, created_by)
         values ($1, (select name from unions where id = $1), $2, $3, $4, $5, $6) returning id",
        input.union_id,
        input.kind,
        input.title,
        input.summary,
        input.body,
        created_by
    )
    .fetch_one(conn)
    .await
}

/// Saves the experience if nobody saved it since `version`.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    input: &ExperienceInput,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update experiences
            set union_id = $3, union_name = coalesce((select name from unions where id = $3),
                                                     union_name),
                kind = $4, title = $5, summary = $6, body = $7, updated_at = now(),
                version = version + 1
          where id = $1 and version = $2",
        id,
        version,
        input.union_id,
        input.kind,
        input.title,
        input.summary,
        input.body
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves the experience from `from` to `to`; `false` when it was not in `from`.
pub async fn advance(
    conn: &mut PgConnection,
    id: Uuid,
    from: ExperienceStatus,
    to: ExperienceStatus,
    by: Uuid,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update experiences
            set status = $3,
                submitted_at = case when $3 = 'submitted' then now() else submitted_at end,
                published_at = case when $3 = 'published' then now() else published_at end,
                published_by = case when $3 = 'published' then $4 else published_by end,
                updated_at = now(), version = version + 1
          where id = $1 and status = $2",
        id,
        from.as_str(),
        to.as_str(),
        by
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Features a published experience, un-featuring the oldest featured ones
/// beyond the set's size; returns the ids un-featured so. `None` when the
/// experience is not published.
pub async fn feature(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Vec<Uuid>>> {
    let done = sqlx::query!(
        "update experiences set featured = true, featured_at = now(), updated_at = now(),
                version = version + 1
          where id = $1 and status = 'published'",
        id
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(None);
    }
    let dropped = sqlx::query_scalar!(
        "update experiences set featured = false, featured_at = null, updated_at = now(),
                version = version + 1
          where id in (select id from experiences where featured and status = 'published'
                        order by featured_at desc, id offset $1)
          returning id",
        super::FEATURED_MAX
    )
    .fetch_all(conn)
    .await?;
    Ok(Some(dropped))
}

pub async fn unfeature(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update experiences set featured = false, featured_at = null, updated_at = now(),
                version = version + 1
          where id = $1",
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A project or organization an experience links to.
#[derive(Clone, Debug)]
pub struct LinkRow {
    pub target_kind: String,
    pub target_id: Uuid,
    /// As the writer named it.
    pub key: String,
    pub label: String,
}

pub async fn links(conn: &mut PgConnection, experience_id: Uuid) -> sqlx::Result<Vec<LinkRow>> {
    sqlx::query_as!(
        LinkRow,
        "select target_kind, target_id, target_key as key, label from experience_links
          where experience_id = $1 order by target_kind desc, label, target_id",
        experience_id
    )
    .fetch_all(conn)
    .await
}

/// A link to write: (kind, id, key as typed, label).
pub type NewLink = (&'static str, Uuid, String, String);

/// Replaces the experience's links with `links`.
pub async fn set_links(
    conn: &mut PgConnection,
    experience_id: Uuid,
    union_path: &str,
    links: &[NewLink],
) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from experience_links where experience_id = $1",
        experience_id
    )
    .execute(&mut *conn)
    .await?;
    for (kind, target, key, label) in links {
        sqlx::query!(
            "insert into experience_links (experience_id, union_path, target_kind, target_id,
                                           target_key, label)
             values ($1, $2::text::ltree, $3, $4, $5, $6)",
            experience_id,
            union_path,
            kind,
            target,
            key,
            label
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The projects of the actor's scope with these codes, as (code, id, title).
pub async fn projects_coded(
    conn: &mut PgConnection,
    codes: &[String],
) -> sqlx::Result<Vec<(String, Uuid, String)>> {
    let rows = sqlx::query!(
        "select code, id, title from projects where code = any($1)",
        codes
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.code, r.id, r.title)).collect())
}

/// The organizations of the province `province` (`cn.u20`) in the actor's
/// scope with these credit codes or exact names, as (what matched, id, name).
pub async fn organizations_named(
    conn: &mut PgConnection,
    province: &str,
    keys: &[String],
) -> sqlx::Result<Vec<(String, Uuid, String)>> {
    let rows = sqlx::query!(
        r#"select coalesce(o.credit_code, o.name) as "key!", o.id as "id!", o.name as "name!"
             from organizations o where o.province = $2 and o.credit_code = any($1)
           union all
           select o.name, o.id, o.name from organizations o
            where o.province = $2 and o.name = any($1)"#,
        keys,
        province
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.key, r.id, r.name)).collect())
}
