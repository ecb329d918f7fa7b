//! The queries of pilots, their milestones and notes. Row-level security
//! keeps every one of them to the actor's scope.

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::forms::{MilestoneInput, PilotInput};
use super::{MilestoneStatus, PilotStatus};
use crate::db::list::{
    CappedCount, CountQuery, ListScope, Order, Paged, Position, ScopeColumns, stream_rows,
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PilotRow {
    pub id: Uuid,
    pub union_id: i64,
    pub union_path: String,
    pub union_name: String,
    pub province: String,
    /// The province's union, where the reader sees it.
    pub province_name: Option<String>,
    pub title: String,
    pub goals: String,
    pub starts_on: NaiveDate,
    pub planned_end_on: NaiveDate,
    pub status: PilotStatus,
    pub summary: Option<String>,
    pub ended_on: Option<NaiveDate>,
    pub exception_reason: Option<String>,
    pub milestones: i64,
    pub milestones_done: i64,
    pub milestones_overdue: i64,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

/// The columns of a pilot, for the list's dynamic query (the checked query
/// spells them out).
macro_rules! pilot_select {
    () => {
        "select p.id, p.union_id, p.union_path::text as union_path, u.name as union_name,
        p.province, pu.name as province_name, p.title, p.goals, p.starts_on, p.planned_end_on,
        p.status, p.summary, p.ended_on, p.exception_reason,
        (select count(*) from pilot_milestones m where m.pilot_id = p.id) as milestones,
        (select count(*) from pilot_milestones m
          where m.pilot_id = p.id and m.status = 'done') as milestones_done,
        (select count(*) from pilot_milestones m
          where m.pilot_id = p.id and m.status <> 'done' and m.due_on < current_date)
            as milestones_overdue,
        p.created_at, p.version
   from pilots p
   join unions u on u.id = p.union_id
   left join unions pu on pu.path = p.province::ltree"
    };
}

/// One pilot, if the actor may see it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<PilotRow>> {
    sqlx::query_as!(
        PilotRow,
        r#"select p.id, p.union_id, p.union_path::text as "union_path!", u.name as union_name,
                  p.province as "province!", pu.name as "province_name?", p.title, p.goals,
                  p.starts_on, p.planned_end_on, p.status as "status: _", p.summary, p.ended_on,
                  p.exception_reason,
                  (select count(*) from pilot_milestones m where m.pilot_id = p.id)
                      as "milestones!",
                  (select count(*) from pilot_milestones m
                    where m.pilot_id = p.id and m.status = 'done') as "milestones_done!",
                  (select count(*) from pilot_milestones m
                    where m.pilot_id = p.id and m.status <> 'done' and m.due_on < current_date)
                      as "milestones_overdue!",
                  p.created_at, p.version
             from pilots p
             join unions u on u.id = p.union_id
             left join unions pu on pu.path = p.province::ltree
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
    /// A province's path (`cn.u20`), within the reader's scope.
    pub province: Option<String>,
    pub status: Option<PilotStatus>,
    pub scope: ListScope,
}

const SCOPE_COLUMNS: ScopeColumns = ScopeColumns {
    province: Some("p.province"),
    ..ScopeColumns::path("p.union_path")
};

/// The newest designation first.
const NEWEST_FIRST: [(&str, &str); 2] = [("p.created_at", "timestamptz"), ("p.id", "uuid")];

fn push_filters(q: &mut QueryBuilder<Postgres>, filter: &Filter) {
    if let Some(text) = &filter.q {
        q.push(" and p.title ilike ")
            .push_bind(format!("%{}%", crate::web::format::like_escape(text)));
    }
    if let Some(province) = &filter.province {
        q.push(" and p.province = ").push_bind(province.clone());
    }
    if let Some(status) = filter.status {
        q.push(" and p.status = ").push_bind(status.as_str());
    }
    filter.scope.push(q, &SCOPE_COLUMNS);
}

/// One page of pilots, the newest first.
pub async fn list(
    conn: &mut PgConnection,
    filter: &Filter,
    position: &Position,
) -> sqlx::Result<Paged<PilotRow>> {
    let mut q = QueryBuilder::<Postgres>::new(pilot_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    Order::newest_first(&NEWEST_FIRST).push_page(&mut q, position);
    let rows: Vec<PilotRow> = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| {
        vec![row.created_at.to_rfc3339(), row.id.to_string()]
    }))
}

/// Every pilot the filter finds, the newest first (the export).
pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    filter: &Filter,
) -> BoxStream<'c, sqlx::Result<PilotRow>> {
    let mut q = QueryBuilder::<Postgres>::new(pilot_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    Order::newest_first(&NEWEST_FIRST).push_order(&mut q, &Position::Start);
    stream_rows(q, conn)
}

