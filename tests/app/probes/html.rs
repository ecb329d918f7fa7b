//! Reading pages as a browser would: the forms a page holds and what they
//! send, and the links it offers.

use scraper::{Html, Selector};

/// A form on a page: where it posts, whether it uploads, and its fields as
/// the browser would send them untouched.
#[derive(Clone, Debug)]
pub struct Form {
    pub method: String,
    pub action: String,
    pub multipart: bool,
    /// (name, value) as sent, hidden fields and chosen options included.
    pub fields: Vec<(String, String)>,
    /// Names of the fields a person types into.
    pub typed: Vec<String>,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a selector")
}

/// Every form of `page`, its action resolved against `path`.
pub fn forms(page: &str, path: &str) -> Vec<Form> {
    let document = Html::parse_document(page);
    let mut forms = Vec::new();
    for form in document.select(&selector("form")) {
        let element = form.value();
        let method = element.attr("method").unwrap_or("get").to_ascii_lowercase();
        let action = element
            .attr("action")
            .filter(|a| !a.is_empty())
            .unwrap_or(path)
            .to_owned();
        let multipart = element
            .attr("enctype")
            .is_some_and(|e| e.contains("multipart"));
        let mut fields = Vec::new();
        let mut typed = Vec::new();
        for input in form.select(&selector("input")) {
            let input = input.value();
            let Some(name) = input.attr("name") else {
                continue;
            };
            let kind = input.attr("type").unwrap_or("text").to_ascii_lowercase();
            let value = input.attr("value").unwrap_or_default().to_owned();
            match kind.as_str() {
                "checkbox" | "radio" => {
                    if input.attr("checked").is_some() {
                        fields.push((name.to_owned(), value));
                    }
                }
                "file" | "submit" | "button" => {}
                "hidden" => fields.push((name.to_owned(), value)),
                _ => {
                    fields.push((name.to_owned(), value));
                    typed.push(name.to_owned());
                }
            }
        }
        for area in form.select(&selector("textarea")) {
            if let Some(name) = area.value().attr("name") {
                fields.push((name.to_owned(), area.text().collect()));
                typed.push(name.to_owned());
            }
        }
        for select in form.select(&selector("select")) {
            let Some(name) = select.value().attr("name") else {
                continue;
            };
            let options: Vec<_> = select.select(&selector("option")).collect();
            let chosen = options
                .iter()
                .find(|o| o.value().attr("selected").is_some())
                .or(options.first());
            if let Some(option) = chosen {
                let value = option
                    .value()
                    .attr("value")
                    .map_or_else(|| option.text().collect::<String>(), str::to_owned);
                fields.push((name.to_owned(), value));
            }
        }
        forms.push(Form {
            method,
            action,
            multipart,
            fields,
            typed,
        });
    }
    forms
}

/// The local links of `page` that carry a query string.
pub fn query_links(page: &str) -> Vec<String> {
    let document = Html::parse_document(page);
    document
        .select(&selector("a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| href.starts_with('/') && href.contains('?'))
        .map(str::to_owned)
        .collect()
}
