//! The queries of an organization's rating and union-building history. Rows
//! are only added; a rating may be revoked, with a reason.

use chrono::{DateTime, Local, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::orgs::kinds::UnionBuilding;

#[derive(Clone, Debug)]
pub struct RatingRow {
    pub id: Uuid,
    pub level: i16,
    pub rated_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub authority: String,
    pub certificate_no: Option<String>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoke_reason: Option<String>,
}

impl RatingRow {
    pub fn is_expired(&self) -> bool {
        self.valid_until < Local::now().date_naive()
    }
}

#[derive(Clone, Debug)]
pub struct UnionBuildingRow {
    pub status: UnionBuilding,
    pub founded_on: Option<NaiveDate>,
    pub members: Option<i32>,
    pub employees: Option<i32>,
    pub chair: Option<String>,
    pub changed_on: NaiveDate,
}

/// An organization's ratings, newest first.
pub async fn ratings(conn: &mut PgConnection, org_id: Uuid) -> sqlx::Result<Vec<RatingRow>> {
    // `valid_until` is generated from `rated_on`, which is never null.
    sqlx::query_as!(
        RatingRow,
        r#"select id, level, rated_on, valid_until as "valid_until!", authority, certificate_no,
                  revoked_at, revoke_reason
             from organization_ratings where org_id = $1
            order by rated_on desc, created_at desc"#,
        org_id
    )
    .fetch_all(conn)
    .await
}

/// An organization's union-building changes, newest first.
pub async fn union_building(
    conn: &mut PgConnection,
    org_id: Uuid,
) -> sqlx::Result<Vec<UnionBuildingRow>> {
    sqlx::query_as!(
        UnionBuildingRow,
        r#"select status as "status: _", founded_on, members, employees, chair, changed_on
             from organization_union_building where org_id = $1
            order by changed_on desc, created_at desc"#,
        org_id
    )
    .fetch_all(conn)
    .await
}

/// A rating as recorded (its five years of validity are the database's).
#[derive(Clone, Debug)]
pub struct NewRating {
    pub level: i16,
    pub rated_on: NaiveDate,
    pub authority: String,
    pub certificate_no: Option<String>,
}

pub async fn insert_rating(
    conn: &mut PgConnection,
    org_id: Uuid,
    rating: &NewRating,
    created_by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into organization_ratings (org_id, level, rated_on, authority, certificate_no, created_by)
         values ($1, $2, $3, $4, $5, $6)",
        org_id,
        rating.level,
        rating.rated_on,
        rating.authority,
        rating.certificate_no,
        created_by
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Revokes one of the organization's ratings with a reason; false when it has
/// no such rating still in force.
pub async fn revoke_rating(
    conn: &mut PgConnection,
    org_id: Uuid,
    rating_id: Uuid,
    reason: &str,
) -> sqlx::Result<bool> {
    let revoked = sqlx::query!(
        "update organization_ratings set revoked_at = now(), revoke_reason = $3
          where id = $1 and org_id = $2 and revoked_at is null",
        rating_id,
        org_id,
        reason
    )
    .execute(conn)
    .await?;
    Ok(revoked.rows_affected() != 0)
}

/// A union-building change as recorded.
#[derive(Clone, Debug)]
pub struct NewUnionBuilding {
    pub status: UnionBuilding,
    pub founded_on: Option<NaiveDate>,
    pub members: Option<i32>,
    pub employees: Option<i32>,
    pub chair: Option<String>,
    pub changed_on: NaiveDate,
}

pub async fn insert_union_building(
    conn: &mut PgConnection,
    org_id: Uuid,
    change: &NewUnionBuilding,
    created_by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into organization_union_building
             (org_id, status, founded_on, members, employees, chair, changed_on, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        org_id,
        change.status.as_str(),
        change.founded_on,
        change.members,
        change.employees,
        change.chair,
        change.changed_on,
        created_by
    )
    .execute(conn)
    .await?;
    Ok(())
}
