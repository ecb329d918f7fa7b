//! Expert review (评审): the purchaser assigns reviewers to submitted
//! applications; reviewers declare conflicts, score against the project's
//! approval-review system and submit; means (trimmed from five reviews) rank
//! the applications; the score table exports to Excel as shown.

pub mod db;
mod export;
pub mod manage;
mod score;
mod table;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projects/{id}/reviews", get(manage::reviews_page))
        .route("/projects/{id}/reviews/assign", post(manage::assign))
        .route("/projects/{id}/reviews/links", post(manage::add_link))
        .route("/projects/{id}/reviews.xlsx", get(table::export))
        .route("/reviews", get(score::my_reviews))
        .route("/reviews/export.csv", get(export::export))
        .route("/reviews/export.xlsx", get(export::export))
        .route("/reviews/{id}", get(score::review_page))
        .route("/reviews/{id}/declare", post(score::declare))
        .route("/reviews/{id}/scores", post(score::save_sheet))
        .route("/reviews/{id}/reopen", post(manage::reopen))
}
