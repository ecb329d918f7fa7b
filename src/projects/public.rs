//! The public list of open calls (`/calls/public`), without login: title,
//! purchaser, budget, window and eligibility, so that organizations not yet on
//! the platform learn of a call and know which union to ask for an account.
//! Fifty calls a page, by province and domain; the database functions behind
//! it never read more than a page, whatever the query asks.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::db::public_calls::{self as db, PublicCall, PublicDocument};
use crate::db::Actor;
use crate::db::list::{KeyPart, PAGE_SIZE, Paged, Position};
use crate::error::AppResult;
use crate::orgs::kinds::{Domain, OrgType};
use crate::state::AppState;
use crate::web::money::Fen;
use crate::web::pagination::{PageQuery, filters_link, page_link};
use crate::web::{Ctx, render};

/// How the public page shows a call.
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

#[derive(Template)]
#[template(path = "projects/public.html")]
struct PublicCallsPage {
    ctx: Ctx,
    filters: PublicFilters,
    provinces: Vec<(String, String)>,
    page: Paged<PublicCall>,
    documents: Vec<PublicDocument>,
}

impl PublicCallsPage {
    fn documents_of(&self, project_id: &Uuid) -> Vec<&PublicDocument> {
        self.documents
            .iter()
            .filter(|d| d.project_id == *project_id)
            .collect()
    }

    fn domains(&self) -> &'static [Domain] {
        Domain::ALL
    }

    fn next_link(&self) -> Option<String> {
        self.page
            .next
            .as_deref()
            .map(|cursor| page_link("/calls/public", &self.filters, "after", cursor))
    }

    fn first_link(&self) -> Option<String> {
        self.page
            .prev
            .is_some()
            .then(|| filters_link("/calls/public", &self.filters))
    }
}

/// The list's filters, as the query string carries them.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct PublicFilters {
    /// A provincial federation's path, as `public_provinces` lists them.
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub domain: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct PublicQuery {
    #[serde(flatten)]
    filters: PublicFilters,
    #[serde(flatten)]
    page: PageQuery,
}

pub async fn public_calls(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<PublicQuery>,
) -> AppResult<Response> {
    let position = query.page.position(&[KeyPart::Date, KeyPart::Text])?;
    let mut tx = state.db.begin(&Actor::anonymous()).await?;
    let provinces = db::public_provinces(&mut tx).await?;
    let mut filters = query.filters;
    if !provinces.iter().any(|(path, _)| *path == filters.province) {
        filters.province.clear();
    }
    let domain = Domain::parse(&filters.domain);
    if domain.is_none() {
        filters.domain.clear();
    }
    let (after_closes, after_code) = match &position {
        Position::After(key) => (
            NaiveDate::parse_from_str(&key[0], "%Y-%m-%d").ok(),
            Some(key[1].as_str()),
        ),
        _ => (None, None),
    };
    let province = (!filters.province.is_empty()).then_some(filters.province.as_str());
    let limit = i32::try_from(PAGE_SIZE + 1).unwrap_or(51);
    let rows =
        db::public_open_calls(&mut tx, province, domain, after_closes, after_code, limit).await?;
    // Only forward: a "before" cursor reads from the start.
    let position = match position {
        Position::Before(_) => Position::Start,
        other => other,
    };
    let page = Paged::from_rows(rows, &position, |call: &PublicCall| {
        vec![call.apply_closes_on.to_string(), call.code.clone()]
    });
    let ids: Vec<Uuid> = page.rows.iter().map(|call| call.id).collect();
    let documents = db::public_call_documents(&mut tx, &ids).await?;
    tx.commit().await?;
    render(&PublicCallsPage {
        ctx,
        filters,
        provinces,
        page,
        documents,
    })
}
