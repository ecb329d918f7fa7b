//! Federations and joint platforms (联合会, 工会联合会, 群团社会组织服务平台):
//! union-led bodies of labor-relations social organizations, with a charter,
//! governance, a parent federation led at or above their own union, the
//! partner bodies of a joint platform, and member organizations whose history
//! is kept (leaving ends a membership, never deletes it). A federation
//! admits organizations homed in its leading union's subtree, or another by an
//! explicit cross-region admission that the organization's home union sees.
//! A project may name a federation as its commissioning body (委托); the
//! federation's page lists those projects.

mod charter;
pub mod db;
mod export;
mod forms;
mod members;
pub mod org_panel;
mod pages;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;
use crate::web::input::UPLOAD_BODY_BYTES;

/// The owner kind of a federation's signed charter (files service).
pub const CHARTER_FILES: &str = "federation_charter";

crate::text_enum!(pub enum FederationKind("federations.kind") {
    Federation => "federation",
    UnionFederation => "union_federation",
    JointPlatform => "joint_platform",
});

crate::text_enum!(pub enum FederationStatus("federations.status") {
    Active => "active",
    Suspended => "suspended",
    Dissolved => "dissolved",
});

crate::text_enum!(pub enum MemberRole("federations.role") {
    Member => "member",
    CouncilMember => "council_member",
    ViceChairUnit => "vice_chair_unit",
    ChairUnit => "chair_unit",
});

crate::text_enum!(pub enum PartnerKind("federations.partner") {
    YouthLeague => "youth_league",
    WomensFederation => "womens_federation",
    DisabledPersonsFederation => "disabled_persons_federation",
    CivilAffairs => "civil_affairs",
    Other => "other",
});

/// The values as their text in audit entries (the record's own words).
macro_rules! serialize_as_text {
    ($($name:ident),+) => {$(
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    )+};
}

serialize_as_text!(FederationKind, FederationStatus, MemberRole, PartnerKind);

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/federations",
            get(pages::list_federations).post(pages::create_federation),
        )
        .route("/federations/new", get(pages::new_federation_form))
        .route("/federations/export.csv", get(export::export_federations))
        .route("/federations/export.xlsx", get(export::export_federations))
        .route("/federations/{id}", get(pages::show_federation))
        .route(
            "/federations/{id}/edit",
            get(pages::edit_federation_form).post(pages::update_federation),
        )
        .route("/federations/{id}/members", post(members::admit_member))
        .route(
            "/federations/{id}/members/{mid}/leave",
            post(members::end_membership),
        )
        .route(
            "/federations/{id}/charter",
            post(charter::upload_charter).layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
}
