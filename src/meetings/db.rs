//! The queries of meetings, their invitations and follow-up actions, and the
//! contacts that attendance writes. Row-level security keeps every one of
//! them to the actor's scope (an organization account to its own
//! invitations, a responsible cadre to their own actions).

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::forms::{ActionInput, MeetingInput};
use super::{Answer, MeetingKind, MeetingStatus};
use crate::db::list::{
    CappedCount, CountQuery, ListScope, Order, Paged, Position, ScopeColumns, stream_rows,
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MeetingRow {
    pub id: Uuid,
    pub union_id: i64,
    pub union_path: String,
    pub union_name: String,
    #[sqlx(try_from = "String")]
    pub kind: MeetingKind,
    pub title: String,
    pub held_on: NaiveDate,
    pub place: String,
    pub agenda: String,
    pub minutes: Option<String>,
    pub decisions: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: MeetingStatus,
    /// Invitations the reader sees, and of them accepted and attended.
    pub invited: i64,
    pub accepted: i64,
    pub attended: i64,
    pub actions_open: i64,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

/// The columns of a meeting, for the list's dynamic query (the checked query
/// spells them out).
macro_rules! meeting_select {
    () => {
        "select m.id, m.union_id, m.union_path::text as union_path, u.name as union_name,
        m.kind, m.title, m.held_on, m.place, m.agenda, m.minutes, m.decisions, m.status,
        (select count(*) from meeting_invitations i where i.meeting_id = m.id) as invited,
        (select count(*) from meeting_invitations i
          where i.meeting_id = m.id and i.response = 'accepted') as accepted,
        (select count(*) from meeting_invitations i
          where i.meeting_id = m.id and i.attended) as attended,
        (select count(*) from meeting_actions a
          where a.meeting_id = m.id and a.done_on is null) as actions_open,
        m.created_at, m.version
   from meetings m
   join unions u on u.id = m.union_id"
    };
}

/// One meeting, if the actor may see it (an invited organization and a
/// responsible cadre see it too; the convening union's name comes through
/// its public name, which they may read).
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<MeetingRow>> {
    sqlx::query_as!(
        MeetingRow,
        r#"select m.id, m.union_id, m.union_path::text as "union_path!",
                  union_public_name(m.union_id) as "union_name!",
                  m.kind as "kind: _", m.title, m.held_on, m.place, m.agenda, m.minutes,
                  m.decisions, m.status as "status: _",
                  (select count(*) from meeting_invitations i where i.meeting_id = m.id)
                      as "invited!",
                  (select count(*) from meeting_invitations i
                    where i.meeting_id = m.id and i.response = 'accepted') as "accepted!",
                  (select count(*) from meeting_invitations i
                    where i.meeting_id = m.id and i.attended) as "attended!",
                  (select count(*) from meeting_actions a
                    where a.meeting_id = m.id and a.done_on is null) as "actions_open!",
                  m.created_at, m.version
             from meetings m
            where m.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// What the list is narrowed to.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub q: Option<String>,
    pub kind: Option<MeetingKind>,
    pub status: Option<MeetingStatus>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub scope: ListScope,
}

pub const SCOPE_COLUMNS: ScopeColumns = ScopeColumns {
    province: Some("m.province"),
    prefecture: Some("m.prefecture"),
    ..ScopeColumns::path("m.union_path")
};

/// The latest meeting first.
const LATEST_FIRST: [(&str, &str); 2] = [("m.held_on", "date"), ("m.id", "uuid")];

fn push_filters(q: &mut QueryBuilder<Postgres>, filter: &Filter) {
    if let Some(text) = &filter.q {
        q.push(" and m.title ilike ")
            .push_bind(format!("%{}%", crate::web::format::like_escape(text)));
    }
    if let Some(kind) = filter.kind {
        q.push(" and m.kind = ").push_bind(kind.as_str());
    }
    if let Some(status) = filter.status {
        q.push(" and m.status = ").push_bind(status.as_str());
    }
    if let Some(from) = filter.from {
        q.push(" and m.held_on >= ").push_bind(from);
    }
    if let Some(to) = filter.to {
        q.push(" and m.held_on <= ").push_bind(to);
    }
    filter.scope.push(q, &SCOPE_COLUMNS);
}

fn order(prefix: &str) -> Order<'_> {
    Order {
        columns: &LATEST_FIRST,
        descending: true,
        prefix,
    }
}

/// One page of meetings, the latest first.
pub async fn list(
    conn: &mut PgConnection,
    filter: &Filter,
    position: &Position,
) -> sqlx::Result<Paged<MeetingRow>> {
    let mut q = QueryBuilder::<Postgres>::new(meeting_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    let prefix = filter.scope.order_prefix(&SCOPE_COLUMNS);
    order(&prefix).push_page(&mut q, position);
    let rows: Vec<MeetingRow> = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| {
        vec![row.held_on.to_string(), row.id.to_string()]
    }))
}

/// Every meeting the filter finds, the latest first (the export).
pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    filter: &Filter,
) -> BoxStream<'c, sqlx::Result<MeetingRow>> {
    let mut q = QueryBuilder::<Postgres>::new(meeting_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    let prefix = filter.scope.order_prefix(&SCOPE_COLUMNS);
    order(&prefix).push_order(&mut q, &Position::Start);
    stream_rows(q, conn)
}

