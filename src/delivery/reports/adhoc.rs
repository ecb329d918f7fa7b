//! Ad-hoc reports (临时报告): the organization, its supervisor or a cadre of the
//! purchasing scope adds a report for a period within the contract's service.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::db;
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::delivery::Delivery;
use crate::delivery::contracts::db::ContractRow;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::web::validate::parse_date;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AdhocForm {
    pub period_starts_on: String,
    pub period_ends_on: String,
    pub due_on: String,
}

#[derive(Template)]
#[template(path = "delivery/adhoc.html")]
struct AdhocPage {
    ctx: Ctx,
    delivery: Delivery,
    form: AdhocForm,
    errors: FieldErrors,
}

impl AdhocPage {
    fn service_period(&self) -> String {
        let c = &self.delivery.contract;
        format!("{} — {}", c.service_starts_on, c.service_ends_on)
    }
}

pub async fn new_adhoc(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let delivery = Delivery::load(&mut tx, id).await?;
    if !(delivery.may_deliver(&user) || delivery.may_supervise(&user)) {
        return Err(AppError::Forbidden);
    }
    tx.commit().await?;
    render(&AdhocPage {
        ctx,
        delivery,
        form: AdhocForm::default(),
        errors: FieldErrors::default(),
    })
}

pub async fn add_adhoc(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<AdhocForm>,
) -> AppResult<Response> {
    let delivery = Delivery::load(&mut tx, id).await?;
    if !(delivery.may_deliver(&user) || delivery.may_supervise(&user)) {
        return Err(AppError::Forbidden);
    }
    let c = &delivery.contract;
    let (s, e, d) = match check(&form, c) {
        Ok(dates) => dates,
        Err(errors) => {
            return render_invalid(&AdhocPage {
                ctx,
                delivery,
                form,
                errors,
            });
        }
    };
    let report_id = db::add_adhoc(
        &mut tx,
        (c.id, c.project_id, &c.union_path, c.org_id, c.supervisor_id),
        (s, e),
        d,
    )
    .await?;
    let entry = Entry::new("report.added", "report", report_id)
        .at_record(&user, delivery.project.union_id, &c.union_path)
        .detail("period", format!("{s} — {e}"));
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/reports/{report_id}"),
        Flash::new("reports.added"),
    ))
}

/// The period (within the contract's service) and the due date (not before
/// the period ends) as typed: start, end, due.
fn check(
    form: &AdhocForm,
    c: &ContractRow,
) -> Result<(NaiveDate, NaiveDate, NaiveDate), FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut date = |field: &'static str, typed: &str| {
        let parsed = parse_date(typed);
        if parsed.is_none() {
            errors.add(field, "form.invalid_date");
        }
        parsed
    };
    let starts = date("period_starts_on", &form.period_starts_on);
    let ends = date("period_ends_on", &form.period_ends_on);
    let due = date("due_on", &form.due_on);
    if let (Some(s), Some(e)) = (starts, ends) {
        if e < s {
            errors.add("period_ends_on", "projects.ends_before_starts");
        } else if s < c.service_starts_on || e > c.service_ends_on {
            errors.add_with(
                "period_starts_on",
                "reports.outside_contract",
                format!("{} — {}", c.service_starts_on, c.service_ends_on),
            );
        }
    }
    if let (Some(e), Some(d)) = (ends, due)
        && d < e
    {
        errors.add("due_on", "reports.due_before_end");
    }
    match (starts, ends, due) {
        (Some(s), Some(e), Some(d)) if errors.is_empty() => Ok((s, e, d)),
        _ => Err(errors),
    }
}
