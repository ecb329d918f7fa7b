//! The queries of the work system. Row-level security keeps every one of them
//! to the actor's scope; [`coverage`] is what the dashboards count with.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::forms::{StaffInput, WorkSystemInput};
use crate::identity::Level;

/// A union's leader and department, as last saved.
#[derive(Clone, Debug)]
pub struct WorkSystemRow {
    pub union_id: i64,
    pub leader_name: Option<String>,
    pub leader_title: Option<String>,
    pub department: Option<String>,
    pub updated_at: DateTime<Utc>,
    pub updated_by_name: Option<String>,
    pub version: i32,
}

/// The union's work system, if anyone set it.
pub async fn find(conn: &mut PgConnection, union_id: i64) -> sqlx::Result<Option<WorkSystemRow>> {
    sqlx::query_as!(
        WorkSystemRow,
        r#"select w.union_id, w.leader_name, w.leader_title, w.department, w.updated_at,
                  u.display_name as "updated_by_name?", w.version
             from work_systems w
             left join users u on u.id = w.updated_by
            where w.union_id = $1"#,
        union_id
    )
    .fetch_optional(conn)
    .await
}

/// Saves the leader and department if nobody saved them since `version` (0:
/// never saved); `false` when someone did.
pub async fn save(
    conn: &mut PgConnection,
    union_id: i64,
    version: i32,
    input: &WorkSystemInput,
    user_id: Uuid,
) -> sqlx::Result<bool> {
    let done = if version == 0 {
        sqlx::query!(
            "insert into work_systems (union_id, leader_name, leader_title, department, updated_by)
             values ($1, $2, $3, $4, $5)
             on conflict (union_id) do nothing",
            union_id,
            input.leader_name,
            input.leader_title,
            input.department,
            user_id
        )
        .execute(conn)
        .await?
    } else {
        sqlx::query!(
            "update work_systems
                set leader_name = $3, leader_title = $4, department = $5, updated_by = $6,
                    updated_at = now(), version = version + 1
              where union_id = $1 and version = $2",
            union_id,
            version,
            input.leader_name,
            input.leader_title,
            input.department,
            user_id
        )
        .execute(conn)
        .await?
    };
    Ok(done.rows_affected() == 1)
}

/// A named member of staff for the work.
#[derive(Clone, Debug)]
pub struct StaffRow {
    pub id: Uuid,
    pub union_id: i64,
    pub name: String,
    pub duty: String,
    pub phone: Option<String>,
    pub user_id: Option<Uuid>,
    pub username: Option<String>,
    pub user_display_name: Option<String>,
}

/// The union's staff, in the order they were named.
pub async fn staff(conn: &mut PgConnection, union_id: i64) -> sqlx::Result<Vec<StaffRow>> {
    sqlx::query_as!(
        StaffRow,
        r#"select s.id, s.union_id, s.name, s.duty, s.phone, s.user_id,
                  u.username as "username?", u.display_name as "user_display_name?"
             from work_system_staff s
             left join users u on u.id = s.user_id
            where s.union_id = $1
            order by s.created_at, s.name, s.id"#,
        union_id
    )
    .fetch_all(conn)
    .await
}

/// One member of the union's staff.
pub async fn find_staff(
    conn: &mut PgConnection,
    union_id: i64,
    id: Uuid,
) -> sqlx::Result<Option<StaffRow>> {
    sqlx::query_as!(
        StaffRow,
        r#"select s.id, s.union_id, s.name, s.duty, s.phone, s.user_id,
                  u.username as "username?", u.display_name as "user_display_name?"
             from work_system_staff s
             left join users u on u.id = s.user_id
            where s.union_id = $1 and s.id = $2"#,
        union_id,
        id
    )
    .fetch_optional(conn)
    .await
}

/// Names a member of staff; `None` when the account is already named here.
pub async fn add_staff(
    conn: &mut PgConnection,
    union_id: i64,
    input: &StaffInput,
    created_by: Uuid,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "insert into work_system_staff (union_id, name, duty, phone, user_id, created_by)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (union_id, user_id) do nothing
         returning id",
        union_id,
        input.name,
        input.duty,
        input.phone,
        input.user_id,
        created_by
    )
    .fetch_optional(conn)
    .await
}

