//! The results, a group per kind of record the reader may list: each group is
//! one function here (its query in `db.rs`), drawn by the one group block of
//! the results page. A new kind of record is one more function, called from
//! [`find`].

use uuid::Uuid;

use super::db::{self, CAP};
use super::text::SearchText;
use crate::db::list::ListScope;
use crate::i18n::Lang;
use crate::identity::SessionUser;
use crate::policy::{self, Action};
use crate::web::pagination::filters_link;

/// Hits shown per group; the group's own list shows the rest.
pub const SHOWN: usize = 5;

/// The records of one kind that the search found.
#[derive(Clone, Debug)]
pub struct Group {
    /// The catalog key of the kind's name.
    pub label_key: &'static str,
    /// The first [`SHOWN`] hits.
    pub hits: Vec<Hit>,
    /// How many were found, up to one past [`CAP`].
    found: usize,
    /// Whether more may exist than were counted (found through other groups
    /// that reached the cap).
    at_least: bool,
    /// The kind's list, filtered by the same text, where the list can be.
    pub all_href: Option<String>,
}

/// One record found: a link with the record's name, its code, and what tells
/// it from its namesakes.
#[derive(Clone, Debug)]
pub struct Hit {
    pub href: String,
    pub title: String,
    pub code: Option<String>,
    pub notes: Vec<String>,
}

impl Group {
    fn new(label_key: &'static str, mut hits: Vec<Hit>, all_href: Option<String>) -> Self {
        let found = hits.len();
        hits.truncate(SHOWN);
        Self {
            label_key,
            hits,
            found,
            at_least: false,
            all_href,
        }
    }

