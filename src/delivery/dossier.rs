//! The project dossier (项目档案): one ZIP with everything an auditor needs —
//! a printable summary page (timeline, approvals, applications and review
//! scores, contracts, reports, rectification orders, evaluations, payments),
//! every attachment, and a manifest with sha256 sums. Everything is read in
//! the requesting user's transaction, so row-level security decides what goes
//! in: only what that user may see.

use std::io::{Cursor, Write};

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use uuid::Uuid;
use zip::write::SimpleFileOptions;

use super::Delivery;
use super::evaluations::db::{self as evaluations_db, EvaluationRow, ResultRow};
use super::finance::db::{self as finance_db, Money};
use super::payments;
use super::payments::db::{self as payments_db, PaymentRow};
use super::rectifications::db::{
    self as rectifications_db, EventRow as OrderEvent, RectificationRow,
};
use super::reports::db::{self as reports_db, ReportRow, VersionRow};
use super::visits;
use super::visits::db::{self as visits_db, VisitRow};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::delivery::contracts::db::{self as contracts_db, InstallmentRow};
use crate::error::{AppError, AppResult};
use crate::files::db::FileRow;
use crate::identity::CurrentUser;
use crate::needs::db::NeedRow;
use crate::policy::{self, Action};
use crate::projects::applications::db::{self as applications_db, ApplicationRow};
use crate::projects::db::{self as projects_db, EventRow, ProjectRow};
use crate::projects::reviews::manage::{RankedApplication, rank_applications};
use crate::state::AppState;
use crate::web::Ctx;
use crate::web::format::two_decimals;
use crate::web::money::Fen;

pub fn router() -> Router<AppState> {
    Router::new().route("/projects/{id}/dossier", get(dossier))
}

/// One contract with all of its delivery.
struct ContractFile {
    delivery: Delivery,
    installments: Vec<InstallmentRow>,
    payments: Vec<PaymentRow>,
    reports: Vec<(ReportRow, Vec<VersionRow>)>,
    visits: Vec<VisitRow>,
    orders: Vec<(RectificationRow, Vec<OrderEvent>)>,
    evaluations: Vec<(EvaluationRow, Vec<ResultRow>)>,
    money: Money,
}

#[derive(Template)]
#[template(path = "delivery/dossier.html")]
struct Summary {
    ctx: Ctx,
    project: ProjectRow,
    needs: Vec<NeedRow>,
    events: Vec<EventRow>,
    applications: Vec<ApplicationRow>,
    ranked: Vec<RankedApplication>,
    contracts: Vec<ContractFile>,
    files: Vec<(String, FileRow)>,
    money: Money,
    overdue_reports: i64,
}

impl Summary {
    fn yuan(&self, fen: &i64) -> String {
        Fen(*fen).to_string()
    }

    /// What a report spent, in 元.
    fn spent(&self, report: &ReportRow) -> String {
        Fen(report.spent_fen()).to_string()
    }

    fn score(&self, hundredths: &Option<i32>) -> String {
        hundredths
            .map(|h| two_decimals(i64::from(h)))
            .unwrap_or_default()
    }

    fn mean(&self, hundredths: &i32) -> String {
        two_decimals(i64::from(*hundredths))
    }
}

/// Adds a file to the archive and its line to the manifest.
fn add(
    zip: &mut zip::ZipWriter<Cursor<Vec<u8>>>,
    manifest: &mut Vec<[String; 3]>,
    path: &str,
    bytes: &[u8],
) -> AppResult<()> {
    let sum = crate::files::sha256_hex(bytes);
    manifest.push([path.to_owned(), bytes.len().to_string(), sum]);
    zip.start_file(path, SimpleFileOptions::default())
        .map_err(|e| AppError::Internal(format!("dossier archive: {e}")))?;
    zip.write_all(bytes)
        .map_err(|e| AppError::Internal(format!("dossier archive: {e}")))
}

/// A name safe inside the archive: no folders, no control characters.
fn archive_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':') {
                '_'
            } else {
                c
            }
        })
        .collect()
}

