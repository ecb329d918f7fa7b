//! The decision on a submitted report, by staff of the purchasing scope or the
//! contract's supervisor: accept it, or return it with comments for the
//! organization to correct and submit again. Accepting the mid-term or final
//! report opens the matching evaluation; accepting the last final report moves
//! the project to its final evaluation.

use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use uuid::Uuid;

use super::db::{self, ReportKind, ReportRow, ReportStatus};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::delivery::Delivery;
use crate::delivery::db as delivery_db;
use crate::delivery::evaluations::{self, EvalKind};
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::web::forms::optional_text;
use crate::web::{FieldErrors, Flash, flash};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub comment: String,
}

async fn submitted(tx: &mut Tx, user: &CurrentUser, id: Uuid) -> AppResult<ReportRow> {
    let report = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        user,
        &Action::Supervise {
            union_path: &report.union_path,
            supervisor_id: report.supervisor_id,
        },
    )?;
    Ok(report)
}

pub async fn accept(
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let report = submitted(&mut tx, &user, id).await?;
    let back = format!("/reports/{id}");
    if report.status != ReportStatus::Submitted {
        return Ok(flash::redirect(
            &back,
            Flash::new("reports.decided_already"),
        ));
    }
    if report.kind == ReportKind::Final
        && evaluations::db::midterm_failed_unrectified(&mut tx, report.contract_id).await?
    {
        return Ok(flash::redirect(
            &back,
            Flash::new("reports.midterm_failed_unrectified"),
        ));
    }
    let mut errors = FieldErrors::default();
    let comment = optional_text(&mut errors, "comment", &form.comment, 2000);
    if !db::decide(
        &mut tx,
        id,
        ReportStatus::Accepted,
        comment.as_deref(),
        user.id,
    )
    .await?
    {
        return Ok(flash::redirect(
            &back,
            Flash::new("reports.decided_already"),
        ));
    }
    let evaluation = match report.kind {
        ReportKind::Midterm => Some(EvalKind::Midterm),
        ReportKind::Final => Some(EvalKind::Final),
        _ => None,
    };
    if let Some(kind) = evaluation {
        let delivery = Delivery::load(&mut tx, report.contract_id).await?;
        evaluations::db::open(&mut tx, &delivery, kind).await?;
    }
    let entry = Entry::new("report.accepted", "report", id)
        .at_record(&user, report.union_id, &report.union_path)
        .detail("version", report.version);
    audit::record(&mut tx, &user, entry).await?;
    delivery_db::advance(&mut tx, report.project_id).await?;
    tx.commit().await?;
    Ok(flash::redirect(&back, Flash::new("reports.accepted")))
}

pub async fn send_back(
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let report = submitted(&mut tx, &user, id).await?;
    let back = format!("/reports/{id}");
    let mut errors = FieldErrors::default();
    let Some(comment) = optional_text(&mut errors, "comment", &form.comment, 2000) else {
        return Ok(flash::redirect(
            &format!("{back}#decision"),
            Flash::new("reports.comment_required"),
        ));
    };
    if !db::decide(&mut tx, id, ReportStatus::Returned, Some(&comment), user.id).await? {
        return Ok(flash::redirect(
            &back,
            Flash::new("reports.decided_already"),
        ));
    }
    let entry = Entry::new("report.returned", "report", id)
        .at_record(&user, report.union_id, &report.union_path)
        .detail("version", report.version)
        .detail("comment", &comment);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(&back, Flash::new("reports.returned")))
}
