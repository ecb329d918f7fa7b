//! The queries of review assignments and scores. Staff of the purchasing scope
//! see every assignment of their projects; a reviewer sees their own.

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::TryStreamExt;
use futures_util::stream::BoxStream;
use sqlx::PgConnection;
use uuid::Uuid;

crate::text_enum!(pub enum ReviewStatus("reviews.status") {
    Assigned => "assigned",
    Scoring => "scoring",
    Submitted => "submitted",
    Conflict => "conflict",
});

#[derive(Clone, Debug)]
pub struct AssignmentRow {
    pub id: Uuid,
    pub application_id: Uuid,
    pub project_id: Uuid,
    pub union_path: String,
    pub reviewer_id: Uuid,
    pub reviewer_name: String,
    pub org_id: Uuid,
    pub org_name: String,
    pub project_code: String,
    pub project_title: String,
    pub status: ReviewStatus,
    pub conflict_note: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// The sum of the review's scores, in tenths of a point.
    pub total_tenths: i64,
    /// When the review is due: no review deadline is kept of its own, and
    /// award and contract must come before the project's service starts.
    pub deadline: NaiveDate,
}

impl AssignmentRow {
    /// The total in tenths, once scoring has begun (the reviewer's list
    /// and its export show it).
    pub fn scored_total(&self) -> Option<i64> {
        match self.status {
            ReviewStatus::Submitted => Some(self.total_tenths),
            ReviewStatus::Scoring => (self.total_tenths > 0).then_some(self.total_tenths),
            ReviewStatus::Assigned | ReviewStatus::Conflict => None,
        }
    }
}

/// An assignment, if the actor sees it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<AssignmentRow>> {
    sqlx::query_as!(
        AssignmentRow,
        r#"select ra.id, ra.application_id, ra.project_id, ra.union_path::text as "union_path!",
                  ra.reviewer_id,
                  coalesce(reviewer_display_name(ra.reviewer_id), '') as "reviewer_name!",
                  ra.org_id, organization_public_name(ra.org_id) as "org_name!",
                  p.code as project_code, p.title as project_title, ra.status as "status: _",
                  ra.conflict_note, ra.submitted_at,
                  coalesce((select sum(s.score_tenths) from review_scores s
                             where s.assignment_id = ra.id), 0)::bigint as "total_tenths!",
                  p.service_starts_on as deadline
             from review_assignments ra
             join projects p on p.id = ra.project_id
            where ra.id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// Every assignment of a project's applications.
pub async fn of_project(
    conn: &mut PgConnection,
    project_id: Uuid,
) -> sqlx::Result<Vec<AssignmentRow>> {
    sqlx::query_as!(
        AssignmentRow,
        r#"select ra.id, ra.application_id, ra.project_id, ra.union_path::text as "union_path!",
                  ra.reviewer_id,
                  coalesce(reviewer_display_name(ra.reviewer_id), '') as "reviewer_name!",
                  ra.org_id, organization_public_name(ra.org_id) as "org_name!",
                  p.code as project_code, p.title as project_title, ra.status as "status: _",
                  ra.conflict_note, ra.submitted_at,
                  coalesce((select sum(s.score_tenths) from review_scores s
                             where s.assignment_id = ra.id), 0)::bigint as "total_tenths!",
                  p.service_starts_on as deadline
             from review_assignments ra
             join projects p on p.id = ra.project_id
            where ra.project_id = $1 order by ra.created_at, ra.id"#,
        project_id
    )
    .fetch_all(conn)
    .await
}

/// A reviewer's assignments, the open ones first.
pub async fn of_reviewer(
    conn: &mut PgConnection,
    reviewer_id: Uuid,
) -> sqlx::Result<Vec<AssignmentRow>> {
    of_reviewer_rows(conn, reviewer_id).try_collect().await
}

/// [`of_reviewer`], as the cursor reads them (the export).
pub fn of_reviewer_rows(
    conn: &mut PgConnection,
    reviewer_id: Uuid,
) -> BoxStream<'_, sqlx::Result<AssignmentRow>> {
    sqlx::query_as!(
        AssignmentRow,
        r#"select ra.id, ra.application_id, ra.project_id, ra.union_path::text as "union_path!",
                  ra.reviewer_id,
                  coalesce(reviewer_display_name(ra.reviewer_id), '') as "reviewer_name!",
                  ra.org_id, organization_public_name(ra.org_id) as "org_name!",
                  p.code as project_code, p.title as project_title, ra.status as "status: _",
                  ra.conflict_note, ra.submitted_at,
                  coalesce((select sum(s.score_tenths) from review_scores s
                             where s.assignment_id = ra.id), 0)::bigint as "total_tenths!",
                  p.service_starts_on as deadline
             from review_assignments ra
             join projects p on p.id = ra.project_id
            where ra.reviewer_id = $1
            order by ra.status = 'submitted', ra.status = 'conflict', ra.created_at desc, ra.id"#,
        reviewer_id
    )
    .fetch(conn)
}

