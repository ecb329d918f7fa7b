//! What an upload is, decided by its content (never its name), and whether its
//! name is one we can keep: no path, no control characters, an extension that
//! agrees with the content.

/// The types accepted: (MIME type as detected, extensions a name may carry).
const ACCEPTED: &[(&str, &[&str])] = &[
    ("application/pdf", &["pdf"]),
    ("image/jpeg", &["jpg", "jpeg"]),
    ("image/png", &["png"]),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &["xlsx"],
    ),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &["docx"],
    ),
    ("application/msword", &["doc"]),
    ("application/vnd.ms-excel", &["xls"]),
    ("application/zip", &["zip"]),
];

/// Why an upload is refused: the catalog key of the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    TooLarge,
    TypeNotAccepted,
    BadName,
    NameDisagrees,
    /// An archive (zip, xlsx, docx) that unpacks beyond [`MAX_UNPACKED_BYTES`].
    Bomb,
}

/// What an accepted archive may unpack to: far more than any real document,
/// far less than a zip bomb.
pub const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;

/// The types that are zip archives inside.
const ARCHIVES: &[&str] = &[
    "application/zip",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
];

impl Refusal {
    pub fn key(self) -> &'static str {
        match self {
            Refusal::Empty => "files.empty",
            Refusal::TooLarge => "files.too_large",
            Refusal::TypeNotAccepted => "files.type_not_accepted",
            Refusal::BadName => "files.bad_name",
            Refusal::NameDisagrees => "files.name_disagrees",
            Refusal::Bomb => "files.archive_too_large",
        }
    }
}

/// An upload that passed: its content type and the name to keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub content_type: &'static str,
    pub file_name: String,
}

/// Checks an upload's bytes and name against `max_bytes`; an archive is
/// unpacked (into nothing) to check what it holds, so this blocks.
pub fn check(name: &str, bytes: &[u8], max_bytes: usize) -> Result<Accepted, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if bytes.len() > max_bytes {
        return Err(Refusal::TooLarge);
    }
    let detected = infer::get(bytes).map(|t| t.mime_type());
    let Some((content_type, extensions)) =
        ACCEPTED.iter().find(|(mime, _)| Some(*mime) == detected)
    else {
        return Err(Refusal::TypeNotAccepted);
    };
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > 120
        || name.starts_with('.')
        || name.contains(['/', '\\', '"', ':', '*', '?', '<', '>', '|'])
        || name.chars().any(char::is_control)
    {
        return Err(Refusal::BadName);
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    if !extensions.contains(&extension.as_str()) {
        return Err(Refusal::NameDisagrees);
    }
    if ARCHIVES.contains(content_type) {
        let bounds = super::archive::Bounds {
            entries: 20_000,
            total: MAX_UNPACKED_BYTES,
            entry: |_| MAX_UNPACKED_BYTES,
            deadline: std::time::Instant::now() + std::time::Duration::from_secs(10),
        };
        match super::archive::check(bytes, &bounds) {
            Ok(()) => {}
            Err(super::archive::Exceeded::Unreadable(_)) => return Err(Refusal::TypeNotAccepted),
            Err(_) => return Err(Refusal::Bomb),
        }
    }
    Ok(Accepted {
        content_type,
        file_name: name.to_owned(),
    })
}

/// The extensions accepted, for the help text under upload fields.
pub fn accepted_extensions() -> String {
    ACCEPTED
        .iter()
        .map(|(_, exts)| exts[0])
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n";
    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
    const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff";
    const HTML: &[u8] = b"<!doctype html><html><script>alert(1)</script></html>";

    #[test]
    fn content_decides_the_type() {
        assert_eq!(
            check("章程.pdf", PDF, 1024).map(|a| a.content_type),
            Ok("application/pdf")
        );
        assert_eq!(
            check("photo.PNG", PNG, 1024).map(|a| a.file_name),
            Ok("photo.PNG".into())
        );
        assert_eq!(
            check("report.pdf", EXE, 1024),
            Err(Refusal::TypeNotAccepted)
        );
        assert_eq!(
            check("photo.png", HTML, 1024),
            Err(Refusal::TypeNotAccepted)
        );
    }

    #[test]
    fn sizes_and_names_are_checked() {
        assert_eq!(check("a.pdf", b"", 1024), Err(Refusal::Empty));
        assert_eq!(check("a.pdf", PDF, PDF.len() - 1), Err(Refusal::TooLarge));
        assert!(
            check("a.pdf", PDF, PDF.len()).is_ok(),
            "exactly the limit passes"
        );
        for bad in [
            "../../etc/passwd.pdf",
            "a\\b.pdf",
            "a\u{0}b.pdf",
            ".hidden.pdf",
            "a\nb.pdf",
        ] {
            assert_eq!(check(bad, PDF, 1024), Err(Refusal::BadName), "{bad:?}");
        }
        assert_eq!(
            check("report.pdf.exe", PDF, 1024),
            Err(Refusal::NameDisagrees)
        );
        assert_eq!(check("report", PDF, 1024), Err(Refusal::NameDisagrees));
    }
}
