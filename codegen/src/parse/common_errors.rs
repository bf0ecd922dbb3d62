//! Reads the error-code tables of a guide page: the codes every API of the product may return.
//!
//! A guide table is an error-code table when it has an error-code column and an HTTP status
//! column, and its code column's header, the heading above it or the page title speaks of
//! errors. The message is the message column, else the description column, else a second column
//! headed "Error code" (ECS's *Response results* pages head the message column so: a doc slip,
//! reported as a warning).

use super::blocks::{Block, Table};
use super::columns::{role_of, Columns, Role};
use super::inline::plain;
use super::table::fitted_rows;
use crate::diag::Diagnostics;

/// One row of a guide's error-code table, with its line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CommonErrorClaim {
    pub status: Option<u16>,
    pub code: String,
    pub message: String,
    pub line: usize,
}

/// Every row of every error-code table of a guide page, in page order.
pub fn common_errors(
    blocks: &[Block],
    title: Option<&str>,
    diags: &mut Diagnostics,
) -> Vec<CommonErrorClaim> {
    let mut out = Vec::new();
    let mut heading = title.unwrap_or_default().to_owned();
    for block in blocks {
        match block {
            Block::Heading(h) => heading = h.text.clone(),
            Block::Table(table) => out.extend(table_rows(table, &heading, title, diags)),
            Block::Code(_) | Block::Text { .. } => {}
        }
    }
    out
}

fn speaks_of_errors(text: &str) -> bool {
    text.to_ascii_lowercase().contains("error")
}

fn table_rows(
    table: &Table,
    heading: &str,
    title: Option<&str>,
    diags: &mut Diagnostics,
) -> Vec<CommonErrorClaim> {
    let columns = Columns::from_header(&table.header);
    let (Some(code), Some(status)) = (columns.code, columns.status) else { return Vec::new() };
    let about_errors = speaks_of_errors(&table.header[code])
        || speaks_of_errors(heading)
        || title.is_some_and(speaks_of_errors);
    if !about_errors {
        return Vec::new();
    }
    let second_code =
        columns.unknown.iter().find(|(_, cell)| role_of(cell) == Some(Role::Code)).map(|(i, _)| *i);
    let message = columns.message.or(columns.description).or_else(|| {
        let column = second_code?;
        diags.warning(
            table.line,
            format!(
                "error-code table heads two columns `{}`; the second holds the messages and is read as such",
                plain(&table.header[column])
            ),
        );
        Some(column)
    });
    let mut out = Vec::new();
    for row in fitted_rows(table, &columns, diags) {
        let code = plain(row.cell(Some(code)));
        if code.is_empty() {
            diags.warning(row.line, "error row has no error code; row skipped");
            continue;
        }
        let status_cell = plain(row.cell(Some(status)));
        let status = status_cell.trim().parse::<u16>().ok();
        if status.is_none() && !status_cell.trim().is_empty() {
            diags.warning(row.line, format!("HTTP status `{status_cell}` is not a number"));
        }
        out.push(CommonErrorClaim { status, code, message: plain(row.cell(message)), line: row.line });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::blocks::blocks;

    fn read(page: &str) -> (Vec<CommonErrorClaim>, Vec<String>) {
        let mut diags = Diagnostics::new("g.md");
        let found = common_errors(&blocks(page), Some("Guide"), &mut diags);
        (found, diags.into_vec().iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn a_mislabelled_message_column_is_read_with_a_warning() {
        let (rows, warnings) = read(
            "## Common error codes\n\n|Error code|HTTP status code|Error code|\n|:--|:--|:--|\n\
             |Throttling|400|Too many requests.|\n|InternalError|500|Unknown error.|\n",
        );
        let got: Vec<_> =
            rows.iter().map(|r| (r.status, r.code.as_str(), r.message.as_str(), r.line)).collect();
        assert_eq!(
            got,
            [
                (Some(400), "Throttling", "Too many requests.", 5),
                (Some(500), "InternalError", "Unknown error.", 6)
            ]
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("g.md:3: warning: error-code table heads two columns `Error code`"));
    }

    #[test]
    fn description_is_the_message_when_no_message_column() {
        let (rows, warnings) = read(
            "## Server errors\n\n|Error code|Description|HTTP status code|Meaning|\n|--|--|--|--|\n\
             |ServiceUnavailable|The request has failed.|503|Unavailable.|\n",
        );
        assert_eq!(rows[0].message, "The request has failed.");
        assert_eq!(rows[0].status, Some(503));
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn tables_that_are_not_about_errors_are_not_read() {
        let mut diags = Diagnostics::new("g.md");
        let page = "## Disk categories\n\n|Category|Code|HTTP status|\n|--|--|--|\n|Basic|cloud|200|\n\
                    \n|Name|Type|\n|--|--|\n|A|B|\n";
        assert!(common_errors(&blocks(page), Some("Disks"), &mut diags).is_empty());
    }
}
