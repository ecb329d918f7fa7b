//! The draft's form: new (from worker needs), create, edit and update, with
//! the references only the database can check (union, indicator systems).

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::{Form, Query as MultiQuery};
use serde::Deserialize;
use uuid::Uuid;

use super::Status;
use super::db::{self, ProjectRow};
use super::forms::ProjectForm;
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::indicators::{self, Kind, SystemOption};
use crate::needs::db::NeedRow;
use crate::orgs::kinds::{Domain, OrgType};
use crate::policy::{self, Action};
use crate::unions;
use crate::web::money::Fen;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Template)]
#[template(path = "projects/form.html")]
struct ProjectFormPage {
    ctx: Ctx,
    project: Option<ProjectRow>,
    form: ProjectForm,
    errors: FieldErrors,
    unions: Vec<(i64, String, i32)>,
    needs: Vec<NeedRow>,
    review_systems: Vec<SystemOption>,
    midterm_systems: Vec<SystemOption>,
    performance_systems: Vec<SystemOption>,
    /// The federations that may commission the service, as (id, name).
    commissioners: Vec<(Uuid, String)>,
}

impl ProjectFormPage {
    async fn new(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        project: Option<ProjectRow>,
        form: ProjectForm,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let unions =
            unions::db::picker_options(tx, user.union.id, form.union_id.parse().ok()).await?;
        let need_ids: Vec<Uuid> = form
            .need
            .iter()
            .filter_map(|id| Uuid::parse_str(id).ok())
            .collect();
        let needs = match &project {
            Some(project) => crate::needs::db::of_project(tx, project.id).await?,
            None => crate::needs::db::find_many(tx, &need_ids).await?,
        };
        let path = &user.union.path;
        Ok(Self {
            review_systems: indicators::db::published_for(tx, path, Kind::ApprovalReview).await?,
            midterm_systems: indicators::db::published_for(tx, path, Kind::Midterm).await?,
            performance_systems: indicators::db::published_for(tx, path, Kind::Performance).await?,
            commissioners: db::commissioning_options(tx).await?,
            ctx,
            project,
            form,
            errors,
            unions,
            needs,
        })
    }

    fn domains(&self) -> Vec<(&'static str, &'static str)> {
        Domain::options()
    }

    fn types(&self) -> Vec<(&'static str, &'static str)> {
        OrgType::options()
    }

    /// The three system pickers: (field, label key, options, chosen id).
    fn system_fields(&self) -> [(&'static str, &'static str, &[SystemOption], &str); 3] {
        [
            (
                "review_system_id",
                Kind::ApprovalReview.label_key(),
                &self.review_systems,
                &self.form.review_system_id,
            ),
            (
                "midterm_system_id",
                Kind::Midterm.label_key(),
                &self.midterm_systems,
                &self.form.midterm_system_id,
            ),
            (
                "performance_system_id",
                Kind::Performance.label_key(),
                &self.performance_systems,
                &self.form.performance_system_id,
            ),
        ]
    }
}

