//! The union page: the union, its subtree's size and accounts, and its
//! children with counts.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::db::{self, ChildRow, UnionRow};
use crate::db::Tx;
use crate::db::list::KeyPart;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::identity::Level;
use crate::identity::Role;
use crate::policy::{self, Action};
use crate::web::pagination::{PageQuery, page_link};
use crate::web::{Crumb, Ctx, flash, render};

pub async fn own_union(user: CurrentUser) -> AppResult<axum::response::Response> {
    policy::require(&user, &Action::BrowseUnions)?;
    Ok(flash::see_other(&format!("/unions/{}", user.union.id)))
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ChildrenQuery {
    #[serde(default)]
    pub q: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

#[derive(Template)]
#[template(path = "unions/show.html")]
struct UnionPage {
    ctx: Ctx,
    union: UnionRow,
    descendant_count: i64,
    users_by_role: Vec<(Role, i64)>,
    children: Vec<ChildRow>,
    query: ChildrenQuery,
    next: Option<String>,
    prev: Option<String>,
    can_create: bool,
    can_edit: bool,
    can_add_user: bool,
    can_set_interval: bool,
    can_set_threshold: bool,
    /// What other areas draw on the page (`web::panels`).
    panels: Vec<crate::web::panels::Panel>,
}

impl UnionPage {
    fn threshold(&self) -> String {
        crate::web::money::Fen(self.union.approval_threshold_fen).to_yuan_input()
    }

    fn sets_threshold(&self) -> bool {
        matches!(self.union.level, Level::National | Level::Provincial)
    }
}

pub async fn show_union(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<i64>,
    Query(query): Query<ChildrenQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::BrowseUnions)?;
    let union = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let q = Some(query.q.trim()).filter(|q| !q.is_empty());
    let page = db::children(
        &mut tx,
        id,
        q,
        &query
            .page
            .position(&[KeyPart::Text, KeyPart::Text, KeyPart::Int])?,
    )
    .await?;
    let users_by_role = db::users_by_role(&mut tx, &union.path).await?;
    let descendant_count = db::descendant_count(&mut tx, &union.path).await?;
    let crumbs = crumbs_below_own(&mut tx, &user, &union).await?;
    let panels = ctx
        .panels()
        .draw(super::PAGE, &mut tx, &ctx, &user, super::panel_key(id))
        .await?;
    tx.commit().await?;
    let link =
        |param: &str, cursor: String| page_link(&format!("/unions/{id}"), &query, param, &cursor);
    render(&UnionPage {
        ctx: ctx.with_crumbs(crumbs),
        can_create: policy::permits(
            &user,
            &Action::CreateUnionUnder {
                parent_path: &union.path,
            },
        ),
        can_edit: policy::permits(&user, &Action::EditUnion { path: &union.path }),
        can_set_interval: policy::permits(
            &user,
            &Action::SetContactInterval {
                union_path: &union.path,
            },
        ),
        can_set_threshold: policy::permits(
            &user,
            &Action::SetApprovalThreshold {
                union_path: &union.path,
                level: union.level,
            },
        ),
        can_add_user: policy::permits(
            &user,
            &Action::AssignRole {
                role: Role::Staff,
                union_path: &union.path,
            },
        ),
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        children: page.rows,
        descendant_count,
        users_by_role,
        panels,
        union,
        query,
    })
}

/// Breadcrumbs from below the user's own union down to `union` (the user's
/// own union path is already shown by the layout).
pub async fn crumbs_below_own(
    tx: &mut Tx,
    user: &CurrentUser,
    union: &UnionRow,
) -> AppResult<Vec<Crumb>> {
    let chain = db::chain(tx, &user.union.path, &union.path).await?;
    Ok(chain
        .into_iter()
        .filter(|(id, _)| *id != user.union.id)
        .map(|(id, name)| Crumb {
            label: name,
            href: Some(format!("/unions/{id}")),
        })
        .collect())
}

#[derive(Debug, serde::Deserialize)]
pub struct IntervalForm {
    #[serde(default)]
    days: String,
}

pub async fn set_contact_interval(
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<IntervalForm>,
) -> AppResult<Response> {
    let union = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::SetContactInterval {
            union_path: &union.path,
        },
    )?;
    let Some(days) = form
        .days
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|d| (7..=730).contains(d))
    else {
        return Ok(flash::redirect(
            &format!("/unions/{id}"),
            crate::web::Flash::new("orgs.interval_range"),
        ));
    };
    db::set_contact_interval(&mut tx, id, days).await?;
    let entry = crate::audit::Entry::new("union.interval_changed", "union", id)
        .at(id, &union.path)
        .detail(
            "contact_interval_days",
            serde_json::json!({ "before": union.contact_interval_days, "after": days }),
        );
    crate::audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/unions/{id}"),
        crate::web::Flash::new("form.saved"),
    ))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ThresholdForm {
    #[serde(default)]
    yuan: String,
}

pub async fn set_approval_threshold(
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<ThresholdForm>,
) -> AppResult<Response> {
    let union = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::SetApprovalThreshold {
            union_path: &union.path,
            level: union.level,
        },
    )?;
    let Some(fen) = crate::web::money::Fen::parse_yuan(&form.yuan) else {
        return Ok(flash::redirect(
            &format!("/unions/{id}"),
            crate::web::Flash::new("orgs.money_format"),
        ));
    };
    db::set_approval_threshold(&mut tx, id, fen.0).await?;
    let entry = crate::audit::Entry::new("union.threshold_changed", "union", id)
        .at(id, &union.path)
        .detail(
            "approval_threshold_fen",
            serde_json::json!({ "before": union.approval_threshold_fen, "after": fen.0 }),
        );
    crate::audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/unions/{id}"),
        crate::web::Flash::new("form.saved"),
    ))
}
