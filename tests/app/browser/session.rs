//! A browser session driven like a person would: visit, follow a link by its
//! text, fill a field by its name or label, press a button by its text. After
//! every page load the page is checked (`checks`); anything that fails saves
//! a screenshot and the page's HTML under `target/browser-failures/`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use fantoccini::elements::Element;
use serde_json::json;

use super::checks;
use super::driver::{Chromedriver, Viewport};
use crate::common::{PASSWORD, TestApp};

pub struct Browser {
    client: fantoccini::Client,
    base: String,
    /// The test's name, the first part of a failure's file names.
    test: String,
    /// What the journey is doing, the second part.
    step: String,
    // Dropped last: it quits the browser.
    _driver: Chromedriver,
}

impl Browser {
    /// A fresh headless Chromium at `viewport` on `app`; `test` names the
    /// failure files.
    pub async fn open(app: &TestApp, test: &str, viewport: Viewport) -> Self {
        let driver = Chromedriver::start().await;
        let client = driver.session(viewport).await;
        Self {
            client,
            base: format!("http://{}", app.addr),
            test: format!("{test}-{}", viewport.name()),
            step: "start".to_owned(),
            _driver: driver,
        }
    }

    /// Names what follows, for the failure files.
    pub fn step(&mut self, step: &str) {
        step.clone_into(&mut self.step);
    }

    /// Loads `path` and checks the page.
    pub async fn visit(&self, path: &str) {
        self.load(path).await;
        self.check().await;
    }

    /// Loads `path` without checking it.
    pub async fn load(&self, path: &str) {
        if let Err(error) = self.client.goto(&format!("{}{path}", self.base)).await {
            let what = format!("{path} did not load: {error}");
            panic!("{}", self.failure(&what).await);
        }
    }

