//! Partners' part of a project's page, drawn there through `web::panels`: the
//! partners co-funding the project (with the amount each brings) and, for
//! the cadres who keep partners, the form to name one more or end a link.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::db::{self, CoFunder};
use super::forms::CoFunderForm;
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::projects::db::{self as projects_db, ProjectRow};
use crate::web::money::Fen;
use crate::web::panels::Panel;
use crate::web::{Ctx, FieldErrors, Flash, flash, render_invalid};

/// Partners offered in the picker: a union keeps tens, a province hundreds.
const PICKER_LIMIT: i64 = 500;

#[derive(Template)]
#[template(path = "partners/project_panel.html")]
struct Sections<'a> {
    ctx: &'a Ctx,
    project: &'a ProjectRow,
    co_funders: Vec<CoFunder>,
    partners: Vec<(Uuid, String)>,
    may_link: bool,
    form: CoFunderForm,
    errors: FieldErrors,
}

impl Sections<'_> {
    fn yuan(&self, fen: &i64) -> String {
        Fen(*fen).to_string()
    }
}

/// The panel of project `id` for `user` (a [`crate::web::panels::Drawer`]).
pub fn draw<'a>(
    tx: &'a mut Tx,
    ctx: &'a Ctx,
    user: &'a CurrentUser,
    id: Uuid,
) -> BoxFuture<'a, AppResult<Panel>> {
    Box::pin(panel(tx, ctx, user, id))
}

async fn panel(tx: &mut Tx, ctx: &Ctx, user: &CurrentUser, id: Uuid) -> AppResult<Panel> {
    if !policy::permits(user, &Action::ListPartners) {
        return Ok(Panel::default());
    }
    let project = projects_db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    let body = sections(
        tx,
        ctx,
        user,
        &project,
        CoFunderForm::default(),
        FieldErrors::default(),
    )
    .await?
    .render()?;
    Ok(Panel {
        actions: String::new(),
        body,
    })
}

async fn sections<'a>(
    tx: &mut Tx,
    ctx: &'a Ctx,
    user: &CurrentUser,
    project: &'a ProjectRow,
    form: CoFunderForm,
    errors: FieldErrors,
) -> AppResult<Sections<'a>> {
    let may_link = policy::permits(
        user,
        &Action::ManagePartner {
            union_path: &project.union_path,
        },
    );
    let partners = if may_link {
        db::picker(tx, PICKER_LIMIT).await?
    } else {
        Vec::new()
    };
    Ok(Sections {
        ctx,
        project,
        co_funders: db::co_funders(tx, project.id).await?,
        partners,
        may_link,
        form,
        errors,
    })
}

#[derive(Template)]
#[template(path = "partners/co_funder_form.html")]
struct CoFunderPage<'a> {
    ctx: &'a Ctx,
    project: &'a ProjectRow,
    /// The panel, drawn with the refused form.
    body: String,
}

/// The project, if the user may name its co-funders.
async fn linkable(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<ProjectRow> {
    let project = projects_db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        user,
        &Action::ManagePartner {
            union_path: &project.union_path,
        },
    )?;
    Ok(project)
}

pub async fn link_co_funder(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<CoFunderForm>,
) -> AppResult<Response> {
    let project = linkable(&mut tx, &user, id).await?;
    let mut errors = FieldErrors::default();
    let parsed = match form.parse() {
        Ok(parsed) => Some(parsed),
        Err(refused) => {
            errors = refused;
            None
        }
    };
    let partner = match parsed {
        Some((partner_id, _)) => db::find(&mut tx, partner_id).await?,
        None => None,
    };
    if parsed.is_some() && partner.is_none() {
        errors.add("partner_id", "form.choose");
    }
    let (Some((_, amount_fen)), Some(partner)) = (parsed, partner) else {
        let body = sections(&mut tx, &ctx, &user, &project, form, errors)
            .await?
            .render()?;
        return render_invalid(&CoFunderPage {
            ctx: &ctx,
            project: &project,
            body,
        });
    };
    if !db::link(
        &mut tx,
        &partner,
        (project.id, &project.union_path),
        amount_fen,
        user.id,
    )
    .await?
    {
        errors.add("partner_id", "partners.already_co_funder");
        let body = sections(&mut tx, &ctx, &user, &project, form, errors)
            .await?
            .render()?;
        return render_invalid(&CoFunderPage {
            ctx: &ctx,
            project: &project,
            body,
        });
    }
    let entry = Entry::new("partner.co_funding_linked", "project", project.id)
        .at(project.union_id, &project.union_path)
        .detail("partner_id", partner.id)
        .detail("partner", &partner.name)
        .detail("amount_fen", amount_fen);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/projects/{id}#co-funders"),
        Flash::with_arg("partners.co_funder_added", &partner.name),
    ))
}

pub async fn unlink_co_funder(
    user: CurrentUser,
    mut tx: Tx,
    Path((id, partner_id)): Path<(Uuid, Uuid)>,
) -> AppResult<Response> {
    let project = linkable(&mut tx, &user, id).await?;
    // Ended twice (two cadres at once, a page sent again): ended once.
    if !db::unlink(&mut tx, partner_id, project.id).await? {
        return Ok(flash::redirect(
            &format!("/projects/{id}#co-funders"),
            Flash::new("partners.co_funder_removed"),
        ));
    }
    let entry = Entry::new("partner.co_funding_unlinked", "project", project.id)
        .at(project.union_id, &project.union_path)
        .detail("partner_id", partner_id);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/projects/{id}#co-funders"),
        Flash::new("partners.co_funder_removed"),
    ))
}
