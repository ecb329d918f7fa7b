//! Journeys in a real browser: Debian's Chromium, headless, driven through
//! chromedriver (WebDriver), against a test server over the demo data. Each
//! page a journey reaches must pass `checks`; a failure leaves a screenshot
//! and the page's HTML in `target/browser-failures/`.

mod cdp;
mod checks;
mod driver;
mod journeys;
mod phones;
mod print;
mod session;
