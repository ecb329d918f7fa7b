//! The audit log page for admins: filter by actor, action, record and dates.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use axum::{Router, routing::get};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::db::{self, EntryRow, Filter};
use crate::db::Tx;
use crate::db::list::{KeyPart, Paged};
use crate::error::AppResult;
use crate::identity::CurrentUser;
use crate::policy::{self, Action};
use crate::state::AppState;
use crate::web::pagination::{ExportLinks, PageQuery, export_links, page_link};
use crate::web::{Ctx, FieldErrors, format, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/audit", get(list_entries))
        .route("/audit/export.csv", get(super::export::export_entries))
        .route("/audit/export.xlsx", get(super::export::export_entries))
}

/// The filters as typed, echoed back into the form and the page links.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct AuditQuery {
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub entity_type: String,
    #[serde(default)]
    pub entity_id: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(flatten)]
    pub page: PageQuery,
}

/// One entry as shown.
#[derive(Debug)]
pub struct EntryView {
    pub when: String,
    pub actor: String,
    pub union_name: String,
    pub action: String,
    pub action_key: String,
    /// The catalog key of the record's kind, when it is one we name.
    pub entity_key: Option<&'static str>,
    /// The record's id, shortened when it is a UUID.
    pub entity_ref: String,
    pub href: Option<String>,
    pub changes: Vec<(String, String)>,
    pub ip: String,
}

impl AuditQuery {
    /// The filter typed, and the problems of its dates (a filter with a bad
    /// date lists nothing).
    pub fn filter(&self) -> (Filter, FieldErrors) {
        let mut errors = FieldErrors::default();
        let filter = Filter {
            actor: non_empty(&self.actor),
            action: non_empty(&self.action),
            entity_type: non_empty(&self.entity_type),
            entity_id: non_empty(&self.entity_id),
            from: parse_date(&mut errors, "from", &self.from),
            to: parse_date(&mut errors, "to", &self.to),
        };
        (filter, errors)
    }
}

#[derive(Template)]
#[template(path = "audit/list.html")]
struct AuditPage {
    ctx: Ctx,
    query: AuditQuery,
    errors: FieldErrors,
    entries: Vec<EntryView>,
    next: Option<String>,
    prev: Option<String>,
}

impl AuditPage {
    fn export_links(&self) -> ExportLinks {
        export_links("/audit", &self.query)
    }
}

async fn list_entries(
    ctx: Ctx,
    user: CurrentUser,
    mut tx: Tx,
    Query(query): Query<AuditQuery>,
) -> AppResult<Response> {
    policy::require(&user, &Action::ViewAudit)?;
    let (filter, errors) = query.filter();
    let page = if errors.is_empty() {
        db::list(
            &mut tx,
            &filter,
            &query.page.position(&[KeyPart::Time, KeyPart::Int])?,
        )
        .await?
    } else {
        Paged {
            rows: Vec::new(),
            next: None,
            prev: None,
        }
    };
    let link = |param: &str, cursor: String| page_link("/audit", &query, param, &cursor);
    render(&AuditPage {
        entries: page.rows.into_iter().map(EntryView::from).collect(),
        next: page.next.map(|c| link("after", c)),
        prev: page.prev.map(|c| link("before", c)),
        ctx,
        query,
        errors,
    })
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

fn parse_date(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(date) => Some(date),
        Err(_) => {
            errors.add(field, "form.invalid_date");
            None
        }
    }
}

impl From<EntryRow> for EntryView {
    fn from(row: EntryRow) -> Self {
        let entity_id = row.entity_id.unwrap_or_default();
        let href = match row.entity_type.as_str() {
            "union" => Some(format!("/unions/{entity_id}")),
            "user" if !entity_id.is_empty() => Some(format!("/users/{entity_id}")),
            "organization" => Some(format!("/orgs/{entity_id}")),
            "need" => Some(format!("/needs/{entity_id}")),
            "project" => Some(format!("/projects/{entity_id}")),
            "indicator_system" => Some(format!("/indicators/{entity_id}")),
            "application" => Some(format!("/applications/{entity_id}")),
            "service_site" => Some(format!("/sites/{entity_id}")),
            _ => None,
        };
        Self {
            when: format::datetime(&row.occurred_at),
            actor: row.actor_username.unwrap_or_default(),
            union_name: row.union_name.unwrap_or_default(),
            action_key: format!("audit_action.{}", row.action),
            action: row.action,
            entity_key: entity_key(&row.entity_type),
            entity_ref: if entity_id.len() == 36 {
                entity_id[..8].to_owned()
            } else {
                entity_id.clone()
            },
            href,
            changes: describe_changes(&row.changes),
            ip: row.ip.unwrap_or_default(),
        }
    }
}

/// The catalog key of a record's kind, when it is one we name.
pub fn entity_key(entity_type: &str) -> Option<&'static str> {
    match entity_type {
        "union" => Some("audit.entity.union"),
        "user" => Some("audit.entity.user"),
        "organization" => Some("audit.entity.organization"),
        "need" => Some("audit.entity.need"),
        "project" => Some("audit.entity.project"),
        "indicator_system" => Some("audit.entity.indicator_system"),
        "application" => Some("audit.entity.application"),
        "service_site" => Some("audit.entity.service_site"),
        _ => None,
    }
}

/// `{"name": {"before": "a", "after": "b"}}` → `("name", "a → b")`.
pub fn describe_changes(changes: &Value) -> Vec<(String, String)> {
    let Some(map) = changes.as_object() else {
        return Vec::new();
    };
    map.iter()
        .map(|(field, change)| {
            let show = |v: Option<&Value>| match v {
                None | Some(Value::Null) => "∅".to_owned(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            };
            let text = match change.as_object() {
                Some(c) if c.contains_key("before") => {
                    format!("{} → {}", show(c.get("before")), show(c.get("after")))
                }
                Some(c) if c.contains_key("after") => show(c.get("after")),
                _ => show(Some(change)),
            };
            (field.clone(), text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_read_as_before_and_after() {
        let changes = serde_json::json!({
            "name": { "before": "旧名", "after": "新名" },
            "code": { "after": null },
            "reason": "合并",
        });
        assert_eq!(
            describe_changes(&changes),
            vec![
                ("code".to_owned(), "∅".to_owned()),
                ("name".to_owned(), "旧名 → 新名".to_owned()),
                ("reason".to_owned(), "合并".to_owned()),
            ]
        );
    }
}
