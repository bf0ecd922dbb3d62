//! IR scalar types as JSON Schema types, and doc strings (examples, enum values, defaults) as typed JSON.

use serde_json::Value;

use super::tree::Object;
use crate::ir::ScalarType;

/// `type` (and `format`, where OpenAPI names one) of a scalar.
pub fn type_keywords(ty: ScalarType) -> Object<'static> {
    let mut map = Object::new();
    let Some((ty, format)) = type_and_format(ty) else { return map };
    map.push_new("type", ty);
    if let Some(format) = format {
        map.push_new("format", format);
    }
    map
}

/// The JSON Schema `type` of a scalar; `None` for any JSON value.
pub fn json_type(ty: ScalarType) -> Option<&'static str> {
    type_and_format(ty).map(|(ty, _)| ty)
}

fn type_and_format(ty: ScalarType) -> Option<(&'static str, Option<&'static str>)> {
    Some(match ty {
        // Any JSON value: no `type` keyword.
        ScalarType::Json => return None,
        ScalarType::String => ("string", None),
        ScalarType::Integer => ("integer", Some("int32")),
        ScalarType::Long => ("integer", Some("int64")),
        ScalarType::Float => ("number", Some("float")),
        ScalarType::Double => ("number", Some("double")),
        ScalarType::Boolean => ("boolean", None),
    })
}

/// A value written in the docs as the JSON value of type `ty`; `None` when it is not one.
pub fn typed_value(ty: ScalarType, text: &str) -> Option<Value> {
    let text = text.trim();
    match ty {
        ScalarType::String => Some(Value::String(text.to_owned())),
        ScalarType::Integer | ScalarType::Long => text.parse::<i64>().ok().map(Value::from),
        ScalarType::Float | ScalarType::Double => {
            if let Ok(int) = text.parse::<i64>() {
                return Some(Value::from(int));
            }
            text.parse::<f64>().ok().filter(|f| f.is_finite()).map(Value::from)
        }
        ScalarType::Json => serde_json::from_str(text).ok(),
        ScalarType::Boolean => match text.to_ascii_lowercase().as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
    }
}

/// Whether `value` is an instance of JSON Schema type `ty` (`integer` admits `3.0`, as in JSON Schema).
pub fn is_instance_of(ty: &str, value: &Value) -> bool {
    match ty {
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "null" => value.is_null(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn doc_strings_become_typed_values_or_nothing() {
        assert_eq!(typed_value(ScalarType::Integer, " 200 "), Some(json!(200)));
        assert_eq!(typed_value(ScalarType::Integer, "1.5"), None);
        assert_eq!(typed_value(ScalarType::Double, "0.5"), Some(json!(0.5)));
        assert_eq!(typed_value(ScalarType::Float, "3"), Some(json!(3)));
        assert_eq!(typed_value(ScalarType::Boolean, "False"), Some(json!(false)));
        assert_eq!(typed_value(ScalarType::Boolean, "yes"), None);
        assert_eq!(typed_value(ScalarType::String, "cn-hangzhou"), Some(json!("cn-hangzhou")));
    }

    #[test]
    fn integer_admits_whole_floats_like_json_schema() {
        assert!(is_instance_of("integer", &json!(3.0)));
        assert!(!is_instance_of("integer", &json!(3.5)));
        assert!(is_instance_of("number", &json!(3)));
        assert!(!is_instance_of("string", &json!(3)));
    }
}
