//! What forms share: messages beside fields, kept apart from the user's input
//! so that a refused form comes back with everything the user typed.

use std::collections::BTreeMap;

/// A message from the catalog, with an optional argument for its `{}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub arg: Option<String>,
}

/// Messages by field name; empty when the form is valid.
#[derive(Clone, Debug, Default)]
pub struct FieldErrors(BTreeMap<&'static str, Message>);

impl FieldErrors {
    /// Records the first problem of `field`; later ones wait for the next round.
    pub fn add(&mut self, field: &'static str, key: &'static str) {
        self.0.entry(field).or_insert(Message { key, arg: None });
    }

    pub fn add_with(&mut self, field: &'static str, key: &'static str, arg: impl ToString) {
        self.0.entry(field).or_insert(Message {
            key,
            arg: Some(arg.to_string()),
        });
    }

    pub fn get(&self, field: &str) -> Option<&Message> {
        self.0.get(field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&&'static str, &Message)> {
        self.0.iter()
    }
}

/// A required text field: trimmed, non-empty, at most `max` characters.
pub fn required_text(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.add(field, "form.required");
    } else if value.chars().count() > max {
        errors.add_with(field, "form.too_long", max);
    }
    value.to_owned()
}

/// An optional text field: trimmed; empty becomes `None`.
pub fn optional_text(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
) -> Option<String> {
    let value = value.trim();
    if value.chars().count() > max {
        errors.add_with(field, "form.too_long", max);
    }
    (!value.is_empty()).then(|| value.to_owned())
}

/// Turns a refusal by the database into a message beside a field, using
/// `messages`: (constraint name, field, message key). Other errors give `None`.
pub fn constraint_message(
    error: &sqlx::Error,
    messages: &[(&str, &'static str, &'static str)],
) -> Option<FieldErrors> {
    let sqlx::Error::Database(db) = error else {
        return None;
    };
    let constraint = db.constraint()?;
    let (_, field, key) = messages.iter().find(|(name, _, _)| *name == constraint)?;
    let mut errors = FieldErrors::default();
    errors.add(field, key);
    Some(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_problem_of_a_field_is_kept() {
        let mut errors = FieldErrors::default();
        errors.add("name", "form.required");
        errors.add("name", "form.too_long");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors.get("name").map(|m| m.key), Some("form.required"));
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        let mut errors = FieldErrors::default();
        assert_eq!(required_text(&mut errors, "a", "  广州  ", 10), "广州");
        assert!(errors.is_empty());
        required_text(&mut errors, "b", "   ", 10);
        required_text(&mut errors, "c", "一二三四五六", 5);
        assert_eq!(errors.get("b").map(|m| m.key), Some("form.required"));
        assert_eq!(errors.get("c").map(|m| m.key), Some("form.too_long"));
        assert_eq!(optional_text(&mut errors, "d", "  ", 5), None);
    }
}
