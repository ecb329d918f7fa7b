//! The queries of indicator systems. Published systems are read by everyone;
//! drafts only in their union's scope (row-level security).

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::tree::Tree;
use super::{Kind, SystemStatus};

#[derive(Clone, Debug)]
pub struct SystemRow {
    pub id: Uuid,
    pub union_id: i64,
    pub union_path: String,
    pub union_name: String,
    pub kind: Kind,
    pub name: String,
    pub lineage: Uuid,
    pub version: i32,
    pub status: SystemStatus,
    pub excellent_min: i16,
    pub good_min: i16,
    pub pass_min: i16,
    pub published_at: Option<DateTime<Utc>>,
}

/// One indicator as stored.
#[derive(Clone, Debug)]
pub struct IndicatorRow {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub weight: i16,
    pub guidance: Option<String>,
}

impl IndicatorRow {
    pub fn is_top(&self) -> bool {
        !self.code.contains('.')
    }
}

/// A published system a project may use.
#[derive(Clone, Debug)]
pub struct SystemOption {
    pub id: Uuid,
    pub name: String,
    pub version: i32,
    pub union_name: String,
}

/// A system, if the actor sees it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<SystemRow>> {
    sqlx::query_as!(
        SystemRow,
        r#"select s.id, s.union_id, s.union_path::text as "union_path!",
                  union_public_name(s.union_id) as "union_name!", s.kind as "kind: _", s.name,
                  s.lineage, s.version, s.status as "status: _", s.excellent_min, s.good_min,
                  s.pass_min, s.published_at
             from indicator_systems s
            where s.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// Every system the actor sees that is current (published) or being drafted,
/// by kind, the nearest union's first.
pub async fn list(conn: &mut PgConnection) -> sqlx::Result<Vec<SystemRow>> {
    sqlx::query_as!(
        SystemRow,
        r#"select s.id, s.union_id, s.union_path::text as "union_path!",
                  union_public_name(s.union_id) as "union_name!", s.kind as "kind: _", s.name,
                  s.lineage, s.version, s.status as "status: _", s.excellent_min, s.good_min,
                  s.pass_min, s.published_at
             from indicator_systems s
            where s.status <> 'superseded'
            order by s.kind, nlevel(s.union_path), s.name, s.version"#
    )
    .fetch_all(conn)
    .await
}

/// The versions of one system, newest first.
pub async fn versions(conn: &mut PgConnection, lineage: Uuid) -> sqlx::Result<Vec<SystemRow>> {
    sqlx::query_as!(
        SystemRow,
        r#"select s.id, s.union_id, s.union_path::text as "union_path!",
                  union_public_name(s.union_id) as "union_name!", s.kind as "kind: _", s.name,
                  s.lineage, s.version, s.status as "status: _", s.excellent_min, s.good_min,
                  s.pass_min, s.published_at
             from indicator_systems s
            where s.lineage = $1 order by s.version desc"#,
        lineage
    )
    .fetch_all(conn)
    .await
}

/// A system's indicators in code order (1, 1.1, 1.2, 2, 10).
pub async fn indicators(
    conn: &mut PgConnection,
    system_id: Uuid,
) -> sqlx::Result<Vec<IndicatorRow>> {
    let mut rows = sqlx::query_as!(
        IndicatorRow,
        "select id, code, name, weight, guidance from indicators where system_id = $1",
        system_id
    )
    .fetch_all(conn)
    .await?;
    rows.sort_by_key(|r| {
        r.code
            .split('.')
            .filter_map(|p| p.parse::<u32>().ok())
            .collect::<Vec<_>>()
    });
    Ok(rows)
}

/// The names (with their versions) of these systems, as (id, name).
pub async fn names_of(conn: &mut PgConnection, ids: &[Uuid]) -> sqlx::Result<Vec<(Uuid, String)>> {
    let rows = sqlx::query!(
        r#"select id, name || ' v' || version as "name!" from indicator_systems
            where id = any($1)"#,
        ids
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| (row.id, row.name)).collect())
}

