//! Bounds on what a zip archive (a `.zip` attachment, an `.xlsx` or `.docx`,
//! which are zip archives too) unpacks to, checked by unpacking every entry
//! into nothing and counting: the sizes an archive declares are not believed,
//! and a zip bomb stops at the first limit it passes, a few megabytes of work.

use std::io::{Cursor, Read};
use std::time::Instant;

/// What an archive may hold.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    /// Entries in all.
    pub entries: usize,
    /// Bytes all entries unpack to together.
    pub total: u64,
    /// Bytes one entry, by its name, may unpack to.
    pub entry: fn(&str) -> u64,
    /// When the check gives up.
    pub deadline: Instant,
}

/// Why an archive is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Exceeded {
    #[error("unreadable archive: {0}")]
    Unreadable(String),
    #[error("too many entries")]
    Entries,
    #[error("entry {0} unpacks beyond its limit")]
    Entry(String),
    #[error("the archive unpacks beyond its limit")]
    Total,
    #[error("unpacking took too long")]
    Time,
}

/// Unpacks `content` into nothing within `bounds`.
pub fn check(content: &[u8], bounds: &Bounds) -> Result<(), Exceeded> {
    let unreadable = |e: zip::result::ZipError| Exceeded::Unreadable(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(content)).map_err(unreadable)?;
    if archive.len() > bounds.entries {
        return Err(Exceeded::Entries);
    }
    let mut total: u64 = 0;
    let mut buffer = vec![0u8; 64 * 1024];
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(unreadable)?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let limit = (bounds.entry)(&name);
        let mut unpacked: u64 = 0;
        loop {
            let n = entry
                .read(&mut buffer)
                .map_err(|e| Exceeded::Unreadable(e.to_string()))?;
            if n == 0 {
                break;
            }
            unpacked += n as u64;
            total += n as u64;
            if unpacked > limit {
                return Err(Exceeded::Entry(name));
            }
            if total > bounds.total {
                return Err(Exceeded::Total);
            }
            if Instant::now() > bounds.deadline {
                return Err(Exceeded::Time);
            }
        }
    }
    Ok(())
}
