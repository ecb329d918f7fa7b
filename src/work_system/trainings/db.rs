//! The queries of trainings and exchanges. Row-level security keeps every one
//! of them to the actor's scope. A training's attendees are its accounts
//! plus the count of those without one; attendee-hours are attendees times
//! hours, kept in tenths of an hour.

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::Kind;
use super::forms::TrainingInput;
use crate::db::list::{
    CappedCount, CountQuery, ListScope, Order, Paged, Position, ScopeColumns, stream_rows,
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TrainingRow {
    pub id: Uuid,
    pub union_id: i64,
    pub union_path: String,
    pub union_name: String,
    pub held_on: NaiveDate,
    #[sqlx(try_from = "String")]
    pub kind: Kind,
    pub topic: String,
    pub hours_tenths: i32,
    pub external_attendees: i32,
    /// Attendees with an account.
    pub account_attendees: i64,
    pub notes: Option<String>,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

impl TrainingRow {
    pub fn attendees(&self) -> i64 {
        self.account_attendees + i64::from(self.external_attendees)
    }

    /// Attendee-hours, in tenths of an hour.
    pub fn attendee_tenths(&self) -> i64 {
        self.attendees() * i64::from(self.hours_tenths)
    }

    /// `3.5`: the hours as read.
    pub fn hours(&self) -> String {
        super::hours_text(i64::from(self.hours_tenths))
    }

    /// The attendee-hours as read.
    pub fn attendee_hours(&self) -> String {
        super::hours_text(self.attendee_tenths())
    }
}

/// The columns of a row, for the list's dynamic query (the checked query
/// spells them out).
macro_rules! training_select {
    () => {
        "select t.id, t.union_id, t.union_path::text as union_path, u.name as union_name,
                t.held_on, t.kind, t.topic, t.hours_tenths, t.external_attendees,
                (select count(*) from training_attendees a where a.training_id = t.id)
                    as account_attendees,
                t.notes, t.created_at, t.version
           from trainings t
           join unions u on u.id = t.union_id"
    };
}

/// One training, if the actor may see it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<TrainingRow>> {
    sqlx::query_as!(
        TrainingRow,
        r#"select t.id, t.union_id, t.union_path::text as "union_path!", u.name as union_name,
                  t.held_on, t.kind as "kind: _", t.topic, t.hours_tenths, t.external_attendees,
                  (select count(*) from training_attendees a where a.training_id = t.id)
                      as "account_attendees!",
                  t.notes, t.created_at, t.version
             from trainings t
             join unions u on u.id = t.union_id
            where t.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// What the list is narrowed to.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// The year the trainings were held in.
    pub year: Option<i32>,
    pub kind: Option<Kind>,
    /// The subtree of the organizers: the reader's scope, or a union in it.
    pub scope: ListScope,
}

const SCOPE_COLUMNS: ScopeColumns = ScopeColumns::path("t.union_path");

/// The list's order: the most recent first.
const NEWEST_FIRST: [(&str, &str); 2] = [("t.held_on", "date"), ("t.id", "uuid")];

fn push_filters(q: &mut QueryBuilder<Postgres>, filter: &Filter) {
    if let Some(year) = filter.year {
        q.push(" and t.held_on >= make_date(")
            .push_bind(year)
            .push(", 1, 1) and t.held_on < make_date(")
            .push_bind(year + 1)
            .push(", 1, 1)");
    }
    if let Some(kind) = filter.kind {
        q.push(" and t.kind = ").push_bind(kind.as_str());
    }
    filter.scope.push(q, &SCOPE_COLUMNS);
}

/// One page of trainings, the most recent first.
pub async fn list(
    conn: &mut PgConnection,
    filter: &Filter,
    position: &Position,
) -> sqlx::Result<Paged<TrainingRow>> {
    let mut q = QueryBuilder::<Postgres>::new(training_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    Order::newest_first(&NEWEST_FIRST).push_page(&mut q, position);
    let rows: Vec<TrainingRow> = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| {
        vec![row.held_on.to_string(), row.id.to_string()]
    }))
}

pub async fn count(conn: &mut PgConnection, filter: &Filter) -> sqlx::Result<CappedCount> {
    let mut count = CountQuery::new("trainings t");
    push_filters(count.conditions(), filter);
    count.fetch(conn, None).await
}

/// A row of the export: the training and the names of its attendees.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ExportRow {
    #[sqlx(flatten)]
    pub training: TrainingRow,
    pub attendee_names: Option<String>,
}

