//! Chromedriver's commands beyond the W3C standard: the browser's console
//! log and Chrome DevTools Protocol commands.

use axum::http::Method;
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{Value, json};
use url::{ParseError, Url};

/// A command on the session at `path` (relative to `/session/{id}/`).
#[derive(Debug)]
struct SessionCommand {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for SessionCommand {
    fn endpoint(&self, base_url: &Url, session_id: Option<&str>) -> Result<Url, ParseError> {
        let session = session_id.unwrap_or_default();
        base_url.join(&format!("session/{session}/{}", self.path))
    }

    fn method_and_body(&self, _request_url: &Url) -> (Method, Option<String>) {
        (Method::POST, Some(self.body.to_string()))
    }
}

/// The console's entries since the last call: (level, message).
pub async fn console(client: &fantoccini::Client) -> Vec<(String, String)> {
    let answer = client
        .issue_cmd(SessionCommand {
            path: "se/log",
            body: json!({ "type": "browser" }),
        })
        .await
        .expect("chromedriver gives the browser's log");
    answer
        .as_array()
        .into_iter()
        .flatten()
        .map(|entry| {
            (
                entry["level"].as_str().unwrap_or_default().to_owned(),
                entry["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// Runs a DevTools command in the page's target.
pub async fn devtools(client: &fantoccini::Client, command: &str, params: Value) -> Value {
    client
        .issue_cmd(SessionCommand {
            path: "goog/cdp/execute",
            body: json!({ "cmd": command, "params": params }),
        })
        .await
        .unwrap_or_else(|error| panic!("DevTools {command}: {error}"))
}
