//! Purchased-service projects (购买服务项目): drafts from worker needs, approval,
//! the published call, and the rest of the lifecycle of DOMAIN.md.

pub mod applications;
mod award;
pub mod budget;
pub mod db;
pub mod documents;
mod edit;
pub mod eligibility;
mod export;
mod forms;
pub mod lifecycle;
mod list;
pub mod notices;
pub mod public;
pub mod reviews;
mod show;
pub mod tasks;
pub mod workflow;
pub mod year;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;
use crate::web::input::UPLOAD_BODY_BYTES;

crate::text_enum!(pub enum Status("projects.status") {
    Draft => "draft",
    PendingApproval => "pending_approval",
    Approved => "approved",
    Open => "open",
    Reviewing => "reviewing",
    Awarded => "awarded",
    Contracted => "contracted",
    InProgress => "in_progress",
    FinalEvaluation => "final_evaluation",
    Closed => "closed",
    Cancelled => "cancelled",
});

impl Status {
    /// The statuses of a funded project (已立项): approved and not cancelled.
    /// The money pages sum these projects, and the list shows the same set
    /// under `stage=funded`, so that the two always count alike.
    pub const FUNDED: [Status; 8] = [
        Status::Approved,
        Status::Open,
        Status::Reviewing,
        Status::Awarded,
        Status::Contracted,
        Status::InProgress,
        Status::FinalEvaluation,
        Status::Closed,
    ];

    /// [`Status::FUNDED`] as the text the table holds, to bind.
    pub fn funded_texts() -> Vec<String> {
        Self::FUNDED.map(|s| s.as_str().to_owned()).to_vec()
    }

    /// Whether a project in this status may still be cancelled: anything before
    /// the contract is signed.
    pub fn cancellable(self) -> bool {
        matches!(
            self,
            Status::Draft
                | Status::PendingApproval
                | Status::Approved
                | Status::Open
                | Status::Reviewing
                | Status::Awarded
        )
    }

    /// The lifecycle's moves (DOMAIN.md): forward one step, back from approval
    /// to draft, or cancelled before the contract.
    pub fn can_move_to(self, to: Status) -> bool {
        use Status::*;
        matches!(
            (self, to),
            (Draft, PendingApproval)
                | (PendingApproval, Approved | Draft)
                | (Approved, Open)
                | (Open, Reviewing)
                | (Reviewing, Awarded)
                | (Awarded, Contracted)
                | (Contracted, InProgress)
                | (InProgress, FinalEvaluation)
                | (FinalEvaluation, Closed)
        ) || (to == Cancelled && self.cancellable())
    }
}

/// The name of a project's page, on which other areas draw their panels
/// (`web::panels`).
pub const PAGE: &str = "project";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/projects",
            get(list::list_projects).post(edit::create_project),
        )
        .route("/projects/new", get(edit::new_project_form))
        .route("/projects/export.csv", get(export::export_projects))
        .route("/projects/export.xlsx", get(export::export_projects))
        .route("/projects/{id}", get(show::show_project))
        .route(
            "/projects/{id}/edit",
            get(edit::edit_project_form).post(edit::update_project),
        )
        .route("/projects/{id}/submit", post(workflow::submit))
        .route("/projects/{id}/approve", post(workflow::approve))
        .route("/projects/{id}/return", post(workflow::send_back))
        .route("/projects/{id}/publish", post(workflow::publish))
        .route("/projects/{id}/cancel", post(workflow::cancel))
        .route(
            "/projects/{id}/documents",
            post(documents::upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
        .route("/calls/public", get(public::public_calls))
        .merge(applications::router())
        .merge(reviews::router())
        .route("/projects/{id}/award", post(award::award))
        .route("/notifications", get(notices::notices_page))
        .route("/notifications/{id}", post(notices::open_notice))
}

#[cfg(test)]
mod tests {
    use super::Status;

    #[test]
    fn the_lifecycle_moves_one_step_at_a_time() {
        assert!(Status::Draft.can_move_to(Status::PendingApproval));
        assert!(Status::PendingApproval.can_move_to(Status::Draft));
        assert!(
            !Status::Draft.can_move_to(Status::Approved),
            "no approval without asking"
        );
        assert!(!Status::Open.can_move_to(Status::PendingApproval));
        assert!(Status::Awarded.can_move_to(Status::Cancelled));
        assert!(!Status::Contracted.can_move_to(Status::Cancelled));
        assert!(!Status::Cancelled.can_move_to(Status::Cancelled));
    }
}
