//! Hand-built IR for the diff unit tests.

use crate::ir::{
    Api, Constraint, Enforcement, EnumValue, ErrorRow, Field, FieldShape, Param, Rule, ScalarType, Text,
};

fn text(plain: &str) -> Text {
    Text { markdown: plain.to_owned(), plain: plain.to_owned() }
}

/// An optional parameter whose Type cell spells its scalar type.
pub fn param(wire_name: &str, ty: ScalarType, description: &str) -> Param {
    Param {
        wire_name: wire_name.to_owned(),
        path: Vec::new(),
        doc_type: format!("{ty:?}"),
        ty,
        required: false,
        example: None,
        description: text(description),
        position: Default::default(),
        position_from: Default::default(),
        line: 1,
        constraints: Vec::new(),
        secret: None,
    }
}

pub fn required(mut p: Param) -> Param {
    p.required = true;
    p
}

pub fn constraint(rule: Rule) -> Constraint {
    Constraint { rule, source: "a doc sentence".to_owned(), enforcement: Enforcement::Enforced }
}

pub fn enum_values(values: &[(&str, &str)]) -> Vec<EnumValue> {
    values.iter().map(|(v, m)| EnumValue { value: (*v).to_owned(), meaning: (*m).to_owned() }).collect()
}

pub fn field(name: &str, shape: FieldShape) -> Field {
    Field {
        name: name.to_owned(),
        doc_type: String::new(),
        shape,
        example: None,
        description: text(""),
        line: 1,
        secret: None,
    }
}

pub fn error_row(status: Option<u16>, code: &str, message: &str) -> ErrorRow {
    ErrorRow {
        status,
        code: code.to_owned(),
        message: message.to_owned(),
        description: String::new(),
        line: 1,
    }
}

pub fn api(name: &str, request: Vec<Param>) -> Api {
    Api { name: name.to_owned(), source: format!("{name}.md"), request, ..Default::default() }
}
