//! An indicator tree as typed: rows of (code, name, weight, guidance), where
//! the code gives the place in the tree ("2" and its children "2.1", "2.2").
//! Valid when every code is well formed and unique, every child's parent is
//! there, every top-level indicator has children, each level's weights sum to
//! their parent's and the top level's to 100.

use serde::{Deserialize, Serialize};

use crate::web::FieldErrors;

/// One indicator of a valid tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    pub code: String,
    pub name: String,
    pub weight: i16,
    pub guidance: Option<String>,
}

impl Node {
    pub fn parent_code(&self) -> Option<&str> {
        self.code.rsplit_once('.').map(|(parent, _)| parent)
    }

    pub fn depth(&self) -> usize {
        self.code.split('.').count()
    }
}

/// The rows as the form posts them (parallel lists), kept verbatim.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct TreeForm {
    pub name: String,
    pub excellent_min: String,
    pub good_min: String,
    pub pass_min: String,
    pub code: Vec<String>,
    pub label: Vec<String>,
    pub weight: Vec<String>,
    pub guidance: Vec<String>,
}

/// A valid system: its name, grade thresholds and indicators in code order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tree {
    pub name: String,
    pub excellent_min: i16,
    pub good_min: i16,
    pub pass_min: i16,
    pub nodes: Vec<Node>,
}

fn well_formed(code: &str) -> bool {
    !code.is_empty()
        && code.split('.').all(|part| {
            !part.is_empty()
                && part.len() <= 2
                && part.bytes().all(|b| b.is_ascii_digit())
                && !part.starts_with('0')
        })
}

/// Orders codes as people read them: 1, 1.1, 1.2, 2, 10.
fn sort_key(code: &str) -> Vec<u32> {
    code.split('.').filter_map(|p| p.parse().ok()).collect()
}

impl TreeForm {
    /// The system as typed, valid; every problem at once otherwise.
    pub fn parse(&self) -> Result<Tree, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = crate::web::forms::required_text(&mut errors, "name", &self.name, 100);
        let thresholds = self.thresholds(&mut errors);
        let mut nodes = self.rows(&mut errors);
        nodes.sort_by_key(|n| sort_key(&n.code));
        if errors.get("rows").is_none() {
            check_weights(&nodes, &mut errors);
        }
        match thresholds {
            Some((excellent_min, good_min, pass_min)) if errors.is_empty() => Ok(Tree {
                name,
                excellent_min,
                good_min,
                pass_min,
                nodes,
            }),
            _ => Err(errors),
        }
    }

    /// The grade thresholds (excellent, good, pass), each 1 to 100 and in
    /// that order.
    fn thresholds(&self, errors: &mut FieldErrors) -> Option<(i16, i16, i16)> {
        let threshold = |errors: &mut FieldErrors, field: &'static str, value: &str| {
            let parsed = value
                .trim()
                .parse::<i16>()
                .ok()
                .filter(|n| (1..=100).contains(n));
            if parsed.is_none() {
                errors.add_with(field, "indicators.threshold_range", 100);
            }
            parsed
        };
        let excellent = threshold(errors, "excellent_min", &self.excellent_min);
        let good = threshold(errors, "good_min", &self.good_min);
        let pass = threshold(errors, "pass_min", &self.pass_min);
        if let (Some(e), Some(g), Some(p)) = (excellent, good, pass)
            && !(p < g && g < e)
        {
            errors.add("pass_min", "indicators.thresholds_order");
        }
        Some((excellent?, good?, pass?))
    }

    /// The rows that are filled in, as nodes; a row with a problem is left
    /// out and named in `errors`.
    fn rows(&self, errors: &mut FieldErrors) -> Vec<Node> {
        let mut nodes: Vec<Node> = Vec::new();
        for (i, code) in self.code.iter().enumerate() {
            let code = code.trim();
            let label = self.label.get(i).map_or("", |s| s.trim());
            let weight = self.weight.get(i).map_or("", |s| s.trim());
            let guidance = self.guidance.get(i).map_or("", |s| s.trim());
            if code.is_empty() && label.is_empty() && weight.is_empty() && guidance.is_empty() {
                continue;
            }
            if !well_formed(code) {
                errors.add_with("rows", "indicators.bad_code", code);
                continue;
            }
            if nodes.iter().any(|n| n.code == code) {
                errors.add_with("rows", "indicators.duplicate_code", code);
                continue;
            }
            if label.is_empty() || label.chars().count() > 100 {
                errors.add_with("rows", "indicators.name_required", code);
                continue;
            }
            let Some(weight) = weight.parse::<i16>().ok().filter(|w| (1..=100).contains(w)) else {
                errors.add_with("rows", "indicators.bad_weight", code);
                continue;
            };
            nodes.push(Node {
                code: code.to_owned(),
                name: label.to_owned(),
                weight,
                guidance: (!guidance.is_empty()).then(|| guidance.chars().take(1000).collect()),
            });
        }
        nodes
    }
}

