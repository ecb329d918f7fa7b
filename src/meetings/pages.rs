//! The meetings' pages: the list, a meeting (the cadres' page with its
//! invitations, attendance and actions; an invited organization's page with
//! its own invitation alone), and the meeting's form.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::{self, ActionRow, Filter, InvitationRow, MeetingRow};
use super::forms::{ActionForm, AnswerForm, InviteForm, MeetingForm, MeetingInput};
use super::{MeetingKind, MeetingStatus};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::db::list::{CappedCount, KeyPart, ListScope};
use crate::error::{AppError, AppResult};
use crate::identity::{CurrentUser, Role};
use crate::policy::{self, Action};
use crate::unions;
use crate::web::overdue::today;
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link};
use crate::web::validate::parse_date;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct MeetingsQuery {
    pub q: String,
    pub kind: String,
    pub status: String,
    pub from: String,
    pub to: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

impl MeetingsQuery {
    /// The list's filters, within `scope`.
    pub fn filter(&self, scope: ListScope) -> Result<Filter, AppError> {
        let bad = |what: &str| AppError::BadRequest(format!("unknown {what}"));
        let date = |value: &str, what: &str| match value.trim() {
            "" => Ok(None),
            typed => parse_date(typed).map(Some).ok_or_else(|| bad(what)),
        };
        Ok(Filter {
            q: Some(self.q.trim().to_owned()).filter(|q| !q.is_empty()),
            kind: match self.kind.as_str() {
                "" => None,
                v => Some(MeetingKind::parse(v).ok_or_else(|| bad("kind"))?),
            },
            status: match self.status.as_str() {
                "" => None,
                v => Some(MeetingStatus::parse(v).ok_or_else(|| bad("status"))?),
            },
            from: date(&self.from, "date")?,
            to: date(&self.to, "date")?,
            scope,
        })
    }
}

#[derive(Template)]
#[template(path = "meetings/list.html")]
struct MeetingsPage {
    ctx: Ctx,
    query: MeetingsQuery,
    meetings: Vec<MeetingRow>,
    count: CappedCount,
    next: Option<String>,
    prev: Option<String>,
    may_convene: bool,
}

impl MeetingsPage {
    fn export_links(&self) -> ExportLinks {
        export_links("/meetings", &self.query)
    }

    fn options(&self, list: &str) -> Vec<(&'static str, &'static str)> {
        match list {
            "kind" => MeetingKind::options(),
            "status" => MeetingStatus::options(),
            _ => Vec::new(),
        }
    }
}

pub async fn list_meetings(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<MeetingsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListMeetings)?;
    let filter = query.filter(ListScope::of_path(&user.union.path))?;
    let position = query.page.position(&[KeyPart::Date, KeyPart::Uuid])?;
    let page = db::list(&mut tx, &filter, &position).await?;
    let count = db::count(&mut tx, &filter).await?;
    tx.commit().await?;
    let link = |param: &str, cursor: String| page_link("/meetings", &query, param, &cursor);
    render(&MeetingsPage {
        may_convene: policy::permits(
            &user,
            &Action::ManageMeeting {
                union_path: &user.union.path,
            },
        ),
        ctx,
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        meetings: page.rows,
        count,
        query,
    })
}

/// Which of the meeting page's forms was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Refused {
    None,
    Invite,
    Attendance,
    Action,
}

#[derive(Template)]
#[template(path = "meetings/show.html")]
pub(super) struct MeetingPage {
    ctx: Ctx,
    meeting: MeetingRow,
    invitations: Vec<InvitationRow>,
    actions: Vec<ActionRow>,
    /// Cadres of the convening union's subtree, as (id, name, union).
    cadres: Vec<(Uuid, String, String)>,
    may_manage: bool,
    /// The user's id, for the actions they may close themselves.
    user_id: Uuid,
    invite: InviteForm,
    action: ActionForm,
    errors: FieldErrors,
    refused: Refused,
}

impl MeetingPage {
    pub(super) async fn load(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        meeting: MeetingRow,
    ) -> AppResult<Self> {
        let may_manage = policy::permits(
            user,
            &Action::ManageMeeting {
                union_path: &meeting.union_path,
            },
        );
        let cadres = if may_manage {
            db::cadres(tx, &meeting.union_path).await?
        } else {
            Vec::new()
        };
        Ok(Self {
            invitations: db::invitations(tx, meeting.id).await?,
            actions: db::actions(tx, meeting.id).await?,
            cadres,
            may_manage,
            user_id: user.id,
            ctx,
            meeting,
            invite: InviteForm::default(),
            action: ActionForm::default(),
            errors: FieldErrors::default(),
            refused: Refused::None,
        })
    }

