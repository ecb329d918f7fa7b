//! The queries of service sites. Row-level security keeps every one of them
//! to the actor's scope; the list says the scope again for its indexes.

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::forms::SiteInput;
use super::{Datum, SiteKind};
use crate::db::list::{
    CappedCount, CountQuery, ListScope, Order, Paged, Position, ScopeColumns, stream_rows,
};
use crate::identity::Level;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SiteRow {
    pub id: Uuid,
    pub union_id: i64,
    pub union_path: String,
    pub union_name: String,
    pub union_level: Level,
    pub kind: SiteKind,
    pub name: String,
    pub address: String,
    pub division_code: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub datum: Option<Datum>,
    pub opening_hours: Option<String>,
    pub services: Vec<String>,
    pub operator_org_id: Option<Uuid>,
    pub operator_name: Option<String>,
    pub federation_id: Option<i64>,
    pub opened_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

impl SiteRow {
    /// Closed on or before today.
    pub fn is_closed(&self, today: &NaiveDate) -> bool {
        self.closed_on.is_some_and(|d| d <= *today)
    }

    /// The division's name with its parents (四川省成都市武侯区).
    pub fn division_name(&self) -> String {
        crate::divisions::full_name(&self.division_code).unwrap_or_default()
    }
}

/// The columns of a row, for the list's dynamic query (the checked queries
/// spell them out).
macro_rules! site_select {
    () => {
        "select s.id, s.union_id, s.union_path::text as union_path, u.name as union_name,
        u.level as union_level, s.kind, s.name, s.address, s.division_code, s.latitude,
        s.longitude, s.datum, s.opening_hours, s.services, s.operator_org_id,
        o.name as operator_name, s.federation_id, s.opened_on, s.closed_on, s.contact_name,
        s.contact_phone, s.created_at, s.version
   from service_sites s
   join unions u on u.id = s.union_id
   left join organizations o on o.id = s.operator_org_id"
    };
}

/// One site, if the actor may see it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<SiteRow>> {
    sqlx::query_as!(
        SiteRow,
        r#"select s.id, s.union_id, s.union_path::text as "union_path!", u.name as union_name,
                  u.level as "union_level: _", s.kind as "kind: _", s.name, s.address,
                  s.division_code, s.latitude, s.longitude, s.datum as "datum: _",
                  s.opening_hours, s.services, s.operator_org_id,
                  o.name as "operator_name?", s.federation_id, s.opened_on, s.closed_on,
                  s.contact_name, s.contact_phone, s.created_at, s.version
             from service_sites s
             join unions u on u.id = s.union_id
             left join organizations o on o.id = s.operator_org_id
            where s.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// How the list is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// By name (the default).
    #[default]
    Name,
    /// The most recently recorded first.
    Newest,
}

/// What the list is narrowed to.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub q: Option<String>,
    pub kind: Option<SiteKind>,
    /// The owning union's level.
    pub level: Option<Level>,
    /// The leading digits of a division code (`51`, `5101`, `510107`).
    pub division: Option<String>,
    /// Open (not closed as of today) or closed.
    pub open: Option<bool>,
    pub sort: Sort,
    /// The reader's scope or the union subtree chosen, spelled for the indexes.
    pub scope: ListScope,
}

/// How a list of sites says its scope.
const SCOPE_COLUMNS: ScopeColumns = ScopeColumns {
    province: Some("s.province"),
    prefecture: Some("s.prefecture"),
    ..ScopeColumns::path("s.union_path")
};

const BY_NAME: [(&str, &str); 2] = [("s.name", "text"), ("s.id", "uuid")];
const NEWEST: [(&str, &str); 2] = [("s.created_at", "timestamptz"), ("s.id", "uuid")];