    /// "12", or "20+" past the cap.
    pub fn count(&self) -> String {
        if self.found > CAP || self.at_least {
            format!("{}+", self.found.min(CAP))
        } else {
            self.found.to_string()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// Whether the group shows fewer hits than it found.
    pub fn has_more(&self) -> bool {
        self.found > self.hits.len() || self.at_least
    }
}

/// Every group the reader may see, in the order of the navigation; the empty
/// ones too.
pub async fn find(
    conn: &mut sqlx::PgConnection,
    user: &SessionUser,
    text: &SearchText,
    lang: Lang,
) -> sqlx::Result<Vec<Group>> {
    let scope = ListScope::of_path(&user.union.path);
    let may = |action: &Action<'_>| policy::permits(user, action);
    let mut groups = Vec::new();
    let mut org_ids = Found::default();
    if may(&Action::ListOrgs) {
        let (group, ids) = organizations(conn, text, &scope).await?;
        groups.push(group);
        org_ids = ids;
    }
    if may(&Action::ListProjects) {
        let (group, project_ids) = projects(conn, text, &scope, lang).await?;
        groups.push(group);
        groups.push(contracts(conn, &project_ids, &org_ids).await?);
    }
    if may(&Action::ListNeeds) {
        groups.push(needs(conn, text).await?);
    }
    if may(&Action::ListUsers) {
        groups.push(users(conn, text, lang).await?);
    }
    Ok(groups)
}

/// The ids a group found, for the groups found through it.
#[derive(Clone, Debug, Default)]
struct Found {
    ids: Vec<Uuid>,
}

impl Found {
    fn of(ids: impl Iterator<Item = Uuid>) -> Self {
        Self { ids: ids.collect() }
    }

    fn capped(&self) -> bool {
        self.ids.len() > CAP
    }
}

fn list_link(path: &str, text: &SearchText) -> Option<String> {
    Some(filters_link(path, &[("q", text.as_str())]))
}

async fn organizations(
    conn: &mut sqlx::PgConnection,
    text: &SearchText,
    scope: &ListScope,
) -> sqlx::Result<(Group, Found)> {
    // Below a prefecture the short search reads the subtree's unions' records.
    let scope = scope.clone().listing_unions(conn).await?;
    let rows = db::organizations(conn, text, &scope).await?;
    let found = Found::of(rows.iter().map(|row| row.id));
    let hits = rows
        .into_iter()
        .map(|row| Hit {
            href: format!("/orgs/{}", row.id),
            title: row.name,
            code: row.credit_code,
            notes: vec![row.union_name],
        })
        .collect();
    let group = Group::new("search.group.orgs", hits, list_link("/orgs", text));
    Ok((group, found))
}

async fn projects(
    conn: &mut sqlx::PgConnection,
    text: &SearchText,
    scope: &ListScope,
    lang: Lang,
) -> sqlx::Result<(Group, Found)> {
    let rows = db::projects(conn, text, scope).await?;
    let found = Found::of(rows.iter().map(|row| row.id));
    let hits = rows
        .into_iter()
        .map(|row| Hit {
            href: format!("/projects/{}", row.id),
            title: row.title,
            code: Some(row.code),
            notes: vec![lang.t(row.status.label_key()).to_owned(), row.union_name],
        })
        .collect();
    let group = Group::new("search.group.projects", hits, list_link("/projects", text));
    Ok((group, found))
}

/// Contracts have no name of their own: they are found by their project's
/// code or title and by their organization's name, through what those
/// groups found. The contract list takes no search text, so the group links
/// to no list.
async fn contracts(
    conn: &mut sqlx::PgConnection,
    projects: &Found,
    orgs: &Found,
) -> sqlx::Result<Group> {
    let rows = db::contracts(conn, &projects.ids, &orgs.ids).await?;
    let hits = rows
        .into_iter()
        .map(|row| Hit {
            href: format!("/contracts/{}", row.id),
            title: row.project_title,
            code: Some(row.project_code),
            notes: vec![row.org_name, row.signed_on.to_string()],
        })
        .collect();
    let mut group = Group::new("search.group.contracts", hits, None);
    group.at_least = projects.capped() || orgs.capped();
    Ok(group)
}

async fn needs(conn: &mut sqlx::PgConnection, text: &SearchText) -> sqlx::Result<Group> {
    let rows = db::needs(conn, text).await?;
    let hits = rows
        .into_iter()
        .map(|row| Hit {
            href: format!("/needs/{}", row.id),
            title: row.title,
            code: None,
            notes: vec![row.union_name, row.collected_on.to_string()],
        })
        .collect();
    Ok(Group::new(
        "search.group.needs",
        hits,
        list_link("/needs", text),
    ))
}

async fn users(
    conn: &mut sqlx::PgConnection,
    text: &SearchText,
    lang: Lang,
) -> sqlx::Result<Group> {
    let rows = db::users(conn, text).await?;
    let hits = rows
        .into_iter()
        .map(|row| Hit {
            href: format!("/users/{}", row.id),
            title: row.display_name,
            code: Some(row.username),
            notes: vec![lang.t(row.role.label_key()).to_owned(), row.union_name],
        })
        .collect();
    Ok(Group::new(
        "search.group.users",
        hits,
        list_link("/users", text),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(found: usize) -> Group {
        let hit = Hit {
            href: "/orgs/1".into(),
            title: "某组织".into(),
            code: None,
            notes: Vec::new(),
        };
        Group::new("search.group.orgs", vec![hit; found], None)
    }

    #[test]
    fn a_group_shows_a_few_and_counts_to_the_cap() {
        let few = group(3);
        assert_eq!(
            (few.hits.len(), few.count(), few.has_more()),
            (3, "3".into(), false)
        );
        let some = group(SHOWN + 2);
        assert_eq!(some.hits.len(), SHOWN);
        assert_eq!(some.count(), (SHOWN + 2).to_string());
        assert!(some.has_more());
        let many = group(CAP + 1);
        assert_eq!(many.count(), format!("{CAP}+"));
        let mut through_others = group(2);
        through_others.at_least = true;
        assert_eq!(through_others.count(), "2+");
    }
}
