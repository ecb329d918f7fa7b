//! The queries of projects and their timeline. Row-level security keeps them to
//! the actor's scope (and organizations to the calls open to them).

pub mod lifecycle;
pub mod notices;
pub mod public_calls;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::Status;
use super::forms::ProjectInput;
use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;

use crate::db::cache::CachedResults;
use crate::db::list::{
    CappedCount, CountQuery, ListScope, Order, Paged, Position, ScopeColumns, stream_rows,
};
use crate::orgs::kinds::Domain;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProjectRow {
    pub id: Uuid,
    pub union_id: i64,
    pub union_path: String,
    pub union_name: String,
    pub code: String,
    pub title: String,
    #[sqlx(try_from = "String")]
    pub domain: Domain,
    pub description: String,
    pub target_group: String,
    pub target_people: i32,
    pub target_activities: i32,
    pub target_service_hours: i32,
    pub budget_fen: i64,
    pub union_funds_fen: i64,
    pub fiscal_funds_fen: i64,
    pub crowdfunding_fen: i64,
    pub other_funds_fen: i64,
    pub eligible_types: Vec<String>,
    pub min_rating: Option<i16>,
    pub min_years: i16,
    pub apply_opens_on: NaiveDate,
    pub apply_closes_on: NaiveDate,
    pub service_starts_on: NaiveDate,
    pub service_ends_on: NaiveDate,
    pub review_system_id: Uuid,
    pub midterm_system_id: Uuid,
    pub performance_system_id: Uuid,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub cancel_reason: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
    /// The federation commissioning the service (委托), with its (public) name.
    pub commissioned_by: Option<Uuid>,
    pub commissioned_by_name: Option<String>,
}

/// The columns of a row, as `project_select!()`, for the lists built at run
/// time (the checked queries below spell them out, as the macros read only
/// literals).
macro_rules! project_select {
    () => {
        "select p.id, p.union_id, p.union_path::text as union_path,
        union_public_name(p.union_id) as union_name, p.code, p.title, p.domain, p.description, p.target_group,
        p.target_people, p.target_activities, p.target_service_hours, p.budget_fen,
        p.union_funds_fen, p.fiscal_funds_fen, p.crowdfunding_fen, p.other_funds_fen,
        p.eligible_types, p.min_rating, p.min_years, p.apply_opens_on, p.apply_closes_on,
        p.service_starts_on, p.service_ends_on, p.review_system_id, p.midterm_system_id,
        p.performance_system_id, p.status, p.cancel_reason, p.created_by, p.created_at,
        p.updated_at, p.version, p.commissioned_by,
        federation_public_name(p.commissioned_by) as commissioned_by_name
   from projects p"
    };
}

/// A project, if the actor sees it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<ProjectRow>> {
    sqlx::query_as!(
        ProjectRow,
        r#"select p.id, p.union_id, p.union_path::text as "union_path!",
                  union_public_name(p.union_id) as "union_name!", p.code, p.title,
                  p.domain as "domain: _", p.description, p.target_group, p.target_people,
                  p.target_activities, p.target_service_hours, p.budget_fen, p.union_funds_fen,
                  p.fiscal_funds_fen, p.crowdfunding_fen, p.other_funds_fen, p.eligible_types,
                  p.min_rating, p.min_years, p.apply_opens_on, p.apply_closes_on,
                  p.service_starts_on, p.service_ends_on, p.review_system_id,
                  p.midterm_system_id, p.performance_system_id, p.status as "status: _",
                  p.cancel_reason, p.created_by, p.created_at, p.updated_at, p.version,
                  p.commissioned_by,
                  federation_public_name(p.commissioned_by) as commissioned_by_name
             from projects p where p.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// How a list of projects says the reader's scope: its indexes lead with the
/// province, the path narrows below it.
pub const SCOPE_COLUMNS: ScopeColumns = ScopeColumns {
    province: Some("p.province"),
    ..ScopeColumns::path("p.union_path")
};

/// What the list is narrowed to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    /// The reader's scope: row-level security keeps to it anyway; saying it
    /// lets a province's list walk its own index.
    pub scope: ListScope,
    pub q: Option<String>,
    pub status: Option<Status>,
    pub domain: Option<Domain>,
    /// Projects of this year (`projects::year`).
    pub year: Option<i32>,
    /// Funded projects only ([`Status::FUNDED`]), as the money pages count.
    pub funded: bool,
    /// Only the projects this union bought itself, not those of its subtree.
    pub own_union: Option<i64>,
}

