//! Every page a demo persona reaches, at a phone's width: from the home
//! page, every link of the site on each page, one page per route (the first
//! link to `/orgs/{id}` stands for every organization), links with a query
//! (sorting, filters, pages of a list) and downloads left out. Each page must
//! pass the checks; in particular the page itself must not scroll sideways
//! (a wide table scrolls in its own box). The test lists every page that
//! fails, with its screenshot.

use std::collections::{HashMap, HashSet, VecDeque};

use super::driver::Viewport;
use super::session::Browser;
use crate::common::TestApp;

/// Pages that are no page: downloads, files, the sign-out.
const NOT_PAGES: [&str; 5] = [
    "/logout",
    "/static/",
    "/files/",
    "/calls/public/files/",
    "/healthz",
];
/// Pages of one route visited at most: records in other states link to
/// other pages (a closed project to its dossier).
const INSTANCES: usize = 3;
const DOWNLOADS: [&str; 3] = [".xlsx", ".csv", ".pdf"];

async fn every_page_fits_a_phone(persona: &str) {
    let app = TestApp::spawn().await;
    let mut browser = Browser::open(&app, &format!("phone_pages_{persona}"), Viewport::Phone).await;
    browser.login(persona).await;
    let mut seen = HashSet::from(["/".to_owned()]);
    let mut per_route: HashMap<String, usize> = HashMap::new();
    let mut queue = VecDeque::from(["/".to_owned()]);
    let mut failures = Vec::new();
    let mut visited = 0;
    while let Some(path) = queue.pop_front() {
        browser.step(&route_of(&path));
        browser.load(&path).await;
        visited += 1;
        let problems = browser.problems().await;
        if !problems.is_empty() {
            failures.push(browser.failure(&problems.join("\n  ")).await);
        }
        for link in browser.links().await {
            if !is_page(&link) || seen.contains(&link) {
                continue;
            }
            let instances = per_route.entry(route_of(&link)).or_default();
            if *instances < INSTANCES {
                *instances += 1;
                seen.insert(link.clone());
                queue.push_back(link);
            }
        }
    }
    browser.close().await;
    assert!(
        failures.is_empty(),
        "{} of the {visited} pages {persona} reaches fail on a phone:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn is_page(path: &str) -> bool {
    !path.contains('?')
        && !NOT_PAGES.iter().any(|prefix| path.starts_with(prefix))
        && !DOWNLOADS.iter().any(|suffix| path.ends_with(suffix))
}

/// The route a path takes: ids and numbers replaced by `{id}`.
fn route_of(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let id =
                segment.len() == 36 && segment.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
            let number = !segment.is_empty() && segment.chars().all(|c| c.is_ascii_digit());
            if id || number { "{id}" } else { segment }
        })
        .collect::<Vec<_>>()
        .join("/")
}

macro_rules! every_page_fits_a_phone {
    ($($test:ident: $persona:literal,)*) => {$(
        #[tokio::test]
        async fn $test() {
            every_page_fits_a_phone($persona).await;
        }
    )*};
}

every_page_fits_a_phone! {
    every_page_of_the_national_admin_fits_a_phone: "national-admin",
    every_page_of_a_provincial_admin_fits_a_phone: "gd-admin",
    every_page_of_another_provincial_admin_fits_a_phone: "bj-admin",
    every_page_of_a_municipal_cadre_fits_a_phone: "gz-staff",
    every_page_of_another_municipal_cadre_fits_a_phone: "sz-staff",
    every_page_of_a_leader_fits_a_phone: "gd-viewer",
    every_page_of_a_reviewer_fits_a_phone: "reviewer-1",
    every_page_of_a_reviewer_still_scoring_fits_a_phone: "reviewer-2",
    every_page_of_a_reviewer_yet_to_declare_fits_a_phone: "reviewer-3",
    every_page_of_the_evaluator_fits_a_phone: "evaluator-1",
    every_page_of_an_organization_fits_a_phone: "org-1",
    every_page_of_another_organization_fits_a_phone: "org-2",
}
