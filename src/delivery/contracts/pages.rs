//! The contract pages: the form that signs an award into a contract (with the
//! signed file), the contract, and its printable model contract and
//! third-party supervision agreement.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use super::db::{self, ContractRow, EvaluatorOption, InstallmentRow};
use super::forms::{Condition, ContractForm, ContractInput, Cycle, ROWS};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::delivery::Delivery;
use crate::delivery::overview::Overview;
use crate::error::{AppError, AppResult};
use crate::files::{self, db::Owner};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::projects::Status;
use crate::projects::applications::db::{self as applications_db, AppStatus, ApplicationRow};
use crate::projects::db::{self as projects_db, ProjectRow};
use crate::state::AppState;
use crate::web::money::Fen;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

pub const OWNER_KIND: &str = "contract";

#[derive(Template)]
#[template(path = "contracts/form.html")]
struct FormPage {
    ctx: Ctx,
    project: ProjectRow,
    application: ApplicationRow,
    evaluators: Vec<EvaluatorOption>,
    form: ContractForm,
    errors: FieldErrors,
}

impl FormPage {
    fn rows(&self) -> Vec<(usize, String, String)> {
        (1..=ROWS)
            .map(|i| {
                (
                    i,
                    self.form.get(&format!("percent_{i}")).to_owned(),
                    self.form.get(&format!("condition_{i}")).to_owned(),
                )
            })
            .collect()
    }

    fn conditions(&self) -> Vec<(&'static str, &'static str)> {
        Condition::options()
    }

    fn cycles(&self) -> Vec<(&'static str, &'static str)> {
        Cycle::options()
    }

