//! Where in the union tree a registry query reads, spelled the way the indexes
//! can serve it. Row-level security keeps every query inside the actor's scope
//! whatever this says (migration 0010); this only tells the planner where to
//! look, which it cannot work out from the policy at a million records.

use sqlx::{PgConnection, Postgres, QueryBuilder};

use crate::db::ROOT_PATH;

/// The part of the tree a query reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Within {
    /// The whole country: no condition at all.
    #[default]
    Nation,
    /// One province (`cn.u20`): `province` leads the list indexes, so its
    /// records are read in the list's order and the read stops at the page.
    Province(String),
    /// One prefecture (`cn.u20.u223`), the same way (migration 0012).
    Prefecture(String),
    /// A county's or grassroots union's subtree: the ids of its unions. It
    /// holds a thousand records or so, found through the union index and sorted.
    Unions(Vec<i64>),
}

impl Within {
    /// The subtree under `path`, which the caller has already checked is in the
    /// actor's scope.
    pub async fn subtree(conn: &mut PgConnection, path: &str) -> sqlx::Result<Self> {
        if path == ROOT_PATH {
            return Ok(Self::Nation);
        }
        match path.split('.').count() {
            2 => return Ok(Self::Province(path.to_owned())),
            3 => return Ok(Self::Prefecture(path.to_owned())),
            _ => {}
        }
        let ids = sqlx::query_scalar("select id from unions where path <@ $1::ltree order by id")
            .bind(path)
            .fetch_all(conn)
            .await?;
        Ok(Self::Unions(ids))
    }

    /// Appends the condition (` and …`) on `o`, the organizations.
    pub fn push(&self, q: &mut QueryBuilder<Postgres>) {
        match self {
            Self::Nation => {}
            Self::Province(province) => {
                q.push(" and o.province = ").push_bind(province.clone());
            }
            Self::Prefecture(prefecture) => {
                q.push(" and o.prefecture = ").push_bind(prefecture.clone());
            }
            Self::Unions(ids) => {
                q.push(" and o.union_id = any(")
                    .push_bind(ids.clone())
                    .push(")");
            }
        }
    }

    /// The columns an `order by` starts with so that a list index serves it
    /// (equal on every row read, so the order is unchanged).
    pub fn order_prefix(&self) -> &'static str {
        match self {
            Self::Province(_) => "o.province, ",
            Self::Prefecture(_) => "o.prefecture, ",
            Self::Nation | Self::Unions(_) => "",
        }
    }
}
