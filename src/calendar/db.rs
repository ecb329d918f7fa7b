//! The calendar's queries: the deadlines of a date range, read day by day
//! (a few shown and the rest counted up to a cap, so that a national scope
//! costs what a county's does, whatever the month holds), and the calendar
//! feeds kept as hashes of their tokens.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::Kind;
use crate::db::list::{ListScope, ScopeColumns};
use crate::identity::{CurrentUser, Level, Role};

/// A day's deadlines of one kind are counted up to here ("50+").
pub const DAY_CAP: i64 = 50;

/// Whose deadlines are read, as the indexes need it said (row-level security
/// keeps every reader to their rows whatever this says).
#[derive(Clone, Debug)]
pub enum Reader {
    /// A union cadre: the scope's deadlines, or with `own` only those of
    /// their own union (its organizations, its projects and their delivery).
    Cadre {
        scope: ListScope,
        own: Option<OwnUnion>,
    },
    /// An organization's account: its reports, orders and contracts.
    Org(Uuid),
    /// An evaluator: what it supervises.
    Supervisor(Uuid),
    /// A reviewer: the reviews assigned to them.
    Reviewer(Uuid),
}

/// The cadre's own union, for "my tasks".
#[derive(Clone, Debug)]
pub struct OwnUnion {
    pub id: i64,
    pub path: String,
}

impl Reader {
    /// The reader `user` is, with `mine` narrowing a cadre to their own
    /// union; `None` for an account with no deadlines of its kind.
    pub async fn of(
        conn: &mut PgConnection,
        user: &CurrentUser,
        mine: bool,
    ) -> sqlx::Result<Option<Self>> {
        Ok(match user.role {
            Role::Admin | Role::Staff | Role::Viewer => Some(Self::Cadre {
                scope: ListScope::of_path(&user.union.path)
                    .listing_unions(conn)
                    .await?,
                own: mine.then(|| OwnUnion {
                    id: user.union.id,
                    path: user.union.path.clone(),
                }),
            }),
            Role::Org => user.org_id.map(Self::Org),
            Role::Evaluator => Some(Self::Supervisor(user.id)),
            Role::Reviewer => Some(Self::Reviewer(user.id)),
        })
    }

    /// The kinds of deadline this reader has, each from its source.
    fn sources(&self) -> &'static [&'static Source] {
        match self {
            Self::Cadre { .. } => &[
                &REPORTS,
                &PROJECT_REVIEWS,
                &CALLS,
                &CONTACTS,
                &RECTIFICATIONS,
                &EVALUATIONS,
                &SERVICE_STARTS,
                &SERVICE_ENDS,
            ],
            Self::Org(_) => &[&REPORTS, &RECTIFICATIONS, &SERVICE_STARTS, &SERVICE_ENDS],
            Self::Supervisor(_) => &[
                &REPORTS,
                &RECTIFICATIONS,
                &EVALUATIONS,
                &SERVICE_STARTS,
                &SERVICE_ENDS,
            ],
            Self::Reviewer(_) => &[&ASSIGNED_REVIEWS],
        }
    }

    /// Whether this reader keeps the registry's regular contact (the link to
    /// the contacts-due list is theirs).
    pub fn keeps_contact(&self) -> bool {
        matches!(self, Self::Cadre { .. })
    }

    /// Appends who is reading, in the words `source`'s indexes lead with.
    fn push(&self, q: &mut QueryBuilder<Postgres>, source: &Source) {
        match self {
            Self::Cadre { scope, own } => {
                scope.push(q, &source.columns);
                if let Some(own) = own {
                    source.mine.push(q, &source.columns, own);
                }
            }
            Self::Org(id) => ListScope::Org(*id).push(q, &source.columns),
            Self::Supervisor(id) => ListScope::Supervisor(*id).push(q, &source.columns),
            Self::Reviewer(id) => {
                if let Some(column) = source.reviewer {
                    q.push(format_args!(" and {column} = ")).push_bind(*id);
                }
            }
        }
    }
}