    fn requested(&self) -> String {
        Fen(self.application.requested_fen).to_string()
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewQuery {
    pub application: String,
}

/// The awarded application of a project the user may contract, without a contract yet.
async fn awarded(
    tx: &mut Tx,
    user: &CurrentUser,
    project_id: Uuid,
    application: &str,
) -> AppResult<(ProjectRow, ApplicationRow)> {
    let project = projects_db::find(tx, project_id)
        .await?
        .ok_or(AppError::NotFound)?;
    policy::require(
        user,
        &Action::EditProject {
            union_path: &project.union_path,
        },
    )?;
    let application = match Uuid::parse_str(application) {
        Ok(id) => applications_db::find(tx, id).await?,
        Err(_) => None,
    }
    .filter(|a| a.project_id == project.id && a.status == AppStatus::Awarded)
    .ok_or(AppError::NotFound)?;
    Ok((project, application))
}

pub async fn new_contract(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Query(query): Query<NewQuery>,
) -> AppResult<Response> {
    let (project, application) = awarded(&mut tx, &user, id, &query.application).await?;
    let evaluators = db::evaluator_pool(&mut tx, &project.union_path).await?;
    tx.commit().await?;
    let mut form = ContractForm::default();
    for (field, value) in [
        ("amount", Fen(application.requested_fen).to_yuan_input()),
        ("service_starts_on", project.service_starts_on.to_string()),
        ("service_ends_on", project.service_ends_on.to_string()),
        ("report_cycle", Cycle::Quarterly.as_str().to_owned()),
        ("percent_1", "40".to_owned()),
        ("condition_1", Condition::OnSigning.as_str().to_owned()),
        ("percent_2", "30".to_owned()),
        ("condition_2", Condition::AfterMidterm.as_str().to_owned()),
        ("percent_3", "30".to_owned()),
        ("condition_3", Condition::AfterFinal.as_str().to_owned()),
    ] {
        form.0.insert(field.to_owned(), value);
    }
    form.0
        .insert("application".to_owned(), application.id.to_string());
    render(&FormPage {
        ctx,
        project,
        application,
        evaluators,
        form,
        errors: FieldErrors::default(),
    })
}

pub async fn create_contract(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> AppResult<Response> {
    let posted = files::read_posted(multipart).await?;
    let form = ContractForm(posted.fields);
    let (project, application) = awarded(&mut tx, &user, id, form.get("application")).await?;
    let evaluators = db::evaluator_pool(&mut tx, &project.union_path).await?;
    let (input, mut errors) = check(&form, &project, &application, &evaluators);
    let contract_id = Uuid::new_v4();
    let owner = Owner {
        kind: OWNER_KIND,
        id: contract_id,
        union_path: &project.union_path,
        org_id: Some(application.org_id),
        label: "signed_contract",
    };
    let file_id =
        keep_signed_file(&state, &mut tx, &user, &owner, posted.file, &mut errors).await?;
    let (Some(input), Some(file_id)) = (input.filter(|_| errors.is_empty()), file_id) else {
        return render_invalid(&FormPage {
            ctx,
            project,
            application,
            evaluators,
            form,
            errors,
        });
    };
    db::insert(
        &mut tx,
        contract_id,
        (
            project.id,
            application.id,
            application.org_id,
            &project.union_path,
        ),
        &input,
        file_id,
        user.id,
    )
    .await?;
    let contracted = move_to_contracted(&mut tx, &user, project.id).await?;
    let mut entry = Entry::new("contract.signed", "project", project.id)
        .at(project.union_id, &project.union_path)
        .created(&input)
        .detail("contract", contract_id);
    if contracted {
        entry = entry.detail("project_contracted", true);
    }
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/contracts/{contract_id}"),
        Flash::new("contracts.signed"),
    ))
}

/// The contract as typed, parsed against the application and the evaluator
/// pool, and the errors (a project no longer awarded is one).
fn check(
    form: &ContractForm,
    project: &ProjectRow,
    application: &ApplicationRow,
    evaluators: &[EvaluatorOption],
) -> (Option<ContractInput>, FieldErrors) {
    let supervisors: Vec<Uuid> = evaluators.iter().map(|e| e.id).collect();
    let (input, mut errors) = match form.parse(application.requested_fen, &supervisors) {
        Ok(input) => (Some(input), FieldErrors::default()),
        Err(errors) => (None, errors),
    };
    if project.status != Status::Awarded {
        errors.add("amount", "contracts.not_awarded");
    }
    (input, errors)
}

/// The signed contract, kept once the rest of the form is right; `None`
/// (with the reason in `errors`) when it is missing, refused by the store, or
/// not kept because of other errors.
async fn keep_signed_file(
    state: &AppState,
    tx: &mut Tx,
    user: &CurrentUser,
    owner: &Owner<'_>,
    file: Option<(String, Vec<u8>)>,
    errors: &mut FieldErrors,
) -> AppResult<Option<Uuid>> {
    match (file, errors.is_empty()) {
        (None, _) => {
            errors.add("file", "contracts.file_required");
            Ok(None)
        }
        (Some(file), true) => files::save_in_form(state, tx, user, owner, file, errors).await,
        (Some(_), false) => Ok(None),
    }
}

/// Moves the project to contracted, with its timeline event, once every
/// award has its contract; whether it moved.
async fn move_to_contracted(tx: &mut Tx, user: &CurrentUser, project_id: Uuid) -> AppResult<bool> {
    if !(db::all_awarded_contracted(tx, project_id).await?
        && projects_db::move_status(tx, project_id, Status::Awarded, Status::Contracted, None)
            .await?)
    {
        return Ok(false);
    }
    projects_db::record_event(
        tx,
        project_id,
        Some(Status::Awarded),
        Status::Contracted,
        (Some(user.id), &user.display_name),
        None,
    )
    .await?;
    Ok(true)
}

/// A contract and its project, if the user may read it (row-level security:
/// the purchaser's scope, the organization, the supervisor).
async fn load(tx: &mut Tx, id: Uuid) -> AppResult<(ContractRow, ProjectRow, Vec<InstallmentRow>)> {
    let contract = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    let project = projects_db::find(tx, contract.project_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let installments = db::installments(tx, id).await?;
    Ok((contract, project, installments))
}

#[derive(Template)]
#[template(path = "contracts/show.html")]
struct ContractPage {
    ctx: Ctx,
    contract: ContractRow,
    project: ProjectRow,
    installments: Vec<InstallmentRow>,
    /// The printable document, when this is one: `contract` or `supervision`.
    print: Option<&'static str>,
    /// The delivery of the contract (not on the printable documents).
    delivery: Option<Overview>,
}

impl ContractPage {
    fn yuan(&self, fen: &i64) -> String {
        Fen(*fen).to_string()
    }

    /// An installment's amount (the last one takes the remainder).
    fn installment_amount(&self, position: &i16) -> String {
        crate::delivery::payments::shares(self.contract.amount_fen, &self.installments)
            .into_iter()
            .find(|(p, _)| p == position)
            .map(|(_, share)| Fen(share).to_string())
            .unwrap_or_default()
    }
}

async fn show(
    ctx: Ctx,
    user: &CurrentUser,
    mut tx: Tx,
    id: Uuid,
    print: Option<&'static str>,
) -> AppResult<Response> {
    let (contract, project, installments) = load(&mut tx, id).await?;
    let delivery = match print {
        Some(_) => None,
        None => {
            let delivery = Delivery {
                contract: contract.clone(),
                project: project.clone(),
            };
            Some(Overview::load(&mut tx, user, &delivery, &installments).await?)
        }
    };
    tx.commit().await?;
    render(&ContractPage {
        ctx,
        contract,
        project,
        installments,
        print,
        delivery,
    })
}

pub async fn show_contract(
    ctx: Ctx,
    user: CurrentUser,
    tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    show(ctx, &user, tx, id, None).await
}

pub async fn print_contract(
    ctx: Ctx,
    user: CurrentUser,
    tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    show(ctx, &user, tx, id, Some("contract")).await
}

pub async fn print_supervision(
    ctx: Ctx,
    user: CurrentUser,
    tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    show(ctx, &user, tx, id, Some("supervision")).await
}
