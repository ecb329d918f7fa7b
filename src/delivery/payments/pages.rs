//! The payment page of one installment: pay it (amount, date, voucher) once
//! nothing blocks it, or withhold it with a reason when its evaluation failed.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::Response;
use axum_extra::extract::Form;
use chrono::{Local, NaiveDate};
use serde::Deserialize;
use uuid::Uuid;

use super::db::{self, NewPayment, Paid};
use super::{OWNER_KIND, blocker, shares};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::delivery::Delivery;
use crate::delivery::contracts::db as contracts_db;
use crate::delivery::db as delivery_db;
use crate::error::{AppError, AppResult};
use crate::files::db::Owner;
use crate::files::{self};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::web::forms::required_text;
use crate::web::money::Fen;
use crate::web::validate::parse_date;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PositionQuery {
    pub position: i16,
}

#[derive(Template)]
#[template(path = "delivery/payment_form.html")]
struct PaymentPage {
    ctx: Ctx,
    delivery: Delivery,
    position: i16,
    share: String,
    remainder: String,
    amount: String,
    paid_on: String,
    reason: String,
    /// Why it cannot be paid, and whether it may be withheld.
    blocked: Option<(&'static str, bool)>,
    errors: FieldErrors,
}

struct InstallmentDue {
    delivery: Delivery,
    share: i64,
    remainder: i64,
    blocked: Option<(&'static str, bool)>,
}

async fn installment_due(
    tx: &mut Tx,
    user: &CurrentUser,
    id: Uuid,
    position: i16,
) -> AppResult<InstallmentDue> {
    let delivery = Delivery::load(tx, id).await?;
    policy::require(
        user,
        &Action::Disburse {
            union_path: &delivery.contract.union_path,
        },
    )?;
    let installments = contracts_db::installments(tx, id).await?;
    let paid = db::of_contract(tx, id).await?;
    let share = shares(delivery.contract.amount_fen, &installments)
        .into_iter()
        .find(|(p, _)| *p == position)
        .map(|(_, s)| s)
        .ok_or(AppError::NotFound)?;
    let blocked = blocker(tx, &delivery, &installments, &paid, position).await?;
    let remainder = delivery.contract.amount_fen - paid.iter().map(|p| p.amount_fen).sum::<i64>();
    Ok(InstallmentDue {
        delivery,
        share,
        remainder,
        blocked,
    })
}

impl InstallmentDue {
    fn page(self, ctx: Ctx, position: i16, errors: FieldErrors) -> PaymentPage {
        PaymentPage {
            ctx,
            position,
            share: Fen(self.share).to_string(),
            remainder: Fen(self.remainder).to_string(),
            amount: Fen(self.share).to_yuan_input(),
            paid_on: Local::now().date_naive().to_string(),
            reason: String::new(),
            blocked: self.blocked,
            delivery: self.delivery,
            errors,
        }
    }
}

pub async fn payment_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Query(query): Query<PositionQuery>,
) -> AppResult<Response> {
    let installment = installment_due(&mut tx, &user, id, query.position).await?;
    tx.commit().await?;
    render(&installment.page(ctx, query.position, FieldErrors::default()))
}

pub async fn pay(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> AppResult<Response> {
    let posted = files::read_posted(multipart).await?;
    let field = |name: &str| posted.fields.get(name).cloned().unwrap_or_default();
    let position: i16 = field("position")
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let installment = installment_due(&mut tx, &user, id, position).await?;
    let back = format!("/contracts/{id}#payments");
    let (typed_amount, typed_date) = (field("amount"), field("paid_on"));
    let mut errors = FieldErrors::default();
    let (amount, paid_on) = check_payment(&installment, &typed_amount, &typed_date, &mut errors);
    let payment_id = Uuid::new_v4();
    let voucher = keep_voucher(
        &state,
        &mut tx,
        &user,
        &installment,
        payment_id,
        posted.file,
        &mut errors,
    )
    .await?;
    let (Some(amount_fen), Some(paid_on), Some(voucher_file_id), true) =
        (amount, paid_on, voucher, errors.is_empty())
    else {
        drop(tx);
        let mut page = installment.page(ctx, position, errors);
        page.amount = typed_amount;
        page.paid_on = typed_date;
        return render_invalid(&page);
    };
    let payment = NewPayment {
        id: payment_id,
        position,
        amount_fen,
        paid_on,
        voucher_file_id,
        decided_by: user.id,
    };
    if let Some(key) = refusal(db::pay(&mut tx, &installment.delivery.contract, &payment).await?) {
        drop(tx);
        return Ok(flash::redirect(&back, Flash::new(key)));
    }
    record_paid(&mut tx, &user, &installment.delivery, &payment).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &back,
        Flash::with_arg("payments.paid", Fen(amount_fen)),
    ))
}