    pub(super) fn refused_invite(mut self, form: InviteForm, errors: FieldErrors) -> Self {
        self.invite = form;
        self.errors = errors;
        self.refused = Refused::Invite;
        self
    }

    pub(super) fn refused_attendance(mut self, errors: FieldErrors) -> Self {
        self.errors = errors;
        self.refused = Refused::Attendance;
        self
    }

    pub(super) fn refused_action(mut self, form: ActionForm, errors: FieldErrors) -> Self {
        self.action = form;
        self.errors = errors;
        self.refused = Refused::Action;
        self
    }

    fn errors_of(&self, which: &str) -> FieldErrors {
        let refused = match which {
            "invite" => Refused::Invite,
            "attendance" => Refused::Attendance,
            "action" => Refused::Action,
            _ => Refused::None,
        };
        if self.refused == refused {
            self.errors.clone()
        } else {
            FieldErrors::default()
        }
    }

    /// Whether attendance can be recorded: the meeting's day has come and it
    /// was not cancelled.
    fn may_record_attendance(&self) -> bool {
        self.may_manage
            && self.meeting.status != MeetingStatus::Cancelled
            && self.meeting.held_on <= today()
    }

    fn may_close(&self, action: &ActionRow) -> bool {
        action.done_on.is_none() && (self.may_manage || action.responsible_user_id == self.user_id)
    }
}

#[derive(Template)]
#[template(path = "meetings/invitation.html")]
pub(super) struct InvitationPage {
    ctx: Ctx,
    meeting: MeetingRow,
    invitation: InvitationRow,
    form: AnswerForm,
    errors: FieldErrors,
}

impl InvitationPage {
    pub(super) fn new(
        ctx: Ctx,
        meeting: MeetingRow,
        invitation: InvitationRow,
        form: AnswerForm,
        errors: FieldErrors,
    ) -> Self {
        Self {
            ctx,
            meeting,
            invitation,
            form,
            errors,
        }
    }

    fn answers(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("accepted", "meetings.accept"),
            ("declined", "meetings.decline"),
        ]
    }
}

/// An organization account's own invitation to the meeting (404 when it has
/// none: another organization's invitation is never found).
pub(super) async fn own_invitation(
    tx: &mut Tx,
    user: &CurrentUser,
    id: Uuid,
) -> AppResult<(MeetingRow, InvitationRow)> {
    let org_id = user.org_id.ok_or(AppError::NotFound)?;
    policy::require(user, &Action::AnswerInvitation { org_id })?;
    let meeting = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    let invitation = db::invitations(tx, id)
        .await?
        .into_iter()
        .find(|i| i.org_id == org_id)
        .ok_or(AppError::NotFound)?;
    Ok((meeting, invitation))
}

pub async fn show_meeting(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    if user.role == Role::Org {
        let (meeting, invitation) = own_invitation(&mut tx, &user, id).await?;
        tx.commit().await?;
        let form = AnswerForm {
            response: invitation.response.as_str().to_owned(),
            note: invitation.response_note.clone().unwrap_or_default(),
        };
        return render(&InvitationPage::new(
            ctx,
            meeting,
            invitation,
            form,
            FieldErrors::default(),
        ));
    }
    policy::require(&user, &Action::ListMeetings)?;
    let meeting = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let page = MeetingPage::load(&mut tx, ctx, &user, meeting).await?;
    tx.commit().await?;
    render(&page)
}

#[derive(Template)]
#[template(path = "meetings/form.html")]
struct MeetingFormPage {
    ctx: Ctx,
    meeting: Option<MeetingRow>,
    form: MeetingForm,
    errors: FieldErrors,
    unions: Vec<(i64, String, i32)>,
}

impl MeetingFormPage {
    async fn new(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        meeting: Option<MeetingRow>,
        form: MeetingForm,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let unions =
            unions::db::picker_options(tx, user.union.id, form.union_id.parse().ok()).await?;
        Ok(Self {
            ctx,
            meeting,
            form,
            errors,
            unions,
        })
    }

    fn options(&self, list: &str) -> Vec<(&'static str, &'static str)> {
        match list {
            "kind" => MeetingKind::options(),
            "status" => MeetingStatus::options(),
            _ => Vec::new(),
        }
    }
}

