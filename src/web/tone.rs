//! What a status badge's colour says: every status of every area falls in one
//! of a few tones (waiting, in progress, done, refused…), and each tone has one
//! CSS class. The badge always shows the status's name too, never the colour
//! alone. Which tone each area's status takes is `crate::status_tones`; the
//! templates draw badges with the `badge` macro of `_macros.html`.

/// The meaning a status's colour carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Being written, not yet anyone else's business (草稿).
    Draft,
    /// Someone has to act: approve, fill in, review, answer (待…).
    Waiting,
    /// Approved or open for applications, not yet under way (已批准, 申报中).
    Open,
    /// Under way, or in good standing (实施中, 评分中, 正常).
    Active,
    /// Finished as it should (已结项, 已通过, 已提交的评分).
    Done,
    /// Refused, returned, locked or suspended: needs attention.
    Refused,
    /// Over without effect: cancelled, withdrawn, disabled, superseded.
    Ended,
}

impl Tone {
    /// The one place a tone becomes a CSS class (`static/app.css`).
    pub fn class(self) -> &'static str {
        match self {
            Tone::Draft => "tone-draft",
            Tone::Waiting => "tone-waiting",
            Tone::Open => "tone-open",
            Tone::Active => "tone-active",
            Tone::Done => "tone-done",
            Tone::Refused => "tone-refused",
            Tone::Ended => "tone-ended",
        }
    }
}

/// A status that knows its tone.
pub trait Toned {
    fn tone(&self) -> Tone;
}

/// Templates hand macros references of references.
impl<T: Toned + ?Sized> Toned for &T {
    fn tone(&self) -> Tone {
        (**self).tone()
    }
}

/// A status known only by its catalog prefix and value (`"projects.status"`,
/// `"open"`), for a page whose area may not name the status's type.
#[derive(Clone, Copy, Debug)]
pub struct Named<'a>(pub &'a str, pub &'a str);

/// The CSS class of `status`'s badge.
pub fn class(status: impl Toned) -> &'static str {
    status.tone().class()
}
