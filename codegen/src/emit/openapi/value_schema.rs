//! One scalar value's schema: its type plus every enforced rule JSON Schema can state; the rest go to `x-alibaba-rules`.

use serde_json::{json, Value};

use super::tree::{Json, Object};
use super::{pattern, scalar};
use crate::ir::{Constraint, Enforcement, Format, Rule, ScalarType};

/// The schema of one scalar value, kept as rules so examples and defaults can be checked against it.
#[derive(Debug)]
pub struct ValueSchema<'a> {
    ty: ScalarType,
    min_length: Option<u64>,
    max_length: Option<u64>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    allowed: Option<Vec<Value>>,
    text_rules: Vec<&'a Rule>,
    base64: bool,
    default: Option<Value>,
    /// The enforced `.N` count bounds (`RepeatCount`), for the list that holds this value.
    pub repeat: Option<(u32, u32)>,
    /// `x-alibaba-rules` entries: rules not stated by the schema keywords, each saying why.
    unexpressed: Vec<Value>,
}

impl<'a> ValueSchema<'a> {
    pub fn new(ty: ScalarType, constraints: &'a [Constraint]) -> Self {
        let mut schema = Self {
            ty,
            min_length: None,
            max_length: None,
            minimum: None,
            maximum: None,
            allowed: None,
            text_rules: Vec::new(),
            base64: false,
            default: None,
            repeat: None,
            unexpressed: Vec::new(),
        };
        let mut defaults = Vec::new();
        for constraint in constraints {
            if let Enforcement::Unenforced(_) = constraint.enforcement {
                schema.unexpressed.push(unexpressed_entry(constraint, None));
                continue;
            }
            match &constraint.rule {
                Rule::Default { .. } => defaults.push(constraint),
                rule => {
                    if let Err(why) = schema.add(rule) {
                        schema.unexpressed.push(unexpressed_entry(constraint, Some(why)));
                    }
                }
            }
        }
        for constraint in defaults {
            let Rule::Default { value } = &constraint.rule else { continue };
            match schema.value(value) {
                Ok(value) if schema.default.is_none() => schema.default = Some(value),
                Ok(_) => {
                    schema.unexpressed.push(unexpressed_entry(constraint, Some("a second default".into())))
                }
                Err(why) => schema.unexpressed.push(unexpressed_entry(constraint, Some(why))),
            }
        }
        schema
    }

    fn add(&mut self, rule: &'a Rule) -> Result<(), String> {
        match rule {
            Rule::Length { .. } if self.ty != ScalarType::String => {
                return Err("the value is not typed String, and JSON Schema lengths apply to strings".into())
            }
            Rule::Range { .. } if matches!(self.ty, ScalarType::String | ScalarType::Boolean) => {
                return Err(
                    "the value is not typed as a number, and JSON Schema ranges apply to numbers".into()
                )
            }
            Rule::Length { min, max } => {
                self.min_length = tighter(self.min_length, *min, u64::max);
                self.max_length = tighter(self.max_length, *max, u64::min);
            }
            Rule::Range { min, max } => {
                self.minimum = tighter(self.minimum, *min, f64::max);
                self.maximum = tighter(self.maximum, *max, f64::min);
            }
            Rule::OneOf { values } => {
                let mut typed: Vec<Value> = Vec::new();
                for v in values {
                    let value = scalar::typed_value(self.ty, &v.value).ok_or_else(|| self.not_a(&v.value))?;
                    if !typed.contains(&value) {
                        typed.push(value);
                    }
                }
                self.allowed = Some(match self.allowed.take() {
                    Some(before) => before.into_iter().filter(|v| typed.contains(v)).collect(),
                    None => typed,
                });
            }
            Rule::RepeatCount { min, max } => {
                self.repeat = Some(match self.repeat {
                    Some((lo, hi)) => (lo.max(*min), hi.min(*max)),
                    None => (*min, *max),
                });
            }
            Rule::Format { format: Format::Base64 { max_bytes } } => {
                self.base64 = true;
                self.text_rules.push(rule);
                let encoded = max_bytes.map(|n| n.div_ceil(3) * 4);
                self.max_length = tighter(self.max_length, encoded, u64::min);
            }
            rule if pattern::is_text_rule(rule) => self.text_rules.push(rule),
            _ => return Err("a rule between parameters, listed on the parameter".into()),
        }
        Ok(())
    }

