//! The pilots' pages: the list, a pilot with its milestones and notes, and
//! the designation form with its limit of one or two per province.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::PilotStatus;
use super::db::{self, Filter, MilestoneRow, NoteRow, PilotRow};
use super::forms::{ConcludeForm, MilestoneForm, PilotForm, PilotInput};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::db::list::{CappedCount, KeyPart, ListScope};
use crate::error::{AppError, AppResult};
use crate::files::db::FileRow;
use crate::identity::CurrentUser;
use crate::policy::{self, Action, is_within};
use crate::state::AppState;
use crate::unions;
use crate::web::forms::constraint_message;
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link};
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PilotsQuery {
    pub q: String,
    /// A province's path (`cn.u20`).
    pub province: String,
    pub status: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

impl PilotsQuery {
    /// The list's filters, within the reader's scope at `path`.
    pub fn filter(&self, path: &str) -> Result<Filter, AppError> {
        let bad = |what: &str| AppError::BadRequest(format!("unknown {what}"));
        let province = match self.province.trim() {
            "" => None,
            p if p.split('.').count() == 2
                && (is_within(p, path) || is_within(path, p))
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_') =>
            {
                Some(p.to_owned())
            }
            _ => return Err(bad("province")),
        };
        Ok(Filter {
            q: Some(self.q.trim().to_owned()).filter(|q| !q.is_empty()),
            province,
            status: match self.status.as_str() {
                "" => None,
                v => Some(PilotStatus::parse(v).ok_or_else(|| bad("status"))?),
            },
            scope: ListScope::of_path(path),
        })
    }
}

#[derive(Template)]
#[template(path = "pilots/list.html")]
struct PilotsPage {
    ctx: Ctx,
    query: PilotsQuery,
    pilots: Vec<PilotRow>,
    count: CappedCount,
    next: Option<String>,
    prev: Option<String>,
    /// The provinces of the scope, for the filter (a national reader's).
    provinces: Vec<(String, String)>,
    may_designate: bool,
}

impl PilotsPage {
    fn export_links(&self) -> ExportLinks {
        export_links("/pilots", &self.query)
    }

    fn statuses(&self) -> Vec<(&'static str, &'static str)> {
        PilotStatus::options()
    }
}

pub async fn list_pilots(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<PilotsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListPilots)?;
    let filter = query.filter(&user.union.path)?;
    let position = query.page.position(&[KeyPart::Time, KeyPart::Uuid])?;
    let page = db::list(&mut tx, &filter, &position).await?;
    let count = db::count(&mut tx, &filter).await?;
    let provinces = if user.union.path.contains('.') {
        Vec::new()
    } else {
        db::provinces(&mut tx).await?
    };
    tx.commit().await?;
    let link = |param: &str, cursor: String| page_link("/pilots", &query, param, &cursor);
    render(&PilotsPage {
        may_designate: policy::permits(
            &user,
            &Action::ManagePilot {
                union_path: &user.union.path,
            },
        ),
        ctx,
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        pilots: page.rows,
        count,
        provinces,
        query,
    })
}

#[derive(Template)]
#[template(path = "pilots/show.html")]
pub(super) struct PilotPage {
    ctx: Ctx,
    pilot: PilotRow,
    milestones: Vec<MilestoneRow>,
    notes: Vec<(NoteRow, Vec<FileRow>)>,
    people: Vec<(uuid::Uuid, String)>,
    may_manage: bool,
    may_work: bool,
    /// The new milestone's form (with its messages when refused).
    milestone: MilestoneForm,
    /// The milestone whose form was refused, if one was.
    refused_milestone: Option<Uuid>,
    /// The refused milestone's form as typed.
    milestone_edit: MilestoneForm,
    note: String,
    conclude: ConcludeForm,
    errors: FieldErrors,
    /// Which form the errors are of: `new`, `note`, `conclude` or a
    /// milestone's id.
    refused_form: String,
}

impl PilotPage {
    pub(super) async fn load(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        pilot: PilotRow,
    ) -> AppResult<Self> {
        let milestones = db::milestones(tx, pilot.id).await?;
        let mut notes = Vec::new();
        for note in db::notes(tx, pilot.id).await? {
            let files = crate::files::db::of_owner(tx, super::NOTE_FILES, note.id).await?;
            notes.push((note, files));
        }
        let people = db::union_people(tx, pilot.union_id).await?;
        let active = pilot.status == PilotStatus::Active;
        Ok(Self {
            may_manage: active
                && policy::permits(
                    user,
                    &Action::ManagePilot {
                        union_path: &pilot.union_path,
                    },
                ),
            may_work: active
                && policy::permits(
                    user,
                    &Action::WorkOnPilot {
                        union_path: &pilot.union_path,
                    },
                ),
            ctx,
            pilot,
            milestones,
            notes,
            people,
            milestone: MilestoneForm {
                status: super::MilestoneStatus::Planned.as_str().to_owned(),
                ..MilestoneForm::default()
            },
            refused_milestone: None,
            milestone_edit: MilestoneForm::default(),
            note: String::new(),
            conclude: ConcludeForm::default(),
            errors: FieldErrors::default(),
            refused_form: String::new(),
        })
    }

