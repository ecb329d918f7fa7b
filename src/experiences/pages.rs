//! The experiences' pages: the list of the scope (with the nation's featured
//! ones above it), one experience, and its form.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::{self, ExperienceRow, Filter, LinkRow, NewLink};
use super::forms::{ExperienceForm, ExperienceInput};
use super::{ExperienceKind, ExperienceStatus, PHOTO_FILES};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::db::list::{CappedCount, KeyPart, ListScope};
use crate::error::{AppError, AppResult};
use crate::files::db::FileRow;
use crate::identity::CurrentUser;
use crate::policy::{self, Action, is_within};
use crate::unions;
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link};
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ExperiencesQuery {
    pub q: String,
    pub kind: String,
    pub status: String,
    pub featured: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

impl ExperiencesQuery {
    pub fn filter(&self, path: &str) -> Result<Filter, AppError> {
        let bad = |what: &str| AppError::BadRequest(format!("unknown {what}"));
        Ok(Filter {
            q: Some(self.q.trim().to_owned()).filter(|q| !q.is_empty()),
            kind: match self.kind.as_str() {
                "" => None,
                v => Some(ExperienceKind::parse(v).ok_or_else(|| bad("kind"))?),
            },
            status: match self.status.as_str() {
                "" => None,
                v => Some(ExperienceStatus::parse(v).ok_or_else(|| bad("status"))?),
            },
            featured: match self.featured.as_str() {
                "" => None,
                "yes" => Some(true),
                "no" => Some(false),
                _ => return Err(bad("featured")),
            },
            province: None,
            scope: ListScope::of_path(path),
        })
    }
}

#[derive(Template)]
#[template(path = "experiences/list.html")]
struct ExperiencesPage {
    ctx: Ctx,
    query: ExperiencesQuery,
    experiences: Vec<ExperienceRow>,
    featured: Vec<ExperienceRow>,
    count: CappedCount,
    next: Option<String>,
    prev: Option<String>,
    may_write: bool,
}

impl ExperiencesPage {
    fn export_links(&self) -> ExportLinks {
        export_links("/experiences", &self.query)
    }

    fn options(&self, list: &str) -> Vec<(&'static str, &'static str)> {
        match list {
            "kind" => ExperienceKind::options(),
            "status" => ExperienceStatus::options(),
            _ => Vec::new(),
        }
    }
}

pub async fn list_experiences(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<ExperiencesQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListExperiences)?;
    let filter = query.filter(&user.union.path)?;
    let position = query.page.position(&[KeyPart::Time, KeyPart::Uuid])?;
    let page = db::list(&mut tx, &filter, &position).await?;
    let count = db::count(&mut tx, &filter).await?;
    let featured = db::featured(&mut tx).await?;
    tx.commit().await?;
    let link = |param: &str, cursor: String| page_link("/experiences", &query, param, &cursor);
    render(&ExperiencesPage {
        may_write: may_write_somewhere(&user),
        ctx,
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        experiences: page.rows,
        featured,
        count,
        query,
    })
}

/// What the user may do with an experience.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Rights {
    pub edit: bool,
    pub submit: bool,
    pub publish: bool,
    pub feature: bool,
    /// Whether the experience lies in the reader's scope (its links lead
    /// somewhere for them).
    pub in_scope: bool,
}

impl Rights {
    pub(super) fn of(user: &CurrentUser, experience: &ExperienceRow) -> Self {
        let path = experience.union_path.as_str();
        let writes = policy::permits(user, &Action::WriteExperience { union_path: path });
        let publishes = policy::permits(user, &Action::PublishExperience { union_path: path });
        let status = experience.status;
        Self {
            edit: if status == ExperienceStatus::Published {
                publishes
            } else {
                writes || publishes
            },
            submit: writes && status == ExperienceStatus::Draft,
            publish: publishes && status != ExperienceStatus::Published,
            feature: status == ExperienceStatus::Published
                && policy::permits(user, &Action::FeatureExperience),
            in_scope: user.role.works_in_scope() && is_within(path, &user.union.path),
        }
    }
}

