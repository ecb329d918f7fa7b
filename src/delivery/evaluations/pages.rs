//! The evaluation page: the scorer's own sheet (supervisor or staff), the
//! sheets so far and the finalize form for staff, and — once final — the
//! result, which is all the organization sees. Making it final is in
//! `finalize.rs`.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use uuid::Uuid;

use super::db::{self, EvaluationRow, ResultRow, SheetRow, SheetScore};
use crate::audit::{self, Entry};
use crate::db::Tx;
use crate::delivery::Delivery;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::indicators::db::{IndicatorRow, SystemRow};
use crate::indicators::leaves;
use crate::indicators::scoring::{self, Posted, Scored};
use crate::indicators::sheet::{ScoreSheet, SheetFields};
use crate::policy::{self, Action};
use crate::web::forms::optional_text;
use crate::web::{Ctx, FieldErrors, Flash, flash, render, render_invalid};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct EvalSheetForm {
    pub indicator: Vec<String>,
    pub score: Vec<String>,
    pub comment: Vec<String>,
    pub evidence: String,
    pub note: String,
    /// `save` or `submit`.
    pub action: String,
}

#[derive(Template)]
#[template(path = "delivery/evaluation.html")]
pub(super) struct EvaluationPage {
    ctx: Ctx,
    evaluation: EvaluationRow,
    delivery: Delivery,
    system: SystemRow,
    leaves: Vec<IndicatorRow>,
    sheets: Vec<SheetRow>,
    scores: Vec<SheetScore>,
    results: Vec<ResultRow>,
    form: EvalSheetForm,
    errors: FieldErrors,
    row_errors: Vec<Option<String>>,
    /// The user's own sheet is open to write.
    may_score: bool,
    may_finalize: bool,
    own_submitted: bool,
}

impl EvaluationPage {
    fn sheet(&self) -> ScoreSheet<'_> {
        ScoreSheet {
            leaves: &self.leaves,
            score: &self.form.score,
            comment: &self.form.comment,
            row_errors: &self.row_errors,
            readonly: false,
        }
    }

    fn mean(&self, hundredths: &i32) -> String {
        crate::web::format::two_decimals(i64::from(*hundredths))
    }

    /// One sheet's score of a leaf, for the staff's table.
    fn score_of(&self, sheet: &Uuid, leaf: &Uuid) -> String {
        self.scores
            .iter()
            .find(|s| s.sheet_id == *sheet && s.indicator_id == *leaf)
            .map(|s| scoring::show_tenths(i64::from(s.score_tenths)))
            .unwrap_or_default()
    }

    fn total(&self, tenths: &i32) -> String {
        scoring::show_tenths(i64::from(*tenths))
    }

    fn final_total(&self) -> String {
        self.evaluation
            .total_hundredths
            .map(|t| crate::web::format::two_decimals(i64::from(t)))
            .unwrap_or_default()
    }
}

pub(super) struct Loaded {
    pub(super) evaluation: EvaluationRow,
    pub(super) delivery: Delivery,
    pub(super) system: SystemRow,
    pub(super) leaves: Vec<IndicatorRow>,
}

