//! Making an evaluation final: staff of the scope, once every sheet is
//! submitted — the mean of the totals, the grade by the system's thresholds,
//! the per-indicator means the organization will see, and a conclusion.

use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use uuid::Uuid;

use super::Grade;
use super::db::{self, SheetRow, SheetScore};
use super::pages::{load, page};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::error::AppResult;
use crate::identity::CurrentUser;
use crate::indicators::db::IndicatorRow;
use crate::policy::{self, Action};
use crate::web::forms::optional_text;
use crate::web::{Ctx, FieldErrors, Flash, flash, render_invalid};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FinalizeForm {
    pub conclusion: String,
}

pub async fn finalize(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<FinalizeForm>,
) -> AppResult<Response> {
    let loaded = load(&mut tx, id).await?;
    let back = format!("/evaluations/{id}");
    policy::require(
        &user,
        &Action::FinalizeEvaluation {
            union_path: &loaded.evaluation.union_path,
        },
    )?;
    if loaded.evaluation.is_final() {
        return Ok(flash::redirect(&back, Flash::new("evaluations.final")));
    }
    let sheets = db::sheets(&mut tx, id).await?;
    let mut errors = FieldErrors::default();
    let conclusion = check(&form, &sheets, &mut errors);
    let (Some(conclusion), true) = (conclusion, errors.is_empty()) else {
        let page = page(&mut tx, ctx, &user, loaded, None, errors, Vec::new()).await?;
        return render_invalid(&page);
    };
    let scores = db::scores(&mut tx, id).await?;
    let (total, per_indicator) = means(&loaded.leaves, &sheets, &scores);
    let grade = Grade::of(total, &loaded.system);
    let evaluation = &loaded.evaluation;
    if !db::finalize(
        &mut tx,
        evaluation,
        (total, grade, &conclusion),
        &per_indicator,
        user.id,
    )
    .await?
    {
        return Ok(flash::redirect(&back, Flash::new("evaluations.final")));
    }
    let entry = Entry::new("evaluation.finalized", "evaluation", id)
        .at_record(
            &user,
            loaded.delivery.project.union_id,
            &evaluation.union_path,
        )
        .detail("kind", evaluation.kind.as_str())
        .detail("total_hundredths", total)
        .detail("grade", grade.as_str());
    audit::record(&mut tx, &user, entry).await?;
    tx.commit().await?;
    let key = match (evaluation.kind, grade) {
        (super::EvalKind::Midterm, Grade::Fail) => "evaluations.failed_midterm",
        (super::EvalKind::Final, Grade::Fail) => "evaluations.failed_final",
        _ => "evaluations.finalized",
    };
    Ok(flash::redirect(
        &back,
        Flash::with_arg(key, ctx.t(grade.label_key())),
    ))
}

/// The conclusion, required, and whether every sheet is in (at least one).
fn check(form: &FinalizeForm, sheets: &[SheetRow], errors: &mut FieldErrors) -> Option<String> {
    let conclusion = optional_text(errors, "conclusion", &form.conclusion, 4000);
    if conclusion.is_none() {
        errors.add("conclusion", "evaluations.conclusion_required");
    }
    let submitted = sheets.iter().filter(|s| s.status == "submitted").count();
    if submitted == 0 {
        errors.add("conclusion", "evaluations.no_sheets");
    } else if submitted < sheets.len() {
        errors.add("conclusion", "evaluations.incomplete_sheets");
    }
    conclusion
}

/// The mean of the submitted sheets' totals, and per leaf the mean of its
/// scores.
fn means(
    leaves: &[IndicatorRow],
    sheets: &[SheetRow],
    scores: &[SheetScore],
) -> (i64, Vec<(Uuid, i64)>) {
    let submitted: Vec<&SheetRow> = sheets.iter().filter(|s| s.status == "submitted").collect();
    let n = i64::try_from(submitted.len()).unwrap_or(1);
    // Means in hundredths of a point, rounded half up: tenths × 10 / n.
    let mean = |sum_tenths: i64| (sum_tenths * 20 + n) / (2 * n);
    let total = mean(submitted.iter().map(|s| i64::from(s.total_tenths)).sum());
    let per_indicator = leaves
        .iter()
        .map(|leaf| {
            let sum: i64 = scores
                .iter()
                .filter(|s| s.indicator_id == leaf.id)
                .map(|s| i64::from(s.score_tenths))
                .sum();
            (leaf.id, mean(sum))
        })
        .collect();
    (total, per_indicator)
}