    /// The paths (with their queries) of this site that the page links to.
    pub async fn links(&self) -> Vec<String> {
        let script = "return [...document.querySelectorAll('a[href]')].map((a) => a.href);";
        let hrefs = self
            .client
            .execute(script, vec![])
            .await
            .expect("the page's links");
        hrefs
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|href| href.as_str())
            .filter_map(|href| href.strip_prefix(&self.base))
            .map(|path| path.split('#').next().unwrap_or_default().to_owned())
            .filter(|path| path.starts_with('/'))
            .collect()
    }

    /// The path (and query) of the page on screen.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("the current URL");
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Signs in through the login form, as `username` with the demo password.
    pub async fn login(&mut self, username: &str) {
        self.step(&format!("login-{username}"));
        self.visit("/login").await;
        self.fill("username", username).await;
        self.fill("password", PASSWORD).await;
        self.press("登录").await;
        if self.path().await.starts_with("/login") {
            panic!(
                "{}",
                self.failure(&format!("{username} was not signed in")).await
            );
        }
    }

    /// Signs out through the account menu.
    pub async fn logout(&mut self) {
        self.step("logout");
        let menu = self
            .displayed(Locator::Css(".account-menu summary"), "the account menu")
            .await;
        self.click(&menu, "the account menu").await;
        self.press("退出登录").await;
        if !self.text().await.contains("您已安全退出") {
            panic!("{}", self.failure("signing out did not say so").await);
        }
    }

    /// Follows the first link on screen whose text holds `text`, opening the
    /// folded navigation first on a phone when the link is in it.
    pub async fn follow(&self, text: &str) {
        let xpath = format!("//a[contains(normalize-space(.), {})]", literal(text));
        if self.first_displayed(Locator::XPath(&xpath)).await.is_none() {
            self.open_menu().await;
        }
        let link = self
            .displayed(Locator::XPath(&xpath), &format!("a link «{text}»"))
            .await;
        self.navigate_by(&link, &format!("the link «{text}»")).await;
    }

    /// Follows the first link holding `text` after the heading holding
    /// `heading` (a task list of the home page).
    pub async fn follow_under(&self, heading: &str, text: &str) {
        let xpath = format!(
            "//*[self::h2 or self::h3][contains(normalize-space(.), {})]/following::a[contains(normalize-space(.), {})]",
            literal(heading),
            literal(text)
        );
        let link = self
            .displayed(
                Locator::XPath(&xpath),
                &format!("a link «{text}» under «{heading}»"),
            )
            .await;
        self.navigate_by(&link, &format!("the link «{text}»")).await;
    }

    /// Unfolds the section whose summary holds `text` (a form folded on its
    /// page).
    pub async fn open_details(&self, text: &str) {
        let xpath = format!(
            "//details[not(@open)]/summary[contains(normalize-space(.), {})]",
            literal(text)
        );
        let summary = self
            .displayed(Locator::XPath(&xpath), &format!("a folded «{text}»"))
            .await;
        self.click(&summary, &format!("«{text}»")).await;
    }

    /// Opens the navigation folded behind the menu button, if it is.
    async fn open_menu(&self) {
        let folded = Locator::Css(".nav-toggle[aria-expanded='false']");
        if let Some(toggle) = self.first_displayed(folded).await {
            self.click(&toggle, "the menu button").await;
        }
    }

    /// The `href` of the first link on screen whose text holds `text`.
    pub async fn href(&self, text: &str) -> String {
        let xpath = format!("//a[contains(normalize-space(.), {})]", literal(text));
        let link = self
            .displayed(Locator::XPath(&xpath), &format!("a link «{text}»"))
            .await;
        link.attr("href").await.ok().flatten().unwrap_or_default()
    }

    /// Presses the first button on screen whose text is `text` (accepting
    /// the confirmation it may ask for) and checks the page it leads to.
    pub async fn press(&self, text: &str) {
        let xpath = format!(
            "//button[normalize-space(.)={0}] | //input[@type='submit' and @value={0}]",
            literal(text)
        );
        let button = self
            .displayed(Locator::XPath(&xpath), &format!("a button «{text}»"))
            .await;
        self.navigate_by(&button, &format!("the button «{text}»"))
            .await;
    }

    /// Types `value` into the field named `name` (replacing its text), or
    /// picks the option labelled or valued `value` when it is a list.
    pub async fn fill(&self, name: &str, value: &str) {
        let css = format!("[name='{name}']");
        let field = self
            .displayed(Locator::Css(&css), &format!("a field named {name}"))
            .await;
        self.set(&field, name, value).await;
    }

    /// Fills the field whose label reads `label` (the label holds the field
    /// or names it with `for`).
    pub async fn fill_labelled(&self, label: &str, value: &str) {
        let xpath = format!(
            "//label[starts-with(normalize-space(.), {0})]//*[self::input or self::select or self::textarea] \
             | //*[@id = //label[starts-with(normalize-space(.), {0})]/@for]",
            literal(label)
        );
        let field = self
            .displayed(
                Locator::XPath(&xpath),
                &format!("a field labelled «{label}»"),
            )
            .await;
        self.set(&field, label, value).await;
    }

    /// Unfolds the section whose summary holds `text` in the table row that
    /// holds `row` (a form folded in each row of a table).
    pub async fn open_details_in_row(&self, row: &str, text: &str) {
        let xpath = format!(
            "//tr[contains(normalize-space(.), {})]//details[not(@open)]/summary[contains(normalize-space(.), {})]",
            literal(row),
            literal(text)
        );
        let summary = self
            .displayed(
                Locator::XPath(&xpath),
                &format!("a folded «{text}» in the row «{row}»"),
            )
            .await;
        self.click(&summary, &format!("«{text}»")).await;
    }

    /// Fills the field named `name` in the table row that holds `row`.
    pub async fn fill_in_row(&self, row: &str, name: &str, value: &str) {
        let xpath = format!(
            "//tr[contains(normalize-space(.), {})]//*[@name={}]",
            literal(row),
            literal(name)
        );
        let field = self
            .displayed(
                Locator::XPath(&xpath),
                &format!("a field named {name} in the row «{row}»"),
            )
            .await;
        self.set(&field, name, value).await;
    }

    /// Presses the button `text` in the table row that holds `row`.
    pub async fn press_in_row(&self, row: &str, text: &str) {
        let xpath = format!(
            "//tr[contains(normalize-space(.), {})]//button[normalize-space(.)={}]",
            literal(row),
            literal(text)
        );
        let button = self
            .displayed(
                Locator::XPath(&xpath),
                &format!("a button «{text}» in the row «{row}»"),
            )
            .await;
        self.navigate_by(&button, &format!("the button «{text}»"))
            .await;
    }

    /// Every field on screen named `name`.
    pub async fn fields(&self, name: &str) -> Vec<Element> {
        let css = format!("[name='{name}']");
        let mut shown = Vec::new();
        for field in self
            .client
            .find_all(Locator::Css(&css))
            .await
            .unwrap_or_default()
        {
            if field.is_displayed().await.unwrap_or(false) {
                shown.push(field);
            }
        }
        shown
    }

    /// Types `value` into `field`, replacing what it held.
    pub async fn type_into(&self, field: &Element, what: &str, value: &str) {
        self.set(field, what, value).await;
    }

    /// The text of the page's main part, as shown.
    pub async fn text(&self) -> String {
        match self.client.find(Locator::Css("main")).await {
            Ok(main) => main.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Fails unless the page's main part shows `expected`.
    pub async fn expect_text(&self, expected: &str) {
        if !self.text().await.contains(expected) {
            panic!(
                "{}",
                self.failure(&format!("the page does not show «{expected}»"))
                    .await
            );
        }
    }

    /// Fetches `href` with the browser's cookies: (status, content type,
    /// the body's first bytes).
    pub async fn download(&self, href: &str) -> (u16, String, Vec<u8>) {
        let answer = self
            .client
            .execute_async(
                "const [href, done] = arguments;
                 fetch(href).then(async (r) => {
                   const bytes = new Uint8Array(await r.arrayBuffer());
                   done([r.status, r.headers.get('content-type') || '', Array.from(bytes.slice(0, 8)), bytes.length]);
                 }, (e) => done([0, String(e), [], 0]));",
                vec![json!(href)],
            )
            .await
            .expect("the download script answers");
        let status = answer[0].as_u64().unwrap_or_default() as u16;
        let kind = answer[1].as_str().unwrap_or_default().to_owned();
        let head = answer[2]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|b| b.as_u64().map(|b| b as u8))
            .collect();
        (status, kind, head)
    }

    /// The WebDriver client, for what the helpers above do not cover.
    pub fn client(&self) -> &fantoccini::Client {
        &self.client
    }

    /// Ends the session (the test's end; a failed test leaves it to Drop).
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }

    /// What is wrong with the page on screen (`checks`).
    pub async fn problems(&self) -> Vec<String> {
        checks::problems(&self.client).await
    }

    /// Checks the page on screen.
    pub async fn check(&self) {
        let problems = self.problems().await;
        if !problems.is_empty() {
            panic!("{}", self.failure(&problems.join("\n  ")).await);
        }
    }

    /// Saves a screenshot and the HTML of the page on screen; says what went
    /// wrong where, and names the files (the test panics with it).
    pub async fn failure(&self, what: &str) -> String {
        let url = self
            .client
            .current_url()
            .await
            .map(|url| url.to_string())
            .unwrap_or_default();
        let base = failures_dir().join(file_name(&format!("{}-{}", self.test, self.step)));
        let png = base.with_extension("png");
        let html = base.with_extension("html");
        let _ = std::fs::create_dir_all(failures_dir());
        if let Ok(shot) = self.client.screenshot().await {
            let _ = std::fs::write(&png, shot);
        }
        if let Ok(source) = self.client.source().await {
            let _ = std::fs::write(&html, source);
        }
        format!(
            "{} at step «{}» on {url}:\n  {what}\n  screenshot: {}\n  page: {}",
            self.test,
            self.step,
            png.display(),
            html.display()
        )
    }

    /// The first element on screen that `locator` finds, waiting a moment for
    /// it (a page still drawing).
    async fn displayed(&self, locator: Locator<'_>, what: &str) -> Element {
        let started = Instant::now();
        loop {
            if let Some(element) = self.first_displayed(locator).await {
                return element;
            }
            if started.elapsed() > Duration::from_secs(3) {
                panic!("{}", self.failure(&format!("no {what} on screen")).await);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The first element on screen that `locator` finds now.
    async fn first_displayed(&self, locator: Locator<'_>) -> Option<Element> {
        for element in self.client.find_all(locator).await.unwrap_or_default() {
            if element.is_displayed().await.unwrap_or(false) {
                return Some(element);
            }
        }
        None
    }

    async fn set(&self, field: &Element, what: &str, value: &str) {
        let tag = field.tag_name().await.unwrap_or_default();
        let done = if tag == "select" {
            match field.select_by_label(value).await {
                Ok(()) => Ok(()),
                Err(_) => field.select_by_value(value).await,
            }
        } else {
            match field.clear().await {
                Ok(()) => field.send_keys(value).await,
                Err(error) => Err(error),
            }
        };
        if let Err(error) = done {
            panic!(
                "{}",
                self.failure(&format!("could not fill {what} with «{value}»: {error}"))
                    .await
            );
        }
    }

    async fn click(&self, element: &Element, what: &str) {
        if let Err(error) = element.click().await {
            panic!(
                "{}",
                self.failure(&format!("could not click {what}: {error}"))
                    .await
            );
        }
    }

    /// Clicks `element`, which leads to another page (accepting a
    /// confirmation on the way), waits for that page and checks it.
    async fn navigate_by(&self, element: &Element, what: &str) {
        self.client
            .execute("window.__niudaiLeaving = true;", vec![])
            .await
            .expect("mark the page");
        self.click(element, what).await;
        if self.client.get_alert_text().await.is_ok() {
            let _ = self.client.accept_alert().await;
        }
        let started = Instant::now();
        loop {
            let arrived = self
                .client
                .execute(
                    "return window.__niudaiLeaving === undefined && document.readyState === 'complete';",
                    vec![],
                )
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if arrived {
                break;
            }
            if started.elapsed() > Duration::from_secs(15) {
                panic!(
                    "{}",
                    self.failure(&format!("{what} led to no new page")).await
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.check().await;
    }
}

/// `target/browser-failures`, which CI keeps with the rest of `target/`.
fn failures_dir() -> PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target folder")
        .join("browser-failures")
}

/// `text` as a file name: letters, digits and dashes.
fn file_name(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `text` as an XPath string literal (it holds no double quote).
fn literal(text: &str) -> String {
    assert!(!text.contains('"'), "a double quote in «{text}»");
    format!("\"{text}\"")
}
