//! An experience's body, written in Markdown, as safe HTML: raw HTML in the
//! text is shown as text (escaped), never passed through; links keep only
//! web, mail and same-site addresses; images become links (photos come
//! through the files service, never from elsewhere).

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Whether a link's address is one a reader may follow.
fn safe_url(url: &str) -> bool {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || (url.starts_with('/') && !url.starts_with("//"))
        || url.starts_with('#')
}

fn link_to(url: CowStr<'_>) -> CowStr<'_> {
    if safe_url(&url) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

/// The HTML of `text`, safe to put in a page as it is.
pub fn to_html(text: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(text, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        })
        | Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: link_to(dest_url),
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    });
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html() {
        let html = to_html("## 心灵港湾\n\n**一线职工**的心理服务：\n\n- 热线\n- 讲座");
        assert!(html.contains("<h2>心灵港湾</h2>"), "{html}");
        assert!(html.contains("<strong>一线职工</strong>"));
        assert!(html.contains("<li>热线</li>"));
    }

    #[test]
    fn raw_html_never_comes_through() {
        for raw in [
            "<script>alert(1)</script>",
            "前言\n\n<script>alert(1)</script>\n",
            "文字 <img src=x onerror=alert(1)> 文字",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<div onclick=\"alert(1)\">点</div>",
        ] {
            let html = to_html(raw);
            assert!(!html.contains("<script"), "{raw:?} → {html}");
            assert!(!html.contains("<img"), "{raw:?} → {html}");
            assert!(!html.contains("<iframe"), "{raw:?} → {html}");
            assert!(!html.contains("<div"), "{raw:?} → {html}");
        }
        assert!(to_html("<script>alert(1)</script>").contains("&lt;script&gt;"));
    }

    #[test]
    fn only_safe_links_are_kept() {
        let html =
            to_html("[点我](javascript:alert(1)) [官网](https://www.acftu.org/) [站内](/pilots)");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("href=\"https://www.acftu.org/\""));
        assert!(html.contains("href=\"/pilots\""));
        let html = to_html(
            "![照片](https://evil.example/x.png) [x](//evil.example) [y](data:text/html,1)",
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("//evil.example\""), "{html}");
        assert!(!html.contains("data:"), "{html}");
    }
}
