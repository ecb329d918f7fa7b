//! Whose rows a list reads, spelled so that the table's indexes can serve it.
//! Row-level security keeps every query to the actor's rows whatever this
//! says; at a million rows the planner cannot work out from a policy where to
//! look, so each list says it again in the words its indexes understand.

use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use crate::db::ROOT_PATH;

/// The rows a list reads: a part of the union tree, one organization's, or
/// one evaluator's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum ListScope {
    /// The whole country: no condition at all.
    #[default]
    Nation,
    /// One province's subtree (`cn.u20`).
    Province(String),
    /// One prefecture's subtree (`cn.u20.u223`).
    Prefecture(String),
    /// A county's or grassroots union's subtree, by its path.
    Subtree(String),
    /// The same subtree with the ids of its unions listed (a thousand records
    /// or so), for tables whose index leads with the union: see
    /// [`ListScope::listing_unions`].
    Unions { path: String, ids: Vec<i64> },
    /// The rows of one organization (its own account's lists).
    Org(Uuid),
    /// The rows one evaluator supervises.
    Supervisor(Uuid),
}

/// The columns a table offers to say a [`ListScope`] with, each qualified by
/// the query's alias; `None` where the table has no such column.
#[derive(Clone, Copy, Debug)]
pub struct ScopeColumns {
    /// The union path (`ltree`) every tenant table carries.
    pub path: &'static str,
    /// The province label path (`cn.u20`), when the list indexes lead with it.
    pub province: Option<&'static str>,
    /// The prefecture label path, when the list indexes lead with it.
    pub prefecture: Option<&'static str>,
    /// The union's id, when an index leads with it.
    pub union_id: Option<&'static str>,
    pub org: Option<&'static str>,
    pub supervisor: Option<&'static str>,
}

impl ScopeColumns {
    /// A table with its path alone; others are spelled with it and the
    /// struct update syntax.
    pub const fn path(path: &'static str) -> Self {
        Self {
            path,
            province: None,
            prefecture: None,
            union_id: None,
            org: None,
            supervisor: None,
        }
    }
}

impl ListScope {
    /// The subtree under `path`, which the caller has checked is in the
    /// actor's scope.
    pub fn of_path(path: &str) -> Self {
        if path == ROOT_PATH {
            return Self::Nation;
        }
        match path.split('.').count() {
            2 => Self::Province(path.to_owned()),
            3 => Self::Prefecture(path.to_owned()),
            _ => Self::Subtree(path.to_owned()),
        }
    }

    /// This scope with a subtree's unions listed, for lists whose table is
    /// served best by its union index below a prefecture.
    pub async fn listing_unions(self, conn: &mut PgConnection) -> sqlx::Result<Self> {
        let Self::Subtree(path) = self else {
            return Ok(self);
        };
        let ids = sqlx::query_scalar!(
            "select id from unions where path <@ $1::text::ltree order by id",
            path
        )
        .fetch_all(conn)
        .await?;
        Ok(Self::Unions { path, ids })
    }

    /// Narrower than a province: a list may do best picking its page's ids
    /// from the province's index first, then reading their rows.
    pub fn below_province(&self) -> bool {
        matches!(
            self,
            Self::Prefecture(_) | Self::Subtree(_) | Self::Unions { .. }
        )
    }

    /// Appends the condition (` and …`) on a table with `columns`.
    pub fn push(&self, q: &mut QueryBuilder<Postgres>, columns: &ScopeColumns) {
        match self {
            Self::Nation => {}
            Self::Province(province) => match columns.province {
                Some(column) => push_equal(q, column, province),
                None => push_under(q, columns.path, province),
            },
            Self::Prefecture(prefecture) => match columns.prefecture {
                Some(column) => push_equal(q, column, prefecture),
                None => push_path(q, columns, prefecture),
            },
            Self::Subtree(path) => push_path(q, columns, path),
            Self::Unions { path, ids } => match columns.union_id {
                Some(column) => {
                    q.push(format_args!(" and {column} = any("))
                        .push_bind(ids.clone())
                        .push(")");
                }
                None => push_path(q, columns, path),
            },
            Self::Org(id) => push_id(q, columns.org, *id),
            Self::Supervisor(id) => push_id(q, columns.supervisor, *id),
        }
    }

