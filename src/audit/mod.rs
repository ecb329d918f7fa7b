//! The audit log (操作日志), written: who did what to which record, when,
//! from where, with the fields that changed, in the same transaction as the
//! change; the serving role may add and read entries, never alter them. The
//! pages that read it are the `audit_log` area's.

use serde::Serialize;
use serde_json::{Map, Value};
use sqlx::PgConnection;

use crate::error::AppResult;
use crate::identity::SessionUser;

/// One entry to write.
#[derive(Debug)]
pub struct Entry {
    action: &'static str,
    entity_type: &'static str,
    entity_id: String,
    union_id: Option<i64>,
    union_path: Option<String>,
    changes: Value,
}

impl Entry {
    /// `action` is `<entity>.<verb>`, e.g. `union.created`.
    pub fn new(action: &'static str, entity_type: &'static str, entity_id: impl ToString) -> Self {
        Self {
            action,
            entity_type,
            entity_id: entity_id.to_string(),
            union_id: None,
            union_path: None,
            changes: Value::Object(Map::new()),
        }
    }

    /// The union the record belongs to: whose scope may read the entry.
    pub fn at(mut self, union_id: i64, union_path: &str) -> Self {
        self.union_id = Some(union_id);
        self.union_path = Some(union_path.to_owned());
        self
    }

    /// `at`, for an action users without a scope take too (organizations,
    /// supervisors): they write at their own union, as the log's policy
    /// requires; a cadre writes at the record's union.
    pub fn at_record(self, user: &SessionUser, union_id: i64, union_path: &str) -> Self {
        if user.role.works_in_scope() {
            self.at(union_id, union_path)
        } else {
            self.at(user.union.id, &user.union.path)
        }
    }

    /// The fields that differ between `before` and `after`, as
    /// `{"field": {"before": .., "after": ..}}`.
    pub fn diff(mut self, before: &impl Serialize, after: &impl Serialize) -> Self {
        let before = to_object(before);
        let after = to_object(after);
        let mut changes = Map::new();
        for (field, new) in &after {
            let old = before.get(field).cloned().unwrap_or(Value::Null);
            if &old != new {
                changes.insert(
                    field.clone(),
                    serde_json::json!({ "before": old, "after": new }),
                );
            }
        }
        self.changes = Value::Object(changes);
        self
    }

    /// Every field of a new record, as `{"field": {"after": ..}}`.
    pub fn created(mut self, after: &impl Serialize) -> Self {
        let changes = to_object(after)
            .into_iter()
            .map(|(field, value)| (field, serde_json::json!({ "after": value })))
            .collect();
        self.changes = Value::Object(changes);
        self
    }

    /// Free-form details (a reason, a note).
    pub fn detail(mut self, key: &str, value: impl Serialize) -> Self {
        if let Value::Object(map) = &mut self.changes {
            map.insert(
                key.to_owned(),
                serde_json::to_value(value).unwrap_or(Value::Null),
            );
        }
        self
    }

    /// Whether anything changed (an edit that changed nothing writes no entry).
    pub fn is_empty(&self) -> bool {
        self.changes.as_object().is_none_or(Map::is_empty)
    }
}

fn to_object(value: &impl Serialize) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// Writes `entry` as done by `user`, in the caller's transaction.
pub async fn record(tx: &mut PgConnection, user: &SessionUser, entry: Entry) -> AppResult<()> {
    insert(tx, Some(user), entry).await?;
    Ok(())
}

/// Writes many entries by `user` at once (an import's records), in the caller's
/// transaction.
pub async fn record_many(
    tx: &mut PgConnection,
    user: &SessionUser,
    entries: impl IntoIterator<Item = Entry>,
) -> AppResult<()> {
    let entries: Vec<Entry> = entries.into_iter().collect();
    if entries.is_empty() {
        return Ok(());
    }
    let mut rows = EntryColumns::default();
    for entry in entries {
        rows.union_ids.push(entry.union_id);
        rows.union_paths.push(entry.union_path);
        rows.actions.push(entry.action.to_owned());
        rows.entity_types.push(entry.entity_type.to_owned());
        rows.entity_ids.push(entry.entity_id);
        rows.changes.push(entry.changes);
    }
    // One statement however many entries: the entries' fields go as arrays,
    // unnested side by side into rows.
    sqlx::query!(
        "insert into audit_log (actor_id, actor_username, union_id, union_path, action,
                                entity_type, entity_id, changes, ip)
         select $1, $2, e.union_id, e.union_path::ltree, e.action, e.entity_type, e.entity_id,
                e.changes, $9::text::inet
           from unnest($3::int8[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
                as e (union_id, union_path, action, entity_type, entity_id, changes)",
        user.id,
        user.username,
        // Arrays whose elements may be null: the checker only knows arrays of
        // values, so these two state their element type.
        &rows.union_ids as &[Option<i64>],
        &rows.union_paths as &[Option<String>],
        &rows.actions,
        &rows.entity_types,
        &rows.entity_ids,
        &rows.changes,
        user.ip.to_string()
    )
    .execute(tx)
    .await?;
    Ok(())
}

/// Entries' fields as columns, for [`record_many`]'s arrays.
#[derive(Default)]
struct EntryColumns {
    union_ids: Vec<Option<i64>>,
    union_paths: Vec<Option<String>>,
    actions: Vec<String>,
    entity_types: Vec<String>,
    entity_ids: Vec<String>,
    changes: Vec<Value>,
}

/// Writes `entry` for a change made from the command line (as the owner: there
/// is no logged-in actor), in the caller's transaction.
pub async fn record_from_command_line(tx: &mut PgConnection, entry: Entry) -> sqlx::Result<()> {
    insert(tx, None, entry.detail("via", "command line")).await
}

async fn insert(
    tx: &mut PgConnection,
    actor: Option<&SessionUser>,
    entry: Entry,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into audit_log (actor_id, actor_username, union_id, union_path, action,
                                entity_type, entity_id, changes, ip)
         values ($1, $2, $3, $4::text::ltree, $5, $6, $7, $8, $9::text::inet)",
        actor.map(|user| user.id),
        actor.map(|user| user.username.as_str()),
        entry.union_id,
        entry.union_path,
        entry.action,
        entry.entity_type,
        entry.entity_id,
        entry.changes,
        actor.map(|user| user.ip.to_string())
    )
    .execute(tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Union {
        name: &'static str,
        code: Option<&'static str>,
    }

    #[test]
    fn a_diff_holds_only_changed_fields() {
        let before = Union {
            name: "广州市总工会",
            code: Some("440100"),
        };
        let after = Union {
            name: "广州市总工会",
            code: None,
        };
        let entry = Entry::new("union.updated", "union", 7).diff(&before, &after);
        assert_eq!(
            entry.changes,
            serde_json::json!({ "code": { "before": "440100", "after": null } })
        );
        let same = Entry::new("union.updated", "union", 7).diff(&before, &before);
        assert!(same.is_empty());
    }
}
