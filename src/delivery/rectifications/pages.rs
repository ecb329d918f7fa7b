//! The rectification pages: the order form, the order with its history, the
//! organization's answer (with evidence) and the issuing side's decision.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use chrono::{Local, NaiveDate};
use serde::Deserialize;
use uuid::Uuid;

use super::OWNER_KIND;
use super::db::{self, EventRow, NewOrder, RectificationRow, RectificationStatus};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::delivery::Delivery;
use crate::error::{AppError, AppResult};
use crate::files::db::{FileRow, Owner};
use crate::files::{self};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::web::forms::{optional_text, required_text};
use crate::web::validate::parse_date;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct OrderForm {
    pub problem: String,
    pub requirement: String,
    pub deadline: String,
}

#[derive(Template)]
#[template(path = "delivery/rectification_form.html")]
struct OrderFormPage {
    ctx: Ctx,
    delivery: Delivery,
    form: OrderForm,
    errors: FieldErrors,
}

pub async fn new_order(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let delivery = Delivery::load(&mut tx, id).await?;
    if !delivery.may_supervise(&user) {
        return Err(AppError::Forbidden);
    }
    tx.commit().await?;
    render(&OrderFormPage {
        ctx,
        delivery,
        form: OrderForm::default(),
        errors: FieldErrors::default(),
    })
}

pub async fn issue(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<OrderForm>,
) -> AppResult<Response> {
    let delivery = Delivery::load(&mut tx, id).await?;
    if !delivery.may_supervise(&user) {
        return Err(AppError::Forbidden);
    }
    let (problem, requirement, deadline) = match check(&form) {
        Ok(order) => order,
        Err(errors) => {
            return render_invalid(&OrderFormPage {
                ctx,
                delivery,
                form,
                errors,
            });
        }
    };
    let c = &delivery.contract;
    let order_id = db::issue(
        &mut tx,
        (c.id, c.project_id, &c.union_path, c.org_id, c.supervisor_id),
        &NewOrder {
            problem: &problem,
            requirement: &requirement,
            deadline,
        },
        user.id,
    )
    .await?;
    let order = db::find(&mut tx, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    record_issued(&mut tx, &user, &delivery, &order).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/rectifications/{order_id}"),
        Flash::new("rectifications.issued"),
    ))
}

/// The order as typed: problem, requirement and a deadline after today.
fn check(form: &OrderForm) -> Result<(String, String, NaiveDate), FieldErrors> {
    let mut errors = FieldErrors::default();
    let problem = required_text(&mut errors, "problem", &form.problem, 4000);
    let requirement = required_text(&mut errors, "requirement", &form.requirement, 4000);
    let deadline = parse_date(&form.deadline);
    match deadline {
        None => errors.add("deadline", "form.invalid_date"),
        Some(d) if d <= Local::now().date_naive() => {
            errors.add("deadline", "rectifications.deadline_past");
        }
        Some(_) => {}
    }
    match (deadline, errors.is_empty()) {
        (Some(deadline), true) => Ok((problem, requirement, deadline)),
        _ => Err(errors),
    }
}

/// The order's first event (its problem) and the audit entry of its issue.
async fn record_issued(
    tx: &mut Tx,
    user: &CurrentUser,
    delivery: &Delivery,
    order: &RectificationRow,
) -> AppResult<()> {
    db::record(
        tx,
        order,
        "issued",
        Some(&order.problem),
        (user.id, &user.display_name),
    )
    .await?;
    let entry = Entry::new("rectification.issued", "rectification", order.id)
        .at_record(
            user,
            delivery.project.union_id,
            &delivery.contract.union_path,
        )
        .detail("contract", delivery.contract.id)
        .detail("deadline", order.deadline);
    audit::record(tx, user, entry).await?;
    Ok(())
}

#[derive(Template)]
#[template(path = "delivery/rectification.html")]
struct OrderPage {
    ctx: Ctx,
    order: RectificationRow,
    delivery: Delivery,
    events: Vec<EventRow>,
    files: Vec<FileRow>,
    errors: FieldErrors,
    answer: String,
    may_answer: bool,
    may_decide: bool,
}

async fn page(
    tx: &mut Tx,
    ctx: Ctx,
    user: &CurrentUser,
    order: RectificationRow,
    errors: FieldErrors,
    answer: String,
) -> AppResult<OrderPage> {
    let delivery = Delivery::load(tx, order.contract_id).await?;
    let events = db::events(tx, order.id).await?;
    let files = files::db::of_owner(tx, OWNER_KIND, order.id).await?;
    let may_answer = order.status == RectificationStatus::Open
        && policy::permits(
            user,
            &Action::DeliverAs {
                org_id: order.org_id,
            },
        );
    let may_decide = order.status == RectificationStatus::Answered
        && policy::permits(
            user,
            &Action::Supervise {
                union_path: &order.union_path,
                supervisor_id: order.supervisor_id,
            },
        );
    Ok(OrderPage {
        ctx,
        order,
        delivery,
        events,
        files,
        errors,
        answer,
        may_answer,
        may_decide,
    })
}

