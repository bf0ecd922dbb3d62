//! How the IR's facts show in the document: secrets as `format: password` with
//! `x-alibaba-secret`, idempotence and client tokens as operation extensions, common errors on
//! the product's tag.

use serde_json::{json, Map, Value};

use crate::ir::{Api, Fact, Product};

/// Marks a secret value's schema `format: password` (unless it has a format already) and returns
/// the `x-alibaba-secret` value (the IR fact's evidence) to put beside it; `None` when not secret.
pub fn mark_schema(fact: Option<&Fact>, schema: &mut Map<String, Value>) -> Option<Value> {
    let fact = fact.filter(|f| f.value)?;
    if !schema.contains_key("format") && schema.get("type") == Some(&json!("string")) {
        schema.insert("format".into(), json!("password"));
    }
    Some(json!({"from": fact.from, "why": fact.why}))
}

/// `x-alibaba-idempotent` (always) and `x-alibaba-client-token` (when the IR has one).
pub fn operation_facts(api: &Api, op: &mut Map<String, Value>) {
    op.insert("x-alibaba-idempotent".into(), json!(api.idempotent));
    if let Some(token) = &api.client_token {
        op.insert("x-alibaba-client-token".into(), json!(token));
    }
}

/// The product's tag, with its common error codes when its guides list any.
pub fn tag(product: &Product) -> Value {
    let mut tag = json!({"name": product.meta.code, "description": product.meta.name});
    if !product.meta.common_errors.is_empty() {
        let rows: Vec<Value> = product
            .meta
            .common_errors
            .iter()
            .map(|e| json!({"status": e.status, "code": e.code, "message": e.message}))
            .collect();
        tag["x-alibaba-common-errors"] = Value::Array(rows);
    }
    tag
}