pub async fn count(conn: &mut PgConnection, filter: &Filter) -> sqlx::Result<CappedCount> {
    let mut count = CountQuery::new("pilots p");
    push_filters(count.conditions(), filter);
    count.fetch(conn, None).await
}

/// The provinces in the actor's scope, as (path, name), for the filter.
pub async fn provinces(conn: &mut PgConnection) -> sqlx::Result<Vec<(String, String)>> {
    let rows = sqlx::query!(
        r#"select path::text as "path!", name from unions where level = 'provincial' order by id"#
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.path, r.name)).collect())
}

/// The active pilots of the province of `union_id` other than `except`
/// (counted as the limit counts them), as titles.
pub async fn active_in_province_of(
    conn: &mut PgConnection,
    union_id: i64,
    except: Option<Uuid>,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        "select p.title from pilots p, unions u
          where u.id = $1
            and p.province = subltree(u.path, 0, least(nlevel(u.path), 2))::text
            and p.status = 'active' and p.id is distinct from $2
          order by p.created_at",
        union_id,
        except
    )
    .fetch_all(conn)
    .await
}

/// Designates a pilot; returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    input: &PilotInput,
    exception_reason: Option<&str>,
    designated_by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into pilots (union_id, title, goals, starts_on, planned_end_on, exception_reason,
                             designated_by)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
        input.union_id,
        input.title,
        input.goals,
        input.starts_on,
        input.planned_end_on,
        exception_reason,
        designated_by
    )
    .fetch_one(conn)
    .await
}

/// Saves the pilot if nobody saved it since `version`; `false` when someone did.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    input: &PilotInput,
    exception_reason: Option<&str>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update pilots set union_id = $3, title = $4, goals = $5, starts_on = $6,
                planned_end_on = $7, exception_reason = $8, updated_at = now(),
                version = version + 1
          where id = $1 and version = $2 and status = 'active'",
        id,
        version,
        input.union_id,
        input.title,
        input.goals,
        input.starts_on,
        input.planned_end_on,
        exception_reason
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends an active pilot as `status` with its summary (or the reason it was
/// cancelled); `false` when it had already ended.
pub async fn end(
    conn: &mut PgConnection,
    id: Uuid,
    status: PilotStatus,
    summary: &str,
    ended_on: NaiveDate,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update pilots set status = $2, summary = $3, ended_on = $4, updated_at = now(),
                version = version + 1
          where id = $1 and status = 'active'",
        id,
        status.as_str(),
        summary,
        ended_on
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Clone, Debug)]
pub struct MilestoneRow {
    pub id: Uuid,
    pub pilot_id: Uuid,
    pub title: String,
    pub due_on: NaiveDate,
    pub owner_name: Option<String>,
    pub owner_user_id: Option<Uuid>,
    /// The owner's account name, where the reader sees the account.
    pub owner_display: Option<String>,
    pub status: MilestoneStatus,
    pub done_on: Option<NaiveDate>,
    pub version: i32,
}

impl MilestoneRow {
    /// Who answers for the milestone, as shown.
    pub fn owner(&self) -> &str {
        self.owner_display
            .as_deref()
            .or(self.owner_name.as_deref())
            .unwrap_or_default()
    }

    /// Past its due date and not done.
    pub fn is_overdue(&self) -> bool {
        self.status != MilestoneStatus::Done && self.due_on < crate::web::overdue::today()
    }
}

/// A pilot's milestones, by due date.
pub async fn milestones(
    conn: &mut PgConnection,
    pilot_id: Uuid,
) -> sqlx::Result<Vec<MilestoneRow>> {
    sqlx::query_as!(
        MilestoneRow,
        r#"select m.id, m.pilot_id, m.title, m.due_on, m.owner_name, m.owner_user_id,
                  us.display_name as "owner_display?", m.status as "status: _", m.done_on,
                  m.version
             from pilot_milestones m
             left join users us on us.id = m.owner_user_id
            where m.pilot_id = $1
            order by m.due_on, m.created_at, m.id"#,
        pilot_id
    )
    .fetch_all(conn)
    .await
}

