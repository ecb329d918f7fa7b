//! The work on a pilot: milestones added and kept up to date and progress
//! notes written by the pilot union's cadres (and those above them), and the
//! pilot concluded or cancelled by whoever designated it.

use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use uuid::Uuid;

use super::db::{self, PilotRow};
use super::forms::{ConcludeForm, MilestoneForm, note_body};
use super::pages::PilotPage;
use super::{NOTE_FILES, PilotStatus};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::files::{self, db::Owner};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::web::{Ctx, FieldErrors, Flash, flash, render_invalid};

/// The pilot, if the user may work on it. `Err(redirect)` when it has ended.
async fn worked_on(
    tx: &mut Tx,
    user: &CurrentUser,
    id: Uuid,
) -> AppResult<Result<PilotRow, Response>> {
    let pilot = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        user,
        &Action::WorkOnPilot {
            union_path: &pilot.union_path,
        },
    )?;
    if pilot.status != PilotStatus::Active {
        return Ok(Err(flash::redirect(
            &format!("/pilots/{id}"),
            Flash::new("pilots.ended_read_only"),
        )));
    }
    Ok(Ok(pilot))
}

pub async fn add_milestone(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<MilestoneForm>,
) -> AppResult<Response> {
    let pilot = match worked_on(&mut tx, &user, id).await? {
        Ok(pilot) => pilot,
        Err(ended) => return Ok(ended),
    };
    let people = db::union_people(&mut tx, pilot.union_id).await?;
    let input = match form.parse(&people) {
        Ok(input) => input,
        Err(errors) => {
            let page = PilotPage::load(&mut tx, ctx, &user, pilot).await?;
            return render_invalid(&page.refused_new_milestone(form, errors));
        }
    };
    let milestone = db::insert_milestone(&mut tx, &pilot, &input, user.id).await?;
    let entry = Entry::new("pilot.milestone_added", "pilot", id)
        .at(pilot.union_id, &pilot.union_path)
        .created(&input)
        .detail("milestone", milestone);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/pilots/{id}#milestones"),
        Flash::new("pilots.milestone_added"),
    ))
}

pub async fn update_milestone(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path((id, milestone_id)): Path<(Uuid, Uuid)>,
    Form(mut form): Form<MilestoneForm>,
) -> AppResult<Response> {
    let pilot = match worked_on(&mut tx, &user, id).await? {
        Ok(pilot) => pilot,
        Err(ended) => return Ok(ended),
    };
    let milestone = db::find_milestone(&mut tx, id, milestone_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = db::union_people(&mut tx, pilot.union_id).await?;
    let input = match form.parse(&people) {
        Ok(input) => input,
        Err(errors) => {
            let page = PilotPage::load(&mut tx, ctx, &user, pilot).await?;
            return render_invalid(&page.refused_milestone(milestone_id, form, errors));
        }
    };
    if !db::update_milestone(&mut tx, milestone_id, form.version, &input).await? {
        form.version = milestone.version;
        let mut errors = FieldErrors::default();
        errors.add("version", "form.conflict");
        let page = PilotPage::load(&mut tx, ctx, &user, pilot).await?;
        return render_invalid(&page.refused_milestone(milestone_id, form, errors));
    }
    let before = MilestoneForm::of(&milestone).parse(&people).ok();
    let entry = Entry::new("pilot.milestone_updated", "pilot", id)
        .at(pilot.union_id, &pilot.union_path)
        .diff(&before, &input)
        .detail("milestone", milestone_id);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/pilots/{id}#milestones"),
        Flash::new("form.saved"),
    ))
}

pub async fn add_note(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> AppResult<Response> {
    let pilot = match worked_on(&mut tx, &user, id).await? {
        Ok(pilot) => pilot,
        Err(ended) => return Ok(ended),
    };
    let posted = files::read_posted(multipart).await?;
    let typed = posted.fields.get("body").cloned().unwrap_or_default();
    let mut errors = FieldErrors::default();
    let body = note_body(&mut errors, &typed);
    let note_id = Uuid::new_v4();
    if errors.is_empty() {
        db::insert_note(
            &mut tx,
            note_id,
            &pilot,
            &body,
            (user.id, &user.display_name),
        )
        .await?;
    }
    let file_id = match posted.file {
        Some(file) if errors.is_empty() => {
            let owner = Owner {
                kind: NOTE_FILES,
                id: note_id,
                union_path: &pilot.union_path,
                org_id: None,
                label: "progress_note",
            };
            files::save_in_form(&state, &mut tx, &user, &owner, file, &mut errors).await?
        }
        _ => None,
    };
    if !errors.is_empty() {
        // The note written before a refused file is not kept.
        drop(tx);
        let mut tx = state.db.begin(&user.db_actor()).await?;
        let page = PilotPage::load(&mut tx, ctx, &user, pilot).await?;
        return render_invalid(&page.refused_note(typed, errors));
    }
    let entry = Entry::new("pilot.note_added", "pilot", id)
        .at(pilot.union_id, &pilot.union_path)
        .detail("note", note_id)
        .detail("file", file_id);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/pilots/{id}#notes"),
        Flash::new("pilots.note_added"),
    ))
}

pub async fn conclude_pilot(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<ConcludeForm>,
) -> AppResult<Response> {
    let pilot = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::ManagePilot {
            union_path: &pilot.union_path,
        },
    )?;
    let (outcome, summary) = match form.parse() {
        Ok(parsed) => parsed,
        Err(errors) => {
            let page = PilotPage::load(&mut tx, ctx, &user, pilot).await?;
            return render_invalid(&page.refused_conclusion(form, errors));
        }
    };
    if !db::end(&mut tx, id, outcome, &summary, crate::web::overdue::today()).await? {
        return Ok(flash::redirect(
            &format!("/pilots/{id}"),
            Flash::new("pilots.ended_read_only"),
        ));
    }
    let entry = Entry::new("pilot.ended", "pilot", id)
        .at(pilot.union_id, &pilot.union_path)
        .detail("status", outcome.as_str())
        .detail("summary", &summary);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/pilots/{id}"),
        Flash::new(match outcome {
            PilotStatus::Cancelled => "pilots.cancelled",
            _ => "pilots.concluded",
        }),
    ))
}
