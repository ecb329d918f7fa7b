//! Creating and editing an organization's record (optimistic lock on
//! `version`), and changing its status with a reason. An organization's own
//! account gets the self-service form on the same edit route.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::{self, OrgRow, StatusChange};
use super::forms::{OrgForm, OrgInput, SelfServiceForm, constraint_error};
use super::kinds::{
    Category, Domain, FundingSource, OrgStatus, OrgType, RegistrationLevel, Relationship,
};
use super::show::{InvalidForm, OrgPage};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::unions;
use crate::web::forms::required_text;
use crate::web::money::Fen;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Template)]
#[template(path = "orgs/form.html")]
pub struct OrgFormPage {
    ctx: Ctx,
    /// The record being edited; `None` when creating.
    org: Option<OrgRow>,
    form: OrgForm,
    errors: FieldErrors,
    /// The record as someone else saved it meanwhile.
    conflict: Option<OrgRow>,
    unions: Vec<(i64, String, i32)>,
}

impl OrgFormPage {
    async fn new(
        tx: &mut Tx,
        ctx: Ctx,
        org: Option<OrgRow>,
        form: OrgForm,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let unions = match &ctx.user {
            Some(user) => {
                unions::db::picker_options(tx, user.union.id, form.union_id.parse().ok()).await?
            }
            None => Vec::new(),
        };
        Ok(Self {
            ctx,
            org,
            form,
            errors,
            conflict: None,
            unions,
        })
    }

    /// The options of one of the form's closed lists.
    fn options(&self, list: &str) -> Vec<(&'static str, &'static str)> {
        match list {
            "type" => OrgType::options(),
            "registration_level" => RegistrationLevel::options(),
            "domain" => Domain::options(),
            "funding" => FundingSource::options(),
            "category" => Category::options(),
            "relationship" => Relationship::options(),
            _ => Vec::new(),
        }
    }
}

/// The organization's own account's form: its self-service fields only.
#[derive(Template)]
#[template(path = "orgs/self_form.html")]
struct SelfServicePage {
    ctx: Ctx,
    org: OrgRow,
    form: SelfServiceForm,
    version: i32,
    errors: FieldErrors,
}

impl SelfServicePage {
    fn funding_options(&self) -> Vec<(&'static str, &'static str)> {
        FundingSource::options()
    }
}

/// The form filled with a record's values.
pub fn form_of(org: &OrgRow) -> OrgForm {
    OrgForm {
        name: org.name.clone(),
        credit_code: org.credit_code.clone().unwrap_or_default(),
        org_type: org.org_type.as_str().to_owned(),
        registration_level: org.registration_level.clone().unwrap_or_default(),
        registered_on: org.registered_on.map(|d| d.to_string()).unwrap_or_default(),
        supervising_unit: org.supervising_unit.clone().unwrap_or_default(),
        direct_registration: org.direct_registration.then(|| "on".to_owned()),
        address: org.address.clone().unwrap_or_default(),
        division_code: org.division_code.clone().unwrap_or_default(),
        legal_representative: org.legal_representative.clone().unwrap_or_default(),
        industry: org.industry.clone().unwrap_or_default(),
        guidance_category: org.guidance_category.as_str().to_owned(),
        relationship: org.relationship.as_str().to_owned(),
        union_id: org.union_id.to_string(),
        tags: org.tags.join("，"),
        notes: org.notes.clone().unwrap_or_default(),
        contact_interval_days: org
            .contact_interval_days
            .map(|d| d.to_string())
            .unwrap_or_default(),
        service_domains: org.service_domains.clone(),
        contact_person: org.contact_person.clone().unwrap_or_default(),
        contact_phone: org.contact_phone.clone().unwrap_or_default(),
        contact_email: org.contact_email.clone().unwrap_or_default(),
        fulltime_staff: org.fulltime_staff.to_string(),
        volunteers: org.volunteers.to_string(),
        social_workers: org.social_workers.to_string(),
        annual_revenue: Fen(org.annual_revenue_fen).to_yuan_input(),
        funding_sources: org.funding_sources.clone(),
        activities: org.activities.clone().unwrap_or_default(),
        working_methods: org.working_methods.clone().unwrap_or_default(),
        version: org.version,
    }
}

pub async fn new_org_form(ctx: Ctx, user: CurrentUser, mut tx: Tx) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::EditOrg {
            union_path: &user.union.path,
        },
    )?;
    let form = OrgForm {
        union_id: user.union.id.to_string(),
        guidance_category: Category::Cultivate.as_str().to_owned(),
        relationship: Relationship::Contacted.as_str().to_owned(),
        ..OrgForm::default()
    };
    render(&OrgFormPage::new(&mut tx, ctx, None, form, FieldErrors::default()).await?)
}