pub async fn remove_staff(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query!("delete from work_system_staff where id = $1", id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// An account a member of staff can be linked to.
#[derive(Clone, Debug)]
pub struct AccountOption {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
}

/// The union's own cadre accounts (admins, staff, viewers) in use.
pub async fn accounts_of(
    conn: &mut PgConnection,
    union_id: i64,
) -> sqlx::Result<Vec<AccountOption>> {
    sqlx::query_as!(
        AccountOption,
        "select id, username, display_name from users
          where union_id = $1 and role in ('admin', 'staff', 'viewer') and disabled_at is null
          order by display_name, username",
        union_id
    )
    .fetch_all(conn)
    .await
}

/// A union's year: its funding line and the id its documents hang on.
#[derive(Clone, Debug)]
pub struct WorkYearRow {
    pub id: Uuid,
    pub year: i32,
    pub funding_fen: Option<i64>,
    pub funding_note: Option<String>,
}

/// The union's years with anything recorded, the newest first.
pub async fn years(conn: &mut PgConnection, union_id: i64) -> sqlx::Result<Vec<WorkYearRow>> {
    sqlx::query_as!(
        WorkYearRow,
        "select id, year, funding_fen, funding_note from work_years
          where union_id = $1 order by year desc",
        union_id
    )
    .fetch_all(conn)
    .await
}

/// The union's year `year`, if anything was recorded for it.
pub async fn year(
    conn: &mut PgConnection,
    union_id: i64,
    year: i32,
) -> sqlx::Result<Option<WorkYearRow>> {
    sqlx::query_as!(
        WorkYearRow,
        "select id, year, funding_fen, funding_note from work_years
          where union_id = $1 and year = $2",
        union_id,
        year
    )
    .fetch_optional(conn)
    .await
}

/// The id of the union's year `year`, made if missing (a document's owner).
pub async fn ensure_year(conn: &mut PgConnection, union_id: i64, year: i32) -> sqlx::Result<Uuid> {
    sqlx::query!(
        "insert into work_years (union_id, year) values ($1, $2)
         on conflict (union_id, year) do nothing",
        union_id,
        year
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar!(
        "select id from work_years where union_id = $1 and year = $2",
        union_id,
        year
    )
    .fetch_one(conn)
    .await
}

/// Sets the funding line of the union's year `year`.
pub async fn set_funding(
    conn: &mut PgConnection,
    union_id: i64,
    year: i32,
    funding_fen: Option<i64>,
    funding_note: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into work_years (union_id, year, funding_fen, funding_note)
         values ($1, $2, $3, $4)
         on conflict (union_id, year) do update
            set funding_fen = excluded.funding_fen, funding_note = excluded.funding_note,
                updated_at = now()",
        union_id,
        year,
        funding_fen,
        funding_note
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Of the unions at one level below a union: how many have a responsible
/// department, of how many.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LevelCoverage {
    pub level: Level,
    pub with_department: i64,
    pub total: i64,
}

impl LevelCoverage {
    /// The share with a department, in tenths of a percent (`875` is 87.5 %).
    pub fn per_mille(&self) -> i64 {
        if self.total == 0 {
            0
        } else {
            (self.with_department * 1000 + self.total / 2) / self.total
        }
    }
}

/// For the union `union_id`: of all the unions in its subtree (itself left
/// out), per level from the highest, how many have a responsible department
/// ("unions with a responsible department: 27 of 31 provinces"). Empty for a
/// union outside the reader's scope or without unions below.
pub async fn coverage(conn: &mut PgConnection, union_id: i64) -> sqlx::Result<Vec<LevelCoverage>> {
    sqlx::query_as!(
        LevelCoverage,
        r#"select u.level as "level: Level", count(w.department) as "with_department!",
                  count(*) as "total!"
             from unions u
             left join work_systems w on w.union_id = u.id
            where u.path <@ (select path from unions where id = $1) and u.id <> $1
            group by u.level
            order by union_level_rank(u.level)"#,
        union_id
    )
    .fetch_all(conn)
    .await
}

/// For the union `union_id`: of its direct children, how many have a
/// responsible department, and how many there are.
pub async fn children_coverage(conn: &mut PgConnection, union_id: i64) -> sqlx::Result<(i64, i64)> {
    let row = sqlx::query!(
        r#"select count(w.department) as "with_department!", count(*) as "total!"
             from unions u
             left join work_systems w on w.union_id = u.id
            where u.parent_id = $1"#,
        union_id
    )
    .fetch_one(conn)
    .await?;
    Ok((row.with_department, row.total))
}
