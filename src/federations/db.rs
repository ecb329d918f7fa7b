//! The queries of federations, their partner bodies and members. Row-level
//! security keeps every one of them to the actor's scope (an organization
//! account to its own memberships).

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::forms::{FederationInput, MemberInput};
use super::{FederationKind, FederationStatus, MemberRole, PartnerKind};
use crate::db::list::{
    CappedCount, CountQuery, ListScope, Order, Paged, Position, ScopeColumns, stream_rows,
};
use crate::identity::Level;
use crate::orgs::kinds::{OrgType, UnionBuilding};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FederationRow {
    pub id: Uuid,
    pub union_id: i64,
    pub union_path: String,
    pub union_name: String,
    #[sqlx(try_from = "String")]
    pub level: Level,
    #[sqlx(try_from = "String")]
    pub kind: FederationKind,
    pub name: String,
    pub credit_code: Option<String>,
    pub parent_id: Option<Uuid>,
    /// The parent's name (public, even where the reader does not see it).
    pub parent_name: Option<String>,
    /// Whether the reader sees the parent's page (a city's cadre does not see
    /// the province's federation).
    pub parent_visible: bool,
    pub founded_on: Option<NaiveDate>,
    pub charter: String,
    pub chair: Option<String>,
    pub vice_chairs: Option<String>,
    pub secretary_general: Option<String>,
    pub council_size: Option<i32>,
    #[sqlx(try_from = "String")]
    pub status: FederationStatus,
    /// Its current members.
    pub members: i64,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

/// The columns of a federation (`f`, its union `u`), for the list's dynamic
/// query; the checked query spells them out.
macro_rules! federation_select {
    () => {
        "select f.id, f.union_id, f.union_path::text as union_path, u.name as union_name,
        u.level, f.kind, f.name, f.credit_code, f.parent_id,
        federation_public_name(f.parent_id) as parent_name,
        exists (select 1 from federations pf where pf.id = f.parent_id) as parent_visible,
        f.founded_on, f.charter, f.chair,
        f.vice_chairs, f.secretary_general, f.council_size, f.status,
        (select count(*) from federation_members m
          where m.federation_id = f.id and m.left_on is null) as members,
        f.created_at, f.version
   from federations f
   join unions u on u.id = f.union_id"
    };
}

/// One federation, if the actor sees it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<FederationRow>> {
    sqlx::query_as!(
        FederationRow,
        r#"select f.id, f.union_id, f.union_path::text as "union_path!", u.name as union_name,
                  u.level as "level: Level", f.kind as "kind: _", f.name, f.credit_code,
                  f.parent_id, federation_public_name(f.parent_id) as parent_name,
                  exists (select 1 from federations pf where pf.id = f.parent_id)
                      as "parent_visible!",
                  f.founded_on, f.charter, f.chair, f.vice_chairs, f.secretary_general,
                  f.council_size, f.status as "status: _",
                  (select count(*) from federation_members m
                    where m.federation_id = f.id and m.left_on is null) as "members!",
                  f.created_at, f.version
             from federations f
             join unions u on u.id = f.union_id
            where f.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// What the list is narrowed to.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub q: Option<String>,
    pub kind: Option<FederationKind>,
    pub level: Option<Level>,
    pub status: Option<FederationStatus>,
    pub scope: ListScope,
}

const SCOPE_COLUMNS: ScopeColumns = ScopeColumns {
    province: Some("f.province"),
    prefecture: Some("f.prefecture"),
    ..ScopeColumns::path("f.union_path")
};

/// By name.
const BY_NAME: [(&str, &str); 2] = [("f.name", "text"), ("f.id", "uuid")];

fn push_filters(q: &mut QueryBuilder<Postgres>, filter: &Filter) {
    filter.scope.push(q, &SCOPE_COLUMNS);
    if let Some(text) = &filter.q {
        q.push(" and (f.name ilike ")
            .push_bind(format!("%{}%", crate::web::format::like_escape(text)))
            .push(" or f.credit_code = ")
            .push_bind(text.to_uppercase())
            .push(")");
    }
    if let Some(kind) = filter.kind {
        q.push(" and f.kind = ").push_bind(kind.as_str());
    }
    if let Some(status) = filter.status {
        q.push(" and f.status = ").push_bind(status.as_str());
    }
    if let Some(level) = filter.level {
        q.push(" and exists (select 1 from unions lu where lu.id = f.union_id and lu.level = ")
            .push_bind(level.as_str())
            .push(")");
    }
}

fn order(filter: &Filter) -> (String, Order<'static>) {
    let prefix = filter.scope.order_prefix(&SCOPE_COLUMNS);
    (
        prefix,
        Order {
            columns: &BY_NAME,
            descending: false,
            prefix: "",
        },
    )
}

/// One page of federations, by name.
pub async fn list(
    conn: &mut PgConnection,
    filter: &Filter,
    position: &Position,
) -> sqlx::Result<Paged<FederationRow>> {
    let mut q = QueryBuilder::<Postgres>::new(federation_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    let (prefix, order) = order(filter);
    let order = Order {
        prefix: &prefix,
        ..order
    };
    order.push_page(&mut q, position);
    let rows: Vec<FederationRow> = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| {
        vec![row.name.clone(), row.id.to_string()]
    }))
}

