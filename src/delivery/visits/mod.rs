//! Site visits (实地查看): the supervisor (or staff) records the date, what it
//! found and photos. Read by the purchasing scope and the supervisor.

pub mod db;

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::Response;
use axum::routing::get;
use chrono::{Local, NaiveDate};
use uuid::Uuid;

use super::Delivery;
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::files::db::Owner;
use crate::files::{self};
use crate::identity::CurrentUser;
use crate::state::AppState;
use crate::web::forms::required_text;
use crate::web::input::UPLOAD_BODY_BYTES;
use crate::web::validate::parse_date;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

pub const OWNER_KIND: &str = "site_visit";

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/contracts/{id}/visits",
        get(new_visit)
            .post(record_visit)
            .layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
    )
}

#[derive(Template)]
#[template(path = "delivery/visit_form.html")]
struct VisitPage {
    ctx: Ctx,
    delivery: Delivery,
    visited_on: String,
    findings: String,
    errors: FieldErrors,
}

pub async fn new_visit(
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
    render(&VisitPage {
        ctx,
        delivery,
        visited_on: Local::now().date_naive().to_string(),
        findings: String::new(),
        errors: FieldErrors::default(),
    })
}

pub async fn record_visit(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> AppResult<Response> {
    let delivery = Delivery::load(&mut tx, id).await?;
    if !delivery.may_supervise(&user) {
        return Err(AppError::Forbidden);
    }
    let posted = files::read_posted(multipart).await?;
    let field = |name: &str| posted.fields.get(name).cloned().unwrap_or_default();
    let (visited_on, findings) = (field("visited_on"), field("findings"));
    let mut errors = FieldErrors::default();
    let Some((visited, text)) = check(&visited_on, &findings, &mut errors) else {
        return render_invalid(&VisitPage {
            ctx,
            delivery,
            visited_on,
            findings,
            errors,
        });
    };
    let c = &delivery.contract;
    let visit_id = db::insert(&mut tx, c, visited, &text, (user.id, &user.display_name)).await?;
    // The visit first, so that its photo has a record to belong to; a photo
    // refused undoes the visit.
    let photo = match posted.file {
        None => None,
        Some(file) => {
            let photo = save_photo(
                &state,
                &mut tx,
                &user,
                &delivery,
                visit_id,
                file,
                &mut errors,
            )
            .await?;
            if photo.is_none() {
                drop(tx);
                return render_invalid(&VisitPage {
                    ctx,
                    delivery,
                    visited_on,
                    findings,
                    errors,
                });
            }
            photo
        }
    };
    record_visited(&mut tx, &user, &delivery, visited, photo).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/contracts/{}#visits", c.id),
        Flash::new("visits.recorded"),
    ))
}

/// The audit entry of a visit, with its photo if any.
async fn record_visited(
    tx: &mut Tx,
    user: &CurrentUser,
    delivery: &Delivery,
    visited: NaiveDate,
    photo: Option<Uuid>,
) -> AppResult<()> {
    let c = &delivery.contract;
    let mut entry = Entry::new("visit.recorded", "contract", c.id)
        .at_record(user, delivery.project.union_id, &c.union_path)
        .detail("visited_on", visited);
    if let Some(file_id) = photo {
        entry = entry.detail("file", file_id);
    }
    audit::record(tx, user, entry).await?;
    Ok(())
}

/// The visit's date (not in the future) and findings, when both are right.
fn check(
    visited_on: &str,
    findings: &str,
    errors: &mut FieldErrors,
) -> Option<(NaiveDate, String)> {
    let text = required_text(errors, "findings", findings, 4000);
    let date = parse_date(visited_on);
    match date {
        None => errors.add("visited_on", "form.invalid_date"),
        Some(d) if d > Local::now().date_naive() => errors.add("visited_on", "orgs.date_in_future"),
        Some(_) => {}
    }
    date.filter(|_| errors.is_empty()).map(|d| (d, text))
}

/// Keeps the visit's photo; `None` (with the reason in `errors`) when the
/// store refused it.
async fn save_photo(
    state: &AppState,
    tx: &mut Tx,
    user: &CurrentUser,
    delivery: &Delivery,
    visit_id: Uuid,
    file: (String, Vec<u8>),
    errors: &mut FieldErrors,
) -> AppResult<Option<Uuid>> {
    let owner = Owner {
        kind: OWNER_KIND,
        id: visit_id,
        union_path: &delivery.contract.union_path,
        org_id: None,
        label: "photo",
    };
    files::save_in_form(state, tx, user, &owner, file, errors).await
}
