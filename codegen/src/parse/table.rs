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