/// The published systems of `kind` that a union at `path` may use: its own and
/// those of the unions above it, the nearest first.
pub async fn published_for(
    conn: &mut PgConnection,
    path: &str,
    kind: Kind,
) -> sqlx::Result<Vec<SystemOption>> {
    sqlx::query_as!(
        SystemOption,
        r#"select s.id, s.name, s.version, union_public_name(s.union_id) as "union_name!"
             from indicator_systems s
            where s.status = 'published' and s.kind = $2 and s.union_path @> $1::text::ltree
            order by nlevel(s.union_path) desc, s.name"#,
        path,
        kind.as_str()
    )
    .fetch_all(conn)
    .await
}

/// The draft of a lineage, if one is being written.
pub async fn draft_of(conn: &mut PgConnection, lineage: Uuid) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select id from indicator_systems where lineage = $1 and status = 'draft'",
        lineage
    )
    .fetch_optional(conn)
    .await
}

/// A new draft: version 1 of a new lineage when `lineage` is `None`, else the
/// next version of that lineage. Its indicators are `source`'s.
pub async fn create_draft(
    conn: &mut PgConnection,
    union_id: i64,
    source: &SystemRow,
    lineage: Option<Uuid>,
    created_by: Uuid,
) -> sqlx::Result<Uuid> {
    let id = Uuid::new_v4();
    let (lineage, version) = match lineage {
        Some(lineage) => {
            let last = sqlx::query_scalar!(
                r#"select coalesce(max(version), 0) as "last!" from indicator_systems
                    where lineage = $1"#,
                lineage
            )
            .fetch_one(&mut *conn)
            .await?;
            (lineage, last + 1)
        }
        None => (id, 1),
    };
    sqlx::query!(
        "insert into indicator_systems (id, union_id, kind, name, lineage, version,
                                        excellent_min, good_min, pass_min, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        id,
        union_id,
        source.kind.as_str(),
        source.name,
        lineage,
        version,
        source.excellent_min,
        source.good_min,
        source.pass_min,
        created_by
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into indicators (system_id, code, name, weight, guidance)
         select $1, code, name, weight, guidance from indicators where system_id = $2",
        id,
        source.id
    )
    .execute(&mut *conn)
    .await?;
    link_parents(conn, id).await?;
    Ok(id)
}

/// Points each indicator of a system at its parent, found by its code.
async fn link_parents(conn: &mut PgConnection, system_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update indicators c set parent_id = p.id
           from indicators p
          where c.system_id = $1 and p.system_id = $1 and c.code like '%.%'
            and p.code = regexp_replace(c.code, '\\.[0-9]+$', '')",
        system_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Replaces a draft's name, thresholds and indicators; `false` if it is no
/// longer a draft.
pub async fn save_draft(conn: &mut PgConnection, id: Uuid, tree: &Tree) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update indicator_systems set name = $2, excellent_min = $3, good_min = $4, pass_min = $5
          where id = $1 and status = 'draft'",
        id,
        tree.name,
        tree.excellent_min,
        tree.good_min,
        tree.pass_min
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query!("delete from indicators where system_id = $1", id)
        .execute(&mut *conn)
        .await?;
    for node in &tree.nodes {
        sqlx::query!(
            "insert into indicators (system_id, code, name, weight, guidance)
             values ($1, $2, $3, $4, $5)",
            id,
            node.code,
            node.name,
            node.weight,
            node.guidance
        )
        .execute(&mut *conn)
        .await?;
    }
    link_parents(conn, id).await?;
    Ok(true)
}

/// Publishes a draft, superseding the lineage's published version; `false` if
/// it is no longer a draft.
pub async fn publish(conn: &mut PgConnection, id: Uuid, lineage: Uuid) -> sqlx::Result<bool> {
    sqlx::query!(
        "update indicator_systems set status = 'superseded'
          where lineage = $1 and status = 'published'",
        lineage
    )
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query!(
        "update indicator_systems set status = 'published', published_at = now()
          where id = $1 and status = 'draft'",
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