/// The project list's order: the newest first.
const NEWEST_FIRST: [(&str, &str); 2] = [("p.created_at", "timestamptz"), ("p.id", "uuid")];

fn push_filters(q: &mut QueryBuilder<Postgres>, filter: &Filter) {
    filter.scope.push(q, &SCOPE_COLUMNS);
    if let Some(text) = &filter.q {
        let pattern = format!("%{}%", crate::web::format::like_escape(text));
        q.push(" and (p.title ilike ")
            .push_bind(pattern)
            .push(" or p.code = ")
            .push_bind(text.to_uppercase())
            .push(")");
    }
    if let Some(status) = filter.status {
        q.push(" and p.status = ").push_bind(status.as_str());
    }
    if let Some(domain) = filter.domain {
        q.push(" and p.domain = ").push_bind(domain.as_str());
    }
    if let Some(year) = filter.year {
        // The year's bounds in China time, as `projects::year` defines it.
        q.push(" and p.created_at >= make_timestamptz(")
            .push_bind(year)
            .push(", 1, 1, 0, 0, 0, 'Asia/Shanghai') and p.created_at < make_timestamptz(")
            .push_bind(year + 1)
            .push(", 1, 1, 0, 0, 0, 'Asia/Shanghai')");
    }
    if filter.funded {
        q.push(" and p.status = any(")
            .push_bind(Status::funded_texts())
            .push(")");
    }
    if let Some(union_id) = filter.own_union {
        q.push(" and p.union_id = ").push_bind(union_id);
    }
}

/// The year (`projects::year`) of the earliest project under `path`, if any.
pub async fn first_year(conn: &mut PgConnection, path: &str) -> sqlx::Result<Option<i32>> {
    sqlx::query_scalar!(
        r#"select extract(year from min(created_at) at time zone 'Asia/Shanghai')::int4
             from projects where union_path <@ $1::text::ltree"#,
        path
    )
    .fetch_one(conn)
    .await
}

/// One page of projects, the newest first.
pub async fn list(
    conn: &mut PgConnection,
    filter: &Filter,
    position: &Position,
) -> sqlx::Result<Paged<ProjectRow>> {
    // The page's ids first, then their rows: the ids come from the list
    // index alone (it holds what the policies read), where whole rows would
    // have the planner fetch and sort every matching project.
    let mut q = QueryBuilder::<Postgres>::new(concat!(
        project_select!(),
        " where p.id in (select p.id from projects p where true"
    ));
    push_filters(&mut q, filter);
    let order = Order::newest_first(&NEWEST_FIRST);
    order.push_page(&mut q, position);
    q.push(")");
    order.push_order(&mut q, position);
    let rows: Vec<ProjectRow> = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| {
        vec![row.created_at.to_rfc3339(), row.id.to_string()]
    }))
}

/// Every project the filter finds, the newest first, as the cursor reads
/// them (the export).
pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    filter: &Filter,
) -> BoxStream<'c, sqlx::Result<ProjectRow>> {
    let mut q = QueryBuilder::<Postgres>::new(concat!(project_select!(), " where true"));
    push_filters(&mut q, filter);
    Order::newest_first(&NEWEST_FIRST).push_order(&mut q, &Position::Start);
    stream_rows(q, conn)
}

pub async fn count(conn: &mut PgConnection, filter: &Filter) -> sqlx::Result<CappedCount> {
    let mut count = CountQuery::new("projects p");
    push_filters(count.conditions(), filter);
    count.fetch(conn, None).await
}

/// Adds a draft with the next code of its province and year; returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    input: &ProjectInput,
    created_by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into projects (union_id, code, title, domain, description, target_group,
                target_people, target_activities, target_service_hours, budget_fen,
                union_funds_fen, fiscal_funds_fen, crowdfunding_fen, other_funds_fen,
                eligible_types, min_rating, min_years, apply_opens_on, apply_closes_on,
                service_starts_on, service_ends_on, review_system_id, midterm_system_id,
                performance_system_id, created_by, commissioned_by)
         values ($1, project_code_next($1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
                 $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
         returning id",
        input.union_id,
        input.title,
        input.domain,
        input.description,
        input.target_group,
        input.target_people,
        input.target_activities,
        input.target_service_hours,
        input.budget_fen,
        input.union_funds_fen,
        input.fiscal_funds_fen,
        input.crowdfunding_fen,
        input.other_funds_fen,
        &input.eligible_types,
        input.min_rating,
        input.min_years,
        input.apply_opens_on,
        input.apply_closes_on,
        input.service_starts_on,
        input.service_ends_on,
        input.review_system_id,
        input.midterm_system_id,
        input.performance_system_id,
        created_by,
        input.commissioned_by
    )
    .fetch_one(conn)
    .await
}

