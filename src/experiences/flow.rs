//! An experience's way up: submitted by its union, published by its province
//! (or the nation), featured nationwide by the national union; and its
//! photos.

use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use uuid::Uuid;

use super::db::{self, ExperienceRow};
use super::pages::{ExperiencePage, Rights};
use super::{ExperienceStatus, PHOTO_FILES};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::files::{self, db::Owner};
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::web::{Ctx, FieldErrors, Flash, flash, render_invalid};

/// The image types a photo may be.
const PHOTO_TYPES: &[&str] = &["image/jpeg", "image/png"];

fn back(id: Uuid, key: &str) -> Response {
    flash::redirect(&format!("/experiences/{id}"), Flash::new(key))
}

async fn found(tx: &mut Tx, id: Uuid) -> AppResult<ExperienceRow> {
    db::find(tx, id).await?.ok_or(AppError::NotFound)
}

async fn record(
    tx: &mut Tx,
    user: &CurrentUser,
    action: &'static str,
    experience: &ExperienceRow,
) -> AppResult<()> {
    let entry = Entry::new(action, "experience", experience.id)
        .at(experience.union_id, &experience.union_path);
    audit::record(tx, user, entry).await?;
    Ok(())
}

pub async fn submit(user: CurrentUser, mut tx: Tx, Path(id): Path<Uuid>) -> AppResult<Response> {
    let experience = found(&mut tx, id).await?;
    policy::require(
        &user,
        &Action::WriteExperience {
            union_path: &experience.union_path,
        },
    )?;
    if !db::advance(
        &mut tx,
        id,
        ExperienceStatus::Draft,
        ExperienceStatus::Submitted,
        user.id,
    )
    .await?
    {
        return Ok(back(id, "experiences.not_a_draft"));
    }
    record(&mut tx, &user, "experience.submitted", &experience).await?;
    tx.commit().await?;
    Ok(back(id, "experiences.submitted"))
}

pub async fn publish(user: CurrentUser, mut tx: Tx, Path(id): Path<Uuid>) -> AppResult<Response> {
    let experience = found(&mut tx, id).await?;
    policy::require(
        &user,
        &Action::PublishExperience {
            union_path: &experience.union_path,
        },
    )?;
    if experience.status == ExperienceStatus::Published
        || !db::advance(
            &mut tx,
            id,
            experience.status,
            ExperienceStatus::Published,
            user.id,
        )
        .await?
    {
        return Ok(back(id, "experiences.already_published"));
    }
    record(&mut tx, &user, "experience.published", &experience).await?;
    tx.commit().await?;
    Ok(back(id, "experiences.published"))
}

/// Features a published experience nationwide, or takes a featured one off.
pub async fn feature(user: CurrentUser, mut tx: Tx, Path(id): Path<Uuid>) -> AppResult<Response> {
    policy::require(&user, &Action::FeatureExperience)?;
    let experience = found(&mut tx, id).await?;
    if experience.featured {
        db::unfeature(&mut tx, id).await?;
        record(&mut tx, &user, "experience.unfeatured", &experience).await?;
        tx.commit().await?;
        return Ok(back(id, "experiences.unfeatured"));
    }
    let Some(dropped) = db::feature(&mut tx, id).await? else {
        return Ok(back(id, "experiences.feature_published_only"));
    };
    let entry = Entry::new("experience.featured", "experience", id)
        .at(experience.union_id, &experience.union_path)
        .detail("unfeatured", &dropped);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(back(id, "experiences.featured_done"))
}

pub async fn add_photo(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> AppResult<Response> {
    let experience = found(&mut tx, id).await?;
    if !Rights::of(&user, &experience).edit {
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
            errors.add("file", "experiences.photo_not_image");
            None
        }
        Some(file) => {
            let owner = Owner {
                kind: PHOTO_FILES,
                id,
                union_path: &experience.union_path,
                org_id: None,
                label: "photo",
            };
            files::save_in_form(&state, &mut tx, &user, &owner, file, &mut errors).await?
        }
    };
    let Some(file_id) = file_id else {
        let page = ExperiencePage::load(&mut tx, ctx, &user, experience, errors).await?;
        return render_invalid(&page);
    };
    let entry = Entry::new("experience.photo_added", "experience", id)
        .at(experience.union_id, &experience.union_path)
        .detail("file", file_id);
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &format!("/experiences/{id}#photos"),
        Flash::new("files.uploaded"),
    ))
}