/// Every federation the filter finds, by name (the export).
pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    filter: &Filter,
) -> BoxStream<'c, sqlx::Result<FederationRow>> {
    let mut q = QueryBuilder::<Postgres>::new(federation_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    let (prefix, order) = order(filter);
    Order {
        prefix: &prefix,
        ..order
    }
    .push_order(&mut q, &Position::Start);
    stream_rows(q, conn)
}

pub async fn count(conn: &mut PgConnection, filter: &Filter) -> sqlx::Result<CappedCount> {
    let mut count = CountQuery::new("federations f");
    push_filters(count.conditions(), filter);
    count.fetch(conn, None).await
}

/// The federations a federation may sit under, as (id, name, leading union's
/// name): those of the scope led at or above `union_id`, other than `except`.
pub async fn parent_options(
    conn: &mut PgConnection,
    union_id: Option<i64>,
    except: Option<Uuid>,
) -> sqlx::Result<Vec<(Uuid, String, String)>> {
    let rows = sqlx::query!(
        r#"select f.id, f.name, u.name as union_name
             from federations f
             join unions u on u.id = f.union_id
            where f.status <> 'dissolved' and f.id is distinct from $2
              and ($1::bigint is null
                   or exists (select 1 from unions c where c.id = $1 and c.path <@ f.union_path))
            order by nlevel(f.union_path), f.name, f.id
            limit 500"#,
        union_id,
        except
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, r.name, r.union_name))
        .collect())
}

/// The federation holding this credit code, other than `except`, if the
/// actor sees it.
pub async fn credit_code_holder(
    conn: &mut PgConnection,
    code: &str,
    except: Option<Uuid>,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "select name from federations where credit_code = $1 and id is distinct from $2",
        code,
        except
    )
    .fetch_optional(conn)
    .await
}

/// Records a federation; returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    input: &FederationInput,
    created_by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into federations (union_id, kind, name, credit_code, parent_id, founded_on,
                                  charter, chair, vice_chairs, secretary_general, council_size,
                                  status, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id",
        input.union_id,
        input.kind.as_str(),
        input.name,
        input.credit_code,
        input.parent_id,
        input.founded_on,
        input.charter,
        input.chair,
        input.vice_chairs,
        input.secretary_general,
        input.council_size,
        input.status.as_str(),
        created_by
    )
    .fetch_one(conn)
    .await
}

/// Saves the federation if nobody saved it since `version`; `false` when
/// someone did.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    input: &FederationInput,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update federations
            set union_id = $3, kind = $4, name = $5, credit_code = $6, parent_id = $7,
                founded_on = $8, charter = $9, chair = $10, vice_chairs = $11,
                secretary_general = $12, council_size = $13, status = $14,
                updated_at = now(), version = version + 1
          where id = $1 and version = $2",
        id,
        version,
        input.union_id,
        input.kind.as_str(),
        input.name,
        input.credit_code,
        input.parent_id,
        input.founded_on,
        input.charter,
        input.chair,
        input.vice_chairs,
        input.secretary_general,
        input.council_size,
        input.status.as_str()
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A federation's partner bodies, as (kind, unit name), in the kinds' order.
pub async fn partners(
    conn: &mut PgConnection,
    federation_id: Uuid,
) -> sqlx::Result<Vec<(PartnerKind, String)>> {
    let rows = sqlx::query!(
        r#"select kind as "kind: PartnerKind", unit_name from federation_partners
            where federation_id = $1"#,
        federation_id
    )
    .fetch_all(conn)
    .await?;
    let mut partners: Vec<(PartnerKind, String)> =
        rows.into_iter().map(|r| (r.kind, r.unit_name)).collect();
    partners.sort_by_key(|(kind, _)| *kind);
    Ok(partners)
}

