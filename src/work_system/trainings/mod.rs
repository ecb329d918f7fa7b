//! Cadre trainings and exchanges (干部培训、交流研讨): the date, the organizing
//! union, the topic, the accounts that attended and a count of those without
//! one, the hours, the materials; the list with its totals per union and year,
//! and its export.

pub mod db;
mod export;
mod forms;
mod list;
mod pages;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;
use crate::web::input::UPLOAD_BODY_BYTES;

/// Files of kind `training`: a training's materials.
pub const OWNER_KIND: &str = "training";

crate::text_enum!(pub enum Kind("trainings.kind") {
    Training => "training",
    Exchange => "exchange",
});

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/trainings",
            get(list::list_trainings).post(pages::create_training),
        )
        .route("/trainings/new", get(pages::new_training_form))
        .route("/trainings/export.csv", get(export::export_trainings))
        .route("/trainings/export.xlsx", get(export::export_trainings))
        .route("/trainings/{id}", get(pages::show_training))
        .route(
            "/trainings/{id}/edit",
            get(pages::edit_training_form).post(pages::update_training),
        )
        .route(
            "/trainings/{id}/delete",
            get(pages::confirm_delete).post(pages::delete_training),
        )
        .route(
            "/trainings/{id}/materials",
            post(pages::upload_material).layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
}

/// `3.5` from 35 tenths of an hour, `3` from 30.
pub fn hours_text(tenths: i64) -> String {
    let whole = crate::web::format::thousands(tenths / 10);
    match tenths % 10 {
        0 => whole,
        tenth => format!("{whole}.{tenth}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hours_show_their_tenth_only_when_they_have_one() {
        assert_eq!(super::hours_text(35), "3.5");
        assert_eq!(super::hours_text(30), "3");
        assert_eq!(super::hours_text(123_450), "12,345");
    }
}
