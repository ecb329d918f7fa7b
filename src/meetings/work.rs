//! The work on a meeting: inviting organizations, recording who came (each
//! attendance the organization's contact, written and removed with it), the
//! follow-up actions, and an organization's answer to its invitation.

use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use uuid::Uuid;

use super::db;
use super::forms::{ActionForm, AnswerForm, AttendanceForm, InviteForm};
use super::pages::{InvitationPage, MeetingPage, managed, own_invitation};
use super::{Answer, MeetingStatus};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::web::overdue::today;
use crate::web::{Ctx, FieldErrors, Flash, flash, render_invalid};

pub async fn invite(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<InviteForm>,
) -> AppResult<Response> {
    let meeting = managed(&mut tx, &user, id).await?;
    let mut errors = FieldErrors::default();
    let keys = match form.keys() {
        Ok(keys) => keys,
        Err(refused) => {
            errors = refused;
            Vec::new()
        }
    };
    if meeting.status == MeetingStatus::Cancelled {
        errors.add("organizations", "meetings.cancelled_read_only");
    }
    let found = db::organizations_named(&mut tx, &meeting.union_path, &keys).await?;
    let mut orgs: Vec<(Uuid, String)> = Vec::new();
    let mut unknown = Vec::new();
    for key in &keys {
        match found
            .iter()
            .filter(|(k, _, _)| k == key)
            .collect::<Vec<_>>()[..]
        {
            [(_, org_id, name)] => {
                if !orgs.iter().any(|(o, _)| o == org_id) {
                    orgs.push((*org_id, name.clone()));
                }
            }
            [] => unknown.push(key.as_str()),
            _ => errors.add_with("organizations", "meetings.ambiguous_org", key),
        }
    }
    if !unknown.is_empty() {
        errors.add_with("organizations", "meetings.unknown_orgs", unknown.join("、"));
    }
    if !errors.is_empty() {
        let page = MeetingPage::load(&mut tx, ctx, &user, meeting)
            .await?
            .refused_invite(form, errors);
        return render_invalid(&page);
    }
    let mut invited = Vec::new();
    for (org_id, name) in &orgs {
        if db::invite(&mut tx, &meeting, *org_id).await? {
            invited.push(name.as_str());
        }
    }
    let entry = Entry::new("meeting.invited", "meeting", meeting.id)
        .at(meeting.union_id, &meeting.union_path)
        .detail("organizations", &invited);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/meetings/{id}#invitations"),
        Flash::with_arg("meetings.invited", invited.len()),
    ))
}

pub async fn remove_invitation(
    user: CurrentUser,
    mut tx: Tx,
    Path((id, invitation_id)): Path<(Uuid, Uuid)>,
) -> AppResult<Response> {
    let meeting = managed(&mut tx, &user, id).await?;
    // Withdrawn twice (a page sent again): withdrawn once.
    let Some(invitation) = db::invitations(&mut tx, id)
        .await?
        .into_iter()
        .find(|i| i.id == invitation_id)
    else {
        return Ok(flash::redirect(
            &format!("/meetings/{id}#invitations"),
            Flash::new("meetings.invitation_withdrawn"),
        ));
    };
    if invitation.attended || !db::remove_invitation(&mut tx, id, invitation_id).await? {
        return Ok(flash::redirect(
            &format!("/meetings/{id}#invitations"),
            Flash::new("meetings.attended_stays"),
        ));
    }
    let entry = Entry::new("meeting.invitation_withdrawn", "meeting", meeting.id)
        .at(meeting.union_id, &meeting.union_path)
        .detail("org_id", invitation.org_id)
        .detail("organization", &invitation.org_name);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/meetings/{id}#invitations"),
        Flash::new("meetings.invitation_withdrawn"),
    ))
}

