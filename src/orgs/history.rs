//! An organization's rating history and union-building history: rows are only
//! added (a rating may be revoked, with a reason); the current rating and
//! union-building status are derived from them by the database.

use axum::Form;
use axum::extract::Path;
use axum::response::Response;
use chrono::{DateTime, Local, NaiveDate, Utc};
use serde::Deserialize;
use sqlx::PgConnection;
use uuid::Uuid;

use super::forms::past_date;
use super::kinds::UnionBuilding;
use super::show::{OrgPage, Section};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::web::forms::{optional_text, required_text};
use crate::web::validate::parse_count;
use crate::web::{Ctx, FieldErrors, Flash, flash, render_invalid};

#[derive(Clone, Debug, sqlx::FromRow)]
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

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UnionBuildingRow {
    #[sqlx(try_from = "String")]
    pub status: UnionBuilding,
    pub founded_on: Option<NaiveDate>,
    pub members: Option<i32>,
    pub employees: Option<i32>,
    pub chair: Option<String>,
    pub changed_on: NaiveDate,
}

/// An organization's (`$1`) ratings, newest first.
pub const RATINGS_SQL: &str =
    "select id, level, rated_on, valid_until, authority, certificate_no, revoked_at, revoke_reason
   from organization_ratings where org_id = $1
  order by rated_on desc, created_at desc";

/// An organization's (`$1`) union-building changes, newest first.
pub const UNION_BUILDING_SQL: &str =
    "select status, founded_on, members, employees, chair, changed_on
   from organization_union_building where org_id = $1
  order by changed_on desc, created_at desc";

pub async fn ratings(conn: &mut PgConnection, org_id: Uuid) -> sqlx::Result<Vec<RatingRow>> {
    sqlx::query_as(RATINGS_SQL)
        .bind(org_id)
        .fetch_all(conn)
        .await
}

pub async fn union_building(
    conn: &mut PgConnection,
    org_id: Uuid,
) -> sqlx::Result<Vec<UnionBuildingRow>> {
    sqlx::query_as(UNION_BUILDING_SQL)
        .bind(org_id)
        .fetch_all(conn)
        .await
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RatingForm {
    pub level: String,
    pub rated_on: String,
    pub authority: String,
    pub certificate_no: String,
}

pub async fn add_rating(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<RatingForm>,
) -> AppResult<Response> {
    let org = super::db::find(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditOrg {
            union_path: &org.union_path,
        },
    )?;
    let mut errors = FieldErrors::default();
    let level = form
        .level
        .trim()
        .parse::<i16>()
        .ok()
        .filter(|l| (1..=5).contains(l));
    if level.is_none() {
        errors.add("level", "form.choose");
    }
    let rated_on = past_date(&mut errors, "rated_on", &form.rated_on);
    if rated_on.is_none() && errors.get("rated_on").is_none() {
        errors.add("rated_on", "form.required");
    }
    if let (Some(rated), Some(registered)) = (rated_on, org.registered_on)
        && rated < registered
    {
        errors.add("rated_on", "orgs.rated_before_registration");
    }
    let authority = required_text(&mut errors, "authority", &form.authority, 100);
    let certificate_no = optional_text(&mut errors, "certificate_no", &form.certificate_no, 50);
    let (Some(level), Some(rated_on)) = (level.filter(|_| errors.is_empty()), rated_on) else {
        let page = OrgPage::load(&mut tx, ctx, &user, org, Section::Rating(form, errors)).await?;
        return render_invalid(&page);
    };
    sqlx::query(
        "insert into organization_ratings (org_id, level, rated_on, authority, certificate_no, created_by)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(level)
    .bind(rated_on)
    .bind(&authority)
    .bind(&certificate_no)
    .bind(user.id)
    .execute(&mut *tx)
    .await?;
    let entry = Entry::new("org.rated", "organization", id)
        .at(org.union_id, &org.union_path)
        .detail("level", format!("{level}A"))
        .detail("rated_on", rated_on)
        .detail("authority", &authority);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/orgs/{id}#ratings"),
        Flash::new("orgs.rating_added"),
    ))
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RevokeForm {
    pub reason: String,
}

pub async fn revoke_rating(
    user: CurrentUser,
    mut tx: Tx,
    Path((id, rating_id)): Path<(Uuid, Uuid)>,
    Form(form): Form<RevokeForm>,
) -> AppResult<Response> {
    let org = super::db::find(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditOrg {
            union_path: &org.union_path,
        },
    )?;
    let reason = form.reason.trim();
    if reason.is_empty() {
        return Ok(flash::redirect(
            &format!("/orgs/{id}#ratings"),
            Flash::new("orgs.reason_required"),
        ));
    }
    let revoked = sqlx::query(
        "update organization_ratings set revoked_at = now(), revoke_reason = $3
          where id = $1 and org_id = $2 and revoked_at is null",
    )
    .bind(rating_id)
    .bind(id)
    .bind(reason)
    .execute(&mut *tx)
    .await?;
    if revoked.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    let entry = Entry::new("org.rating_revoked", "organization", id)
        .at(org.union_id, &org.union_path)
        .detail("rating", rating_id)
        .detail("reason", reason);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/orgs/{id}#ratings"),
        Flash::new("orgs.rating_revoked"),
    ))
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct UnionBuildingForm {
    pub status: String,
    pub founded_on: String,
    pub members: String,
    pub employees: String,
    pub chair: String,
    pub changed_on: String,
}