fn form_of(project: &ProjectRow) -> ProjectForm {
    let yuan = |fen: i64| Fen(fen).to_yuan_input();
    ProjectForm {
        union_id: project.union_id.to_string(),
        title: project.title.clone(),
        domain: project.domain.as_str().to_owned(),
        description: project.description.clone(),
        target_group: project.target_group.clone(),
        target_people: project.target_people.to_string(),
        target_activities: project.target_activities.to_string(),
        target_service_hours: project.target_service_hours.to_string(),
        budget: yuan(project.budget_fen),
        union_funds: yuan(project.union_funds_fen),
        fiscal_funds: yuan(project.fiscal_funds_fen),
        crowdfunding: yuan(project.crowdfunding_fen),
        other_funds: yuan(project.other_funds_fen),
        eligible_types: project.eligible_types.clone(),
        min_rating: project
            .min_rating
            .map(|r| r.to_string())
            .unwrap_or_default(),
        min_years: project.min_years.to_string(),
        apply_opens_on: project.apply_opens_on.to_string(),
        apply_closes_on: project.apply_closes_on.to_string(),
        service_starts_on: project.service_starts_on.to_string(),
        service_ends_on: project.service_ends_on.to_string(),
        review_system_id: project.review_system_id.to_string(),
        midterm_system_id: project.midterm_system_id.to_string(),
        performance_system_id: project.performance_system_id.to_string(),
        need: Vec::new(),
        commissioned_by: project
            .commissioned_by
            .map(|id| id.to_string())
            .unwrap_or_default(),
        version: project.version,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewProjectQuery {
    pub need: Vec<String>,
}

pub async fn new_project_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    MultiQuery(query): MultiQuery<NewProjectQuery>,
) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::EditProject {
            union_path: &user.union.path,
        },
    )?;
    let ids: Vec<Uuid> = query
        .need
        .iter()
        .filter_map(|id| Uuid::parse_str(id).ok())
        .collect();
    let needs = crate::needs::db::find_many(&mut tx, &ids).await?;
    let mut form = draft_from_needs(&user, &needs);
    preselect_systems(&mut tx, &user.union.path, &mut form).await?;
    let page =
        ProjectFormPage::new(&mut tx, ctx, &user, None, form, FieldErrors::default()).await?;
    render(&page)
}

/// A draft from needs starts with what they say: the first one's domain and
/// title, their descriptions as the project's, the workers they affect as its
/// target. The form preselects them; saving it links those not yet in a
/// project (`db::link_needs`).
fn draft_from_needs(user: &CurrentUser, needs: &[NeedRow]) -> ProjectForm {
    let first = needs.first();
    ProjectForm {
        union_id: user.union.id.to_string(),
        title: first.map(|n| n.title.clone()).unwrap_or_default(),
        domain: first
            .map(|n| n.domain.as_str().to_owned())
            .unwrap_or_default(),
        description: needs
            .iter()
            .filter_map(|n| n.description.clone())
            .collect::<Vec<_>>()
            .join("\n\n"),
        target_people: needs
            .iter()
            .map(|n| i64::from(n.workers_affected))
            .sum::<i64>()
            .to_string(),
        need: needs
            .iter()
            .filter(|n| n.project_id.is_none())
            .map(|n| n.id.to_string())
            .collect(),
        min_years: "0".into(),
        eligible_types: vec![
            OrgType::SocialGroup.as_str().to_owned(),
            OrgType::SocialServiceAgency.as_str().to_owned(),
        ],
        ..ProjectForm::default()
    }
}

/// Chooses for each kind the nearest published system the union may use.
async fn preselect_systems(tx: &mut Tx, path: &str, form: &mut ProjectForm) -> AppResult<()> {
    for (kind, slot) in [
        (Kind::ApprovalReview, &mut form.review_system_id),
        (Kind::Midterm, &mut form.midterm_system_id),
        (Kind::Performance, &mut form.performance_system_id),
    ] {
        if let Some(nearest) = indicators::db::published_for(tx, path, kind).await?.first() {
            *slot = nearest.id.to_string();
        }
    }
    Ok(())
}

