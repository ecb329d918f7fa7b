//! Regular contact (定期联系制度): logging a contact with an organization, and
//! the organizations whose next contact is overdue or due within 14 days.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub mod db;
pub mod export;

use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::db::list::{KeyPart, ListScope};
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::orgs::forms::past_date;
use crate::orgs::kinds::ContactMethod;
use crate::orgs::show::{InvalidForm, OrgPage};
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::web::forms::{optional_text, required_text};
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link};
use crate::web::validate::parse_date;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

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

impl ContactForm {
    /// The contact typed, or every problem with it.
    fn parse(&self) -> Result<db::NewContact, FieldErrors> {
        let mut errors = FieldErrors::default();
        let contacted_on = past_date(&mut errors, "contacted_on", &self.contacted_on);
        if contacted_on.is_none() && errors.get("contacted_on").is_none() {
            errors.add("contacted_on", "form.required");
        }
        let method = ContactMethod::parse(self.method.trim());
        if method.is_none() {
            errors.add("method", "form.choose");
        }
        let cadre = required_text(&mut errors, "cadre", &self.cadre, 50);
        let summary = required_text(&mut errors, "summary", &self.summary, 2000);
        let issues = optional_text(&mut errors, "issues", &self.issues, 2000);
        let follow_up = optional_text(&mut errors, "follow_up", &self.follow_up, 2000);
        let next_due = match self.next_due.trim() {
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
        match (contacted_on, method) {
            (Some(contacted_on), Some(method)) if errors.is_empty() => Ok(db::NewContact {
                contacted_on,
                method,
                cadre,
                summary,
                issues,
                follow_up,
                next_due,
            }),
            _ => Err(errors),
        }
    }
}

pub async fn log_contact(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<ContactForm>,
) -> AppResult<Response> {
    let org = crate::orgs::db::find(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditOrg {
            union_path: &org.union_path,
        },
    )?;
    let contact = match form.parse() {
        Ok(contact) => contact,
        Err(errors) => {
            let page =
                OrgPage::load(&mut tx, ctx, &user, org, InvalidForm::Contact(form, errors)).await?;
            return render_invalid(&page);
        }
    };
    db::insert(&mut tx, id, &contact, user.id).await?;
    let entry = Entry::new("org.contacted", "organization", id)
        .at(org.union_id, &org.union_path)
        .detail("contacted_on", contact.contacted_on)
        .detail("method", contact.method.as_str());
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/orgs/{id}#contacts"),
        Flash::new("orgs.contact_logged"),
    ))
}

#[derive(Template)]
#[template(path = "orgs/due.html")]
struct DuePage {
    ctx: Ctx,
    rows: Vec<db::DueRow>,
    overdue: i64,
    soon: i64,
    next: Option<String>,
    prev: Option<String>,
}

impl DuePage {
    fn export_links(&self) -> ExportLinks {
        export_links("/contacts/due", &PageQuery::default())
    }
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
    let scope = ListScope::of_path(&user.union.path)
        .listing_unions(&mut tx)
        .await?;
    let page = db::due_page(&mut tx, &scope, &position).await?;
    let (overdue, soon) = db::cached_due_counts(&state, &mut tx, &user, &scope).await?;
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
