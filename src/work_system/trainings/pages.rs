//! A training's pages: the record with its attendees and materials, its
//! form (new and edit), its deletion (confirmed first), and the upload of a
//! material.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use uuid::Uuid;

use super::db::{self, AttendeeRow, TrainingRow};
use super::forms::{TrainingForm, TrainingInput};
use super::{Kind, OWNER_KIND};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::files::{self, db::FileRow, db::Owner};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::unions;
use crate::unions::db::PickerOption;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

/// The training `id` for a reader of the work system (404 outside the scope).
async fn readable(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<TrainingRow> {
    policy::require(user, &Action::ViewWorkSystem)?;
    db::find(tx, id).await?.ok_or(AppError::NotFound)
}

/// The training `id` for one who may change it.
async fn editable(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<TrainingRow> {
    let training = readable(tx, user, id).await?;
    policy::require(
        user,
        &Action::EditWorkSystem {
            union_path: &training.union_path,
        },
    )?;
    Ok(training)
}

#[derive(Template)]
#[template(path = "work_system/training.html")]
pub struct TrainingPage {
    ctx: Ctx,
    training: TrainingRow,
    attendees: Vec<AttendeeRow>,
    materials: Vec<FileRow>,
    may_edit: bool,
    errors: FieldErrors,
}

impl TrainingPage {
    async fn load(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        training: TrainingRow,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let attendees = db::attendees(tx, training.id).await?;
        let materials = files::db::of_owner(tx, OWNER_KIND, training.id).await?;
        let may_edit = policy::permits(
            user,
            &Action::EditWorkSystem {
                union_path: &training.union_path,
            },
        );
        Ok(Self {
            ctx,
            training,
            attendees,
            materials,
            may_edit,
            errors,
        })
    }

    fn accepted_types(&self) -> String {
        crate::files::kind::accepted_extensions()
    }
}

pub async fn show_training(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let training = readable(&mut tx, &user, id).await?;
    let page = TrainingPage::load(&mut tx, ctx, &user, training, FieldErrors::default()).await?;
    tx.commit().await?;
    render(&page)
}

#[derive(Template)]
#[template(path = "work_system/training_form.html")]
struct TrainingFormPage {
    ctx: Ctx,
    training: Option<TrainingRow>,
    form: TrainingForm,
    errors: FieldErrors,
    unions: Vec<PickerOption>,
    accounts: Vec<AttendeeRow>,
}

impl TrainingFormPage {
    async fn new(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        training: Option<TrainingRow>,
        form: TrainingForm,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let unions =
            unions::db::picker_options(tx, user.union.id, form.union_id.parse().ok()).await?;
        let accounts = db::attendee_options(tx, &user.union.path, &form.attendee_ids()).await?;
        Ok(Self {
            ctx,
            training,
            form,
            errors,
            unions,
            accounts,
        })
    }

    fn kinds(&self) -> Vec<(&'static str, &'static str)> {
        Kind::options()
    }

    fn chosen(&self, id: impl std::borrow::Borrow<Uuid>) -> bool {
        let id = id.borrow().to_string();
        self.form.attendees.iter().any(|a| a.trim() == id)
    }
}

pub async fn new_training_form(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    policy::require(&user, &Action::ViewWorkSystem)?;
    policy::require(
        &user,
        &Action::EditWorkSystem {
            union_path: &user.union.path,
        },
    )?;
    let form = TrainingForm {
        union_id: user.union.id.to_string(),
        kind: Kind::Training.as_str().to_owned(),
        external_attendees: "0".to_owned(),
        ..TrainingForm::default()
    };
    let page =
        TrainingFormPage::new(&mut tx, ctx, &user, None, form, FieldErrors::default()).await?;
    render(&page)
}

/// The form's input, checked against the database: the organizing union one
/// the user records trainings for, the attendees accounts at or below it.
async fn checked(
    tx: &mut Tx,
    user: &CurrentUser,
    form: &TrainingForm,
) -> AppResult<Result<(TrainingInput, String), FieldErrors>> {
    let input = match form.parse() {
        Ok(input) => input,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut errors = FieldErrors::default();
    let organizer = unions::db::find(tx, input.union_id).await?.filter(|u| {
        policy::permits(
            user,
            &Action::EditWorkSystem {
                union_path: &u.path,
            },
        )
    });
    let Some(organizer) = organizer else {
        errors.add("union_id", "form.choose");
        return Ok(Err(errors));
    };
    let within = db::attendees_within(tx, &input.attendees, &organizer.path).await?;
    if usize::try_from(within).ok() != Some(input.attendees.len()) {
        errors.add("attendees", "trainings.attendee_outside");
        return Ok(Err(errors));
    }
    Ok(Ok((input, organizer.path)))
}

pub async fn create_training(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Form(form): Form<TrainingForm>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ViewWorkSystem)?;
    policy::require(
        &user,
        &Action::EditWorkSystem {
            union_path: &user.union.path,
        },
    )?;
    let (input, path) = match checked(&mut tx, &user, &form).await? {
        Ok(checked) => checked,
        Err(errors) => {
            let page = TrainingFormPage::new(&mut tx, ctx, &user, None, form, errors).await?;
            return render_invalid(&page);
        }
    };
    let id = db::insert(&mut tx, &input, user.id).await?;
    db::set_attendees(&mut tx, id, &input.attendees).await?;
    let entry = Entry::new("training.created", "training", id)
        .at(input.union_id, &path)
        .created(&input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/trainings/{id}"),
        Flash::with_arg("trainings.created", &input.topic),
    ))
}

pub async fn edit_training_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let training = editable(&mut tx, &user, id).await?;
    let attendees: Vec<Uuid> = db::attendees(&mut tx, id)
        .await?
        .into_iter()
        .map(|a| a.user_id)
        .collect();
    let form = TrainingForm::of(&training, &attendees);
    let page = TrainingFormPage::new(
        &mut tx,
        ctx,
        &user,
        Some(training),
        form,
        FieldErrors::default(),
    )
    .await?;
    render(&page)
}

