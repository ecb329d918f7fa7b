//! The union's work system (工作体系, 落实领导责任，健全工作体系): per union the
//! responsible leader (分管领导), the responsible department, named staff
//! (linked to the union's accounts where they have one), each year's work plan
//! and summary and the year's funding line; and the cadre trainings and
//! exchanges (干部培训、交流研讨) unions hold, with their totals per union and
//! year. `db::coverage` counts, for the dashboards, how many unions below one
//! have a responsible department.

pub mod db;
mod documents;
mod edit;
mod forms;
mod show;
mod staff;
pub mod trainings;
pub mod union_panel;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;
use crate::web::input::UPLOAD_BODY_BYTES;

/// Files of kind `work_year`: a union's plan or summary of one year.
pub const YEAR_OWNER_KIND: &str = "work_year";

crate::text_enum!(pub enum DocumentLabel("work_system.document") {
    Plan => "plan",
    Summary => "summary",
});

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/work-system", get(show::own_work_system))
        .route("/unions/{id}/work-system", get(show::show_work_system))
        .route(
            "/unions/{id}/work-system/edit",
            get(edit::edit_form).post(edit::update),
        )
        .route("/unions/{id}/work-system/staff", post(staff::add))
        .route(
            "/unions/{id}/work-system/staff/{staff_id}/delete",
            post(staff::remove),
        )
        .route(
            "/unions/{id}/work-system/documents",
            post(documents::upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
        .merge(trainings::router())
}

/// This year in China.
pub fn this_year() -> i32 {
    use chrono::Datelike;
    chrono::Utc::now()
        .with_timezone(&crate::web::format::china_time())
        .year()
}

/// The years a record may name: from 2000 to next year.
pub fn year_in_range(year: i32) -> bool {
    (2000..=this_year() + 1).contains(&year)
}