/// Whether the chosen home union is in the user's scope (as an error beside the field).
async fn check_home_union(
    tx: &mut Tx,
    user: &CurrentUser,
    union_id: i64,
    errors: &mut FieldErrors,
) -> AppResult<()> {
    let union = unions::db::find(tx, union_id).await?;
    if !union.is_some_and(|u| {
        policy::permits(
            user,
            &Action::EditOrg {
                union_path: &u.path,
            },
        )
    }) {
        errors.add("union_id", "form.choose");
    }
    Ok(())
}

/// The message for a credit code another record holds, naming the union that
/// keeps it (the one thing told across tenants).
async fn taken_code_errors(tx: &mut Tx, code: &str) -> AppResult<FieldErrors> {
    let holder = db::credit_code_holder(tx, code).await?;
    let mut errors = FieldErrors::default();
    errors.add_with(
        "credit_code",
        "orgs.credit_code.taken_by",
        holder.unwrap_or_default(),
    );
    Ok(errors)
}

/// The form's record, also checked against the database: a home union in
/// the user's scope, and a credit code no other record holds (`own_code` is
/// the edited record's own).
async fn checked_input(
    tx: &mut Tx,
    user: &CurrentUser,
    form: &OrgForm,
    own_code: Option<&str>,
) -> AppResult<Result<OrgInput, FieldErrors>> {
    let input = match form.parse() {
        Ok(input) => input,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut errors = FieldErrors::default();
    check_home_union(tx, user, input.union_id, &mut errors).await?;
    if let Some(code) = input
        .credit_code
        .as_deref()
        .filter(|c| Some(*c) != own_code)
        && db::credit_code_holder(tx, code).await?.is_some()
    {
        errors = taken_code_errors(tx, code).await?;
    }
    Ok(if errors.is_empty() {
        Ok(input)
    } else {
        Err(errors)
    })
}

pub async fn create_org(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Form(form): Form<OrgForm>,
) -> AppResult<Response> {
    policy::require(
        &user,
        &Action::EditOrg {
            union_path: &user.union.path,
        },
    )?;
    let input = match checked_input(&mut tx, &user, &form, None).await? {
        Ok(input) => input,
        Err(errors) => {
            return render_invalid(&OrgFormPage::new(&mut tx, ctx, None, form, errors).await?);
        }
    };
    let id = match db::insert(&mut tx, &input).await {
        Ok(id) => id,
        Err(error) => return refused(&state, ctx, &user, None, form, error).await,
    };
    let org = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let entry = Entry::new("org.created", "organization", id)
        .at(org.union_id, &org.union_path)
        .created(&input);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/orgs/{id}"),
        Flash::with_arg("orgs.created", &org.name),
    ))
}

/// A form the database refused (a constraint, most likely a credit code
/// registered at the same moment): drawn again in a fresh transaction, since
/// the refused statement ended the old one.
async fn refused(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    org: Option<OrgRow>,
    form: OrgForm,
    error: sqlx::Error,
) -> AppResult<Response> {
    let Some(errors) = constraint_error(&error) else {
        return Err(error.into());
    };
    let mut tx = state.db.begin(&user.db_actor()).await?;
    render_invalid(&OrgFormPage::new(&mut tx, ctx, org, form, errors).await?)
}

pub async fn edit_org_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let org = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if policy::permits(
        &user,
        &Action::EditOrg {
            union_path: &org.union_path,
        },
    ) {
        let form = form_of(&org);
        return render(
            &OrgFormPage::new(&mut tx, ctx, Some(org), form, FieldErrors::default()).await?,
        );
    }
    policy::require(&user, &Action::EditOwnOrg { org_id: org.id })?;
    let form = form_of(&org).self_service();
    render(&SelfServicePage {
        ctx,
        version: org.version,
        org,
        form,
        errors: FieldErrors::default(),
    })
}

pub async fn update_org(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<OrgForm>,
) -> AppResult<Response> {
    let org = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if !policy::permits(
        &user,
        &Action::EditOrg {
            union_path: &org.union_path,
        },
    ) {
        policy::require(&user, &Action::EditOwnOrg { org_id: org.id })?;
        // The organization's own account: only its self-service fields are read.
        return update_self_service(ctx, user, tx, org, form.self_service(), form.version).await;
    }
    let input = match checked_input(&mut tx, &user, &form, org.credit_code.as_deref()).await? {
        Ok(input) => input,
        Err(errors) => {
            let page = OrgFormPage::new(&mut tx, ctx, Some(org), form, errors).await?;
            return render_invalid(&page);
        }
    };
    match db::update(&mut tx, id, form.version, &input).await {
        Ok(true) => {}
        Ok(false) => return conflict(&mut tx, ctx, id, form).await,
        Err(error) => return refused(&state, ctx, &user, Some(org), form, error).await,
    }
    let before = form_of(&org).parse().ok();
    let mut entry = Entry::new("org.updated", "organization", id).at(org.union_id, &org.union_path);
    entry = match &before {
        Some(before) => entry.diff(before, &input),
        None => entry.created(&input),
    };
    if !entry.is_empty() {
        audit::record(&mut tx, &user, entry).await?;
    }
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/orgs/{id}"),
        Flash::new("form.saved"),
    ))
}