/// Replaces the federation's partner bodies with `partners`.
pub async fn set_partners(
    conn: &mut PgConnection,
    federation_id: Uuid,
    union_path: &str,
    partners: &[(PartnerKind, String)],
) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from federation_partners where federation_id = $1",
        federation_id
    )
    .execute(&mut *conn)
    .await?;
    for (kind, unit_name) in partners {
        sqlx::query!(
            "insert into federation_partners (federation_id, union_path, kind, unit_name)
             values ($1, $2::text::ltree, $3, $4)",
            federation_id,
            union_path,
            kind.as_str(),
            unit_name
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The federations nested directly under this one, as (id, name, union name,
/// current members).
pub async fn children(
    conn: &mut PgConnection,
    id: Uuid,
) -> sqlx::Result<Vec<(Uuid, String, String, i64)>> {
    let rows = sqlx::query!(
        r#"select f.id, f.name, u.name as union_name,
                  (select count(*) from federation_members m
                    where m.federation_id = f.id and m.left_on is null) as "members!"
             from federations f join unions u on u.id = f.union_id
            where f.parent_id = $1
            order by f.name, f.id"#,
        id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, r.name, r.union_name, r.members))
        .collect())
}

/// A membership as the federation's page lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberRow {
    pub id: Uuid,
    pub org_id: Uuid,
    pub org_name: String,
    #[sqlx(try_from = "String")]
    pub org_type: OrgType,
    pub rating_level: Option<i16>,
    pub rating_valid_until: Option<NaiveDate>,
    #[sqlx(try_from = "String")]
    pub union_building: UnionBuilding,
    pub home_union: String,
    /// Projects the organization was awarded.
    pub projects: i64,
    #[sqlx(try_from = "String")]
    pub role: MemberRole,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub leave_reason: Option<String>,
    pub cross_region: bool,
    pub cross_region_reason: Option<String>,
    pub version: i32,
}

/// Which of a federation's memberships a page shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Which {
    #[default]
    Current,
    /// Those that ended: the history.
    Ended,
}

const MEMBER_ORDER: [(&str, &str); 2] = [("o.name", "text"), ("m.id", "uuid")];

/// One page of a federation's members (current or ended), by name.
pub async fn members(
    conn: &mut PgConnection,
    federation_id: Uuid,
    which: Which,
    position: &Position,
) -> sqlx::Result<Paged<MemberRow>> {
    let mut q = QueryBuilder::<Postgres>::new(
        "select m.id, m.org_id, o.name as org_name, o.org_type,
                o.rating_level, o.rating_valid_until, o.union_building,
                union_public_name(o.union_id) as home_union,
                (select count(*) from applications a
                  where a.org_id = m.org_id and a.status = 'awarded') as projects,
                m.role, m.joined_on, m.left_on, m.leave_reason, m.cross_region,
                m.cross_region_reason, m.version
           from federation_members m
           join (select distinct on (org_id) * from federation_member_orgs(",
    );
    q.push_bind(federation_id);
    q.push(")) o on o.org_id = m.org_id where m.federation_id = ");
    q.push_bind(federation_id);
    q.push(match which {
        Which::Current => " and m.left_on is null",
        Which::Ended => " and m.left_on is not null",
    });
    Order {
        columns: &MEMBER_ORDER,
        descending: false,
        prefix: "",
    }
    .push_page(&mut q, position);
    let rows: Vec<MemberRow> = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| {
        vec![row.org_name.clone(), row.id.to_string()]
    }))
}

/// One membership of the federation.
pub async fn find_member(
    conn: &mut PgConnection,
    federation_id: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<(Uuid, String, NaiveDate, Option<NaiveDate>, i32)>> {
    let row = sqlx::query!(
        r#"select m.org_id, o.name as "name!", m.joined_on, m.left_on, m.version
             from federation_members m
             join federation_member_orgs($1) o on o.org_id = m.org_id
            where m.federation_id = $1 and m.id = $2
            limit 1"#,
        federation_id,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.org_id, r.name, r.joined_on, r.left_on, r.version)))
}

/// The federation's members counted: by type and by union building (current
/// members), and how many ended.
#[derive(Clone, Debug, Default)]
pub struct MemberCounts {
    pub by_type: Vec<(OrgType, i64)>,
    pub by_union_building: Vec<(UnionBuilding, i64)>,
    pub cross_region: i64,
    pub ended: i64,
}

