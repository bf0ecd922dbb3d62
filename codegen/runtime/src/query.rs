//! Alibaba Cloud RPC query pairs: a request's docs-JSON form flattened to `key=value` pairs, and back.
//!
//! Objects nest with `.` (`SystemDisk.Size`), arrays number their items from 1 (`DataDisk.1.Size`,
//! `SecurityGroupIds.2`), booleans are `true`/`false`, unset values are left out, strings go as they are.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};

/// What one documented name holds on the wire; generated requests describe themselves with these.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// One value: `RegionId=cn-hangzhou`.
    Scalar(Scalar),
    /// Numbered values: `SecurityGroupIds.1=sg-1`.
    List(Scalar),
    /// Members under the name: `SystemDisk.Size=40`.
    Group(&'static [Field]),
    /// Numbered groups: `DataDisk.1.Size=40`.
    GroupList(&'static [Field]),
}

/// The JSON type a wire value is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    String,
    Integer,
    Float,
    Boolean,
}

/// One documented name (`RegionId`, `DataDisk`, `Filter.1`) and what it holds.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
}

/// Common request parameters (signature, version, format, …) that [`from_query_pairs`] skips.
pub const COMMON_PARAMETERS: &[&str] = &[
    "AccessKeyId",
    "Format",
    "SecurityToken",
    "Signature",
    "SignatureMethod",
    "SignatureNonce",
    "SignatureType",
    "SignatureVersion",
    "Timestamp",
    "Version",
];

/// Why query pairs do not make a request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryError {
    /// `Action` names another API.
    WrongAction { expected: &'static str, found: String },
    /// A key the API does not document.
    UnknownKey(String),
    /// The same key twice.
    DuplicateKey(String),
    /// A value that is not of the documented type.
    BadValue { key: String, value: String, expected: &'static str },
    /// A `.N` index that is not a number from 1.
    BadIndex(String),
    /// Numbered items with a gap (`DataDisk.1`, `DataDisk.3`): names the first missing one.
    MissingIndex(String),
    /// A `.N` index above the number of pairs given: some lower index must be missing.
    IndexTooHigh(String),
    /// The pairs do not make a valid request (a required parameter is missing, a number is out of range).
    Invalid(String),
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WrongAction { expected, found } => write!(f, "Action is `{found}`, expected `{expected}`"),
            Self::UnknownKey(key) => write!(f, "unknown parameter `{key}`"),
            Self::DuplicateKey(key) => write!(f, "parameter `{key}` given twice"),
            Self::BadValue { key, value, expected } => {
                write!(f, "parameter `{key}`: `{value}` is not {expected}")
            }
            Self::BadIndex(key) => write!(f, "parameter `{key}`: index must be a number from 1"),
            Self::MissingIndex(key) => write!(f, "parameter `{key}` is missing before a higher index"),
            Self::IndexTooHigh(key) => {
                write!(f, "parameter `{key}`: index above the number of parameters given, so a lower one is missing")
            }
            Self::Invalid(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for QueryError {}

/// The wire pairs of a request: `Action` first, then every set value in declaration order.
pub fn to_query_pairs(action: &str, request: &impl Serialize) -> Vec<(String, String)> {
    let mut pairs = vec![("Action".to_owned(), action.to_owned())];
    // Generated requests hold only strings, numbers, booleans, lists and string-keyed groups,
    // which always convert to JSON.
    let value = serde_json::to_value(request).expect("a generated request converts to JSON");
    flatten("", &value, &mut pairs);
    pairs
}

fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    let key = |suffix: &str| if prefix.is_empty() { suffix.to_owned() } else { format!("{prefix}.{suffix}") };
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push((prefix.to_owned(), b.to_string())),
        Value::Number(n) => out.push((prefix.to_owned(), number_text(n))),
        Value::String(s) => out.push((prefix.to_owned(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&key(&(i + 1).to_string()), item, out);
            }
        }
        Value::Object(members) => {
            for (name, member) in members {
                flatten(&key(name), member, out);
            }
        }
    }
}

/// Integers as written, floats in Rust's shortest round-trip form (`1`, `0.97`).
fn number_text(n: &Number) -> String {
    match (n.as_i64(), n.as_u64(), n.as_f64()) {
        (Some(i), _, _) => i.to_string(),
        (None, Some(u), _) => u.to_string(),
        (None, None, Some(f)) => f.to_string(),
        _ => n.to_string(),
    }
}

/// Reads wire pairs (for example a documented sample request) back into a request.
/// `Action` must name this API when present; common request parameters are skipped.
pub fn from_query_pairs<T, K, V>(
    action: &'static str,
    schema: &'static [Field],
    pairs: impl IntoIterator<Item = (K, V)>,
) -> Result<T, QueryError>
where
    T: DeserializeOwned,
    K: AsRef<str>,
    V: AsRef<str>,
{
    let pairs: Vec<(K, V)> = pairs.into_iter().collect();
    // A list of `n` items without gaps takes at least `n` pairs: a higher index can only leave a
    // gap, and is refused before it could grow a list (`DataDisk.4294967296.Size`).
    let max_index = pairs.len();
    let mut root = Map::new();
    for (key, value) in &pairs {
        let (key, value) = (key.as_ref(), value.as_ref());
        if key == "Action" {
            if value != action {
                return Err(QueryError::WrongAction { expected: action, found: value.to_owned() });
            }
            continue;
        }
        let segments: Vec<&str> = key.split('.').collect();
        match insert(&mut root, schema, &segments, key, value, max_index) {
            Err(QueryError::UnknownKey(_)) if COMMON_PARAMETERS.contains(&key) => {}
            other => other?,
        }
    }
    let root = Value::Object(root);
    check_no_gaps("", &root)?;
    serde_json::from_value(root).map_err(|e| QueryError::Invalid(e.to_string()))
}

fn insert(
    object: &mut Map<String, Value>,
    schema: &'static [Field],
    segments: &[&str],
    key: &str,
    value: &str,
    max_index: usize,
) -> Result<(), QueryError> {
    let (field, rest) = schema
        .iter()
        .find_map(|f| {
            let name: Vec<&str> = f.name.split('.').collect();
            (segments.len() >= name.len() && segments[..name.len()] == name[..])
                .then(|| (f, &segments[name.len()..]))
        })
        .ok_or_else(|| QueryError::UnknownKey(key.to_owned()))?;
    let unknown = || QueryError::UnknownKey(key.to_owned());
    match field.kind {
        Kind::Scalar(scalar) => {
            if !rest.is_empty() {
                return Err(unknown());
            }
            if object.insert(field.name.to_owned(), typed(scalar, key, value)?).is_some() {
                return Err(QueryError::DuplicateKey(key.to_owned()));
            }
        }
        Kind::List(scalar) => {
            let [index] = rest else { return Err(unknown()) };
            let slot = item_slot(object, field.name, index, key, max_index)?;
            if !slot.is_null() {
                return Err(QueryError::DuplicateKey(key.to_owned()));
            }
            *slot = typed(scalar, key, value)?;
        }
        Kind::Group(members) => {
            if rest.is_empty() {
                return Err(unknown());
            }
            let group = object.entry(field.name).or_insert_with(|| Value::Object(Map::new()));
            let Value::Object(group) = group else { return Err(unknown()) };
            insert(group, members, rest, key, value, max_index)?;
        }
        Kind::GroupList(members) => {
            let [index, member @ ..] = rest else { return Err(unknown()) };
            if member.is_empty() {
                return Err(unknown());
            }
            let slot = item_slot(object, field.name, index, key, max_index)?;
            if slot.is_null() {
                *slot = Value::Object(Map::new());
            }
            let Value::Object(item) = slot else { return Err(unknown()) };
            insert(item, members, member, key, value, max_index)?;
        }
    }
    Ok(())
}

/// The array item for a 1-based wire index, growing the array with `null` placeholders.
fn item_slot<'a>(
    object: &'a mut Map<String, Value>,
    name: &str,
    index: &str,
    key: &str,
    max_index: usize,
) -> Result<&'a mut Value, QueryError> {
    let n: usize = index
        .parse()
        .ok()
        .filter(|n| *n >= 1 && index.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| QueryError::BadIndex(key.to_owned()))?;
    if n > max_index {
        return Err(QueryError::IndexTooHigh(key.to_owned()));
    }
    let list = object.entry(name).or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(items) = list else { return Err(QueryError::UnknownKey(key.to_owned())) };
    if items.len() < n {
        items.resize(n, Value::Null);
    }
    Ok(&mut items[n - 1])
}

