//! The queries of evaluations, their score sheets and their final results.

use crate::db::list::ScopeColumns;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::{EvalKind, Grade};
use crate::delivery::Delivery;
use crate::indicators::scoring::Scored;

/// How a list of evaluations says the reader's scope (alias `e`).
pub const SCOPE_COLUMNS: ScopeColumns = ScopeColumns {
    org: Some("e.org_id"),
    supervisor: Some("e.supervisor_id"),
    ..ScopeColumns::path("e.union_path")
};

#[derive(Clone, Debug)]
pub struct EvaluationRow {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub project_id: Uuid,
    pub union_path: String,
    pub org_id: Uuid,
    pub supervisor_id: Uuid,
    pub kind: EvalKind,
    pub system_id: Uuid,
    pub status: String,
    pub total_hundredths: Option<i32>,
    pub grade: Option<String>,
    pub conclusion: Option<String>,
    pub finalized_at: Option<DateTime<Utc>>,
}

impl EvaluationRow {
    pub fn is_final(&self) -> bool {
        self.status == "final"
    }

    pub fn failed(&self) -> bool {
        self.grade.as_deref() == Some(Grade::Fail.as_str())
    }
}

/// The evaluation `id`, if the reader may see it.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<EvaluationRow>> {
    sqlx::query_as!(
        EvaluationRow,
        r#"select id, contract_id, project_id, union_path::text as "union_path!", org_id,
                  supervisor_id, kind as "kind: _", system_id, status, total_hundredths, grade,
                  conclusion, finalized_at
             from evaluations
            where id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// A contract's evaluations, the mid-term first.
pub async fn of_contract(
    conn: &mut PgConnection,
    contract_id: Uuid,
) -> sqlx::Result<Vec<EvaluationRow>> {
    sqlx::query_as!(
        EvaluationRow,
        r#"select id, contract_id, project_id, union_path::text as "union_path!", org_id,
                  supervisor_id, kind as "kind: _", system_id, status, total_hundredths, grade,
                  conclusion, finalized_at
             from evaluations
            where contract_id = $1 order by kind desc"#,
        contract_id
    )
    .fetch_all(conn)
    .await
}

/// Opens the contract's evaluation of this kind against the project's system
/// (once: a second acceptance changes nothing).
pub async fn open(
    conn: &mut PgConnection,
    delivery: &Delivery,
    kind: EvalKind,
) -> sqlx::Result<()> {
    let system_id = match kind {
        EvalKind::Midterm => delivery.project.midterm_system_id,
        EvalKind::Final => delivery.project.performance_system_id,
    };
    let c = &delivery.contract;
    sqlx::query!(
        "insert into evaluations (contract_id, project_id, union_path, org_id, supervisor_id, kind, system_id)
         values ($1, $2, $3::text::ltree, $4, $5, $6, $7)
         on conflict (contract_id, kind) do nothing",
        c.id,
        c.project_id,
        c.union_path,
        c.org_id,
        c.supervisor_id,
        kind.as_str(),
        system_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Clone, Debug)]
pub struct SheetRow {
    pub id: Uuid,
    pub evaluator_id: Uuid,
    pub evaluator_name: String,
    pub status: String,
    pub evidence: String,
    pub comment: String,
    pub total_tenths: i32,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// The score sheets of an evaluation, by evaluator.
pub async fn sheets(conn: &mut PgConnection, evaluation_id: Uuid) -> sqlx::Result<Vec<SheetRow>> {
    sqlx::query_as!(
        SheetRow,
        "select id, evaluator_id, evaluator_name, status, evidence, comment, total_tenths, submitted_at
           from evaluation_sheets where evaluation_id = $1 order by evaluator_name, id",
        evaluation_id
    )
    .fetch_all(conn)
    .await
}

#[derive(Clone, Debug)]
pub struct SheetScore {
    pub sheet_id: Uuid,
    pub indicator_id: Uuid,
    pub score_tenths: i32,
    pub comment: Option<String>,
}

/// Every score on the sheets of an evaluation.
pub async fn scores(conn: &mut PgConnection, evaluation_id: Uuid) -> sqlx::Result<Vec<SheetScore>> {
    sqlx::query_as!(
        SheetScore,
        "select s.sheet_id, s.indicator_id, s.score_tenths, s.comment
           from evaluation_scores s join evaluation_sheets h on h.id = s.sheet_id
          where h.evaluation_id = $1",
        evaluation_id
    )
    .fetch_all(conn)
    .await
}

/// The evaluator's sheet with its scores, written over: evidence, comment and
/// scores; submitted when `submit`. `false` when the sheet was submitted
/// already (it is final).
pub async fn write_sheet(
    conn: &mut PgConnection,
    evaluation: &EvaluationRow,
    evaluator: (Uuid, &str),
    texts: (&str, &str),
    scores: &[Scored],
    submit: bool,
) -> sqlx::Result<bool> {
    sqlx::query!(
        "insert into evaluation_sheets (evaluation_id, union_path, supervisor_id, evaluator_id, evaluator_name)
         values ($1, $2::text::ltree, $3, $4, $5)
         on conflict (evaluation_id, evaluator_id) do nothing",
        evaluation.id,
        evaluation.union_path,
        evaluation.supervisor_id,
        evaluator.0,
        evaluator.1
    )
    .execute(&mut *conn)
    .await?;
    // Locked, so that two submissions of one sheet cannot both go through.
    let sheet = sqlx::query!(
        "select id, status from evaluation_sheets
          where evaluation_id = $1 and evaluator_id = $2 for update",
        evaluation.id,
        evaluator.0
    )
    .fetch_one(&mut *conn)
    .await?;
    if sheet.status == "submitted" {
        return Ok(false);
    }
    replace_scores(&mut *conn, evaluation, sheet.id, scores).await?;
    let total: i32 = scores.iter().map(|(_, t, _)| *t).sum();
    sqlx::query!(
        "update evaluation_sheets
            set evidence = $2, comment = $3, total_tenths = $4,
                status = case when $5 then 'submitted' else 'draft' end,
                submitted_at = case when $5 then now() end
          where id = $1",
        sheet.id,
        texts.0,
        texts.1,
        total,
        submit
    )
    .execute(conn)
    .await?;
    Ok(true)
}

/// The scores of a sheet, written over.
async fn replace_scores(
    conn: &mut PgConnection,
    evaluation: &EvaluationRow,
    sheet_id: Uuid,
    scores: &[Scored],
) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from evaluation_scores where sheet_id = $1",
        sheet_id
    )
    .execute(&mut *conn)
    .await?;
    for (indicator_id, tenths, comment) in scores {
        sqlx::query!(
            "insert into evaluation_scores (sheet_id, indicator_id, union_path, supervisor_id, score_tenths, comment)
             values ($1, $2, $3::text::ltree, $4, $5, $6)",
            sheet_id,
            indicator_id,
            evaluation.union_path,
            evaluation.supervisor_id,
            tenths,
            comment.as_deref()
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Makes an open evaluation final with its results; `false` when someone
/// made it final first.
pub async fn finalize(
    conn: &mut PgConnection,
    evaluation: &EvaluationRow,
    result: (i64, Grade, &str),
    per_indicator: &[(Uuid, i64)],
    by: Uuid,
) -> sqlx::Result<bool> {
    let (total, grade, conclusion) = result;
    let done = sqlx::query!(
        "update evaluations set status = 'final', total_hundredths = $2, grade = $3,
                conclusion = $4, finalized_by = $5, finalized_at = now()
          where id = $1 and status = 'open'",
        evaluation.id,
        i32::try_from(total).unwrap_or(i32::MAX),
        grade.as_str(),
        conclusion,
        by
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    for (indicator_id, mean) in per_indicator {
        sqlx::query!(
            "insert into evaluation_results (evaluation_id, indicator_id, union_path, org_id, supervisor_id, mean_hundredths)
             values ($1, $2, $3::text::ltree, $4, $5, $6)",
            evaluation.id,
            indicator_id,
            evaluation.union_path,
            evaluation.org_id,
            evaluation.supervisor_id,
            i32::try_from(*mean).unwrap_or(i32::MAX)
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

/// One indicator's mean in a final evaluation.
#[derive(Clone, Debug)]
pub struct ResultRow {
    pub indicator_id: Uuid,
    pub code: String,
    pub name: String,
    pub weight: i16,
    pub mean_hundredths: i32,
}

/// The per-indicator means of a final evaluation (what the organization sees).
pub async fn results(conn: &mut PgConnection, evaluation_id: Uuid) -> sqlx::Result<Vec<ResultRow>> {
    sqlx::query_as!(
        ResultRow,
        "select r.indicator_id, i.code, i.name, i.weight, r.mean_hundredths
           from evaluation_results r join indicators i on i.id = r.indicator_id
          where r.evaluation_id = $1 order by i.code",
        evaluation_id
    )
    .fetch_all(conn)
    .await
}

/// Whether the contract's mid-term evaluation failed and no rectification
/// order issued after it has been closed: the project does not go on.
pub async fn midterm_failed_unrectified(
    conn: &mut PgConnection,
    contract_id: Uuid,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (
              select 1 from evaluations e
               where e.contract_id = $1 and e.kind = 'midterm' and e.status = 'final'
                 and e.grade = 'fail'
                 and not exists (select 1 from rectifications r
                                  where r.contract_id = e.contract_id and r.status = 'closed'
                                    and r.issued_at >= e.finalized_at)) as "failed!""#,
        contract_id
    )
    .fetch_one(conn)
    .await
}
