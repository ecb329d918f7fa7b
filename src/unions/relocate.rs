//! Moving a union (with its whole subtree) under another union of the scope.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query};
use axum::response::Response;
use serde::Deserialize;

use super::db::{self, UnionRow};
use super::show::crumbs_below_own;
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Template)]
#[template(path = "unions/move.html")]
struct MovePage {
    ctx: Ctx,
    union: UnionRow,
    q: String,
    targets: Vec<UnionRow>,
    errors: FieldErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct TargetQuery {
    #[serde(default)]
    q: String,
}

pub async fn move_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<i64>,
    Query(query): Query<TargetQuery>,
) -> AppResult<Response> {
    let union = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::MoveUnion {
            path: &union.path,
            new_parent_path: &user.union.path,
        },
    )?;
    let page = move_page(&mut tx, ctx, &user, union, query.q, FieldErrors::default()).await?;
    render(&page)
}

#[derive(Debug, Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    version: i32,
}

pub async fn move_union(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<i64>,
    Form(form): Form<MoveForm>,
) -> AppResult<Response> {
    let union = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let target = match form.parent_id.parse::<i64>() {
        Ok(parent_id) => db::find(&mut tx, parent_id).await?,
        Err(_) => None,
    };
    policy::require(
        &user,
        &Action::MoveUnion {
            path: &union.path,
            new_parent_path: &user.union.path,
        },
    )?;
    let mut errors = FieldErrors::default();
    if let Some(problem) = target_problem(&union, target.as_ref()) {
        errors.add("parent_id", problem);
    }
    let Some(target) = target.filter(|_| errors.is_empty()) else {
        let page = move_page(&mut tx, ctx, &user, union, String::new(), errors).await?;
        return render_invalid(&page);
    };
    policy::require(
        &user,
        &Action::MoveUnion {
            path: &union.path,
            new_parent_path: &target.path,
        },
    )?;
    let Some(moved) = db::move_under(&mut tx, id, form.version, target.id).await? else {
        errors.add("version", "form.conflict");
        let current = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        let page = move_page(&mut tx, ctx, &user, current, String::new(), errors).await?;
        return render_invalid(&page);
    };
    audit_move(&mut tx, &user, &union, &moved).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/unions/{id}"),
        Flash::with_arg("unions.moved", &target.name),
    ))
}

/// Why `target` cannot take `union` (the catalog key of the message beside
/// the field), if it cannot.
fn target_problem(union: &UnionRow, target: Option<&UnionRow>) -> Option<&'static str> {
    match target {
        None => Some("unions.move_choose"),
        Some(target) if policy::is_within(&target.path, &union.path) => Some("unions.move_cycle"),
        Some(target) if Some(target.id) == union.parent_id => Some("unions.move_same_parent"),
        Some(target) if target.level >= union.level => Some("unions.level_nesting"),
        Some(_) => None,
    }
}

/// Audits the move of `before` to where `after` now is.
async fn audit_move(
    tx: &mut Tx,
    user: &CurrentUser,
    before: &UnionRow,
    after: &UnionRow,
) -> AppResult<()> {
    let entry = Entry::new("union.moved", "union", after.id)
        .at(after.id, &after.path)
        .detail(
            "parent_id",
            serde_json::json!({ "before": before.parent_id, "after": after.parent_id }),
        )
        .detail(
            "path",
            serde_json::json!({ "before": before.path, "after": after.path }),
        );
    audit::record(tx, user, entry).await
}

async fn move_page(
    tx: &mut Tx,
    ctx: Ctx,
    user: &CurrentUser,
    union: UnionRow,
    q: String,
    errors: FieldErrors,
) -> AppResult<MovePage> {
    let filter = Some(q.trim()).filter(|q| !q.is_empty());
    let targets = db::move_targets(tx, &union.path, union.level, filter)
        .await?
        .into_iter()
        .filter(|target| Some(target.id) != union.parent_id)
        .collect();
    let crumbs = crumbs_below_own(tx, user, &union).await?;
    Ok(MovePage {
        ctx: ctx.with_crumbs(crumbs),
        union,
        q,
        targets,
        errors,
    })
}
