//! An organization's rating history and union-building history: rows are only
//! added (a rating may be revoked, with a reason); the current rating and
//! union-building status are derived from them by the database.

pub mod db;

use axum::Form;
use axum::extract::Path;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use self::db::{NewRating, NewUnionBuilding};
use super::forms::past_date;
use super::kinds::UnionBuilding;
use super::show::{InvalidForm, OrgPage};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::web::forms::{optional_text, required_text};
use crate::web::validate::parse_count;
use crate::web::{Ctx, FieldErrors, Flash, flash, render_invalid};

/// The largest member or employee count accepted.
const MAX_COUNT: i32 = 1_000_000;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RatingForm {
    pub level: String,
    pub rated_on: String,
    pub authority: String,
    pub certificate_no: String,
}

impl RatingForm {
    /// The rating typed, for an organization registered on `registered_on`
    /// (a rating cannot precede it), or every problem with it.
    fn parse(&self, registered_on: Option<NaiveDate>) -> Result<NewRating, FieldErrors> {
        let mut errors = FieldErrors::default();
        let level = self
            .level
            .trim()
            .parse::<i16>()
            .ok()
            .filter(|l| (1..=5).contains(l));
        if level.is_none() {
            errors.add("level", "form.choose");
        }
        let rated_on = past_date(&mut errors, "rated_on", &self.rated_on);
        if rated_on.is_none() && errors.get("rated_on").is_none() {
            errors.add("rated_on", "form.required");
        }
        if let (Some(rated), Some(registered)) = (rated_on, registered_on)
            && rated < registered
        {
            errors.add("rated_on", "orgs.rated_before_registration");
        }
        let authority = required_text(&mut errors, "authority", &self.authority, 100);
        let certificate_no = optional_text(&mut errors, "certificate_no", &self.certificate_no, 50);
        match (level, rated_on) {
            (Some(level), Some(rated_on)) if errors.is_empty() => Ok(NewRating {
                level,
                rated_on,
                authority,
                certificate_no,
            }),
            _ => Err(errors),
        }
    }
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
    let rating = match form.parse(org.registered_on) {
        Ok(rating) => rating,
        Err(errors) => {
            let page =
                OrgPage::load(&mut tx, ctx, &user, org, InvalidForm::Rating(form, errors)).await?;
            return render_invalid(&page);
        }
    };
    db::insert_rating(&mut tx, id, &rating, user.id).await?;
    let entry = Entry::new("org.rated", "organization", id)
        .at(org.union_id, &org.union_path)
        .detail("level", format!("{}A", rating.level))
        .detail("rated_on", rating.rated_on)
        .detail("authority", &rating.authority);
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
    if !db::revoke_rating(&mut tx, id, rating_id, reason).await? {
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

impl UnionBuildingForm {
    /// The union-building change typed, or every problem with it.
    fn parse(&self) -> Result<NewUnionBuilding, FieldErrors> {
        let mut errors = FieldErrors::default();
        let status = UnionBuilding::parse(self.status.trim());
        if status.is_none() {
            errors.add("status", "form.choose");
        }
        let changed_on = past_date(&mut errors, "changed_on", &self.changed_on);
        if changed_on.is_none() && errors.get("changed_on").is_none() {
            errors.add("changed_on", "form.required");
        }
        let founded_on = past_date(&mut errors, "founded_on", &self.founded_on);
        let members = optional_count(&mut errors, "members", &self.members);
        let employees = optional_count(&mut errors, "employees", &self.employees);
        if let (Some(m), Some(e)) = (members, employees)
            && m > e
        {
            errors.add("members", "orgs.members_over_employees");
        }
        let chair = optional_text(&mut errors, "chair", &self.chair, 50);
        match (status, changed_on) {
            (Some(status), Some(changed_on)) if errors.is_empty() => Ok(NewUnionBuilding {
                status,
                founded_on,
                members,
                employees,
                chair,
                changed_on,
            }),
            _ => Err(errors),
        }
    }
}

/// A count that may be left empty (then unknown, not zero).
fn optional_count(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<i32> {
    match value.trim() {
        "" => None,
        typed => {
            let parsed = parse_count(typed, MAX_COUNT);
            if parsed.is_none() {
                errors.add_with(field, "orgs.count_range", MAX_COUNT);
            }
            parsed
        }
    }
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
    let change = match form.parse() {
        Ok(change) => change,
        Err(errors) => {
            let section = InvalidForm::UnionBuilding(form, errors);
            let page = OrgPage::load(&mut tx, ctx, &user, org, section).await?;
            return render_invalid(&page);
        }
    };
    db::insert_union_building(&mut tx, id, &change, user.id).await?;
    let entry = Entry::new("org.union_building_changed", "organization", id)
        .at(org.union_id, &org.union_path)
        .detail(
            "union_building",
            serde_json::json!({
                "before": org.union_building.as_str(),
                "after": change.status.as_str(),
            }),
        )
        .detail("changed_on", change.changed_on);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/orgs/{id}#union-building"),
        Flash::new("form.saved"),
    ))
}
