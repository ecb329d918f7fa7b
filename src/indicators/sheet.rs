//! The score sheet as a page shows it, one component for the approval
//! review's sheet (a reviewer's) and an evaluation's (a scorer's):
//! one row per leaf of the indicator system, with the score and comment typed
//! or saved and the row's message. `templates/_macros.html` draws it
//! (`score_sheet`); reading a posted sheet is [`super::scoring`].

use uuid::Uuid;

use super::db::IndicatorRow;
use super::scoring::show_tenths;

/// A sheet's fields per leaf, in the leaves' order, as the form posts them.
#[derive(Clone, Debug, Default)]
pub struct SheetFields {
    pub indicator: Vec<String>,
    pub score: Vec<String>,
    pub comment: Vec<String>,
}

impl SheetFields {
    /// The fields of a saved sheet: `saved` gives a leaf's kept score
    /// (tenths) and comment, if it has one.
    pub fn saved<'s>(
        leaves: &[IndicatorRow],
        saved: impl Fn(Uuid) -> Option<(i32, Option<&'s str>)>,
    ) -> Self {
        let mut fields = Self::default();
        for leaf in leaves {
            let kept = saved(leaf.id);
            fields.indicator.push(leaf.id.to_string());
            fields.score.push(
                kept.map(|(tenths, _)| show_tenths(i64::from(tenths)))
                    .unwrap_or_default(),
            );
            fields.comment.push(
                kept.and_then(|(_, comment)| comment)
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
        fields
    }
}

/// One row of the sheet.
#[derive(Debug)]
pub struct SheetRow<'a> {
    pub leaf: &'a IndicatorRow,
    pub score: &'a str,
    pub comment: &'a str,
    pub problem: Option<&'a str>,
}

/// The sheet to draw: the leaves, what is in the boxes, each row's message,
/// and whether the boxes take input.
#[derive(Debug)]
pub struct ScoreSheet<'a> {
    pub leaves: &'a [IndicatorRow],
    pub score: &'a [String],
    pub comment: &'a [String],
    pub row_errors: &'a [Option<String>],
    pub readonly: bool,
}

impl<'a> ScoreSheet<'a> {
    pub fn rows(&self) -> Vec<SheetRow<'a>> {
        let text = |values: &'a [String], i: usize| values.get(i).map_or("", String::as_str);
        self.leaves
            .iter()
            .enumerate()
            .map(|(i, leaf)| SheetRow {
                leaf,
                score: text(self.score, i),
                comment: text(self.comment, i),
                problem: self.row_errors.get(i).and_then(Option::as_deref),
            })
            .collect()
    }
}
