//! The public list of open calls (`/calls/public`), without login: title,
//! purchaser, budget, window and eligibility, so that organizations not yet on
//! the platform learn of a call and know which union to ask for an account.

use askama::Template;
use axum::response::Response;
use chrono::NaiveDate;
use uuid::Uuid;

use axum::extract::State;

use crate::db::Actor;
use crate::error::AppResult;
use crate::orgs::kinds::{Domain, OrgType};
use crate::state::AppState;
use crate::web::money::Fen;
use crate::web::{Ctx, render};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PublicCall {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    #[sqlx(try_from = "String")]
    pub domain: Domain,
    pub purchaser: String,
    pub budget_fen: i64,
    pub apply_opens_on: NaiveDate,
    pub apply_closes_on: NaiveDate,
    pub eligible_types: Vec<String>,
    pub min_rating: Option<i16>,
    pub min_years: i16,
}

impl PublicCall {
    pub fn type_keys(&self) -> Vec<&'static str> {
        self.eligible_types
            .iter()
            .filter_map(|t| OrgType::parse(t))
            .map(OrgType::label_key)
            .collect()
    }

    pub fn budget(&self) -> String {
        Fen(self.budget_fen).wan_yuan()
    }
}

/// A document of an open call.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PublicDocument {
    pub id: Uuid,
    pub project_id: Uuid,
    pub file_name: String,
}

#[derive(Template)]
#[template(path = "projects/public.html")]
struct PublicCallsPage {
    ctx: Ctx,
    calls: Vec<PublicCall>,
    documents: Vec<PublicDocument>,
}

impl PublicCallsPage {
    fn documents_of(&self, project_id: &Uuid) -> Vec<&PublicDocument> {
        self.documents
            .iter()
            .filter(|d| d.project_id == *project_id)
            .collect()
    }
}

pub async fn public_calls(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    let calls: Vec<PublicCall> = sqlx::query_as("select * from public_open_calls()")
        .fetch_all(&mut *tx)
        .await?;
    let documents: Vec<PublicDocument> = sqlx::query_as("select * from public_call_documents()")
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    render(&PublicCallsPage {
        ctx,
        calls,
        documents,
    })
}