fn children<'a>(nodes: &'a [Node], parent: Option<&str>) -> Vec<&'a Node> {
    nodes.iter().filter(|n| n.parent_code() == parent).collect()
}

fn check_weights(nodes: &[Node], errors: &mut FieldErrors) {
    for node in nodes {
        if let Some(parent) = node.parent_code()
            && !nodes.iter().any(|n| n.code == parent)
        {
            errors.add_with("rows", "indicators.missing_parent", &node.code);
            return;
        }
    }
    let top: i32 = children(nodes, None)
        .iter()
        .map(|n| i32::from(n.weight))
        .sum();
    if top != 100 {
        errors.add_with("rows", "indicators.top_sum", top);
        return;
    }
    for node in nodes {
        let kids = children(nodes, Some(&node.code));
        if kids.is_empty() {
            if node.depth() == 1 {
                errors.add_with("rows", "indicators.needs_children", &node.code);
                return;
            }
            continue;
        }
        let sum: i32 = kids.iter().map(|n| i32::from(n.weight)).sum();
        if sum != i32::from(node.weight) {
            errors.add_with(
                "rows",
                "indicators.children_sum",
                format!("{} {}≠{}", node.code, sum, node.weight),
            );
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(rows: &[(&str, &str, &str)]) -> TreeForm {
        TreeForm {
            name: "立项评审".into(),
            excellent_min: "90".into(),
            good_min: "80".into(),
            pass_min: "60".into(),
            code: rows.iter().map(|r| r.0.to_owned()).collect(),
            label: rows.iter().map(|r| r.1.to_owned()).collect(),
            weight: rows.iter().map(|r| r.2.to_owned()).collect(),
            guidance: rows.iter().map(|_| String::new()).collect(),
        }
    }

    #[test]
    fn a_balanced_tree_parses_in_reading_order() {
        let tree = form(&[
            ("2", "项目设计", "40"),
            ("1", "需求", "60"),
            ("1.2", "契合度", "20"),
            ("1.1", "调研", "40"),
            ("2.1", "目标", "40"),
            ("", "", ""),
        ])
        .parse()
        .expect("valid");
        let codes: Vec<&str> = tree.nodes.iter().map(|n| n.code.as_str()).collect();
        assert_eq!(codes, ["1", "1.1", "1.2", "2", "2.1"]);
    }

    #[test]
    fn weights_that_do_not_sum_are_refused() {
        let errors = form(&[
            ("1", "需求", "60"),
            ("1.1", "调研", "60"),
            ("2", "设计", "30"),
            ("2.1", "目标", "30"),
        ])
        .parse()
        .expect_err("top sums to 90");
        assert_eq!(
            errors.get("rows").map(|m| m.key),
            Some("indicators.top_sum")
        );
        let errors = form(&[
            ("1", "需求", "100"),
            ("1.1", "调研", "60"),
            ("1.2", "契合", "30"),
        ])
        .parse()
        .expect_err("children sum to 90");
        assert_eq!(
            errors.get("rows").map(|m| m.key),
            Some("indicators.children_sum")
        );
    }

    #[test]
    fn one_level_orphans_and_bad_codes_are_refused() {
        let one_level = form(&[("1", "需求", "100")])
            .parse()
            .expect_err("one level");
        assert_eq!(
            one_level.get("rows").map(|m| m.key),
            Some("indicators.needs_children")
        );
        let orphan = form(&[
            ("1", "需求", "100"),
            ("1.1", "调研", "100"),
            ("3.1", "孤儿", "5"),
        ])
        .parse()
        .expect_err("orphan");
        assert_eq!(
            orphan.get("rows").map(|m| m.key),
            Some("indicators.missing_parent")
        );
        let bad = form(&[("1.", "需求", "100")])
            .parse()
            .expect_err("bad code");
        assert_eq!(bad.get("rows").map(|m| m.key), Some("indicators.bad_code"));
    }

    #[test]
    fn grade_thresholds_must_rise() {
        let mut f = form(&[("1", "需求", "100"), ("1.1", "调研", "100")]);
        f.good_min = "95".into();
        let errors = f.parse().expect_err("good above excellent");
        assert_eq!(
            errors.get("pass_min").map(|m| m.key),
            Some("indicators.thresholds_order")
        );
    }
}