pub(super) async fn load(tx: &mut Tx, id: Uuid) -> AppResult<Loaded> {
    let evaluation = db::find(tx, id).await?.ok_or(AppError::NotFound)?;
    let delivery = Delivery::load(tx, evaluation.contract_id).await?;
    let system = crate::indicators::db::find(tx, evaluation.system_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let leaves = leaves(crate::indicators::db::indicators(tx, system.id).await?);
    Ok(Loaded {
        evaluation,
        delivery,
        system,
        leaves,
    })
}

fn may_score(user: &CurrentUser, evaluation: &EvaluationRow) -> bool {
    !evaluation.is_final()
        && policy::permits(
            user,
            &Action::Supervise {
                union_path: &evaluation.union_path,
                supervisor_id: evaluation.supervisor_id,
            },
        )
}

pub(super) async fn page(
    tx: &mut Tx,
    ctx: Ctx,
    user: &CurrentUser,
    loaded: Loaded,
    form: Option<EvalSheetForm>,
    errors: FieldErrors,
    row_errors: Vec<Option<String>>,
) -> AppResult<EvaluationPage> {
    let Loaded {
        evaluation,
        delivery,
        system,
        leaves,
    } = loaded;
    let sheets = db::sheets(tx, evaluation.id).await?;
    let scores = db::scores(tx, evaluation.id).await?;
    let results = if evaluation.is_final() {
        db::results(tx, evaluation.id).await?
    } else {
        Vec::new()
    };
    let own = sheets.iter().find(|s| s.evaluator_id == user.id);
    let own_submitted = own.is_some_and(|s| s.status == "submitted");
    let form = form.unwrap_or_else(|| own_form(&leaves, own, &scores));
    let may_finalize = !evaluation.is_final()
        && policy::permits(
            user,
            &Action::FinalizeEvaluation {
                union_path: &evaluation.union_path,
            },
        );
    // Scorers score independently: until their own sheet is in, they see only
    // it (those who make the evaluation final see every sheet).
    let sheets = if may_finalize || evaluation.is_final() || own_submitted {
        sheets
    } else {
        sheets
            .into_iter()
            .filter(|s| s.evaluator_id == user.id)
            .collect()
    };
    Ok(EvaluationPage {
        may_score: may_score(user, &evaluation) && !own_submitted,
        may_finalize,
        ctx,
        evaluation,
        delivery,
        system,
        leaves,
        sheets,
        scores,
        results,
        form,
        errors,
        row_errors,
        own_submitted,
    })
}

/// The form of the user's own sheet as saved (empty when there is none).
fn own_form(
    leaves: &[IndicatorRow],
    own: Option<&SheetRow>,
    scores: &[SheetScore],
) -> EvalSheetForm {
    let saved = SheetFields::saved(leaves, |leaf| {
        let sheet = own?;
        scores
            .iter()
            .find(|s| s.sheet_id == sheet.id && s.indicator_id == leaf)
            .map(|s| (s.score_tenths, s.comment.as_deref()))
    });
    let mut form = EvalSheetForm {
        indicator: saved.indicator,
        score: saved.score,
        comment: saved.comment,
        ..EvalSheetForm::default()
    };
    if let Some(sheet) = own {
        form.evidence.clone_from(&sheet.evidence);
        form.note.clone_from(&sheet.comment);
    }
    form
}

pub async fn show_evaluation(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let loaded = load(&mut tx, id).await?;
    let page = page(
        &mut tx,
        ctx,
        &user,
        loaded,
        None,
        FieldErrors::default(),
        Vec::new(),
    )
    .await?;
    tx.commit().await?;
    render(&page)
}

pub async fn save_sheet(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Path(id): Path<Uuid>,
    Form(form): Form<EvalSheetForm>,
) -> AppResult<Response> {
    let loaded = load(&mut tx, id).await?;
    let back = format!("/evaluations/{id}");
    policy::require(
        &user,
        &Action::Supervise {
            union_path: &loaded.evaluation.union_path,
            supervisor_id: loaded.evaluation.supervisor_id,
        },
    )?;
    if loaded.evaluation.is_final() {
        return Ok(flash::redirect(&back, Flash::new("evaluations.final")));
    }
    let submit = form.action == "submit";
    let sheet = match read(&ctx, &loaded.leaves, &form, submit) {
        Ok(sheet) => sheet,
        Err((errors, rows)) => {
            let page = page(&mut tx, ctx, &user, loaded, Some(form), errors, rows).await?;
            return render_invalid(&page);
        }
    };
    if !db::write_sheet(
        &mut tx,
        &loaded.evaluation,
        (user.id, &user.display_name),
        (
            sheet.evidence.as_deref().unwrap_or_default(),
            sheet.note.as_deref().unwrap_or_default(),
        ),
        &sheet.scores,
        submit,
    )
    .await?
    {
        return Ok(flash::redirect(
            &back,
            Flash::new("evaluations.sheet_final"),
        ));
    }
    record_sheet(&mut tx, &user, &loaded, submit, &sheet.scores).await?;
    tx.commit().await?;
    Ok(flash::redirect(
        &back,
        Flash::new(if submit {
            "evaluations.sheet_submitted"
        } else {
            "form.saved"
        }),
    ))
}

/// A score sheet as read from its form.
struct ReadSheet {
    evidence: Option<String>,
    note: Option<String>,
    scores: Vec<Scored>,
}

/// Reads the posted sheet against the leaves (a submitted one needs every
/// score); or the errors to show, with per row its problem.
fn read(
    ctx: &Ctx,
    leaves: &[IndicatorRow],
    form: &EvalSheetForm,
    submit: bool,
) -> Result<ReadSheet, (FieldErrors, Vec<Option<String>>)> {
    let mut errors = FieldErrors::default();
    let evidence = optional_text(&mut errors, "evidence", &form.evidence, 4000);
    let note = optional_text(&mut errors, "note", &form.note, 4000);
    let read = scoring::read_sheet(
        leaves,
        Posted {
            indicator: &form.indicator,
            score: &form.score,
            comment: &form.comment,
            submit,
        },
    );
    match read {
        Ok(scores) if errors.is_empty() => Ok(ReadSheet {
            evidence,
            note,
            scores,
        }),
        Ok(_) => Err((errors, Vec::new())),
        Err(problems) => {
            let (mut sheet_errors, rows) = scoring::sheet_errors(ctx, leaves, &problems);
            for (field, message) in errors.iter() {
                sheet_errors.add(field, message.key);
            }
            Err((sheet_errors, rows))
        }
    }
}

/// The audit entry of a sheet saved or submitted, with its total.
async fn record_sheet(
    tx: &mut Tx,
    user: &CurrentUser,
    loaded: &Loaded,
    submit: bool,
    scores: &[Scored],
) -> AppResult<()> {
    let total: i64 = scores.iter().map(|(_, t, _)| i64::from(*t)).sum();
    let entry = Entry::new(
        if submit {
            "evaluation.sheet_submitted"
        } else {
            "evaluation.sheet_saved"
        },
        "evaluation",
        loaded.evaluation.id,
    )
    .at_record(
        user,
        loaded.delivery.project.union_id,
        &loaded.evaluation.union_path,
    )
    .detail("total_tenths", total);
    audit::record(tx, user, entry).await?;
    Ok(())
}