/// How a source says "of the cadre's own union".
#[derive(Clone, Copy, Debug)]
enum Mine {
    /// Its union path equals the union's (and its province, where the
    /// indexes lead with it).
    Path(&'static str),
    /// Its union id equals the union's.
    UnionId(&'static str),
}

impl Mine {
    fn push(self, q: &mut QueryBuilder<Postgres>, columns: &ScopeColumns, own: &OwnUnion) {
        match self {
            Mine::Path(column) => {
                if let Some(province) = columns.province {
                    let label: Vec<&str> = own.path.split('.').take(2).collect();
                    q.push(format_args!(" and {province} = "))
                        .push_bind(label.join("."));
                }
                q.push(format_args!(" and {column} = "))
                    .push_bind(own.path.clone())
                    .push("::text::ltree");
            }
            Mine::UnionId(column) => {
                q.push(format_args!(" and {column} = ")).push_bind(own.id);
            }
        }
    }
}

/// Where the deadlines of one kind come from. Every text is fixed; values
/// are bound.
#[derive(Debug)]
struct Source {
    kind: Kind,
    /// The rows (`reports r`, with any join its filter reads).
    table: &'static str,
    /// What makes a row a deadline still to meet.
    filter: &'static str,
    /// The row's date.
    on: &'static str,
    /// Joins the shown rows need besides `table`.
    joins: &'static str,
    /// The shown rows' columns: `id`, `href`, `title`, `detail`, `variant`.
    shown: &'static str,
    /// The order the shown rows are picked in (the date index's).
    order: &'static str,
    /// How many rows a day shows.
    limit: i64,
    columns: ScopeColumns,
    mine: Mine,
    /// The reviewer's column, for a source read by reviewers.
    reviewer: Option<&'static str>,
}

/// Reports still to be written: due, drafted or returned.
const REPORTS: Source = Source {
    kind: Kind::ReportDue,
    table: "reports r",
    filter: "r.status in ('due', 'draft', 'returned')",
    on: "r.due_on",
    joins: " join projects p on p.id = r.project_id",
    shown: "r.id, '/reports/' || r.id as href, p.title,
            organization_public_name(r.org_id) as detail, r.kind as variant",
    order: "r.id",
    limit: 5,
    columns: ScopeColumns {
        province: Some("r.province"),
        org: Some("r.org_id"),
        supervisor: Some("r.supervisor_id"),
        ..ScopeColumns::path("r.union_path")
    },
    mine: Mine::Path("r.union_path"),
    reviewer: None,
};

/// Projects under review: their reviews are due before the service starts
/// (no review deadline is kept of its own; award and contract come first).
const PROJECT_REVIEWS: Source = Source {
    kind: Kind::ReviewDue,
    table: "projects p",
    filter: "p.status = 'reviewing'",
    on: "p.service_starts_on",
    joins: "",
    shown: "p.id, '/projects/' || p.id || '/reviews' as href, p.title, p.code as detail,
            ''::text as variant",
    order: "p.id",
    limit: 5,
    columns: PROJECT_COLUMNS,
    mine: Mine::Path("p.union_path"),
    reviewer: None,
};

/// A reviewer's reviews not yet submitted, due by the same date.
const ASSIGNED_REVIEWS: Source = Source {
    kind: Kind::ReviewDue,
    table: "review_assignments a join projects p on p.id = a.project_id",
    filter: "a.status in ('assigned', 'scoring') and p.status = 'reviewing'",
    on: "p.service_starts_on",
    joins: "",
    shown: "a.id, '/reviews/' || a.id as href, p.title,
            organization_public_name(a.org_id) as detail, a.status as variant",
    order: "a.id",
    limit: 5,
    columns: ScopeColumns::path("a.union_path"),
    mine: Mine::Path("a.union_path"),
    reviewer: Some("a.reviewer_id"),
};

/// Calls open for applications, by their closing day.
const CALLS: Source = Source {
    kind: Kind::CallCloses,
    table: "projects p",
    filter: "p.status = 'open'",
    on: "p.apply_closes_on",
    joins: "",
    shown: "p.id, '/projects/' || p.id as href, p.title, p.code as detail, ''::text as variant",
    order: "p.id",
    limit: 5,
    columns: PROJECT_COLUMNS,
    mine: Mine::Path("p.union_path"),
    reviewer: None,
};

const PROJECT_COLUMNS: ScopeColumns = ScopeColumns {
    province: Some("p.province"),
    ..ScopeColumns::path("p.union_path")
};

/// Active organizations due for regular contact. A national month holds
/// many thousands: a day shows three and counts the rest.
const CONTACTS: Source = Source {
    kind: Kind::ContactDue,
    table: "organizations o",
    filter: "o.status = 'active'",
    on: "o.next_contact_due",
    joins: " join unions u on u.id = o.union_id",
    shown: "o.id, '/orgs/' || o.id as href, o.name as title, u.name as detail,
            ''::text as variant",
    order: "o.id",
    limit: 3,
    columns: crate::orgs::db::SCOPE_COLUMNS,
    mine: Mine::UnionId("o.union_id"),
    reviewer: None,
};

/// Rectification orders not yet closed, by their deadline.
const RECTIFICATIONS: Source = Source {
    kind: Kind::RectificationDue,
    table: "rectifications x",
    filter: "x.status <> 'closed'",
    on: "x.deadline",
    joins: " join projects p on p.id = x.project_id",
    shown: "x.id, '/rectifications/' || x.id as href, p.title,
            organization_public_name(x.org_id) as detail, x.status as variant",
    order: "x.id",
    limit: 5,
    columns: ScopeColumns {
        org: Some("x.org_id"),
        supervisor: Some("x.supervisor_id"),
        ..ScopeColumns::path("x.union_path")
    },
    mine: Mine::Path("x.union_path"),
    reviewer: None,
};

/// Mid-term and final evaluations: each follows its report (it opens when
/// the report is accepted), so it is due with it; until it is final. The
/// link goes to the evaluation once open, to the contract before.
const EVALUATIONS: Source = Source {
    kind: Kind::EvaluationDue,
    table: "reports r left join evaluations v on v.contract_id = r.contract_id and v.kind = r.kind",
    filter: "r.kind in ('midterm', 'final') and (v.id is null or v.status = 'open')",
    on: "r.due_on",
    joins: " join projects p on p.id = r.project_id",
    shown: "r.id, case when v.id is null then '/contracts/' || r.contract_id
                       else '/evaluations/' || v.id end as href,
            p.title, organization_public_name(r.org_id) as detail, r.kind as variant",
    order: "r.id",
    limit: 5,
    columns: REPORTS.columns,
    mine: Mine::Path("r.union_path"),
    reviewer: None,
};

/// Contracts whose service starts.
const SERVICE_STARTS: Source = Source {
    kind: Kind::ServiceStarts,
    on: "c.service_starts_on",
    ..SERVICE_ENDS
};

/// Contracts whose service ends.
const SERVICE_ENDS: Source = Source {
    kind: Kind::ServiceEnds,
    table: "contracts c",
    filter: "true",
    on: "c.service_ends_on",
    joins: " join projects p on p.id = c.project_id",
    shown: "c.id, '/contracts/' || c.id as href, p.title,
            organization_public_name(c.org_id) as detail, ''::text as variant",
    order: "c.id",
    limit: 5,
    columns: ScopeColumns {
        org: Some("c.org_id"),
        supervisor: Some("c.supervisor_id"),
        ..ScopeColumns::path("c.union_path")
    },
    mine: Mine::Path("c.union_path"),
    reviewer: None,
};

/// The deadlines of one kind on one day.
#[derive(Clone, Debug)]
pub struct DayDeadlines {
    pub on: NaiveDate,
    pub kind: Kind,
    /// How many there are, counted up to [`DAY_CAP`] + 1.
    pub total: i64,
    /// The first few.
    pub entries: Vec<Entry>,
}

impl DayDeadlines {
    /// Whether the count stopped at the cap.
    pub fn capped(&self) -> bool {
        self.total > DAY_CAP
    }

    /// Whether some are counted but not shown.
    pub fn has_more(&self) -> bool {
        self.total > self.entries.len() as i64
    }
}

/// One deadline, with the record it belongs to.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: Uuid,
    pub href: String,
    pub title: String,
    pub detail: String,
    /// The record's own kind or state (a report's kind, an order's status).
    pub variant: String,
}

/// A day's count and one of its shown rows, as the query gives them.
#[derive(Debug, sqlx::FromRow)]
struct DayRow {
    day_on: NaiveDate,
    total: i64,
    id: Option<Uuid>,
    href: Option<String>,
    title: Option<String>,
    detail: Option<String>,
    variant: Option<String>,
}

/// The reader's deadlines from `from` to `to` (both included), by day and
/// kind. The range is the caller's bound: a month, or the feed's window.
pub async fn deadlines(
    conn: &mut PgConnection,
    reader: &Reader,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<DayDeadlines>> {
    let days = i32::try_from((to - from).num_days()).unwrap_or(0).max(0);
    let mut all = Vec::new();
    for source in reader.sources() {
        let mut q = QueryBuilder::new("");
        push_days(&mut q, source, reader, from, days);
        let rows: Vec<DayRow> = q.build_query_as().fetch_all(&mut *conn).await?;
        all.extend(by_day(source.kind, rows));
    }
    all.sort_by_key(|d| (d.on, d.kind));
    Ok(all)
}

/// Appends the day-by-day query of `source`: for each of the `days` + 1 days
/// from `from`, the count (capped) and the first rows, each read from the
/// index that leads with the date.
fn push_days(
    q: &mut QueryBuilder<Postgres>,
    source: &Source,
    reader: &Reader,
    from: NaiveDate,
    days: i32,
) {
    q.push("select d.day_on, n.total, e.id, e.href, e.title, e.detail, e.variant from (select ")
        .push_bind(from)
        .push("::date + i as day_on from generate_series(0, ")
        .push_bind(days)
        .push(") i) d cross join lateral (select count(*) as total from (select 1 from ")
        .push(source.table);
    push_conditions(q, source, reader);
    q.push(" limit ")
        .push_bind(DAY_CAP + 1)
        .push(") c) n left join lateral (select ")
        .push(source.shown)
        .push(" from ")
        .push(source.table)
        .push(source.joins);
    push_conditions(q, source, reader);
    q.push(format_args!(" order by {} limit ", source.order))
        .push_bind(source.limit)
        .push(") e on true where n.total > 0 order by d.day_on");
}

fn push_conditions(q: &mut QueryBuilder<Postgres>, source: &Source, reader: &Reader) {
    q.push(format_args!(
        " where {} and {} = d.day_on",
        source.filter, source.on
    ));
    reader.push(q, source);
}

/// The rows of one kind gathered per day, the shown ones by title.
fn by_day(kind: Kind, rows: Vec<DayRow>) -> Vec<DayDeadlines> {
    let mut days: Vec<DayDeadlines> = Vec::new();
    for row in rows {
        if days.last().is_none_or(|d| d.on != row.day_on) {
            days.push(DayDeadlines {
                on: row.day_on,
                kind,
                total: row.total,
                entries: Vec::new(),
            });
        }
        if let (Some(day), Some(id), Some(href)) = (days.last_mut(), row.id, row.href) {
            day.entries.push(Entry {
                id,
                href,
                title: row.title.unwrap_or_default(),
                detail: row.detail.unwrap_or_default(),
                variant: row.variant.unwrap_or_default(),
            });
        }
    }
    for day in &mut days {
        day.entries
            .sort_by(|a, b| a.title.cmp(&b.title).then(a.id.cmp(&b.id)));
    }
    days
}

/// The user's calendar feed, as its owner sees it.
#[derive(Clone, Debug)]
pub struct FeedRow {
    pub created_at: DateTime<Utc>,
    pub last_read_at: Option<DateTime<Utc>>,
}

/// The reader's own feed, if they made one.
pub async fn own_feed(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<Option<FeedRow>> {
    sqlx::query_as!(
        FeedRow,
        "select created_at, last_read_at from calendar_feeds where user_id = $1",
        user_id
    )
    .fetch_optional(conn)
    .await
}

/// Stops the user's feed: its address answers nothing from now on. Whether
/// there was one.
pub async fn stop_feed(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<bool> {
    let stopped = sqlx::query!("delete from calendar_feeds where user_id = $1", user_id)
        .execute(conn)
        .await?;
    Ok(stopped.rows_affected() > 0)
}

/// Gives the user a feed under the token whose hash is `token_hash`, in place
/// of any earlier one. Whether it replaced one.
pub async fn put_feed(
    conn: &mut PgConnection,
    user_id: Uuid,
    token_hash: &[u8],
) -> sqlx::Result<bool> {
    let replaced = stop_feed(&mut *conn, user_id).await?;
    sqlx::query!(
        "insert into calendar_feeds (user_id, token_hash) values ($1, $2)",
        user_id,
        token_hash
    )
    .execute(conn)
    .await?;
    Ok(replaced)
}

/// The account a feed token belongs to, as the session lookup gives one.
#[derive(Debug)]
pub struct FeedOwner {
    pub user_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub locale: String,
    pub union_id: i64,
    pub union_path: String,
    pub union_name: String,
    pub union_level: Level,
    pub org_id: Option<Uuid>,
}

/// The owner of the feed whose token hashes to `token_hash`, if the feed
/// and its account are live; read before any actor exists.
pub async fn feed_owner(
    conn: &mut PgConnection,
    token_hash: &[u8],
) -> sqlx::Result<Option<FeedOwner>> {
    // A function's result columns are all nullable to the checker; the
    // function's join gives every one a value but the organization.
    sqlx::query_as!(
        FeedOwner,
        r#"select user_id as "user_id!", username as "username!",
                  display_name as "display_name!", role as "role!: Role",
                  locale as "locale!", union_id as "union_id!",
                  union_path as "union_path!", union_name as "union_name!",
                  union_level as "union_level!: Level", org_id as "org_id?"
             from calendar_feed_resolve($1)"#,
        token_hash
    )
    .fetch_optional(conn)
    .await
}