/// Saves a draft if nobody saved it since `version` and it is still a draft;
/// `false` otherwise. The purchasing union stays the one it was drafted at.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    input: &ProjectInput,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update projects set title = $3, domain = $4, description = $5, target_group = $6,
                target_people = $7, target_activities = $8, target_service_hours = $9,
                budget_fen = $10, union_funds_fen = $11, fiscal_funds_fen = $12,
                crowdfunding_fen = $13, other_funds_fen = $14, eligible_types = $15,
                min_rating = $16, min_years = $17, apply_opens_on = $18, apply_closes_on = $19,
                service_starts_on = $20, service_ends_on = $21, review_system_id = $22,
                midterm_system_id = $23, performance_system_id = $24, commissioned_by = $25,
                updated_at = now(), version = version + 1
          where id = $1 and version = $2 and status = 'draft'",
        id,
        version,
        input.title,
        input.domain,
        input.description,
        input.target_group,
        input.target_people,
        input.target_activities,
        input.target_service_hours,
        input.budget_fen,
        input.union_funds_fen,
        input.fiscal_funds_fen,
        input.crowdfunding_fen,
        input.other_funds_fen,
        &input.eligible_types,
        input.min_rating,
        input.min_years,
        input.apply_opens_on,
        input.apply_closes_on,
        input.service_starts_on,
        input.service_ends_on,
        input.review_system_id,
        input.midterm_system_id,
        input.performance_system_id,
        input.commissioned_by
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Links needs to the project (those not yet in another project); returns how
/// many were linked.
pub async fn link_needs(
    conn: &mut PgConnection,
    project_id: Uuid,
    needs: &[Uuid],
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update needs set project_id = $1, updated_at = now(), version = version + 1
          where id = any($2) and project_id is null and suitable_for_purchase",
        project_id,
        needs
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// One entry of a project's timeline.
#[derive(Clone, Debug)]
pub struct EventRow {
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_name: String,
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

/// A project's timeline, oldest first.
pub async fn events(conn: &mut PgConnection, project_id: Uuid) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as!(
        EventRow,
        "select from_status, to_status, actor_name, comment, at from project_events
          where project_id = $1 order by at, id",
        project_id
    )
    .fetch_all(conn)
    .await
}

/// The latest move of a project's status (who acted first, when two act at once).
pub async fn last_event(
    conn: &mut PgConnection,
    project_id: Uuid,
) -> sqlx::Result<Option<EventRow>> {
    sqlx::query_as!(
        EventRow,
        "select from_status, to_status, actor_name, comment, at from project_events
          where project_id = $1 order by at desc, id desc limit 1",
        project_id
    )
    .fetch_optional(conn)
    .await
}

/// Records a move on the timeline.
pub async fn record_event(
    conn: &mut PgConnection,
    project_id: Uuid,
    from: Option<Status>,
    to: Status,
    actor: (Option<Uuid>, &str),
    comment: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into project_events (project_id, from_status, to_status, actor_id, actor_name, comment)
         values ($1, $2, $3, $4, $5, $6)",
        project_id,
        from.map(Status::as_str),
        to.as_str(),
        actor.0,
        actor.1,
        comment
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves a project from `from` to `to` if it is still in `from`; `false` when
/// someone moved it first. The cancel reason goes with a cancellation.
pub async fn move_status(
    conn: &mut PgConnection,
    id: Uuid,
    from: Status,
    to: Status,
    cancel_reason: Option<&str>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update projects set status = $3, cancel_reason = $4, updated_at = now(),
                version = version + 1
          where id = $1 and status = $2",
        id,
        from.as_str(),
        to.as_str(),
        cancel_reason
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The project list's counts, cached under the projects' generation.
#[derive(Debug)]
pub struct ProjectCounts(pub CachedResults<CappedCount>);

impl Default for ProjectCounts {
    fn default() -> Self {
        Self(CachedResults::under(project_generation))
    }
}

/// The projects' generation: every committed write to projects moves it.
fn project_generation(conn: &mut PgConnection) -> BoxFuture<'_, sqlx::Result<i64>> {
    Box::pin(async move {
        sqlx::query_scalar!(
            r#"select last_value + is_called::int as "generation!" from project_generation"#
        )
        .fetch_one(conn)
        .await
    })
}

/// The approval threshold that applies to a project of this union path.
pub async fn approval_threshold(conn: &mut PgConnection, union_path: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select coalesce(project_approval_threshold($1::text::ltree), 0) as "threshold!""#,
        union_path
    )
    .fetch_one(conn)
    .await
}

/// Open calls whose window has closed move to review, recorded as the
/// system's doing. Returns how many moved.
pub async fn close_windows(conn: &mut PgConnection, system_name: &str) -> sqlx::Result<u64> {
    let moved = sqlx::query_scalar!(
        "update projects set status = 'reviewing', updated_at = now(), version = version + 1
          where status = 'open' and apply_closes_on < (now() at time zone 'Asia/Shanghai')::date
         returning id"
    )
    .fetch_all(&mut *conn)
    .await?;
    for id in &moved {
        record_event(
            conn,
            *id,
            Some(Status::Open),
            Status::Reviewing,
            (None, system_name),
            None,
        )
        .await?;
    }
    Ok(moved.len() as u64)
}

/// The open calls the actor sees (for an organization: those of the unions
/// whose scope holds its home union), the nearest deadline first.
pub async fn open_calls(conn: &mut PgConnection) -> sqlx::Result<Vec<ProjectRow>> {
    sqlx::query_as!(
        ProjectRow,
        r#"select p.id, p.union_id, p.union_path::text as "union_path!",
                  union_public_name(p.union_id) as "union_name!", p.code, p.title,
                  p.domain as "domain: _", p.description, p.target_group, p.target_people,
                  p.target_activities, p.target_service_hours, p.budget_fen, p.union_funds_fen,
                  p.fiscal_funds_fen, p.crowdfunding_fen, p.other_funds_fen, p.eligible_types,
                  p.min_rating, p.min_years, p.apply_opens_on, p.apply_closes_on,
                  p.service_starts_on, p.service_ends_on, p.review_system_id,
                  p.midterm_system_id, p.performance_system_id, p.status as "status: _",
                  p.cancel_reason, p.created_by, p.created_at, p.updated_at, p.version,
                  p.commissioned_by,
                  federation_public_name(p.commissioned_by) as commissioned_by_name
             from projects p where p.status = 'open' order by p.apply_closes_on, p.code"#
    )
    .fetch_all(conn)
    .await
}

/// Projects in `status` that the actor sees, the nearest deadline first, at
/// most `limit`; `scope` says the actor's subtree for the indexes, and
/// `closing_by` keeps to calls closing by that day. Built at run time for the
/// scope's condition.
pub async fn in_status(
    conn: &mut PgConnection,
    scope: &ListScope,
    status: Status,
    closing_by: Option<NaiveDate>,
    limit: i64,
) -> sqlx::Result<Vec<ProjectRow>> {
    let mut q = QueryBuilder::<Postgres>::new(concat!(project_select!(), " where p.status = "));
    q.push_bind(status.as_str());
    scope.push(&mut q, &SCOPE_COLUMNS);
    if let Some(by) = closing_by {
        q.push(" and p.apply_closes_on <= ").push_bind(by);
    }
    q.push(" order by p.apply_closes_on, p.code limit ")
        .push_bind(limit);
    q.build_query_as().fetch_all(conn).await
}

/// The federations of the actor's scope a project may name as its
/// commissioning body (active ones), as (id, name).
pub async fn commissioning_options(conn: &mut PgConnection) -> sqlx::Result<Vec<(Uuid, String)>> {
    let rows = sqlx::query!(
        "select id, name from federations where status = 'active' order by name, id limit 1000"
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.name)).collect())
}

/// Whether a project's commissioning (if any) admits the organization: only
/// the commissioning federation's current members apply.
pub async fn commission_admits(
    conn: &mut PgConnection,
    project_id: Uuid,
    org_id: Uuid,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select commission_admits($1, $2) as "admits!""#,
        project_id,
        org_id
    )
    .fetch_one(conn)
    .await
}
