//! Reads request-parameter tables into [`Param`]s.

use super::blocks::Table;
use super::columns::Columns;
use super::inline::{plain, text};
use super::table::fitted_rows;
use super::{body, positions, wire_name};
use crate::diag::Diagnostics;
use crate::ir::{Index, Param, Position, PositionFrom, ScalarType, Segment};

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
        let cell = plain(row.cell(columns.position));
        let (position, position_from) = match positions::from_cell(&cell) {
            Some(position) => (position, PositionFrom::Column),
            None if cell.is_empty() => (Position::Query, PositionFrom::Default),
            None => {
                diags.warning(row.line, format!("unknown Position `{cell}`; read as Query"));
                (Position::Query, PositionFrom::Default)
            }
        };
        out.push(Param {
            wire_name,
            path,
            doc_type,
            ty,
            required,
            example,
            description: text(row.cell(columns.description)),
            position,
            position_from,
            line: row.line,
            constraints: Vec::new(),
            secret: None,
        });
    }
    out
}

/// The scalar type of a request Type cell; unknown or empty types read as String (empty ones with
/// a warning here, unknown ones in [`warn_unknown_types`] once sub-tables are resolved).
fn scalar_type(doc_type: &str, has_column: bool, line: usize, diags: &mut Diagnostics) -> ScalarType {
    if let Some(ty) = request_scalar(doc_type) {
        return ty;
    }
    if has_column && doc_type.is_empty() {
        diags.warning(line, "request parameter has an empty type; read as String");
    }
    ScalarType::String
}

/// The scalar a request Type cell names: the shared ones, and `Json`, a JSON value sent as its text
/// (ECS `Parameters={"name":"Jack"}`, ROS `RegionIds=["cn-hangzhou","cn-beijing"]`). Only here: in a
/// body table, `Json` heads a group whose members may follow (`body::shape_of`).
fn request_scalar(doc_type: &str) -> Option<ScalarType> {
    ScalarType::from_doc(doc_type)
        .or_else(|| doc_type.trim().eq_ignore_ascii_case("json").then_some(ScalarType::Json))
}

/// True for Type cells that name a list of strings rather than a scalar (list-ness comes from `.N`).
fn is_list_type(doc_type: &str) -> bool {
    ["list", "array", "array of string"].contains(&doc_type.trim().to_ascii_lowercase().as_str())
}

/// Warns about every parameter whose Type cell is not a known type (body parameters' group and
/// list types are known: `body::shape_of`).
pub fn warn_unknown_types(params: &[Param], diags: &mut Diagnostics) {
    for p in params {
        // Body tables warn about their own types (`body::nest`).
        let body_type = p.position == Position::Body
            && (body::shape_of(&p.doc_type).is_some() || p.position_from == PositionFrom::BodyTable);
        if !p.doc_type.is_empty()
            && request_scalar(&p.doc_type).is_none()
            && !is_list_type(&p.doc_type)
            && !body_type
        {
            diags.warning(p.line, format!("unknown request parameter type `{}`; read as String", p.doc_type));
        }
    }
}

/// Adds a request table's parameters to `request`. A later table introduced by a paragraph that
/// names an earlier parameter's data type (`Configuration.N|Configuration` and "…the
/// Configuration data type") lists that parameter's members: they are read as
/// `Configuration.N.<Name>` and take the place of the group row.
pub fn add_table(
    request: &mut Vec<Param>,
    table: &Table,
    columns: &Columns,
    intro: Option<&str>,
    diags: &mut Diagnostics,
) {
    let mut members = params(table, columns, diags);
    if body::has_child_rows(&members) {
        let line = table.line;
        members = body::nest(members, None, false, line, diags).0;
    }
    let Some(at) = intro.and_then(|intro| group_named_in(request, intro)) else {
        request.extend(members);
        return;
    };
    let group = request.remove(at);
    diags.note(
        group.line,
        format!(
            "`{}` ({}) is read as the group of the {} parameters in the table on line {}",
            group.wire_name,
            group.doc_type,
            members.len(),
            table.line
        ),
    );
    for member in &mut members {
        member.wire_name = format!("{}.{}", group.wire_name, member.wire_name);
        member.path = wire_name::path(&member.wire_name)
            .unwrap_or_else(|| vec![Segment { name: member.wire_name.clone(), index: Index::None }]);
    }
    request.splice(at..at, members);
}

/// The parameter whose (non-scalar) Type is a word of `intro`.
fn group_named_in(request: &[Param], intro: &str) -> Option<usize> {
    let words: Vec<&str> = intro.split(|c: char| !c.is_alphanumeric() && c != '_').collect();
    request.iter().position(|p| {
        !p.doc_type.is_empty()
            && ScalarType::from_doc(&p.doc_type).is_none()
            && !is_list_type(&p.doc_type)
            && words.contains(&p.doc_type.as_str())
    })
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
