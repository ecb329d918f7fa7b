//! The statistics' queries: the roll-ups of a union and its children (a few
//! dozen rows whatever the scale, see migration 0036), the child unions, the
//! union-building trend and how fresh the figures are. Row-level security
//! keeps every read to the reader's scope.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::figures::Figures;
use super::filter::Filter;
use crate::identity::Level;

/// A union a dashboard shows or lists.
#[derive(Clone, Debug)]
pub struct Place {
    pub id: i64,
    pub name: String,
    pub level: Level,
    pub division_code: Option<String>,
    /// Whether it has children to drill down into.
    pub has_children: bool,
}

/// The children of union `id` in division-code order (grassroots unions,
/// which have no code, last by name).
pub async fn children(conn: &mut PgConnection, id: i64) -> sqlx::Result<Vec<Place>> {
    sqlx::query_as!(
        Place,
        r#"select u.id, u.name, u.level as "level: Level", u.division_code,
                  exists (select 1 from unions g where g.parent_id = u.id) as "has_children!"
             from unions u
            where u.parent_id = $1
            order by coalesce(u.division_code, '~'), u.name, u.id"#,
        id
    )
    .fetch_all(conn)
    .await
}

/// The unions from `from` (the reader's) down to `to` (the one shown), as
/// (id, name): the breadcrumbs.
pub async fn trail(
    conn: &mut PgConnection,
    from: &str,
    to: &str,
) -> sqlx::Result<Vec<(i64, String)>> {
    let rows = sqlx::query!(
        r#"select id, name from unions
            where path @> $2::text::ltree and path <@ $1::text::ltree
            order by nlevel(path)"#,
        from,
        to
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.name)).collect())
}

/// The figures of each of `ids` (its whole subtree): what is as of the last
/// refresh, and what happened in the months `from` (included) to `to`
/// (excluded). A union without a row has nothing to count.
pub async fn figures(
    conn: &mut PgConnection,
    ids: &[i64],
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<HashMap<i64, Figures>> {
    let rows = sqlx::query!(
        r#"select s.union_id as "union_id!", f.key as "key!", f.value::int8 as "value!"
             from stats_snapshots s cross join jsonb_each_text(s.figures) f
            where s.union_id = any($1)
           union all
           select m.union_id, f.key, sum(f.value::int8)::int8
             from stats_months m cross join jsonb_each_text(m.figures) f
            where m.union_id = any($1) and m.month >= $2 and m.month < $3
            group by m.union_id, f.key"#,
        ids,
        from,
        to
    )
    .fetch_all(conn)
    .await?;
    let mut by_union: HashMap<i64, Figures> = HashMap::new();
    for row in rows {
        by_union
            .entry(row.union_id)
            .or_default()
            .add(&row.key, row.value);
    }
    Ok(by_union)
}

/// One month's net change of a figure kept by month for union `id`, from
/// `since` on: the union-building trend is read back from today's count.
pub async fn monthly(
    conn: &mut PgConnection,
    id: i64,
    key: &str,
    since: NaiveDate,
) -> sqlx::Result<Vec<(NaiveDate, i64)>> {
    let rows = sqlx::query!(
        r#"select month, (figures ->> $2)::int8 as "value!"
             from stats_months
            where union_id = $1 and month >= $3 and figures ? $2
            order by month"#,
        id,
        key,
        since
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.month, r.value)).collect())
}

/// When the figures were last made and how long that took (ms); none before
/// the first refresh.
pub async fn freshness(conn: &mut PgConnection) -> sqlx::Result<Option<(DateTime<Utc>, i32)>> {
    let row = sqlx::query!(
        r#"select refreshed_at as "refreshed_at?", took_ms as "took_ms?" from stats_freshness()"#
    )
    .fetch_one(conn)
    .await?;
    Ok(row.refreshed_at.zip(row.took_ms))
}

/// Makes every figure again; how long it took (ms), or none when another
/// refresh was running (whose figures are as fresh). At a million
/// organizations this takes about half a minute, longer than the serving
/// role's statement timeout allows a page: the transaction lifts it.
pub async fn refresh(conn: &mut PgConnection) -> sqlx::Result<Option<i32>> {
    sqlx::query!("set local statement_timeout = '10min'")
        .execute(&mut *conn)
        .await?;
    sqlx::query_scalar!(r#"select stats_refresh() as "took_ms""#)
        .fetch_one(conn)
        .await
}

/// The registry's figures of the organizations in `path`'s subtree that pass
/// `filter`, counted live, by the child union they fall under (`shown` itself
/// for its own organizations). Row-level security keeps it to the reader's
/// scope; at the national level it reads every organization that passes.
pub async fn registry_by_child(
    conn: &mut PgConnection,
    shown: i64,
    path: &str,
    filter: &Filter,
) -> sqlx::Result<HashMap<i64, Figures>> {
    let rows = sqlx::query!(
        r#"select coalesce(c.id, $1) as "place!", f.key as "key!",
                  sum(f.value::int8)::int8 as "value!"
             from stats_registry($2::text::ltree, $3, $4, $5, $6, $7, $8, $9, $10, $11) r
             join unions u on u.id = r.union_id
             left join unions c on c.parent_id = $1 and u.path <@ c.path
            cross join jsonb_each_text(r.figures) f
            where f.value is not null
            group by 1, 2"#,
        shown,
        path,
        filter.org_type,
        filter.domain,
        filter.rating,
        filter.category,
        filter.relationship,
        filter.union_building,
        filter.status,
        filter.division,
        filter.overdue,
    )
    .fetch_all(conn)
    .await?;
    let mut by_place: HashMap<i64, Figures> = HashMap::new();
    for row in rows {
        by_place
            .entry(row.place)
            .or_default()
            .add(&row.key, row.value);
    }
    Ok(by_place)
}
