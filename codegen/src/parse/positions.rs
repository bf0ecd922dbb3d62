//! Where each request parameter goes on the wire: the `Position` column, the path template, the
//! RequestBody table.
//!
//! The path template is the contract for path parameters: a `[Name]` the table does not list is
//! added as a required String (the request cannot be sent without it), a row whose Position says
//! `Path` but that the template does not name goes in the query. Both are warned about.

use std::collections::HashMap;

use super::blocks::Table;
use super::body;
use super::columns::Columns;
use super::inline::plain;
use crate::diag::Diagnostics;
use crate::ir::{Index, Param, Position, PositionFrom, Roa, ScalarType, Segment, Text};

/// Reads a Position cell (`Query`, `Path`, `Header`, `Body`, `FormData`); `None` when unknown.
pub fn from_cell(cell: &str) -> Option<Position> {
    let word: String = plain(cell).to_ascii_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    Some(match word.as_str() {
        "query" | "querystring" => Position::Query,
        "path" => Position::Path,
        "header" | "headers" => Position::Header,
        "body" | "formdata" | "form" | "requestbody" => Position::Body,
        _ => return None,
    })
}

/// True when a request table's Position column says `FormData` (a form-encoded body).
pub fn says_form(table: &Table, columns: &Columns) -> bool {
    let Some(at) = columns.position else { return false };
    table.rows.iter().any(|r| {
        r.cells.get(at).is_some_and(|c| {
            let w = plain(c).to_ascii_lowercase();
            w == "formdata" || w == "form"
        })
    })
}

/// Places the parameters of a ROA operation: the path's `[Name]`s, body rows of the request table.
pub fn place_roa(request: &mut Vec<Param>, roa: &Roa, diags: &mut Diagnostics) {
    // First row of each name, and of each name in lower case: one pass, then lookups.
    let mut exact: HashMap<String, usize> = HashMap::new();
    let mut folded: HashMap<String, usize> = HashMap::new();
    for (i, p) in request.iter().enumerate() {
        exact.entry(p.wire_name.clone()).or_insert(i);
        folded.entry(p.wire_name.to_ascii_lowercase()).or_insert(i);
    }
    for name in &roa.path_params {
        let found = exact.get(name).copied().or_else(|| {
            let at = *folded.get(&name.to_ascii_lowercase())?;
            diags.warning(
                request[at].line,
                format!(
                    "the path names `[{name}]` and the table `{}`; read as that parameter",
                    request[at].wire_name
                ),
            );
            Some(at)
        });
        match found {
            Some(at) => {
                let p = &mut request[at];
                if p.position_from == PositionFrom::Column && p.position != Position::Path {
                    diags.warning(
                        p.line,
                        format!(
                            "`{}` is in the path template but its Position says {:?}; read as Path",
                            p.wire_name, p.position
                        ),
                    );
                }
                p.position = Position::Path;
                p.position_from = PositionFrom::Path;
            }
            None => {
                diags.warning(
                    roa.line,
                    format!("the path names `[{name}]`, which the request table does not list; read as a required String"),
                );
                request.push(Param {
                    wire_name: name.clone(),
                    path: vec![Segment { name: name.clone(), index: Index::None }],
                    doc_type: String::new(),
                    ty: ScalarType::String,
                    required: true,
                    example: None,
                    description: Text::default(),
                    position: Position::Path,
                    position_from: PositionFrom::Path,
                    line: roa.line,
                    constraints: Vec::new(),
                    secret: None,
                });
            }
        }
    }
    for p in request.iter_mut() {
        if p.position == Position::Path && p.position_from == PositionFrom::Column {
            diags.warning(
                p.line,
                format!(
                    "`{}` has Position Path but the path template `{}` does not name it; sent in the query",
                    p.wire_name, roa.path
                ),
            );
            p.position = Position::Query;
            p.position_from = PositionFrom::Default;
        }
        if p.position == Position::Body && p.position_from == PositionFrom::Column {
            body::shape_body_row(p);
        }
        if p.position == Position::Path && !p.required {
            diags.warning(p.line, format!("path parameter `{}` is documented as optional; it is required (the path cannot be sent without it)", p.wire_name));
            p.required = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::HttpMethod;

    fn param(name: &str, position: Position, from: PositionFrom) -> Param {
        Param {
            wire_name: name.into(),
            path: vec![Segment { name: name.into(), index: Index::None }],
            doc_type: "String".into(),
            ty: ScalarType::String,
            required: false,
            example: None,
            description: Text::default(),
            position,
            position_from: from,
            line: 7,
            constraints: Vec::new(),
            secret: None,
        }
    }

    #[test]
    fn the_path_template_places_path_parameters() {
        let roa = Roa {
            method: HttpMethod::Get,
            methods: vec![],
            path: "/i/[InstanceId]/n/[NodeId]".into(),
            path_params: vec!["InstanceId".into(), "NodeId".into()],
            body: None,
            line: 3,
        };
        let mut request = vec![
            param("InstanceId", Position::Query, PositionFrom::Default),
            param("Other", Position::Path, PositionFrom::Column),
            param("list", Position::Body, PositionFrom::Column),
        ];
        request[2].doc_type = "List<String>".into();
        let mut diags = Diagnostics::new("p.md");
        place_roa(&mut request, &roa, &mut diags);
        let placed: Vec<(&str, Position, PositionFrom, bool)> =
            request.iter().map(|p| (p.wire_name.as_str(), p.position, p.position_from, p.required)).collect();
        assert_eq!(
            placed,
            vec![
                ("InstanceId", Position::Path, PositionFrom::Path, true),
                ("Other", Position::Query, PositionFrom::Default, false),
                ("list.N", Position::Body, PositionFrom::Column, false),
                ("NodeId", Position::Path, PositionFrom::Path, true),
            ]
        );
        let messages: Vec<String> = diags.into_vec().iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert_eq!(from_cell("FormData"), Some(Position::Body));
        assert_eq!(from_cell("Host"), None);
    }
}
