//! The search box (搜索): one text, looked for across the organizations,
//! projects, contracts, worker needs and accounts the reader may list, within
//! their scope. The results page (`/search?q=…`) shows a few hits per kind
//! with a capped count and a link to that kind's list filtered by the same
//! text; a whole credit code or project code opens its record. It reads every
//! domain and no domain reads it.

pub mod db;
mod groups;
mod page;
pub mod text;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/search", get(page::search))
}
