//! The work system's form: the responsible leader and department, and one
//! year's funding line (`?year=`, this year unless named).

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};

use super::db;
use super::forms::WorkSystemForm;
use super::show::editable_union;
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::unions::db::UnionRow;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct YearQuery {
    year: String,
}

#[derive(Template)]
#[template(path = "work_system/edit.html")]
struct EditPage {
    ctx: Ctx,
    union: UnionRow,
    form: WorkSystemForm,
    errors: FieldErrors,
}

pub async fn edit_form(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<i64>,
    Query(query): Query<YearQuery>,
) -> AppResult<Response> {
    let union = editable_union(&mut tx, &user, id).await?;
    let year = match query.year.trim() {
        "" => super::this_year(),
        typed => typed
            .parse()
            .ok()
            .filter(|y| super::year_in_range(*y))
            .ok_or_else(|| AppError::BadRequest("bad year".into()))?,
    };
    let system = db::find(&mut tx, id).await?;
    let line = db::year(&mut tx, id, year).await?;
    tx.commit().await?;
    let form = WorkSystemForm::of(system.as_ref(), year, line.as_ref());
    render(&EditPage {
        ctx,
        union,
        form,
        errors: FieldErrors::default(),
    })
}

/// What the audit log keeps of a save.
#[derive(Debug, PartialEq, Serialize)]
struct Saved<'a> {
    leader_name: Option<&'a str>,
    leader_title: Option<&'a str>,
    department: Option<&'a str>,
    funding_fen: Option<i64>,
    funding_note: Option<&'a str>,
}

pub async fn update(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<i64>,
    Form(mut form): Form<WorkSystemForm>,
) -> AppResult<Response> {
    let union = editable_union(&mut tx, &user, id).await?;
    let input = match form.parse() {
        Ok(input) => input,
        Err(errors) => {
            return render_invalid(&EditPage {
                ctx,
                union,
                form,
                errors,
            });
        }
    };
    let system = db::find(&mut tx, id).await?;
    let line = db::year(&mut tx, id, input.year).await?;
    if !db::save(&mut tx, id, form.version, &input, user.id).await? {
        form.version = db::find(&mut tx, id).await?.map_or(0, |s| s.version);
        let mut errors = FieldErrors::default();
        errors.add("version", "form.conflict");
        return render_invalid(&EditPage {
            ctx,
            union,
            form,
            errors,
        });
    }
    db::set_funding(
        &mut tx,
        id,
        input.year,
        input.funding_fen,
        input.funding_note.as_deref(),
    )
    .await?;
    let before = Saved {
        leader_name: system.as_ref().and_then(|s| s.leader_name.as_deref()),
        leader_title: system.as_ref().and_then(|s| s.leader_title.as_deref()),
        department: system.as_ref().and_then(|s| s.department.as_deref()),
        funding_fen: line.as_ref().and_then(|l| l.funding_fen),
        funding_note: line.as_ref().and_then(|l| l.funding_note.as_deref()),
    };
    let after = Saved {
        leader_name: input.leader_name.as_deref(),
        leader_title: input.leader_title.as_deref(),
        department: input.department.as_deref(),
        funding_fen: input.funding_fen,
        funding_note: input.funding_note.as_deref(),
    };
    let entry = Entry::new("work_system.updated", "work_system", id)
        .at(id, &union.path)
        .diff(&before, &after)
        .detail("year", input.year);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/unions/{id}/work-system"),
        Flash::new("form.saved"),
    ))
}
