//! Queries on the union tree. Row-level security limits every one of them to
//! the actor's scope; nothing here filters by scope itself.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, Postgres, QueryBuilder};

use crate::db::list::{Order, Paged, Position};
use crate::identity::Level;
use crate::identity::Role;

#[derive(Clone, Debug)]
pub struct UnionRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub level: Level,
    pub name: String,
    pub division_code: Option<String>,
    pub path: String,
    /// Days between regular contacts with the organizations homed here.
    pub contact_interval_days: i32,
    /// Above this budget a project is approved at the provincial union (or
    /// above); read on provincial unions (and the national one).
    pub approval_threshold_fen: i64,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

/// The union `id`, if in scope.
pub async fn find(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<UnionRow>> {
    sqlx::query_as!(
        UnionRow,
        r#"select id, parent_id, level as "level: Level", name, division_code,
                  path::text as "path!", contact_interval_days, approval_threshold_fen,
                  version, updated_at
             from unions where id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// Finds a union by division code (six digits) or id (the command line's `--union`).
pub async fn find_by_id_or_code(
    conn: &mut PgConnection,
    key: &str,
) -> sqlx::Result<Option<UnionRow>> {
    if key.len() == 6 && key.bytes().all(|b| b.is_ascii_digit()) {
        let by_code = sqlx::query_as!(
            UnionRow,
            r#"select id, parent_id, level as "level: Level", name, division_code,
                      path::text as "path!", contact_interval_days, approval_threshold_fen,
                      version, updated_at
                 from unions where division_code = $1 and level <> 'grassroots'"#,
            key
        )
        .fetch_optional(&mut *conn)
        .await?;
        if by_code.is_some() {
            return Ok(by_code);
        }
    }
    match key.parse::<i64>() {
        Ok(id) => find(conn, id).await,
        Err(_) => Ok(None),
    }
}

/// The unions from `from_path` (inclusive) down to `to_path` (inclusive), in
/// order, as (id, name): the breadcrumbs inside the scope.
pub async fn chain(
    conn: &mut PgConnection,
    from_path: &str,
    to_path: &str,
) -> sqlx::Result<Vec<(i64, String)>> {
    let rows = sqlx::query!(
        "select id, name from unions
          where path @> $2::text::ltree and path <@ $1::text::ltree
          order by nlevel(path)",
        from_path,
        to_path
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| (row.id, row.name)).collect())
}

/// A child union as its parent's page lists it. (Read at run time: the
/// list's filter and page are built as needed.)
#[derive(Debug, sqlx::FromRow)]
pub struct ChildRow {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub level: Level,
    pub name: String,
    pub division_code: Option<String>,
    pub descendant_count: i64,
    pub user_count: i64,
}

/// The children of a union with the size of their subtrees, ordered by
/// division code (then name), optionally filtered by name or code.
pub async fn children(
    conn: &mut PgConnection,
    parent_id: i64,
    q: Option<&str>,
    position: &Position,
) -> sqlx::Result<Paged<ChildRow>> {
    let mut query = QueryBuilder::<Postgres>::new(
        "select c.id, c.level, c.name, c.division_code,
                union_subtree_unions(c.path) - 1 as descendant_count,
                union_subtree_users(c.path) as user_count
           from unions c
          where c.parent_id = ",
    );
    query.push_bind(parent_id);
    if let Some(q) = q {
        query
            .push(" and (strpos(c.name, ")
            .push_bind(q.to_owned())
            .push(") > 0 or starts_with(c.division_code, ")
            .push_bind(q.to_owned())
            .push("))");
    }
    Order {
        columns: &[
            ("coalesce(c.division_code, '~')", "text"),
            ("c.name", "text"),
            ("c.id", "bigint"),
        ],
        descending: false,
        prefix: "",
    }
    .push_page(&mut query, position);
    let rows: Vec<ChildRow> = query.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| {
        vec![
            row.division_code.clone().unwrap_or_else(|| "~".into()),
            row.name.clone(),
            row.id.to_string(),
        ]
    }))
}

/// Active accounts in the subtree at `path`, by role, most powerful role first.
pub async fn users_by_role(conn: &mut PgConnection, path: &str) -> sqlx::Result<Vec<(Role, i64)>> {
    let rows = sqlx::query!(
        r#"select role, count(*) as "count!" from users
            where union_path <@ $1::text::ltree and disabled_at is null
            group by role"#,
        path
    )
    .fetch_all(conn)
    .await?;
    let mut counts: Vec<(Role, i64)> = rows
        .into_iter()
        .filter_map(|row| Some((Role::parse(&row.role)?, row.count)))
        .collect();
    counts.sort_by_key(|(role, _)| role.rank());
    Ok(counts)
}

/// Unions in the subtree at `path`, not counting the union itself.
pub async fn descendant_count(conn: &mut PgConnection, path: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select union_subtree_unions($1::text::ltree) - 1 as "count!""#,
        path
    )
    .fetch_one(conn)
    .await
}

