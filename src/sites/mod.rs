//! Service sites (服务阵地): the hubs and stations unions run — service
//! centers at province, city and county level, township and street points,
//! stations, 15分钟之家, rest stops for outdoor workers, sanitation workers'
//! love stations, building union stations. A site belongs to its owning union
//! (and takes its level), sits in a GB/T 2260 division inside that union's
//! own (`crate::divisions`), and may name the registry organization that runs
//! it. The list filters by kind, level, union subtree and division; the
//! counts page shows the pyramid by level and kind with a row per child
//! union; each union's list prints.

pub mod db;
mod export;
mod forms;
mod pages;
mod photos;
mod pyramid;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;
use crate::web::input::UPLOAD_BODY_BYTES;

/// The owner kind of a site's photos.
pub const PHOTO_FILES: &str = "site_photo";

crate::text_enum!(pub enum SiteKind("sites.kind") {
    ServiceCenter => "service_center",
    ServicePoint => "service_point",
    Station => "station",
    Home15Min => "home_15min",
    OutdoorRest => "outdoor_rest",
    SanitationStation => "sanitation_station",
    BuildingStation => "building_station",
    Other => "other",
});

crate::text_enum!(pub enum Datum("sites.datum") {
    Gcj02 => "gcj02",
    Wgs84 => "wgs84",
});

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sites", get(pages::list_sites).post(pages::create_site))
        .route("/sites/new", get(pages::new_site_form))
        .route("/sites/export.csv", get(export::export_sites))
        .route("/sites/export.xlsx", get(export::export_sites))
        .route("/sites/counts", get(pyramid::site_counts))
        .route("/sites/print", get(pyramid::print_sites))
        .route("/sites/{id}", get(pages::show_site))
        .route(
            "/sites/{id}/edit",
            get(pages::edit_site_form).post(pages::update_site),
        )
        .route(
            "/sites/{id}/photos",
            post(photos::add_photo).layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
}
