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
    #[serde(flatten)]
    pub page: PageQuery,
}

impl ProjectsQuery {
    /// The list's filters, within the reader's scope; an unknown value is a
    /// bad request.
    pub fn filter(&self, user: &CurrentUser) -> AppResult<Filter> {
        let bad = |what: &str| AppError::BadRequest(format!("unknown {what}"));
        Ok(Filter {
            scope: ListScope::of_path(&user.union.path),
            q: Some(self.q.trim().to_owned()).filter(|q| !q.is_empty()),
            status: match self.status.as_str() {
                "" => None,
                v => Some(Status::parse(v).ok_or_else(|| bad("status"))?),
            },
            domain: match self.domain.as_str() {
                "" => None,
                v => Some(Domain::parse(v).ok_or_else(|| bad("domain"))?),
            },
        })
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

    fn export_links(&self) -> ExportLinks {
        export_links("/projects", &self.query)
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
    let filter = query.filter(&user)?;
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
        query,
    })
}
