//! The import's background work, acting as the user who uploaded: reading and
//! validating the file, then (once the user confirms) writing it. Progress goes
//! to the import's row in short transactions of its own, so the page can show
//! it while the long write transaction is still open.

use std::time::Duration;

use tokio::sync::watch;
use uuid::Uuid;

use super::db::{self, Counter};
use super::plan::{self, Plan};
use super::write::{self, WriteError};
use crate::audit::{self, Entry};
use crate::error::AppError;
use crate::identity::CurrentUser;
use crate::sheets::read::read_rows;
use crate::state::AppState;

/// Reports a counter to the import's row at most twice a second.
struct Progress {
    sender: watch::Sender<usize>,
    task: tokio::task::JoinHandle<()>,
}

impl Progress {
    fn start(state: &AppState, user: &CurrentUser, id: Uuid, counter: Counter) -> Self {
        let (sender, mut receiver) = watch::channel(0usize);
        let state = state.clone();
        let actor = user.db_actor();
        let task = tokio::spawn(async move {
            while receiver.changed().await.is_ok() {
                let value = i32::try_from(*receiver.borrow_and_update()).unwrap_or(i32::MAX);
                if let Ok(mut tx) = state.db.begin(&actor).await {
                    let done = db::set_progress(&mut tx, id, counter, value).await;
                    if done.is_ok() {
                        let _ = tx.commit().await;
                    }
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        });
        Self { sender, task }
    }

    fn report(&self, value: usize) {
        let _ = self.sender.send(value);
    }

    async fn finish(self) {
        drop(self.sender);
        let _ = self.task.await;
    }
}

pub fn validate_in_background(state: AppState, user: CurrentUser, id: Uuid) {
    let work = {
        let (state, user) = (state.clone(), user.clone());
        tokio::spawn(async move { validate(&state, &user, id).await })
    };
    tokio::spawn(async move {
        let outcome = work
            .await
            .unwrap_or_else(|panic| Err(AppError::Internal(panic.to_string())));
        if let Err(error) = outcome {
            tracing::error!(%error, %id, "import validation failed");
            fail(&state, &user, id, "import.error.internal").await;
        }
    });
}

pub fn write_in_background(state: AppState, user: CurrentUser, id: Uuid, valid_only: bool) {
    let work = {
        let (state, user) = (state.clone(), user.clone());
        tokio::spawn(async move { commit(&state, &user, id, valid_only).await })
    };
    // The work runs in a task of its own so that a panic in it still ends the
    // import as failed instead of leaving it "writing".
    tokio::spawn(async move {
        let outcome = work
            .await
            .unwrap_or_else(|panic| Err(WriteError::App(AppError::Internal(panic.to_string()))));
        match outcome {
            Ok(()) => {}
            Err(WriteError::Conflict(line)) => {
                tracing::info!(%id, line, "import abandoned: a record changed meanwhile");
                fail(&state, &user, id, "import.error.conflict").await;
            }
            Err(WriteError::App(error)) => {
                tracing::error!(%error, %id, "import write failed");
                fail(&state, &user, id, "import.error.internal").await;
            }
        }
    });
}

/// Reads the stored file into rows, or the reason it cannot be read.
async fn load_rows(
    state: &AppState,
    user: &CurrentUser,
    id: Uuid,
) -> Result<Result<Vec<Vec<String>>, &'static str>, AppError> {
    let mut tx = state.db.begin(&user.db_actor()).await?;
    let content = db::content(&mut tx, id).await?;
    tx.commit().await?;
    let content = content.unwrap_or_default();
    let rows = read_rows(content).await;
    Ok(match rows {
        Ok(rows) if rows.first().is_some_and(|header| plan::recognizes(header)) => Ok(rows),
        Ok(_) => Err("import.error.no_header"),
        Err(error) => Err(error.message_key()),
    })
}

async fn validate(state: &AppState, user: &CurrentUser, id: Uuid) -> Result<(), AppError> {
    let rows = match load_rows(state, user, id).await? {
        Ok(rows) => rows,
        Err(key) => {
            fail(state, user, id, key).await;
            return Ok(());
        }
    };
    let read = Progress::start(state, user, id, Counter::Read);
    read.report(rows.len().saturating_sub(1));
    read.finish().await;
    let validated = Progress::start(state, user, id, Counter::Validated);
    let mut tx = state.db.begin(&user.db_actor()).await?;
    let plan = plan::plan(&mut tx, &rows, user.union.id, |n| validated.report(n)).await?;
    tx.commit().await?;
    validated.finish().await;
    let mut tx = state.db.begin(&user.db_actor()).await?;
    db::mark_validated(&mut tx, id, &plan).await?;
    tx.commit().await?;
    Ok(())
}

/// Validates the stored file again and writes it, all in one transaction, so
/// that what is written is what the records are now.
async fn commit(
    state: &AppState,
    user: &CurrentUser,
    id: Uuid,
    valid_only: bool,
) -> Result<(), WriteError> {
    let rows = match load_rows(state, user, id).await? {
        Ok(rows) => rows,
        Err(key) => {
            fail(state, user, id, key).await;
            return Ok(());
        }
    };
    let written = Progress::start(state, user, id, Counter::Written);
    let mut tx = state.db.begin(&user.db_actor()).await?;
    let plan: Plan = plan::plan(&mut tx, &rows, user.union.id, |_| {}).await?;
    if !valid_only && !plan.errors.is_empty() {
        drop(tx);
        written.finish().await;
        fail(state, user, id, "import.fix_first").await;
        return Ok(());
    }
    let skip = if valid_only {
        plan.invalid_lines.clone()
    } else {
        Vec::new()
    };
    let (created, updated) =
        write::write(&mut tx, user, &plan, &skip, |n| written.report(n)).await?;
    let file_name = db::file_name(&mut tx, id).await?;
    let entry = Entry::new("org.imported", "import", id)
        .at(user.union.id, &user.union.path)
        .detail("file", &file_name)
        .detail("created", created)
        .detail("updated", updated)
        .detail("skipped", skip.len());
    audit::record(&mut tx, user, entry).await?;
    db::mark_done(&mut tx, id, created, updated).await?;
    tx.commit().await?;
    written.finish().await;
    Ok(())
}

async fn fail(state: &AppState, user: &CurrentUser, id: Uuid, key: &str) {
    let result = async {
        let mut tx = state.db.begin(&user.db_actor()).await?;
        db::mark_failed(&mut tx, id, key).await?;
        tx.commit().await
    }
    .await;
    if let Err(error) = result {
        tracing::error!(%error, %id, "could not record a failed import");
    }
}
