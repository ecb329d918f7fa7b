//! Every table the serving role may read, with its rule. The facets name
//! what each rule reads: (union path, organization, person, status, link).

use super::rules::{
    applications, audit_log, closings, delivered, evaluation_results, evaluations,
    experience_links, experiences, files, indicators, installments, mine, mine_in_scope,
    mine_or_scoped, projects, scoped, standards, the_orgs, unions,
};
use super::{Reader, Row, Snapshot, Table};

const fn table(
    name: &'static str,
    key: &'static str,
    facets: [&'static str; 5],
    rule: fn(&Snapshot, &Reader, &Row) -> bool,
) -> Table {
    Table {
        name,
        key,
        facets,
        rule,
    }
}

const ID: &str = "id::text";

pub const TABLES: &[Table] = &[
    table(
        "unions",
        ID,
        ["path", "null", "null", "level", "null"],
        unions,
    ),
    table(
        "users",
        ID,
        ["union_path", "null", "id", "null", "null"],
        mine_or_scoped,
    ),
    table(
        "audit_log",
        ID,
        ["union_path", "null", "actor_id", "null", "union_id"],
        audit_log,
    ),
    table(
        "form_submissions",
        "user_id::text || '/' || form_key::text",
        ["null", "null", "user_id", "null", "null"],
        mine,
    ),
    table(
        "calendar_feeds",
        "user_id::text",
        ["null", "null", "user_id", "null", "null"],
        mine,
    ),
    table(
        "organizations",
        ID,
        ["union_path", "id", "null", "null", "union_id"],
        the_orgs,
    ),
    table(
        "organization_ratings",
        ID,
        ["union_path", "org_id", "null", "null", "null"],
        the_orgs,
    ),
    table(
        "organization_union_building",
        ID,
        ["union_path", "org_id", "null", "null", "null"],
        the_orgs,
    ),
    table(
        "organization_contacts",
        ID,
        ["union_path", "null", "null", "null", "null"],
        scoped,
    ),
    table(
        "org_imports",
        ID,
        ["union_path", "null", "user_id", "null", "null"],
        mine_in_scope,
    ),
    table(
        "needs",
        ID,
        ["union_path", "null", "null", "null", "null"],
        scoped,
    ),
    table(
        "indicator_systems",
        ID,
        ["union_path", "null", "null", "status", "null"],
        standards,
    ),
    table(
        "indicators",
        ID,
        ["null", "null", "null", "null", "system_id"],
        indicators,
    ),
    table(
        "projects",
        ID,
        ["union_path", "null", "null", "status", "null"],
        projects,
    ),
    table(
        "project_events",
        ID,
        ["union_path", "null", "null", "null", "project_id"],
        scoped,
    ),
    table(
        "applications",
        ID,
        ["union_path", "org_id", "null", "status", "project_id"],
        applications,
    ),
    table(
        "files",
        ID,
        ["union_path", "org_id", "null", "owner_kind", "owner_id"],
        files,
    ),
    table(
        "reviewer_links",
        "reviewer_id::text || '/' || org_id::text",
        ["union_path", "null", "reviewer_id", "null", "null"],
        mine_or_scoped,
    ),
    table(
        "review_assignments",
        ID,
        [
            "union_path",
            "org_id",
            "reviewer_id",
            "status",
            "application_id",
        ],
        mine_or_scoped,
    ),
    table(
        "review_scores",
        "assignment_id::text || '/' || indicator_id::text",
        ["union_path", "null", "reviewer_id", "null", "null"],
        mine_or_scoped,
    ),
    table(
        "contracts",
        ID,
        [
            "union_path",
            "org_id",
            "supervisor_id",
            "null",
            "application_id",
        ],
        delivered,
    ),
    table(
        "contract_installments",
        "contract_id::text || '/' || position::text",
        ["union_path", "null", "null", "null", "contract_id"],
        installments,
    ),
    table(
        "notifications",
        ID,
        ["union_path", "org_id", "null", "null", "null"],
        the_orgs,
    ),
    table(
        "reports",
        ID,
        [
            "union_path",
            "org_id",
            "supervisor_id",
            "status",
            "contract_id",
        ],
        delivered,
    ),
    table(
        "report_versions",
        "report_id::text || '/' || version::text",
        ["union_path", "org_id", "supervisor_id", "null", "report_id"],
        delivered,
    ),
    table(
        "site_visits",
        ID,
        ["union_path", "null", "supervisor_id", "null", "contract_id"],
        mine_or_scoped,
    ),
    table(
        "rectifications",
        ID,
        [
            "union_path",
            "org_id",
            "supervisor_id",
            "status",
            "contract_id",
        ],
        delivered,
    ),
    table(
        "rectification_events",
        ID,
        [
            "union_path",
            "org_id",
            "supervisor_id",
            "null",
            "rectification_id",
        ],
        delivered,
    ),
    table(
        "evaluations",
        ID,
        [
            "union_path",
            "org_id",
            "supervisor_id",
            "status",
            "contract_id",
        ],
        evaluations,
    ),
    table(
        "evaluation_sheets",
        ID,
        [
            "union_path",
            "null",
            "supervisor_id",
            "status",
            "evaluation_id",
        ],
        mine_or_scoped,
    ),
    table(
        "evaluation_scores",
        "sheet_id::text || '/' || indicator_id::text",
        ["union_path", "null", "supervisor_id", "null", "sheet_id"],
        mine_or_scoped,
    ),
    table(
        "evaluation_results",
        "evaluation_id::text || '/' || indicator_id::text",
        [
            "union_path",
            "org_id",
            "supervisor_id",
            "null",
            "evaluation_id",
        ],
        evaluation_results,
    ),
    table(
        "payments",
        ID,
        [
            "union_path",
            "org_id",
            "supervisor_id",
            "null",
            "contract_id",
        ],
        delivered,
    ),
    table(
        "stats_snapshots",
        "union_id::text",
        ["union_path", "null", "null", "null", "null"],
        scoped,
    ),
    table(
        "stats_months",
        "union_id::text || '/' || month::text",
        ["union_path", "null", "null", "null", "null"],
        scoped,
    ),
    table(
        "work_systems",
        "union_id::text",
        ["union_path", "null", "null", "null", "null"],
        scoped,
    ),
    table(
        "work_system_staff",
        ID,
        ["union_path", "null", "null", "null", "null"],
        scoped,
    ),
    table(
        "work_years",
        ID,
        ["union_path", "null", "null", "null", "null"],
        scoped,
    ),
    table(
        "trainings",
        ID,
        ["union_path", "null", "null", "null", "null"],
        scoped,
    ),
    table(
        "training_attendees",
        "training_id::text || '/' || user_id::text",
        ["union_path", "null", "null", "null", "null"],
        scoped,
    ),
    table(
        "project_closings",
        "project_id::text",
        ["union_path", "null", "null", "null", "project_id"],
        closings,
    ),
    table(
        "pilots",
        ID,
        ["union_path", "null", "null", "status", "null"],
        scoped,
    ),
    table(
        "pilot_milestones",
        ID,
        ["union_path", "null", "null", "status", "pilot_id"],
        scoped,
    ),
    table(
        "pilot_notes",
        ID,
        ["union_path", "null", "null", "null", "pilot_id"],
        scoped,
    ),
    table(
        "experiences",
        ID,
        [
            "union_path",
            "null",
            "null",
            "status || case when featured then '+featured' else '' end",
            "null",
        ],
        experiences,
    ),
    table(
        "experience_links",
        ID,
        ["union_path", "null", "null", "null", "experience_id"],
        experience_links,
    ),
];
