//! What a reader typed into the search box, parsed once: the text itself, the
//! LIKE pattern that finds it inside a name, and the code it may be.

/// The longest text searched; the rest of a longer one is ignored.
const MAX_CHARS: usize = 100;

/// Below this many characters no trigram index can find a fragment inside a
/// name: such a search reads a bounded part of each list instead.
const TRIGRAM_CHARS: usize = 3;

/// Text worth searching for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchText {
    text: String,
}

/// Why there is nothing to search for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsearchable {
    Empty,
    /// One letter, digit or sign: it is in most names.
    TooShort,
}

impl Unsearchable {
    /// The catalog key of the message that says what to type.
    pub fn message_key(self) -> &'static str {
        match self {
            Unsearchable::Empty => "search.empty",
            Unsearchable::TooShort => "search.too_short",
        }
    }
}

impl SearchText {
    /// The text of the search box, trimmed and cut to [`MAX_CHARS`]. A single
    /// Chinese character is a word (党, 心); a single other character is not.
    pub fn parse(raw: &str) -> Result<Self, Unsearchable> {
        let text: String = raw.trim().chars().take(MAX_CHARS).collect();
        let text = text.trim_end().to_owned();
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (None, _) => Err(Unsearchable::Empty),
            (Some(only), None) if !is_ideograph(only) => Err(Unsearchable::TooShort),
            _ => Ok(Self { text }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the text is too short for a trigram index (one or two
    /// characters, such as 心理).
    pub fn is_short(&self) -> bool {
        self.text.chars().count() < TRIGRAM_CHARS
    }

    /// The LIKE pattern of names that contain the text, its `%`, `_` and `\`
    /// matching themselves.
    pub fn pattern(&self) -> String {
        format!("%{}%", crate::web::format::like_escape(&self.text))
    }

    /// The start of a credit code the text may be: letters and digits only,
    /// upper-cased (codes are stored so).
    pub fn credit_code_prefix(&self) -> Option<String> {
        (self.text.len() >= 2 && self.text.bytes().all(|b| b.is_ascii_alphanumeric()))
            .then(|| self.text.to_ascii_uppercase())
    }

    /// The start of a project code the text may be (`2026-GD-0001`): letters,
    /// digits and dashes, upper-cased.
    pub fn project_code_prefix(&self) -> Option<String> {
        (self.text.len() >= 2
            && self
                .text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .then(|| self.text.to_ascii_uppercase())
    }
}

/// A CJK ideograph (the unified blocks and their extensions).
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_single_signs_are_not_searched() {
        assert_eq!(SearchText::parse("  "), Err(Unsearchable::Empty));
        assert_eq!(SearchText::parse(" a "), Err(Unsearchable::TooShort));
        assert_eq!(SearchText::parse("%"), Err(Unsearchable::TooShort));
        assert!(
            SearchText::parse("心").is_ok(),
            "one Chinese character is a word"
        );
        assert!(SearchText::parse("ab").is_ok());
    }

    #[test]
    fn short_text_has_no_trigram() {
        let two = SearchText::parse("心理").expect("a word");
        assert!(two.is_short());
        assert!(!SearchText::parse("新市民").expect("a word").is_short());
    }

    #[test]
    fn long_text_is_cut_and_wildcards_match_themselves() {
        let long = SearchText::parse(&"广".repeat(300)).expect("text");
        assert_eq!(long.as_str().chars().count(), MAX_CHARS);
        let text = SearchText::parse("100%_服务").expect("text");
        assert_eq!(text.pattern(), "%100\\%\\_服务%");
    }

    #[test]
    fn codes_are_upper_cased_and_only_codes() {
        let code = SearchText::parse("52440106mj").expect("text");
        assert_eq!(code.credit_code_prefix().as_deref(), Some("52440106MJ"));
        let project = SearchText::parse("2026-gd-0001").expect("text");
        assert_eq!(project.credit_code_prefix(), None);
        assert_eq!(
            project.project_code_prefix().as_deref(),
            Some("2026-GD-0001")
        );
        assert_eq!(
            SearchText::parse("新市民")
                .expect("text")
                .project_code_prefix(),
            None
        );
    }
}
