//! Reading the audit log, newest first, within the reader's scope (row-level
//! security decides which entries exist for the reader).

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, Postgres, QueryBuilder};

use crate::db::list::{Order, Paged, Position, stream_rows};

#[derive(Debug, Default)]
pub struct Filter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// An entry as the log shows it. (The filtered list reads it at run time too.)
#[derive(Debug, sqlx::FromRow)]
pub struct EntryRow {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_username: Option<String>,
    pub union_name: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub changes: serde_json::Value,
    pub ip: Option<String>,
}

/// The log's query with the filter's conditions.
fn list_query(filter: &Filter) -> QueryBuilder<Postgres> {
    let mut q = QueryBuilder::<Postgres>::new(
        "select a.id, a.occurred_at, a.actor_username, u.name as union_name, a.action,
                a.entity_type, a.entity_id, a.changes, host(a.ip) as ip
           from audit_log a
           left join unions u on u.id = a.union_id
          where true",
    );
    if let Some(actor) = &filter.actor {
        q.push(" and a.actor_username = ")
            .push_bind(actor.to_lowercase());
    }
    if let Some(action) = &filter.action {
        // `login` matches every `login.*` action; `login.failed` just that one.
        if action.contains('.') {
            q.push(" and a.action = ").push_bind(action.clone());
        } else {
            q.push(" and starts_with(a.action, ")
                .push_bind(format!("{action}."))
                .push(")");
        }
    }
    if let Some(entity_type) = &filter.entity_type {
        q.push(" and a.entity_type = ")
            .push_bind(entity_type.clone());
    }
    if let Some(entity_id) = &filter.entity_id {
        q.push(" and a.entity_id = ").push_bind(entity_id.clone());
    }
    if let Some(from) = filter.from {
        q.push(" and a.occurred_at >= (")
            .push_bind(from)
            .push("::date)::timestamp at time zone 'Asia/Shanghai'");
    }
    if let Some(to) = filter.to {
        q.push(" and a.occurred_at < (")
            .push_bind(to)
            .push("::date + 1)::timestamp at time zone 'Asia/Shanghai'");
    }
    q
}

/// The log's order: the newest first.
const NEWEST_FIRST: [(&str, &str); 2] = [("a.occurred_at", "timestamptz"), ("a.id", "bigint")];

pub async fn list(
    conn: &mut PgConnection,
    filter: &Filter,
    position: &Position,
) -> sqlx::Result<Paged<EntryRow>> {
    let mut q = list_query(filter);
    Order::newest_first(&NEWEST_FIRST).push_page(&mut q, position);
    let rows: Vec<EntryRow> = q.build_query_as().fetch_all(conn).await?;
    Ok(Paged::from_rows(rows, position, |row| {
        vec![row.occurred_at.to_rfc3339(), row.id.to_string()]
    }))
}

/// Every entry the filter finds, the newest first, as the cursor reads them
/// (the export).
pub fn export_rows<'c>(
    conn: &'c mut PgConnection,
    filter: &Filter,
) -> BoxStream<'c, sqlx::Result<EntryRow>> {
    let mut q = list_query(filter);
    Order::newest_first(&NEWEST_FIRST).push_order(&mut q, &Position::Start);
    stream_rows(q, conn)
}

/// The latest entries about one record, for its detail page.
pub async fn for_entity(
    conn: &mut PgConnection,
    entity_type: &str,
    entity_id: &str,
    limit: i64,
) -> sqlx::Result<Vec<EntryRow>> {
    sqlx::query_as!(
        EntryRow,
        r#"select a.id, a.occurred_at, a.actor_username, u.name as "union_name?", a.action,
                  a.entity_type, a.entity_id, a.changes, host(a.ip) as "ip?"
             from audit_log a
             left join unions u on u.id = a.union_id
            where a.entity_type = $1 and a.entity_id = $2
            order by a.occurred_at desc, a.id desc
            limit $3"#,
        entity_type,
        entity_id,
        limit
    )
    .fetch_all(conn)
    .await
}
