//! Printing: each page a cadre prints comes out of Chromium's print to PDF,
//! and under print media its navigation, buttons and action forms are gone
//! while the footer names the union (static/app.css, "Print").

use fantoccini::wd::{PrintConfiguration, PrintSize};
use serde_json::json;

use super::cdp;
use super::driver::Viewport;
use super::session::Browser;
use crate::common::TestApp;

/// The pages a municipal cadre prints, each found by a query on the demo data.
const PRINTED: [(&str, &str); 8] = [
    ("registry", "select '/orgs'"),
    (
        "organization",
        "select '/orgs/' || id from organizations where name = '广州市新市民社会工作服务中心'",
    ),
    (
        "project",
        "select '/projects/' || id from projects where title = '新市民法律服务驿站'",
    ),
    (
        "report",
        "select '/reports/' || r.id from reports r join projects p on p.id = r.project_id
          where p.title = '外卖骑手职业伤害保障宣传服务' and r.status = 'accepted' limit 1",
    ),
    (
        "evaluation-sheet",
        "select '/evaluations/' || e.id from evaluations e join projects p on p.id = e.project_id
          where p.title = '产业工人技能提升培训服务' limit 1",
    ),
    (
        "contract",
        "select '/contracts/' || c.id || '/print' from contracts c join projects p on p.id = c.project_id
          where p.title = '新市民法律服务驿站'",
    ),
    ("finance", "select '/finance'"),
    (
        "site-list",
        "select '/sites/print?union=' || id from unions where division_code = '440100' and level = 'municipal'",
    ),
];

/// What must not show on paper: navigation, buttons, forms that act.
const NOT_PRINTED: &str = ".topbar, .sidenav, .breadcrumbs, .pager, .filter-bar, .page-actions, \
     button, .button, form.inline-form, .actions-row, details.inline-editor";

#[tokio::test]
async fn the_pages_a_cadre_prints_print_on_a4_without_navigation() {
    let app = TestApp::spawn().await;
    let mut conn = app.owner().await;
    let mut browser = Browser::open(&app, "printing", Viewport::Desktop).await;
    browser.login("gz-staff").await;
    for (name, query) in PRINTED {
        let path: String = sqlx::query_scalar(query)
            .fetch_one(&mut conn)
            .await
            .unwrap_or_else(|error| panic!("the demo's {name}: {error}"));
        browser.step(name);
        browser.visit(&path).await;
        let pdf = browser
            .client()
            .print(
                PrintConfiguration::builder()
                    .size(PrintSize::A4)
                    .build()
                    .expect("an A4 print"),
            )
            .await
            .expect("Chromium prints the page");
        if !pdf.starts_with(b"%PDF") {
            panic!("{}", browser.failure("the print is no PDF").await);
        }
        emulate_media(&browser, "print").await;
        let paper = browser
            .client()
            .execute(
                "const [hidden] = arguments;
                 const shown = [...document.querySelectorAll(hidden)]
                   .filter((el) => el.getClientRects().length > 0)
                   .map((el) => el.outerHTML.slice(0, 80));
                 const footer = getComputedStyle(document.documentElement)
                   .getPropertyValue('--print-footer');
                 const main = document.querySelector('main');
                 return { shown, footer, content: main ? main.innerText.trim().length : 0 };",
                vec![json!(NOT_PRINTED)],
            )
            .await
            .expect("the page measures itself in print");
        emulate_media(&browser, "").await;
        let shown = paper["shown"].as_array().cloned().unwrap_or_default();
        if !shown.is_empty() {
            let what = format!("printed, yet not to be: {shown:?}");
            panic!("{}", browser.failure(&what).await);
        }
        let footer = paper["footer"].as_str().unwrap_or_default();
        if !footer.contains("广州市总工会") {
            let what = format!("the printed footer says «{footer}», not the union");
            panic!("{}", browser.failure(&what).await);
        }
        if paper["content"].as_u64().unwrap_or_default() == 0 {
            panic!("{}", browser.failure("nothing left to print").await);
        }
    }
    browser.logout().await;
    browser.close().await;
}

/// Lays the page out for `media` ("print", or "" for the screen again).
async fn emulate_media(browser: &Browser, media: &str) {
    cdp::devtools(
        browser.client(),
        "Emulation.setEmulatedMedia",
        json!({ "media": media }),
    )
    .await;
}
