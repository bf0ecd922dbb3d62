//! Reads request-parameter tables into [`Param`]s.

use super::blocks::Table;
use super::columns::Columns;
use super::inline::{plain, text};
use super::table::fitted_rows;
use super::{body, positions, wire_name};
use crate::diag::Diagnostics;
use crate::ir::{Index, Param, Position, PositionFrom, QueryPair, ScalarType, Segment};

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
        // A `…ListType` read with its member table is a list (`add_table`).
        let named_list = is_named_list_type(&p.doc_type) && p.path.iter().any(|s| s.index == Index::Each);
        if !p.doc_type.is_empty()
            && request_scalar(&p.doc_type).is_none()
            && !is_list_type(&p.doc_type)
            && !body_type
            && !named_list
        {
            diags.warning(p.line, format!("unknown request parameter type `{}`; read as String", p.doc_type));
        }
    }
}

/// Adds a request table's parameters to `request`. A later table that lists the members of an
/// earlier parameter's data type takes the place of that parameter's row:
/// - introduced by a paragraph that names the type (`Configuration.N|Configuration` and "…the
///   Configuration data type"): the members are `Configuration.N.<Name>`;
/// - right after the table (no paragraph between), when one earlier parameter's Type is a named
///   type (`OrderActivateParam|OrderActivateParamType`, `DomainName|DomainNameListType`): the
///   members are `OrderActivateParam.N.<Name>` when the sample request numbers the parameter
///   (`OrderActivateParam.1.DomainName=`), and a `…ListType` of one scalar member is a list of
///   that scalar, named as the sample request numbers it (`DomainName.N`; `Ips` with the member
///   `ip` and the sample `Ip.1=` is `Ip.N`, with a warning).
pub fn add_table(
    request: &mut Vec<Param>,
    table: &Table,
    columns: &Columns,
    intro: Option<&str>,
    sample: &[QueryPair],
    diags: &mut Diagnostics,
) {
    let mut members = params(table, columns, diags);
    if body::has_child_rows(&members) {
        let line = table.line;
        members = body::nest(members, None, false, line, diags).0;
    }
    let group_at = match intro {
        Some(intro) => group_named_in(request, intro),
        None => type_table_of(request),
    };
    let Some(at) = group_at else {
        request.extend(members);
        return;
    };
    let group = request.remove(at);
    if intro.is_none() && is_named_list_type(&group.doc_type) {
        if let [member] = &members[..] {
            if member.path.len() == 1 {
                let list = scalar_list(group, member, sample, table.line, diags);
                request.insert(at, list);
                return;
            }
        }
    }
    let prefix = if intro.is_none() && numbered_in(sample, &group.wire_name) {
        format!("{}.N", group.wire_name)
    } else {
        group.wire_name.clone()
    };
    diags.note(
        group.line,
        format!(
            "`{}` ({}) is read as the group of the {} parameters in the table on line {}",
            prefix,
            group.doc_type,
            members.len(),
            table.line
        ),
    );
    for member in &mut members {
        member.wire_name = format!("{prefix}.{}", member.wire_name);
        member.path = wire_name::path(&member.wire_name)
            .unwrap_or_else(|| vec![Segment { name: member.wire_name.clone(), index: Index::None }]);
    }
    request.splice(at..at, members);
}

/// The one parameter whose Type names a data type (`OrderActivateParamType`, `IpListType`) that no
/// table has given members yet: a table right after its own lists them.
fn type_table_of(request: &[Param]) -> Option<usize> {
    let mut typed = request.iter().enumerate().filter(|(_, p)| {
        let t = p.doc_type.as_str();
        t.len() > 4
            && t.chars().all(|c| c.is_ascii_alphanumeric())
            && t.starts_with(|c: char| c.is_ascii_uppercase())
            && t.get(t.len() - 4..).is_some_and(|end| end.eq_ignore_ascii_case("type"))
            && p.path.len() == 1
            && p.path[0].index == Index::None
    });
    match (typed.next(), typed.next()) {
        (Some((at, _)), None) => Some(at),
        _ => None,
    }
}

/// A data type named as a list (`DomainNameListType`).
fn is_named_list_type(doc_type: &str) -> bool {
    doc_type.ends_with("ListType")
}

/// Whether the sample request numbers `name` (`DomainName.1=`, `OrderActivateParam. 1. DomainName=`:
/// spaces in a key are the docs' typesetting).
fn numbered_in(sample: &[QueryPair], name: &str) -> bool {
    sample.iter().any(|pair| {
        let key: String = pair.key.chars().filter(|c| !c.is_whitespace()).collect();
        key.strip_prefix(name)
            .and_then(|rest| rest.strip_prefix('.'))
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// A `…ListType` parameter with its one scalar member: a list of that scalar, `<Name>.N`, named
/// as the sample request numbers it: the parameter's own name, else its member's capitalised.
fn scalar_list(
    group: Param,
    member: &Param,
    sample: &[QueryPair],
    line: usize,
    diags: &mut Diagnostics,
) -> Param {
    let member_name = {
        let mut chars = member.wire_name.chars();
        chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
    };
    let name = if !numbered_in(sample, &group.wire_name) && numbered_in(sample, &member_name) {
        diags.warning(
            group.line,
            format!(
                "`{}` ({}) lists `{}` (table on line {line}), and the sample request numbers `{member_name}`, not `{}`; read as `{member_name}.N`",
                group.wire_name, group.doc_type, member.wire_name, group.wire_name
            ),
        );
        member_name
    } else {
        group.wire_name.clone()
    };
    let wire_name = format!("{name}.N");
    diags.note(
        group.line,
        format!(
            "`{}` ({}) is read as `{wire_name}`, a list of {:?} (its member in the table on line {line})",
            group.wire_name, group.doc_type, member.ty
        ),
    );
    Param {
        path: wire_name::path(&wire_name)
            .unwrap_or_else(|| vec![Segment { name: wire_name.clone(), index: Index::None }]),
        wire_name,
        ty: member.ty,
        ..group
    }
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