/// The fields a user sets on a union.
#[derive(Clone, Debug, serde::Serialize)]
pub struct UnionInput {
    pub name: String,
    pub level: &'static str,
    pub division_code: Option<String>,
}

/// Adds a union under `parent_id`.
pub async fn insert(
    conn: &mut PgConnection,
    parent_id: i64,
    input: &UnionInput,
) -> sqlx::Result<UnionRow> {
    sqlx::query_as!(
        UnionRow,
        r#"insert into unions (parent_id, level, name, division_code) values ($1, $2, $3, $4)
           returning id, parent_id, level as "level: Level", name, division_code,
                     path::text as "path!", contact_interval_days, approval_threshold_fen,
                     version, updated_at"#,
        parent_id,
        input.level,
        input.name,
        input.division_code
    )
    .fetch_one(conn)
    .await
}

/// Updates a union if it is still at `version`; `None` when someone else
/// changed it first.
pub async fn update(
    conn: &mut PgConnection,
    id: i64,
    version: i32,
    input: &UnionInput,
) -> sqlx::Result<Option<UnionRow>> {
    sqlx::query_as!(
        UnionRow,
        r#"update unions set name = $3, level = $4, division_code = $5,
                             updated_at = now(), version = version + 1
            where id = $1 and version = $2
           returning id, parent_id, level as "level: Level", name, division_code,
                     path::text as "path!", contact_interval_days, approval_threshold_fen,
                     version, updated_at"#,
        id,
        version,
        input.name,
        input.level,
        input.division_code
    )
    .fetch_optional(conn)
    .await
}

/// Moves a union (and so its subtree) under a new parent if it is still at
/// `version`.
pub async fn move_under(
    conn: &mut PgConnection,
    id: i64,
    version: i32,
    new_parent_id: i64,
) -> sqlx::Result<Option<UnionRow>> {
    sqlx::query_as!(
        UnionRow,
        r#"update unions set parent_id = $3, updated_at = now(), version = version + 1
            where id = $1 and version = $2
           returning id, parent_id, level as "level: Level", name, division_code,
                     path::text as "path!", contact_interval_days, approval_threshold_fen,
                     version, updated_at"#,
        id,
        version,
        new_parent_id
    )
    .fetch_optional(conn)
    .await
}

/// Where a union at `level` with subtree `path` could move: unions in scope of
/// a higher level, outside its own subtree, matching `q`.
pub async fn move_targets(
    conn: &mut PgConnection,
    path: &str,
    level: Level,
    q: Option<&str>,
) -> sqlx::Result<Vec<UnionRow>> {
    sqlx::query_as!(
        UnionRow,
        r#"select id, parent_id, level as "level: Level", name, division_code,
                  path::text as "path!", contact_interval_days, approval_threshold_fen,
                  version, updated_at
             from unions
            where not path <@ $1::text::ltree
              and union_level_rank(level) < union_level_rank($2)
              and ($3::text is null or strpos(name, $3) > 0 or starts_with(division_code, $3))
            order by nlevel(path), division_code nulls last, name
            limit 200"#,
        path,
        level.as_str(),
        q
    )
    .fetch_all(conn)
    .await
}

/// A union a picker offers: id, name, depth.
pub type PickerOption = (i64, String, i32);

/// The unions a union picker offers, in tree order as (id, name, depth):
/// `root` and two levels below it (the national federation's picker lists the
/// provinces and prefectures, a province's its prefectures and counties), and
/// `selected` wherever it lies in scope, so that a form never loses its value.
/// Walked down the parent index rather than filtered from the whole tree.
pub async fn picker_options(
    conn: &mut PgConnection,
    root: i64,
    selected: Option<i64>,
) -> sqlx::Result<Vec<PickerOption>> {
    let rows = sqlx::query!(
        r#"with recursive picked (id, depth) as (
               select id, 0 from unions where id = $1
               union all
               select u.id, p.depth + 1 from unions u join picked p on u.parent_id = p.id
                where p.depth < 2
           )
           select id, name, nlevel(path) as "depth!" from unions
            where id in (select id from picked union all select $2::bigint)
            order by path"#,
        root,
        selected
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.id, row.name, row.depth))
        .collect())
}

/// Sets a provincial (or the national) union's approval threshold.
pub async fn set_approval_threshold(
    conn: &mut PgConnection,
    id: i64,
    fen: i64,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update unions set approval_threshold_fen = $2, updated_at = now() where id = $1",
        id,
        fen
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets a union's default contact interval (its organizations' next contact
/// dates follow, by trigger).
pub async fn set_contact_interval(conn: &mut PgConnection, id: i64, days: i32) -> sqlx::Result<()> {
    sqlx::query!(
        "update unions set contact_interval_days = $2, updated_at = now() where id = $1",
        id,
        days
    )
    .execute(conn)
    .await?;
    Ok(())
}
