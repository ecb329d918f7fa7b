//! A year's work plan or summary, uploaded through the files service under
//! the union's year.

use axum::extract::{Multipart, Path, State};
use axum::response::Response;

use super::YEAR_OWNER_KIND;
use super::db;
use super::forms::DocumentForm;
use super::show::{Typed, WorkSystemPage, editable_union};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::AppResult;
use crate::files::{self, db::Owner};
use crate::identity::CurrentUser;
use crate::state::AppState;
use crate::web::{Ctx, FieldErrors, Flash, flash, render_invalid};

pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> AppResult<Response> {
    let union = editable_union(&mut tx, &user, id).await?;
    let posted = files::read_posted(multipart).await?;
    let field = |name: &str| posted.fields.get(name).cloned().unwrap_or_default();
    let doc_form = DocumentForm {
        year: field("doc_year"),
        label: field("label"),
    };
    let mut errors = FieldErrors::default();
    let chosen = doc_form.parse(&mut errors);
    if posted.file.is_none() {
        errors.add("file", "files.none");
    }
    let saved = match (chosen, posted.file) {
        (Some((year, label)), Some(file)) if errors.is_empty() => {
            let year_id = db::ensure_year(&mut tx, id, year).await?;
            let owner = Owner {
                kind: YEAR_OWNER_KIND,
                id: year_id,
                union_path: &union.path,
                org_id: None,
                label: label.as_str(),
            };
            files::save_in_form(&state, &mut tx, &user, &owner, file, &mut errors)
                .await?
                .map(|file_id| (file_id, year, label))
        }
        _ => None,
    };
    let Some((file_id, year, label)) = saved else {
        let typed = Typed {
            doc_form,
            doc_errors: errors,
            ..Typed::default()
        };
        let page = WorkSystemPage::load(&mut tx, ctx, &user, union, typed).await?;
        return render_invalid(&page);
    };
    let entry = Entry::new("work_system.document_added", "work_system", id)
        .at(id, &union.path)
        .detail("file", file_id)
        .detail("year", year)
        .detail("label", label.as_str());
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/unions/{id}/work-system#years"),
        Flash::new("files.uploaded"),
    ))
}
