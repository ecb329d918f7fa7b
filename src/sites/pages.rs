//! The pages of service sites: the list, the record (with its photos), and
//! its form.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use axum_extra::extract::Form;
use chrono::{Local, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::{self, Filter, SiteRow, Sort};
use super::forms::{SiteForm, SiteInput, within_union};
use super::{Datum, PHOTO_FILES, SiteKind};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::db::list::{CappedCount, KeyPart, ListScope};
use crate::error::{AppError, AppResult};
use crate::files::db::FileRow;
use crate::identity::{CurrentUser, Level};
use crate::orgs::kinds::Domain;
use crate::policy::{self, Action};
use crate::unions::{self, db::UnionRow};
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link};
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SitesQuery {
    pub q: String,
    pub kind: String,
    pub level: String,
    /// A union of the scope whose subtree the list keeps to.
    pub union: String,
    /// A division code, or its leading digits (`51`, `5101`).
    pub division: String,
    /// `open` or `closed`.
    pub status: String,
    /// `name` (the default) or `newest`.
    pub sort: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

/// The union a list or a count is kept to: the user's own, or one of its
/// scope named by id. Another tenant's union is not found.
pub async fn union_of_scope(tx: &mut Tx, user: &CurrentUser, id: &str) -> AppResult<UnionRow> {
    let id = match id.trim() {
        "" => user.union.id,
        id => id.parse::<i64>().map_err(|_| AppError::NotFound)?,
    };
    let union = unions::db::find(tx, id)
        .await?
        .filter(|u| policy::is_within(&u.path, &user.union.path))
        .ok_or(AppError::NotFound)?;
    Ok(union)
}

impl SitesQuery {
    /// The list's filters, within `union`'s subtree.
    pub fn filter(&self, union: &UnionRow) -> Result<Filter, AppError> {
        let bad = |what: &str| AppError::BadRequest(format!("unknown {what}"));
        let division = match self.division.trim() {
            "" => None,
            code if matches!(code.len(), 2 | 4 | 6) && code.bytes().all(|b| b.is_ascii_digit()) => {
                Some(crate::divisions::prefix(code).to_owned())
            }
            _ => return Err(bad("division")),
        };
        Ok(Filter {
            q: Some(self.q.trim().to_owned()).filter(|q| !q.is_empty()),
            kind: match self.kind.as_str() {
                "" => None,
                v => Some(SiteKind::parse(v).ok_or_else(|| bad("kind"))?),
            },
            level: match self.level.as_str() {
                "" => None,
                v => Some(Level::parse(v).ok_or_else(|| bad("level"))?),
            },
            division,
            open: match self.status.as_str() {
                "" => None,
                "open" => Some(true),
                "closed" => Some(false),
                _ => return Err(bad("status")),
            },
            sort: match self.sort.as_str() {
                "" | "name" => Sort::Name,
                "newest" => Sort::Newest,
                _ => return Err(bad("sort")),
            },
            scope: ListScope::of_path(&union.path),
        })
    }

    fn key(&self) -> &'static [KeyPart] {
        match self.sort.as_str() {
            "newest" => &[KeyPart::Time, KeyPart::Uuid],
            _ => &[KeyPart::Text, KeyPart::Uuid],
        }
    }
}

/// The levels a site's union may have, for the filter.
pub fn level_options() -> Vec<(&'static str, &'static str)> {
    Level::ALL
        .iter()
        .map(|l| (l.as_str(), l.label_key()))
        .collect()
}

#[derive(Template)]
#[template(path = "sites/list.html")]
struct SitesPage {
    ctx: Ctx,
    query: SitesQuery,
    union: UnionRow,
    sites: Vec<SiteRow>,
    count: CappedCount,
    next: Option<String>,
    prev: Option<String>,
    may_add: bool,
    today: NaiveDate,
}

impl SitesPage {
    fn export_links(&self) -> ExportLinks {
        export_links("/sites", &self.query)
    }

    fn options(&self, list: &str) -> Vec<(&'static str, &'static str)> {
        match list {
            "kind" => SiteKind::options(),
            "level" => level_options(),
            _ => Vec::new(),
        }
    }

    /// Whether the list is kept to a union below the user's own.
    fn narrowed(&self) -> bool {
        self.union.id != self.ctx.user.as_ref().map_or(0, |u| u.union.id)
    }
}

pub async fn list_sites(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<SitesQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListSites)?;
    let union = union_of_scope(&mut tx, &user, &query.union).await?;
    let filter = query.filter(&union)?;
    let position = query.page.position(query.key())?;
    let page = db::list(&mut tx, &filter, &position).await?;
    let count = db::count(&mut tx, &filter).await?;
    tx.commit().await?;
    let link = |param: &str, cursor: String| page_link("/sites", &query, param, &cursor);
    render(&SitesPage {
        may_add: policy::permits(
            &user,
            &Action::EditSite {
                union_path: &user.union.path,
            },
        ),
        ctx,
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        sites: page.rows,
        count,
        union,
        query,
        today: Local::now().date_naive(),
    })
}

#[derive(Template)]
#[template(path = "sites/show.html")]
pub struct SitePage {
    ctx: Ctx,
    site: SiteRow,
    photos: Vec<FileRow>,
    may_edit: bool,
    errors: FieldErrors,
    today: NaiveDate,
}

impl SitePage {
    pub async fn load(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        site: SiteRow,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let photos = crate::files::db::of_owner(tx, PHOTO_FILES, site.id).await?;
        Ok(Self {
            may_edit: may_edit(user, &site),
            ctx,
            site,
            photos,
            errors,
            today: Local::now().date_naive(),
        })
    }

