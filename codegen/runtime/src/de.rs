//! Lenient response reading: numbers sent as strings, list wrappers, `null` and absent values.
//!
//! Generated response fields name these functions in `#[serde(deserialize_with = "...")]`.

use serde::de::{DeserializeOwned, Error};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A scalar type a response value may be read as, whether the service sent it as a string or not.
pub trait Scalar: Sized {
    /// What the type is called in error messages.
    const EXPECTED: &'static str;
    /// The value, or `None` when it cannot be read as this type.
    fn from_json(value: &Value) -> Option<Self>;
}

impl Scalar for String {
    const EXPECTED: &'static str = "a string";
    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

macro_rules! integer_scalar {
    ($($t:ty),*) => {$(
        impl Scalar for $t {
            const EXPECTED: &'static str = "an integer";
            fn from_json(value: &Value) -> Option<Self> {
                match value {
                    Value::Number(n) => n.as_i64().and_then(|i| i.try_into().ok()),
                    Value::String(s) => s.trim().parse().ok(),
                    _ => None,
                }
            }
        }
    )*};
}
integer_scalar!(i32, i64);

impl Scalar for f64 {
    const EXPECTED: &'static str = "a number";
    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

impl Scalar for bool {
    const EXPECTED: &'static str = "a boolean";
    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }
}

fn read<T: Scalar, E: Error>(value: &Value) -> Result<Option<T>, E> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) if s.is_empty() && T::EXPECTED != String::EXPECTED => Ok(None),
        other => T::from_json(other)
            .map(Some)
            .ok_or_else(|| E::custom(format!("expected {}, found {other}", T::EXPECTED))),
    }
}

/// One scalar; `null` (and `""` for a non-string) read as absent.
pub fn scalar<'de, D: Deserializer<'de>, T: Scalar>(d: D) -> Result<Option<T>, D::Error> {
    read(&Value::deserialize(d)?)
}

/// The items of a list sent bare (`[...]`), as a single item, or as `null`.
///
/// A list the docs show bare is still read when the service wraps it the usual Alibaba way
/// (`{"SecurityGroupId": [...]}`, an object whose one member is an array): the bare shape is
/// often the generator's reading of an incomplete doc example, and the wrapper is never an item.
fn items<E: Error>(value: Value, wrapped: bool) -> Result<Vec<Value>, E> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => Ok(items),
        Value::Object(members) if wrapped => match members.len() {
            0 => Ok(Vec::new()),
            1 => items(members.into_iter().next().map(|(_, v)| v).unwrap_or(Value::Null), false),
            _ => Err(E::custom("expected a list wrapper object with one member")),
        },
        Value::Object(members) if members.len() == 1 && members.values().all(Value::is_array) => {
            items(members.into_iter().next().map(|(_, v)| v).unwrap_or(Value::Null), false)
        }
        single => Ok(vec![single]),
    }
}

fn scalars<T: Scalar, E: Error>(values: Vec<Value>) -> Result<Vec<T>, E> {
    values.iter().filter_map(|v| read(v).transpose()).collect()
}

fn objects<T: DeserializeOwned, E: Error>(values: Vec<Value>) -> Result<Vec<T>, E> {
    values.into_iter().map(|v| serde_json::from_value(v).map_err(E::custom)).collect()
}

/// A bare list of scalars (`"Ids": ["a", "b"]`).
pub fn scalar_list<'de, D: Deserializer<'de>, T: Scalar>(d: D) -> Result<Vec<T>, D::Error> {
    scalars(items(Value::deserialize(d)?, false)?)
}

/// A wrapped list of scalars (`"InstanceIdSets": {"InstanceIdSet": ["a", "b"]}`).
pub fn wrapped_scalar_list<'de, D: Deserializer<'de>, T: Scalar>(d: D) -> Result<Vec<T>, D::Error> {
    scalars(items(Value::deserialize(d)?, true)?)
}

/// A bare list of objects (`"Tags": [{...}]`).
pub fn list<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    objects(items(Value::deserialize(d)?, false)?)
}

/// A wrapped list of objects (`"Instances": {"Instance": [{...}]}`).
pub fn wrapped_list<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    objects(items(Value::deserialize(d)?, true)?)
}