async fn gather(
    tx: &mut Tx,
    ctx: Ctx,
    user: &CurrentUser,
    project: ProjectRow,
) -> AppResult<Summary> {
    let id = project.id;
    let needs = crate::needs::db::of_project(tx, id).await?;
    let events = projects_db::events(tx, id).await?;
    let applications = applications_db::of_project(tx, id).await?;
    // Review scores and reviewers are the purchaser's to see.
    let ranked = if user.role.works_in_scope() {
        rank_applications(tx, id).await?
    } else {
        Vec::new()
    };
    let mut owners: Vec<(&'static str, Uuid)> = vec![(crate::projects::documents::OWNER_KIND, id)];
    owners.extend(
        applications
            .iter()
            .map(|a| (crate::projects::applications::attachments::OWNER_KIND, a.id)),
    );
    let mut contracts = Vec::new();
    for contract in contracts_db::of_project(tx, id).await? {
        let delivery = Delivery {
            contract,
            project: project.clone(),
        };
        contracts.push(contract_file(tx, user, delivery, &mut owners).await?);
    }
    let files = attachments(tx, owners).await?;
    let money = finance_db::of_project(tx, id).await?;
    let overdue_reports = reports_db::overdue_of_project(tx, id).await?;
    Ok(Summary {
        ctx,
        project,
        needs,
        events,
        applications,
        ranked,
        contracts,
        files,
        money,
        overdue_reports,
    })
}

/// One contract with all of its delivery; the records that may hold files
/// are added to `owners`.
async fn contract_file(
    tx: &mut Tx,
    user: &CurrentUser,
    delivery: Delivery,
    owners: &mut Vec<(&'static str, Uuid)>,
) -> AppResult<ContractFile> {
    let contract = &delivery.contract;
    let cid = contract.id;
    owners.push((crate::delivery::contracts::OWNER_KIND, cid));
    let installments = contracts_db::installments(tx, cid).await?;
    let payments = payments_db::of_contract(tx, cid).await?;
    owners.extend(payments.iter().map(|p| (payments::OWNER_KIND, p.id)));
    let mut reports = Vec::new();
    for report in reports_db::of_contract(tx, cid).await? {
        owners.push((super::reports::OWNER_KIND, report.id));
        let versions = reports_db::versions(tx, report.id).await?;
        reports.push((report, versions));
    }
    let visits = if user.role.works_in_scope() || user.id == contract.supervisor_id {
        visits_db::of_contract(tx, cid).await?
    } else {
        Vec::new()
    };
    owners.extend(visits.iter().map(|v| (visits::OWNER_KIND, v.id)));
    let mut orders = Vec::new();
    for order in rectifications_db::of_contract(tx, cid).await? {
        owners.push((super::rectifications::OWNER_KIND, order.id));
        let events = rectifications_db::events(tx, order.id).await?;
        orders.push((order, events));
    }
    let mut evaluations = Vec::new();
    for evaluation in evaluations_db::of_contract(tx, cid).await? {
        let results = if evaluation.is_final() {
            evaluations_db::results(tx, evaluation.id).await?
        } else {
            Vec::new()
        };
        evaluations.push((evaluation, results));
    }
    let money = finance_db::of_contract(tx, cid).await?;
    Ok(ContractFile {
        delivery,
        installments,
        payments,
        reports,
        visits,
        orders,
        evaluations,
        money,
    })
}

/// The files of `owners`, each with its path in the archive.
async fn attachments(
    tx: &mut Tx,
    owners: Vec<(&'static str, Uuid)>,
) -> AppResult<Vec<(String, FileRow)>> {
    let mut files = Vec::new();
    for (kind, owner) in owners {
        for file in crate::files::db::of_owner(tx, kind, owner).await? {
            let short = &file.id.to_string()[..8];
            let path = format!(
                "attachments/{kind}/{short}-{}",
                archive_name(&file.file_name)
            );
            files.push((path, file));
        }
    }
    Ok(files)
}

/// The ZIP of a dossier: the summary page, every attachment the store still
/// has, and the manifest.
async fn archive(state: &AppState, summary: &Summary) -> AppResult<Vec<u8>> {
    let html = summary
        .render()
        .map_err(|e| AppError::Internal(format!("dossier summary: {e}")))?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut manifest = vec![["path", "size_bytes", "sha256"].map(String::from)];
    add(&mut zip, &mut manifest, "summary.html", html.as_bytes())?;
    for (path, file) in &summary.files {
        match state.files.get(&file.storage_key).await {
            Ok(bytes) => add(&mut zip, &mut manifest, path, &bytes)?,
            // The auditor learns of it from the manifest; the rest still goes.
            Err(error) => {
                tracing::error!(%error, file = %file.id, "a recorded file is missing from the store");
                manifest.push([path.clone(), "0".into(), "missing".into()]);
            }
        }
    }
    let archive_error =
        |e: zip::result::ZipError| AppError::Internal(format!("dossier archive: {e}"));
    zip.start_file("manifest.csv", SimpleFileOptions::default())
        .map_err(archive_error)?;
    zip.write_all(&crate::sheets::csv::csv_bytes(&manifest))
        .map_err(|e| AppError::Internal(format!("dossier archive: {e}")))?;
    Ok(zip.finish().map_err(archive_error)?.into_inner())
}

pub async fn dossier(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let project = projects_db::find(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Auditors and leaders read it: the purchasing scope, not its partners.
    policy::require(&user, &Action::ListProjects)?;
    let summary = gather(&mut tx, ctx, &user, project).await?;
    let entry = Entry::new("project.dossier", "project", id)
        .at_record(&user, summary.project.union_id, &summary.project.union_path)
        .detail("files", summary.files.len());
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    let bytes = archive(&state, &summary).await?;
    let name = format!("{}-dossier.zip", summary.project.code);
    Ok((
        [
            (CONTENT_TYPE, "application/zip".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
