//! The list of trainings and exchanges: filters (year, kind, organizing
//! union with the unions below it), pages, and the totals per organizing union
//! and year of what the filter finds.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::Kind;
use super::db::{self, Filter, Totals, TrainingRow, UnionYearTotals};
use crate::db::Tx;
use crate::db::list::{CappedCount, KeyPart, ListScope};
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::unions;
use crate::unions::db::PickerOption;
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link};
use crate::web::{Ctx, render};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct TrainingsQuery {
    pub year: String,
    pub kind: String,
    pub union: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

impl TrainingsQuery {
    /// The list's filter for `user`: an unknown value is a bad request, a
    /// union outside the scope is not found.
    pub async fn filter(&self, tx: &mut Tx, user: &CurrentUser) -> AppResult<Filter> {
        let bad = |what: &str| AppError::BadRequest(format!("unknown {what}"));
        let year = match self.year.trim() {
            "" => None,
            typed => Some(
                typed
                    .parse::<i32>()
                    .ok()
                    .filter(|y| super::super::year_in_range(*y))
                    .ok_or_else(|| bad("year"))?,
            ),
        };
        let kind = match self.kind.trim() {
            "" => None,
            typed => Some(Kind::parse(typed).ok_or_else(|| bad("kind"))?),
        };
        let path = match self.union.trim() {
            "" => user.union.path.clone(),
            typed => {
                let id = typed.parse::<i64>().map_err(|_| bad("union"))?;
                unions::db::find(tx, id)
                    .await?
                    .ok_or(AppError::NotFound)?
                    .path
            }
        };
        Ok(Filter {
            year,
            kind,
            scope: ListScope::of_path(&path),
        })
    }
}

#[derive(Template)]
#[template(path = "work_system/trainings.html")]
struct TrainingsPage {
    ctx: Ctx,
    query: TrainingsQuery,
    trainings: Vec<TrainingRow>,
    count: CappedCount,
    next: Option<String>,
    prev: Option<String>,
    totals: Totals,
    by_union: Vec<UnionYearTotals>,
    unions: Vec<PickerOption>,
    may_add: bool,
}

impl TrainingsPage {
    fn export_links(&self) -> ExportLinks {
        export_links("/trainings", &self.query)
    }

    fn kinds(&self) -> Vec<(&'static str, &'static str)> {
        Kind::options()
    }

    /// The years to choose from, the newest first.
    fn years(&self) -> Vec<String> {
        (2000..=super::super::this_year() + 1)
            .rev()
            .map(|y| y.to_string())
            .collect()
    }

    fn totals_capped(&self) -> bool {
        self.by_union.len() as i64 >= db::TOTALS_SHOWN
    }
}

pub async fn list_trainings(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<TrainingsQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ViewWorkSystem)?;
    let filter = query.filter(&mut tx, &user).await?;
    let position = query.page.position(&[KeyPart::Date, KeyPart::Uuid])?;
    let page = db::list(&mut tx, &filter, &position).await?;
    let count = db::count(&mut tx, &filter).await?;
    let totals = db::totals(&mut tx, &filter).await?;
    let by_union = db::totals_by_union_and_year(&mut tx, &filter).await?;
    let unions =
        unions::db::picker_options(&mut tx, user.union.id, query.union.parse().ok()).await?;
    tx.commit().await?;
    let link = |param: &str, cursor: String| page_link("/trainings", &query, param, &cursor);
    render(&TrainingsPage {
        may_add: policy::permits(
            &user,
            &Action::EditWorkSystem {
                union_path: &user.union.path,
            },
        ),
        ctx,
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        trainings: page.rows,
        count,
        totals,
        by_union,
        unions,
        query,
    })
}
