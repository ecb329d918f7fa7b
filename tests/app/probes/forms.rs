//! Thirty script payloads into every text field of every form the walkers
//! reach, each answer and then every page they read checked for a payload
//! shown unescaped.

use std::collections::BTreeSet;

use uuid::Uuid;

use super::html::{Form, forms};
use super::{WALKERS, pages_of};
use crate::common::{Client, Page};
use crate::matrix::{Finder, arranged_app};

/// Each holds `<`, `>`, `"` or `'`: shown escaped it never appears as written.
pub const PAYLOADS: &[&str] = &[
    "<script>alert('nd01')</script>",
    "\"><script>alert('nd02')</script>",
    "'><img src=x onerror=alert('nd03')>",
    "<svg onload=alert('nd04')>",
    "<img src=\"x\" onerror=\"alert('nd05')\">",
    "javascript:alert('nd06')//<",
    "<iframe src=\"javascript:alert('nd07')\"></iframe>",
    "<body onload=alert('nd08')>",
    "<a href=\"javascript:alert('nd09')\">x</a>",
    "</textarea><script>alert('nd10')</script>",
    "</title><script>alert('nd11')</script>",
    "<scr<script>ipt>alert('nd12')</script>",
    "\" onfocus=\"alert('nd13')\" autofocus=\"",
    "' onmouseover='alert(\"nd14\")'",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('nd15')>",
    "<details open ontoggle=alert('nd16')>",
    "<input autofocus onfocus=alert('nd17')>",
    "<style>@import'//evil.example/nd18';</style>",
    "<meta http-equiv=\"refresh\" content=\"0;url=//evil.example/nd19\">",
    "<object data=\"javascript:alert('nd20')\">",
    "<embed src=\"javascript:alert('nd21')\">",
    "<form action=\"//evil.example/nd22\"><button>x</button></form>",
    "<base href=\"//evil.example/nd23/\">",
    "{{7*7}}<x nd24>",
    "${alert('nd25')}<x nd25>",
    "<!--nd26--><script>alert(1)</script>",
    "<x onclick=alert('nd27')>click",
    "&lt;script&gt;alert('nd28')&lt;/script&gt;<b nd28>",
    "<svg><animate onbegin=alert('nd29') attributeName=x dur=1s>",
    "<video><source onerror=\"alert('nd30')\">",
];

/// A value a structured field accepts, by its name, so that the form's text
/// fields get stored and shown back.
fn plausible(field: &str) -> Option<&'static str> {
    let rules: &[(&str, &str)] = &[
        ("email", "probe@example.cn"),
        ("phone", "13800138000"),
        ("date", "2026-11-20"),
        ("_on", "2026-11-20"),
        ("due", "2026-12-20"),
        ("deadline", "2026-12-20"),
        ("period", "2026-11-01"),
        ("username", "probe-user"),
        ("password", "Probe-Password-2026"),
        ("credit_code", ""),
        ("division_code", ""),
        ("amount", "1000"),
        ("fen", "1000"),
        ("budget", "1000"),
        ("revenue", "1000"),
        ("funds", "0"),
        ("staff", "3"),
        ("volunteers", "3"),
        ("workers", "3"),
        ("people", "3"),
        ("hours", "3"),
        ("count", "3"),
        ("score", "1"),
        ("weight", "1"),
        ("years", "0"),
        ("interval", "90"),
        ("threshold", "500000"),
        ("percent", "100"),
        ("version", ""),
    ];
    rules
        .iter()
        .find(|(part, _)| field.contains(part))
        .map(|(_, value)| *value)
}

/// The form's fields with `payload` in its text fields; with `everywhere`,
/// in the structured ones too (whose refusal re-shows what was typed).
fn filled(form: &Form, payload: &str, everywhere: bool) -> Vec<(String, String)> {
    form.fields
        .iter()
        .map(|(name, value)| {
            let value = if name == "form_key" {
                Uuid::new_v4().to_string()
            } else if !form.typed.contains(name) {
                value.clone()
            } else if everywhere {
                payload.to_owned()
            } else {
                match plausible(name) {
                    Some("") => value.clone(),
                    Some(plausible) => plausible.to_owned(),
                    None => payload.to_owned(),
                }
            };
            (name.clone(), value)
        })
        .collect()
}