/// One milestone of the pilot.
pub async fn find_milestone(
    conn: &mut PgConnection,
    pilot_id: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<MilestoneRow>> {
    sqlx::query_as!(
        MilestoneRow,
        r#"select m.id, m.pilot_id, m.title, m.due_on, m.owner_name, m.owner_user_id,
                  us.display_name as "owner_display?", m.status as "status: _", m.done_on,
                  m.version
             from pilot_milestones m
             left join users us on us.id = m.owner_user_id
            where m.pilot_id = $1 and m.id = $2"#,
        pilot_id,
        id
    )
    .fetch_optional(conn)
    .await
}

pub async fn insert_milestone(
    conn: &mut PgConnection,
    pilot: &PilotRow,
    input: &MilestoneInput,
    created_by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into pilot_milestones (pilot_id, union_path, title, due_on, owner_name,
                                       owner_user_id, status, done_on, created_by)
         values ($1, $2::text::ltree, $3, $4, $5, $6, $7, $8, $9) returning id",
        pilot.id,
        pilot.union_path,
        input.title,
        input.due_on,
        input.owner_name,
        input.owner_user_id,
        input.status,
        input.done_on,
        created_by
    )
    .fetch_one(conn)
    .await
}

/// Saves the milestone if nobody saved it since `version`.
pub async fn update_milestone(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    input: &MilestoneInput,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update pilot_milestones
            set title = $3, due_on = $4, owner_name = $5, owner_user_id = $6, status = $7,
                done_on = $8, updated_at = now(), version = version + 1
          where id = $1 and version = $2",
        id,
        version,
        input.title,
        input.due_on,
        input.owner_name,
        input.owner_user_id,
        input.status,
        input.done_on
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The active accounts of the pilot union, as (id, name), for a milestone's
/// owner.
pub async fn union_people(
    conn: &mut PgConnection,
    union_id: i64,
) -> sqlx::Result<Vec<(Uuid, String)>> {
    let rows = sqlx::query!(
        "select id, display_name from users
          where union_id = $1 and disabled_at is null and role in ('admin', 'staff', 'viewer')
          order by display_name, id",
        union_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.display_name)).collect())
}

#[derive(Clone, Debug)]
pub struct NoteRow {
    pub id: Uuid,
    pub body: String,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

/// A pilot's notes, the newest first.
pub async fn notes(conn: &mut PgConnection, pilot_id: Uuid) -> sqlx::Result<Vec<NoteRow>> {
    sqlx::query_as!(
        NoteRow,
        "select id, body, author_name, created_at from pilot_notes
          where pilot_id = $1 order by created_at desc, id",
        pilot_id
    )
    .fetch_all(conn)
    .await
}

pub async fn insert_note(
    conn: &mut PgConnection,
    id: Uuid,
    pilot: &PilotRow,
    body: &str,
    (author_id, author_name): (Uuid, &str),
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into pilot_notes (id, pilot_id, union_path, body, author_id, author_name)
         values ($1, $2, $3::text::ltree, $4, $5, $6)",
        id,
        pilot.id,
        pilot.union_path,
        body,
        author_id,
        author_name
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// An open milestone past its due date, for a home page.
#[derive(Clone, Debug)]
pub struct OverdueMilestone {
    pub pilot_id: Uuid,
    pub pilot_title: String,
    pub union_name: String,
    pub title: String,
    pub due_on: NaiveDate,
}

/// The overdue milestones of active pilots that a home page at the union of
/// `path` shows: the pilot union's own, and at a provincial union every one
/// of the province; the most overdue first, at most `limit`. One read of the
/// open milestones' index.
pub async fn overdue_for_home(
    conn: &mut PgConnection,
    path: &str,
    limit: i64,
) -> sqlx::Result<Vec<OverdueMilestone>> {
    sqlx::query_as!(
        OverdueMilestone,
        r#"select p.id as pilot_id, p.title as pilot_title, u.name as union_name, m.title,
                  m.due_on
             from pilot_milestones m
             join pilots p on p.id = m.pilot_id
             join unions u on u.id = p.union_id
            where m.union_path <@ $1::text::ltree
              and (nlevel($1::text::ltree) = 2 or m.union_path = $1::text::ltree)
              and m.status <> 'done' and m.due_on < current_date and p.status = 'active'
            order by m.due_on, m.id
            limit $2"#,
        path,
        limit
    )
    .fetch_all(conn)
    .await
}
