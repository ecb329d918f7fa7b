//! The user's language and the message catalogs. Every user-facing string comes
//! from `i18n/zh-CN.toml` or `i18n/en.toml` (same keys in both, checked by a
//! test); Chinese is the default. The choice is stored per user and mirrored in
//! the `niudai_lang` cookie, so that pages outside a login (and error pages)
//! speak it too.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use axum::http::HeaderMap;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};

pub const LANG_COOKIE: &str = "niudai_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The code stored on the user and in the cookie (`zh-CN`, `en`); also the
    /// value of `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language of a request without a logged-in user: the cookie, then the
    /// browser's first preference we speak, then Chinese.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let from_cookie = headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(cookie::Cookie::split_parse)
            .filter_map(Result::ok)
            .find(|c| c.name() == LANG_COOKIE)
            .and_then(|c| Self::from_code(c.value()));
        from_cookie
            .or_else(|| {
                let accept = headers.get(ACCEPT_LANGUAGE)?.to_str().ok()?;
                accept.split(',').find_map(|item| {
                    let tag = item.split(';').next()?.trim().to_ascii_lowercase();
                    match tag.split('-').next()? {
                        "zh" => Some(Lang::Zh),
                        "en" => Some(Lang::En),
                        _ => None,
                    }
                })
            })
            .unwrap_or_default()
    }

    /// The message for `key`; a missing key shows as itself (and fails the catalog test).
    pub fn t(self, key: &str) -> &str {
        match CATALOGS[self as usize].get(key) {
            Some(message) => message.as_str(),
            None => {
                tracing::warn!(key, lang = self.code(), "missing message");
                key
            }
        }
    }

    /// The message for `key` with `{}` replaced by `arg`.
    pub fn t1(self, key: &str, arg: impl std::fmt::Display) -> String {
        self.t(key).replacen("{}", &arg.to_string(), 1)
    }
}

static CATALOGS: LazyLock<[BTreeMap<String, String>; 2]> = LazyLock::new(|| {
    [
        parse_catalog(include_str!("zh-CN.toml")),
        parse_catalog(include_str!("en.toml")),
    ]
});

/// Flattens nested TOML tables into dotted keys: `[nav] home = ".."` → `nav.home`.
pub fn parse_catalog(source: &str) -> BTreeMap<String, String> {
    fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) {
        for (key, value) in table {
            let full = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match value {
                toml::Value::String(text) => {
                    out.insert(full, text.clone());
                }
                toml::Value::Table(inner) => flatten(&full, inner, out),
                other => panic!("catalog entry {full} must be a string, not {other:?}"),
            }
        }
    }
    let table: toml::Table = toml::from_str(source).expect("message catalogs are valid TOML");
    let mut out = BTreeMap::new();
    flatten("", &table, &mut out);
    out
}

/// The keys of each catalog, for the test that they match.
pub fn catalog_keys(lang: Lang) -> Vec<&'static str> {
    CATALOGS[lang as usize].keys().map(String::as_str).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn both_catalogs_have_the_same_keys() {
        let zh = catalog_keys(Lang::Zh);
        let en = catalog_keys(Lang::En);
        let only_zh: Vec<_> = zh.iter().filter(|k| !en.contains(k)).collect();
        let only_en: Vec<_> = en.iter().filter(|k| !zh.contains(k)).collect();
        assert!(only_zh.is_empty(), "missing in en.toml: {only_zh:?}");
        assert!(only_en.is_empty(), "missing in zh-CN.toml: {only_en:?}");
    }

    #[test]
    fn the_cookie_wins_over_the_browser() {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("en-US,en;q=0.9"));
        assert_eq!(Lang::from_headers(&headers), Lang::En);
        headers.insert(COOKIE, HeaderValue::from_static("a=b; niudai_lang=zh-CN"));
        assert_eq!(Lang::from_headers(&headers), Lang::Zh);
    }

    #[test]
    fn chinese_is_the_default() {
        assert_eq!(Lang::from_headers(&HeaderMap::new()), Lang::Zh);
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("fr-FR"));
        assert_eq!(Lang::from_headers(&headers), Lang::Zh);
    }
}
