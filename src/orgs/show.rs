//! The organization's page: its profile, rating history, union building,
//! contact timeline, accounts and audit trail, with the forms that add to them.
//! A form that comes back with problems is drawn again on this page.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use chrono::Local;
use uuid::Uuid;

use super::accounts::InviteForm;
use super::contacts::ContactForm;
use super::contacts::db::{self as contacts, ContactRow};
use super::db::{self, AccountRow, OrgRow};
use super::edit::StatusForm;
use super::history::db::{self as history, RatingRow, UnionBuildingRow};
use super::history::{RatingForm, UnionBuildingForm};
use super::kinds::{ContactMethod, Domain, FundingSource, OrgStatus, UnionBuilding};
use crate::audit_log::EntryView;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::orgs::record::TrackRecord;
use crate::policy::{self, Action};
use crate::web::money::Fen;
use crate::web::overdue::Overdue;
use crate::web::{Ctx, FieldErrors, render};

/// Which form on the page came back with problems.
#[derive(Debug)]
pub enum InvalidForm {
    None,
    Rating(RatingForm, FieldErrors),
    UnionBuilding(UnionBuildingForm, FieldErrors),
    Contact(ContactForm, FieldErrors),
    Status(StatusForm, FieldErrors),
    Invite(InviteForm, FieldErrors),
}

#[derive(Template)]
#[template(path = "orgs/show.html")]
pub struct OrgPage {
    ctx: Ctx,
    org: OrgRow,
    ratings: Vec<RatingRow>,
    union_building: Vec<UnionBuildingRow>,
    contacts: Vec<ContactRow>,
    accounts: Vec<AccountRow>,
    history: Vec<EntryView>,
    /// The projects it delivered, with their grades.
    record: TrackRecord,
    /// What other areas draw on the page (`web::panels`).
    panels: Vec<crate::web::panels::Panel>,
    /// A cadre of the scope who may change the record.
    can_edit: bool,
    /// The organization's own account.
    is_own: bool,
    /// An admin, who manages accounts on their own pages.
    can_manage_users: bool,
    rating_form: RatingForm,
    rating_errors: FieldErrors,
    union_building_form: UnionBuildingForm,
    union_building_errors: FieldErrors,
    contact_form: ContactForm,
    contact_errors: FieldErrors,
    status_form: StatusForm,
    status_errors: FieldErrors,
    invite_form: InviteForm,
    invite_errors: FieldErrors,
}

impl OrgPage {
    pub async fn load(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        org: OrgRow,
        section: InvalidForm,
    ) -> AppResult<Self> {
        let can_edit = policy::permits(
            user,
            &Action::EditOrg {
                union_path: &org.union_path,
            },
        );
        let is_own = policy::permits(user, &Action::EditOwnOrg { org_id: org.id });
        let cadre_view = user.role.works_in_scope();
        let ratings = history::ratings(tx, org.id).await?;
        let union_building = history::union_building(tx, org.id).await?;
        let (contacts, accounts, history) = if cadre_view {
            (
                contacts::latest(tx, org.id, 100).await?,
                db::accounts(tx, org.id).await?,
                crate::audit_log::history(tx, "organization", &org.id.to_string()).await?,
            )
        } else {
            (Vec::new(), Vec::new(), Vec::new())
        };
        let record = crate::orgs::record::of_org(tx, org.id).await?;
        let panels = ctx
            .panels()
            .draw(super::PAGE, tx, &ctx, user, org.id)
            .await?;
        let today = Local::now().date_naive().to_string();
        let mut page = Self {
            rating_form: RatingForm {
                rated_on: today.clone(),
                ..RatingForm::default()
            },
            rating_errors: FieldErrors::default(),
            union_building_form: UnionBuildingForm {
                changed_on: today.clone(),
                ..UnionBuildingForm::default()
            },
            union_building_errors: FieldErrors::default(),
            contact_form: ContactForm {
                contacted_on: today,
                method: ContactMethod::Visit.as_str().to_owned(),
                cadre: user.display_name.clone(),
                ..ContactForm::default()
            },
            contact_errors: FieldErrors::default(),
            status_form: StatusForm::from_row(&org),
            status_errors: FieldErrors::default(),
            invite_form: InviteForm::default(),
            invite_errors: FieldErrors::default(),
            ctx,
            org,
            ratings,
            union_building,
            contacts,
            accounts,
            history,
            record,
            panels,
            can_edit,
            is_own,
            can_manage_users: policy::permits(user, &Action::ListUsers),
        };
        page.show_again(section);
        Ok(page)
    }

    /// Puts back the form that came back with problems, with its messages.
    fn show_again(&mut self, section: InvalidForm) {
        match section {
            InvalidForm::None => {}
            InvalidForm::Rating(form, errors) => {
                (self.rating_form, self.rating_errors) = (form, errors)
            }
            InvalidForm::UnionBuilding(form, errors) => {
                (self.union_building_form, self.union_building_errors) = (form, errors);
            }
            InvalidForm::Contact(form, errors) => {
                (self.contact_form, self.contact_errors) = (form, errors)
            }
            InvalidForm::Status(form, errors) => {
                (self.status_form, self.status_errors) = (form, errors)
            }
            InvalidForm::Invite(form, errors) => {
                (self.invite_form, self.invite_errors) = (form, errors)
            }
        }
    }

    fn revenue(&self) -> String {
        Fen(self.org.annual_revenue_fen).to_string()
    }

    fn domain_keys(&self) -> Vec<&'static str> {
        self.org
            .service_domains
            .iter()
            .filter_map(|d| Domain::parse(d))
            .map(Domain::label_key)
            .collect()
    }

    fn funding_keys(&self) -> Vec<&'static str> {
        self.org
            .funding_sources
            .iter()
            .filter_map(|f| FundingSource::parse(f))
            .map(FundingSource::label_key)
            .collect()
    }

    fn rating_expired(&self) -> bool {
        self.org
            .rating_valid_until
            .is_some_and(|until| until < Local::now().date_naive())
    }

    fn contact_late(&self) -> Option<Overdue> {
        Overdue::of(self.org.next_contact_due).filter(|_| self.org.status == OrgStatus::Active)
    }

    fn method_options(&self) -> Vec<(&'static str, &'static str)> {
        ContactMethod::options()
    }

    fn union_building_options(&self) -> Vec<(&'static str, &'static str)> {
        UnionBuilding::options()
    }

    fn status_options(&self) -> Vec<(&'static str, &'static str)> {
        OrgStatus::options()
    }
}

/// An organization account's own record.
pub async fn own_org(user: CurrentUser) -> AppResult<Response> {
    let org_id = user.org_id.ok_or(AppError::NotFound)?;
    Ok(crate::web::flash::see_other(&format!("/orgs/{org_id}")))
}

pub async fn show_org(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let org = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(&user, &Action::ViewOrg { org_id: id })?;
    let page = OrgPage::load(&mut tx, ctx, &user, org, InvalidForm::None).await?;
    tx.commit().await?;
    render(&page)
}
