//! A site's photos, through the files service: JPEG or PNG, kept with the
//! site's union path, read again under the reader's scope.

use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use uuid::Uuid;

use super::PHOTO_FILES;
use super::db;
use super::pages::{SitePage, may_edit};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::files::{self, db::Owner};
use crate::identity::CurrentUser;
use crate::state::AppState;
use crate::web::{Ctx, FieldErrors, Flash, flash, render_invalid};

/// The image types a photo may be.
const PHOTO_TYPES: &[&str] = &["image/jpeg", "image/png"];

pub async fn add_photo(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> AppResult<Response> {
    let site = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if !may_edit(&user, &site) {
        return Err(AppError::Forbidden);
    }
    let posted = files::read_posted(multipart).await?;
    let mut errors = FieldErrors::default();
    let file_id = match posted.file {
        None => {
            errors.add("file", "files.none");
            None
        }
        Some((_, ref bytes))
            if !infer::get(bytes).is_some_and(|t| PHOTO_TYPES.contains(&t.mime_type())) =>
        {
            errors.add("file", "sites.photo_not_image");
            None
        }
        Some(file) => {
            let owner = Owner {
                kind: PHOTO_FILES,
                id,
                union_path: &site.union_path,
                org_id: None,
                label: "photo",
            };
            files::save_in_form(&state, &mut tx, &user, &owner, file, &mut errors).await?
        }
    };
    let Some(file_id) = file_id else {
        let page = SitePage::load(&mut tx, ctx, &user, site, errors).await?;
        return render_invalid(&page);
    };
    let entry = Entry::new("site.photo_added", "service_site", id)
        .at(site.union_id, &site.union_path)
        .detail("file", file_id);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/sites/{id}#photos"),
        Flash::new("files.uploaded"),
    ))
}
