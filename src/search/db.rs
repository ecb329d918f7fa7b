//! The search's queries, one per kind of record. Each reads at most
//! [`CAP`] + 1 matching rows, through indexes that lead with the reader's
//! scope, so that a search costs about the same whatever the words: the page
//! shows the first few and counts to the cap, and the kind's own list shows
//! the rest. Names and titles of three characters or more go through the
//! owners' trigram functions (`organizations_named_like`,
//! `projects_titled_like`, `needs_titled_like` in `schema.sql`); shorter ones,
//! which no trigram finds, are looked for among the first [`SHORT_READ`] rows
//! of the scope in the list's order, as typed (`strpos` reads a name several
//! times faster than a case-blind LIKE). Codes are found by prefix.

use chrono::NaiveDate;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::text::SearchText;
use crate::db::list::{ListScope, ScopeColumns};
use crate::identity::Role;
use crate::projects::Status;
use crate::{orgs, projects};

/// Matches counted; more show as "20+". Counting costs a walk through the
/// matches, so the cap is kept to what tells a handful from many; the kind's
/// own list counts them all.
pub const CAP: usize = 20;

/// Rows of a list a one- or two-character search reads, in the list's order.
pub const SHORT_READ: i64 = 10_000;

/// The rows read per kind: one past the cap, to tell "20" from "20+".
fn limit() -> i64 {
    CAP as i64 + 1
}