/// Checks what only the database knows: the union is the user's to buy for,
/// and each indicator system is published, of its kind, and the union's own or
/// inherited.
async fn check_refs(
    tx: &mut Tx,
    user: &CurrentUser,
    form: &super::forms::ProjectInput,
    errors: &mut FieldErrors,
) -> AppResult<()> {
    let union = unions::db::find(tx, form.union_id).await?;
    if !union.is_some_and(|u| {
        policy::permits(
            user,
            &Action::EditProject {
                union_path: &u.path,
            },
        )
    }) {
        errors.add("union_id", "form.choose");
    }
    let path = &user.union.path;
    for (field, kind, id) in [
        (
            "review_system_id",
            Kind::ApprovalReview,
            form.review_system_id,
        ),
        ("midterm_system_id", Kind::Midterm, form.midterm_system_id),
        (
            "performance_system_id",
            Kind::Performance,
            form.performance_system_id,
        ),
    ] {
        let usable = indicators::db::published_for(tx, path, kind).await?;
        if !usable.iter().any(|s| s.id == id) {
            errors.add(field, "form.choose");
        }
    }
    if let Some(federation) = form.commissioned_by
        && !db::commissioning_options(tx)
            .await?
            .iter()
            .any(|(id, _)| *id == federation)
    {
        errors.add("commissioned_by", "projects.commission_not_in_scope");
    }
    Ok(())
}

pub async fn create_project(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Form(form): Form<ProjectForm>,
) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::EditProject {
            union_path: &user.union.path,
        },
    )?;
    let (input, mut errors) = match form.parse() {
        Ok(input) => (Some(input), FieldErrors::default()),
        Err(errors) => (None, errors),
    };
    if let Some(input) = &input {
        check_refs(&mut tx, &user, input, &mut errors).await?;
    }
    let Some(input) = input.filter(|_| errors.is_empty()) else {
        let page = ProjectFormPage::new(&mut tx, ctx, &user, None, form, errors).await?;
        return render_invalid(&page);
    };
    let id = db::insert(&mut tx, &input, user.id).await?;
    db::link_needs(&mut tx, id, &input.needs).await?;
    db::record_event(
        &mut tx,
        id,
        None,
        Status::Draft,
        (Some(user.id), &user.display_name),
        None,
    )
    .await?;
    let project = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let entry = Entry::new("project.created", "project", id)
        .at(project.union_id, &project.union_path)
        .created(&input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/projects/{id}"),
        Flash::with_arg("projects.created", &project.code),
    ))
}

pub async fn edit_project_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let project = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditProject {
            union_path: &project.union_path,
        },
    )?;
    if project.status != Status::Draft {
        return Ok(flash::redirect(
            &format!("/projects/{id}"),
            Flash::new("projects.only_drafts_change"),
        ));
    }
    let form = form_of(&project);
    let page = ProjectFormPage::new(
        &mut tx,
        ctx,
        &user,
        Some(project),
        form,
        FieldErrors::default(),
    )
    .await?;
    render(&page)
}

pub async fn update_project(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(mut form): Form<ProjectForm>,
) -> AppResult<Response> {
    let project = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditProject {
            union_path: &project.union_path,
        },
    )?;
    // The purchasing union is where the draft began; the code says so.
    form.union_id = project.union_id.to_string();
    let (input, mut errors) = match form.parse() {
        Ok(input) => (Some(input), FieldErrors::default()),
        Err(errors) => (None, errors),
    };
    if let Some(input) = &input {
        check_refs(&mut tx, &user, input, &mut errors).await?;
    }
    let Some(input) = input.filter(|_| errors.is_empty()) else {
        let page = ProjectFormPage::new(&mut tx, ctx, &user, Some(project), form, errors).await?;
        return render_invalid(&page);
    };
    if !db::update(&mut tx, id, form.version, &input).await? {
        let current = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        if current.status != Status::Draft {
            return Ok(flash::redirect(
                &format!("/projects/{id}"),
                Flash::new("projects.only_drafts_change"),
            ));
        }
        form.version = current.version;
        let mut errors = FieldErrors::default();
        errors.add("version", "form.conflict");
        let page = ProjectFormPage::new(&mut tx, ctx, &user, Some(current), form, errors).await?;
        return render_invalid(&page);
    }
    let before = form_of(&project).parse().ok();
    let entry = Entry::new("project.updated", "project", id)
        .at(project.union_id, &project.union_path)
        .diff(&before, &input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/projects/{id}"),
        Flash::new("form.saved"),
    ))
}
