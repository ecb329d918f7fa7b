//! The registry list: search and filters in the query string (shareable URLs),
//! sortable columns, keyset pages, counts up to 10,000.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::kinds::{Category, Domain, OrgStatus, OrgType, Relationship, UnionBuilding};
use super::search::{self, OrgListRow, RatingFilter, Search, SortKey};
use crate::db::Tx;
use crate::db::list::CappedCount;
use crate::db::list::ListScope;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::unions;
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link, sort_link};
use crate::web::{Ctx, render};

/// The list's query string, as typed (echoed into the filter bar and links).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct OrgsQuery {
    pub q: String,
    pub org_type: String,
    pub domain: String,
    pub rating: String,
    pub category: String,
    pub relationship: String,
    pub union_building: String,
    pub status: String,
    pub union: String,
    pub division: String,
    pub overdue: String,
    pub sort: String,
    pub dir: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

impl OrgsQuery {
    /// The search these parameters describe, for `user`; an unknown value is a
    /// bad request, a union outside the scope is not found.
    pub async fn search(&self, tx: &mut Tx, user: &CurrentUser) -> AppResult<Search> {
        // The chosen home union (found only in scope) narrows the search to its
        // subtree; without one, the search covers the actor's scope.
        let searched_path = match self.union.trim() {
            "" => user.union.path.clone(),
            id => {
                let id = id
                    .parse()
                    .map_err(|_| AppError::BadRequest("bad union".into()))?;
                unions::db::find(tx, id)
                    .await?
                    .ok_or(AppError::NotFound)?
                    .path
            }
        };
        Ok(Search {
            scope: ListScope::of_path(&searched_path)
                .listing_unions(tx)
                .await?,
            ..self.filters()?
        })
    }

    /// The filters alone (the search's scope left at its default): what the
    /// statistics narrow a dashboard with, read as the list reads them.
    pub fn filters(&self) -> AppResult<Search> {
        fn pick<T>(value: &str, parse: fn(&str) -> Option<T>, what: &str) -> AppResult<Option<T>> {
            match value.trim() {
                "" => Ok(None),
                v => parse(v)
                    .map(Some)
                    .ok_or_else(|| AppError::BadRequest(format!("unknown {what}"))),
            }
        }
        let division = match self.division.trim() {
            "" => None,
            d if d.len() <= 6 && d.bytes().all(|b| b.is_ascii_digit()) => {
                Some(d.trim_end_matches("00").to_owned())
            }
            _ => return Err(AppError::BadRequest("bad division".into())),
        };
        let q = self.q.trim();
        Ok(Search {
            q: (!q.is_empty()).then(|| q.chars().take(100).collect()),
            org_type: pick(&self.org_type, OrgType::parse, "type")?,
            domain: pick(&self.domain, Domain::parse, "domain")?,
            rating: pick(&self.rating, RatingFilter::parse, "rating")?,
            category: pick(&self.category, Category::parse, "category")?,
            relationship: pick(&self.relationship, Relationship::parse, "relationship")?,
            union_building: pick(&self.union_building, UnionBuilding::parse, "union building")?,
            status: pick(&self.status, OrgStatus::parse, "status")?,
            division,
            contact_overdue: match self.overdue.as_str() {
                "" => false,
                "1" => true,
                _ => return Err(AppError::BadRequest("bad overdue flag".into())),
            },
            scope: ListScope::default(),
        })
    }

    pub fn sort(&self) -> AppResult<(SortKey, bool)> {
        let key = match self.sort.as_str() {
            "" => SortKey::Name,
            other => {
                SortKey::parse(other).ok_or_else(|| AppError::BadRequest("unknown sort".into()))?
            }
        };
        let descending = match self.dir.as_str() {
            "" | "asc" => false,
            "desc" => true,
            _ => return Err(AppError::BadRequest("unknown sort direction".into())),
        };
        Ok((key, descending))
    }

    /// Whether any of the filters under "more filters" is set (to show them open).
    pub fn more_filters_set(&self) -> bool {
        [
            &self.domain,
            &self.category,
            &self.relationship,
            &self.union_building,
            &self.union,
            &self.division,
            &self.overdue,
        ]
        .iter()
        .any(|v| !v.is_empty())
    }
}

#[derive(Template)]
#[template(path = "orgs/list.html")]
struct OrgsPage {
    ctx: Ctx,
    query: OrgsQuery,
    rows: Vec<OrgListRow>,
    count: CappedCount,
    next: Option<String>,
    prev: Option<String>,
    sort: SortKey,
    descending: bool,
    can_edit: bool,
    unions: Vec<(i64, String, i32)>,
}

impl OrgsPage {
    fn sort_href(&self, column: &str) -> String {
        let dir = if self.sort.as_str() == column && !self.descending {
            "desc"
        } else {
            "asc"
        };
        sort_link("/orgs", &self.query, column, dir)
    }

    fn aria_sort(&self, column: &str) -> &'static str {
        match (self.sort.as_str() == column, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }

    fn export_links(&self) -> ExportLinks {
        export_links("/orgs", &self.query)
    }

    fn org_types(&self) -> &'static [OrgType] {
        OrgType::ALL
    }

    fn domains(&self) -> &'static [Domain] {
        Domain::ALL
    }

    fn categories(&self) -> &'static [Category] {
        Category::ALL
    }

    fn relationships(&self) -> &'static [Relationship] {
        Relationship::ALL
    }

    fn union_buildings(&self) -> &'static [UnionBuilding] {
        UnionBuilding::ALL
    }

    fn statuses(&self) -> &'static [OrgStatus] {
        OrgStatus::ALL
    }
}

pub async fn list_orgs(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<OrgsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListOrgs)?;
    let search = query.search(&mut tx, &user).await?;
    let (sort, descending) = query.sort()?;
    let position = query.page.position(&sort.cursor())?;
    let page = search::page(&mut tx, &search, sort, descending, &position).await?;
    let count = state
        .caches
        .of::<super::counts::RegistryCounts>()
        .lists
        .get_or_read(&mut tx, &(&user.union.path, &search), async |conn| {
            search::count(conn, &search).await
        })
        .await?;
    let unions =
        unions::picker::cached_options(&state, &mut tx, &user, query.union.parse().ok()).await?;
    tx.commit().await?;
    let link = |param: &str, cursor: String| page_link("/orgs", &query, param, &cursor);
    render(&OrgsPage {
        can_edit: policy::permits(
            &user,
            &Action::EditOrg {
                union_path: &user.union.path,
            },
        ),
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        rows: page.rows,
        count,
        sort,
        descending,
        unions,
        ctx,
        query,
    })
}
