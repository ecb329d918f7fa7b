//! A project's page: its overview, needs, documents, applications, contracts,
//! timeline, and the moves the user may make.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use uuid::Uuid;

use super::Status;
use super::applications::db::ApplicationRow;
use super::db::{self, EventRow, ProjectRow};
use super::lifecycle::{self, Step, StepState};
use super::workflow::may_approve;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::files::db::FileRow;
use crate::identity::CurrentUser;
use crate::indicators::{self, Kind};
use crate::needs::db::NeedRow;
use crate::orgs::kinds::OrgType;
use crate::policy::{self, Action};
use crate::web::money::Fen;
use crate::web::panels::Panel;
use crate::web::{Ctx, FieldErrors, render};

/// What a user typed into one of the project page's move forms.
#[derive(Clone, Debug, Default)]
pub struct TransitionForm {
    pub return_comment: String,
    pub cancel_reason: String,
}

#[derive(Template)]
#[template(path = "projects/show.html")]
pub struct ProjectPage {
    ctx: Ctx,
    project: ProjectRow,
    needs: Vec<NeedRow>,
    events: Vec<EventRow>,
    applications: Vec<ApplicationRow>,
    documents: Vec<FileRow>,
    systems: Vec<(Kind, String)>,
    may_edit: bool,
    may_approve: bool,
    /// What other areas draw here: delivery's contracts, money and closing.
    panels: Vec<Panel>,
    /// The lifecycle bar.
    lifecycle: Vec<Step>,
    form: TransitionForm,
    errors: FieldErrors,
}

/// The names (with versions) of the project's three indicator systems, by
/// kind; one not found is left out.
async fn system_names(tx: &mut Tx, project: &ProjectRow) -> AppResult<Vec<(Kind, String)>> {
    let kinds = [
        (Kind::ApprovalReview, project.review_system_id),
        (Kind::Midterm, project.midterm_system_id),
        (Kind::Performance, project.performance_system_id),
    ];
    let ids = kinds.map(|(_, id)| id);
    let names = indicators::db::names_of(tx, &ids).await?;
    Ok(kinds
        .into_iter()
        .filter_map(|(kind, id)| {
            names
                .iter()
                .find(|(found, _)| *found == id)
                .map(|(_, name)| (kind, name.clone()))
        })
        .collect())
}

impl ProjectPage {
    pub async fn load(
        tx: &mut Tx,
        ctx: Ctx,
        user: &CurrentUser,
        project: ProjectRow,
        form: TransitionForm,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        let needs = crate::needs::db::of_project(tx, project.id).await?;
        let events = db::events(tx, project.id).await?;
        // Applications exist from the call on, contracts from the award on.
        let applications = if project.status >= Status::Open {
            super::applications::db::of_project(tx, project.id).await?
        } else {
            Vec::new()
        };
        let documents =
            crate::files::db::of_owner(tx, super::documents::OWNER_KIND, project.id).await?;
        let systems = system_names(tx, &project).await?;
        let may_edit = policy::permits(
            user,
            &Action::EditProject {
                union_path: &project.union_path,
            },
        );
        let may_approve =
            project.status == Status::PendingApproval && may_approve(tx, user, &project).await?;
        let panels = ctx
            .panels()
            .draw(super::PAGE, tx, &ctx, user, project.id)
            .await?;
        let milestones = db::lifecycle::milestones(tx, project.id).await?;
        let lifecycle = lifecycle::steps(project.status, &project.created_at, &events, &milestones);
        Ok(Self {
            ctx,
            project,
            needs,
            events,
            applications,
            documents,
            systems,
            may_edit,
            may_approve,
            panels,
            lifecycle,
            form,
            errors,
        })
    }

    fn yuan(&self, fen: &i64) -> String {
        Fen(*fen).to_string()
    }

    /// The words under a step of the lifecycle bar: where the project is (its
    /// status), or the refusal; `None` where the state alone says it.
    fn step_note(&self, step: &Step) -> Option<String> {
        let status = self.ctx.t(self.project.status.label_key());
        match (step.is_current, step.state) {
            (true, StepState::Current) => Some(format!(
                "{} · {status}",
                self.ctx.t("projects.lifecycle.now")
            )),
            (true, _) => Some(status.to_owned()),
            (false, StepState::Returned) => {
                Some(self.ctx.t("projects.lifecycle.returned").to_owned())
            }
            _ => None,
        }
    }

    /// The sign in a step's mark: ✓ done, ✕ cancelled, ↩ sent back, else its
    /// number.
    fn step_mark(&self, step: &Step, number: &usize) -> String {
        match step.state {
            StepState::Done => "✓".into(),
            StepState::Cancelled => "✕".into(),
            StepState::Returned => "↩".into(),
            StepState::Current | StepState::Ahead => number.to_string(),
        }
    }

    fn type_keys(&self) -> Vec<&'static str> {
        self.project
            .eligible_types
            .iter()
            .filter_map(|t| OrgType::parse(t))
            .map(OrgType::label_key)
            .collect()
    }

    fn is(&self, status: &str) -> bool {
        self.project.status.as_str() == status
    }

    /// Whether documents may still be added (until the call closes).
    fn takes_documents(&self) -> bool {
        self.may_edit
            && matches!(
                self.project.status,
                Status::Draft | Status::PendingApproval | Status::Approved | Status::Open
            )
    }

    fn accepted_types(&self) -> String {
        crate::files::kind::accepted_extensions()
    }
}

pub async fn show_project(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListProjects)?;
    let project = db::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let page = ProjectPage::load(
        &mut tx,
        ctx,
        &user,
        project,
        TransitionForm::default(),
        FieldErrors::default(),
    )
    .await?;
    tx.commit().await?;
    render(&page)
}
