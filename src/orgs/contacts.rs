//! Regular contact (定期联系制度): logging a contact with an organization, and
//! the organizations whose next contact is overdue or due within 14 days.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::{DateTime, Local, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::forms::past_date;
use super::kinds::ContactMethod;
use super::show::{OrgPage, Section};
use super::within::Within;
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::web::forms::{optional_text, required_text};
use crate::web::pagination::{KeyPart, PAGE_SIZE, PageQuery, Paged, Position, page_link};
use crate::web::validate::parse_date;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

/// How far ahead the "due" list looks.
pub const DUE_WITHIN_DAYS: i32 = 14;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ContactRow {
    pub contacted_on: NaiveDate,
    #[sqlx(try_from = "String")]
    pub method: ContactMethod,
    pub cadre: String,
    pub summary: String,
    pub issues: Option<String>,
    pub follow_up: Option<String>,
    pub next_due: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// An organization's (`$1`) latest contacts (at most `$2`), newest first.
pub const LATEST_SQL: &str =
    "select contacted_on, method, cadre, summary, issues, follow_up, next_due, created_at
   from organization_contacts where org_id = $1
  order by contacted_on desc, created_at desc limit $2";

/// The latest contacts with an organization, newest first.
pub async fn latest(
    conn: &mut PgConnection,
    org_id: Uuid,
    limit: i64,
) -> sqlx::Result<Vec<ContactRow>> {
    sqlx::query_as(LATEST_SQL)
        .bind(org_id)
        .bind(limit)
        .fetch_all(conn)
        .await
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ContactForm {
    pub contacted_on: String,
    pub method: String,
    pub cadre: String,
    pub summary: String,
    pub issues: String,
    pub follow_up: String,
    pub next_due: String,
}

pub async fn log_contact(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<ContactForm>,
) -> AppResult<Response> {
    let org = super::db::find(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditOrg {
            union_path: &org.union_path,
        },
    )?;
    let mut errors = FieldErrors::default();
    let contacted_on = past_date(&mut errors, "contacted_on", &form.contacted_on);
    if contacted_on.is_none() && errors.get("contacted_on").is_none() {
        errors.add("contacted_on", "form.required");
    }
    let method = ContactMethod::parse(form.method.trim());
    if method.is_none() {
        errors.add("method", "form.choose");
    }
    let cadre = required_text(&mut errors, "cadre", &form.cadre, 50);
    let summary = required_text(&mut errors, "summary", &form.summary, 2000);
    let issues = optional_text(&mut errors, "issues", &form.issues, 2000);
    let follow_up = optional_text(&mut errors, "follow_up", &form.follow_up, 2000);
    let next_due = match form.next_due.trim() {
        "" => None,
        typed => match parse_date(typed) {
            Some(due) if contacted_on.is_none_or(|on| due > on) => Some(due),
            Some(_) => {
                errors.add("next_due", "orgs.next_due_after_contact");
                None
            }
            None => {
                errors.add("next_due", "form.invalid_date");
                None
            }
        },
    };
    let (Some(contacted_on), Some(method)) = (contacted_on.filter(|_| errors.is_empty()), method)
    else {
        let page = OrgPage::load(&mut tx, ctx, &user, org, Section::Contact(form, errors)).await?;
        return render_invalid(&page);
    };
    sqlx::query(
        "insert into organization_contacts
             (org_id, contacted_on, method, cadre, summary, issues, follow_up, next_due, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(contacted_on)
    .bind(method.as_str())
    .bind(&cadre)
    .bind(&summary)
    .bind(&issues)
    .bind(&follow_up)
    .bind(next_due)
    .bind(user.id)
    .execute(&mut *tx)
    .await?;
    let entry = Entry::new("org.contacted", "organization", id)
        .at(org.union_id, &org.union_path)
        .detail("contacted_on", contacted_on)
        .detail("method", method.as_str());
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/orgs/{id}#contacts"),
        Flash::new("orgs.contact_logged"),
    ))
}

/// An organization waiting for contact.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DueRow {
    pub id: Uuid,
    pub name: String,
    pub union_name: String,
    pub last_contacted_on: Option<NaiveDate>,
    pub next_contact_due: NaiveDate,
}

impl DueRow {
    pub fn is_overdue(&self) -> bool {
        self.next_contact_due < Local::now().date_naive()
    }
}

/// Active organizations of the scope due for contact within 14 days (or
/// overdue), the longest overdue first.
pub fn due_query(within: &Within, position: &Position, limit: usize) -> QueryBuilder<Postgres> {
    let mut q = QueryBuilder::<Postgres>::new("");
    push_due_query(&mut q, within, position, limit);
    q
}

/// Appends the due list's query to `q`.
pub fn push_due_query(
    q: &mut QueryBuilder<Postgres>,
    within: &Within,
    position: &Position,
    limit: usize,
) {
    q.push(
        "select o.id, o.name, u.name as union_name, o.last_contacted_on, o.next_contact_due
           from organizations o join unions u on u.id = o.union_id
          where o.status = 'active' and o.next_contact_due <= current_date + ",
    );
    q.push_bind(DUE_WITHIN_DAYS);
    within.push(q);
    let backward = matches!(position, Position::Before(_));
    if let Position::After(key) | Position::Before(key) = position {
        q.push(" and (o.next_contact_due, o.id) ")
            .push(if backward { "<" } else { ">" })
            .push(" (")
            .push_bind(key[0].clone())
            .push("::date, ")
            .push_bind(key[1].clone())
            .push("::uuid)");
    }
    q.push(" order by ").push(within.order_prefix());
    q.push(if backward {
        "o.next_contact_due desc, o.id desc"
    } else {
        "o.next_contact_due, o.id"
    });
    q.push(" limit ").push_bind(limit as i64);
}

/// One page of the due list.
pub async fn due_page(
    conn: &mut PgConnection,
    within: &Within,
    position: &Position,
) -> sqlx::Result<Paged<DueRow>> {
    let rows: Vec<DueRow> = due_query(within, position, PAGE_SIZE + 1)
        .build_query_as()
        .fetch_all(conn)
        .await?;
    Ok(Paged::from_rows(rows, position, |row| {
        vec![row.next_contact_due.to_string(), row.id.to_string()]
    }))
}

/// The first `n` of the due list (the home page's tasks).
pub async fn due_first(
    conn: &mut PgConnection,
    within: &Within,
    n: usize,
) -> sqlx::Result<Vec<DueRow>> {
    due_query(within, &Position::Start, n)
        .build_query_as()
        .fetch_all(conn)
        .await
}

/// How many active organizations of the scope are overdue, and due soon.
pub async fn due_counts(conn: &mut PgConnection, within: &Within) -> sqlx::Result<(i64, i64)> {
    let mut q = QueryBuilder::<Postgres>::new("");
    push_due_counts(&mut q, within);
    q.build_query_as().fetch_one(conn).await
}

/// [`due_counts`], kept between writes (see [`crate::orgs::counts`]).
pub async fn cached_due_counts(
    state: &AppState,
    conn: &mut PgConnection,
    user: &CurrentUser,
    within: &Within,
) -> sqlx::Result<(i64, i64)> {
    state
        .caches
        .of::<super::counts::RegistryCounts>()
        .due
        .get_or_read(conn, &(&user.union.path, within), async |conn| {
            due_counts(conn, within).await
        })
        .await
}

/// Appends the due counts' query to `q`.
pub fn push_due_counts(q: &mut QueryBuilder<Postgres>, within: &Within) {
    q.push(
        "select count(*) filter (where next_contact_due < current_date),
                count(*) filter (where next_contact_due >= current_date)
           from organizations o
          where status = 'active' and next_contact_due <= current_date + ",
    );
    q.push_bind(DUE_WITHIN_DAYS);
    within.push(q);
}

#[derive(Template)]
#[template(path = "orgs/due.html")]
struct DuePage {
    ctx: Ctx,
    rows: Vec<DueRow>,
    overdue: i64,
    soon: i64,
    next: Option<String>,
    prev: Option<String>,
}

pub async fn contacts_due(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<PageQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListOrgs)?;
    let position = query.position(&[KeyPart::Date, KeyPart::Uuid])?;
    let within = Within::subtree(&mut tx, &user.union.path).await?;
    let page = due_page(&mut tx, &within, &position).await?;
    let (overdue, soon) = cached_due_counts(&state, &mut tx, &user, &within).await?;
    tx.commit().await?;
    let link = |param: &str, cursor: String| {
        page_link("/contacts/due", &PageQuery::default(), param, &cursor)
    };
    render(&DuePage {
        ctx,
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        rows: page.rows,
        overdue,
        soon,
    })
}
