//! The results page: a plain GET form and the groups of hits, which work
//! without JavaScript.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use serde::Deserialize;

use super::db::{self, Named, SHORT_READ};
use super::groups::{self, Group};
use super::text::{SearchText, Unsearchable};
use crate::db::Tx;
use crate::error::AppResult;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::web::flash::see_other;
use crate::web::{Ctx, format, render};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    pub q: String,
}

#[derive(Template)]
#[template(path = "search/results.html")]
struct SearchPage {
    ctx: Ctx,
    /// The text as typed, echoed into the form.
    q: String,
    /// Why nothing was searched, when nothing was.
    unsearchable: Option<Unsearchable>,
    groups: Vec<Group>,
    /// Whether the text was too short for the indexes, so that the longer
    /// lists were searched in part (see `db::SHORT_READ`).
    short: bool,
}

impl SearchPage {
    fn found_nothing(&self) -> bool {
        self.unsearchable.is_none() && self.groups.iter().all(Group::is_empty)
    }

    fn short_read(&self) -> String {
        format::thousands(SHORT_READ)
    }
}

pub async fn search(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<SearchQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::Search)?;
    let text = match SearchText::parse(&query.q) {
        Ok(text) => text,
        Err(why) => {
            tx.commit().await?;
            return render(&SearchPage {
                ctx,
                q: query.q,
                unsearchable: Some(why),
                groups: Vec::new(),
                short: false,
            });
        }
    };
    if let Some(code) = text.project_code_prefix()
        && let Some(named) = db::named_by_code(&mut tx, &code).await?
    {
        tx.commit().await?;
        return Ok(see_other(&match named {
            Named::Org(id) => format!("/orgs/{id}"),
            Named::Project(id) => format!("/projects/{id}"),
        }));
    }
    let groups = groups::find(&mut tx, &user, &text, ctx.lang).await?;
    tx.commit().await?;
    render(&SearchPage {
        ctx,
        q: query.q,
        unsearchable: None,
        groups,
        short: text.is_short(),
    })
}