pub async fn count(conn: &mut PgConnection, filter: &Filter) -> sqlx::Result<CappedCount> {
    let mut count = CountQuery::new("meetings m");
    push_filters(count.conditions(), filter);
    // Walks the list's index to the cap rather than reading every row.
    let order = format!(
        "{}m.held_on desc, m.id desc",
        filter.scope.order_prefix(&SCOPE_COLUMNS)
    );
    count.fetch(conn, Some(&order)).await
}

/// Convenes a meeting; returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    input: &MeetingInput,
    created_by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into meetings (union_id, kind, title, held_on, place, agenda, minutes, decisions,
                               status, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
        input.union_id,
        input.kind,
        input.title,
        input.held_on,
        input.place,
        input.agenda,
        input.minutes,
        input.decisions,
        input.status,
        created_by
    )
    .fetch_one(conn)
    .await
}

/// Saves the meeting if nobody saved it since `version`; `false` when someone did.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    input: &MeetingInput,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update meetings set union_id = $3, kind = $4, title = $5, held_on = $6, place = $7,
                agenda = $8, minutes = $9, decisions = $10, status = $11, updated_at = now(),
                version = version + 1
          where id = $1 and version = $2",
        id,
        version,
        input.union_id,
        input.kind,
        input.title,
        input.held_on,
        input.place,
        input.agenda,
        input.minutes,
        input.decisions,
        input.status
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A planned meeting whose attendance is recorded has been held.
pub async fn mark_held(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update meetings set status = 'held', updated_at = now(), version = version + 1
          where id = $1 and status = 'planned'",
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Clone, Debug)]
pub struct InvitationRow {
    pub id: Uuid,
    pub org_id: Uuid,
    pub org_name: String,
    pub response: Answer,
    pub response_note: Option<String>,
    pub responded_at: Option<DateTime<Utc>>,
    pub attended: bool,
}

/// The meeting's invitations the reader sees (an organization, its own), by
/// organization name.
pub async fn invitations(
    conn: &mut PgConnection,
    meeting_id: Uuid,
) -> sqlx::Result<Vec<InvitationRow>> {
    sqlx::query_as!(
        InvitationRow,
        r#"select i.id, i.org_id, organization_public_name(i.org_id) as "org_name!",
                  i.response as "response: _", i.response_note, i.responded_at, i.attended
             from meeting_invitations i
            where i.meeting_id = $1
            order by 3, i.id"#,
        meeting_id
    )
    .fetch_all(conn)
    .await
}

/// The organizations in the subtree at `path` the actor sees with these
/// credit codes or exact names, as (what matched, id, name).
pub async fn organizations_named(
    conn: &mut PgConnection,
    path: &str,
    keys: &[String],
) -> sqlx::Result<Vec<(String, Uuid, String)>> {
    let rows = sqlx::query!(
        r#"select coalesce(o.credit_code, o.name) as "key!", o.id as "id!", o.name as "name!"
             from organizations o
            where o.union_path <@ $2::text::ltree and o.credit_code = any($1)
           union all
           select o.name, o.id, o.name from organizations o
            where o.union_path <@ $2::text::ltree and o.name = any($1)"#,
        keys,
        path
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.key, r.id, r.name)).collect())
}

