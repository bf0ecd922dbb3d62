//! Reads a table's rows against its header: cells fitted to the header width, looked up by role.

use super::blocks::{Row, Table};
use super::columns::Columns;
use crate::diag::Diagnostics;

/// A data row with exactly as many cells as the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FittedRow {
    pub line: usize,
    pub cells: Vec<String>,
}

impl FittedRow {
    /// The cell of a column, empty when the table has no such column.
    pub fn cell(&self, column: Option<usize>) -> &str {
        column.and_then(|i| self.cells.get(i)).map_or("", String::as_str)
    }
}

/// Fits every data row to the header width, warning about each row that did not fit: extra cells
/// (an unescaped `|` in prose) are joined back into the last column, missing cells are empty.
/// Blank cells past the header's width (`|…|\u{a0}|`: VOD's error tables end each row with a
/// no-break space in a cell of its own) hold nothing to keep and are dropped without a word.
pub fn fitted_rows(table: &Table, columns: &Columns, diags: &mut Diagnostics) -> Vec<FittedRow> {
    table.rows.iter().map(|row| fit(row, columns.width, diags)).collect()
}

fn fit(row: &Row, width: usize, diags: &mut Diagnostics) -> FittedRow {
    if !row.closed {
        diags.warning(
            row.line,
            "table row is not closed with `|` before the next heading or the end of the page",
        );
    }
    let mut cells = row.cells.clone();
    while width > 0 && cells.len() > width && cells.last().is_some_and(|cell| cell.trim().is_empty()) {
        cells.pop();
    }
    if width > 0 && cells.len() > width {
        diags.warning(
            row.line,
            format!(
                "row has {} cells but the header has {width}; the extra cells are joined into the last column",
                cells.len()
            ),
        );
        let rest = cells.split_off(width - 1).join("|");
        cells.push(rest);
    } else if cells.len() < width {
        diags.warning(
            row.line,
            format!("row has {} cells but the header has {width}; the missing cells are empty", cells.len()),
        );
        cells.resize(width, String::new());
    }
    FittedRow { line: row.line, cells }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fitted(cells: &[&str], width: usize) -> (Vec<String>, usize) {
        let table = Table {
            line: 1,
            header: (0..width).map(|i| format!("h{i}")).collect(),
            has_separator: true,
            rows: vec![Row { line: 3, cells: cells.iter().map(|c| c.to_string()).collect(), closed: true }],
        };
        let columns = Columns::from_header(&table.header);
        let mut diags = Diagnostics::new("p.md");
        let rows = fitted_rows(&table, &columns, &mut diags);
        (rows.into_iter().next().unwrap().cells, diags.into_vec().len())
    }

    #[test]
    fn rows_fit_the_header() {
        assert_eq!(fitted(&["a", "b", "c|d"], 3), (vec!["a".into(), "b".into(), "c|d".into()], 0));
        // An unescaped `|` in prose: joined back, with a warning.
        assert_eq!(fitted(&["a", "b", "c", "d"], 3), (vec!["a".into(), "b".into(), "c|d".into()], 1));
        // Blank cells past the width (a no-break space, spaces): dropped, no warning.
        assert_eq!(fitted(&["a", "b", "c", "\u{a0}", " "], 3), (vec!["a".into(), "b".into(), "c".into()], 0));
        // Too few: filled, with a warning.
        assert_eq!(fitted(&["a"], 3), (vec!["a".into(), String::new(), String::new()], 1));
    }
}
