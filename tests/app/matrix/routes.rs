//! The routes the router registers, read from the source: every
//! `.route("<path>", get(..).post(..))` under `src/`. The matrix must list
//! each (method, path) exactly; a route added without its rows fails the test.

use std::collections::BTreeSet;
use std::path::Path;

/// (method, path) of every registered route.
pub fn registered() -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    visit(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut routes,
    );
    routes
}

fn visit(dir: &Path, routes: &mut BTreeSet<(String, String)>) {
    let entries = std::fs::read_dir(dir).expect("read src");
    for entry in entries.map(|e| e.expect("entry").path()) {
        if entry.is_dir() {
            visit(&entry, routes);
        } else if entry.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&entry).expect("read source");
            collect(&source, routes);
        }
    }
}

fn collect(source: &str, routes: &mut BTreeSet<(String, String)>) {
    let mut rest = source;
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
        let call = enclosed(rest);
        let path = call
            .trim_start()
            .strip_prefix('"')
            .and_then(|p| p.split('"').next())
            .unwrap_or_else(|| panic!("a route whose path is not a literal: {call}"));
        for method in ["get", "post", "put", "patch", "delete"] {
            if calls(call, method) {
                routes.insert((method.to_uppercase(), path.to_owned()));
            }
        }
    }
}

/// Whether `text` calls `name(` (as a word, not the end of a longer name).
fn calls(text: &str, name: &str) -> bool {
    let needle = format!("{name}(");
    text.match_indices(&needle).any(|(at, _)| {
        !text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// The text up to the parenthesis that closes the call just opened.
fn enclosed(text: &str) -> &str {
    let mut depth = 1;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &text[..i];
                }
            }
            _ => {}
        }
    }
    text
}