/// Records who came: each invitation ticked is an attendance and the
/// organization's contact; each unticked that was ticked loses both.
pub async fn record_attendance(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<AttendanceForm>,
) -> AppResult<Response> {
    let meeting = managed(&mut tx, &user, id).await?;
    let invitations = db::invitations(&mut tx, id).await?;
    let mut errors = FieldErrors::default();
    let ticked = form.ids().unwrap_or_default();
    if form.ids().is_none()
        || ticked
            .iter()
            .any(|t| !invitations.iter().any(|i| i.id == *t))
    {
        errors.add("attended", "form.choose");
    }
    if meeting.status == MeetingStatus::Cancelled {
        errors.add("attended", "meetings.cancelled_read_only");
    } else if meeting.held_on > today() {
        errors.add("attended", "meetings.not_yet_held");
    }
    if !errors.is_empty() {
        let page = MeetingPage::load(&mut tx, ctx, &user, meeting)
            .await?
            .refused_attendance(errors);
        return render_invalid(&page);
    }
    let summary = format!(
        "{}：{}",
        Lang::Zh.t("meetings.contact_summary"),
        meeting.title
    );
    let (mut came, mut not_came) = (Vec::new(), Vec::new());
    for invitation in &invitations {
        let attended = ticked.contains(&invitation.id);
        if attended == invitation.attended {
            continue;
        }
        db::set_attended(&mut tx, invitation.id, attended).await?;
        if attended {
            let who = (user.display_name.as_str(), summary.as_str());
            db::insert_contact(&mut tx, &meeting, invitation.org_id, who, user.id).await?;
            came.push(invitation.org_name.as_str());
        } else {
            db::delete_contact(&mut tx, meeting.id, invitation.org_id).await?;
            not_came.push(invitation.org_name.as_str());
        }
    }
    if !came.is_empty() {
        db::mark_held(&mut tx, meeting.id).await?;
    }
    let entry = Entry::new("meeting.attendance_recorded", "meeting", meeting.id)
        .at(meeting.union_id, &meeting.union_path)
        .detail("attended", &came)
        .detail("unmarked", &not_came);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/meetings/{id}#attendance"),
        Flash::new("meetings.attendance_saved"),
    ))
}

pub async fn add_action(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<ActionForm>,
) -> AppResult<Response> {
    let meeting = managed(&mut tx, &user, id).await?;
    let mut parsed = form.parse();
    if let Ok(input) = &parsed
        && !db::is_cadre_of(&mut tx, input.responsible_user_id, &meeting.union_path).await?
    {
        let mut errors = FieldErrors::default();
        errors.add("responsible_user_id", "meetings.responsible_in_subtree");
        parsed = Err(errors);
    }
    let input = match parsed {
        Ok(input) => input,
        Err(errors) => {
            let page = MeetingPage::load(&mut tx, ctx, &user, meeting)
                .await?
                .refused_action(form, errors);
            return render_invalid(&page);
        }
    };
    let action_id = db::insert_action(&mut tx, &meeting, &input, user.id).await?;
    let entry = Entry::new("meeting.action_added", "meeting", meeting.id)
        .at(meeting.union_id, &meeting.union_path)
        .detail("action_id", action_id)
        .created(&input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/meetings/{id}#actions"),
        Flash::new("meetings.action_added"),
    ))
}

pub async fn close_action(
    user: CurrentUser,
    mut tx: Tx,
    Path((id, action_id)): Path<(Uuid, Uuid)>,
) -> AppResult<Response> {
    let meeting = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let action = db::find_action(&mut tx, id, action_id)
        .await?
        .ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::CloseMeetingAction {
            responsible_user_id: action.responsible_user_id,
            union_path: &meeting.union_path,
        },
    )?;
    if !db::close_action(&mut tx, action.id).await? {
        return Ok(flash::redirect(
            &format!("/meetings/{id}#actions"),
            Flash::new("meetings.action_already_done"),
        ));
    }
    // A responsible cadre below the convening union writes the entry at
    // their own union, where the log lets them write.
    let entry = Entry::new("meeting.action_done", "meeting", meeting.id);
    let entry = if policy::is_within(&meeting.union_path, &user.union.path) {
        entry.at(meeting.union_id, &meeting.union_path)
    } else {
        entry.at(user.union.id, &user.union.path)
    }
    .detail("action_id", action.id)
    .detail("title", &action.title);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/meetings/{id}#actions"),
        Flash::new("meetings.action_done"),
    ))
}

/// An organization accepts or declines its invitation.
pub async fn answer(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<AnswerForm>,
) -> AppResult<Response> {
    let (meeting, invitation) = own_invitation(&mut tx, &user, id).await?;
    let mut parsed = form.parse();
    if parsed.is_ok() && meeting.status != MeetingStatus::Planned {
        let mut errors = FieldErrors::default();
        errors.add("response", "meetings.answer_closed");
        parsed = Err(errors);
    }
    let (response, note) = match parsed {
        Ok(answer) => answer,
        Err(errors) => {
            let page = InvitationPage::new(ctx, meeting, invitation, form, errors);
            return render_invalid(&page);
        }
    };
    db::answer(&mut tx, id, invitation.org_id, response, note.as_deref()).await?;
    let entry = Entry::new("meeting.answered", "meeting", meeting.id)
        .at_record(&user, meeting.union_id, &meeting.union_path)
        .detail("org_id", invitation.org_id)
        .detail("response", response.as_str());
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/meetings/{id}"),
        Flash::new(match response {
            Answer::Declined => "meetings.declined",
            _ => "meetings.accepted",
        }),
    ))
}
