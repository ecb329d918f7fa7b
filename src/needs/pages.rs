//! The pages of worker needs: the list (with the selection that starts a
//! project draft), the record, and its form.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::{self, Filter, NeedRow};
use super::forms::NeedForm;
use super::{Priority, Source};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::db::list::{CappedCount, KeyPart, ListScope};
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::orgs::kinds::Domain;
use crate::policy::{self, Action};
use crate::unions;
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link};
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct NeedsQuery {
    pub q: String,
    pub domain: String,
    pub source: String,
    pub priority: String,
    pub suitable: String,
    pub in_project: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

impl NeedsQuery {
    /// The list's filters, within `scope`.
    pub fn filter(&self, scope: ListScope) -> Result<Filter, AppError> {
        let bad = |what: &str| AppError::BadRequest(format!("unknown {what}"));
        let yes_no = |value: &str, what: &str| match value {
            "" => Ok(None),
            "yes" => Ok(Some(true)),
            "no" => Ok(Some(false)),
            _ => Err(bad(what)),
        };
        Ok(Filter {
            q: Some(self.q.trim().to_owned()).filter(|q| !q.is_empty()),
            domain: match self.domain.as_str() {
                "" => None,
                v => Some(Domain::parse(v).ok_or_else(|| bad("domain"))?),
            },
            source: match self.source.as_str() {
                "" => None,
                v => Some(Source::parse(v).ok_or_else(|| bad("source"))?),
            },
            priority: match self.priority.as_str() {
                "" => None,
                v => Some(Priority::parse(v).ok_or_else(|| bad("priority"))?),
            },
            suitable: yes_no(&self.suitable, "suitability")?,
            in_project: yes_no(&self.in_project, "project filter")?,
            scope,
        })
    }
}

#[derive(Template)]
#[template(path = "needs/list.html")]
struct NeedsPage {
    ctx: Ctx,
    query: NeedsQuery,
    needs: Vec<NeedRow>,
    count: CappedCount,
    next: Option<String>,
    prev: Option<String>,
    /// Whether the user may start a project from the selection.
    may_draft: bool,
}

impl NeedsPage {
    fn export_links(&self) -> ExportLinks {
        export_links("/needs", &self.query)
    }

    fn options(&self, list: &str) -> Vec<(&'static str, &'static str)> {
        match list {
            "domain" => Domain::options(),
            "source" => Source::options(),
            "priority" => Priority::options(),
            _ => Vec::new(),
        }
    }
}

pub async fn list_needs(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<NeedsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListNeeds)?;
    let filter = query.filter(ListScope::of_path(&user.union.path))?;
    let position = query.page.position(&[KeyPart::Date, KeyPart::Uuid])?;
    let page = db::list(&mut tx, &filter, &position).await?;
    let count = db::count(&mut tx, &filter).await?;
    tx.commit().await?;
    let link = |param: &str, cursor: String| page_link("/needs", &query, param, &cursor);
    render(&NeedsPage {
        may_draft: policy::permits(
            &user,
            &Action::EditProject {
                union_path: &user.union.path,
            },
        ),
        ctx,
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        needs: page.rows,
        count,
        query,
    })
}

#[derive(Template)]
#[template(path = "needs/show.html")]
struct NeedPage {
    ctx: Ctx,
    need: NeedRow,
    may_edit: bool,
}

pub async fn show_need(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListNeeds)?;
    let need = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    let may_edit = policy::permits(
        &user,
        &Action::EditNeed {
            union_path: &need.union_path,
        },
    );
    render(&NeedPage {
        ctx,
        need,
        may_edit,
    })
}

#[derive(Template)]
#[template(path = "needs/form.html")]
struct NeedFormPage {
    ctx: Ctx,
    need: Option<NeedRow>,
    form: NeedForm,
    errors: FieldErrors,
    unions: Vec<(i64, String, i32)>,
}