    fn not_a(&self, text: &str) -> String {
        format!("`{text}` is not {}", type_name(self.ty))
    }

    /// A doc string (example, default) as a typed value that this schema admits, or why not.
    pub fn value(&self, text: &str) -> Result<Value, String> {
        let value = scalar::typed_value(self.ty, text).ok_or_else(|| self.not_a(text))?;
        self.check(&value)?;
        Ok(value)
    }

    /// Checks a value against the schema the way a JSON Schema validator reads [`Self::keywords`].
    pub fn check(&self, value: &Value) -> Result<(), String> {
        // No `type` keyword (any JSON value) admits every value.
        let ty = scalar::json_type(self.ty);
        if ty.is_some_and(|ty| !scalar::is_instance_of(ty, value)) {
            return Err(format!("{value} is not {}", type_name(self.ty)));
        }
        if let Some(allowed) = &self.allowed {
            if !allowed.contains(value) {
                return Err(format!("{value} is not one of the documented values"));
            }
        }
        if let Some(text) = value.as_str() {
            let length = text.chars().count() as u64;
            if self.min_length.is_some_and(|min| length < min)
                || self.max_length.is_some_and(|max| length > max)
            {
                return Err(format!("{value} has a length outside the documented range"));
            }
            if let Some(rule) = self.text_rules.iter().find(|rule| !pattern::admits(rule, text)) {
                return Err(format!("{value} breaks the rule {}", json!(rule)));
            }
        }
        if let Some(number) = value.as_f64() {
            if self.minimum.is_some_and(|min| number < min) || self.maximum.is_some_and(|max| number > max) {
                return Err(format!("{value} is outside the documented range"));
            }
        }
        Ok(())
    }

    /// The JSON Schema keywords, in a fixed order.
    pub fn keywords(&self) -> Object<'static> {
        let mut map = scalar::type_keywords(self.ty);
        if self.base64 {
            map.push_new("contentEncoding", "base64");
        }
        if let Some(allowed) = &self.allowed {
            map.push_new("enum", Value::Array(allowed.clone()));
        }
        insert_some(&mut map, "minimum", self.minimum.map(number));
        insert_some(&mut map, "maximum", self.maximum.map(number));
        insert_some(&mut map, "minLength", self.min_length);
        insert_some(&mut map, "maxLength", self.max_length);
        insert_some(&mut map, "pattern", pattern::pattern(self.text_rules.iter().copied()));
        insert_some(&mut map, "default", self.default.clone());
        map
    }

    /// `x-alibaba-rules` entries (empty when the keywords say everything).
    pub fn unexpressed(&self) -> &[Value] {
        &self.unexpressed
    }
}

/// Puts the non-empty `x-alibaba-rules` list on a schema or parameter object.
pub fn insert_unexpressed(map: &mut Object, unexpressed: &[Value]) {
    if !unexpressed.is_empty() {
        map.insert("x-alibaba-rules", Value::Array(unexpressed.to_vec()));
    }
}

/// Sets `key` to `value` when there is one.
pub fn insert_some<'a>(map: &mut Object<'a>, key: &'static str, value: Option<impl Into<Json<'a>>>) {
    if let Some(value) = value {
        map.insert(key, value);
    }
}

/// One `x-alibaba-rules` entry: the constraint as in the IR, and why the schema does not state it (if enforced).
pub fn unexpressed_entry(constraint: &Constraint, why: Option<String>) -> Value {
    let mut entry = json!(constraint);
    if let (Some(why), Some(map)) = (why, entry.as_object_mut()) {
        map.insert("not_in_schema_because".into(), Value::String(why));
    }
    entry
}

