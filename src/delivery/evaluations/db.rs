//! The queries of evaluations, their score sheets and their final results.

use crate::db::list::ScopeColumns;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::{EvalKind, Grade};
use crate::delivery::Held;
use crate::projects::reviews::scoring::Scored;

/// How a list of evaluations says the reader's scope (alias `e`).
pub const SCOPE_COLUMNS: ScopeColumns = ScopeColumns {
    org: Some("e.org_id"),
    supervisor: Some("e.supervisor_id"),
    ..ScopeColumns::path("e.union_path")
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EvaluationRow {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub project_id: Uuid,
    pub union_path: String,
    pub org_id: Uuid,
    pub supervisor_id: Uuid,
    #[sqlx(try_from = "String")]
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

macro_rules! evaluation_select {
    () => {
        "select id, contract_id, project_id, union_path::text as union_path, org_id,
                supervisor_id, kind, system_id, status, total_hundredths, grade, conclusion,
                finalized_at
           from evaluations"
    };
}

pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<EvaluationRow>> {
    sqlx::query_as(concat!(evaluation_select!(), " where id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn of_contract(
    conn: &mut PgConnection,
    contract_id: Uuid,
) -> sqlx::Result<Vec<EvaluationRow>> {
    sqlx::query_as(concat!(
        evaluation_select!(),
        " where contract_id = $1 order by kind desc"
    ))
    .bind(contract_id)
    .fetch_all(conn)
    .await
}

/// Opens the contract's evaluation of this kind against the project's system
/// (once: a second acceptance changes nothing).
pub async fn open(conn: &mut PgConnection, held: &Held, kind: EvalKind) -> sqlx::Result<()> {
    let system_id = match kind {
        EvalKind::Midterm => held.project.midterm_system_id,
        EvalKind::Final => held.project.performance_system_id,
    };
    let c = &held.contract;
    sqlx::query(
        "insert into evaluations (contract_id, project_id, union_path, org_id, supervisor_id, kind, system_id)
         values ($1, $2, $3::ltree, $4, $5, $6, $7)
         on conflict (contract_id, kind) do nothing",
    )
    .bind(c.id)
    .bind(c.project_id)
    .bind(&c.union_path)
    .bind(c.org_id)
    .bind(c.supervisor_id)
    .bind(kind.as_str())
    .bind(system_id)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Clone, Debug, sqlx::FromRow)]
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

pub async fn sheets(conn: &mut PgConnection, evaluation_id: Uuid) -> sqlx::Result<Vec<SheetRow>> {
    sqlx::query_as(
        "select id, evaluator_id, evaluator_name, status, evidence, comment, total_tenths, submitted_at
           from evaluation_sheets where evaluation_id = $1 order by evaluator_name, id",
    )
    .bind(evaluation_id)
    .fetch_all(conn)
    .await
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SheetScore {
    pub sheet_id: Uuid,
    pub indicator_id: Uuid,
    pub score_tenths: i32,
    pub comment: Option<String>,
}

pub async fn scores(conn: &mut PgConnection, evaluation_id: Uuid) -> sqlx::Result<Vec<SheetScore>> {
    sqlx::query_as(
        "select s.sheet_id, s.indicator_id, s.score_tenths, s.comment
           from evaluation_scores s join evaluation_sheets h on h.id = s.sheet_id
          where h.evaluation_id = $1",
    )
    .bind(evaluation_id)
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
    sqlx::query(
        "insert into evaluation_sheets (evaluation_id, union_path, supervisor_id, evaluator_id, evaluator_name)
         values ($1, $2::ltree, $3, $4, $5)
         on conflict (evaluation_id, evaluator_id) do nothing",
    )
    .bind(evaluation.id)
    .bind(&evaluation.union_path)
    .bind(evaluation.supervisor_id)
    .bind(evaluator.0)
    .bind(evaluator.1)
    .execute(&mut *conn)
    .await?;
    // Locked, so that two submissions of one sheet cannot both go through.
    let (sheet_id, status): (Uuid, String) = sqlx::query_as(
        "select id, status from evaluation_sheets
          where evaluation_id = $1 and evaluator_id = $2 for update",
    )
    .bind(evaluation.id)
    .bind(evaluator.0)
    .fetch_one(&mut *conn)
    .await?;
    if status == "submitted" {
        return Ok(false);
    }
    sqlx::query("delete from evaluation_scores where sheet_id = $1")
        .bind(sheet_id)
        .execute(&mut *conn)
        .await?;
    for (indicator_id, tenths, comment) in scores {
        sqlx::query(
            "insert into evaluation_scores (sheet_id, indicator_id, union_path, supervisor_id, score_tenths, comment)
             values ($1, $2, $3::ltree, $4, $5, $6)",
        )
        .bind(sheet_id)
        .bind(indicator_id)
        .bind(&evaluation.union_path)
        .bind(evaluation.supervisor_id)
        .bind(tenths)
        .bind(comment)
        .execute(&mut *conn)
        .await?;
    }
    let total: i32 = scores.iter().map(|(_, t, _)| *t).sum();
    sqlx::query(
        "update evaluation_sheets
            set evidence = $2, comment = $3, total_tenths = $4,
                status = case when $5 then 'submitted' else 'draft' end,
                submitted_at = case when $5 then now() end
          where id = $1",
    )
    .bind(sheet_id)
    .bind(texts.0)
    .bind(texts.1)
    .bind(total)
    .bind(submit)
    .execute(conn)
    .await?;
    Ok(true)
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
    let done = sqlx::query(
        "update evaluations set status = 'final', total_hundredths = $2, grade = $3,
                conclusion = $4, finalized_by = $5, finalized_at = now()
          where id = $1 and status = 'open'",
    )
    .bind(evaluation.id)
    .bind(i32::try_from(total).unwrap_or(i32::MAX))
    .bind(grade.as_str())
    .bind(conclusion)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    for (indicator_id, mean) in per_indicator {
        sqlx::query(
            "insert into evaluation_results (evaluation_id, indicator_id, union_path, org_id, supervisor_id, mean_hundredths)
             values ($1, $2, $3::ltree, $4, $5, $6)",
        )
        .bind(evaluation.id)
        .bind(indicator_id)
        .bind(&evaluation.union_path)
        .bind(evaluation.org_id)
        .bind(evaluation.supervisor_id)
        .bind(i32::try_from(*mean).unwrap_or(i32::MAX))
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

/// One indicator's mean in a final evaluation.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ResultRow {
    pub indicator_id: Uuid,
    pub code: String,
    pub name: String,
    pub weight: i16,
    pub mean_hundredths: i32,
}

/// The per-indicator means of a final evaluation (what the organization sees).
pub async fn results(conn: &mut PgConnection, evaluation_id: Uuid) -> sqlx::Result<Vec<ResultRow>> {
    sqlx::query_as(
        "select r.indicator_id, i.code, i.name, i.weight, r.mean_hundredths
           from evaluation_results r join indicators i on i.id = r.indicator_id
          where r.evaluation_id = $1 order by i.code",
    )
    .bind(evaluation_id)
    .fetch_all(conn)
    .await
}

/// Whether the contract's mid-term evaluation failed and no rectification
/// order issued after it has been closed: the project does not go on.
pub async fn midterm_failed_unrectified(
    conn: &mut PgConnection,
    contract_id: Uuid,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "select exists (
            select 1 from evaluations e
             where e.contract_id = $1 and e.kind = 'midterm' and e.status = 'final'
               and e.grade = 'fail'
               and not exists (select 1 from rectifications r
                                where r.contract_id = e.contract_id and r.status = 'closed'
                                  and r.issued_at >= e.finalized_at))",
    )
    .bind(contract_id)
    .fetch_one(conn)
    .await
}