impl NeedFormPage {
    async fn new(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        need: Option<NeedRow>,
        form: NeedForm,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let unions =
            unions::db::picker_options(tx, user.union.id, form.union_id.parse().ok()).await?;
        Ok(Self {
            ctx,
            need,
            form,
            errors,
            unions,
        })
    }

    fn options(&self, list: &str) -> Vec<(&'static str, &'static str)> {
        match list {
            "domain" => Domain::options(),
            "source" => Source::options(),
            "priority" => Priority::options(),
            "suitable" => vec![("yes", "form.yes"), ("no", "form.no")],
            _ => Vec::new(),
        }
    }
}

pub async fn new_need_form(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::EditNeed {
            union_path: &user.union.path,
        },
    )?;
    let form = NeedForm {
        union_id: user.union.id.to_string(),
        priority: Priority::Medium.as_str().to_owned(),
        ..NeedForm::default()
    };
    let page = NeedFormPage::new(&mut tx, ctx, &user, None, form, FieldErrors::default()).await?;
    render(&page)
}

/// Whether the chosen union is one the user keeps needs for.
async fn union_in_scope(tx: &mut Tx, user: &CurrentUser, union_id: i64) -> AppResult<bool> {
    Ok(unions::db::find(tx, union_id).await?.is_some_and(|u| {
        policy::permits(
            user,
            &Action::EditNeed {
                union_path: &u.path,
            },
        )
    }))
}

pub async fn create_need(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Form(form): Form<NeedForm>,
) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::EditNeed {
            union_path: &user.union.path,
        },
    )?;
    let parsed = form.parse();
    let input = match parsed {
        Ok(input) if union_in_scope(&mut tx, &user, input.union_id).await? => input,
        Ok(_) => {
            let mut errors = FieldErrors::default();
            errors.add("union_id", "form.choose");
            let page = NeedFormPage::new(&mut tx, ctx, &user, None, form, errors).await?;
            return render_invalid(&page);
        }
        Err(errors) => {
            let page = NeedFormPage::new(&mut tx, ctx, &user, None, form, errors).await?;
            return render_invalid(&page);
        }
    };
    let id = db::insert(&mut tx, &input, user.id).await?;
    let need = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let entry = Entry::new("need.created", "need", id)
        .at(need.union_id, &need.union_path)
        .created(&input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/needs/{id}"),
        Flash::with_arg("needs.created", &need.title),
    ))
}

pub async fn edit_need_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let need = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditNeed {
            union_path: &need.union_path,
        },
    )?;
    let form = NeedForm::of(&need);
    let page = NeedFormPage::new(
        &mut tx,
        ctx,
        &user,
        Some(need),
        form,
        FieldErrors::default(),
    )
    .await?;
    render(&page)
}

pub async fn update_need(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(mut form): Form<NeedForm>,
) -> AppResult<Response> {
    let need = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditNeed {
            union_path: &need.union_path,
        },
    )?;
    let input = match form.parse() {
        Ok(input) if union_in_scope(&mut tx, &user, input.union_id).await? => input,
        parsed => {
            let errors = parsed.err().unwrap_or_else(|| {
                let mut errors = FieldErrors::default();
                errors.add("union_id", "form.choose");
                errors
            });
            let page = NeedFormPage::new(&mut tx, ctx, &user, Some(need), form, errors).await?;
            return render_invalid(&page);
        }
    };
    if !db::update(&mut tx, id, form.version, &input).await? {
        let current = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        form.version = current.version;
        let mut errors = FieldErrors::default();
        errors.add("version", "form.conflict");
        let page = NeedFormPage::new(&mut tx, ctx, &user, Some(current), form, errors).await?;
        return render_invalid(&page);
    }
    let before = NeedForm::of(&need).parse().ok();
    let entry = Entry::new("need.updated", "need", id)
        .at(need.union_id, &need.union_path)
        .diff(&before, &input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/needs/{id}"),
        Flash::new("form.saved"),
    ))
}
