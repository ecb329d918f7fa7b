//! The union money page: the rows with projects in a table and a bar chart,
//! the child unions without any collapsed into one line, every amount in 万元
//! (named once, in the column headers), a zero shown as "—".

use askama::Template;

use super::db::{Money, UnionMoney};
use crate::web::Ctx;
use crate::web::money::Fen;
use crate::web::pagination::{ExportLinks, export_links};

#[derive(Template)]
#[template(path = "delivery/finance.html")]
pub struct FinancePage {
    ctx: Ctx,
    /// The union shown: (id, name).
    union: (i64, String),
    /// From the reader's union down to the one shown, for the way back up.
    way_up: Vec<(i64, String)>,
    year: i32,
    years: Vec<i32>,
    /// The union's own projects, if it bought any, then its child unions
    /// that did.
    rows: Vec<UnionMoney>,
    /// The child unions without a funded project this year.
    idle: Vec<UnionMoney>,
    total: Money,
    total_projects: i64,
}

/// One bar of the chart: the row, its budget and what was paid, as widths in
/// percent of the largest budget (one decimal, as SVG lengths).
pub struct Bar<'a> {
    pub row: &'a UnionMoney,
    pub budget_width: String,
    pub paid_width: String,
}

impl FinancePage {
    /// This table (its union and year) as Excel or CSV.
    fn export_links(&self) -> ExportLinks {
        let union = if self.way_up.len() > 1 {
            self.union.0.to_string()
        } else {
            String::new()
        };
        let filters = [("union", union), ("year", self.year.to_string())];
        export_links("/finance", &filters).without_ids()
    }

    pub fn new(
        ctx: Ctx,
        all: Vec<UnionMoney>,
        way_up: Vec<(i64, String)>,
        year: i32,
        years: Vec<i32>,
    ) -> Self {
        let total = all
            .iter()
            .fold(Money::default(), |sum, r| sum.plus(&r.money));
        let total_projects = all.iter().map(|r| r.projects).sum();
        let union = way_up.last().cloned().unwrap_or_default();
        let (rows, idle): (Vec<_>, Vec<_>) = all.into_iter().partition(|r| r.projects > 0);
        Self {
            ctx,
            union,
            way_up,
            year,
            years,
            rows,
            idle: idle.into_iter().filter(|r| !r.own).collect(),
            total,
            total_projects,
        }
    }

    fn headers(&self) -> [&'static str; 5] {
        self.total.columns().map(|(key, _)| key)
    }

    /// The columns in 万元 without the unit; nothing is "—".
    fn cells(&self, money: &Money) -> [String; 5] {
        money.fen().map(|fen| {
            if fen == 0 {
                "—".to_owned()
            } else {
                Fen(fen).wan()
            }
        })
    }

    fn wan(&self, fen: &i64) -> String {
        Fen(*fen).wan()
    }

    /// The project list of the projects a row counts: the same union (its
    /// own ones for the union's own row), year and stage.
    fn row_href(&self, row: &UnionMoney) -> String {
        let own = if row.own { "&own=1" } else { "" };
        format!("{}{own}", self.projects_href(row.union_id))
    }

    /// The project list of every project the page counts.
    fn total_href(&self) -> String {
        self.projects_href(self.union.0)
    }

    fn projects_href(&self, union_id: i64) -> String {
        format!("/projects?union={union_id}&year={}&stage=funded", self.year)
    }

    /// This page for another union, the same year.
    fn finance_href(&self, union_id: &i64) -> String {
        format!("/finance?union={union_id}&year={}", self.year)
    }

    /// The bars, scaled to the largest budget.
    fn bars(&self) -> Vec<Bar<'_>> {
        let largest = self
            .rows
            .iter()
            .map(|r| r.money.budget_fen)
            .max()
            .unwrap_or(0)
            .max(1);
        let width = |fen: i64| {
            let tenths = (fen.clamp(0, largest) * 1000 + largest / 2) / largest;
            format!("{}.{}", tenths / 10, tenths % 10)
        };
        self.rows
            .iter()
            .map(|row| Bar {
                row,
                budget_width: width(row.money.budget_fen),
                paid_width: width(row.money.paid_fen),
            })
            .collect()
    }

    /// The names of the child unions without projects, in division order.
    fn idle_names(&self) -> String {
        let names: Vec<&str> = self.idle.iter().map(|r| r.name.as_str()).collect();
        names.join("、")
    }
}