/// Someone saved first: show both, keep what this user typed, and let a
/// second save (now at the current version) overwrite knowingly.
async fn conflict(tx: &mut Tx, ctx: Ctx, id: Uuid, mut form: OrgForm) -> AppResult<Response> {
    let current = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    form.version = current.version;
    let mut errors = FieldErrors::default();
    errors.add("version", "form.conflict");
    let mut page = OrgFormPage::new(tx, ctx, Some(current.clone()), form, errors).await?;
    page.conflict = Some(current);
    render_invalid(&page)
}

async fn update_self_service(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    org: OrgRow,
    form: SelfServiceForm,
    version: i32,
) -> AppResult<Response> {
    let own = match form.parse() {
        Ok(own) => own,
        Err(errors) => {
            return render_invalid(&SelfServicePage {
                ctx,
                org,
                form,
                version,
                errors,
            });
        }
    };
    if !db::update_self_service(&mut tx, org.id, version, &own).await? {
        let current = db::find(&mut tx, org.id).await?.ok_or(AppError::NotFound)?;
        let mut errors = FieldErrors::default();
        errors.add("version", "form.conflict");
        return render_invalid(&SelfServicePage {
            ctx,
            version: current.version,
            org: current,
            form,
            errors,
        });
    }
    let before = form_of(&org).self_service().parse().ok();
    let mut entry =
        Entry::new("org.self_updated", "organization", org.id).at(org.union_id, &org.union_path);
    if let Some(before) = &before {
        entry = entry.diff(before, &own);
    }
    if !entry.is_empty() {
        audit::record(&mut tx, &user, entry).await?;
    }
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/orgs/{}", org.id),
        Flash::new("form.saved"),
    ))
}

/// The status form on the organization's page.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct StatusForm {
    pub status: String,
    pub reason: String,
    pub abnormal_operation: Option<String>,
    pub serious_violation: Option<String>,
    pub version: i32,
}

impl StatusForm {
    pub fn from_row(org: &OrgRow) -> Self {
        Self {
            status: org.status.as_str().to_owned(),
            reason: String::new(),
            abnormal_operation: org.abnormal_operation.then(|| "on".to_owned()),
            serious_violation: org.serious_violation.then(|| "on".to_owned()),
            version: org.version,
        }
    }
}

pub async fn change_status(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<StatusForm>,
) -> AppResult<Response> {
    let org = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditOrg {
            union_path: &org.union_path,
        },
    )?;
    let mut errors = FieldErrors::default();
    let status = OrgStatus::parse(form.status.trim());
    if status.is_none() {
        errors.add("status", "form.choose");
    }
    let reason = required_text(&mut errors, "reason", &form.reason, 500);
    let Some(status) = status.filter(|_| errors.is_empty()) else {
        let page =
            OrgPage::load(&mut tx, ctx, &user, org, InvalidForm::Status(form, errors)).await?;
        return render_invalid(&page);
    };
    let change = StatusChange {
        status: status.as_str(),
        reason,
        abnormal_operation: form.abnormal_operation.is_some(),
        serious_violation: form.serious_violation.is_some(),
    };
    if !db::set_status(&mut tx, id, form.version, &change).await? {
        let current = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        let mut errors = FieldErrors::default();
        errors.add("version", "form.conflict");
        let form = StatusForm {
            version: current.version,
            ..form
        };
        let page = OrgPage::load(
            &mut tx,
            ctx,
            &user,
            current,
            InvalidForm::Status(form, errors),
        )
        .await?;
        return render_invalid(&page);
    }
    let before = StatusChange {
        status: org.status.as_str(),
        reason: org.status_reason.clone().unwrap_or_default(),
        abnormal_operation: org.abnormal_operation,
        serious_violation: org.serious_violation,
    };
    let entry = Entry::new("org.status_changed", "organization", id)
        .at(org.union_id, &org.union_path)
        .diff(&before, &change);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/orgs/{id}"),
        Flash::new("orgs.status_changed"),
    ))
}