/// How the credit-code search says the scope: by province and path, which
/// `organizations_province_credit_code` serves below the nation.
const CREDIT_CODE_SCOPE: ScopeColumns = ScopeColumns {
    province: Some("o.province"),
    ..ScopeColumns::path("o.union_path")
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrgHit {
    pub id: Uuid,
    pub name: String,
    pub credit_code: Option<String>,
    pub union_name: String,
}

/// The organizations whose name contains the text or whose credit code starts
/// with it, the exact name or code first, then by name. `scope` is the
/// reader's, its unions listed below a prefecture
/// ([`ListScope::listing_unions`]).
pub async fn organizations(
    conn: &mut PgConnection,
    text: &SearchText,
    scope: &ListScope,
) -> sqlx::Result<Vec<OrgHit>> {
    let columns = &orgs::db::SCOPE_COLUMNS;
    let mut q = QueryBuilder::<Postgres>::new(
        "select o.id, o.name, o.credit_code, u.name as union_name
           from organizations o join unions u on u.id = o.union_id
          where o.id in (select id from (",
    );
    if text.is_short() {
        q.push("(select w.id from (select o.id, o.name from organizations o where true");
        scope.push(&mut q, columns);
        q.push(" order by ")
            .push(scope.order_prefix(columns))
            .push("o.name, o.id limit ")
            .push_bind(SHORT_READ)
            .push(") w where strpos(w.name, ")
            .push_bind(text.as_str().to_owned())
            .push(") > 0")
            .push(" limit ")
            .push_bind(limit())
            .push(")");
    } else {
        q.push("(select f.id from organizations_named_like(")
            .push_bind(text.pattern())
            .push(", ")
            .push_bind(limit() as i32)
            .push(") as f(id))");
    }
    let code = text.credit_code_prefix();
    if let Some(code) = &code {
        q.push(" union (select o.id from organizations o where starts_with(o.credit_code, ")
            .push_bind(code.clone())
            .push(")");
        scope.push(&mut q, &CREDIT_CODE_SCOPE);
        q.push(" limit ").push_bind(limit()).push(")");
    }
    q.push(") found limit ")
        .push_bind(limit())
        .push(") order by (o.name = ")
        .push_bind(text.as_str().to_owned())
        .push(" or o.credit_code = ")
        .push_bind(code)
        .push(") desc nulls last, o.name, o.id");
    q.build_query_as().fetch_all(conn).await
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProjectHit {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub union_name: String,
}

/// The projects whose code starts with the text, in code order, then those
/// whose title contains it, the newest first.
pub async fn projects(
    conn: &mut PgConnection,
    text: &SearchText,
    scope: &ListScope,
) -> sqlx::Result<Vec<ProjectHit>> {
    let columns = &projects::db::SCOPE_COLUMNS;
    let mut q = QueryBuilder::<Postgres>::new(
        "select p.id, p.code, p.title, p.status, u.name as union_name
           from projects p join unions u on u.id = p.union_id
          where p.id in (select id from (",
    );
    if text.is_short() {
        q.push("(select w.id from (select p.id, p.title from projects p where true");
        scope.push(&mut q, columns);
        q.push(" order by ")
            .push(scope.order_prefix(columns))
            .push("p.created_at desc, p.id desc limit ")
            .push_bind(SHORT_READ)
            .push(") w where strpos(w.title, ")
            .push_bind(text.as_str().to_owned())
            .push(") > 0")
            .push(" limit ")
            .push_bind(limit())
            .push(")");
    } else {
        q.push("(select f.id from projects_titled_like(")
            .push_bind(text.pattern())
            .push(", ")
            .push_bind(limit() as i32)
            .push(") as f(id))");
    }
    let code = text.project_code_prefix();
    if let Some(code) = &code {
        q.push(" union (select p.id from projects p where starts_with(p.code, ")
            .push_bind(code.clone())
            .push(")");
        scope.push(&mut q, columns);
        q.push(" limit ").push_bind(limit()).push(")");
    }
    q.push(") found limit ")
        .push_bind(limit())
        .push(") order by starts_with(p.code, ")
        .push_bind(code.clone())
        .push(") desc nulls last, case when starts_with(p.code, ")
        .push_bind(code)
        .push(") then p.code end, p.created_at desc, p.id desc");
    q.build_query_as().fetch_all(conn).await
}

#[derive(Clone, Debug)]
pub struct ContractHit {
    pub id: Uuid,
    pub project_code: String,
    pub project_title: String,
    pub org_name: String,
    pub signed_on: NaiveDate,
}

/// The contracts of these projects or with these organizations (what the
/// project and organization searches found), the latest signed first. Each id
/// is looked up in its own index, where an `= any` would have the planner
/// combine those with the scope's whole path index.
pub async fn contracts(
    conn: &mut PgConnection,
    project_ids: &[Uuid],
    org_ids: &[Uuid],
) -> sqlx::Result<Vec<ContractHit>> {
    sqlx::query_as!(
        ContractHit,
        r#"select c.id, p.code as project_code, p.title as project_title,
                  organization_public_name(c.org_id) as "org_name!", c.signed_on
             from contracts c join projects p on p.id = c.project_id
            where c.id in (select c.id from unnest($1::uuid[]) as f (id)
                             join contracts c on c.project_id = f.id
                           union all
                           select c.id from unnest($2::uuid[]) as f (id)
                             join contracts c on c.org_id = f.id)
            order by c.signed_on desc, c.id desc
            limit $3"#,
        project_ids,
        org_ids,
        limit()
    )
    .fetch_all(conn)
    .await
}

#[derive(Clone, Debug)]
pub struct NeedHit {
    pub id: Uuid,
    pub title: String,
    pub collected_on: NaiveDate,
    pub union_name: String,
}

/// The worker needs whose title contains the text, the latest collected
/// first.
pub async fn needs(conn: &mut PgConnection, text: &SearchText) -> sqlx::Result<Vec<NeedHit>> {
    sqlx::query_as!(
        NeedHit,
        "select n.id, n.title, n.collected_on, u.name as union_name
           from needs n join unions u on u.id = n.union_id
          where n.id in (select needs_titled_like($1, $2))
          order by n.collected_on desc, n.id desc",
        text.pattern(),
        limit() as i32
    )
    .fetch_all(conn)
    .await
}

#[derive(Clone, Debug)]
pub struct UserHit {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub union_name: String,
}

/// The accounts whose username or display name contains the text, as the
/// account list finds them, by username. Row-level security keeps to the
/// scope's accounts through their path index: a scope holds few.
pub async fn users(conn: &mut PgConnection, text: &SearchText) -> sqlx::Result<Vec<UserHit>> {
    sqlx::query_as!(
        UserHit,
        r#"select u.id, u.username, u.display_name, u.role as "role: Role", n.name as union_name
             from users u join unions n on n.id = u.union_id
            where strpos(u.username, $1) > 0 or strpos(u.display_name, $2) > 0
            order by u.username
            limit $3"#,
        text.as_str().to_lowercase(),
        text.as_str(),
        limit()
    )
    .fetch_all(conn)
    .await
}

/// A record a whole code names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    Org(Uuid),
    Project(Uuid),
}

/// The one record of the scope whose credit code or project code is `code`
/// exactly, if there is exactly one.
pub async fn named_by_code(conn: &mut PgConnection, code: &str) -> sqlx::Result<Option<Named>> {
    let rows = sqlx::query!(
        r#"select true as "org!", id as "id!" from organizations where credit_code = $1
           union all
           select false, id from projects where code = $1
           limit 2"#,
        code
    )
    .fetch_all(conn)
    .await?;
    Ok(match rows.as_slice() {
        [only] if only.org => Some(Named::Org(only.id)),
        [only] => Some(Named::Project(only.id)),
        _ => None,
    })
}