#[derive(Template)]
#[template(path = "experiences/show.html")]
pub(super) struct ExperiencePage {
    ctx: Ctx,
    experience: ExperienceRow,
    body_html: String,
    links: Vec<LinkRow>,
    photos: Vec<FileRow>,
    may: Rights,
    errors: FieldErrors,
}

impl ExperiencePage {
    pub(super) async fn load(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        experience: ExperienceRow,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let links = db::links(tx, experience.id).await?;
        let photos = crate::files::db::of_owner(tx, PHOTO_FILES, experience.id).await?;
        Ok(Self {
            body_html: super::markdown::to_html(&experience.body),
            may: Rights::of(user, &experience),
            ctx,
            experience,
            links,
            photos,
            errors,
        })
    }
}

pub async fn show_experience(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListExperiences)?;
    let experience = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let page =
        ExperiencePage::load(&mut tx, ctx, &user, experience, FieldErrors::default()).await?;
    tx.commit().await?;
    render(&page)
}

#[derive(Template)]
#[template(path = "experiences/form.html")]
struct ExperienceFormPage {
    ctx: Ctx,
    experience: Option<ExperienceRow>,
    form: ExperienceForm,
    errors: FieldErrors,
    unions: Vec<(i64, String, i32)>,
}

impl ExperienceFormPage {
    async fn new(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        experience: Option<ExperienceRow>,
        form: ExperienceForm,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let unions =
            unions::db::picker_options(tx, user.union.id, form.union_id.parse().ok()).await?;
        Ok(Self {
            ctx,
            experience,
            form,
            errors,
            unions,
        })
    }

    fn kinds(&self) -> Vec<(&'static str, &'static str)> {
        ExperienceKind::options()
    }
}

/// Whether the user may write experiences at all (at some union of the scope).
fn may_write_somewhere(user: &CurrentUser) -> bool {
    policy::permits(
        user,
        &Action::WriteExperience {
            union_path: &user.union.path,
        },
    ) || (user.union.path == crate::db::ROOT_PATH
        && policy::permits(
            user,
            &Action::PublishExperience {
                union_path: &user.union.path,
            },
        ))
}

pub async fn new_experience_form(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    if !may_write_somewhere(&user) {
        return Err(AppError::Forbidden);
    }
    let form = ExperienceForm {
        union_id: if user.union.path.contains('.') {
            user.union.id.to_string()
        } else {
            String::new()
        },
        kind: ExperienceKind::Experience.as_str().to_owned(),
        ..ExperienceForm::default()
    };
    let page =
        ExperienceFormPage::new(&mut tx, ctx, &user, None, form, FieldErrors::default()).await?;
    render(&page)
}

/// The union chosen is one the user writes experiences for; the links name
/// projects and organizations of the scope. Returns the links to write, with
/// the union's path.
async fn checked_links(
    tx: &mut Tx,
    user: &CurrentUser,
    input: &ExperienceInput,
    errors: &mut FieldErrors,
) -> AppResult<Option<(String, Vec<NewLink>)>> {
    let union = unions::db::find(tx, input.union_id).await?.filter(|u| {
        policy::permits(
            user,
            &Action::WriteExperience {
                union_path: &u.path,
            },
        ) || (u.path.contains('.')
            && policy::permits(
                user,
                &Action::PublishExperience {
                    union_path: &u.path,
                },
            ))
    });
    let Some(union) = union else {
        errors.add("union_id", "experiences.union_not_allowed");
        return Ok(None);
    };
    let mut links: Vec<NewLink> = Vec::new();
    let projects = db::projects_coded(tx, &input.projects).await?;
    let unknown: Vec<&str> = input
        .projects
        .iter()
        .filter(|code| !projects.iter().any(|(c, _, _)| c == *code))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        errors.add_with(
            "projects",
            "experiences.unknown_projects",
            unknown.join("、"),
        );
    }
    for (code, id, title) in projects {
        links.push(("project", id, code, title));
    }
    let province: String = union.path.split('.').take(2).collect::<Vec<_>>().join(".");
    let orgs = db::organizations_named(tx, &province, &input.organizations).await?;
    let mut unknown = Vec::new();
    for key in &input.organizations {
        match orgs.iter().filter(|(k, _, _)| k == key).collect::<Vec<_>>()[..] {
            [(_, id, name)] => {
                if !links.iter().any(|(_, l, _, _)| l == id) {
                    links.push(("organization", *id, key.clone(), name.clone()));
                }
            }
            [] => unknown.push(key.as_str()),
            _ => errors.add_with("organizations", "experiences.ambiguous_org", key),
        }
    }
    if !unknown.is_empty() {
        errors.add_with(
            "organizations",
            "experiences.unknown_orgs",
            unknown.join("、"),
        );
    }
    Ok(Some((union.path, links)))
}

