//! Reading an exported workbook the way a spreadsheet does, and the checks
//! every export must pass.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};

/// An exported workbook: its first sheet (header and rows), the about sheet,
/// and the raw XML of the first sheet (for the frozen pane and the filter).
#[derive(Debug)]
pub struct Exported {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Data>>,
    pub about: Vec<(String, String)>,
    sheet_xml: String,
}

pub fn open(bytes: &[u8]) -> Exported {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx workbook");
    let names = workbook.sheet_names();
    assert_eq!(
        names.len(),
        2,
        "the data sheet and the about sheet: {names:?}"
    );
    assert_eq!(names[1], "导出说明");
    let data = workbook.worksheet_range(&names[0]).expect("the data sheet");
    let mut rows = data.rows();
    let headers = rows
        .next()
        .expect("a header row")
        .iter()
        .map(|cell| cell.to_string())
        .collect();
    let rows = rows.map(<[Data]>::to_vec).collect();
    let about = workbook
        .worksheet_range(&names[1])
        .expect("the about sheet")
        .rows()
        .map(|row| {
            (
                row[0].to_string(),
                row.get(1).map(ToString::to_string).unwrap_or_default(),
            )
        })
        .collect();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("a zip");
    let mut sheet_xml = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .expect("the first sheet")
        .read_to_string(&mut sheet_xml)
        .expect("its XML");
    Exported {
        headers,
        rows,
        about,
        sheet_xml,
    }
}

/// What a column's filled cells must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    Date,
}

impl Exported {
    pub fn column(&self, header: &str) -> usize {
        self.headers
            .iter()
            .position(|h| h == header)
            .unwrap_or_else(|| panic!("no column {header} in {:?}", self.headers))
    }

    /// Every filled cell of the column has the kind (and at least one is
    /// filled, so that the check checks something).
    pub fn assert_kind(&self, header: &str, kind: Kind) {
        let col = self.column(header);
        let filled: Vec<&Data> = self
            .rows
            .iter()
            .filter_map(|row| row.get(col))
            .filter(|cell| !matches!(cell, Data::Empty))
            .collect();
        assert!(!filled.is_empty(), "column {header} is empty in every row");
        for cell in filled {
            let ok = match kind {
                Kind::Text => matches!(cell, Data::String(_)),
                Kind::Number => matches!(cell, Data::Float(_) | Data::Int(_)),
                Kind::Date => matches!(cell, Data::DateTime(_)),
            };
            assert!(ok, "column {header}: {cell:?} is not {kind:?}");
        }
    }

    /// The checks every export passes: a frozen, filtered header, no internal
    /// ids, the about sheet filled in.
    pub fn assert_well_formed(&self, scope: &str) {
        assert!(
            self.sheet_xml.contains(r#"state="frozen""#),
            "the header row is frozen"
        );
        assert!(
            self.sheet_xml.contains("<autoFilter"),
            "the header has a filter"
        );
        assert!(self.sheet_xml.contains("<cols>"), "column widths are set");
        assert!(
            !self
                .headers
                .iter()
                .any(|h| h.contains("编号") && h.contains("记录")),
            "no internal ids by default: {:?}",
            self.headers
        );
        let about = |label: &str| {
            self.about
                .iter()
                .find(|(l, _)| l == label)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("no {label} in {:?}", self.about))
        };
        assert_eq!(about("范围"), scope);
        assert!(!about("导出时间").is_empty());
        assert_eq!(about("记录数"), self.rows.len().to_string());
    }
}

/// A CSV export's rows (BOM dropped).
pub fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect()
}