/// Every training the filter finds, the most recent first, as the cursor
/// reads them (the export).
pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    filter: &Filter,
) -> BoxStream<'c, sqlx::Result<ExportRow>> {
    let mut q = QueryBuilder::<Postgres>::new(
        "select * from (select x.*,
                (select string_agg(us.display_name, '、' order by us.display_name, us.username)
                   from training_attendees a join users us on us.id = a.user_id
                  where a.training_id = x.id) as attendee_names
           from (",
    );
    q.push(training_select!());
    q.push(" where true");
    push_filters(&mut q, filter);
    q.push(") x) t");
    Order::newest_first(&NEWEST_FIRST).push_order(&mut q, &Position::Start);
    stream_rows(q, conn)
}

/// Sessions, attendees and attendee-hours of a group of trainings.
#[derive(Clone, Debug, Default, sqlx::FromRow)]
pub struct Totals {
    pub sessions: i64,
    pub attendees: i64,
    /// Attendee-hours in tenths.
    pub attendee_tenths: i64,
}

impl Totals {
    /// The attendee-hours as read.
    pub fn attendee_hours(&self) -> String {
        super::hours_text(self.attendee_tenths)
    }
}

/// The totals of one organizing union in one year.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UnionYearTotals {
    pub union_id: i64,
    pub union_name: String,
    pub year: i32,
    #[sqlx(flatten)]
    pub totals: Totals,
}

/// How many (union, year) groups the list page shows at most.
pub const TOTALS_SHOWN: i64 = 100;

/// The trainings the filter finds, summed per organizing union and year (the
/// newest year first, then in tree order), at most [`TOTALS_SHOWN`] groups.
pub async fn totals_by_union_and_year(
    conn: &mut PgConnection,
    filter: &Filter,
) -> sqlx::Result<Vec<UnionYearTotals>> {
    let mut q = QueryBuilder::<Postgres>::new(
        "select t.union_id, u.name as union_name,
                extract(year from t.held_on)::int as year,
                count(*) as sessions,
                coalesce(sum(c.n), 0)::bigint as attendees,
                coalesce(sum(c.n * t.hours_tenths), 0)::bigint as attendee_tenths
           from trainings t
           join unions u on u.id = t.union_id
           cross join lateral (
               select count(*) + t.external_attendees as n
                 from training_attendees a where a.training_id = t.id) c
          where true",
    );
    push_filters(&mut q, filter);
    q.push(" group by t.union_id, u.name, u.path, 3 order by 3 desc, u.path limit ")
        .push_bind(TOTALS_SHOWN);
    q.build_query_as().fetch_all(conn).await
}

/// The trainings the filter finds, summed.
pub async fn totals(conn: &mut PgConnection, filter: &Filter) -> sqlx::Result<Totals> {
    let mut q = QueryBuilder::<Postgres>::new(
        "select count(*) as sessions,
                coalesce(sum(c.n), 0)::bigint as attendees,
                coalesce(sum(c.n * t.hours_tenths), 0)::bigint as attendee_tenths
           from trainings t
           cross join lateral (
               select count(*) + t.external_attendees as n
                 from training_attendees a where a.training_id = t.id) c
          where true",
    );
    push_filters(&mut q, filter);
    q.build_query_as().fetch_one(conn).await
}

/// A year's totals for one union: the trainings it organized itself, and
/// those of its whole subtree.
#[derive(Clone, Debug)]
pub struct YearTotals {
    pub year: i32,
    pub own: Totals,
    pub subtree: Totals,
}

/// For the union `union_id` at `path`, its totals per year, the newest first.
pub async fn yearly_totals(
    conn: &mut PgConnection,
    union_id: i64,
    path: &str,
) -> sqlx::Result<Vec<YearTotals>> {
    let rows = sqlx::query!(
        r#"select extract(year from t.held_on)::int as "year!",
                  count(*) filter (where t.union_id = $1) as "own_sessions!",
                  coalesce(sum(c.n) filter (where t.union_id = $1), 0)::bigint
                      as "own_attendees!",
                  coalesce(sum(c.n * t.hours_tenths) filter (where t.union_id = $1), 0)::bigint
                      as "own_tenths!",
                  count(*) as "sessions!",
                  coalesce(sum(c.n), 0)::bigint as "attendees!",
                  coalesce(sum(c.n * t.hours_tenths), 0)::bigint as "tenths!"
             from trainings t
             cross join lateral (
                 select count(*) + t.external_attendees as n
                   from training_attendees a where a.training_id = t.id) c
            where t.union_path <@ $2::text::ltree
            group by 1
            order by 1 desc"#,
        union_id,
        path
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| YearTotals {
            year: r.year,
            own: Totals {
                sessions: r.own_sessions,
                attendees: r.own_attendees,
                attendee_tenths: r.own_tenths,
            },
            subtree: Totals {
                sessions: r.sessions,
                attendees: r.attendees,
                attendee_tenths: r.tenths,
            },
        })
        .collect())
}