/// A reviewer account the user may assign: id and display name.
#[derive(Clone, Debug)]
pub struct ReviewerOption {
    pub id: Uuid,
    pub display_name: String,
    pub union_name: String,
}

/// The reviewer accounts a project at `path` draws on (the `reviewer_pool` function of the schema).
pub async fn reviewer_pool(
    conn: &mut PgConnection,
    path: &str,
) -> sqlx::Result<Vec<ReviewerOption>> {
    sqlx::query_as!(
        ReviewerOption,
        r#"select id as "id!", display_name as "display_name!", union_name as "union_name!"
             from reviewer_pool($1::text::ltree)"#,
        path
    )
    .fetch_all(conn)
    .await
}

/// Whether the reviewer is linked to the organization (and so may not review
/// its applications).
pub async fn linked(
    conn: &mut PgConnection,
    reviewer_id: Uuid,
    org_id: Uuid,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select reviewer_linked($1, $2) as "linked!""#,
        reviewer_id,
        org_id
    )
    .fetch_one(conn)
    .await
}

/// Records a link between a reviewer and an organization (once).
pub async fn add_link(
    conn: &mut PgConnection,
    reviewer_id: Uuid,
    org_id: Uuid,
    union_path: &str,
    relation: &str,
    created_by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into reviewer_links (reviewer_id, org_id, union_path, relation, created_by)
         values ($1, $2, $3::text::ltree, $4, $5) on conflict (reviewer_id, org_id) do nothing",
        reviewer_id,
        org_id,
        union_path,
        relation,
        created_by
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Assigns a reviewer; `None` when they already are.
pub async fn assign(
    conn: &mut PgConnection,
    application_id: Uuid,
    org_id: Uuid,
    project_id: Uuid,
    union_path: &str,
    reviewer_id: Uuid,
    assigned_by: Uuid,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "insert into review_assignments (application_id, org_id, project_id, union_path,
                                         reviewer_id, assigned_by)
         values ($1, $2, $3, $4::text::ltree, $5, $6)
         on conflict (application_id, reviewer_id) do nothing returning id",
        application_id,
        org_id,
        project_id,
        union_path,
        reviewer_id,
        assigned_by
    )
    .fetch_optional(conn)
    .await
}

/// Moves an assignment from `from` to `to`; `false` if it was not in `from`.
pub async fn move_status(
    conn: &mut PgConnection,
    id: Uuid,
    from: ReviewStatus,
    to: ReviewStatus,
    conflict_note: Option<&str>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update review_assignments
            set status = $3, version = version + 1,
                conflict_note = coalesce($4, conflict_note),
                declared_at = case when $2 = 'assigned' then now() else declared_at end,
                submitted_at = case when $3 = 'submitted' then now() else submitted_at end
          where id = $1 and status = $2",
        id,
        from.as_str(),
        to.as_str(),
        conflict_note
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One saved score.
#[derive(Clone, Debug)]
pub struct ScoreRow {
    pub assignment_id: Uuid,
    pub indicator_id: Uuid,
    pub score_tenths: i32,
    pub comment: Option<String>,
}

/// A review's saved scores.
pub async fn scores_of(
    conn: &mut PgConnection,
    assignment_id: Uuid,
) -> sqlx::Result<Vec<ScoreRow>> {
    sqlx::query_as!(
        ScoreRow,
        "select assignment_id, indicator_id, score_tenths, comment from review_scores
          where assignment_id = $1",
        assignment_id
    )
    .fetch_all(conn)
    .await
}

/// Every score of a project's reviews (for the ranking and the export).
pub async fn scores_of_project(
    conn: &mut PgConnection,
    project_id: Uuid,
) -> sqlx::Result<Vec<ScoreRow>> {
    sqlx::query_as!(
        ScoreRow,
        "select s.assignment_id, s.indicator_id, s.score_tenths, s.comment
           from review_scores s join review_assignments ra on ra.id = s.assignment_id
          where ra.project_id = $1",
        project_id
    )
    .fetch_all(conn)
    .await
}

/// Replaces a review's scores.
pub async fn save_scores(
    conn: &mut PgConnection,
    assignment_id: Uuid,
    scores: &[(Uuid, i32, Option<String>)],
) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from review_scores where assignment_id = $1",
        assignment_id
    )
    .execute(&mut *conn)
    .await?;
    for (indicator_id, tenths, comment) in scores {
        sqlx::query!(
            "insert into review_scores (assignment_id, indicator_id, score_tenths, comment)
             values ($1, $2, $3, $4)",
            assignment_id,
            *indicator_id,
            *tenths,
            comment.as_deref()
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
