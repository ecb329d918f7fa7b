//! Creating a child union and editing a union (optimistic lock on `version`).

use askama::Template;
use axum::Form;
use axum::extract::Path;
use axum::response::Response;

use super::db::{self, UnionRow};
use super::forms::{UnionForm, constraint_error};
use super::show::crumbs_below_own;
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::identity::Level;
use crate::policy::{self, Action};
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Template)]
#[template(path = "unions/form.html")]
struct UnionFormPage {
    ctx: Ctx,
    parent: UnionRow,
    /// The union being edited; `None` when creating.
    union: Option<UnionRow>,
    form: UnionForm,
    errors: FieldErrors,
    /// The record as someone else saved it meanwhile.
    conflict: Option<UnionRow>,
}

impl UnionFormPage {
    fn level_options(&self) -> Vec<Level> {
        self.parent.level.child_levels().collect()
    }

    fn action(&self) -> String {
        match &self.union {
            Some(union) => format!("/unions/{}/edit", union.id),
            None => format!("/unions/{}/children/new", self.parent.id),
        }
    }

    fn cancel(&self) -> String {
        format!("/unions/{}", self.union.as_ref().unwrap_or(&self.parent).id)
    }
}

pub async fn new_child_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let parent = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::CreateUnionUnder {
            parent_path: &parent.path,
        },
    )?;
    let crumbs = crumbs_below_own(&mut tx, &user, &parent).await?;
    let form = UnionForm {
        level: parent
            .level
            .child_levels()
            .next()
            .map(|l| l.as_str().to_owned())
            .unwrap_or_default(),
        ..UnionForm::default()
    };
    render(&UnionFormPage {
        ctx: ctx.with_crumbs(crumbs),
        parent,
        union: None,
        form,
        errors: FieldErrors::default(),
        conflict: None,
    })
}

pub async fn create_child(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<i64>,
    Form(form): Form<UnionForm>,
) -> AppResult<Response> {
    let parent = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::CreateUnionUnder {
            parent_path: &parent.path,
        },
    )?;
    let refused = |errors: FieldErrors, parent: UnionRow| {
        render_invalid(&UnionFormPage {
            ctx,
            parent,
            union: None,
            form: form.clone(),
            errors,
            conflict: None,
        })
    };
    let input = match form.parse(&parent) {
        Ok(input) => input,
        Err(errors) => return refused(errors, parent),
    };
    let created = match db::insert(&mut tx, parent.id, &input).await {
        Ok(created) => created,
        Err(error) => {
            return constraint_error(&error)
                .map_or(Err(error.into()), |errors| refused(errors, parent));
        }
    };
    audit::record(
        &mut tx,
        &user,
        Entry::new("union.created", "union", created.id)
            .at(created.id, &created.path)
            .created(&input),
    )
    .await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/unions/{}", created.id),
        Flash::with_arg("unions.created", &created.name),
    ))
}

pub async fn edit_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (union, parent) = union_and_parent(&mut tx, id).await?;
    policy::require(&user, &Action::EditUnion { path: &union.path })?;
    let crumbs = crumbs_below_own(&mut tx, &user, &union).await?;
    render(&UnionFormPage {
        ctx: ctx.with_crumbs(crumbs),
        form: UnionForm::from_row(&union),
        parent,
        union: Some(union),
        errors: FieldErrors::default(),
        conflict: None,
    })
}

pub async fn update_union(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<i64>,
    Form(mut form): Form<UnionForm>,
) -> AppResult<Response> {
    let (union, parent) = union_and_parent(&mut tx, id).await?;
    policy::require(&user, &Action::EditUnion { path: &union.path })?;
    let parsed = form.parse(&parent);
    let refused = |union: UnionRow, conflict: Option<UnionRow>, form, errors| {
        render_invalid(&UnionFormPage {
            ctx,
            parent,
            union: Some(union),
            form,
            errors,
            conflict,
        })
    };
    let input = match parsed {
        Ok(input) => input,
        Err(errors) => return refused(union, None, form, errors),
    };
    let updated = match save_edit(&mut tx, id, form.version, &input).await? {
        Saved::Updated(updated) => updated,
        Saved::Conflict(current) => {
            // Someone saved first: show both, keep what this user typed, and let a
            // second save (now at the current version) overwrite knowingly.
            form.version = current.version;
            let mut errors = FieldErrors::default();
            errors.add("version", "form.conflict");
            return refused(current.clone(), Some(current), form, errors);
        }
        Saved::Refused(errors) => return refused(union, None, form, errors),
    };
    audit_edit(&mut tx, &user, &union, &updated, &input).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/unions/{id}"),
        Flash::new("form.saved"),
    ))
}

/// What saving an edit came to.
enum Saved {
    Updated(UnionRow),
    /// Someone else saved first: the union as they left it.
    Conflict(UnionRow),
    /// A constraint refused the edit: the messages beside the fields.
    Refused(FieldErrors),
}

/// Saves `input` over the union `id` if it is still at `version`.
async fn save_edit(tx: &mut Tx, id: i64, version: i32, input: &db::UnionInput) -> AppResult<Saved> {
    match db::update(tx, id, version, input).await {
        Ok(Some(updated)) => Ok(Saved::Updated(updated)),
        Ok(None) => {
            let current = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
            Ok(Saved::Conflict(current))
        }
        Err(error) => constraint_error(&error)
            .map(Saved::Refused)
            .ok_or_else(|| error.into()),
    }
}

/// Audits an edit of `before` into `after` (from `input`), unless it changed
/// nothing.
async fn audit_edit(
    tx: &mut Tx,
    user: &CurrentUser,
    before: &UnionRow,
    after: &UnionRow,
    input: &db::UnionInput,
) -> AppResult<()> {
    let before = db::UnionInput {
        name: before.name.clone(),
        level: before.level.as_str(),
        division_code: before.division_code.clone(),
    };
    let entry = Entry::new("union.updated", "union", after.id)
        .at(after.id, &after.path)
        .diff(&before, input);
    if !entry.is_empty() {
        audit::record(tx, user, entry).await?;
    }
    Ok(())
}

async fn union_and_parent(tx: &mut Tx, id: i64) -> AppResult<(UnionRow, UnionRow)> {
    let union = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    let parent_id = union.parent_id.ok_or(AppError::Forbidden)?;
    // A union whose parent is outside the scope is the user's own: not editable.
    let parent = db::find(tx, parent_id).await?.ok_or(AppError::Forbidden)?;
    Ok((union, parent))
}
