//! The report page: the organization's form while the report is open to it
//! (save as draft, submit, attachments), read-only after; the decision panel
//! for staff and the supervisor; the kept versions.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use uuid::Uuid;

use super::db::{self, Delivered, ReportRow, ReportStatus, VersionRow};
use super::forms::{COUNTS, ReportForm, ReportInput};
use super::{Label, OWNER_KIND};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::delivery::db as delivery_db;
use crate::error::{AppError, AppResult};
use crate::files::db::{FileRow, Owner};
use crate::files::{self};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::projects::budget::{BudgetLines, LINES};
use crate::state::AppState;
use crate::web::money::Fen;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Template)]
#[template(path = "delivery/report.html")]
struct ReportPage {
    ctx: Ctx,
    report: ReportRow,
    /// The application's budget per line.
    budget: BudgetLines,
    /// What the contract's other reports spent and delivered.
    others: Delivered,
    versions: Vec<VersionRow>,
    files: Vec<FileRow>,
    form: ReportForm,
    errors: FieldErrors,
    may_write: bool,
    may_decide: bool,
}

impl ReportPage {
    /// Per budget line the application budgeted or a report spent on (the
    /// others are ¥0 throughout and left out): field, budgeted, spent by the
    /// other reports, left, this report's amount (typed or saved).
    fn lines(&self) -> Vec<(&'static str, String, String, String, String)> {
        LINES
            .into_iter()
            .enumerate()
            .filter(|(i, field)| {
                self.budget.0[*i] != 0
                    || self.others.spending.0[*i] != 0
                    || self.report.spending.0[*i] != 0
                    || (self.may_write && !self.form.line(field).trim().is_empty())
            })
            .map(|(i, field)| {
                (
                    field,
                    Fen(self.budget.0[i]).to_string(),
                    Fen(self.others.spending.0[i]).to_string(),
                    Fen(self.budget.less(&self.others.spending).0[i]).to_string(),
                    if self.may_write {
                        self.form.line(field).to_owned()
                    } else {
                        Fen(self.report.spending.0[i]).to_string()
                    },
                )
            })
            .collect()
    }

    fn counts(&self) -> Vec<(&'static str, String)> {
        COUNTS
            .into_iter()
            .map(|field| (field, self.form.count(field).to_owned()))
            .collect()
    }

    /// Delivery against the project's targets, with this report counted.
    fn progress(&self) -> Vec<(&'static str, i64, i64, i64)> {
        let with = |others: i64, this: i32| others + i64::from(this);
        [
            (
                "people_served",
                with(self.others.people_served, self.report.people_served),
                self.report.target_people,
            ),
            (
                "activities_held",
                with(self.others.activities_held, self.report.activities_held),
                self.report.target_activities,
            ),
            (
                "service_hours",
                with(self.others.service_hours, self.report.service_hours),
                self.report.target_service_hours,
            ),
        ]
        .into_iter()
        .map(|(field, done, target)| {
            let target = i64::from(target);
            let percent = if target > 0 { done * 100 / target } else { 0 };
            (field, done, target, percent)
        })
        .collect()
    }

    fn spent(&self) -> String {
        Fen(self.report.spent_fen()).to_string()
    }

    fn yuan(&self, fen: &i64) -> String {
        Fen(*fen).to_string()
    }
}

/// A report the user may read, with what its page needs.
async fn page(
    tx: &mut Tx,
    ctx: Ctx,
    user: &CurrentUser,
    report: ReportRow,
    form: Option<ReportForm>,
    errors: FieldErrors,
) -> AppResult<ReportPage> {
    let db::Ledger { budget, others } = db::ledger(tx, report.contract_id, report.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let versions = db::versions(tx, report.id).await?;
    let files = files::db::of_owner(tx, OWNER_KIND, report.id).await?;
    let may_write = report.status.open()
        && policy::permits(
            user,
            &Action::DeliverAs {
                org_id: report.org_id,
            },
        );
    let may_decide = report.status == ReportStatus::Submitted
        && policy::permits(
            user,
            &Action::Supervise {
                union_path: &report.union_path,
                supervisor_id: report.supervisor_id,
            },
        );
    let form = form.unwrap_or_else(|| ReportForm::of(&input_of(&report)));
    Ok(ReportPage {
        ctx,
        budget,
        report,
        others,
        versions,
        files,
        form,
        errors,
        may_write,
        may_decide,
    })
}

fn input_of(report: &ReportRow) -> ReportInput {
    ReportInput {
        counts: [
            report.people_served,
            report.activities_held,
            report.service_hours,
            report.volunteer_hours,
        ],
        spending: report.spending,
        narrative: report.narrative.clone(),
        problems: report.problems.clone(),
    }
}

pub async fn show_report(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let report = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let page = page(&mut tx, ctx, &user, report, None, FieldErrors::default()).await?;
    tx.commit().await?;
    render(&page)
}

pub async fn write_report(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<ReportForm>,
) -> AppResult<Response> {
    let report = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::DeliverAs {
            org_id: report.org_id,
        },
    )?;
    let back = format!("/reports/{id}");
    if !report.status.open() {
        return Ok(flash::redirect(&back, Flash::new("reports.read_only")));
    }
    let db::Ledger { budget, others } = db::ledger(&mut tx, report.contract_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let input = match form.parse(budget.less(&others.spending)) {
        Ok(input) => input,
        Err(errors) => {
            let page = page(&mut tx, ctx, &user, report, Some(form), errors).await?;
            drop(tx);
            return render_invalid(&page);
        }
    };
    let submitting = form.submitting();
    let action = if submitting {
        "report.submitted"
    } else {
        "report.saved"
    };
    let entry = Entry::new(action, "report", id)
        .at_record(&user, report.union_id, &report.union_path)
        .created(&input);
    // Written before the report, whose row stays locked until the commit:
    // the organization's staff saving at once wait for each other less.
    audit::record(&mut tx, &user, entry).await?;
    if !db::write(&mut tx, id, &input, submitting.then_some(user.id)).await? {
        return Ok(flash::redirect(&back, Flash::new("reports.read_only")));
    }
    if submitting {
        delivery_db::advance(&mut tx, report.project_id).await?;
    }
    tx.commit().await?;
    Ok(flash::redirect(
        &back,
        Flash::new(if submitting {
            "reports.submitted"
        } else {
            "reports.saved"
        }),
    ))
}

pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> AppResult<Response> {
    let report = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::DeliverAs {
            org_id: report.org_id,
        },
    )?;
    let posted = files::read_posted(multipart).await?;
    if !report.status.open() {
        return Ok(flash::redirect(
            &format!("/reports/{id}"),
            Flash::new("reports.read_only"),
        ));
    }
    let owner = Owner {
        kind: OWNER_KIND,
        id,
        union_path: &report.union_path,
        org_id: Some(report.org_id),
        label: "",
    };
    let saved = files::save_labelled(&state, &mut tx, &user, owner, posted, |l| {
        Label::parse(l).map(Label::as_str)
    })
    .await?;
    let file_id = match saved {
        Ok(file_id) => file_id,
        Err(errors) => {
            let page = page(&mut tx, ctx, &user, report, None, errors).await?;
            drop(tx);
            return render_invalid(&page);
        }
    };
    let entry = Entry::new("report.attachment_added", "report", id)
        .at_record(&user, report.union_id, &report.union_path)
        .detail("file", file_id);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/reports/{id}#attachments"),
        Flash::new("files.uploaded"),
    ))
}