/// Invites an organization; `false` when it already was.
pub async fn invite(
    conn: &mut PgConnection,
    meeting: &MeetingRow,
    org_id: Uuid,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "insert into meeting_invitations (meeting_id, union_path, org_id)
         values ($1, $2::text::ltree, $3)
         on conflict (meeting_id, org_id) do nothing",
        meeting.id,
        meeting.union_path,
        org_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Withdraws an invitation not yet attended; `false` when there was none.
pub async fn remove_invitation(
    conn: &mut PgConnection,
    meeting_id: Uuid,
    id: Uuid,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "delete from meeting_invitations where meeting_id = $1 and id = $2 and not attended",
        meeting_id,
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records whether the invited organization came.
pub async fn set_attended(conn: &mut PgConnection, id: Uuid, attended: bool) -> sqlx::Result<()> {
    sqlx::query!(
        "update meeting_invitations set attended = $2 where id = $1",
        id,
        attended
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The organization's contact for attending the meeting (its timeline's
/// entry, method `meeting`).
pub async fn insert_contact(
    conn: &mut PgConnection,
    meeting: &MeetingRow,
    org_id: Uuid,
    (cadre, summary): (&str, &str),
    created_by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into organization_contacts
             (org_id, contacted_on, method, cadre, summary, meeting_id, created_by)
         values ($1, $2, 'meeting', $3, $4, $5, $6)",
        org_id,
        meeting.held_on,
        cadre,
        summary,
        meeting.id,
        created_by
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes the contact attendance wrote.
pub async fn delete_contact(
    conn: &mut PgConnection,
    meeting_id: Uuid,
    org_id: Uuid,
) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from organization_contacts where meeting_id = $1 and org_id = $2",
        meeting_id,
        org_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// An organization's answer to its invitation; `false` when it has none.
pub async fn answer(
    conn: &mut PgConnection,
    meeting_id: Uuid,
    org_id: Uuid,
    response: Answer,
    note: Option<&str>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update meeting_invitations
            set response = $3, response_note = $4, responded_at = now()
          where meeting_id = $1 and org_id = $2",
        meeting_id,
        org_id,
        response.as_str(),
        note
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Clone, Debug)]
pub struct ActionRow {
    pub id: Uuid,
    pub title: String,
    pub responsible_user_id: Uuid,
    /// The responsible cadre's name, where the reader sees the account.
    pub responsible_name: Option<String>,
    pub due_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
}

impl ActionRow {
    /// Past its due date and not done.
    pub fn is_overdue(&self) -> bool {
        self.done_on.is_none() && self.due_on < crate::web::overdue::today()
    }
}

/// The meeting's follow-up actions, by due date.
pub async fn actions(conn: &mut PgConnection, meeting_id: Uuid) -> sqlx::Result<Vec<ActionRow>> {
    sqlx::query_as!(
        ActionRow,
        r#"select a.id, a.title, a.responsible_user_id, us.display_name as "responsible_name?",
                  a.due_on, a.done_on
             from meeting_actions a
             left join users us on us.id = a.responsible_user_id
            where a.meeting_id = $1
            order by a.due_on, a.created_at, a.id"#,
        meeting_id
    )
    .fetch_all(conn)
    .await
}

pub async fn find_action(
    conn: &mut PgConnection,
    meeting_id: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<ActionRow>> {
    sqlx::query_as!(
        ActionRow,
        r#"select a.id, a.title, a.responsible_user_id, us.display_name as "responsible_name?",
                  a.due_on, a.done_on
             from meeting_actions a
             left join users us on us.id = a.responsible_user_id
            where a.meeting_id = $1 and a.id = $2"#,
        meeting_id,
        id
    )
    .fetch_optional(conn)
    .await
}

pub async fn insert_action(
    conn: &mut PgConnection,
    meeting: &MeetingRow,
    input: &ActionInput,
    created_by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into meeting_actions (meeting_id, union_path, title, responsible_user_id, due_on,
                                      created_by)
         values ($1, $2::text::ltree, $3, $4, $5, $6) returning id",
        meeting.id,
        meeting.union_path,
        input.title,
        input.responsible_user_id,
        input.due_on,
        created_by
    )
    .fetch_one(conn)
    .await
}

/// Marks an open action done today; `false` when it was already done.
pub async fn close_action(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update meeting_actions set done_on = current_date, updated_at = now()
          where id = $1 and done_on is null",
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The active cadres (admins and staff) of the subtree at `path`, as (id,
/// name, union), for an action's responsible cadre.
pub async fn cadres(
    conn: &mut PgConnection,
    path: &str,
) -> sqlx::Result<Vec<(Uuid, String, String)>> {
    let rows = sqlx::query!(
        r#"select us.id, us.display_name, u.name as union_name
             from users us join unions u on u.id = us.union_id
            where us.union_path <@ $1::text::ltree and us.disabled_at is null
              and us.role in ('admin', 'staff')
            order by u.path, us.display_name, us.id
            limit 500"#,
        path
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, r.display_name, r.union_name))
        .collect())
}

/// Whether the user is an active cadre of the subtree at `path`.
pub async fn is_cadre_of(conn: &mut PgConnection, user_id: Uuid, path: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from users
                           where id = $1 and union_path <@ $2::text::ltree
                             and disabled_at is null and role in ('admin', 'staff'))
              as "found!""#,
        user_id,
        path
    )
    .fetch_one(conn)
    .await
}
