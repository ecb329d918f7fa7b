//! Partner networks (协力伙伴): the bodies that are not labor-relations
//! social organizations but work with the union — foundations, media,
//! companies, law firms, universities, other mass organizations — with the
//! union that keeps the relationship, what they bring, and the projects they
//! co-fund (drawn on the project's page through `web::panels`).

pub mod db;
mod export;
mod forms;
mod pages;
pub mod project_panel;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

crate::text_enum!(pub enum PartnerKind("partners.kind") {
    Foundation => "foundation",
    Media => "media",
    Company => "company",
    LawFirm => "law_firm",
    University => "university",
    MassOrganization => "mass_organization",
    Other => "other",
});

crate::text_enum!(pub enum Brings("partners.brings") {
    Funds => "funds",
    Volunteers => "volunteers",
    Venues => "venues",
    Expertise => "expertise",
    Publicity => "publicity",
});

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/partners",
            get(pages::list_partners).post(pages::create_partner),
        )
        .route("/partners/new", get(pages::new_partner_form))
        .route("/partners/export.csv", get(export::export_partners))
        .route("/partners/export.xlsx", get(export::export_partners))
        .route("/partners/{id}", get(pages::show_partner))
        .route(
            "/partners/{id}/edit",
            get(pages::edit_partner_form).post(pages::update_partner),
        )
        .route(
            "/projects/{id}/co-funders",
            post(project_panel::link_co_funder),
        )
        .route(
            "/projects/{id}/co-funders/{partner_id}/remove",
            post(project_panel::unlink_co_funder),
        )
}
