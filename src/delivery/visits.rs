//! Site visits (实地查看): the supervisor (or staff) records the date, what it
//! found and photos. Read by the purchasing scope and the supervisor.

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::Response;
use axum::routing::get;
use chrono::{DateTime, Local, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::Held;
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

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VisitRow {
    pub id: Uuid,
    pub visited_on: NaiveDate,
    pub findings: String,
    pub created_by_name: String,
    pub created_at: DateTime<Utc>,
}

pub async fn of_contract(
    conn: &mut PgConnection,
    contract_id: Uuid,
) -> sqlx::Result<Vec<VisitRow>> {
    sqlx::query_as(
        "select id, visited_on, findings, created_by_name, created_at from site_visits
          where contract_id = $1 order by visited_on desc, created_at desc",
    )
    .bind(contract_id)
    .fetch_all(conn)
    .await
}

#[derive(Template)]
#[template(path = "delivery/visit_form.html")]
struct VisitPage {
    ctx: Ctx,
    held: Held,
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
    let held = Held::load(&mut tx, id).await?;
    if !held.may_supervise(&user) {
        return Err(AppError::Forbidden);
    }
    tx.commit().await?;
    render(&VisitPage {
        ctx,
        held,
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
    let held = Held::load(&mut tx, id).await?;
    if !held.may_supervise(&user) {
        return Err(AppError::Forbidden);
    }
    let posted = files::read_posted(multipart).await?;
    let field = |name: &str| posted.fields.get(name).cloned().unwrap_or_default();
    let (visited_on, findings) = (field("visited_on"), field("findings"));
    let mut errors = FieldErrors::default();
    let text = required_text(&mut errors, "findings", &findings, 4000);
    let date = parse_date(&visited_on);
    match date {
        None => errors.add("visited_on", "form.invalid_date"),
        Some(d) if d > Local::now().date_naive() => errors.add("visited_on", "orgs.date_in_future"),
        Some(_) => {}
    }
    let (Some(visited), true) = (date, errors.is_empty()) else {
        return render_invalid(&VisitPage {
            ctx,
            held,
            visited_on,
            findings,
            errors,
        });
    };
    let c = &held.contract;
    let visit_id: Uuid = sqlx::query_scalar(
        "insert into site_visits (contract_id, union_path, org_id, supervisor_id, visited_on,
                                  findings, created_by, created_by_name)
         values ($1, $2::ltree, $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(c.id)
    .bind(&c.union_path)
    .bind(c.org_id)
    .bind(c.supervisor_id)
    .bind(visited)
    .bind(&text)
    .bind(user.id)
    .bind(&user.display_name)
    .fetch_one(&mut *tx)
    .await?;
    // The visit first, so that its photo has a record to belong to; a photo
    // refused undoes the visit.
    let mut photo = None;
    if let Some(file) = posted.file {
        let owner = Owner {
            kind: OWNER_KIND,
            id: visit_id,
            union_path: &c.union_path,
            org_id: None,
            label: "photo",
        };
        photo = files::save_in_form(&state, &mut tx, &user, &owner, file, &mut errors).await?;
        if photo.is_none() {
            drop(tx);
            return render_invalid(&VisitPage {
                ctx,
                held,
                visited_on,
                findings,
                errors,
            });
        }
    }
    let mut entry = Entry::new("visit.recorded", "contract", c.id)
        .at_record(&user, held.project.union_id, &c.union_path)
        .detail("visited_on", visited);
    if let Some(file_id) = photo {
        entry = entry.detail("file", file_id);
    }
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/contracts/{}#visits", c.id),
        Flash::new("visits.recorded"),
    ))
}
