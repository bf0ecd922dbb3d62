//! Hand-built IR for the OpenAPI emitter's unit tests.

use crate::ir::{Api, Index, Param, Segment, Text};

/// A String parameter read from a wire name (`DataDisk.N.Size`, `Filter.1.Key`), optional, no rules.
pub fn param(wire: &str) -> Param {
    let path = wire.split('.').fold(Vec::<Segment>::new(), |mut path, part| {
        match (part, path.last_mut()) {
            ("N" | "n", Some(last)) => last.index = Index::Each,
            (n, Some(last)) if n.parse::<u32>().is_ok() => last.index = Index::Literal(n.parse().unwrap()),
            _ => path.push(Segment { name: part.to_owned(), index: Index::None }),
        }
        path
    });
    Param {
        wire_name: wire.to_owned(),
        path,
        doc_type: "String".into(),
        ty: crate::ir::ScalarType::String,
        required: false,
        example: None,
        description: text(""),
        position: Default::default(),
        position_from: Default::default(),
        line: 1,
        constraints: Vec::new(),
        secret: None,
    }
}

pub fn text(plain: &str) -> Text {
    Text { markdown: plain.to_owned(), plain: plain.to_owned() }
}

/// An API with nothing but a name.
pub fn api(name: &str) -> Api {
    Api {
        name: name.to_owned(),
        source: format!("spec/ecs/{name}.md"),
        summary: format!("Does {name}."),
        ..Default::default()
    }
}
