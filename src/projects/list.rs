//! The list of projects: filters in the query string, keyset pages.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::Status;
use super::db::{self, Filter, ProjectRow};
use crate::db::Tx;
use crate::db::list::{CappedCount, KeyPart, ListScope};
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::orgs::kinds::Domain;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::web::money::Fen;
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link};
use crate::web::{Ctx, render};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProjectsQuery {
    pub q: String,
    pub status: String,
    pub domain: String,
    /// A year (`projects::year`).
    pub year: String,
    /// A union in the scope whose subtree's projects are listed.
    pub union: String,
    /// `1`: only the projects the chosen union bought itself.
    pub own: String,
    /// `funded`: only funded projects (approved, not cancelled).
    pub stage: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

impl ProjectsQuery {
    /// The filter these parameters describe, for `user`: an unknown value is
    /// a bad request, a union outside the scope is not found. Also the chosen
    /// union's name, to say what the list is narrowed to.
    pub async fn filter(
        &self,
        tx: &mut Tx,
        user: &CurrentUser,
    ) -> AppResult<(Filter, Option<String>)> {
        let bad = |what: &str| AppError::BadRequest(format!("unknown {what}"));
        let union = match self.union.trim() {
            "" => None,
            id => {
                let id = id.parse().map_err(|_| bad("union"))?;
                Some(
                    crate::unions::db::find(tx, id)
                        .await?
                        .ok_or(AppError::NotFound)?,
                )
            }
        };
        let own = match self.own.as_str() {
            "" => false,
            "1" => true,
            _ => return Err(bad("own flag")),
        };
        let filter = Filter {
            scope: ListScope::of_path(union.as_ref().map_or(&user.union.path, |u| &u.path)),
            q: Some(self.q.trim().to_owned()).filter(|q| !q.is_empty()),
            status: match self.status.as_str() {
                "" => None,
                v => Some(Status::parse(v).ok_or_else(|| bad("status"))?),
            },
            domain: match self.domain.as_str() {
                "" => None,
                v => Some(Domain::parse(v).ok_or_else(|| bad("domain"))?),
            },
            year: super::year::parse(&self.year)?,
            funded: match self.stage.as_str() {
                "" => false,
                "funded" => true,
                _ => return Err(bad("stage")),
            },
            own_union: own.then(|| union.as_ref().map_or(user.union.id, |u| u.id)),
        };
        Ok((filter, union.map(|u| u.name)))
    }
}

#[derive(Template)]
#[template(path = "projects/list.html")]
struct ProjectsPage {
    ctx: Ctx,
    query: ProjectsQuery,
    projects: Vec<ProjectRow>,
    count: CappedCount,
    next: Option<String>,
    prev: Option<String>,
    may_draft: bool,
    /// The years to choose from, the newest first.
    years: Vec<i32>,
    /// The chosen union's name, when the list is narrowed to one.
    union_name: Option<String>,
}

impl ProjectsPage {
    fn statuses(&self) -> Vec<(&'static str, &'static str)> {
        Status::options()
    }

    fn domains(&self) -> Vec<(&'static str, &'static str)> {
        Domain::options()
    }

    fn yuan(&self, fen: &i64) -> String {
        Fen(*fen).wan_yuan()
    }

    /// Whether the list is narrowed by what the money pages link with (the
    /// union, its own projects, funded ones), shown above the results.
    fn export_links(&self) -> ExportLinks {
        export_links("/projects", &self.query)
    }

    fn narrowed(&self) -> bool {
        self.union_name.is_some() || !self.query.own.is_empty() || !self.query.stage.is_empty()
    }
}

pub async fn list_projects(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<ProjectsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListProjects)?;
    let (filter, union_name) = query.filter(&mut tx, &user).await?;
    let position = query.page.position(&[KeyPart::Time, KeyPart::Uuid])?;
    let page = db::list(&mut tx, &filter, &position).await?;
    // The filter holds the scope, all the count depends on for a cadre.
    let count = state
        .caches
        .of::<super::db::ProjectCounts>()
        .0
        .get_or_read(&mut tx, &filter, async |conn| {
            db::count(conn, &filter).await
        })
        .await?;
    let first_year = db::first_year(&mut tx, &user.union.path).await?;
    tx.commit().await?;
    let link = |param: &str, cursor: String| page_link("/projects", &query, param, &cursor);
    render(&ProjectsPage {
        may_draft: policy::permits(
            &user,
            &Action::EditProject {
                union_path: &user.union.path,
            },
        ),
        ctx,
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        projects: page.rows,
        count,
        years: super::year::choices(first_year, filter.year),
        union_name,
        query,
    })
}
