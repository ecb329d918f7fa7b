//! A project's page: its overview, needs, documents, applications, contracts,
//! timeline, and the moves the user may make.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use uuid::Uuid;

use super::Status;
use super::applications::db::{AppStatus, ApplicationRow};
use super::contracts::db::ContractRow;
use super::db::{self, EventRow, ProjectRow};
use super::workflow::may_approve;
use crate::auth::CurrentUser;
use crate::db::Tx;
use crate::delivery::closing::{self, ClosingRow};
use crate::delivery::finance::{self, Money};
use crate::error::{AppError, AppResult};
use crate::files::db::FileRow;
use crate::indicators::{self, Kind};
use crate::needs::db::NeedRow;
use crate::orgs::kinds::OrgType;
use crate::policy::{self, Action};
use crate::web::money::Fen;
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
    contracts: Vec<ContractRow>,
    documents: Vec<FileRow>,
    systems: Vec<(Kind, String)>,
    may_edit: bool,
    may_approve: bool,
    /// From the contract on: budget, contracted, paid, spent, remaining.
    money: Option<Money>,
    /// Reports not in by their date (they count against the project).
    overdue_reports: i64,
    closing: Option<ClosingRow>,
    may_close: bool,
    form: TransitionForm,
    errors: FieldErrors,
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
        let contracts = if project.status >= Status::Awarded {
            super::contracts::db::of_project(tx, project.id).await?
        } else {
            Vec::new()
        };
        let documents =
            crate::files::db::of_owner(tx, super::documents::OWNER_KIND, project.id).await?;
        let names = indicators::db::names_of(
            tx,
            &[
                project.review_system_id,
                project.midterm_system_id,
                project.performance_system_id,
            ],
        )
        .await?;
        let systems = [
            (Kind::ApprovalReview, project.review_system_id),
            (Kind::Midterm, project.midterm_system_id),
            (Kind::Performance, project.performance_system_id),
        ]
        .into_iter()
        .filter_map(|(kind, id)| {
            names
                .iter()
                .find(|(found, _)| *found == id)
                .map(|(_, name)| (kind, name.clone()))
        })
        .collect();
        let may_edit = policy::permits(
            user,
            &Action::EditProject {
                union_path: &project.union_path,
            },
        );
        let may_approve =
            project.status == Status::PendingApproval && may_approve(tx, user, &project).await?;
        let delivered = matches!(
            project.status,
            Status::Contracted | Status::InProgress | Status::FinalEvaluation | Status::Closed
        );
        let (money, overdue_reports) = if delivered {
            (
                Some(finance::of_project(tx, project.id).await?),
                crate::delivery::reports::db::overdue_of_project(tx, project.id).await?,
            )
        } else {
            (None, 0)
        };
        let closing = if project.status == Status::Closed {
            closing::of_project(tx, project.id).await?
        } else {
            None
        };
        let may_close = project.status == Status::FinalEvaluation
            && policy::permits(
                user,
                &Action::Disburse {
                    union_path: &project.union_path,
                },
            );
        Ok(Self {
            ctx,
            project,
            needs,
            events,
            applications,
            contracts,
            documents,
            systems,
            may_edit,
            may_approve,
            money,
            overdue_reports,
            closing,
            may_close,
            form,
            errors,
        })
    }

    fn yuan(&self, fen: &i64) -> String {
        Fen(*fen).to_string()
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

    /// The awarded applications still waiting for their contract.
    fn awaiting_contract(&self) -> Vec<&ApplicationRow> {
        self.applications
            .iter()
            .filter(|a| {
                a.status == AppStatus::Awarded
                    && !self.contracts.iter().any(|c| c.application_id == a.id)
            })
            .collect()
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
