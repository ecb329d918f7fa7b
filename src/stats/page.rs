//! The dashboard page: headline numbers, the map of provinces (national
//! view), and every table with its chart; the period selector, the way back
//! up, how fresh the figures are, and the workbook.

use std::sync::Arc;

use askama::Template;
use chrono::{DateTime, Utc};

use super::filter::{Filter, FilterQuery};
use super::period::Period;
use super::tables::{Basis, Chart, Table};
use super::view::View;
use crate::orgs::kinds::{Category, Domain, OrgStatus, OrgType, Relationship, UnionBuilding};
use crate::web::Ctx;
use crate::web::format::datetime;

#[derive(Template)]
#[template(path = "stats/page.html")]
pub struct StatsPage {
    pub ctx: Ctx,
    /// The union shown: (id, name).
    pub union: (i64, String),
    /// From the reader's union down to the one shown.
    pub way_up: Vec<(i64, String)>,
    pub period: Period,
    pub years: Vec<i32>,
    /// The headlines, map and tables, shared by every reader of the union.
    pub view: Arc<View>,
    /// The figure the map is coloured by.
    pub figure: MapFigure,
    pub refreshed: Option<(DateTime<Utc>, i32)>,
    /// Whether the reader may make the figures again now.
    pub may_refresh: bool,
    /// The registry's filters as typed (echoed into the form) and as read.
    pub filter_query: FilterQuery,
    pub filter: Filter,
}

/// The figures the map can be coloured by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapFigure {
    Orgs,
    Coverage,
    Projects,
    Budget,
}

impl MapFigure {
    pub const ALL: [MapFigure; 4] = [
        MapFigure::Orgs,
        MapFigure::Coverage,
        MapFigure::Projects,
        MapFigure::Budget,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MapFigure::Orgs => "orgs",
            MapFigure::Coverage => "coverage",
            MapFigure::Projects => "projects",
            MapFigure::Budget => "budget",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == value)
    }

    /// Whether the figure is the registry's, so that a dashboard narrowed by
    /// the registry's filters can colour the map by it.
    pub fn is_registry(self) -> bool {
        matches!(self, MapFigure::Orgs | MapFigure::Coverage)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            MapFigure::Orgs => "stats.col.orgs",
            MapFigure::Coverage => "stats.col.coverage",
            MapFigure::Projects => "stats.col.projects_funded",
            MapFigure::Budget => "stats.col.budget",
        }
    }
}

impl StatsPage {
    fn href(&self) -> String {
        format!("/stats/{}", self.union.0)
    }

    /// The workbook of this union, period and filters.
    fn export_href(&self) -> String {
        format!(
            "/stats/{}/export.xlsx?{}{}",
            self.union.0,
            self.period.query(),
            self.filter.query()
        )
    }

    fn stats_href(&self, union_id: &i64) -> String {
        format!(
            "/stats/{union_id}?{}{}",
            self.period.query(),
            self.filter.query()
        )
    }

    /// This dashboard without the registry's filters.
    fn unfiltered_href(&self) -> String {
        format!("/stats/{}?{}", self.union.0, self.period.query())
    }

    fn filter_described(&self) -> String {
        self.filter.describe(self.ctx.lang)
    }

    fn rating_label(&self, rating: &str) -> String {
        self.ctx.t(&format!("stats.rating.{rating}")).to_owned()
    }

    fn org_types(&self) -> &'static [OrgType] {
        OrgType::ALL
    }

    fn domains(&self) -> &'static [Domain] {
        Domain::ALL
    }

    fn categories(&self) -> &'static [Category] {
        Category::ALL
    }

    fn relationships(&self) -> &'static [Relationship] {
        Relationship::ALL
    }

    fn union_buildings(&self) -> &'static [UnionBuilding] {
        UnionBuilding::ALL
    }

    fn statuses(&self) -> &'static [OrgStatus] {
        OrgStatus::ALL
    }

    fn refreshed_at(&self) -> String {
        self.refreshed
            .map(|(at, _)| datetime(&at))
            .unwrap_or_default()
    }

    fn basis_key(&self, table: &Table) -> &'static str {
        match table.basis {
            Basis::Now => "stats.basis.now",
            Basis::Period => "stats.basis.period",
        }
    }

    /// The figures the map can be coloured by, for the selector: the
    /// registry's alone when the registry's filters narrow the dashboard.
    fn map_figures(&self) -> Vec<MapFigure> {
        MapFigure::ALL
            .into_iter()
            .filter(|f| self.filter.is_empty() || f.is_registry())
            .collect()
    }

    fn map_selected(&self, figure: &MapFigure) -> bool {
        self.figure == *figure
    }

    fn bars<'a>(&self, chart: &'a Option<Chart>) -> Option<&'a super::charts::Bars> {
        match chart {
            Some(Chart::Bars(bars)) => Some(bars),
            _ => None,
        }
    }

    fn donut<'a>(&self, chart: &'a Option<Chart>) -> Option<&'a super::charts::Donut> {
        match chart {
            Some(Chart::Donut(donut)) => Some(donut),
            _ => None,
        }
    }

    fn line<'a>(&self, chart: &'a Option<Chart>) -> Option<&'a super::charts::Line> {
        match chart {
            Some(Chart::Line(line)) => Some(line),
            _ => None,
        }
    }
}
