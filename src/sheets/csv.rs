//! The CSV files Niudai writes: UTF-8 with a BOM (so that Excel and WPS read
//! the Chinese), every cell through [`neutralize`] so that none runs as a
//! formula when the file is opened.

use super::formula::neutralize;

/// A CSV being written to memory, a chunk at a time for streamed exports.
#[derive(Debug)]
pub struct CsvWriter {
    inner: csv::Writer<Vec<u8>>,
}

impl CsvWriter {
    /// A new file, starting with the BOM.
    pub fn with_bom() -> Self {
        Self {
            inner: csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes())),
        }
    }

    /// Writes one row.
    pub fn row<I, S>(&mut self, cells: I) -> Result<(), csv::Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|cell| neutralize(cell.as_ref()).into_owned())
            .collect();
        self.inner.write_record(&cells)
    }

    /// Bytes written so far and not yet taken (roughly: the writer buffers).
    pub fn pending(&self) -> usize {
        self.inner.get_ref().len()
    }

    /// Everything written since the last call, for the next chunk of a stream.
    pub fn take(&mut self) -> Result<Vec<u8>, csv::Error> {
        let full = std::mem::replace(&mut self.inner, csv::Writer::from_writer(Vec::new()));
        full.into_inner()
            .map_err(|error| csv::Error::from(error.into_error()))
    }
}

/// `rows` (header first) as one CSV file.
pub fn csv_bytes<R, S>(rows: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut writer = CsvWriter::with_bom();
    for row in rows {
        // Writing to memory cannot fail.
        let _ = writer.row(row);
    }
    writer.take().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_has_a_bom_and_quotes_formula_cells() {
        let bytes = csv_bytes([vec!["名称", "备注"], vec!["=HYPERLINK(\"x\")", "a,b"]]);
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert_eq!(
            text,
            "\u{feff}名称,备注\n\"'=HYPERLINK(\"\"x\"\")\",\"a,b\"\n"
        );
    }

    #[test]
    fn chunks_taken_join_into_the_whole_file() {
        let mut writer = CsvWriter::with_bom();
        writer.row(["一"]).expect("row");
        let first = writer.take().expect("take");
        writer.row(["-二"]).expect("row");
        let second = writer.take().expect("take");
        assert_eq!([first, second].concat(), "\u{feff}一\n'-二\n".as_bytes());
    }
}
