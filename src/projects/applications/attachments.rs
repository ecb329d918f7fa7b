//! An application's attachments (registration certificate, charter, audit
//! report, rating certificate, commitments): added by the organization while
//! its draft is open, read by the purchaser with the submitted proposal.

use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use uuid::Uuid;

use super::db::{self, AppStatus};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::files::{self, db::Owner};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::web::{Ctx, Flash, flash};

pub const OWNER_KIND: &str = "application_attachment";

crate::text_enum!(pub enum Label("apply.attachment") {
    RegistrationCertificate => "registration_certificate",
    Charter => "charter",
    AuditReport => "audit_report",
    RatingCertificate => "rating_certificate",
    Commitment => "commitment",
    Other => "other",
});

pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> AppResult<Response> {
    let application = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    policy::require(
        &user,
        &Action::ApplyAs {
            org_id: application.org_id,
        },
    )?;
    let posted = files::read_posted(multipart).await?;
    let project = crate::projects::db::find(&mut tx, application.project_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if application.status != AppStatus::Draft || !super::pages::window_open(&project) {
        return Ok(flash::redirect(
            &format!("/applications/{id}"),
            Flash::new("apply.read_only"),
        ));
    }
    let owner = Owner {
        kind: OWNER_KIND,
        id: application.id,
        union_path: &application.union_path,
        org_id: Some(application.org_id),
        label: "",
    };
    let file_id = match files::save_labelled(&state, &mut tx, &user, owner, posted, |l| {
        Label::parse(l).map(Label::as_str)
    })
    .await?
    {
        Ok(file_id) => file_id,
        Err(errors) => {
            return super::pages::show_with_errors(tx, ctx, &user, application, project, errors)
                .await;
        }
    };
    let entry = Entry::new("application.attachment_added", "application", id)
        .at(user.union.id, &user.union.path)
        .detail("file", file_id);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/applications/{id}#attachments"),
        Flash::new("files.uploaded"),
    ))
}
