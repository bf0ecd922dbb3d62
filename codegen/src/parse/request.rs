//! Reads request-parameter tables into [`Param`]s.

use super::blocks::Table;
use super::columns::Columns;
use super::inline::{plain, text};
use super::table::fitted_rows;
use super::wire_name;
use crate::diag::Diagnostics;
use crate::ir::{Index, Param, ScalarType, Segment};

/// Reads every row of a request table, in order. Rows without a name are skipped with a warning.
pub fn params(table: &Table, columns: &Columns, diags: &mut Diagnostics) -> Vec<Param> {
    if columns.ty.is_none() {
        diags.warning(table.line, "request table has no Type column; every parameter is read as String");
    }
    if columns.required.is_none() {
        diags
            .warning(table.line, "request table has no Required column; every parameter is read as optional");
    }
    let mut out = Vec::new();
    for row in fitted_rows(table, columns, diags) {
        let wire_name = plain(row.cell(columns.name)).split_whitespace().collect::<Vec<_>>().join(" ");
        if wire_name.is_empty() {
            diags.warning(row.line, "request row has no parameter name; row skipped");
            continue;
        }
        let doc_type = plain(row.cell(columns.ty));
        let ty = scalar_type(&doc_type, columns.ty.is_some(), row.line, diags);
        let required = match columns.required {
            Some(_) => required(row.cell(columns.required), row.line, diags),
            None => false,
        };
        let path = wire_name::path(&wire_name)
            .unwrap_or_else(|| vec![Segment { name: wire_name.clone(), index: Index::None }]);
        let example = Some(plain(row.cell(columns.example))).filter(|e| !e.is_empty());
        let position = Some(plain(row.cell(columns.position))).filter(|p| !p.is_empty());
        out.push(Param {
            wire_name,
            path,
            doc_type,
            ty,
            required,
            example,
            description: text(row.cell(columns.description)),
            position,
            line: row.line,
            constraints: Vec::new(),
        });
    }
    out
}

/// The scalar type of a request Type cell; unknown or empty types read as String with a warning.
fn scalar_type(doc_type: &str, has_column: bool, line: usize, diags: &mut Diagnostics) -> ScalarType {
    if let Some(ty) = ScalarType::from_doc(doc_type) {
        return ty;
    }
    let t = doc_type.trim().to_ascii_lowercase();
    if ["list", "array", "array of string"].contains(&t.as_str()) {
        return ScalarType::String;
    }
    if has_column {
        if doc_type.is_empty() {
            diags.warning(line, "request parameter has an empty type; read as String");
        } else {
            diags.warning(line, format!("unknown request parameter type `{doc_type}`; read as String"));
        }
    }
    ScalarType::String
}

/// Reads a Required cell (`Yes`, `No`, `Optional`, `Required`, `TRUE`, `\\No`, …).
pub fn required(cell: &str, line: usize, diags: &mut Diagnostics) -> bool {
    let word: String = plain(cell).to_ascii_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    match word.as_str() {
        "yes" | "y" | "true" | "required" | "mandatory" | "是" => true,
        "no" | "n" | "false" | "optional" | "否" => false,
        _ => {
            diags.warning(line, format!("unreadable Required cell `{cell}`; read as optional"));
            false
        }
    }
}
