//! The project dossier (项目档案): one ZIP with everything an auditor needs —
//! a printable summary page (timeline, approvals, applications and review
//! scores, contracts, reports, rectification orders, evaluations, payments,
//! the closing), every attachment, and a manifest naming every file in the
//! archive with what it is, its size, date and sha256. Each entry is dated:
//! an attachment by its upload, the summary and the manifest by the export.
//! Everything is read in the requesting user's transaction, so row-level
//! security decides what goes in: only what that user may see.

use std::io::{Cursor, Write};

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Datelike, SecondsFormat, Timelike, Utc};
use uuid::Uuid;
use zip::write::SimpleFileOptions;

use super::Delivery;
use super::closing::db::{self as closing_db, ClosingRow};
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
use crate::web::format::{china_time, two_decimals};
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
    /// The closing record, once the project is closed.
    closing: Option<ClosingRow>,
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

/// The manifest's columns: the path in the archive, what the file is, its
/// size, its date (as the entry is dated) and its sha256.
const MANIFEST_HEADER: [&str; 5] = ["path", "description", "size_bytes", "modified", "sha256"];

/// The archive being written and the manifest's lines so far.
struct Archive {
    zip: zip::ZipWriter<Cursor<Vec<u8>>>,
    manifest: Vec<[String; 5]>,
}

impl Archive {
    fn new() -> Self {
        Self {
            zip: zip::ZipWriter::new(Cursor::new(Vec::new())),
            manifest: vec![MANIFEST_HEADER.map(String::from)],
        }
    }

    /// Adds a file dated `at`, and its line to the manifest.
    fn add(&mut self, path: &str, what: &str, bytes: &[u8], at: DateTime<Utc>) -> AppResult<()> {
        self.manifest.push([
            path.to_owned(),
            what.to_owned(),
            bytes.len().to_string(),
            manifest_time(at),
            crate::files::sha256_hex(bytes),
        ]);
        self.write(path, bytes, at)
    }

    /// A line for a recorded file the store no longer has: the auditor learns
    /// of it from the manifest.
    fn note_missing(&mut self, path: &str, what: &str, at: DateTime<Utc>) {
        self.manifest.push([
            path.to_owned(),
            what.to_owned(),
            "0".into(),
            manifest_time(at),
            "missing".into(),
        ]);
    }

    /// Adds the manifest, which names itself (without a size or sum, which it
    /// cannot hold of itself), and finishes the archive.
    fn finish(mut self, what: &str, at: DateTime<Utc>) -> AppResult<Vec<u8>> {
        self.manifest.push([
            MANIFEST.to_owned(),
            what.to_owned(),
            String::new(),
            manifest_time(at),
            String::new(),
        ]);
        let manifest = crate::sheets::csv::csv_bytes(&self.manifest);
        self.write(MANIFEST, &manifest, at)?;
        Ok(self.zip.finish().map_err(archive_error)?.into_inner())
    }

    fn write(&mut self, path: &str, bytes: &[u8], at: DateTime<Utc>) -> AppResult<()> {
        let options = SimpleFileOptions::default().last_modified_time(zip_time(at)?);
        self.zip.start_file(path, options).map_err(archive_error)?;
        self.zip
            .write_all(bytes)
            .map_err(|e| AppError::Internal(format!("dossier archive: {e}")))
    }
}

const MANIFEST: &str = "manifest.csv";

fn archive_error(e: zip::result::ZipError) -> AppError {
    AppError::Internal(format!("dossier archive: {e}"))
}

/// A time as a zip entry holds it: the wall clock in China (zip entries have
/// no time zone; the manifest says the offset).
fn zip_time(at: DateTime<Utc>) -> AppResult<zip::DateTime> {
    let local = at.with_timezone(&china_time());
    let part = |n: u32| u8::try_from(n).unwrap_or(0);
    u16::try_from(local.year())
        .ok()
        .and_then(|year| {
            zip::DateTime::from_date_and_time(
                year,
                part(local.month()),
                part(local.day()),
                part(local.hour()),
                part(local.minute()),
                part(local.second()),
            )
            .ok()
        })
        .ok_or_else(|| AppError::Internal(format!("dossier archive: no zip time for {at}")))
}

/// `2026-11-28T14:05:08+08:00`: the time as the zip entry holds it, whose
/// clock counts in steps of two seconds, so that the two always agree.
fn manifest_time(at: DateTime<Utc>) -> String {
    let held = at - chrono::TimeDelta::seconds(i64::from(at.second() % 2));
    held.with_timezone(&china_time())
        .to_rfc3339_opts(SecondsFormat::Secs, false)
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
    let closing = closing_db::of_project(tx, id).await?;
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
        closing,
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
/// has, and the manifest, made at `now`.
async fn archive(state: &AppState, summary: &Summary, now: DateTime<Utc>) -> AppResult<Vec<u8>> {
    let html = summary
        .render()
        .map_err(|e| AppError::Internal(format!("dossier summary: {e}")))?;
    let t = |key: &str| summary.ctx.t(key).to_owned();
    let mut archive = Archive::new();
    archive.add(
        "summary.html",
        &t("dossier.manifest.summary"),
        html.as_bytes(),
        now,
    )?;
    for (path, file) in &summary.files {
        let what = summary.ctx.t_of("dossier.kind", &file.owner_kind);
        match state.files.get(&file.storage_key).await {
            Ok(bytes) => archive.add(path, &what, &bytes, file.created_at)?,
            Err(error) => {
                tracing::error!(%error, file = %file.id, "a recorded file is missing from the store");
                archive.note_missing(path, &what, file.created_at);
            }
        }
    }
    archive.finish(&t("dossier.manifest.itself"), now)
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
    let bytes = archive(&state, &summary, Utc::now()).await?;
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
