//! Chinese first, English second; every message from the catalogs.

use std::collections::BTreeSet;
use std::path::Path;

use niudai::i18n::Lang;
use niudai::i18n::catalog_keys;

use crate::common::TestApp;

/// The catalogs' top-level sections: a string literal that starts with one of
/// these and looks like `a.b` is a message key.
const SECTIONS: &[&str] = &[
    "app",
    "nav",
    "role",
    "level",
    "auth",
    "account",
    "home",
    "unions",
    "users",
    "audit",
    "audit_action",
    "form",
    "error",
];

fn literals_in(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            literals_in(&path, out);
            continue;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if ext != "rs" && ext != "html" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read source");
        for (i, part) in text.split('"').enumerate() {
            let looks_like_key = i % 2 == 1
                && part.contains('.')
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_')
                && SECTIONS.contains(&part.split('.').next().unwrap_or_default())
                && !["css", "js", "svg", "html"]
                    .contains(&part.rsplit('.').next().unwrap_or_default());
            if looks_like_key {
                out.insert(part.to_owned());
            }
        }
    }
}

#[test]
fn every_message_key_in_code_and_templates_exists_in_both_catalogs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = BTreeSet::new();
    literals_in(&root.join("src"), &mut used);
    literals_in(&root.join("templates"), &mut used);
    // Audit actions are looked up as `audit_action.<action>`.
    let actions: Vec<String> = used
        .iter()
        .filter(|k| ["union.", "user.", "org."].iter().any(|p| k.starts_with(p)))
        .map(|k| format!("audit_action.{k}"))
        .collect();
    used.extend(actions);
    for outcome in ["succeeded", "failed", "locked", "locked_out"] {
        used.insert(format!("audit_action.login.{outcome}"));
    }
    assert!(used.len() > 100, "the scan found the keys ({})", used.len());
    for lang in Lang::ALL {
        let known: BTreeSet<&str> = catalog_keys(lang).into_iter().collect();
        let missing: Vec<_> = used
            .iter()
            .filter(|k| !known.contains(k.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "missing in {}: {missing:?}",
            lang.code()
        );
    }
}

#[tokio::test]
async fn visitors_get_chinese_unless_their_browser_or_choice_says_otherwise() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let page = client.get("/login").await;
    assert!(page.contains("<html lang=\"zh-CN\""));
    assert!(page.contains("登录"));
    client
        .post("/language", &[("lang", "en"), ("back", "/login")])
        .await;
    let page = client.get("/login").await;
    assert!(page.contains("<html lang=\"en\""));
    assert!(page.contains("Log in"));
}

#[tokio::test]
async fn a_users_language_is_remembered_on_the_account() {
    let app = TestApp::spawn().await;
    let client = app.login("gz-staff").await;
    client.get("/").await;
    let page = client
        .post("/language", &[("lang", "en"), ("back", "/unions")])
        .await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), "/unions");
    assert!(client.get("/").await.contains("My tasks"));
    // Another browser, another day: the account still speaks English.
    let elsewhere = app.login("gz-staff").await;
    let home = elsewhere.get("/").await;
    assert!(home.contains("My tasks"), "{}", home.body);
    assert!(
        elsewhere
            .cookie("niudai_lang")
            .is_some_and(|lang| lang == "en")
    );
}
