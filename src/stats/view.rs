//! What a dashboard shows of a union for a period, made from its roll-ups:
//! the headline figures, the map of provinces (national view), and every
//! table with its chart. The same for every reader who can see the union, so
//! it is made once per refresh (`cache`).

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::PgConnection;
use tokio::sync::Semaphore;

use super::dashboard::Scene;
use super::db::{self, Place};
use super::figures::Figures;
use super::filter::Filter;
use super::map::{Map, Province};
use super::page::MapFigure;
use super::period::Period;
use super::tables::{Table, Unit, Value};
use crate::i18n::Lang;
use crate::identity::Level;

/// The union a dashboard shows.
#[derive(Clone, Debug)]
pub struct Shown {
    pub id: i64,
    pub name: String,
    pub path: String,
    pub level: Level,
}

/// How the dashboard is asked for: the period, the registry's filters, the
/// reader's language, the figure the map is coloured by, and today (for the
/// trend's last month).
#[derive(Clone, Copy, Debug)]
pub struct Asked<'a> {
    pub period: &'a Period,
    pub filter: &'a Filter,
    pub lang: Lang,
    pub figure: MapFigure,
    pub today: NaiveDate,
}

#[derive(Debug)]
pub struct View {
    pub headlines: Vec<(String, Value)>,
    pub map: Option<Map>,
    pub tables: Vec<Table>,
    /// The year of the reader's first project, for the year selector.
    pub first_year: Option<i32>,
}

impl View {
    /// Reads the figures of `shown` and its children and makes the view.
    pub async fn read(
        conn: &mut PgConnection,
        reader_path: &str,
        shown: &Shown,
        asked: &Asked<'_>,
    ) -> sqlx::Result<Self> {
        let Asked {
            period,
            filter,
            lang,
            figure,
            today,
        } = *asked;
        let children = db::children(conn, shown.id).await?;
        let (mut figures, changes, departments) = if filter.is_empty() {
            let ids: Vec<i64> = std::iter::once(shown.id)
                .chain(children.iter().map(|c| c.id))
                .collect();
            (
                db::figures(conn, &ids, period.from, period.to).await?,
                db::monthly(conn, shown.id, "ub:net", period.from).await?,
                crate::work_system::db::children_coverage(conn, shown.id).await?,
            )
        } else {
            (narrowed(conn, shown, filter).await?, Vec::new(), (0, 0))
        };
        let first_year = crate::projects::db::first_year(conn, reader_path).await?;
        let total = figures.remove(&shown.id).unwrap_or_default();
        let children: Vec<(Place, Figures)> = children
            .into_iter()
            .map(|child| {
                let f = figures.remove(&child.id).unwrap_or_default();
                (child, f)
            })
            .collect();
        let scene = Scene {
            lang,
            shown: (shown.id, &shown.name),
            total: &total,
            children: &children,
            period,
            union_building_changes: &changes,
            filter,
        };
        let mut headlines = scene.headlines();
        let (with_department, of) = departments;
        if of > 0 {
            headlines.push((
                lang.t("stats.col.departments").to_owned(),
                Value {
                    n: with_department,
                    unit: Unit::OutOf { of },
                    href: None,
                },
            ));
        }
        Ok(Self {
            headlines,
            map: (shown.level == Level::National).then(|| map(&scene, figure)),
            tables: scene.tables(today),
            first_year,
        })
    }
}

/// At most one narrowed count at a time in this server: at the national
/// level one reads every organization that passes the filters, and a few
/// leaders trying filters at once must not take every core from the others.
static NARROWED: Semaphore = Semaphore::const_new(1);

/// The registry's figures of `shown` (its whole subtree, under its id) and of
/// each child, narrowed by `filter`: counted live, as the roll-ups hold no
/// combination of filters.
async fn narrowed(
    conn: &mut PgConnection,
    shown: &Shown,
    filter: &Filter,
) -> sqlx::Result<HashMap<i64, Figures>> {
    let _turn = NARROWED
        .acquire()
        .await
        .expect("the semaphore is never closed");
    let mut by_place = db::registry_by_child(conn, shown.id, &shown.path, filter).await?;
    let mut total = Figures::default();
    for figures in by_place.values() {
        total.add_all(figures);
    }
    by_place.insert(shown.id, total);
    Ok(by_place)
}

/// The provinces on the map, by the chosen figure.
fn map(scene: &Scene<'_>, figure: MapFigure) -> Map {
    let provinces: Vec<Province> = scene
        .children
        .iter()
        .filter(|(place, _)| place.level == Level::Provincial)
        .filter_map(|(place, f)| {
            let code = place.division_code.clone()?;
            let value = match figure {
                MapFigure::Orgs => Value::count(f.get("orgs")),
                MapFigure::Coverage => Value {
                    n: f.sum(&["ub:established", "ub:joint"]),
                    unit: Unit::Share { of: f.get("orgs") },
                    href: None,
                },
                MapFigure::Projects => Value::count(f.get("projects:funded")),
                MapFigure::Budget => Value {
                    n: f.get("budget:total"),
                    unit: Unit::Money,
                    href: None,
                },
            };
            // Shares are compared in thousandths, so that the shading orders
            // provinces by coverage, not by size.
            let rank = match value.unit {
                Unit::Share { of } if of > 0 => value.n * 1000 / of,
                Unit::Share { .. } => 0,
                _ => value.n,
            };
            Some(Province {
                division_code: code,
                value: rank,
                shown: value.text(),
                href: scene.stats_href(place.id),
            })
        })
        .collect();
    Map::new(&provinces)
}
