//! A union's dashboard: its figures and its children's, made into the tables,
//! charts and headline numbers the page and the workbook show. Every table
//! says what it counts in keys of migration 0036; each value links to the list
//! that holds its records where that list can be narrowed to them.

use chrono::{Datelike, NaiveDate};

use super::charts::{Bars, Donut, Line};
use super::db::Place;
use super::figures::Figures;
use super::filter::Filter;
use super::period::Period;
use super::tables::{Basis, Chart, Row, Table, Unit, Value};
use crate::i18n::Lang;

/// How a value is made from a union's figures.
#[derive(Clone, Copy, Debug)]
enum Measure {
    Count(&'static str),
    /// A count of several keys together.
    Sum(&'static [&'static str]),
    Money(&'static str),
    /// The keys' sum as a share of the whole key.
    Share(&'static [&'static str], &'static str),
}

impl Measure {
    fn value(self, figures: &Figures) -> (i64, Unit) {
        match self {
            Measure::Count(key) => (figures.get(key), Unit::Count),
            Measure::Sum(keys) => (figures.sum(keys), Unit::Count),
            Measure::Money(key) => (figures.get(key), Unit::Money),
            Measure::Share(keys, whole) => (
                figures.sum(keys),
                Unit::Share {
                    of: figures.get(whole),
                },
            ),
        }
    }
}

/// The list a value can be checked against: the registry or the project list
/// with these parameters added.
#[derive(Clone, Copy, Debug)]
enum Link {
    None,
    Orgs(&'static str),
    Projects(&'static str),
    /// The service site list.
    Sites(&'static str),
}

/// A column of a table by union, or a row of a breakdown.
#[derive(Clone, Copy, Debug)]
struct Item {
    label: &'static str,
    measure: Measure,
    link: Link,
}

const fn item(label: &'static str, measure: Measure, link: Link) -> Item {
    Item {
        label,
        measure,
        link,
    }
}

const ESTABLISHED: &[&str] = &["ub:established", "ub:joint"];

/// The table of the dashboard's first view: the main figure of each area.
const OVERVIEW: &[Item] = &[
    item("stats.col.orgs", Measure::Count("orgs"), Link::Orgs("")),
    item(
        "stats.col.with_union",
        Measure::Sum(ESTABLISHED),
        Link::None,
    ),
    item(
        "stats.col.coverage",
        Measure::Share(ESTABLISHED, "orgs"),
        Link::None,
    ),
    item(
        "stats.col.contacts_overdue",
        Measure::Count("contacts:overdue"),
        Link::Orgs("&overdue=1"),
    ),
    item(
        "stats.col.projects_funded",
        Measure::Count("projects:funded"),
        Link::Projects("&stage=funded"),
    ),
    item(
        "stats.col.budget",
        Measure::Money("budget:total"),
        Link::Projects("&stage=funded"),
    ),
    item("stats.col.paid", Measure::Money("money:paid"), Link::None),
    item(
        "stats.col.people_served",
        Measure::Count("served:people"),
        Link::None,
    ),
];

/// The first table of a dashboard narrowed by the registry's filters: the
/// registry's figures alone (the filters narrow no other area).
const REGISTRY_OVERVIEW: &[Item] = &[
    item("stats.col.orgs", Measure::Count("orgs"), Link::Orgs("")),
    item(
        "stats.col.with_union",
        Measure::Sum(ESTABLISHED),
        Link::None,
    ),
    item(
        "stats.col.coverage",
        Measure::Share(ESTABLISHED, "orgs"),
        Link::None,
    ),
    item(
        "stats.col.contacts_due30",
        Measure::Count("contacts:due30"),
        Link::None,
    ),
    item(
        "stats.col.contacts_overdue",
        Measure::Count("contacts:overdue"),
        Link::Orgs("&overdue=1"),
    ),
];

const PEOPLE_AND_MONEY: &[Item] = &[
    item("stats.col.orgs", Measure::Count("orgs"), Link::Orgs("")),
    item("stats.col.staff", Measure::Count("staff"), Link::None),
    item(
        "stats.col.volunteers",
        Measure::Count("volunteers"),
        Link::None,
    ),
    item(
        "stats.col.social_workers",
        Measure::Count("social_workers"),
        Link::None,
    ),
    item(
        "stats.col.revenue",
        Measure::Money("revenue_fen"),
        Link::None,
    ),
];

const UNION_BUILDING: &[Item] = &[
    item("stats.col.orgs", Measure::Count("orgs"), Link::Orgs("")),
    item(
        "orgs.union_building.established",
        Measure::Count("ub:established"),
        Link::Orgs("&union_building=established"),
    ),
    item(
        "orgs.union_building.joint",
        Measure::Count("ub:joint"),
        Link::Orgs("&union_building=joint"),
    ),
    item(
        "orgs.union_building.preparing",
        Measure::Count("ub:preparing"),
        Link::Orgs("&union_building=preparing"),
    ),
    item(
        "stats.col.coverage",
        Measure::Share(ESTABLISHED, "orgs"),
        Link::None,
    ),
    item(
        "stats.col.members",
        Measure::Count("ub:members"),
        Link::None,
    ),
];

const CONTACTS: &[Item] = &[
    item(
        "stats.col.contacts_made",
        Measure::Count("contacts:made"),
        Link::None,
    ),
    item(
        "stats.col.contacts_due30",
        Measure::Count("contacts:due30"),
        Link::None,
    ),
    item(
        "stats.col.contacts_overdue",
        Measure::Count("contacts:overdue"),
        Link::Orgs("&overdue=1"),
    ),
];

const NEEDS: &[Item] = &[
    item(
        "stats.col.needs_collected",
        Measure::Count("needs:collected"),
        Link::None,
    ),
    item(
        "stats.col.needs_workers",
        Measure::Count("needs:workers"),
        Link::None,
    ),
    item(
        "stats.col.needs_purchasable",
        Measure::Count("needs:purchasable"),
        Link::None,
    ),
    item(
        "stats.col.needs_in_project",
        Measure::Count("needs:in_project"),
        Link::None,
    ),
    item(
        "stats.col.needs_addressed",
        Measure::Count("needs:addressed"),
        Link::None,
    ),
];

const MONEY: &[Item] = &[
    item(
        "stats.col.projects_funded",
        Measure::Count("projects:funded"),
        Link::Projects("&stage=funded"),
    ),
    item(
        "stats.col.budget",
        Measure::Money("budget:total"),
        Link::Projects("&stage=funded"),
    ),
    item(
        "stats.col.contracted",
        Measure::Money("money:contracted"),
        Link::None,
    ),
    item("stats.col.paid", Measure::Money("money:paid"), Link::None),
    item("stats.col.spent", Measure::Money("money:spent"), Link::None),
];

const SERVICES: &[Item] = &[
    item(
        "stats.col.reports",
        Measure::Count("served:reports"),
        Link::None,
    ),
    item(
        "stats.col.people_served",
        Measure::Count("served:people"),
        Link::None,
    ),
    item(
        "stats.col.activities",
        Measure::Count("served:activities"),
        Link::None,
    ),
    item(
        "stats.col.service_hours",
        Measure::Count("served:hours"),
        Link::None,
    ),
    item(
        "stats.col.volunteer_hours",
        Measure::Count("served:volunteer_hours"),
        Link::None,
    ),
];

const FEDERATIONS: &[Item] = &[
    item(
        "stats.col.federations_all",
        Measure::Count("federations:all"),
        Link::None,
    ),
    item(
        "stats.col.federations_active",
        Measure::Count("federations:status:active"),
        Link::None,
    ),
    item(
        "stats.col.federation_members",
        Measure::Count("federation_members:active"),
        Link::None,
    ),
    item(
        "stats.col.federation_cross_region",
        Measure::Count("federation_members:cross_region"),
        Link::None,
    ),
    item(
        "stats.col.commissioned_projects",
        Measure::Count("federations:commissioned_projects"),
        Link::None,
    ),
];

const PARTNERS: &[Item] = &[
    item(
        "stats.col.partners",
        Measure::Count("partners:all"),
        Link::None,
    ),
    item(
        "stats.col.partners_cofunding",
        Measure::Count("partners:cofunded_projects"),
        Link::None,
    ),
    item(
        "stats.col.partners_cofunding_money",
        Measure::Money("partners:cofunding_fen"),
        Link::None,
    ),
];

const FEDERATION_KINDS: &[&str] = &["federation", "union_federation", "joint_platform"];
/// Service sites by union: all of them and the kinds of the pyramid.
const SITES: &[Item] = &[
    item(
        "stats.col.sites_all",
        Measure::Count("sites:all"),
        Link::Sites(""),
    ),
    item(
        "sites.kind.service_center",
        Measure::Count("sites:kind:service_center"),
        Link::Sites("&kind=service_center"),
    ),
    item(
        "sites.kind.service_point",
        Measure::Count("sites:kind:service_point"),
        Link::Sites("&kind=service_point"),
    ),
    item(
        "sites.kind.station",
        Measure::Count("sites:kind:station"),
        Link::Sites("&kind=station"),
    ),
    item(
        "sites.kind.home_15min",
        Measure::Count("sites:kind:home_15min"),
        Link::Sites("&kind=home_15min"),
    ),
];

const SITE_KINDS: &[&str] = &[
    "service_center",
    "service_point",
    "station",
    "home_15min",
    "outdoor_rest",
    "sanitation_station",
    "building_station",
    "other",
];

const MEETINGS: &[Item] = &[
    item(
        "stats.col.meetings_held",
        Measure::Count("meetings:held"),
        Link::None,
    ),
    item(
        "stats.col.meetings_invitations",
        Measure::Count("meetings:invitations"),
        Link::None,
    ),
    item(
        "stats.col.meetings_accepted",
        Measure::Count("meetings:accepted"),
        Link::None,
    ),
    item(
        "stats.col.meetings_attendances",
        Measure::Count("meetings:attendances"),
        Link::None,
    ),
];

const PARTNER_KINDS: &[&str] = &[
    "foundation",
    "media",
    "company",
    "law_firm",
    "university",
    "mass_organization",
    "other",
];

/// A breakdown's rows: (key suffix, registry parameter) under a key prefix.
const ORG_TYPES: &[&str] = &[
    "social_group",
    "foundation",
    "social_service_agency",
    "unregistered",
];
const DOMAINS: &[&str] = &[
    "employment",
    "skills_training",
    "income_distribution",
    "social_security",
    "safety_health",
    "democratic_rights",
    "culture",
    "legal_aid",
    "psychological_support",
    "outdoor_workers",
    "other",
];
const RATINGS: &[&str] = &["5", "4", "3", "2", "1", "expired", "none"];
const CATEGORIES: &[&str] = &["cultivate", "guide"];
const RELATIONSHIPS: &[&str] = &["founded", "guided", "contacted"];
const STATUSES: &[&str] = &["active", "suspended", "deregistered"];
const FUNDING: &[&str] = &[
    "union_funds",
    "government_purchase",
    "donations",
    "service_fees",
    "foundation_grants",
    "other",
];
const PROJECT_STATUSES: &[&str] = &[
    "draft",
    "pending_approval",
    "approved",
    "open",
    "reviewing",
    "awarded",
    "contracted",
    "in_progress",
    "final_evaluation",
    "closed",
    "cancelled",
];
const BUDGET_SOURCES: &[&str] = &["union_funds", "fiscal_funds", "crowdfunding", "other_funds"];
const GRADES: &[&str] = &["excellent", "good", "pass", "fail"];
const FLAGS: &[&str] = &["abnormal", "violation"];

/// The list filter a breakdown's rows link to: the registry's parameter, or
/// the project list's with more parameters after it.
#[derive(Clone, Copy, Debug)]
enum By {
    Orgs(&'static str),
    Projects(&'static str, &'static str),
    /// The service site list's parameter.
    Sites(&'static str),
}

/// A breakdown of one figure by its values: the table's anchor and title,
/// the key prefix and the catalog prefix of the values' names, the values in
/// order, the list each row links to, whether the figure is money, whether a
/// donut pictures it (else bars), and the figure shares are of (none: the
/// values' sum, for values that part the whole; `orgs` for the registry's
/// multi-valued fields, whose values overlap).
#[derive(Clone, Copy, Debug)]
struct Breakdown {
    id: &'static str,
    title: &'static str,
    basis: Basis,
    prefix: &'static str,
    labels: &'static str,
    values: &'static [&'static str],
    by: Option<By>,
    money: bool,
    donut: bool,
    of: Option<&'static str>,
}

#[allow(clippy::too_many_arguments)]
const fn breakdown(
    id: &'static str,
    title: &'static str,
    basis: Basis,
    prefix: &'static str,
    labels: &'static str,
    values: &'static [&'static str],
    by: Option<By>,
    donut: bool,
) -> Breakdown {
    Breakdown {
        id,
        title,
        basis,
        prefix,
        labels,
        values,
        by,
        money: false,
        donut,
        of: None,
    }
}

impl Breakdown {
    const fn money(mut self) -> Self {
        self.money = true;
        self
    }

    const fn share_of(mut self, key: &'static str) -> Self {
        self.of = Some(key);
        self
    }
}

/// What a dashboard is made from.
pub struct Scene<'a> {
    pub lang: Lang,
    /// The union shown: (id, name).
    pub shown: (i64, &'a str),
    /// Its whole subtree's figures.
    pub total: &'a Figures,
    /// Its children, each with its subtree's figures.
    pub children: &'a [(Place, Figures)],
    pub period: &'a Period,
    /// The union-building net change by month since the period began.
    pub union_building_changes: &'a [(NaiveDate, i64)],
    /// The registry's filters the dashboard is narrowed by (none: the whole).
    pub filter: &'a Filter,
}

/// A row of the dashboard's table by union: the union's own records, a
/// child's subtree, or everything.
#[derive(Clone, Copy)]
enum Whose {
    Own(i64),
    Subtree(i64),
}

impl Scene<'_> {
    fn t(&self, key: &str) -> String {
        self.lang.t(key).to_owned()
    }

    /// The union's own figures: its subtree's less its children's.
    fn own(&self) -> Figures {
        self.total.without(self.children.iter().map(|(_, f)| f))
    }

    fn href(&self, link: Link, whose: Whose) -> Option<String> {
        match (link, whose) {
            (Link::None, _) | (Link::Orgs(_) | Link::Sites(_), Whose::Own(_)) => None,
            (Link::Sites(more), Whose::Subtree(id)) => Some(format!("/sites?union={id}{more}")),
            (Link::Orgs(more), Whose::Subtree(id)) => {
                Some(format!("/orgs?union={id}{}", self.filter.merged(more)))
            }
            (Link::Projects(more), whose) => {
                let year = self.period.whole_year()?;
                let (id, own) = match whose {
                    Whose::Own(id) => (id, "&own=1"),
                    Whose::Subtree(id) => (id, ""),
                };
                Some(format!("/projects?union={id}&year={year}{more}{own}"))
            }
        }
    }

    fn values(&self, items: &[Item], figures: &Figures, whose: Whose) -> Vec<Value> {
        items
            .iter()
            .map(|item| {
                let (n, unit) = item.measure.value(figures);
                Value {
                    n,
                    unit,
                    href: if n == 0 {
                        None
                    } else {
                        self.href(item.link, whose)
                    },
                }
            })
            .collect()
    }

    /// This dashboard for another union, the same period.
    pub fn stats_href(&self, union_id: i64) -> String {
        format!(
            "/stats/{union_id}?{}{}",
            self.period.query(),
            self.filter.query()
        )
    }

    /// A table with a row for the union's own records (when it has any), one
    /// per child and the total; the chart draws the first column by row.
    fn by_union(&self, id: &'static str, title: &str, basis: Basis, items: &[Item]) -> Table {
        let own = self.own();
        let mut rows = Vec::new();
        let own_values = self.values(items, &own, Whose::Own(self.shown.0));
        if own_values.iter().any(|v| v.n != 0) || self.children.is_empty() {
            rows.push(Row {
                label: self.lang.t1("stats.own", self.shown.1),
                href: None,
                values: own_values,
            });
        }
        for (child, figures) in self.children {
            rows.push(Row {
                label: child.name.clone(),
                href: Some(self.stats_href(child.id)),
                values: self.values(items, figures, Whose::Subtree(child.id)),
            });
        }
        let total = Row {
            label: self.t("stats.total"),
            href: None,
            values: self.values(items, self.total, Whose::Subtree(self.shown.0)),
        };
        let bars = Bars::new(
            rows.iter()
                .map(|row| {
                    let first = &row.values[0];
                    (row.label.clone(), first.n, first.text())
                })
                .collect(),
        );
        Table {
            id,
            title: self.t(title),
            basis,
            columns: std::iter::once(self.t("stats.col.union"))
                .chain(items.iter().map(|i| self.t(i.label)))
                .collect(),
            rows,
            total: Some(total),
            chart: Some(Chart::Bars(bars)),
        }
    }

    /// A table of one figure broken down by the values of its prefix in the
    /// whole subtree, with each value's share; a donut or bars beside it.
    fn breakdown(&self, b: &Breakdown) -> Table {
        let Breakdown {
            id,
            title,
            basis,
            prefix,
            labels,
            values,
            by,
            money,
            donut,
            of,
        } = *b;
        let shown = self.shown.0;
        let counted: Vec<(String, i64, Option<String>)> = values
            .iter()
            .map(|value| {
                let n = self.total.get(&format!("{prefix}:{value}"));
                let label = self.t(&format!("{labels}.{value}"));
                let href = by.filter(|_| n > 0).and_then(|by| match by {
                    By::Orgs(name) => Some(format!(
                        "/orgs?union={shown}{}",
                        self.filter.merged(&format!("&{name}={value}"))
                    )),
                    By::Sites(name) => Some(format!("/sites?union={shown}&{name}={value}")),
                    By::Projects(name, more) => {
                        let year = self.period.whole_year()?;
                        Some(format!(
                            "/projects?union={shown}&year={year}&{name}={value}{more}"
                        ))
                    }
                });
                (label, n, href)
            })
            .collect();
        let whole = match of {
            Some(key) => self.total.get(key),
            None => counted.iter().map(|(_, n, _)| *n).sum(),
        };
        let unit = if money { Unit::Money } else { Unit::Count };
        let rows: Vec<Row> = counted
            .iter()
            .map(|(label, n, href)| Row {
                label: label.clone(),
                href: None,
                values: vec![
                    Value {
                        n: *n,
                        unit,
                        href: href.clone(),
                    },
                    Value {
                        n: *n,
                        unit: Unit::Share { of: whole },
                        href: None,
                    },
                ],
            })
            .collect();
        let shown_total = Value {
            n: whole,
            unit,
            href: None,
        }
        .text();
        let chart = if donut {
            Chart::Donut(Donut::new(
                counted.iter().map(|(l, n, _)| (l.clone(), *n)).collect(),
                shown_total,
            ))
        } else {
            Chart::Bars(Bars::new(
                rows.iter()
                    .map(|r| (r.label.clone(), r.values[0].n, r.values[0].text()))
                    .collect(),
            ))
        };
        Table {
            id,
            title: self.t(title),
            basis,
            columns: vec![
                self.t("stats.col.item"),
                self.t(if money {
                    "stats.col.amount"
                } else {
                    "stats.col.count"
                }),
                self.t("stats.col.share"),
            ],
            rows,
            total: None,
            chart: Some(chart),
        }
    }

    /// Organizations with a union at the end of each month of the period up
    /// to this one: today's count less the changes made after that month.
    fn union_building_trend(&self, today: NaiveDate) -> Table {
        let now = self.total.sum(ESTABLISHED);
        let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
        let months: Vec<NaiveDate> = self
            .period
            .months()
            .into_iter()
            .filter(|m| *m <= this_month)
            .collect();
        let points: Vec<(String, i64)> = months
            .iter()
            .map(|month| {
                let later: i64 = self
                    .union_building_changes
                    .iter()
                    .filter(|(m, _)| m > month)
                    .map(|(_, n)| n)
                    .sum();
                (month.format("%Y-%m").to_string(), now - later)
            })
            .collect();
        let line = Line::new(
            points
                .iter()
                .map(|(label, n)| (label[5..].to_owned(), *n, Value::count(*n).text()))
                .collect(),
        );
        Table {
            id: "ub-trend",
            title: self.t("stats.table.ub_trend"),
            basis: Basis::Period,
            columns: vec![self.t("stats.col.month"), self.t("stats.col.with_union")],
            rows: points
                .into_iter()
                .map(|(label, n)| Row {
                    label,
                    href: None,
                    values: vec![Value::count(n)],
                })
                .collect(),
            total: None,
            chart: (!months.is_empty()).then_some(Chart::Line(line)),
        }
    }

    /// Every table of the dashboard, in the page's order; narrowed by the
    /// registry's filters, the registry's tables alone.
    pub fn tables(&self, today: NaiveDate) -> Vec<Table> {
        if !self.filter.is_empty() {
            let overview = self.by_union(
                "overview",
                "stats.table.overview",
                Basis::Now,
                REGISTRY_OVERVIEW,
            );
            return std::iter::once(overview)
                .chain(self.registry_tables())
                .collect();
        }
        let overview = self.by_union("overview", "stats.table.overview", Basis::Now, OVERVIEW);
        std::iter::once(overview)
            .chain(self.registry_tables())
            .chain(self.activity_tables(today))
            .chain(self.network_tables())
            .collect()
    }

    /// The registry's tables: what the organizations are, as of now.
    fn registry_tables(&self) -> Vec<Table> {
        use Basis::Now;
        let orgs = |by| Some(By::Orgs(by));
        vec![
            self.breakdown(&breakdown(
                "org-types",
                "stats.table.org_types",
                Now,
                "type",
                "orgs.type",
                ORG_TYPES,
                orgs("org_type"),
                true,
            )),
            self.breakdown(
                &breakdown(
                    "domains",
                    "stats.table.domains",
                    Now,
                    "domain",
                    "orgs.domain",
                    DOMAINS,
                    orgs("domain"),
                    false,
                )
                .share_of("orgs"),
            ),
            self.breakdown(&breakdown(
                "ratings",
                "stats.table.ratings",
                Now,
                "rating",
                "stats.rating",
                RATINGS,
                orgs("rating"),
                false,
            )),
            self.breakdown(&breakdown(
                "categories",
                "stats.table.categories",
                Now,
                "category",
                "orgs.category",
                CATEGORIES,
                orgs("category"),
                true,
            )),
            self.breakdown(&breakdown(
                "relationships",
                "stats.table.relationships",
                Now,
                "relationship",
                "orgs.relationship",
                RELATIONSHIPS,
                orgs("relationship"),
                true,
            )),
            self.breakdown(&breakdown(
                "statuses",
                "stats.table.statuses",
                Now,
                "status",
                "orgs.status",
                STATUSES,
                orgs("status"),
                true,
            )),
            self.breakdown(
                &breakdown(
                    "flags",
                    "stats.table.flags",
                    Now,
                    "flag",
                    "stats.flag",
                    FLAGS,
                    None,
                    false,
                )
                .share_of("orgs"),
            ),
            self.by_union("people", "stats.table.people", Now, PEOPLE_AND_MONEY),
            self.breakdown(
                &breakdown(
                    "funding",
                    "stats.table.funding",
                    Now,
                    "funding",
                    "orgs.funding",
                    FUNDING,
                    None,
                    false,
                )
                .share_of("orgs"),
            ),
            self.by_union(
                "union-building",
                "stats.table.union_building",
                Now,
                UNION_BUILDING,
            ),
        ]
    }

    /// The networks the unions build: federations, service sites and
    /// partners.
    fn network_tables(&self) -> Vec<Table> {
        use Basis::Now;
        vec![
            self.by_union("partners", "stats.table.partners", Now, PARTNERS),
            self.breakdown(&breakdown(
                "partner-kinds",
                "stats.table.partner_kinds",
                Now,
                "partners:kind",
                "partners.kind",
                PARTNER_KINDS,
                None,
                true,
            )),
            self.by_union("federations", "stats.table.federations", Now, FEDERATIONS),
            self.breakdown(&breakdown(
                "federation-kinds",
                "stats.table.federation_kinds",
                Now,
                "federations:kind",
                "federations.kind",
                FEDERATION_KINDS,
                None,
                true,
            )),
            self.by_union("sites", "stats.table.sites", Now, SITES),
            self.breakdown(&breakdown(
                "site-kinds",
                "stats.table.site_kinds",
                Now,
                "sites:kind",
                "sites.kind",
                SITE_KINDS,
                Some(By::Sites("kind")),
                false,
            )),
        ]
    }

    /// What happened in the period: union building's trend, contact, needs,
    /// projects, money and services.
    fn activity_tables(&self, today: NaiveDate) -> Vec<Table> {
        use Basis::Period;
        vec![
            self.union_building_trend(today),
            self.by_union("contacts", "stats.table.contacts", Period, CONTACTS),
            self.by_union("needs", "stats.table.needs", Period, NEEDS),
            self.by_union("meetings", "stats.table.meetings", Period, MEETINGS),
            self.breakdown(&breakdown(
                "project-statuses",
                "stats.table.project_statuses",
                Period,
                "project_status",
                "projects.status",
                PROJECT_STATUSES,
                Some(By::Projects("status", "")),
                false,
            )),
            self.breakdown(&breakdown(
                "project-domains",
                "stats.table.project_domains",
                Period,
                "project_domain",
                "orgs.domain",
                DOMAINS,
                Some(By::Projects("domain", "&stage=funded")),
                false,
            )),
            self.by_union("money", "stats.table.money", Period, MONEY),
            self.breakdown(
                &breakdown(
                    "budget-sources",
                    "stats.table.budget_sources",
                    Period,
                    "budget",
                    "stats.budget_source",
                    BUDGET_SOURCES,
                    None,
                    true,
                )
                .money(),
            ),
            self.by_union("services", "stats.table.services", Period, SERVICES),
            self.breakdown(&breakdown(
                "grades",
                "stats.table.grades",
                Period,
                "grade",
                "indicators.grade",
                GRADES,
                None,
                true,
            )),
        ]
    }

    /// The headline numbers: (label, value) with their lists.
    pub fn headlines(&self) -> Vec<(String, Value)> {
        let items = if self.filter.is_empty() {
            OVERVIEW
        } else {
            REGISTRY_OVERVIEW
        };
        items
            .iter()
            .map(|item| {
                let (n, unit) = item.measure.value(self.total);
                (
                    self.t(item.label),
                    Value {
                        n,
                        unit,
                        href: self.href(item.link, Whose::Subtree(self.shown.0)),
                    },
                )
            })
            .collect()
    }
}
