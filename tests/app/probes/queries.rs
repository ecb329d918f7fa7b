//! Twenty-five hostile values into every query parameter and sort key of
//! every page the walkers read: each answer is a page or a refusal, never a
//! failure, never slow, and never shows the value as written.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use super::html::{forms, query_links};
use super::{WALKERS, pages_of};
use crate::matrix::{Finder, arranged_app};

/// Values for a query parameter, already percent-encoded where they must be.
pub const JUNK: &[&str] = &[
    "%27",
    "%22",
    "%27%20OR%20%271%27%3D%271",
    "1%3B%20drop%20table%20users%3B%20--",
    "%27%3B%20select%20pg_sleep(5)%3B%20--",
    "1%20union%20select%20password_hash%20from%20users",
    "%25",
    "_",
    "%5C",
    "%00",
    "%FF%FE",
    "%C0%AF",
    "%E2%80%AE%E5%B9%BF%E5%B7%9E",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "..%2F..%2Fetc%2Fpasswd",
    "-1",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "%7B%7D",
    "%5B%5D",
    "%F0%A0%80%80%F0%9F%99%82",
    "%20%20%20",
    "a%0D%0ASet-Cookie%3A%20x%3D1",
    "x",
];

/// A value of four thousand characters, the twenty-sixth.
fn very_long() -> String {
    "%E5%B9%BF".repeat(4_000)
}

#[tokio::test]
async fn hostile_values_in_every_query_parameter_are_answered_calmly() {
    let app = arranged_app(false).await;
    let mut finder = Finder::new(&app).await;
    let mut probed: BTreeSet<(String, String)> = BTreeSet::new();
    let mut failures = Vec::new();
    let mut sent = 0;
    for username in WALKERS {
        let client = app.signed_in(username).await;
        for path in pages_of(&app, &mut finder, username).await {
            let page = client.get(&path).await;
            let mut params: BTreeSet<String> = ["q", "sort", "dir", "after", "before", "page"]
                .into_iter()
                .map(str::to_owned)
                .collect();
            for form in forms(&page.body, &path)
                .into_iter()
                .filter(|f| f.method == "get")
            {
                params.extend(form.fields.into_iter().map(|(name, _)| name));
            }
            for link in query_links(&page.body) {
                let query = link.split_once('?').map_or("", |(_, q)| q);
                let pairs: Vec<(String, String)> =
                    serde_urlencoded::from_str(query).unwrap_or_default();
                params.extend(pairs.into_iter().map(|(name, _)| name));
            }
            let route = path.split('?').next().unwrap_or(&path).to_owned();
            for param in params {
                if !probed.insert((route.clone(), param.clone())) {
                    continue;
                }
                let long = very_long();
                for value in JUNK.iter().copied().chain([long.as_str()]) {
                    let started = Instant::now();
                    let answer = client.get(&format!("{route}?{param}={value}")).await;
                    sent += 1;
                    let took = started.elapsed();
                    if answer.status >= 500
                        || took > Duration::from_secs(4)
                        || answer.body.contains("<script>alert(1)</script>")
                        || answer
                            .headers
                            .get("set-cookie")
                            .is_some_and(|c| c.to_str().is_ok_and(|c| c.starts_with("x=")))
                    {
                        failures.push(format!(
                            "{username} GET {route}?{param}={}: {} in {took:?}",
                            value.chars().take(60).collect::<String>(),
                            answer.status
                        ));
                    }
                }
            }
        }
    }
    println!(
        "query probes: {} parameters of {} pages, {sent} requests with {} values",
        probed.len(),
        probed
            .iter()
            .map(|(route, _)| route)
            .collect::<BTreeSet<_>>()
            .len(),
        JUNK.len() + 1
    );
    assert!(
        probed.len() >= 100,
        "only {} parameters probed",
        probed.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
