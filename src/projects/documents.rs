//! A call's documents (申报指南、合同范本…): uploaded by the purchaser's
//! cadres until the call closes, read by everyone the call is open to, and
//! listed on the public call page.

use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use uuid::Uuid;

use super::Status;
use super::db::{self, ProjectRow};
use super::show::{ProjectPage, TransitionForm};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::files::{self, db::Owner};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::web::{Ctx, FieldErrors, Flash, flash, render_invalid};

pub const OWNER_KIND: &str = "project_document";

pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> AppResult<Response> {
    let project = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::EditProject {
            union_path: &project.union_path,
        },
    )?;
    let posted = files::read_posted(multipart).await?;
    let mut errors = FieldErrors::default();
    let saved = save_document(&state, &mut tx, &user, &project, posted.file, &mut errors).await?;
    let Some(file_id) = saved else {
        let page = ProjectPage::load(
            &mut tx,
            ctx,
            &user,
            project,
            TransitionForm::default(),
            errors,
        )
        .await?;
        return render_invalid(&page);
    };
    let entry = Entry::new("project.document_added", "project", project.id)
        .at(project.union_id, &project.union_path)
        .detail("file", file_id);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/projects/{id}#documents"),
        Flash::new("files.uploaded"),
    ))
}

/// Saves the posted file as a document of the project while the call still
/// takes documents (until it closes); `None`, with the reason in `errors`,
/// otherwise.
async fn save_document(
    state: &AppState,
    tx: &mut Tx,
    user: &CurrentUser,
    project: &ProjectRow,
    file: Option<(String, Vec<u8>)>,
    errors: &mut FieldErrors,
) -> AppResult<Option<Uuid>> {
    let open_for_documents = matches!(
        project.status,
        Status::Draft | Status::PendingApproval | Status::Approved | Status::Open
    );
    if !open_for_documents {
        errors.add("file", "projects.documents_closed");
    }
    match file {
        None => {
            errors.add("file", "files.none");
            Ok(None)
        }
        Some(file) if errors.is_empty() => {
            let owner = Owner {
                kind: OWNER_KIND,
                id: project.id,
                union_path: &project.union_path,
                org_id: None,
                label: "call_document",
            };
            files::save_in_form(state, tx, user, &owner, file, errors).await
        }
        Some(_) => Ok(None),
    }
}