    pub(super) fn refused_new_milestone(
        mut self,
        form: MilestoneForm,
        errors: FieldErrors,
    ) -> Self {
        self.milestone = form;
        self.errors = errors;
        self.refused_form = "new".to_owned();
        self
    }

    pub(super) fn refused_milestone(
        mut self,
        id: Uuid,
        form: MilestoneForm,
        errors: FieldErrors,
    ) -> Self {
        self.refused_milestone = Some(id);
        self.milestone_edit = form;
        self.errors = errors;
        self.refused_form = id.to_string();
        self
    }

    pub(super) fn refused_note(mut self, body: String, errors: FieldErrors) -> Self {
        self.note = body;
        self.errors = errors;
        self.refused_form = "note".to_owned();
        self
    }

    pub(super) fn refused_conclusion(mut self, form: ConcludeForm, errors: FieldErrors) -> Self {
        self.conclude = form;
        self.errors = errors;
        self.refused_form = "conclude".to_owned();
        self
    }

    /// The form a milestone's row shows: as typed when it was refused, else
    /// as saved.
    fn milestone_form(&self, milestone: &MilestoneRow) -> MilestoneForm {
        if self.refused_milestone == Some(milestone.id) {
            self.milestone_edit.clone()
        } else {
            MilestoneForm::of(milestone)
        }
    }

    fn milestone_statuses(&self) -> Vec<(&'static str, &'static str)> {
        super::MilestoneStatus::options()
    }

    fn outcomes(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("concluded", "pilots.status.concluded"),
            ("cancelled", "pilots.status.cancelled"),
        ]
    }

    /// The errors of the form named `which` ("new", "note", "conclude" or a
    /// milestone's id): each form shows only its own.
    fn milestone_errors(&self, id: &Uuid) -> FieldErrors {
        self.errors_of(&id.to_string())
    }

    fn errors_of(&self, which: &str) -> FieldErrors {
        if self.refused_form == which {
            self.errors.clone()
        } else {
            FieldErrors::default()
        }
    }
}

pub async fn show_pilot(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListPilots)?;
    let pilot = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let page = PilotPage::load(&mut tx, ctx, &user, pilot).await?;
    tx.commit().await?;
    render(&page)
}

#[derive(Template)]
#[template(path = "pilots/form.html")]
struct PilotFormPage {
    ctx: Ctx,
    pilot: Option<PilotRow>,
    form: PilotForm,
    errors: FieldErrors,
    unions: Vec<(i64, String, i32)>,
    /// Whether the form offers the national exception's reason.
    may_except: bool,
}

impl PilotFormPage {
    async fn new(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        pilot: Option<PilotRow>,
        form: PilotForm,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let unions =
            unions::db::picker_options(tx, user.union.id, form.union_id.parse().ok()).await?;
        Ok(Self {
            ctx,
            pilot,
            form,
            errors,
            unions,
            may_except: policy::permits(user, &Action::GrantPilotException),
        })
    }
}

pub async fn new_pilot_form(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::ManagePilot {
            union_path: &user.union.path,
        },
    )?;
    let form = PilotForm {
        union_id: if user.union.path.contains('.') {
            user.union.id.to_string()
        } else {
            String::new()
        },
        ..PilotForm::default()
    };
    let page = PilotFormPage::new(&mut tx, ctx, &user, None, form, FieldErrors::default()).await?;
    render(&page)
}

/// Checks what the form cannot alone: the union is one the user designates
/// pilots at (in a province), and the province's limit of one or two active
/// pilots, beyond which only the national admin goes, with a reason. Returns
/// the reason to keep (`None` within the limit).
async fn checked(
    tx: &mut Tx,
    user: &CurrentUser,
    form: &PilotForm,
    input: &PilotInput,
    existing: Option<&PilotRow>,
    errors: &mut FieldErrors,
) -> AppResult<Option<String>> {
    let union = unions::db::find(tx, input.union_id).await?;
    let allowed = union.as_ref().is_some_and(|u| {
        u.path.contains('.')
            && policy::permits(
                user,
                &Action::ManagePilot {
                    union_path: &u.path,
                },
            )
    });
    let Some(union) = union.filter(|_| allowed) else {
        errors.add("union_id", "pilots.union_not_allowed");
        return Ok(None);
    };
    let others = db::active_in_province_of(tx, input.union_id, existing.map(|p| p.id)).await?;
    if (others.len() as i64) < super::PER_PROVINCE {
        return Ok(None);
    }
    let may_except = policy::permits(user, &Action::GrantPilotException);
    // An exception granted before stays with the pilot in its province.
    if let Some(pilot) = existing
        && !may_except
        && pilot.exception_reason.is_some()
        && is_within(&union.path, &pilot.province)
    {
        return Ok(pilot.exception_reason.clone());
    }
    if !may_except {
        errors.add_with("union_id", "pilots.limit_reached", others.join("、"));
        return Ok(None);
    }
    let reason = form.exception_reason(errors);
    if reason.is_none() && errors.get("exception_reason").is_none() {
        errors.add_with(
            "exception_reason",
            "pilots.reason_required",
            others.join("、"),
        );
    }
    Ok(reason)
}

