//! How the IR's facts show in the document: secrets as `format: password` with
//! `x-alibaba-secret`, idempotence and client tokens as operation extensions, common errors on
//! the product's tag.

use super::tree::{tree, Json, Object};
use crate::ir::{Api, Fact, Product};

/// Marks a secret value's schema `format: password` (unless it has a format already) and returns
/// the `x-alibaba-secret` value (the IR fact's evidence) to put beside it; `None` when not secret.
pub fn mark_schema<'a>(fact: Option<&'a Fact>, schema: &mut Object) -> Option<Json<'a>> {
    let fact = fact.filter(|f| f.value)?;
    if !schema.contains_key("format") && schema.get("type").and_then(Json::as_str) == Some("string") {
        schema.push_new("format", "password");
    }
    Some(tree!({"from": Json::serialized(&fact.from), "why": &fact.why}))
}

/// `x-alibaba-idempotent` (always) and `x-alibaba-client-token` (when the IR has one).
pub fn operation_facts(api: &Api, op: &mut Object) {
    op.push_new("x-alibaba-idempotent", Json::serialized(&api.idempotent));
    if let Some(token) = &api.client_token {
        op.push_new("x-alibaba-client-token", Json::serialized(token));
    }
}

/// The product's tag, with its common error codes when its guides list any.
pub fn tag(product: &Product) -> Json<'_> {
    let mut tag = Object::new();
    tag.push_new("name", &product.meta.code);
    tag.push_new("description", &product.meta.name);
    if !product.meta.common_errors.is_empty() {
        let rows: Vec<Json> = product
            .meta
            .common_errors
            .iter()
            .map(|e| tree!({"status": e.status, "code": &e.code, "message": &e.message}))
            .collect();
        tag.push_new("x-alibaba-common-errors", rows);
    }
    Json::Object(tag)
}
