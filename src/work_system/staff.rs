//! Naming and removing the union's staff for the work.

use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use uuid::Uuid;

use super::db;
use super::forms::{StaffForm, StaffInput};
use super::show::{Typed, WorkSystemPage, editable_union};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::web::{Ctx, FieldErrors, Flash, flash, render_invalid};

pub async fn add(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<i64>,
    Form(form): Form<StaffForm>,
) -> AppResult<Response> {
    let union = editable_union(&mut tx, &user, id).await?;
    let accounts: Vec<Uuid> = db::accounts_of(&mut tx, id)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let parsed = form.parse(&accounts);
    let added = match &parsed {
        Ok(input) => db::add_staff(&mut tx, id, input, user.id).await?,
        Err(_) => None,
    };
    let (Ok(input), Some(staff_id)) = (parsed.as_ref(), added) else {
        let staff_errors = parsed.err().unwrap_or_else(|| {
            let mut errors = FieldErrors::default();
            errors.add("user_id", "work_system.account_named");
            errors
        });
        let typed = Typed {
            staff_form: form,
            staff_errors,
            ..Typed::default()
        };
        let page = WorkSystemPage::load(&mut tx, ctx, &user, union, typed).await?;
        return render_invalid(&page);
    };
    let entry = Entry::new("work_system.staff_added", "work_system", id)
        .at(id, &union.path)
        .created(input)
        .detail("staff_id", staff_id);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/unions/{id}/work-system#staff"),
        Flash::with_arg("work_system.staff_added", &input.name),
    ))
}

pub async fn remove(
    user: CurrentUser,
    mut tx: Tx,
    Path((id, staff_id)): Path<(i64, Uuid)>,
) -> AppResult<Response> {
    let union = editable_union(&mut tx, &user, id).await?;
    let staff = db::find_staff(&mut tx, id, staff_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !db::remove_staff(&mut tx, staff_id).await? {
        return Err(AppError::NotFound);
    }
    let entry = Entry::new("work_system.staff_removed", "work_system", id)
        .at(id, &union.path)
        .detail("removed", StaffInput::of(&staff))
        .detail("staff_id", staff_id);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/unions/{id}/work-system#staff"),
        Flash::with_arg("work_system.staff_removed", &staff.name),
    ))
}
