//! Admitting members and ending memberships. A membership is never deleted:
//! leaving gives it an end date and a reason, and the history keeps it. An
//! organization homed outside the leading union's subtree is admitted only by
//! an explicit cross-region admission, with its reason.

use axum::extract::{Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use uuid::Uuid;

use super::db::{self, FederationRow};
use super::forms::{LeaveForm, MemberForm};
use super::pages::{FederationPage, MembersQuery, managed};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::is_within;
use crate::state::AppState;
use crate::web::forms::constraint_message;
use crate::web::{Ctx, FieldErrors, Flash, flash, render_invalid};

/// The database's refusals of an admission, beside the organization field.
const CONSTRAINTS: &[(&str, &str, &str)] = &[
    (
        "federation_members_current_key",
        "org",
        "federations.already_member",
    ),
    (
        "federation_members_region",
        "org",
        "federations.outside_region_now",
    ),
];

async fn show_refused_member(
    tx: &mut Tx,
    ctx: Ctx,
    user: &CurrentUser,
    federation: FederationRow,
    form: MemberForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let page = FederationPage::load(tx, ctx, user, federation, &MembersQuery::default()).await?;
    render_invalid(&page.refused_member(form, errors))
}

pub async fn admit_member(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<MemberForm>,
) -> AppResult<Response> {
    let federation = managed(&mut tx, &user, id).await?;
    let (input, mut errors) = match form.parse() {
        Ok(input) => (Some(input), FieldErrors::default()),
        Err(errors) => (None, errors),
    };
    let candidate = match &input {
        Some(input) => db::find_candidate(&mut tx, &input.org).await?,
        None => None,
    };
    if input.is_some() && candidate.is_none() {
        errors.add("org", "federations.org_not_found");
    }
    let mut input = input;
    if let (Some(input), Some(candidate)) = (input.as_mut(), &candidate) {
        let inside = is_within(&candidate.union_path, &federation.union_path);
        if inside {
            // Within the region an admission is no exception.
            input.cross_region_reason = None;
        } else if input.cross_region_reason.is_none() {
            errors.add_with("org", "federations.outside_region", &federation.union_name);
        }
        if db::is_current_member(&mut tx, federation.id, candidate.id).await? {
            errors.add("org", "federations.already_member");
        }
    }
    let (Some(input), Some(candidate)) = (input.filter(|_| errors.is_empty()), candidate) else {
        return show_refused_member(&mut tx, ctx, &user, federation, form, errors).await;
    };
    let member_id = match db::insert_member(&mut tx, &federation, &candidate, &input, user.id).await
    {
        Ok(member_id) => member_id,
        Err(error) => {
            let Some(errors) = constraint_message(&error, CONSTRAINTS) else {
                return Err(error.into());
            };
            let mut tx = state.db.begin(&user.db_actor()).await?;
            let federation = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
            return show_refused_member(&mut tx, ctx, &user, federation, form, errors).await;
        }
    };
    let entry = Entry::new("federation.member_admitted", "federation", federation.id)
        .at(federation.union_id, &federation.union_path)
        .detail("membership", member_id)
        .detail("organization", candidate.id)
        .detail("organization_name", &candidate.name)
        .detail("role", input.role.as_str())
        .detail("joined_on", input.joined_on)
        .detail("cross_region_reason", &input.cross_region_reason);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/federations/{id}#members"),
        Flash::with_arg("federations.admitted", &candidate.name),
    ))
}

pub async fn end_membership(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path((id, member_id)): Path<(Uuid, Uuid)>,
    Form(form): Form<LeaveForm>,
) -> AppResult<Response> {
    let federation = managed(&mut tx, &user, id).await?;
    let (org_id, org_name, joined_on, left_on, _) = db::find_member(&mut tx, id, member_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if left_on.is_some() {
        return Ok(flash::redirect(
            &format!("/federations/{id}#members"),
            Flash::new("federations.already_ended"),
        ));
    }
    let (left_on, reason) = match form.parse(joined_on) {
        Ok(parsed) => parsed,
        Err(errors) => {
            let page =
                FederationPage::load(&mut tx, ctx, &user, federation, &MembersQuery::default())
                    .await?;
            return render_invalid(&page.refused_leave(member_id, form, errors));
        }
    };
    if !db::end_member(&mut tx, member_id, form.version, left_on, reason.as_deref()).await? {
        let mut errors = FieldErrors::default();
        errors.add("left_on", "form.conflict");
        let page =
            FederationPage::load(&mut tx, ctx, &user, federation, &MembersQuery::default()).await?;
        return render_invalid(&page.refused_leave(member_id, form, errors));
    }
    let entry = Entry::new("federation.member_left", "federation", federation.id)
        .at(federation.union_id, &federation.union_path)
        .detail("membership", member_id)
        .detail("organization", org_id)
        .detail("organization_name", &org_name)
        .detail("left_on", left_on)
        .detail("leave_reason", &reason);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/federations/{id}#members"),
        Flash::with_arg("federations.left", &org_name),
    ))
}