    fn service_labels(&self) -> Vec<&'static str> {
        self.site
            .services
            .iter()
            .filter_map(|s| Domain::parse(s))
            .map(Domain::label_key)
            .collect()
    }
}

pub fn may_edit(user: &CurrentUser, site: &SiteRow) -> bool {
    policy::permits(
        user,
        &Action::EditSite {
            union_path: &site.union_path,
        },
    )
}

pub async fn show_site(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListSites)?;
    let site = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let page = SitePage::load(&mut tx, ctx, &user, site, FieldErrors::default()).await?;
    tx.commit().await?;
    render(&page)
}

#[derive(Template)]
#[template(path = "sites/form.html")]
struct SiteFormPage {
    ctx: Ctx,
    site: Option<SiteRow>,
    form: SiteForm,
    errors: FieldErrors,
    unions: Vec<(i64, String, i32)>,
}

impl SiteFormPage {
    async fn new(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        site: Option<SiteRow>,
        form: SiteForm,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let unions =
            unions::db::picker_options(tx, user.union.id, form.union_id.parse().ok()).await?;
        Ok(Self {
            ctx,
            site,
            form,
            errors,
            unions,
        })
    }

    fn options(&self, list: &str) -> Vec<(&'static str, &'static str)> {
        match list {
            "kind" => SiteKind::options(),
            "datum" => Datum::options(),
            "services" => Domain::options(),
            _ => Vec::new(),
        }
    }
}

pub async fn new_site_form(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::EditSite {
            union_path: &user.union.path,
        },
    )?;
    let own = unions::db::find(&mut tx, user.union.id).await?;
    let form = SiteForm {
        union_id: user.union.id.to_string(),
        datum: Datum::Gcj02.as_str().to_owned(),
        division_code: own.and_then(|u| u.division_code).unwrap_or_default(),
        ..SiteForm::default()
    };
    let page = SiteFormPage::new(&mut tx, ctx, &user, None, form, FieldErrors::default()).await?;
    render(&page)
}

/// The checks that need the database: the owning union is one the user keeps
/// sites for, the division lies inside the union's, the operator is an
/// organization the user sees. Fills in the operator's id.
async fn check(tx: &mut Tx, user: &CurrentUser, input: &mut SiteInput) -> AppResult<FieldErrors> {
    let mut errors = FieldErrors::default();
    let union = unions::db::find(tx, input.union_id).await?.filter(|u| {
        policy::permits(
            user,
            &Action::EditSite {
                union_path: &u.path,
            },
        )
    });
    match union {
        None => errors.add("union_id", "form.choose"),
        Some(union) if !within_union(union.division_code.as_deref(), &input.division_code) => {
            let region = union
                .division_code
                .as_deref()
                .and_then(crate::divisions::full_name)
                .unwrap_or_else(|| union.name.clone());
            errors.add_with("division_code", "sites.division_outside", region);
        }
        Some(_) => {}
    }
    if let Some(operator) = &input.operator {
        match db::operator_named(tx, operator).await? {
            Some((id, _)) => input.operator_org_id = Some(id),
            None => errors.add("operator", "sites.operator_unknown"),
        }
    }
    Ok(errors)
}

pub async fn create_site(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Form(form): Form<SiteForm>,
) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::EditSite {
            union_path: &user.union.path,
        },
    )?;
    let errors = match form.parse() {
        Ok(mut input) => {
            let errors = check(&mut tx, &user, &mut input).await?;
            if errors.is_empty() {
                let id = db::insert(&mut tx, &input, user.id).await?;
                let site = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
                let entry = Entry::new("site.created", "service_site", id)
                    .at(site.union_id, &site.union_path)
                    .created(&input);
                audit::record(&mut tx, &user, entry).await?;
                tx.commit().await?;
                return Ok(flash::redirect(
                    &format!("/sites/{id}"),
                    Flash::with_arg("sites.created", &site.name),
                ));
            }
            errors
        }
        Err(errors) => errors,
    };
    let page = SiteFormPage::new(&mut tx, ctx, &user, None, form, errors).await?;
    render_invalid(&page)
}

pub async fn edit_site_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let site = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditSite {
            union_path: &site.union_path,
        },
    )?;
    let form = SiteForm::of(&site);
    let page = SiteFormPage::new(
        &mut tx,
        ctx,
        &user,
        Some(site),
        form,
        FieldErrors::default(),
    )
    .await?;
    render(&page)
}

pub async fn update_site(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(mut form): Form<SiteForm>,
) -> AppResult<Response> {
    let site = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditSite {
            union_path: &site.union_path,
        },
    )?;
    let mut input = match form.parse() {
        Ok(input) => input,
        Err(errors) => {
            let page = SiteFormPage::new(&mut tx, ctx, &user, Some(site), form, errors).await?;
            return render_invalid(&page);
        }
    };
    let errors = check(&mut tx, &user, &mut input).await?;
    if !errors.is_empty() {
        let page = SiteFormPage::new(&mut tx, ctx, &user, Some(site), form, errors).await?;
        return render_invalid(&page);
    }
    if !db::update(&mut tx, id, form.version, &input).await? {
        let current = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        form.version = current.version;
        let mut errors = FieldErrors::default();
        errors.add("version", "form.conflict");
        let page = SiteFormPage::new(&mut tx, ctx, &user, Some(current), form, errors).await?;
        return render_invalid(&page);
    }
    let mut before = SiteForm::of(&site).parse().ok();
    if let Some(before) = &mut before {
        before.operator_org_id = site.operator_org_id;
    }
    let entry = Entry::new("site.updated", "service_site", id)
        .at(site.union_id, &site.union_path)
        .diff(&before, &input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/sites/{id}"),
        Flash::new("form.saved"),
    ))
}