    /// The columns an `order by` starts with so that the index of this scope
    /// serves it: equal on every row read, they leave the order unchanged.
    pub fn order_prefix(&self, columns: &ScopeColumns) -> String {
        let column = match self {
            Self::Province(_) => columns.province,
            Self::Prefecture(_) => columns.prefecture,
            _ => None,
        };
        column.map(|c| format!("{c}, ")).unwrap_or_default()
    }
}

fn push_equal(q: &mut QueryBuilder<Postgres>, column: &str, value: &str) {
    q.push(format_args!(" and {column} = "))
        .push_bind(value.to_owned());
}

fn push_under(q: &mut QueryBuilder<Postgres>, path_column: &str, path: &str) {
    q.push(format_args!(" and {path_column} <@ "))
        .push_bind(path.to_owned())
        .push("::ltree");
}

/// A subtree below a province: its province first when the table's indexes
/// lead with it, then the path.
fn push_path(q: &mut QueryBuilder<Postgres>, columns: &ScopeColumns, path: &str) {
    if let Some(column) = columns.province {
        let province: Vec<&str> = path.split('.').take(2).collect();
        push_equal(q, column, &province.join("."));
    }
    push_under(q, columns.path, path);
}

/// One organization's or evaluator's rows; a table without the column says
/// nothing (the policies keep such a reader to what is theirs).
fn push_id(q: &mut QueryBuilder<Postgres>, column: Option<&str>, id: Uuid) {
    if let Some(column) = column {
        q.push(format_args!(" and {column} = ")).push_bind(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORGS: ScopeColumns = ScopeColumns {
        province: Some("o.province"),
        prefecture: Some("o.prefecture"),
        union_id: Some("o.union_id"),
        ..ScopeColumns::path("o.union_path")
    };
    const REPORTS: ScopeColumns = ScopeColumns {
        province: Some("r.province"),
        org: Some("r.org_id"),
        ..ScopeColumns::path("r.union_path")
    };

    fn spelled(scope: &ListScope, columns: &ScopeColumns) -> String {
        let mut q = QueryBuilder::<Postgres>::new("");
        scope.push(&mut q, columns);
        q.sql().as_str().to_owned()
    }

    #[test]
    fn paths_name_their_level() {
        assert_eq!(ListScope::of_path("cn"), ListScope::Nation);
        assert_eq!(
            ListScope::of_path("cn.u20"),
            ListScope::Province("cn.u20".into())
        );
        assert!(ListScope::of_path("cn.u20.u223").below_province());
        assert_eq!(
            ListScope::of_path("cn.u20.u223.u5"),
            ListScope::Subtree("cn.u20.u223.u5".into())
        );
    }

    #[test]
    fn each_table_is_told_in_the_columns_its_indexes_lead_with() {
        let prefecture = ListScope::of_path("cn.u20.u223");
        assert_eq!(spelled(&prefecture, &ORGS), " and o.prefecture = $1");
        assert_eq!(
            spelled(&prefecture, &REPORTS),
            " and r.province = $1 and r.union_path <@ $2::ltree"
        );
        let unions = ListScope::Unions {
            path: "cn.u20.u223.u5".into(),
            ids: vec![5, 6],
        };
        assert_eq!(spelled(&unions, &ORGS), " and o.union_id = any($1)");
        assert_eq!(spelled(&ListScope::Nation, &ORGS), "");
        assert_eq!(
            spelled(&ListScope::Org(Uuid::nil()), &REPORTS),
            " and r.org_id = $1"
        );
        assert_eq!(
            spelled(&ListScope::Supervisor(Uuid::nil()), &REPORTS),
            "",
            "no supervisor column: the policies alone keep to the reader's rows"
        );
    }

    #[test]
    fn the_order_starts_with_the_scopes_column() {
        let province = ListScope::of_path("cn.u20");
        assert_eq!(province.order_prefix(&ORGS), "o.province, ");
        assert_eq!(ListScope::Nation.order_prefix(&ORGS), "");
    }
}