pub async fn member_counts(
    conn: &mut PgConnection,
    federation_id: Uuid,
) -> sqlx::Result<MemberCounts> {
    let rows = sqlx::query!(
        r#"select o.org_type as "org_type!", o.union_building as "union_building!",
                  count(*) filter (where m.left_on is null) as "current!",
                  count(*) filter (where m.left_on is null and m.cross_region) as "cross!",
                  count(*) filter (where m.left_on is not null) as "ended!"
             from federation_members m
             join (select distinct on (org_id) org_type, union_building, org_id
                     from federation_member_orgs($1)) o on o.org_id = m.org_id
            where m.federation_id = $1
            group by o.org_type, o.union_building"#,
        federation_id
    )
    .fetch_all(conn)
    .await?;
    let mut counts = MemberCounts::default();
    for row in rows {
        let (Some(org_type), Some(building)) = (
            OrgType::parse(&row.org_type),
            UnionBuilding::parse(&row.union_building),
        ) else {
            continue;
        };
        add(&mut counts.by_type, org_type, row.current);
        add(&mut counts.by_union_building, building, row.current);
        counts.cross_region += row.cross;
        counts.ended += row.ended;
    }
    counts.by_type.retain(|(_, n)| *n > 0);
    counts.by_union_building.retain(|(_, n)| *n > 0);
    counts.by_type.sort();
    counts.by_union_building.sort();
    Ok(counts)
}

fn add<K: PartialEq>(list: &mut Vec<(K, i64)>, key: K, n: i64) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, total)) => *total += n,
        None => list.push((key, n)),
    }
}

/// An organization of the registry to admit, as the form names it.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub id: Uuid,
    pub name: String,
    pub union_path: String,
}

/// The organization named by credit code or exact name, if the actor sees it.
pub async fn find_candidate(conn: &mut PgConnection, key: &str) -> sqlx::Result<Option<Candidate>> {
    sqlx::query_as!(
        Candidate,
        r#"select id, name, union_path::text as "union_path!" from organizations
            where credit_code = upper($1) or name = $1
            order by (credit_code = upper($1)) desc nulls last, id
            limit 1"#,
        key
    )
    .fetch_optional(conn)
    .await
}

/// Whether the organization is a current member of the federation already.
pub async fn is_current_member(
    conn: &mut PgConnection,
    federation_id: Uuid,
    org_id: Uuid,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from federation_members
                           where federation_id = $1 and org_id = $2 and left_on is null)
                  as "exists!""#,
        federation_id,
        org_id
    )
    .fetch_one(conn)
    .await
}

/// Admits the organization; returns the membership's id.
pub async fn insert_member(
    conn: &mut PgConnection,
    federation: &FederationRow,
    candidate: &Candidate,
    input: &MemberInput,
    created_by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into federation_members (federation_id, union_path, org_id, org_union_path,
                                         role, joined_on, cross_region, cross_region_reason,
                                         created_by)
         values ($1, $2::text::ltree, $3, $4::text::ltree, $5, $6, $7, $8, $9) returning id",
        federation.id,
        federation.union_path,
        candidate.id,
        candidate.union_path,
        input.role.as_str(),
        input.joined_on,
        input.cross_region_reason.is_some(),
        input.cross_region_reason,
        created_by
    )
    .fetch_one(conn)
    .await
}

/// Ends a current membership on `left_on`; `false` when it had ended or
/// someone changed it since `version`.
pub async fn end_member(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    left_on: NaiveDate,
    reason: Option<&str>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update federation_members
            set left_on = $3, leave_reason = $4, updated_at = now(), version = version + 1
          where id = $1 and version = $2 and left_on is null",
        id,
        version,
        left_on,
        reason
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A project the federation commissions.
#[derive(Clone, Debug)]
pub struct CommissionedProject {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub status: String,
    pub budget_fen: i64,
}

/// The projects naming the federation as commissioning body, the newest first.
pub async fn commissioned_projects(
    conn: &mut PgConnection,
    federation_id: Uuid,
) -> sqlx::Result<Vec<CommissionedProject>> {
    sqlx::query_as!(
        CommissionedProject,
        "select id, code, title, status, budget_fen from projects
          where commissioned_by = $1 order by created_at desc, id limit 100",
        federation_id
    )
    .fetch_all(conn)
    .await
}

/// An organization's membership, as its page shows it.
#[derive(Clone, Debug)]
pub struct MembershipRow {
    pub federation_id: Uuid,
    pub federation_name: String,
    /// Whether the reader sees the federation's own page.
    pub visible: bool,
    pub role: MemberRole,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub cross_region: bool,
}

/// The memberships of an organization the actor sees, current first.
pub async fn memberships_of(
    conn: &mut PgConnection,
    org_id: Uuid,
) -> sqlx::Result<Vec<MembershipRow>> {
    sqlx::query_as!(
        MembershipRow,
        r#"select m.federation_id,
                  coalesce(federation_public_name(m.federation_id), '') as "federation_name!",
                  exists (select 1 from federations f where f.id = m.federation_id)
                      as "visible!",
                  m.role as "role: _", m.joined_on, m.left_on, m.cross_region
             from federation_members m
            where m.org_id = $1
            order by (m.left_on is null) desc, m.joined_on desc, m.id"#,
        org_id
    )
    .fetch_all(conn)
    .await
}