fn tighter<T: Copy>(before: Option<T>, new: Option<T>, pick: fn(T, T) -> T) -> Option<T> {
    match (before, new) {
        (Some(a), Some(b)) => Some(pick(a, b)),
        (a, b) => a.or(b),
    }
}

/// A bound as JSON: whole numbers without a fraction (`1`, not `1.0`).
fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
}

fn type_name(ty: ScalarType) -> &'static str {
    match ty {
        ScalarType::String => "a string",
        ScalarType::Integer | ScalarType::Long => "an integer",
        ScalarType::Float | ScalarType::Double => "a number",
        ScalarType::Boolean => "a boolean",
        ScalarType::Json => "a JSON value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::EnumValue;

    fn enforced(rule: Rule) -> Constraint {
        Constraint { rule, source: "doc sentence".into(), enforcement: Enforcement::Enforced }
    }

    #[test]
    fn enforced_rules_become_keywords_and_unenforced_ones_are_listed() {
        let constraints = vec![
            enforced(Rule::Range { min: Some(1.0), max: Some(200.0) }),
            enforced(Rule::Default { value: "200".into() }),
            Constraint {
                rule: Rule::Range { min: Some(5.0), max: None },
                source: "maybe".into(),
                enforcement: Enforcement::Unenforced("doubtful".into()),
            },
        ];
        let schema = ValueSchema::new(ScalarType::Integer, &constraints);
        assert_eq!(
            Json::Object(schema.keywords()),
            json!({"type": "integer", "format": "int32", "minimum": 1, "maximum": 200, "default": 200})
        );
        assert_eq!(schema.unexpressed().len(), 1);
        assert_eq!(
            schema.unexpressed()[0]["enforcement"],
            json!({"status": "unenforced", "reason": "doubtful"})
        );
        assert_eq!(schema.value("5"), Ok(json!(5)));
        assert!(schema.value("201").is_err());
        assert!(schema.value("five").is_err());
    }

    #[test]
    fn enums_are_typed_and_a_default_outside_them_is_not_stated() {
        let values =
            ["true", "false", "true"].map(|v| EnumValue { value: v.into(), meaning: String::new() }).to_vec();
        let constraints =
            vec![enforced(Rule::OneOf { values }), enforced(Rule::Default { value: "maybe".into() })];
        let schema = ValueSchema::new(ScalarType::Boolean, &constraints);
        assert_eq!(Json::Object(schema.keywords()), json!({"type": "boolean", "enum": [true, false]}));
        assert_eq!(schema.unexpressed()[0]["not_in_schema_because"], json!("`maybe` is not a boolean"));
    }

    #[test]
    fn a_range_on_a_string_is_listed_not_stated() {
        let constraints = vec![enforced(Rule::Range { min: Some(20.0), max: Some(500.0) })];
        let schema = ValueSchema::new(ScalarType::String, &constraints);
        assert_eq!(Json::Object(schema.keywords()), json!({"type": "string"}));
        assert!(schema.unexpressed()[0]["not_in_schema_because"]
            .as_str()
            .unwrap()
            .contains("ranges apply to numbers"));
    }

    #[test]
    fn lengths_intersect_and_base64_limits_the_encoded_length() {
        let constraints = vec![
            enforced(Rule::Length { min: Some(2), max: Some(128) }),
            enforced(Rule::Length { min: None, max: Some(64) }),
            enforced(Rule::Format { format: Format::Base64 { max_bytes: Some(30) } }),
            enforced(Rule::MutuallyExclusive { params: vec!["A".into(), "B".into()] }),
        ];
        let schema = ValueSchema::new(ScalarType::String, &constraints);
        let keywords = Json::Object(schema.keywords());
        assert_eq!(keywords["minLength"], json!(2));
        assert_eq!(keywords["maxLength"], json!(40));
        assert_eq!(keywords["contentEncoding"], json!("base64"));
        assert!(schema.unexpressed()[0]["not_in_schema_because"]
            .as_str()
            .unwrap()
            .contains("between parameters"));
        assert!(schema.value("aGVsbG8=").is_ok());
        assert!(schema.value("a").is_err());
    }
}
