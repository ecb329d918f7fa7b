//! The score table of a project: per submitted review, the reviewer's score of
//! each indicator and the total, and per application its (trimmed) mean with
//! the number of reviews it rests on. The review page shows it and the Excel
//! export writes the very same cells; the page heads an indicator's column
//! with its code alone (the full name in its title and the legend), so that
//! fourteen indicators fit a laptop's width.

use axum::extract::Path;
use axum::response::Response;
use uuid::Uuid;

use super::db::{self, ReviewStatus, ScoreRow};
use super::manage::{RankedApplication, rank_applications};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::indicators::db::IndicatorRow;
use crate::indicators::leaves;
use crate::indicators::scoring;
use crate::policy::{self, Action};
use crate::projects::db as projects_db;
use crate::sheets::export::{self, Cell, Export, ExportRequest, Fetched, Header};

/// Header and rows of text, as shown.
#[derive(Clone, Debug, Default)]
pub struct ScoreTable {
    pub header: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

/// A column's heading: in full (the export, the title) and as the page's
/// header cell shows it.
#[derive(Clone, Debug)]
pub struct Column {
    pub full: String,
    pub short: String,
    /// A column of numbers (an indicator's or the total).
    pub numeric: bool,
}

impl Column {
    fn named(name: &str, numeric: bool) -> Self {
        Self {
            full: name.to_owned(),
            short: name.to_owned(),
            numeric,
        }
    }

    /// Whether the page abbreviates it.
    pub fn abbreviated(&self) -> bool {
        self.short != self.full
    }
}

pub fn build(
    lang: Lang,
    leaves: &[IndicatorRow],
    ranked: &[RankedApplication],
    scores: &[ScoreRow],
) -> ScoreTable {
    let mut header = vec![
        Column::named(lang.t("reviews.table.applicant"), false),
        Column::named(lang.t("reviews.table.reviewer"), false),
    ];
    header.extend(leaves.iter().map(|l| Column {
        full: format!("{} {}（{}）", l.code, l.name, l.weight),
        short: l.code.clone(),
        numeric: true,
    }));
    header.push(Column::named(lang.t("reviews.table.total"), true));
    let mut rows = Vec::new();
    for entry in ranked {
        for assignment in entry
            .assignments
            .iter()
            .filter(|a| a.status == ReviewStatus::Submitted)
        {
            let mut row = vec![
                entry.application.org_name.clone(),
                assignment.reviewer_name.clone(),
            ];
            for leaf in leaves {
                row.push(
                    scores
                        .iter()
                        .find(|s| s.assignment_id == assignment.id && s.indicator_id == leaf.id)
                        .map(|s| scoring::show_tenths(i64::from(s.score_tenths)))
                        .unwrap_or_default(),
                );
            }
            row.push(scoring::show_tenths(assignment.total_tenths));
            rows.push(row);
        }
        if let Some(mean) = entry.mean {
            let label = format!("{}{}", lang.t(entry.mean_key()), entry.basis(&lang));
            let mut row = vec![entry.application.org_name.clone(), label];
            row.extend(leaves.iter().map(|_| String::new()));
            row.push(crate::web::format::two_decimals(mean));
            rows.push(row);
        }
    }
    ScoreTable { header, rows }
}

/// The table of a project, for its page and its export.
pub async fn of_project(
    tx: &mut Tx,
    lang: Lang,
    project_id: Uuid,
    review_system_id: Uuid,
) -> AppResult<(Vec<RankedApplication>, ScoreTable)> {
    let ranked = rank_applications(tx, project_id).await?;
    let leaves = leaves(crate::indicators::db::indicators(tx, review_system_id).await?);
    let scores = db::scores_of_project(tx, project_id).await?;
    let table = build(lang, &leaves, &ranked, &scores);
    Ok((ranked, table))
}

/// The table as a workbook or CSV (`reviews.xlsx`): the page's cells, the
/// scores and means as numbers.
pub async fn export(
    user: CurrentUser,
    mut tx: Tx,
    request: ExportRequest,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ListProjects)?;
    let project = projects_db::find(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (_, table) = of_project(&mut tx, user.lang, id, project.review_system_id).await?;
    let headers = table
        .header
        .iter()
        .map(|column| Header::named(column.full.clone()))
        .collect();
    let rows = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .zip(&table.header)
                .map(|(cell, column)| match cell.parse::<f64>() {
                    Ok(number) if column.numeric => Cell::Decimal(number),
                    _ => Cell::from(cell.as_str()),
                })
                .collect()
        })
        .collect();
    let described = Export::new("评审得分", "reviews", &[])
        .with_headers(headers)
        .filter("项目", format!("{} {}", project.code, project.title));
    export::respond(&user, tx, request, described, Fetched(rows)).await
}