/// The database's refusals, beside their fields.
const CONSTRAINTS: &[(&str, &str, &str)] = &[
    (
        "pilots_per_province",
        "union_id",
        "pilots.limit_reached_now",
    ),
    (
        "pilots_in_a_province_check",
        "union_id",
        "pilots.union_not_allowed",
    ),
];

/// A form the database refused (another designation at the same moment):
/// drawn again in a fresh transaction.
async fn refused(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    pilot: Option<PilotRow>,
    form: PilotForm,
    error: sqlx::Error,
) -> AppResult<Response> {
    let Some(errors) = constraint_message(&error, CONSTRAINTS) else {
        return Err(error.into());
    };
    let mut tx = state.db.begin(&user.db_actor()).await?;
    render_invalid(&PilotFormPage::new(&mut tx, ctx, user, pilot, form, errors).await?)
}

pub async fn create_pilot(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Form(form): Form<PilotForm>,
) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::ManagePilot {
            union_path: &user.union.path,
        },
    )?;
    let (input, mut errors) = match form.parse() {
        Ok(input) => (Some(input), FieldErrors::default()),
        Err(errors) => (None, errors),
    };
    let reason = match &input {
        Some(input) => checked(&mut tx, &user, &form, input, None, &mut errors).await?,
        None => None,
    };
    let Some(input) = input.filter(|_| errors.is_empty()) else {
        let page = PilotFormPage::new(&mut tx, ctx, &user, None, form, errors).await?;
        return render_invalid(&page);
    };
    let id = match db::insert(&mut tx, &input, reason.as_deref(), user.id).await {
        Ok(id) => id,
        Err(error) => return refused(&state, ctx, &user, None, form, error).await,
    };
    let pilot = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let entry = Entry::new("pilot.designated", "pilot", id)
        .at(pilot.union_id, &pilot.union_path)
        .created(&input)
        .detail("exception_reason", &reason);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/pilots/{id}"),
        Flash::with_arg("pilots.designated", &pilot.union_name),
    ))
}

/// The pilot, if the user may manage it and it is still under way.
async fn managed(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<PilotRow> {
    let pilot = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        user,
        &Action::ManagePilot {
            union_path: &pilot.union_path,
        },
    )?;
    Ok(pilot)
}

pub async fn edit_pilot_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let pilot = managed(&mut tx, &user, id).await?;
    if pilot.status != PilotStatus::Active {
        return Ok(flash::redirect(
            &format!("/pilots/{id}"),
            Flash::new("pilots.ended_read_only"),
        ));
    }
    let form = PilotForm::of(&pilot);
    let page = PilotFormPage::new(
        &mut tx,
        ctx,
        &user,
        Some(pilot),
        form,
        FieldErrors::default(),
    )
    .await?;
    render(&page)
}

pub async fn update_pilot(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(mut form): Form<PilotForm>,
) -> AppResult<Response> {
    let pilot = managed(&mut tx, &user, id).await?;
    if pilot.status != PilotStatus::Active {
        return Ok(flash::redirect(
            &format!("/pilots/{id}"),
            Flash::new("pilots.ended_read_only"),
        ));
    }
    let (input, mut errors) = match form.parse() {
        Ok(input) => (Some(input), FieldErrors::default()),
        Err(errors) => (None, errors),
    };
    let reason = match &input {
        Some(input) => checked(&mut tx, &user, &form, input, Some(&pilot), &mut errors).await?,
        None => None,
    };
    let Some(input) = input.filter(|_| errors.is_empty()) else {
        let page = PilotFormPage::new(&mut tx, ctx, &user, Some(pilot), form, errors).await?;
        return render_invalid(&page);
    };
    match db::update(&mut tx, id, form.version, &input, reason.as_deref()).await {
        Ok(true) => {}
        Ok(false) => {
            let current = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
            form.version = current.version;
            let mut errors = FieldErrors::default();
            errors.add("version", "form.conflict");
            let page = PilotFormPage::new(&mut tx, ctx, &user, Some(current), form, errors).await?;
            return render_invalid(&page);
        }
        Err(error) => return refused(&state, ctx, &user, Some(pilot), form, error).await,
    }
    let before = PilotForm::of(&pilot).parse().ok();
    let entry = Entry::new("pilot.updated", "pilot", id)
        .at(pilot.union_id, &pilot.union_path)
        .diff(&before, &input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/pilots/{id}"),
        Flash::new("form.saved"),
    ))
}
