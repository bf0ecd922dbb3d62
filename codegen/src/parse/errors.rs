//! Reads error-code tables into [`ErrorRow`]s, duplicates kept.

use super::blocks::Table;
use super::columns::Columns;
use super::inline::plain;
use super::table::fitted_rows;
use crate::diag::Diagnostics;
use crate::ir::ErrorRow;

/// Reads every row of an error table, in order. Rows without a code are skipped with a warning.
pub fn error_rows(table: &Table, columns: &Columns, diags: &mut Diagnostics) -> Vec<ErrorRow> {
    let mut out = Vec::new();
    for row in fitted_rows(table, columns, diags) {
        let code = plain(row.cell(columns.code));
        if code.is_empty() {
            diags.warning(row.line, "error row has no error code; row skipped");
            continue;
        }
        let status_cell = plain(row.cell(columns.status));
        let status = status_cell.trim().parse::<u16>().ok();
        if status.is_none() && !status_cell.trim().is_empty() {
            diags.warning(row.line, format!("HTTP status `{status_cell}` is not a number"));
        }
        out.push(ErrorRow {
            status,
            code,
            message: plain(row.cell(columns.message)),
            description: plain(row.cell(columns.description)),
            line: row.line,
        });
    }
    out
}
