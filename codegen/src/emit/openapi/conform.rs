//! Checks a JSON value against a response schema (the `type`/`properties`/`items` subset the emitter writes).

use serde_json::Value;

use super::scalar::is_instance_of;
use super::tree::Json;

/// The first place where `value` does not fit `schema`, as `$.Path[0].Key: why`; `None` when it fits.
pub fn mismatch(schema: &Json, value: &Value) -> Option<String> {
    walk(schema, value, "$")
}

fn walk(schema: &Json, value: &Value, at: &str) -> Option<String> {
    if let Some(ty) = schema.get("type").and_then(Json::as_str) {
        if !is_instance_of(ty, value) {
            return Some(format!("{at}: expected {ty}, found {}", kind(value)));
        }
    }
    if let (Some(properties), Some(object)) =
        (schema.get("properties").and_then(Json::as_object), value.as_object())
    {
        for (key, sub) in properties.iter() {
            if let Some(found) = object.get(key).and_then(|v| walk(sub, v, &format!("{at}.{key}"))) {
                return Some(found);
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            if let Some(found) = walk(items, item, &format!("{at}[{i}]")) {
                return Some(found);
            }
        }
    }
    None
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::openapi::tree::tree;
    use serde_json::json;

    #[test]
    fn finds_the_first_misfit_with_its_path() {
        let schema = tree!({"type": "object", "properties": {
            "Sets": {"type": "object", "properties": {"Set": {"type": "array", "items": {"type": "integer"}}}},
            "RequestId": {"type": "string"}
        }});
        assert_eq!(mismatch(&schema, &json!({"Sets": {"Set": [1, 2]}, "Other": null})), None);
        assert_eq!(
            mismatch(&schema, &json!({"Sets": {"Set": [1, "2"]}})),
            Some("$.Sets.Set[1]: expected integer, found string".into())
        );
        assert_eq!(mismatch(&schema, &json!([])), Some("$: expected object, found array".into()));
    }
}