pub async fn show_order(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let order = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let page = page(
        &mut tx,
        ctx,
        &user,
        order,
        FieldErrors::default(),
        String::new(),
    )
    .await?;
    tx.commit().await?;
    render(&page)
}

pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> AppResult<Response> {
    let order = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::DeliverAs {
            org_id: order.org_id,
        },
    )?;
    let posted = files::read_posted(multipart).await?;
    let back = format!("/rectifications/{id}");
    if order.status != RectificationStatus::Open {
        return Ok(flash::redirect(
            &back,
            Flash::new("rectifications.not_open"),
        ));
    }
    let typed = posted.fields.get("answer").cloned().unwrap_or_default();
    let mut errors = FieldErrors::default();
    let answer = required_text(&mut errors, "answer", &typed, 4000);
    let mut evidence = None;
    if let (Some(file), true) = (posted.file, errors.is_empty()) {
        evidence = keep_evidence(&state, &mut tx, &user, &order, file, &mut errors).await?;
    }
    if !errors.is_empty() {
        let page = page(&mut tx, ctx, &user, order, errors, typed).await?;
        drop(tx);
        return render_invalid(&page);
    }
    if !db::move_status(&mut tx, id, "open", "answered", Some(&answer)).await? {
        return Ok(flash::redirect(
            &back,
            Flash::new("rectifications.not_open"),
        ));
    }
    record_answered(&mut tx, &user, &order, &answer, evidence).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &back,
        Flash::new("rectifications.answered"),
    ))
}

/// Keeps the answer's evidence; `None` (with the reason in `errors`) when the
/// store refused it.
async fn keep_evidence(
    state: &AppState,
    tx: &mut Tx,
    user: &CurrentUser,
    order: &RectificationRow,
    file: (String, Vec<u8>),
    errors: &mut FieldErrors,
) -> AppResult<Option<Uuid>> {
    let owner = Owner {
        kind: OWNER_KIND,
        id: order.id,
        union_path: &order.union_path,
        org_id: Some(order.org_id),
        label: "evidence",
    };
    files::save_in_form(state, tx, user, &owner, file, errors).await
}

/// The order's event of the answer and its audit entry, with the evidence if
/// any.
async fn record_answered(
    tx: &mut Tx,
    user: &CurrentUser,
    order: &RectificationRow,
    answer: &str,
    evidence: Option<Uuid>,
) -> AppResult<()> {
    db::record(
        tx,
        order,
        "answered",
        Some(answer),
        (user.id, &user.display_name),
    )
    .await?;
    let mut entry = Entry::new("rectification.answered", "rectification", order.id).at_record(
        user,
        order.union_id,
        &order.union_path,
    );
    if let Some(file_id) = evidence {
        entry = entry.detail("file", file_id);
    }
    audit::record(tx, user, entry).await?;
    Ok(())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub comment: String,
}

async fn decide(
    user: CurrentUser,
    mut tx: Tx,
    id: Uuid,
    form: DecisionForm,
    close: bool,
) -> AppResult<Response> {
    let order = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::Supervise {
            union_path: &order.union_path,
            supervisor_id: order.supervisor_id,
        },
    )?;
    let back = format!("/rectifications/{id}");
    let mut errors = FieldErrors::default();
    let comment = optional_text(&mut errors, "comment", &form.comment, 2000);
    if !close && comment.is_none() {
        return Ok(flash::redirect(
            &back,
            Flash::new("rectifications.comment_required"),
        ));
    }
    let (to, kind, done) = if close {
        ("closed", "closed", "rectifications.closed")
    } else {
        ("open", "sent_back", "rectifications.sent_back")
    };
    if !db::move_status(&mut tx, id, "answered", to, None).await? {
        return Ok(flash::redirect(
            &back,
            Flash::new("rectifications.not_answered"),
        ));
    }
    db::record(
        &mut tx,
        &order,
        kind,
        comment.as_deref(),
        (user.id, &user.display_name),
    )
    .await?;
    let entry = Entry::new(
        if close {
            "rectification.closed"
        } else {
            "rectification.sent_back"
        },
        "rectification",
        id,
    )
    .at_record(&user, order.union_id, &order.union_path);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(&back, Flash::new(done)))
}

pub async fn close(
    user: CurrentUser,
    tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    decide(user, tx, id, form, true).await
}

pub async fn send_back(
    user: CurrentUser,
    tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    decide(user, tx, id, form, false).await
}