pub async fn add_union_building(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<UnionBuildingForm>,
) -> AppResult<Response> {
    let org = super::db::find(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditOrg {
            union_path: &org.union_path,
        },
    )?;
    let mut errors = FieldErrors::default();
    let status = UnionBuilding::parse(form.status.trim());
    if status.is_none() {
        errors.add("status", "form.choose");
    }
    let changed_on = past_date(&mut errors, "changed_on", &form.changed_on);
    if changed_on.is_none() && errors.get("changed_on").is_none() {
        errors.add("changed_on", "form.required");
    }
    let founded_on = past_date(&mut errors, "founded_on", &form.founded_on);
    let count = |errors: &mut FieldErrors, field: &'static str, value: &str| match value.trim() {
        "" => None,
        typed => {
            let parsed = parse_count(typed, 1_000_000);
            if parsed.is_none() {
                errors.add_with(field, "orgs.count_range", 1_000_000);
            }
            parsed
        }
    };
    let members = count(&mut errors, "members", &form.members);
    let employees = count(&mut errors, "employees", &form.employees);
    if let (Some(m), Some(e)) = (members, employees)
        && m > e
    {
        errors.add("members", "orgs.members_over_employees");
    }
    let chair = optional_text(&mut errors, "chair", &form.chair, 50);
    let (Some(status), Some(changed_on)) = (status.filter(|_| errors.is_empty()), changed_on)
    else {
        let page = OrgPage::load(
            &mut tx,
            ctx,
            &user,
            org,
            Section::UnionBuilding(form, errors),
        )
        .await?;
        return render_invalid(&page);
    };
    sqlx::query(
        "insert into organization_union_building
             (org_id, status, founded_on, members, employees, chair, changed_on, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(founded_on)
    .bind(members)
    .bind(employees)
    .bind(&chair)
    .bind(changed_on)
    .bind(user.id)
    .execute(&mut *tx)
    .await?;
    let entry = Entry::new("org.union_building_changed", "organization", id)
        .at(org.union_id, &org.union_path)
        .detail(
            "union_building",
            serde_json::json!({ "before": org.union_building.as_str(), "after": status.as_str() }),
        )
        .detail("changed_on", changed_on);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/orgs/{id}#union-building"),
        Flash::new("form.saved"),
    ))
}
