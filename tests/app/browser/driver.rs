//! Debian's chromedriver and Chromium, started by the test: one chromedriver
//! process per test on a free loopback port, one headless Chromium session
//! per journey, both ended when dropped.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::Capabilities;
use serde_json::json;

/// The width and height a session's pages are laid out in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewport {
    /// An office screen: 1280 × 900.
    Desktop,
    /// A phone held upright: 390 × 844 CSS pixels, as a phone lays pages
    /// out (Chromium's mobile emulation honours the viewport meta tag).
    Phone,
}

impl Viewport {
    pub fn width(self) -> u32 {
        match self {
            Self::Desktop => 1280,
            Self::Phone => 390,
        }
    }

    pub fn height(self) -> u32 {
        match self {
            Self::Desktop => 900,
            Self::Phone => 844,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Desktop => "desktop",
            Self::Phone => "phone",
        }
    }
}

/// Chromium's flags: headless, and nothing that talks to the network behind
/// the test's back.
const CHROMIUM_FLAGS: [&str; 7] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

/// A chromedriver process on a loopback port.
pub struct Chromedriver {
    pub url: String,
    child: Child,
}

impl Chromedriver {
    /// Starts chromedriver, failing the test when it or Chromium is missing.
    pub async fn start() -> Self {
        let program = chromedriver().unwrap_or_else(|| {
            panic!(
                "chromedriver is not installed: the browser tests drive Debian's Chromium \
                 (apt-get install chromium chromium-driver fonts-noto-cjk)"
            )
        });
        assert!(
            chromium().is_some(),
            "Chromium is not installed: the browser tests drive Debian's Chromium \
             (apt-get install chromium chromium-driver fonts-noto-cjk)"
        );
        let port = crate::common::nginx::free_port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let mut driver = Self {
            url: format!("http://127.0.0.1:{port}"),
            child,
        };
        driver.wait_until_listening(port).await;
        driver
    }

    /// A new headless Chromium session laid out at `viewport`.
    pub async fn session(&self, viewport: Viewport) -> fantoccini::Client {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        fantoccini::ClientBuilder::new(connector)
            .capabilities(capabilities(viewport))
            .connect(&self.url)
            .await
            .unwrap_or_else(|error| panic!("chromedriver opened no Chromium session: {error}"))
    }

    async fn wait_until_listening(&mut self, port: u16) {
        let started = Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            let exited = self.child.try_wait().expect("chromedriver's status");
            assert!(
                exited.is_none() && started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start ({exited:?})"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Chromedriver {
    /// Asks chromedriver to quit its browsers and itself (killed at once, it
    /// would leave Chromium running), then makes sure it is gone.
    fn drop(&mut self) {
        let address = self.url.trim_start_matches("http://").to_owned();
        if let Ok(mut stream) = std::net::TcpStream::connect(&address) {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
            let _ = write!(
                stream,
                "GET /shutdown HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.read_to_end(&mut Vec::new());
        }
        let started = Instant::now();
        while matches!(self.child.try_wait(), Ok(None))
            && started.elapsed() < Duration::from_secs(10)
        {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn capabilities(viewport: Viewport) -> Capabilities {
    let mut args: Vec<String> = CHROMIUM_FLAGS
        .iter()
        .map(|flag| (*flag).to_owned())
        .collect();
    args.push(format!(
        "--window-size={},{}",
        viewport.width(),
        viewport.height()
    ));
    let mut options = json!({
        "binary": chromium().expect("Chromium is installed"),
        "args": args,
        // A Chinese user's browser: the pages answer in Chinese.
        "prefs": { "intl.accept_languages": "zh-CN,zh" },
    });
    if viewport == Viewport::Phone {
        options["mobileEmulation"] = json!({
            "deviceMetrics": {
                "width": viewport.width(),
                "height": viewport.height(),
                "pixelRatio": 3.0,
                "mobile": true,
                "touch": true,
            }
        });
    }
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": options,
        // The console's errors, read after each page (`se/log`).
        "goog:loggingPrefs": { "browser": "ALL" },
        // Confirmation dialogs stay open for the journey to accept.
        "unhandledPromptBehavior": "ignore",
    });
    match capabilities {
        serde_json::Value::Object(map) => map,
        _ => unreachable!("an object"),
    }
}

/// Debian's chromedriver, on PATH or where the package puts it.
fn chromedriver() -> Option<PathBuf> {
    find("chromedriver", &["/usr/bin", "/usr/lib/chromium"])
}

/// Chromium's own binary rather than Debian's launcher script, which adds
/// the flags of /etc/chromium.d to ours.
fn chromium() -> Option<PathBuf> {
    find("chromium", &["/usr/lib/chromium"])
}

fn find(name: &str, dirs: &[&str]) -> Option<PathBuf> {
    dirs.iter()
        .map(|dir| PathBuf::from(dir).join(name))
        .find(|path| path.is_file())
}