fn push_filters(q: &mut QueryBuilder<Postgres>, filter: &Filter) {
    if let Some(text) = &filter.q {
        let pattern = format!("%{}%", crate::web::format::like_escape(text));
        q.push(" and (s.name ilike ")
            .push_bind(pattern.clone())
            .push(" or s.address ilike ")
            .push_bind(pattern)
            .push(")");
    }
    if let Some(kind) = filter.kind {
        q.push(" and s.kind = ").push_bind(kind.as_str());
    }
    if let Some(level) = filter.level {
        q.push(" and u.level = ").push_bind(level.as_str());
    }
    if let Some(prefix) = &filter.division {
        q.push(" and s.division_code like ")
            .push_bind(format!("{prefix}%"));
    }
    match filter.open {
        Some(true) => {
            q.push(" and (s.closed_on is null or s.closed_on > current_date)");
        }
        Some(false) => {
            q.push(" and s.closed_on <= current_date");
        }
        None => {}
    }
    filter.scope.push(q, &SCOPE_COLUMNS);
}

impl Filter {
    fn order<'a>(&self, prefix: &'a str) -> Order<'a> {
        match self.sort {
            Sort::Name => Order {
                columns: &BY_NAME,
                descending: false,
                prefix,
            },
            Sort::Newest => Order {
                columns: &NEWEST,
                descending: true,
                prefix,
            },
        }
    }

    fn key(&self, row: &SiteRow) -> Vec<String> {
        match self.sort {
            Sort::Name => vec![row.name.clone(), row.id.to_string()],
            Sort::Newest => vec![row.created_at.to_rfc3339(), row.id.to_string()],
        }
    }
}

/// One page of sites in the filter's order.
pub async fn list(
    conn: &mut PgConnection,
    filter: &Filter,
    position: &Position,
) -> sqlx::Result<Paged<SiteRow>> {
    let mut q = QueryBuilder::<Postgres>::new(site_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    let prefix = filter.scope.order_prefix(&SCOPE_COLUMNS);
    filter.order(&prefix).push_page(&mut q, position);
    let rows: Vec<SiteRow> = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| filter.key(row)))
}

/// Every site the filter finds, in its order (the export and the printed
/// list).
pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    filter: &Filter,
) -> BoxStream<'c, sqlx::Result<SiteRow>> {
    let mut q = QueryBuilder::<Postgres>::new(site_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    let prefix = filter.scope.order_prefix(&SCOPE_COLUMNS);
    filter.order(&prefix).push_order(&mut q, &Position::Start);
    stream_rows(q, conn)
}

/// At most `limit` sites the filter finds, in its order (the printed list).
pub async fn all(
    conn: &mut PgConnection,
    filter: &Filter,
    limit: i64,
) -> sqlx::Result<Vec<SiteRow>> {
    let mut q = QueryBuilder::<Postgres>::new(site_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    let prefix = filter.scope.order_prefix(&SCOPE_COLUMNS);
    filter.order(&prefix).push_order(&mut q, &Position::Start);
    q.push(" limit ").push_bind(limit);
    q.build_query_as().fetch_all(conn).await
}

pub async fn count(conn: &mut PgConnection, filter: &Filter) -> sqlx::Result<CappedCount> {
    let mut count = CountQuery::new("service_sites s join unions u on u.id = s.union_id");
    push_filters(count.conditions(), filter);
    count.fetch(conn, None).await
}

/// The organization of the registry a cadre named as a site's operator, by
/// credit code or exact name, if the actor sees it: (id, name).
pub async fn operator_named(
    conn: &mut PgConnection,
    key: &str,
) -> sqlx::Result<Option<(Uuid, String)>> {
    let row = sqlx::query!(
        r#"(select id, name from organizations where credit_code = upper($1) limit 1)
           union all
           (select id, name from organizations where name = $1 order by id limit 1)
           limit 1"#,
        key
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|r| Some((r.id?, r.name?))))
}

/// Records a site; returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    input: &SiteInput,
    created_by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into service_sites (union_id, kind, name, address, division_code, latitude,
                                    longitude, datum, opening_hours, services, operator_org_id,
                                    opened_on, closed_on, contact_name, contact_phone, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         returning id",
        input.union_id,
        input.kind,
        input.name,
        input.address,
        input.division_code,
        input.latitude,
        input.longitude,
        input.datum,
        input.opening_hours,
        &input.services as &[String],
        input.operator_org_id,
        input.opened_on,
        input.closed_on,
        input.contact_name,
        input.contact_phone,
        created_by
    )
    .fetch_one(conn)
    .await
}

