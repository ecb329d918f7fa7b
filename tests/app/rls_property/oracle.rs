//! The rules of who reads what, written again in Rust from DOMAIN.md and the
//! doc comments of the schema (not copied from the policies' SQL): a union
//! cadre (admin, staff, viewer) reads its union's subtree; an organization's
//! account reads its own organization's records and the calls open to it;
//! a reviewer what is assigned to it; a supervisor (an evaluator account)
//! what it supervises; everyone the published standards; every account its
//! own account row and form keys. The rules run over a snapshot of the
//! database read as the owner, so they see every row, and decide row by row.

mod rules;
mod tables;

use std::collections::HashMap;

use niudai::identity::Role;
use niudai::policy::is_within;
use sqlx::PgConnection;
use uuid::Uuid;

pub use tables::TABLES;

/// One row as the rules see it: its identity and the facts they read.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Row {
    pub key: String,
    /// The union path the row belongs to (its owner's, its purchaser's).
    pub path: Option<String>,
    /// The organization whose record it is.
    pub org: Option<Uuid>,
    /// The account it belongs or is assigned to: the user itself, the
    /// importer, the reviewer, the supervisor, the actor of an entry.
    pub person: Option<Uuid>,
    pub status: Option<String>,
    /// The record it hangs off (a union, project, application, contract …).
    pub link: Option<String>,
}

/// A table, the SQL that reads its rows' identity and facts, and its rule.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    /// A row's identity, as SQL over the table (text).
    pub key: &'static str,
    /// SQL for (path, org, person, status, link); `null` where none applies.
    facets: [&'static str; 5],
    rule: fn(&Snapshot, &Reader, &Row) -> bool,
}

/// Who reads: an account as the rules know it (or nobody at all).
#[derive(Clone, Debug)]
pub struct Reader {
    pub label: String,
    pub role: Option<Role>,
    pub union_path: String,
    pub user: Option<Uuid>,
    pub org: Option<Uuid>,
}

impl Reader {
    /// Nobody: the public pages. Reads the published standards alone.
    pub fn nobody() -> Self {
        Self {
            label: "nobody".into(),
            role: None,
            union_path: String::new(),
            user: None,
            org: None,
        }
    }

    /// A cadre of a union above or at `path`.
    fn in_scope(&self, path: Option<&str>) -> bool {
        self.role.is_some_and(Role::works_in_scope)
            && path.is_some_and(|path| is_within(path, &self.union_path))
    }

    /// A cadre of the national union, whose scope is the whole tree.
    fn national(&self) -> bool {
        self.role.is_some_and(Role::works_in_scope) && !self.union_path.contains('.')
    }

    fn is(&self, person: Option<Uuid>) -> bool {
        self.user.is_some() && self.user == person
    }

    /// The account of organization `org`.
    fn speaks_for(&self, org: Option<Uuid>) -> bool {
        self.role == Some(Role::Org) && self.org.is_some() && self.org == org
    }
}

/// Every row of every table, read as the owner.
#[derive(Debug)]
pub struct Snapshot {
    rows: HashMap<&'static str, Vec<Row>>,
    index: HashMap<(&'static str, String), usize>,
}

impl Snapshot {
    pub async fn read(conn: &mut PgConnection) -> sqlx::Result<Self> {
        let mut rows = HashMap::new();
        let mut index = HashMap::new();
        for table in TABLES {
            let [path, org, person, status, link] = table.facets;
            let sql = format!(
                "select {key} as key, ({path})::text as path, ({org})::uuid as org,
                        ({person})::uuid as person, ({status})::text as status,
                        ({link})::text as link
                   from {name}
                  order by 1",
                key = table.key,
                name = table.name,
            );
            let read: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .fetch_all(&mut *conn)
                .await?;
            for (n, row) in read.iter().enumerate() {
                index.insert((table.name, row.key.clone()), n);
            }
            rows.insert(table.name, read);
        }
        Ok(Self { rows, index })
    }

    pub fn rows(&self, table: &str) -> &[Row] {
        self.rows.get(table).map_or(&[], Vec::as_slice)
    }

    fn row(&self, table: &'static str, key: Option<&str>) -> Option<&Row> {
        let n = self.index.get(&(table, key?.to_owned()))?;
        Some(&self.rows[table][*n])
    }

    /// The keys of `table` that `reader` may read, by the rules.
    pub fn readable(&self, table: &Table, reader: &Reader) -> Vec<String> {
        self.rows(table.name)
            .iter()
            .filter(|row| (table.rule)(self, reader, row))
            .map(|row| row.key.clone())
            .collect()
    }

    /// The project of an application, a review assignment or a contract
    /// (each links to its application).
    fn project_of_application(&self, application: Option<&str>) -> Option<&str> {
        self.row("applications", application)?.link.as_deref()
    }
}
