//! The pages of indicator systems: the list by kind, one system with its tree
//! and versions, and the draft's editor (rows of code, name, weight, guidance).

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use uuid::Uuid;

use super::db::{self, IndicatorRow, SystemRow};
use super::tree::TreeForm;
use super::{Kind, SystemStatus};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

/// Blank rows under a draft's indicators, for new ones.
const BLANK_ROWS: usize = 6;

#[derive(Template)]
#[template(path = "indicators/list.html")]
struct SystemsPage {
    ctx: Ctx,
    systems: Vec<SystemRow>,
}

impl SystemsPage {
    fn kinds(&self) -> &'static [Kind] {
        Kind::ALL
    }

    fn of_kind(&self, kind: &Kind) -> Vec<&SystemRow> {
        self.systems.iter().filter(|s| s.kind == *kind).collect()
    }
}

pub async fn list_systems(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    policy::require(&user, &Action::ListProjects)?;
    let systems = db::list(&mut tx).await?;
    tx.commit().await?;
    render(&SystemsPage { ctx, systems })
}

#[derive(Template)]
#[template(path = "indicators/show.html")]
struct SystemPage {
    ctx: Ctx,
    system: SystemRow,
    indicators: Vec<IndicatorRow>,
    versions: Vec<SystemRow>,
    /// Whether the user may revise this system (its union is in their scope).
    may_revise: bool,
    /// Whether the user may copy it to their own union.
    may_copy: bool,
}

pub async fn show_system(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListProjects)?;
    let system = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let indicators = db::indicators(&mut tx, id).await?;
    let versions = db::versions(&mut tx, system.lineage).await?;
    tx.commit().await?;
    let may_revise = policy::permits(
        &user,
        &Action::EditIndicators {
            union_path: &system.union_path,
        },
    );
    let may_copy = system.union_id != user.union.id
        && policy::permits(
            &user,
            &Action::EditIndicators {
                union_path: &user.union.path,
            },
        );
    render(&SystemPage {
        ctx,
        system,
        indicators,
        versions,
        may_revise,
        may_copy,
    })
}

#[derive(Template)]
#[template(path = "indicators/form.html")]
struct DraftPage {
    ctx: Ctx,
    system: SystemRow,
    form: TreeForm,
    errors: FieldErrors,
}

impl DraftPage {
    /// Row `i` of the editor: (code, name, weight, guidance).
    fn rows(&self) -> Vec<(String, String, String, String)> {
        let at = |list: &Vec<String>, i: usize| list.get(i).cloned().unwrap_or_default();
        (0..self.form.code.len())
            .map(|i| {
                (
                    at(&self.form.code, i),
                    at(&self.form.label, i),
                    at(&self.form.weight, i),
                    at(&self.form.guidance, i),
                )
            })
            .collect()
    }
}

fn form_of(system: &SystemRow, indicators: &[IndicatorRow]) -> TreeForm {
    let mut form = TreeForm {
        name: system.name.clone(),
        excellent_min: system.excellent_min.to_string(),
        good_min: system.good_min.to_string(),
        pass_min: system.pass_min.to_string(),
        ..TreeForm::default()
    };
    for row in indicators {
        form.code.push(row.code.clone());
        form.label.push(row.name.clone());
        form.weight.push(row.weight.to_string());
        form.guidance.push(row.guidance.clone().unwrap_or_default());
    }
    with_blank_rows(form)
}

fn with_blank_rows(mut form: TreeForm) -> TreeForm {
    for _ in 0..BLANK_ROWS {
        form.code.push(String::new());
        form.label.push(String::new());
        form.weight.push(String::new());
        form.guidance.push(String::new());
    }
    form
}

/// The draft `id`, if the user may write it.
async fn editable_draft(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<SystemRow> {
    let system = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        user,
        &Action::EditIndicators {
            union_path: &system.union_path,
        },
    )?;
    Ok(system)
}

pub async fn edit_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let system = editable_draft(&mut tx, &user, id).await?;
    if system.status != SystemStatus::Draft {
        return Ok(flash::redirect(
            &format!("/indicators/{id}"),
            Flash::new("indicators.published_frozen"),
        ));
    }
    let indicators = db::indicators(&mut tx, id).await?;
    tx.commit().await?;
    render(&DraftPage {
        ctx,
        form: form_of(&system, &indicators),
        system,
        errors: FieldErrors::default(),
    })
}

pub async fn save_draft(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<TreeForm>,
) -> AppResult<Response> {
    let system = editable_draft(&mut tx, &user, id).await?;
    let tree = match form.parse() {
        Ok(tree) => tree,
        Err(errors) => {
            return render_invalid(&DraftPage {
                ctx,
                system,
                form: with_blank_rows(form),
                errors,
            });
        }
    };
    if !db::save_draft(&mut tx, id, &tree).await? {
        return Ok(flash::redirect(
            &format!("/indicators/{id}"),
            Flash::new("indicators.published_frozen"),
        ));
    }
    let entry = Entry::new("indicators.saved", "indicator_system", id)
        .at(system.union_id, &system.union_path)
        .created(&tree);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/indicators/{id}"),
        Flash::new("form.saved"),
    ))
}

/// A new draft version of a published system (or the draft already begun).
pub async fn revise(user: CurrentUser, mut tx: Tx, Path(id): Path<Uuid>) -> AppResult<Response> {
    let system = editable_draft(&mut tx, &user, id).await?;
    let draft = match db::draft_of(&mut tx, system.lineage).await? {
        Some(draft) => draft,
        None => {
            let draft = db::create_draft(
                &mut tx,
                system.union_id,
                &system,
                Some(system.lineage),
                user.id,
            )
            .await?;
            let entry = Entry::new("indicators.revised", "indicator_system", draft)
                .at(system.union_id, &system.union_path)
                .detail("from", id);
            audit::record(&mut tx, &user, entry).await?;
            draft
        }
    };
    tx.commit().await?;
    Ok(flash::see_other(&format!("/indicators/{draft}/edit")))
}

/// A copy of a system as a new draft of the user's own union.
pub async fn copy(user: CurrentUser, mut tx: Tx, Path(id): Path<Uuid>) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::EditIndicators {
            union_path: &user.union.path,
        },
    )?;
    let system = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let draft = db::create_draft(&mut tx, user.union.id, &system, None, user.id).await?;
    let entry = Entry::new("indicators.copied", "indicator_system", draft)
        .at(user.union.id, &user.union.path)
        .detail("from", id);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::see_other(&format!("/indicators/{draft}/edit")))
}

pub async fn publish(user: CurrentUser, mut tx: Tx, Path(id): Path<Uuid>) -> AppResult<Response> {
    let system = editable_draft(&mut tx, &user, id).await?;
    // A draft saved with an unbalanced tree cannot exist (the editor refuses
    // it), but a fresh copy is published only as it was: check again anyway.
    let indicators = db::indicators(&mut tx, id).await?;
    if let Err(errors) = form_of(&system, &indicators).parse() {
        let key = errors
            .iter()
            .next()
            .map_or("form.fix_errors", |(_, m)| m.key);
        return Ok(flash::redirect(
            &format!("/indicators/{id}/edit"),
            Flash::new(key),
        ));
    }
    if !db::publish(&mut tx, id, system.lineage).await? {
        return Ok(flash::redirect(
            &format!("/indicators/{id}"),
            Flash::new("indicators.published_frozen"),
        ));
    }
    let entry = Entry::new("indicators.published", "indicator_system", id)
        .at(system.union_id, &system.union_path)
        .detail("version", system.version);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/indicators/{id}"),
        Flash::with_arg("indicators.published", &system.name),
    ))
}
