//! What every page must pass once loaded: no console error, no request
//! answered with an error, nothing wider than the viewport, Chinese drawn in
//! a Chinese font.

use serde_json::{Value, json};

use super::cdp;

/// The Chinese fonts of the house font stack (static/app.css); Debian's
/// machines have Noto Sans CJK SC of them (fonts-noto-cjk).
const CHINESE_FONTS: [&str; 5] = [
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
];

/// Everything wrong with the page on screen, as sentences (none: it passes).
pub async fn problems(client: &fantoccini::Client) -> Vec<String> {
    let mut problems = console_errors(client).await;
    let page = client
        .execute(MEASURE, vec![])
        .await
        .expect("the page runs the measuring script");
    problems.extend(
        page["problems"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned),
    );
    problems.extend(font_problem(client).await);
    problems
}

/// The console's errors since the last page: script errors,
/// `console.error`, resources that failed to load, refused by the content
/// security policy.
async fn console_errors(client: &fantoccini::Client) -> Vec<String> {
    cdp::console(client)
        .await
        .into_iter()
        .filter(|(level, _)| level == "SEVERE")
        .map(|(_, message)| format!("console error: {message}"))
        .collect()
}

/// The page's own measurements: the status of the page and of every
/// resource it loaded (Chromium's `responseStatus`), and whether the page is
/// wider than the viewport, naming the innermost elements (or the parents of
/// the text) that stick out, except inside a box that scrolls or clips.
const MEASURE: &str = r##"
const problems = [];
for (const entry of performance.getEntriesByType("navigation")) {
  if (entry.responseStatus >= 400) problems.push(`the page answered ${entry.responseStatus}`);
}
for (const entry of performance.getEntriesByType("resource")) {
  if (entry.responseStatus >= 400) problems.push(`${entry.name} answered ${entry.responseStatus}`);
}
const root = document.documentElement;
const width = root.clientWidth;
if (root.scrollWidth > width) {
  // Inside a box that scrolls or clips it: an absolutely placed element
  // escapes the boxes between it and its containing block.
  const scrolls = (node) => {
    const el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    const position = getComputedStyle(el).position;
    if (position === "fixed") return false;
    const block = position === "absolute" ? el.offsetParent : null;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible" && (!block || p === block || p.contains(block))) {
        return true;
      }
    }
    return false;
  };
  const right = (box) => box.getBoundingClientRect().right;
  const sticking = [...document.body.querySelectorAll("*")]
    .filter((el) => right(el) > width + 1 && !scrolls(el));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    if (node.textContent.trim() && right(range) > width + 1 && !scrolls(node)) {
      sticking.push(node.parentElement);
    }
  }
  const deepest = [...new Set(sticking)]
    .filter((el) => !sticking.some((other) => other !== el && el.contains(other)));
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    [...el.classList].map((c) => "." + c).join("");
  const culprits = deepest.slice(0, 5).map((el) =>
    `${name(el)} "${el.textContent.trim().replace(/\s+/g, " ").slice(0, 30)}"`);
  problems.push(`the page is ${root.scrollWidth}px wide in a ${width}px viewport; sticking out: ` +
    (culprits.join(", ") || "(no single element)"));
}
return { problems };
"##;

/// The platform fonts Chromium drew the page's heading with (DevTools'
/// `CSS.getPlatformFontsForNode`): each must be one of the Chinese fonts.
async fn font_problem(client: &fantoccini::Client) -> Option<String> {
    cdp::devtools(client, "DOM.enable", json!({})).await;
    cdp::devtools(client, "CSS.enable", json!({})).await;
    let document = cdp::devtools(client, "DOM.getDocument", json!({ "depth": 0 })).await;
    let heading = cdp::devtools(
        client,
        "DOM.querySelector",
        json!({ "nodeId": document["root"]["nodeId"], "selector": "h1" }),
    )
    .await;
    let node = heading["nodeId"].as_i64().filter(|id| *id != 0)?;
    let fonts = cdp::devtools(
        client,
        "CSS.getPlatformFontsForNode",
        json!({ "nodeId": node }),
    )
    .await;
    let used: Vec<&str> = fonts["fonts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|font| font["familyName"].as_str())
        .collect();
    let chinese = !used.is_empty() && used.iter().all(|font| CHINESE_FONTS.contains(font));
    (!chinese).then(|| {
        format!(
            "the heading is drawn in {used:?}, not in a Chinese font of the house stack \
             (is fonts-noto-cjk installed?)"
        )
    })
}
