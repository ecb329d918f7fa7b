//! Reading an uploaded sheet into rows of text: `.xlsx` (recognised by its
//! content, a zip archive, not by its name) or CSV in UTF-8 (with or without a
//! BOM) or GBK, as older Excel versions save it.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

/// Why a file could not be read, for the user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("empty file")]
    Empty,
    #[error("unreadable xlsx: {0}")]
    Xlsx(String),
    #[error("unreadable csv: {0}")]
    Csv(String),
}

impl ReadError {
    pub fn message_key(&self) -> &'static str {
        match self {
            ReadError::Empty => "import.error.empty",
            ReadError::Xlsx(_) => "import.error.xlsx",
            ReadError::Csv(_) => "import.error.csv",
        }
    }
}

/// The sheet's rows, the header row first, each cell trimmed text.
pub fn read_rows(content: &[u8]) -> Result<Vec<Vec<String>>, ReadError> {
    if content.is_empty() {
        return Err(ReadError::Empty);
    }
    if content.starts_with(b"PK\x03\x04") {
        read_xlsx(content)
    } else {
        read_csv(content)
    }
}

fn read_xlsx(content: &[u8]) -> Result<Vec<Vec<String>>, ReadError> {
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(content)).map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| ReadError::Xlsx("no worksheet".into()))?
        .map_err(|e| ReadError::Xlsx(e.to_string()))?;
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|dt| dt.date().to_string())
            .unwrap_or_else(|| d.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(_) => String::new(),
    }
}

/// UTF-8 (BOM stripped) when the bytes are valid UTF-8, GBK otherwise.
fn decode(content: &[u8]) -> String {
    let content = content.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content);
    match std::str::from_utf8(content) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::GBK.decode(content).0.into_owned(),
    }
}

fn read_csv(content: &[u8]) -> Result<Vec<Vec<String>>, ReadError> {
    let text = decode(content);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Csv(e.to_string()))?;
        rows.push(record.iter().map(|cell| cell.trim().to_owned()).collect());
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_a_bom_and_gbk_read_the_same() {
        let utf8 = "\u{feff}组织名称,联系电话\n广州市某服务社,13800138000\n";
        let (gbk, _, _) =
            encoding_rs::GBK.encode("组织名称,联系电话\n广州市某服务社,13800138000\n");
        let expected = vec![
            vec!["组织名称".to_owned(), "联系电话".to_owned()],
            vec!["广州市某服务社".to_owned(), "13800138000".to_owned()],
        ];
        assert_eq!(read_rows(utf8.as_bytes()), Ok(expected.clone()));
        assert_eq!(read_rows(&gbk), Ok(expected));
    }

    #[test]
    fn a_broken_zip_is_an_unreadable_workbook() {
        let result = read_rows(b"PK\x03\x04 this is not really a workbook");
        assert!(matches!(result, Err(ReadError::Xlsx(_))), "{result:?}");
        assert_eq!(read_rows(b""), Err(ReadError::Empty));
    }
}