/// An account that attended, or may be chosen as attending.
#[derive(Clone, Debug)]
pub struct AttendeeRow {
    pub user_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub union_name: String,
}

/// The accounts that attended the training, by union and name.
pub async fn attendees(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Vec<AttendeeRow>> {
    sqlx::query_as!(
        AttendeeRow,
        "select us.id as user_id, us.username, us.display_name, n.name as union_name
           from training_attendees a
           join users us on us.id = a.user_id
           join unions n on n.id = us.union_id
          where a.training_id = $1
          order by n.path, us.display_name, us.username",
        id
    )
    .fetch_all(conn)
    .await
}

/// How many accounts the attendee picker offers at most.
pub const ATTENDEE_OPTIONS: i64 = 300;

/// The cadre accounts in use under `path` (the highest unions first), at most
/// [`ATTENDEE_OPTIONS`], and the accounts of `selected` wherever they are in
/// scope, so that a form never loses what was chosen.
pub async fn attendee_options(
    conn: &mut PgConnection,
    path: &str,
    selected: &[Uuid],
) -> sqlx::Result<Vec<AttendeeRow>> {
    sqlx::query_as!(
        AttendeeRow,
        r#"select us.id as "user_id!", us.username as "username!",
                  us.display_name as "display_name!", n.name as "union_name!"
             from (select id from (
                       select id from users
                        where union_path <@ $1::text::ltree and disabled_at is null
                          and role in ('admin', 'staff', 'viewer')
                        order by nlevel(union_path), union_path, display_name, id
                        limit $3) offered
                   union
                   select id from users where id = any($2)) picked
             join users us on us.id = picked.id
             join unions n on n.id = us.union_id
            order by nlevel(n.path), n.path, us.display_name, us.username"#,
        path,
        selected,
        ATTENDEE_OPTIONS
    )
    .fetch_all(conn)
    .await
}

/// How many of `ids` are cadre accounts at or below `path` (the organizer).
pub async fn attendees_within(
    conn: &mut PgConnection,
    ids: &[Uuid],
    path: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "count!" from users
            where id = any($1) and union_path <@ $2::text::ltree
              and role in ('admin', 'staff', 'viewer')"#,
        ids,
        path
    )
    .fetch_one(conn)
    .await
}

/// Records a training (without its attendees); returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    input: &TrainingInput,
    created_by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into trainings (union_id, held_on, kind, topic, hours_tenths, external_attendees,
                                notes, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        input.union_id,
        input.held_on,
        input.kind,
        input.topic,
        input.hours_tenths,
        input.external_attendees,
        input.notes,
        created_by
    )
    .fetch_one(conn)
    .await
}

/// Saves the training if nobody saved it since `version`; `false` when
/// someone did.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    input: &TrainingInput,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update trainings set union_id = $3, held_on = $4, kind = $5, topic = $6,
                hours_tenths = $7, external_attendees = $8, notes = $9,
                updated_at = now(), version = version + 1
          where id = $1 and version = $2",
        id,
        version,
        input.union_id,
        input.held_on,
        input.kind,
        input.topic,
        input.hours_tenths,
        input.external_attendees,
        input.notes
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Makes `users` the training's attendees with an account.
pub async fn set_attendees(conn: &mut PgConnection, id: Uuid, users: &[Uuid]) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from training_attendees where training_id = $1 and user_id <> all($2)",
        id,
        users
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into training_attendees (training_id, union_path, user_id)
         select t.id, t.union_path, picked from trainings t, unnest($2::uuid[]) picked
          where t.id = $1
         on conflict (training_id, user_id) do nothing",
        id,
        users
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes the training, its attendees and the records of its materials (the
/// stored bytes go with the file sweeper); `false` if it was gone.
pub async fn delete(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    sqlx::query!(
        "delete from files where owner_kind = $2 and owner_id = $1",
        id,
        super::OWNER_KIND
    )
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query!("delete from trainings where id = $1", id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
