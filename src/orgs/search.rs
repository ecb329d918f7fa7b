//! Finding organizations: the list's filters, sorts and keyset pages, shared
//! by the list page, the exports and the query-plan test. At a million records,
//! every query here is served by an index (`schema.sql` lists them).

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::db::{OrgRow, SCOPE_COLUMNS};
use super::kinds::{Category, Domain, OrgStatus, OrgType, Relationship, UnionBuilding};
use crate::db::list::{
    CappedCount, CountQuery, KeyPart, ListScope, Order, Paged, Position, stream_rows,
};
use crate::web::overdue::Overdue;

/// The filters of a search, parsed.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub q: Option<String>,
    pub org_type: Option<OrgType>,
    pub domain: Option<Domain>,
    pub rating: Option<RatingFilter>,
    pub category: Option<Category>,
    pub relationship: Option<Relationship>,
    pub union_building: Option<UnionBuilding>,
    pub status: Option<OrgStatus>,
    /// Records whose division code starts with these digits.
    pub division: Option<String>,
    pub contact_overdue: bool,
    /// The subtree searched: the actor's scope, or the home union chosen in it.
    pub scope: ListScope,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RatingFilter {
    /// A valid rating of this level (1–5).
    Level(i16),
    /// A rating whose five years have passed.
    Expired,
    /// Never rated (or every rating revoked).
    Unrated,
}

impl RatingFilter {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "expired" => Some(Self::Expired),
            "none" => Some(Self::Unrated),
            level => level
                .parse()
                .ok()
                .filter(|l| (1..=5).contains(l))
                .map(Self::Level),
        }
    }
}

/// The orders a list may be sorted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Updated,
    NextContact,
}

impl SortKey {
    pub const ALL: [SortKey; 3] = [SortKey::Name, SortKey::Updated, SortKey::NextContact];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Updated => "updated_at",
            SortKey::NextContact => "next_contact_due",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|key| key.as_str() == value)
    }

    fn column(self) -> &'static str {
        match self {
            SortKey::Name => "o.name",
            SortKey::Updated => "o.updated_at",
            SortKey::NextContact => "o.next_contact_due",
        }
    }

    fn cast(self) -> &'static str {
        match self {
            SortKey::Name => "text",
            SortKey::Updated => "timestamptz",
            SortKey::NextContact => "date",
        }
    }

    /// What the two parts of this sort's cursor must parse as.
    pub fn cursor(self) -> [KeyPart; 2] {
        let first = match self {
            SortKey::Name => KeyPart::Text,
            SortKey::Updated => KeyPart::Time,
            SortKey::NextContact => KeyPart::Date,
        };
        [first, KeyPart::Uuid]
    }

    fn key_of(self, row: &OrgListRow) -> Vec<String> {
        let first = match self {
            SortKey::Name => row.name.clone(),
            SortKey::Updated => row.updated_at.to_rfc3339(),
            SortKey::NextContact => row.next_contact_due.to_string(),
        };
        vec![first, row.id.to_string()]
    }
}

/// One line of the list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrgListRow {
    pub id: Uuid,
    pub name: String,
    pub credit_code: Option<String>,
    #[sqlx(try_from = "String")]
    pub org_type: OrgType,
    pub union_name: String,
    pub rating_level: Option<i16>,
    pub rating_valid_until: Option<NaiveDate>,
    #[sqlx(try_from = "String")]
    pub union_building: UnionBuilding,
    #[sqlx(try_from = "String")]
    pub status: OrgStatus,
    pub next_contact_due: NaiveDate,
    pub fulltime_staff: i32,
    pub updated_at: DateTime<Utc>,
}

impl OrgListRow {
    pub fn rating_expired(&self) -> bool {
        self.rating_valid_until
            .is_some_and(|until| until < chrono::Local::now().date_naive())
    }

    /// How late its contact is, if it is still active and late.
    pub fn contact_late(&self) -> Option<Overdue> {
        Overdue::of(self.next_contact_due).filter(|_| self.status == OrgStatus::Active)
    }
}

