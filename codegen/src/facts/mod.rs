//! Facts about an API that emitters must not re-derive: which values are secret, whether the
//! operation is safe to repeat, which parameter makes a retry safe. Each is decided once, here,
//! from the docs (with the evidence recorded in the IR), then `[[fact]]` overrides apply.

pub mod client_token;
pub mod idempotence;
pub mod overrides;
pub mod secret;

use crate::diag::Diagnostics;
use crate::ir::{Api, Field, FieldShape, ScalarType};

pub use overrides::{FactKind, FactOverride};

/// Decides every fact of `api`, then applies the overrides that target it.
pub fn decide(api: &mut Api, overrides: &[FactOverride], diags: &mut Diagnostics) {
    for param in &mut api.request {
        let name = param.path.last().map_or(param.wire_name.as_str(), |s| s.name.as_str());
        param.secret = secret::decide(name, Some(param.ty), &param.description.plain);
    }
    decide_fields(&mut api.response);
    api.idempotent = idempotence::decide(&api.summary);
    api.client_token = client_token::decide(&api.request);
    overrides::apply(api, overrides, diags);
}

fn decide_fields(fields: &mut [Field]) {
    for field in fields {
        field.secret = secret::decide(&field.name, field_scalar(field), &field.description.plain);
        if let FieldShape::Struct { fields } | FieldShape::Array { fields, .. } = &mut field.shape {
            decide_fields(fields);
        }
    }
}

/// The scalar type of a response field's values, if it holds scalars.
pub fn field_scalar(field: &Field) -> Option<ScalarType> {
    match &field.shape {
        FieldShape::Scalar { ty } | FieldShape::ScalarList { ty, .. } => Some(*ty),
        FieldShape::Struct { .. } | FieldShape::Array { .. } => None,
    }
}
