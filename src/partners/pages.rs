//! The partners' pages: the list, a partner with the projects it co-funds,
//! and its form.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::{self, Filter, FundedProject, PartnerRow};
use super::forms::{PartnerForm, PartnerInput};
use super::{Brings, PartnerKind};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::db::list::{CappedCount, KeyPart, ListScope};
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::unions;
use crate::web::forms::constraint_message;
use crate::web::money::Fen;
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link};
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PartnersQuery {
    pub q: String,
    pub kind: String,
    pub brings: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

impl PartnersQuery {
    /// The list's filters, within `scope`.
    pub fn filter(&self, scope: ListScope) -> Result<Filter, AppError> {
        let bad = |what: &str| AppError::BadRequest(format!("unknown {what}"));
        Ok(Filter {
            q: Some(self.q.trim().to_owned()).filter(|q| !q.is_empty()),
            kind: match self.kind.as_str() {
                "" => None,
                v => Some(PartnerKind::parse(v).ok_or_else(|| bad("kind"))?),
            },
            brings: match self.brings.as_str() {
                "" => None,
                v => Some(Brings::parse(v).ok_or_else(|| bad("contribution"))?),
            },
            scope,
        })
    }
}

#[derive(Template)]
#[template(path = "partners/list.html")]
struct PartnersPage {
    ctx: Ctx,
    query: PartnersQuery,
    partners: Vec<PartnerRow>,
    count: CappedCount,
    next: Option<String>,
    prev: Option<String>,
    may_add: bool,
}

impl PartnersPage {
    fn export_links(&self) -> ExportLinks {
        export_links("/partners", &self.query)
    }

    fn options(&self, list: &str) -> Vec<(&'static str, &'static str)> {
        match list {
            "kind" => PartnerKind::options(),
            "brings" => Brings::options(),
            _ => Vec::new(),
        }
    }
}

pub async fn list_partners(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<PartnersQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListPartners)?;
    let filter = query.filter(ListScope::of_path(&user.union.path))?;
    let position = query.page.position(&[KeyPart::Text, KeyPart::Uuid])?;
    let page = db::list(&mut tx, &filter, &position).await?;
    let count = db::count(&mut tx, &filter).await?;
    tx.commit().await?;
    let link = |param: &str, cursor: String| page_link("/partners", &query, param, &cursor);
    render(&PartnersPage {
        may_add: policy::permits(
            &user,
            &Action::ManagePartner {
                union_path: &user.union.path,
            },
        ),
        ctx,
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        partners: page.rows,
        count,
        query,
    })
}

#[derive(Template)]
#[template(path = "partners/show.html")]
struct PartnerPage {
    ctx: Ctx,
    partner: PartnerRow,
    projects: Vec<FundedProject>,
    may_edit: bool,
}

impl PartnerPage {
    fn yuan(&self, fen: &i64) -> String {
        Fen(*fen).to_string()
    }
}

pub async fn show_partner(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListPartners)?;
    let partner = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let projects = db::projects_of(&mut tx, id).await?;
    tx.commit().await?;
    let may_edit = policy::permits(
        &user,
        &Action::ManagePartner {
            union_path: &partner.union_path,
        },
    );
    render(&PartnerPage {
        ctx,
        partner,
        projects,
        may_edit,
    })
}

#[derive(Template)]
#[template(path = "partners/form.html")]
struct PartnerFormPage {
    ctx: Ctx,
    partner: Option<PartnerRow>,
    form: PartnerForm,
    errors: FieldErrors,
    unions: Vec<(i64, String, i32)>,
}

impl PartnerFormPage {
    async fn new(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        partner: Option<PartnerRow>,
        form: PartnerForm,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let unions =
            unions::db::picker_options(tx, user.union.id, form.union_id.parse().ok()).await?;
        Ok(Self {
            ctx,
            partner,
            form,
            errors,
            unions,
        })
    }

    fn options(&self, list: &str) -> Vec<(&'static str, &'static str)> {
        match list {
            "kind" => PartnerKind::options(),
            "brings" => Brings::options(),
            _ => Vec::new(),
        }
    }
}

