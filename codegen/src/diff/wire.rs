//! How an operation goes on the wire: style, ROA method, path and body, and each parameter's position.

use std::collections::BTreeMap;

use super::change::{Change, ChangeKind};
use crate::ir::{Api, Body, BodyEncoding, Position, Wire};

/// Compares the wire form of two versions of one API.
pub fn compare_wire(api: &str, old: &Api, new: &Api, changes: &mut Vec<Change>) {
    match (&old.wire, &new.wire) {
        (Wire::Rpc, Wire::Rpc) => {}
        (Wire::Roa(o), Wire::Roa(n)) => {
            if o.method != n.method {
                changes.push(
                    Change::new(api, ChangeKind::MethodChanged, api, "")
                        .values(o.method.as_str(), n.method.as_str()),
                );
            }
            if o.path != n.path {
                changes.push(Change::new(api, ChangeKind::PathChanged, api, "").values(&o.path, &n.path));
            }
            let (ob, nb) = (body_form(o.body.as_ref()), body_form(n.body.as_ref()));
            if o.body.is_some() && n.body.is_some() && ob != nb {
                changes.push(Change::new(api, ChangeKind::BodyChanged, api, "").values(ob, nb));
            }
        }
        (o, n) => {
            changes.push(Change::new(api, ChangeKind::StyleChanged, api, "").values(style(o), style(n)));
            return;
        }
    }
    let old_positions: BTreeMap<&str, Position> =
        old.request.iter().map(|p| (p.wire_name.as_str(), p.position)).collect();
    for param in &new.request {
        match old_positions.get(param.wire_name.as_str()) {
            Some(before) if *before != param.position => changes.push(
                Change::new(api, ChangeKind::PositionChanged, &param.wire_name, "")
                    .values(position(*before), position(param.position)),
            ),
            _ => {}
        }
    }
}

fn style(wire: &Wire) -> String {
    match wire {
        Wire::Rpc => "RPC".to_owned(),
        Wire::Roa(r) => format!("ROA {} {}", r.method.as_str(), r.path),
    }
}

fn position(p: Position) -> &'static str {
    match p {
        Position::Query => "query",
        Position::Path => "path",
        Position::Header => "header",
        Position::Body => "body",
    }
}

fn body_form(body: Option<&Body>) -> String {
    let Some(body) = body else { return "none".to_owned() };
    let encoding = match body.encoding {
        BodyEncoding::Json => "JSON",
        BodyEncoding::Form => "form",
    };
    match &body.whole {
        Some(whole) => format!("{encoding} array `{whole}`"),
        None => format!("{encoding} object"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::diff_apis;
    use crate::diff::test_ir::{api, param};
    use crate::ir::{HttpMethod, Roa, ScalarType};

    fn roa(method: HttpMethod, path: &str) -> Wire {
        Wire::Roa(Roa {
            method,
            methods: vec![],
            path: path.into(),
            path_params: vec![],
            body: Some(Body { encoding: BodyEncoding::Json, whole: None, example: None, line: 1 }),
            line: 1,
        })
    }

    #[test]
    fn method_path_position_and_style_changes_break_the_wire() {
        let mut a = api("A", vec![param("name", ScalarType::String, "n")]);
        a.wire = roa(HttpMethod::Put, "/things/[Id]");
        let mut b = a.clone();
        b.wire = roa(HttpMethod::Post, "/openapi/things/[Id]");
        b.request[0].position = Position::Body;
        let diff = diff_apis(&[a.clone()], &[b]);
        let got: Vec<(&str, &str, &str, bool, bool)> = diff
            .changes
            .iter()
            .map(|c| (c.kind.slug(), c.name.as_str(), c.detail.as_str(), c.breaking_wire, c.breaking_semver))
            .collect();
        assert_eq!(
            got,
            [
                ("method-changed", "A", "PUT → POST", true, false),
                ("path-changed", "A", "/things/[Id] → /openapi/things/[Id]", true, false),
                ("position-changed", "name", "query → body", true, false),
            ]
        );
        let mut rpc = a.clone();
        rpc.wire = Wire::Rpc;
        let diff = diff_apis(&[rpc], &[a]);
        assert_eq!(diff.changes.len(), 1);
        assert_eq!((diff.changes[0].kind.slug(), diff.changes[0].breaking_semver), ("style-changed", true));
        assert_eq!(diff.changes[0].detail, "RPC → ROA PUT /things/[Id]");
    }
}
