//! The report lists: an organization's own reports — by default the ones it
//! still has to fill in — a supervisor's, and a cadre's — by default the
//! submitted ones waiting for a decision — with the overdue ones a click away.
//! Keyset pages, latest due date first.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::db::{self, ReportRow, Show};
use crate::db::Tx;
use crate::db::list::KeyPart;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::identity::Role;
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link};
use crate::web::{Ctx, render};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ReportsQuery {
    /// `to_fill`, `waiting`, `overdue` or `all`; empty is the role's default.
    pub show: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

impl ReportsQuery {
    /// What the list shows for `user`, and its name in the address; an
    /// unknown value is a bad request.
    pub fn show(&self, user: &CurrentUser) -> AppResult<(Show, &'static str)> {
        let cadre = user.role.works_in_scope();
        Ok(match self.show.as_str() {
            "to_fill" => (Show::ToFill, "to_fill"),
            "waiting" => (Show::Waiting, "waiting"),
            "overdue" => (Show::Overdue, "overdue"),
            "all" => (Show::All, "all"),
            "" if cadre || user.role == Role::Evaluator => (Show::Waiting, "waiting"),
            "" if user.role == Role::Org => (Show::ToFill, "to_fill"),
            "" => (Show::All, "all"),
            _ => return Err(AppError::BadRequest("unknown report list".into())),
        })
    }
}

#[derive(Template)]
#[template(path = "delivery/reports.html")]
struct ReportsPage {
    ctx: Ctx,
    show: &'static str,
    /// An organization's list: what it has to fill in comes first.
    for_org: bool,
    reports: Vec<ReportRow>,
    next: Option<String>,
    prev: Option<String>,
}

impl ReportsPage {
    fn tabs(&self) -> [&'static str; 4] {
        if self.for_org {
            ["to_fill", "waiting", "overdue", "all"]
        } else {
            ["waiting", "to_fill", "overdue", "all"]
        }
    }

    fn export_links(&self) -> ExportLinks {
        let query = ReportsQuery {
            show: self.show.to_owned(),
            page: PageQuery::default(),
        };
        export_links("/reports", &query)
    }
}

pub async fn list_reports(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<ReportsQuery>,
) -> AppResult<Response> {
    let scope = user.list_scope().ok_or(AppError::Forbidden)?;
    let (show, name) = query.show(&user)?;
    let position = query.page.position(&[KeyPart::Date, KeyPart::Uuid])?;
    let page = db::list(&mut tx, &scope, show, &position).await?;
    tx.commit().await?;
    let query = ReportsQuery {
        show: name.to_owned(),
        page: PageQuery::default(),
    };
    let link = |param: &str, cursor: String| page_link("/reports", &query, param, &cursor);
    render(&ReportsPage {
        ctx,
        show: name,
        for_org: user.role == Role::Org,
        reports: page.rows,
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
    })
}