fn typed(scalar: Scalar, key: &str, value: &str) -> Result<Value, QueryError> {
    let bad = |expected| QueryError::BadValue { key: key.to_owned(), value: value.to_owned(), expected };
    Ok(match scalar {
        Scalar::String => Value::String(value.to_owned()),
        Scalar::Integer => Value::Number(value.parse::<i64>().map_err(|_| bad("an integer"))?.into()),
        Scalar::Float => Value::Number(
            value.parse::<f64>().ok().and_then(Number::from_f64).ok_or_else(|| bad("a number"))?,
        ),
        Scalar::Boolean => match value {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(bad("`true` or `false`")),
        },
    })
}

fn check_no_gaps(prefix: &str, value: &Value) -> Result<(), QueryError> {
    let key = |suffix: &str| if prefix.is_empty() { suffix.to_owned() } else { format!("{prefix}.{suffix}") };
    match value {
        Value::Array(items) => items.iter().enumerate().try_for_each(|(i, item)| {
            if item.is_null() {
                Err(QueryError::MissingIndex(key(&(i + 1).to_string())))
            } else {
                check_no_gaps(&key(&(i + 1).to_string()), item)
            }
        }),
        Value::Object(members) => {
            members.iter().try_for_each(|(name, member)| check_no_gaps(&key(name), member))
        }
        _ => Ok(()),
    }
}

/// Splits a query string or URL (`https://host/?Action=X&RegionId=y`) into pairs, percent-decoding
/// `%XX`. Line breaks and the spaces around `&` (as in the docs' multi-line samples) are ignored.
pub fn parse_query_string(url_or_query: &str) -> Vec<(String, String)> {
    let query = url_or_query.split_once('?').map_or(url_or_query, |(_, q)| q);
    query
        .split('&')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