/// The payloads `page` shows as written.
pub fn unescaped(page: &Page) -> Vec<&'static str> {
    PAYLOADS
        .iter()
        .copied()
        .filter(|payload| page.body.contains(payload))
        .collect()
}

async fn submit(client: &Client, form: &Form, fields: &[(String, String)]) -> Page {
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    if form.multipart {
        client.post_multipart(&form.action, &borrowed).await
    } else {
        client.post_raw(&form.action, &borrowed, true).await
    }
}

#[derive(Debug, Default)]
struct Tally {
    forms: usize,
    fields: usize,
    sent: usize,
    failures: Vec<String>,
}

#[tokio::test]
async fn script_payloads_in_every_form_are_never_shown_as_written() {
    let app = arranged_app(true).await;
    let mut finder = Finder::new(&app).await;
    let mut tally = Tally::default();
    let mut seen: BTreeSet<(String, Vec<String>)> = BTreeSet::new();
    let mut walked: Vec<(String, Vec<String>)> = Vec::new();
    for username in WALKERS {
        let client = app.signed_in(username).await;
        let pages = pages_of(&app, &mut finder, username).await;
        for path in &pages {
            let page = client.get(path).await;
            let page_forms: Vec<Form> = forms(&page.body, path)
                .into_iter()
                .filter(|f| f.method == "post" && !f.typed.is_empty())
                .filter(|f| f.action != "/logout" && f.action != "/language")
                .collect();
            for form in page_forms {
                let template = (form.action.clone(), form.typed.clone());
                if !seen.insert(template) {
                    continue;
                }
                tally.forms += 1;
                tally.fields += form.typed.len();
                for (i, payload) in PAYLOADS.iter().enumerate() {
                    let answer = submit(&client, &form, &filled(&form, payload, i % 3 == 2)).await;
                    tally.sent += 1;
                    let mut shown = vec![answer];
                    if shown[0].status == 303 && shown[0].location().starts_with('/') {
                        let location = shown[0].location().to_owned();
                        shown.push(client.get(&location).await);
                    }
                    for page in &shown {
                        if page.status >= 500 {
                            tally.failures.push(format!(
                                "{username} POST {} with {payload:?}: {}",
                                form.action, page.status
                            ));
                        }
                        for raw in unescaped(page) {
                            tally.failures.push(format!(
                                "{username} POST {}: {raw:?} shown as written",
                                form.action
                            ));
                        }
                    }
                }
            }
        }
        walked.push((username.to_string(), pages));
    }
    // Whatever got stored is shown on some page: read them all again.
    let mut read = 0;
    for (username, pages) in &walked {
        let client = app.signed_in(username).await;
        for path in pages {
            let page = client.get(path).await;
            read += 1;
            for raw in unescaped(&page) {
                tally
                    .failures
                    .push(format!("{username} GET {path}: {raw:?} shown as written"));
            }
        }
    }
    // The search box finds what was stored by its name and echoes what was
    // typed: both escaped.
    for (username, _) in &walked {
        let client = app.signed_in(username).await;
        for payload in PAYLOADS {
            let query = serde_urlencoded::to_string([("q", payload)]).expect("query");
            let page = client.get(&format!("/search?{query}")).await;
            read += 1;
            if page.status >= 500 {
                tally
                    .failures
                    .push(format!("{username} searched {payload:?}: {}", page.status));
            }
            for raw in unescaped(&page) {
                tally
                    .failures
                    .push(format!("{username} searched: {raw:?} shown as written"));
            }
        }
    }
    println!(
        "xss probes: {} forms, {} text fields, {} submissions of {} payloads, {read} pages read back",
        tally.forms,
        tally.fields,
        tally.sent,
        PAYLOADS.len()
    );
    assert!(tally.forms >= 20, "the walk reached {} forms", tally.forms);
    assert!(tally.failures.is_empty(), "{}", tally.failures.join("\n"));
}