pub async fn update_training(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(mut form): Form<TrainingForm>,
) -> AppResult<Response> {
    let training = editable(&mut tx, &user, id).await?;
    let (input, path) = match checked(&mut tx, &user, &form).await? {
        Ok(checked) => checked,
        Err(errors) => {
            let page =
                TrainingFormPage::new(&mut tx, ctx, &user, Some(training), form, errors).await?;
            return render_invalid(&page);
        }
    };
    let before_attendees: Vec<Uuid> = db::attendees(&mut tx, id)
        .await?
        .into_iter()
        .map(|a| a.user_id)
        .collect();
    if !db::update(&mut tx, id, form.version, &input).await? {
        let current = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        form.version = current.version;
        let mut errors = FieldErrors::default();
        errors.add("version", "form.conflict");
        let page = TrainingFormPage::new(&mut tx, ctx, &user, Some(current), form, errors).await?;
        return render_invalid(&page);
    }
    db::set_attendees(&mut tx, id, &input.attendees).await?;
    let before = TrainingForm::of(&training, &before_attendees).parse().ok();
    let entry = Entry::new("training.updated", "training", id)
        .at(input.union_id, &path)
        .diff(&before, &input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/trainings/{id}"),
        Flash::new("form.saved"),
    ))
}

#[derive(Template)]
#[template(path = "work_system/training_delete.html")]
struct DeletePage {
    ctx: Ctx,
    training: TrainingRow,
}

pub async fn confirm_delete(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let training = editable(&mut tx, &user, id).await?;
    tx.commit().await?;
    render(&DeletePage { ctx, training })
}

pub async fn delete_training(
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let training = editable(&mut tx, &user, id).await?;
    if !db::delete(&mut tx, id).await? {
        return Err(AppError::NotFound);
    }
    let entry = Entry::new("training.deleted", "training", id)
        .at(training.union_id, &training.union_path)
        .detail("topic", &training.topic);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        "/trainings",
        Flash::with_arg("trainings.deleted", &training.topic),
    ))
}

pub async fn upload_material(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> AppResult<Response> {
    let training = editable(&mut tx, &user, id).await?;
    let posted = files::read_posted(multipart).await?;
    let mut errors = FieldErrors::default();
    let saved = match posted.file {
        None => {
            errors.add("file", "files.none");
            None
        }
        Some(file) => {
            let owner = Owner {
                kind: OWNER_KIND,
                id,
                union_path: &training.union_path,
                org_id: None,
                label: "material",
            };
            files::save_in_form(&state, &mut tx, &user, &owner, file, &mut errors).await?
        }
    };
    let Some(file_id) = saved else {
        let page = TrainingPage::load(&mut tx, ctx, &user, training, errors).await?;
        return render_invalid(&page);
    };
    let entry = Entry::new("training.material_added", "training", id)
        .at(training.union_id, &training.union_path)
        .detail("file", file_id);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/trainings/{id}#materials"),
        Flash::new("files.uploaded"),
    ))
}
