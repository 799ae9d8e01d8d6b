//! CSV files the office imports (the roster's enrollment export, a business associate's
//! disclosure log), read record by record with each record's line in the file, so that every
//! problem names where it is; cells trimmed; a record that cannot be read is named by its line,
//! never quoted. What each column must hold is the importer's to check.

use std::collections::HashMap;

/// One record of the file.
pub(crate) enum Record {
    /// Its cells, from the line the record starts on (the first line is 1).
    Cells { line: u64, cells: csv::StringRecord },
    /// A record that is not text the reader understands (not UTF-8, a broken quote).
    Unreadable { line: u64 },
}

/// Every record of `text`, the first (a header, if the file has one) included; empty lines are
/// skipped. Records may differ in length: [`Columns::fits`] says whether one fits the header.
pub(crate) fn records(text: &str) -> Vec<Record> {
    // The reader's position is where it began reading, before any empty lines it skipped: the
    // record itself starts after them.
    let line = |p: Option<&csv::Position>| {
        p.map_or(0, |p| {
            let skipped = text.as_bytes()[usize::try_from(p.byte())
                .unwrap_or(usize::MAX)
                .min(text.len())..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .filter(|b| **b == b'\n')
                .count();
            p.line() + skipped as u64
        })
    };
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
        .into_records()
        .map(|r| match r {
            Ok(cells) => Record::Cells {
                line: line(cells.position()),
                cells,
            },
            Err(e) => Record::Unreadable {
                line: line(e.position()),
            },
        })
        .collect()
}

/// Where each named column is in a record.
pub(crate) struct Columns {
    index: HashMap<String, usize>,
    width: usize,
}

impl Columns {
    /// The columns a header record names, in its order.
    pub(crate) fn of_header(header: &csv::StringRecord) -> Self {
        Self::of_names(header.iter())
    }

    /// The columns in a fixed order (a file without a header).
    pub(crate) fn of_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut index = HashMap::new();
        let mut width = 0;
        for (i, name) in names.into_iter().enumerate() {
            index.entry(name.to_owned()).or_insert(i);
            width = i + 1;
        }
        Columns { index, width }
    }

    pub(crate) fn has(&self, column: &str) -> bool {
        self.index.contains_key(column)
    }

    /// How many cells a record of the file has.
    pub(crate) fn width(&self) -> usize {
        self.width
    }

    /// Does a record have as many cells as the header?
    pub(crate) fn fits(&self, cells: &csv::StringRecord) -> bool {
        cells.len() == self.width
    }

    /// A record's cells by column name.
    pub(crate) fn cells<'r>(&'r self, record: &'r csv::StringRecord) -> Cells<'r> {
        Cells {
            record,
            columns: self,
        }
    }
}

/// One record's cells by column name.
pub(crate) struct Cells<'r> {
    record: &'r csv::StringRecord,
    columns: &'r Columns,
}

impl<'r> Cells<'r> {
    /// The cell of `column`, "" when the file has no such column.
    pub(crate) fn get(&self, column: &str) -> &'r str {
        self.columns
            .index
            .get(column)
            .and_then(|i| self.record.get(*i))
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_keep_their_lines_and_are_trimmed() {
        let text = "a,b\n 1 , 2 \n\n\"x\ny\",3\n4\n";
        let read = records(text);
        let lines: Vec<u64> = read
            .iter()
            .map(|r| match r {
                Record::Cells { line, .. } | Record::Unreadable { line } => *line,
            })
            .collect();
        assert_eq!(
            lines,
            [1, 2, 4, 6],
            "an empty line is skipped, a quoted newline counted"
        );
        let Record::Cells { cells: header, .. } = &read[0] else {
            panic!("a header")
        };
        let columns = Columns::of_header(header);
        let Record::Cells { cells, .. } = &read[1] else {
            panic!("a row")
        };
        assert_eq!(columns.cells(cells).get("b"), "2");
        assert_eq!(columns.cells(cells).get("c"), "");
        let Record::Cells { cells: short, .. } = &read[3] else {
            panic!("a short row")
        };
        assert!(columns.fits(cells) && !columns.fits(short));
    }
}
