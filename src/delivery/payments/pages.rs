//! The payment page of one installment: pay it (amount, date, voucher) once
//! nothing blocks it, or withhold it with a reason when its evaluation failed.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::Response;
use axum_extra::extract::Form;
use chrono::Local;
use serde::Deserialize;
use uuid::Uuid;

use super::{OWNER_KIND, blocker, of_contract, shares};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::delivery::contracts::db as contracts_db;
use crate::delivery::{Held, advance};
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
    held: Held,
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

struct Standing {
    held: Held,
    share: i64,
    remainder: i64,
    blocked: Option<(&'static str, bool)>,
}

async fn standing(tx: &mut Tx, user: &CurrentUser, id: Uuid, position: i16) -> AppResult<Standing> {
    let held = Held::load(tx, id).await?;
    policy::require(
        user,
        &Action::Disburse {
            union_path: &held.contract.union_path,
        },
    )?;
    let installments = contracts_db::installments(tx, id).await?;
    let paid = of_contract(tx, id).await?;
    let share = shares(held.contract.amount_fen, &installments)
        .into_iter()
        .find(|(p, _)| *p == position)
        .map(|(_, s)| s)
        .ok_or(AppError::NotFound)?;
    let blocked = blocker(tx, &held, &installments, &paid, position).await?;
    let remainder = held.contract.amount_fen - paid.iter().map(|p| p.amount_fen).sum::<i64>();
    Ok(Standing {
        held,
        share,
        remainder,
        blocked,
    })
}

impl Standing {
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
            held: self.held,
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
    let standing = standing(&mut tx, &user, id, query.position).await?;
    tx.commit().await?;
    render(&standing.page(ctx, query.position, FieldErrors::default()))
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
    let standing = standing(&mut tx, &user, id, position).await?;
    let back = format!("/contracts/{id}#payments");
    let (typed_amount, typed_date) = (field("amount"), field("paid_on"));
    let mut errors = FieldErrors::default();
    if let Some((key, _)) = standing.blocked {
        errors.add("amount", key);
    }
    let amount = match Fen::parse_yuan(&typed_amount) {
        None => {
            errors.add("amount", "orgs.money_format");
            None
        }
        Some(Fen(0)) => {
            errors.add("amount", "projects.budget_positive");
            None
        }
        Some(Fen(a)) if a > standing.remainder => {
            errors.add_with("amount", "payments.over_remainder", Fen(standing.remainder));
            None
        }
        Some(Fen(a)) => Some(a),
    };
    let paid_on = parse_date(&typed_date);
    match paid_on {
        None => errors.add("paid_on", "form.invalid_date"),
        Some(d) if d > Local::now().date_naive() => errors.add("paid_on", "orgs.date_in_future"),
        Some(_) => {}
    }
    let payment_id = Uuid::new_v4();
    let voucher = match (posted.file, errors.is_empty()) {
        (None, _) => {
            errors.add("file", "payments.voucher_required");
            None
        }
        (Some(file), true) => {
            let owner = Owner {
                kind: OWNER_KIND,
                id: payment_id,
                union_path: &standing.held.contract.union_path,
                org_id: None,
                label: "voucher",
            };
            files::save_in_form(&state, &mut tx, &user, &owner, file, &mut errors).await?
        }
        (Some(_), false) => None,
    };
    let (Some(amount), Some(paid_on), Some(voucher), true) =
        (amount, paid_on, voucher, errors.is_empty())
    else {
        drop(tx);
        let mut page = standing.page(ctx, position, errors);
        page.amount = typed_amount;
        page.paid_on = typed_date;
        return render_invalid(&page);
    };
    let c = &standing.held.contract;
    let done = sqlx::query(
        "insert into payments (id, contract_id, union_path, org_id, supervisor_id, position,
                               decision, amount_fen, paid_on, voucher_file_id, decided_by)
         values ($1, $2, $3::ltree, $4, $5, $6, 'paid', $7, $8, $9, $10)
         on conflict (contract_id, position) do nothing",
    )
    .bind(payment_id)
    .bind(c.id)
    .bind(&c.union_path)
    .bind(c.org_id)
    .bind(c.supervisor_id)
    .bind(position)
    .bind(amount)
    .bind(paid_on)
    .bind(voucher)
    .bind(user.id)
    .execute(&mut *tx)
    .await;
    match done {
        Ok(done) if done.rows_affected() == 1 => {}
        Ok(_) => {
            drop(tx);
            return Ok(flash::redirect(
                &back,
                Flash::new("payments.decided_already"),
            ));
        }
        Err(sqlx::Error::Database(e)) if e.constraint() == Some("payments_within_contract") => {
            drop(tx);
            return Ok(flash::redirect(&back, Flash::new("payments.over_contract")));
        }
        Err(e) => return Err(e.into()),
    }
    let entry = Entry::new("payment.paid", "contract", c.id)
        .at_record(&user, standing.held.project.union_id, &c.union_path)
        .detail("position", position)
        .detail("amount_fen", amount)
        .detail("paid_on", paid_on)
        .detail("file", voucher);
    audit::record(&mut tx, &user, entry).await?;
    advance(&mut tx, c.project_id).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &back,
        Flash::with_arg("payments.paid", Fen(amount)),
    ))
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
    let standing = standing(&mut tx, &user, id, form.position).await?;
    let back = format!("/contracts/{id}#payments");
    let mut errors = FieldErrors::default();
    let reason = required_text(&mut errors, "reason", &form.reason, 2000);
    if !matches!(standing.blocked, Some((_, true))) {
        errors.add("reason", "payments.not_withholdable");
    }
    if !errors.is_empty() {
        let mut page = standing.page(ctx, form.position, errors);
        page.reason = form.reason;
        return render_invalid(&page);
    }
    let c = &standing.held.contract;
    let done = sqlx::query(
        "insert into payments (contract_id, union_path, org_id, supervisor_id, position,
                               decision, reason, decided_by)
         values ($1, $2::ltree, $3, $4, $5, 'withheld', $6, $7)
         on conflict (contract_id, position) do nothing",
    )
    .bind(c.id)
    .bind(&c.union_path)
    .bind(c.org_id)
    .bind(c.supervisor_id)
    .bind(form.position)
    .bind(&reason)
    .bind(user.id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(flash::redirect(
            &back,
            Flash::new("payments.decided_already"),
        ));
    }
    let entry = Entry::new("payment.withheld", "contract", c.id)
        .at_record(&user, standing.held.project.union_id, &c.union_path)
        .detail("position", form.position)
        .detail("reason", &reason);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(&back, Flash::new("payments.withheld")))
}