/// Saves the site if nobody saved it since `version`; `false` when someone did.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    input: &SiteInput,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update service_sites
            set union_id = $3, kind = $4, name = $5, address = $6, division_code = $7,
                latitude = $8, longitude = $9, datum = $10, opening_hours = $11, services = $12,
                operator_org_id = $13, opened_on = $14, closed_on = $15, contact_name = $16,
                contact_phone = $17, updated_at = now(), version = version + 1
          where id = $1 and version = $2",
        id,
        version,
        input.union_id,
        input.kind,
        input.name,
        input.address,
        input.division_code,
        input.latitude,
        input.longitude,
        input.datum,
        input.opening_hours,
        &input.services as &[String],
        input.operator_org_id,
        input.opened_on,
        input.closed_on,
        input.contact_name,
        input.contact_phone
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One union's sites counted by kind: its own (`own`) or its whole subtree.
#[derive(Clone, Debug, Default)]
pub struct KindCounts {
    pub union_id: i64,
    pub name: String,
    pub level: Option<Level>,
    pub division_code: Option<String>,
    /// Whether the union has unions below it (a drill-down link).
    pub has_children: bool,
    /// (kind, count), for every kind with sites.
    pub by_kind: Vec<(SiteKind, i64)>,
}

impl KindCounts {
    pub fn of(&self, kind: &SiteKind) -> i64 {
        self.by_kind
            .iter()
            .find(|(k, _)| k == kind)
            .map_or(0, |(_, n)| *n)
    }

    pub fn total(&self) -> i64 {
        self.by_kind.iter().map(|(_, n)| n).sum()
    }
}

/// The sites of the subtree at `path` by the owning union's level and kind:
/// (level, kind, count). The pyramid.
pub async fn by_level_and_kind(
    conn: &mut PgConnection,
    path: &str,
) -> sqlx::Result<Vec<(Level, SiteKind, i64)>> {
    let rows = sqlx::query!(
        r#"select u.level as "level: Level", s.kind as "kind: SiteKind", count(*) as "n!"
             from service_sites s join unions u on u.id = s.union_id
            where s.union_path <@ $1::text::ltree
            group by 1, 2"#,
        path
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.level, r.kind, r.n)).collect())
}

/// The union at `path`'s own sites and each child union's subtree, by kind:
/// the union's row first, then its children by division code and name.
pub async fn by_child_union(
    conn: &mut PgConnection,
    union_id: i64,
    path: &str,
) -> sqlx::Result<(KindCounts, Vec<KindCounts>)> {
    let own = sqlx::query!(
        r#"select s.kind as "kind: SiteKind", count(*) as "n!"
             from service_sites s where s.union_id = $1 group by 1 order by 1"#,
        union_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let children = sqlx::query!(
        r#"select c.id, c.name, c.level as "level: Level", c.division_code,
                  exists (select 1 from unions g where g.parent_id = c.id) as "has_children!"
             from unions c where c.parent_id = $1
            order by c.division_code nulls last, c.name, c.id"#,
        union_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let depth = i32::try_from(path.split('.').count()).unwrap_or(i32::MAX);
    let counts = sqlx::query!(
        r#"select subltree(s.union_path, 0, $2 + 1)::text as "child!",
                  s.kind as "kind: SiteKind", count(*) as "n!"
             from service_sites s
            where s.union_path <@ $1::text::ltree and nlevel(s.union_path) > $2
            group by 1, 2"#,
        path,
        depth
    )
    .fetch_all(&mut *conn)
    .await?;
    let own = KindCounts {
        union_id,
        by_kind: own.into_iter().map(|r| (r.kind, r.n)).collect(),
        ..KindCounts::default()
    };
    let rows = children
        .into_iter()
        .map(|c| {
            let child_path = format!("{path}.u{}", c.id);
            KindCounts {
                union_id: c.id,
                name: c.name,
                level: Some(c.level),
                division_code: c.division_code,
                has_children: c.has_children,
                by_kind: counts
                    .iter()
                    .filter(|r| r.child == child_path)
                    .map(|r| (r.kind, r.n))
                    .collect(),
            }
        })
        .collect();
    Ok((own, rows))
}
