//! A row's expected answers, written as one line per route:
//! `A 200 200 404 404 404 | S … | V … | R 200 404 | E … | O … | - login`, a
//! group label followed by one answer per relation (own, child, parent,
//! sibling, other for cadres; own, other for accounts without a scope; one
//! for a route without an object), and optionally a persona's own line where
//! it differs from its group (`national-admin 200 200 - - -`).
//!
//! An answer is a status (`200`, `303`, `403`, `404`, `409`, `422`, …),
//! `login` (sent to the login page), `ok` (let through: 200, 303 elsewhere
//! than the login page, 409 or 422 — for writes whose outcome depends on the
//! record's state), or `-` (not asked).

use super::personas::{Group, Persona, Relation};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Status(u16),
    Login,
    Ok,
    Skip,
}

impl Answer {
    fn parse(token: &str) -> Self {
        match token {
            "login" => Answer::Login,
            "ok" => Answer::Ok,
            "-" => Answer::Skip,
            number => Answer::Status(
                number
                    .parse()
                    .unwrap_or_else(|_| panic!("not an answer: {number}")),
            ),
        }
    }

    /// Whether a response of `status` redirecting to `location` is this answer.
    pub fn accepts(self, status: u16, location: &str) -> bool {
        let to_login = status == 303 && location.starts_with("/login");
        match self {
            Answer::Status(expected) => status == expected && !(status == 303 && to_login),
            Answer::Login => to_login,
            Answer::Ok => matches!(status, 200 | 409 | 422) || (status == 303 && !to_login),
            Answer::Skip => true,
        }
    }

    /// How a response is written in a row.
    pub fn written(status: u16, location: &str) -> String {
        if status == 303 && location.starts_with("/login") {
            "login".to_owned()
        } else {
            status.to_string()
        }
    }
}

/// The answers of one persona for a row, by relation.
pub fn answers_for(line: &str, persona: &Persona) -> Vec<Answer> {
    let mut group_answers = None;
    for part in line.split('|') {
        let mut tokens = part.split_whitespace();
        let Some(label) = tokens.next() else {
            continue;
        };
        let answers: Vec<Answer> = tokens.map(Answer::parse).collect();
        if label == persona.username {
            return answers;
        }
        if label == persona.group.label() {
            group_answers = Some(answers);
        }
    }
    group_answers
        .unwrap_or_else(|| panic!("no answers for group {} in `{line}`", persona.group.label()))
}

/// The answer for `relation` (the only one when the row has no object).
pub fn answer(answers: &[Answer], group: Group, relation: Relation, has_object: bool) -> Answer {
    if !has_object || group == Group::Anonymous {
        return answers.first().copied().unwrap_or(Answer::Skip);
    }
    let index = group
        .relations()
        .iter()
        .position(|r| *r == relation)
        .expect("a relation of the group");
    answers.get(index).copied().unwrap_or(Answer::Skip)
}
