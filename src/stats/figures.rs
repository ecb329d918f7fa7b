//! A union's figures: counts and sums by key (`type:foundation`,
//! `budget:total`, …, as migration 0036 names them); a key never counted
//! reads zero.

use std::collections::HashMap;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Figures(HashMap<String, i64>);

impl Figures {
    pub fn get(&self, key: &str) -> i64 {
        self.0.get(key).copied().unwrap_or(0)
    }

    pub fn add(&mut self, key: &str, value: i64) {
        *self.0.entry(key.to_owned()).or_default() += value;
    }

    /// Adds every figure of `other`.
    pub fn add_all(&mut self, other: &Figures) {
        for (key, value) in &other.0 {
            self.add(key, *value);
        }
    }

    /// The sum of several keys.
    pub fn sum(&self, keys: &[&str]) -> i64 {
        keys.iter().map(|key| self.get(key)).sum()
    }

    /// What is left of `self` without `parts`: a union's own figures are its
    /// subtree's less its children's.
    pub fn without<'a>(&self, parts: impl IntoIterator<Item = &'a Figures>) -> Figures {
        let mut rest = self.clone();
        for part in parts {
            for (key, value) in &part.0 {
                rest.add(key, -value);
            }
        }
        rest
    }

    /// Whether there is anything at all.
    pub fn is_empty(&self) -> bool {
        self.0.values().all(|v| *v == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_figures_are_the_subtree_less_the_children() {
        let mut total = Figures::default();
        total.add("orgs", 10);
        total.add("staff", 40);
        total.add("type:foundation", 2);
        let mut child = Figures::default();
        child.add("orgs", 7);
        child.add("type:foundation", 2);
        let own = total.without([&child]);
        assert_eq!((own.get("orgs"), own.get("staff")), (3, 40));
        assert_eq!(own.get("type:foundation"), 0);
        assert_eq!(own.get("never"), 0);
        assert_eq!(total.sum(&["orgs", "staff"]), 50);
    }
}