/// Why the database refused a payment, if it did: the message key.
fn refusal(paid: Paid) -> Option<&'static str> {
    match paid {
        Paid::Paid => None,
        Paid::DecidedAlready => Some("payments.decided_already"),
        Paid::OverContract => Some("payments.over_contract"),
    }
}

/// The typed amount (within what the contract has left) and date (not in the
/// future), each when right; why the installment cannot be paid goes first.
fn check_payment(
    installment: &InstallmentDue,
    typed_amount: &str,
    typed_date: &str,
    errors: &mut FieldErrors,
) -> (Option<i64>, Option<NaiveDate>) {
    if let Some((key, _)) = installment.blocked {
        errors.add("amount", key);
    }
    let amount = match Fen::parse_yuan(typed_amount) {
        None => {
            errors.add("amount", "orgs.money_format");
            None
        }
        Some(Fen(0)) => {
            errors.add("amount", "projects.budget_positive");
            None
        }
        Some(Fen(a)) if a > installment.remainder => {
            errors.add_with(
                "amount",
                "payments.over_remainder",
                Fen(installment.remainder),
            );
            None
        }
        Some(Fen(a)) => Some(a),
    };
    let paid_on = parse_date(typed_date);
    match paid_on {
        None => errors.add("paid_on", "form.invalid_date"),
        Some(d) if d > Local::now().date_naive() => errors.add("paid_on", "orgs.date_in_future"),
        Some(_) => {}
    }
    (amount, paid_on)
}

/// The voucher of the payment `payment_id`, kept once the rest of the form
/// is right; `None` (with the reason in `errors`) when it is missing, refused
/// by the store, or not kept because of other errors.
async fn keep_voucher(
    state: &AppState,
    tx: &mut Tx,
    user: &CurrentUser,
    installment: &InstallmentDue,
    payment_id: Uuid,
    file: Option<(String, Vec<u8>)>,
    errors: &mut FieldErrors,
) -> AppResult<Option<Uuid>> {
    match (file, errors.is_empty()) {
        (None, _) => {
            errors.add("file", "payments.voucher_required");
            Ok(None)
        }
        (Some(file), true) => {
            let owner = Owner {
                kind: OWNER_KIND,
                id: payment_id,
                union_path: &installment.delivery.contract.union_path,
                org_id: None,
                label: "voucher",
            };
            files::save_in_form(state, tx, user, &owner, file, errors).await
        }
        (Some(_), false) => Ok(None),
    }
}

/// The audit entry of a payment, and the project moved along with it.
async fn record_paid(
    tx: &mut Tx,
    user: &CurrentUser,
    delivery: &Delivery,
    payment: &NewPayment,
) -> AppResult<()> {
    let c = &delivery.contract;
    let entry = Entry::new("payment.paid", "contract", c.id)
        .at_record(user, delivery.project.union_id, &c.union_path)
        .detail("position", payment.position)
        .detail("amount_fen", payment.amount_fen)
        .detail("paid_on", payment.paid_on)
        .detail("file", payment.voucher_file_id);
    audit::record(tx, user, entry).await?;
    delivery_db::advance(tx, c.project_id).await?;
    Ok(())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WithholdForm {
    pub position: i16,
    pub reason: String,
}

pub async fn withhold(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<WithholdForm>,
) -> AppResult<Response> {
    let installment = installment_due(&mut tx, &user, id, form.position).await?;
    let back = format!("/contracts/{id}#payments");
    let mut errors = FieldErrors::default();
    let reason = required_text(&mut errors, "reason", &form.reason, 2000);
    if !matches!(installment.blocked, Some((_, true))) {
        errors.add("reason", "payments.not_withholdable");
    }
    if !errors.is_empty() {
        let mut page = installment.page(ctx, form.position, errors);
        page.reason = form.reason;
        return render_invalid(&page);
    }
    let c = &installment.delivery.contract;
    if !db::withhold(&mut tx, c, form.position, &reason, user.id).await? {
        return Ok(flash::redirect(
            &back,
            Flash::new("payments.decided_already"),
        ));
    }
    let entry = Entry::new("payment.withheld", "contract", c.id)
        .at_record(&user, installment.delivery.project.union_id, &c.union_path)
        .detail("position", form.position)
        .detail("reason", &reason);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(&back, Flash::new("payments.withheld")))
}