pub async fn new_partner_form(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::ManagePartner {
            union_path: &user.union.path,
        },
    )?;
    let form = PartnerForm {
        union_id: user.union.id.to_string(),
        ..PartnerForm::default()
    };
    let page =
        PartnerFormPage::new(&mut tx, ctx, &user, None, form, FieldErrors::default()).await?;
    render(&page)
}

/// The form's input, with the union checked as one the user keeps partners
/// for.
async fn checked(
    tx: &mut Tx,
    user: &CurrentUser,
    form: &PartnerForm,
) -> AppResult<Result<PartnerInput, FieldErrors>> {
    let input = match form.parse() {
        Ok(input) => input,
        Err(errors) => return Ok(Err(errors)),
    };
    let allowed = unions::db::find(tx, input.union_id)
        .await?
        .is_some_and(|u| {
            policy::permits(
                user,
                &Action::ManagePartner {
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

/// The database's refusals, beside their fields.
const CONSTRAINTS: &[(&str, &str, &str)] = &[("partners_name_key", "name", "partners.name_taken")];

/// A form the database refused (the same name kept by the union): drawn
/// again in a fresh transaction.
async fn refused(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    partner: Option<PartnerRow>,
    form: PartnerForm,
    error: sqlx::Error,
) -> AppResult<Response> {
    let Some(errors) = constraint_message(&error, CONSTRAINTS) else {
        return Err(error.into());
    };
    let mut tx = state.db.begin(&user.db_actor()).await?;
    render_invalid(&PartnerFormPage::new(&mut tx, ctx, user, partner, form, errors).await?)
}

pub async fn create_partner(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Form(form): Form<PartnerForm>,
) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::ManagePartner {
            union_path: &user.union.path,
        },
    )?;
    let input = match checked(&mut tx, &user, &form).await? {
        Ok(input) => input,
        Err(errors) => {
            let page = PartnerFormPage::new(&mut tx, ctx, &user, None, form, errors).await?;
            return render_invalid(&page);
        }
    };
    let id = match db::insert(&mut tx, &input, user.id).await {
        Ok(id) => id,
        Err(error) => return refused(&state, ctx, &user, None, form, error).await,
    };
    let partner = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let entry = Entry::new("partner.created", "partner", id)
        .at(partner.union_id, &partner.union_path)
        .created(&input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/partners/{id}"),
        Flash::with_arg("partners.created", &partner.name),
    ))
}

/// The partner, if the user may edit it.
async fn managed(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<PartnerRow> {
    let partner = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        user,
        &Action::ManagePartner {
            union_path: &partner.union_path,
        },
    )?;
    Ok(partner)
}

pub async fn edit_partner_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let partner = managed(&mut tx, &user, id).await?;
    let form = PartnerForm::of(&partner);
    let page = PartnerFormPage::new(
        &mut tx,
        ctx,
        &user,
        Some(partner),
        form,
        FieldErrors::default(),
    )
    .await?;
    render(&page)
}

pub async fn update_partner(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(mut form): Form<PartnerForm>,
) -> AppResult<Response> {
    let partner = managed(&mut tx, &user, id).await?;
    let input = match checked(&mut tx, &user, &form).await? {
        Ok(input) => input,
        Err(errors) => {
            let page =
                PartnerFormPage::new(&mut tx, ctx, &user, Some(partner), form, errors).await?;
            return render_invalid(&page);
        }
    };
    match db::update(&mut tx, id, form.version, &input).await {
        Ok(true) => {}
        Ok(false) => {
            let current = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
            form.version = current.version;
            let mut errors = FieldErrors::default();
            errors.add("version", "form.conflict");
            let page =
                PartnerFormPage::new(&mut tx, ctx, &user, Some(current), form, errors).await?;
            return render_invalid(&page);
        }
        Err(error) => return refused(&state, ctx, &user, Some(partner), form, error).await,
    }
    let before = PartnerForm::of(&partner).parse().ok();
    let entry = Entry::new("partner.updated", "partner", id)
        .at(partner.union_id, &partner.union_path)
        .diff(&before, &input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/partners/{id}"),
        Flash::new("form.saved"),
    ))
}
