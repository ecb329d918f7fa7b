//! The experience form: what was typed, kept verbatim to show again, and its
//! parsing. Linked projects are named by their codes, organizations by their
//! credit codes or exact names, separated by commas, 、 or new lines.

use serde::{Deserialize, Serialize};

use super::ExperienceKind;
use super::db::{ExperienceRow, LinkRow};
use crate::web::FieldErrors;
use crate::web::forms::{optional_text, required_text};

/// Links an experience may have of each kind.
pub const MAX_LINKS: usize = 20;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ExperienceForm {
    pub union_id: String,
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    /// Project codes.
    pub projects: String,
    /// Organizations' credit codes or names.
    pub organizations: String,
    pub version: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExperienceInput {
    pub union_id: i64,
    pub kind: &'static str,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub projects: Vec<String>,
    pub organizations: Vec<String>,
}

/// The items of a list typed in one field.
fn items(value: &str) -> Vec<String> {
    let mut items: Vec<String> = value
        .split([',', '，', '、', ';', '；', '\n', '\r'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect();
    items.dedup();
    items
}

impl ExperienceForm {
    pub fn of(experience: &ExperienceRow, links: &[LinkRow]) -> Self {
        let named = |kind: &str| {
            links
                .iter()
                .filter(|l| l.target_kind == kind)
                .map(|l| l.key.clone())
                .collect::<Vec<_>>()
                .join("、")
        };
        Self {
            union_id: experience.union_id.to_string(),
            kind: experience.kind.as_str().to_owned(),
            title: experience.title.clone(),
            summary: experience.summary.clone(),
            body: experience.body.clone(),
            projects: named("project"),
            organizations: named("organization"),
            version: experience.version,
        }
    }

    pub fn parse(&self) -> Result<ExperienceInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let union_id = self.union_id.trim().parse::<i64>().ok();
        if union_id.is_none() {
            errors.add("union_id", "form.choose");
        }
        let kind = ExperienceKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add("kind", "form.choose");
        }
        let title = required_text(&mut errors, "title", &self.title, 200);
        if errors.get("title").is_none() && title.chars().count() < 2 {
            errors.add("title", "experiences.title_short");
        }
        let summary = required_text(&mut errors, "summary", &self.summary, 500);
        let body = optional_text(&mut errors, "body", &self.body, 20_000).unwrap_or_default();
        let projects = items(&self.projects);
        let organizations = items(&self.organizations);
        for (field, list) in [("projects", &projects), ("organizations", &organizations)] {
            if list.len() > MAX_LINKS {
                errors.add_with(field, "experiences.too_many_links", MAX_LINKS);
            }
        }
        match (union_id, kind) {
            (Some(union_id), Some(kind)) if errors.is_empty() => Ok(ExperienceInput {
                union_id,
                kind: kind.as_str(),
                title,
                summary,
                body,
                projects,
                organizations,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_typed_as_lists() {
        assert_eq!(
            items("2026-GD-0001、 2026-GD-0002,\n2026-GD-0002"),
            vec!["2026-GD-0001", "2026-GD-0002"]
        );
    }

    #[test]
    fn an_experience_needs_a_title_summary_and_kind() {
        let errors = ExperienceForm {
            union_id: "20".into(),
            ..ExperienceForm::default()
        }
        .parse()
        .expect_err("empty");
        assert!(errors.get("title").is_some());
        assert!(errors.get("summary").is_some());
        assert!(errors.get("kind").is_some());
    }
}
