//! A dashboard narrowed by the registry list's filters (type, domain, rating,
//! category, relationship, union building, status, division, overdue): the
//! same parameters, read by the same code as `/orgs` reads them, so that
//! every figure of a narrowed dashboard links to the list that holds exactly
//! its records. The roll-ups hold no combination of filters; a narrowed view
//! counts the registry live (`stats_registry`, migration 0043).

use serde::Deserialize;

use crate::error::AppResult;
use crate::i18n::Lang;
use crate::orgs::OrgsQuery;
use crate::orgs::search::{RatingFilter, Search};

/// The filters as the query string holds them.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct FilterQuery {
    pub org_type: String,
    pub domain: String,
    pub rating: String,
    pub category: String,
    pub relationship: String,
    pub union_building: String,
    pub status: String,
    pub division: String,
    pub overdue: String,
}

/// The filters, checked, each as the SQL function and the links take it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub org_type: Option<&'static str>,
    pub domain: Option<&'static str>,
    pub rating: Option<String>,
    pub category: Option<&'static str>,
    pub relationship: Option<&'static str>,
    pub union_building: Option<&'static str>,
    pub status: Option<&'static str>,
    /// The division code's leading digits.
    pub division: Option<String>,
    pub overdue: bool,
}

impl Filter {
    /// Reads the filters as the registry list does: an unknown value is a
    /// bad request.
    pub fn parse(query: &FilterQuery) -> AppResult<Self> {
        let as_list = OrgsQuery {
            org_type: query.org_type.clone(),
            domain: query.domain.clone(),
            rating: query.rating.clone(),
            category: query.category.clone(),
            relationship: query.relationship.clone(),
            union_building: query.union_building.clone(),
            status: query.status.clone(),
            division: query.division.clone(),
            overdue: query.overdue.clone(),
            ..OrgsQuery::default()
        };
        let Search {
            org_type,
            domain,
            rating,
            category,
            relationship,
            union_building,
            status,
            division,
            contact_overdue,
            ..
        } = as_list.filters()?;
        Ok(Self {
            org_type: org_type.map(|v| v.as_str()),
            domain: domain.map(|v| v.as_str()),
            rating: rating.map(|r| match r {
                RatingFilter::Level(level) => level.to_string(),
                RatingFilter::Expired => "expired".to_owned(),
                RatingFilter::Unrated => "none".to_owned(),
            }),
            category: category.map(|v| v.as_str()),
            relationship: relationship.map(|v| v.as_str()),
            union_building: union_building.map(|v| v.as_str()),
            status: status.map(|v| v.as_str()),
            division,
            overdue: contact_overdue,
        })
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The filters as query parameters, each after a `&` (empty when none):
    /// appended to a link to another dashboard.
    pub fn query(&self) -> String {
        self.merged("")
    }

    /// The filters set, as (parameter, value).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("org_type", self.org_type),
            ("domain", self.domain),
            ("rating", self.rating.as_deref()),
            ("category", self.category),
            ("relationship", self.relationship),
            ("union_building", self.union_building),
            ("status", self.status),
            ("division", self.division.as_deref()),
            ("overdue", self.overdue.then_some("1")),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name, value?.to_owned())))
        .collect()
    }

    /// The filters with `more` (parameters each after a `&`, as a figure's
    /// link adds them) in a link into the registry: a parameter of `more`
    /// replaces the filter of the same name.
    pub fn merged(&self, more: &str) -> String {
        let named_in_more = |name: &str| {
            more.split('&')
                .any(|pair| pair.split('=').next() == Some(name))
        };
        let mut query = String::new();
        for (name, value) in self.pairs() {
            if !named_in_more(name) {
                query.push('&');
                query.push_str(name);
                query.push('=');
                query.push_str(&value);
            }
        }
        query.push_str(more);
        query
    }
}

impl Filter {
    /// The filters in words, for the workbook's sheets: "类型：基金会；…".
    pub fn describe(&self, lang: Lang) -> String {
        let value = |labels: &str, v: &str| lang.t(&format!("{labels}.{v}")).to_owned();
        let mut parts = Vec::new();
        let mut push = |field: &str, shown: String| {
            parts.push(format!("{}：{shown}", lang.t(field)));
        };
        if let Some(v) = self.org_type {
            push("orgs.field.org_type", value("orgs.type", v));
        }
        if let Some(v) = self.domain {
            push("orgs.field.service_domains", value("orgs.domain", v));
        }
        if let Some(v) = &self.rating {
            push("orgs.field.rating", value("stats.rating", v));
        }
        if let Some(v) = self.category {
            push("orgs.field.guidance_category", value("orgs.category", v));
        }
        if let Some(v) = self.relationship {
            push("orgs.field.relationship", value("orgs.relationship", v));
        }
        if let Some(v) = self.union_building {
            push("orgs.field.union_building", value("orgs.union_building", v));
        }
        if let Some(v) = self.status {
            push("orgs.field.status", value("orgs.status", v));
        }
        if let Some(v) = &self.division {
            push("orgs.field.division_code", v.clone());
        }
        if self.overdue {
            parts.push(lang.t("orgs.contact_overdue").to_owned());
        }
        parts.join("；")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(org_type: &str, rating: &str, division: &str) -> AppResult<Filter> {
        Filter::parse(&FilterQuery {
            org_type: org_type.into(),
            rating: rating.into(),
            division: division.into(),
            ..FilterQuery::default()
        })
    }

    #[test]
    fn filters_read_as_the_registry_reads_them() {
        let f = filter("foundation", "4", "440100").unwrap();
        assert_eq!(f.query(), "&org_type=foundation&rating=4&division=4401");
        assert_eq!(
            f.merged("&rating=5&overdue=1"),
            "&org_type=foundation&division=4401&rating=5&overdue=1"
        );
        assert_eq!(
            f.describe(Lang::default()),
            "组织类型：基金会；评估等级：4A；所在地行政区划代码：4401"
        );
        assert!(filter("", "", "").unwrap().is_empty());
        assert!(filter("bank", "", "").is_err());
        assert!(filter("", "6", "").is_err());
        assert!(filter("", "", "44x").is_err());
    }
}