pub async fn create_experience(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Form(form): Form<ExperienceForm>,
) -> AppResult<Response> {
    if !may_write_somewhere(&user) {
        return Err(AppError::Forbidden);
    }
    let (input, mut errors) = match form.parse() {
        Ok(input) => (Some(input), FieldErrors::default()),
        Err(errors) => (None, errors),
    };
    let links = match &input {
        Some(input) => checked_links(&mut tx, &user, input, &mut errors).await?,
        None => None,
    };
    let (Some(input), Some((path, links))) = (input, links.filter(|_| errors.is_empty())) else {
        let page = ExperienceFormPage::new(&mut tx, ctx, &user, None, form, errors).await?;
        return render_invalid(&page);
    };
    let id = db::insert(&mut tx, &input, user.id).await?;
    db::set_links(&mut tx, id, &path, &links).await?;
    let entry = Entry::new("experience.created", "experience", id)
        .at(input.union_id, &path)
        .created(&input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/experiences/{id}"),
        Flash::with_arg("experiences.created", &input.title),
    ))
}

/// The experience, if the user may edit it now.
async fn editable(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<ExperienceRow> {
    let experience = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    if !Rights::of(user, &experience).edit {
        return Err(AppError::Forbidden);
    }
    Ok(experience)
}

pub async fn edit_experience_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let experience = editable(&mut tx, &user, id).await?;
    let links = db::links(&mut tx, id).await?;
    let form = ExperienceForm::of(&experience, &links);
    let page = ExperienceFormPage::new(
        &mut tx,
        ctx,
        &user,
        Some(experience),
        form,
        FieldErrors::default(),
    )
    .await?;
    render(&page)
}

pub async fn update_experience(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(mut form): Form<ExperienceForm>,
) -> AppResult<Response> {
    let experience = editable(&mut tx, &user, id).await?;
    let old_links = db::links(&mut tx, id).await?;
    let (input, mut errors) = match form.parse() {
        Ok(input) => (Some(input), FieldErrors::default()),
        Err(errors) => (None, errors),
    };
    let links = match &input {
        Some(input) => checked_links(&mut tx, &user, input, &mut errors).await?,
        None => None,
    };
    let (Some(input), Some((path, links))) = (input, links.filter(|_| errors.is_empty())) else {
        let page =
            ExperienceFormPage::new(&mut tx, ctx, &user, Some(experience), form, errors).await?;
        return render_invalid(&page);
    };
    if !db::update(&mut tx, id, form.version, &input).await? {
        let current = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        form.version = current.version;
        let mut errors = FieldErrors::default();
        errors.add("version", "form.conflict");
        let page =
            ExperienceFormPage::new(&mut tx, ctx, &user, Some(current), form, errors).await?;
        return render_invalid(&page);
    }
    db::set_links(&mut tx, id, &path, &links).await?;
    let before = ExperienceForm::of(&experience, &old_links).parse().ok();
    let entry = Entry::new("experience.updated", "experience", id)
        .at(experience.union_id, &experience.union_path)
        .diff(&before, &input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/experiences/{id}"),
        Flash::new("form.saved"),
    ))
}
