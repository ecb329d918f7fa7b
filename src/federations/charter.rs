//! The signed charter (章程), uploaded through the files service under the
//! federation.

use axum::extract::{Multipart, Path, State};
use axum::response::Response;

use super::CHARTER_FILES;
use super::pages::{FederationPage, MembersQuery, managed};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::AppResult;
use crate::files::{self, db::Owner};
use crate::identity::CurrentUser;
use crate::state::AppState;
use crate::web::{Ctx, FieldErrors, Flash, flash, render_invalid};

pub async fn upload_charter(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<uuid::Uuid>,
    multipart: Multipart,
) -> AppResult<Response> {
    let federation = managed(&mut tx, &user, id).await?;
    let posted = files::read_posted(multipart).await?;
    let mut errors = FieldErrors::default();
    let saved = match posted.file {
        Some(file) => {
            let owner = Owner {
                kind: CHARTER_FILES,
                id,
                union_path: &federation.union_path,
                org_id: None,
                label: "charter",
            };
            files::save_in_form(&state, &mut tx, &user, &owner, file, &mut errors).await?
        }
        None => {
            errors.add("file", "files.none");
            None
        }
    };
    let Some(file_id) = saved else {
        let page =
            FederationPage::load(&mut tx, ctx, &user, federation, &MembersQuery::default()).await?;
        return render_invalid(&page.refused_charter(errors));
    };
    let entry = Entry::new("federation.charter_uploaded", "federation", id)
        .at(federation.union_id, &federation.union_path)
        .detail("file", file_id);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/federations/{id}#charter"),
        Flash::new("files.uploaded"),
    ))
}