/// Appends the search's conditions to `q` (which ends in a `where`).
pub fn push_filters(q: &mut QueryBuilder<Postgres>, search: &Search) {
    search.scope.push(q, &SCOPE_COLUMNS);
    if let Some(text) = &search.q {
        // Names through the owner's function (`organizations_named_like` in `schema.sql` says why); credit
        // codes by prefix, which the policy lets the code index serve.
        q.push(" and o.id in (select organizations_named_like(")
            .push_bind(format!("%{}%", crate::web::format::like_escape(text)))
            .push(")");
        let code_prefix = text.to_ascii_uppercase();
        if code_prefix.len() >= 2 && code_prefix.bytes().all(|b| b.is_ascii_alphanumeric()) {
            q.push(" union all select id from organizations where starts_with(credit_code, ")
                .push_bind(code_prefix)
                .push(")");
        }
        q.push(")");
    }
    if let Some(org_type) = search.org_type {
        q.push(" and o.org_type = ").push_bind(org_type.as_str());
    }
    if let Some(domain) = search.domain {
        q.push(" and o.service_domains @> array[")
            .push_bind(domain.as_str())
            .push("]::text[]");
    }
    match search.rating {
        None => {}
        Some(RatingFilter::Level(level)) => {
            q.push(" and o.rating_level = ").push_bind(level);
            q.push(" and o.rating_valid_until >= current_date");
        }
        Some(RatingFilter::Expired) => {
            q.push(" and o.rating_valid_until < current_date");
        }
        Some(RatingFilter::Unrated) => {
            q.push(" and o.rating_level is null");
        }
    }
    if let Some(category) = search.category {
        q.push(" and o.guidance_category = ")
            .push_bind(category.as_str());
    }
    if let Some(relationship) = search.relationship {
        q.push(" and o.relationship = ")
            .push_bind(relationship.as_str());
    }
    if let Some(union_building) = search.union_building {
        q.push(" and o.union_building = ")
            .push_bind(union_building.as_str());
    }
    if let Some(status) = search.status {
        q.push(" and o.status = ").push_bind(status.as_str());
    }
    if let Some(division) = &search.division {
        q.push(" and starts_with(o.division_code, ")
            .push_bind(division.clone())
            .push(")");
    }
    if search.contact_overdue {
        q.push(" and o.next_contact_due < current_date and o.status = 'active'");
    }
}

/// The query of one page of the list.
fn page_query(
    search: &Search,
    sort: SortKey,
    descending: bool,
    position: &Position,
) -> QueryBuilder<Postgres> {
    let mut q = QueryBuilder::new(
        "select o.id, o.name, o.credit_code, o.org_type, u.name as union_name,
                o.rating_level, o.rating_valid_until, o.union_building, o.status,
                o.next_contact_due, o.fulltime_staff, o.updated_at
           from organizations o
           join unions u on u.id = o.union_id
          where true",
    );
    push_filters(&mut q, search);
    let prefix = search.scope.order_prefix(&SCOPE_COLUMNS);
    Order {
        columns: &[(sort.column(), sort.cast()), ("o.id", "uuid")],
        descending,
        prefix: &prefix,
    }
    .push_page(&mut q, position);
    q
}

/// The query of every record the search finds, whole, in name order.
fn export_query(search: &Search) -> QueryBuilder<Postgres> {
    let mut q = QueryBuilder::new(concat!(
        "select ",
        super::db::org_columns!(),
        " from organizations o join unions u on u.id = o.union_id where true"
    ));
    push_filters(&mut q, search);
    q.push(" order by ")
        .push(search.scope.order_prefix(&SCOPE_COLUMNS))
        .push("o.name, o.id");
    q
}

/// Every record the search finds, whole, in name order, as the cursor reads
/// them: a million records never sit in memory.
pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    search: &Search,
) -> BoxStream<'c, sqlx::Result<OrgRow>> {
    stream_rows(export_query(search), conn)
}

/// One page of the list.
pub async fn page(
    conn: &mut PgConnection,
    search: &Search,
    sort: SortKey,
    descending: bool,
    position: &Position,
) -> sqlx::Result<Paged<OrgListRow>> {
    let rows: Vec<OrgListRow> = page_query(search, sort, descending, position)
        .build_query_as()
        .fetch_all(conn)
        .await?;
    Ok(Paged::from_rows(rows, position, |row| sort.key_of(row)))
}

/// How many records the search finds, up to the cap. It reads the rows in
/// name order, so that it walks the name index (and stops at the cap) rather
/// than the whole table.
pub async fn count(conn: &mut PgConnection, search: &Search) -> sqlx::Result<CappedCount> {
    let mut count = CountQuery::new("organizations o");
    push_filters(count.conditions(), search);
    let order = format!("{}o.name, o.id", search.scope.order_prefix(&SCOPE_COLUMNS));
    count.fetch(conn, Some(&order)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rating_filters() {
        assert_eq!(RatingFilter::parse("3"), Some(RatingFilter::Level(3)));
        assert_eq!(RatingFilter::parse("6"), None);
        assert_eq!(RatingFilter::parse("expired"), Some(RatingFilter::Expired));
        assert_eq!(RatingFilter::parse("none"), Some(RatingFilter::Unrated));
    }
}