pub async fn new_meeting_form(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::ManageMeeting {
            union_path: &user.union.path,
        },
    )?;
    let form = MeetingForm {
        union_id: user.union.id.to_string(),
        kind: MeetingKind::Contact.as_str().to_owned(),
        status: MeetingStatus::Planned.as_str().to_owned(),
        held_on: today().to_string(),
        ..MeetingForm::default()
    };
    let page =
        MeetingFormPage::new(&mut tx, ctx, &user, None, form, FieldErrors::default()).await?;
    render(&page)
}

/// The form's input, with the union checked as one the user convenes at.
async fn checked(
    tx: &mut Tx,
    user: &CurrentUser,
    form: &MeetingForm,
) -> AppResult<Result<MeetingInput, FieldErrors>> {
    let input = match form.parse(today()) {
        Ok(input) => input,
        Err(errors) => return Ok(Err(errors)),
    };
    let allowed = unions::db::find(tx, input.union_id)
        .await?
        .is_some_and(|u| {
            policy::permits(
                user,
                &Action::ManageMeeting {
                    union_path: &u.path,
                },
            )
        });
    if !allowed {
        let mut errors = FieldErrors::default();
        errors.add("union_id", "form.choose");
        return Ok(Err(errors));
    }
    Ok(Ok(input))
}

pub async fn create_meeting(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Form(form): Form<MeetingForm>,
) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::ManageMeeting {
            union_path: &user.union.path,
        },
    )?;
    let input = match checked(&mut tx, &user, &form).await? {
        Ok(input) => input,
        Err(errors) => {
            let page = MeetingFormPage::new(&mut tx, ctx, &user, None, form, errors).await?;
            return render_invalid(&page);
        }
    };
    let id = db::insert(&mut tx, &input, user.id).await?;
    let meeting = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let entry = Entry::new("meeting.convened", "meeting", id)
        .at(meeting.union_id, &meeting.union_path)
        .created(&input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/meetings/{id}"),
        Flash::with_arg("meetings.created", &meeting.title),
    ))
}

/// The meeting, if the user may manage it.
pub(super) async fn managed(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<MeetingRow> {
    let meeting = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        user,
        &Action::ManageMeeting {
            union_path: &meeting.union_path,
        },
    )?;
    Ok(meeting)
}

pub async fn edit_meeting_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let meeting = managed(&mut tx, &user, id).await?;
    let form = MeetingForm::of(&meeting);
    let page = MeetingFormPage::new(
        &mut tx,
        ctx,
        &user,
        Some(meeting),
        form,
        FieldErrors::default(),
    )
    .await?;
    render(&page)
}

pub async fn update_meeting(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(mut form): Form<MeetingForm>,
) -> AppResult<Response> {
    let meeting = managed(&mut tx, &user, id).await?;
    let mut input = checked(&mut tx, &user, &form).await?;
    // Attendance recorded belongs to a meeting that took place.
    // Attendance recorded belongs to a meeting that took place on its day;
    // invitations, to organizations of the convening union's subtree.
    if let Ok(parsed) = &input {
        let mut errors = FieldErrors::default();
        if meeting.attended > 0 && parsed.status != MeetingStatus::Held.as_str() {
            errors.add("status", "meetings.attended_so_held");
        }
        if meeting.attended > 0 && parsed.held_on != meeting.held_on {
            errors.add("held_on", "meetings.attended_date_fixed");
        }
        if meeting.invited > 0 && parsed.union_id != meeting.union_id {
            errors.add("union_id", "meetings.invited_union_fixed");
        }
        if !errors.is_empty() {
            input = Err(errors);
        }
    }
    let input = match input {
        Ok(input) => input,
        Err(errors) => {
            let page =
                MeetingFormPage::new(&mut tx, ctx, &user, Some(meeting), form, errors).await?;
            return render_invalid(&page);
        }
    };
    if !db::update(&mut tx, id, form.version, &input).await? {
        let current = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        form.version = current.version;
        let mut errors = FieldErrors::default();
        errors.add("version", "form.conflict");
        let page = MeetingFormPage::new(&mut tx, ctx, &user, Some(current), form, errors).await?;
        return render_invalid(&page);
    }
    let before = MeetingForm::of(&meeting).parse(meeting.held_on).ok();
    let entry = Entry::new("meeting.updated", "meeting", id)
        .at(meeting.union_id, &meeting.union_path)
        .diff(&before, &input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/meetings/{id}"),
        Flash::new("form.saved"),
    ))
}
