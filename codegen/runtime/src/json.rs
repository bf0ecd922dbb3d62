//! JSON through the field tables: a request in the docs' JSON form (`{"RegionId": …, "DataDisk":
//! [{"Size": 40}]}`, read strictly) and a service response (read leniently).
//!
//! Generated structs get their serde impls from [`json_form!`](crate::json_form) (requests) and
//! [`lenient_json!`](crate::lenient_json)
//! (responses); both call the one implementation here.
//!
//! Lenient reading: numbers and booleans sent as strings, `null` (and `""` for a non-string) as
//! absent, unknown keys ignored, and lists sent bare (`[...]`), wrapped the Alibaba way
//! (`{"InstanceIdSet": [...]}`), as a single item, or as `null`.

use serde::de::Error as _;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::schema::{Field, JsonMode, Schema, Slot, Struct, StructMut, View, WireType};

/// Writes `value` in the docs' JSON form: its set fields under their documented names.
pub fn serialize<S: Serializer>(value: &dyn Struct, serializer: S) -> Result<S::Ok, S::Error> {
    StructJson(value).serialize(serializer)
}

/// Reads a `T` from JSON: the docs' form ([`JsonMode::Strict`]) or a response ([`JsonMode::Lenient`]).
pub fn deserialize<'de, T: Schema, D: Deserializer<'de>>(
    deserializer: D,
    mode: JsonMode,
) -> Result<T, D::Error> {
    let value = Value::deserialize(deserializer)?;
    let mut out = T::default();
    fill(&mut out, &value, mode).map_err(|e| D::Error::custom(e.to_string()))?;
    Ok(out)
}

/// `value` in the docs' JSON form, as a JSON value.
pub fn to_value(value: &dyn Struct) -> Value {
    serde_json::to_value(StructJson(value)).unwrap_or(Value::Null)
}

struct StructJson<'a>(&'a dyn Struct);

impl Serialize for StructJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (index, field) in self.0.fields().iter().enumerate() {
            let view = self.0.get(index);
            if !view.is_absent() {
                map.serialize_entry(field.name, &ViewJson(view))?;
            }
        }
        map.end()
    }
}

struct ViewJson<'a>(View<'a>);

impl Serialize for ViewJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            View::Absent => serializer.serialize_none(),
            View::Str(s) => serializer.serialize_str(s),
            View::Int(i) => serializer.serialize_i64(i),
            View::Float(f) => serializer.serialize_f64(f),
            View::Bool(b) => serializer.serialize_bool(b),
            View::Json(v) => v.serialize(serializer),
            View::Group(group) => StructJson(group).serialize(serializer),
            View::List(list) => {
                let mut seq = serializer.serialize_seq(Some(list.len()))?;
                for i in 0..list.len() {
                    seq.serialize_element(&ViewJson(list.item(i)))?;
                }
                seq.end()
            }
            View::Groups(groups) => {
                let mut seq = serializer.serialize_seq(Some(groups.len()))?;
                for i in 0..groups.len() {
                    seq.serialize_element(&StructJson(groups.item(i)))?;
                }
                seq.end()
            }
        }
    }
}

/// Why JSON does not fit a struct: where (a wire path) and what. Never quotes a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    path: Vec<String>,
    message: String,
}

impl JsonError {
    fn new(message: String) -> Self {
        JsonError { path: Vec::new(), message }
    }

    fn at(mut self, segment: impl Into<String>) -> Self {
        self.path.push(segment.into());
        self
    }
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path: Vec<&str> = self.path.iter().rev().map(String::as_str).collect();
        if path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "`{}`: {}", path.join("."), self.message)
        }
    }
}

impl std::error::Error for JsonError {}

/// What a JSON value is, for messages (never the value itself, which may be a secret).
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a fraction",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn mismatch(expected: WireType, found: &Value) -> JsonError {
    JsonError::new(format!("expected {}, found {}", expected.expected(), kind(found)))
}

/// Sets the fields of `target` from a JSON object.
pub fn fill(target: &mut dyn StructMut, value: &Value, mode: JsonMode) -> Result<(), JsonError> {
    Reader { mode, xml: false, unread: None }.fill(target, value)
}

/// [`fill`] leniently, also giving the wire path of every key that names no field (which lenient
/// reading ignores): the docs-example checks hold a sample to the response table with these. `xml`:
/// the value is an XML body's ([`crate::xml::to_json`]), where every list is wrapped.
pub fn fill_reporting_unread(
    target: &mut dyn StructMut,
    value: &Value,
    xml: bool,
) -> Result<Vec<String>, JsonError> {
    let mut reader = Reader { mode: JsonMode::Lenient, xml, unread: Some(Unread::default()) };
    reader.fill(target, value)?;
    Ok(reader.unread.map(|u| u.keys).unwrap_or_default())
}

/// An XML body's JSON value ([`crate::xml::to_json`]) read leniently into `target`: as [`fill`],
/// every list being wrapped (XML names each item: `<Ids><Id>a</Id></Ids>`).
pub(crate) fn fill_xml(target: &mut dyn StructMut, value: &Value) -> Result<(), JsonError> {
    Reader { mode: JsonMode::Lenient, xml: true, unread: None }.fill(target, value)
}

/// Keys that name no field, as wire paths (`Instances.1.Foo`), and the path being read.
#[derive(Default)]
struct Unread {
    at: Vec<String>,
    keys: Vec<String>,
}

/// One reading of a JSON value into a struct.
struct Reader {
    mode: JsonMode,
    /// The value came from XML: every list is wrapped in a one-member object.
    xml: bool,
    /// Collects keys that name no field (lenient reading only).
    unread: Option<Unread>,
}

impl Reader {
    fn enter(&mut self, segment: impl FnOnce() -> String) {
        if let Some(u) = &mut self.unread {
            u.at.push(segment());
        }
    }

    fn leave(&mut self) {
        if let Some(u) = &mut self.unread {
            u.at.pop();
        }
    }

    fn fill(&mut self, target: &mut dyn StructMut, value: &Value) -> Result<(), JsonError> {
        let Value::Object(members) = value else {
            return Err(JsonError::new(format!("expected an object, found {}", kind(value))));
        };
        let fields: &'static [Field] = target.fields();
        // Members usually come in the table's order: each key is looked for from the field after
        // the last one found, then from the start, so a struct's keys cost one comparison each
        // rather than a scan of the table each.
        let mut next = 0;
        for (key, member) in members {
            let found = fields[next..]
                .iter()
                .position(|f| f.name == key)
                .map(|i| next + i)
                .or_else(|| fields[..next].iter().position(|f| f.name == key));
            let Some(index) = found else {
                if self.mode == JsonMode::Strict {
                    return Err(JsonError::new(format!("unknown field `{key}`")));
                }
                if let Some(u) = &mut self.unread {
                    let mut path = u.at.clone();
                    path.push(key.clone());
                    u.keys.push(path.join("."));
                }
                continue;
            };
            next = index + 1;
            self.enter(|| key.clone());
            let filled = self.fill_field(target, index, &fields[index], member);
            self.leave();
            filled.map_err(|e| e.at(key.as_str()))?;
        }
        Ok(())
    }

    fn fill_field(
        &mut self,
        target: &mut dyn StructMut,
        index: usize,
        field: &Field,
        member: &Value,
    ) -> Result<(), JsonError> {
        let mode = self.mode;
        match target.get_mut(index) {
            Slot::Scalar(slot) => slot.set_json(member, mode).map_err(|expected| mismatch(expected, member)),
            Slot::List(list) => {
                self.items(member, field.wrapped, true)?.iter().enumerate().try_for_each(|(i, item)| {
                    list.push_json(item, mode)
                        .map_err(|expected| mismatch(expected, item).at((i + 1).to_string()))
                })
            }
            Slot::Group(group) => match member {
                Value::Null => Ok(()),
                Value::String(s) if s.is_empty() && mode == JsonMode::Lenient => Ok(()),
                object => self.fill(group.get_or_default(), object),
            },
            Slot::Groups(groups) => {
                for (i, item) in self.items(member, field.wrapped, false)?.iter().enumerate() {
                    if !item.is_null() {
                        self.enter(|| (i + 1).to_string());
                        let filled = self.fill(groups.push_default(), item);
                        self.leave();
                        filled.map_err(|e| e.at((i + 1).to_string()))?;
                    }
                }
                Ok(())
            }
        }
    }

    /// The items of a list value. Strict: a JSON list (or `null`). Lenient: a list sent bare, wrapped
    /// in a one-member object (`wrapped`, from XML, for a list of scalars (whose items are never
    /// objects), or whenever that member is a list: the docs' example may not show the wrapper, which
    /// is never an item), as a single item (also an object of several members where a wrapper was
    /// expected), or as `null` or `""` (an empty XML element).
    fn items<'v>(&self, value: &'v Value, wrapped: bool, scalars: bool) -> Result<Vec<&'v Value>, JsonError> {
        let wrapped = wrapped || self.xml || scalars;
        match (value, self.mode) {
            (Value::Null, _) => Ok(Vec::new()),
            (Value::String(s), JsonMode::Lenient) if s.is_empty() => Ok(Vec::new()),
            (Value::Array(items), _) => Ok(items.iter().collect()),
            (other, JsonMode::Strict) => {
                Err(JsonError::new(format!("expected a list, found {}", kind(other))))
            }
            (Value::Object(members), JsonMode::Lenient) if wrapped => match members.len() {
                0 => Ok(Vec::new()),
                1 => unwrap_one(members.values().next()),
                // Never a wrapper: an item sent without its list.
                _ => Ok(vec![value]),
            },
            (Value::Object(members), JsonMode::Lenient)
                if members.len() == 1 && members.values().all(Value::is_array) =>
            {
                unwrap_one(members.values().next())
            }
            (single, JsonMode::Lenient) => Ok(vec![single]),
        }
    }
}

fn unwrap_one(member: Option<&Value>) -> Result<Vec<&Value>, JsonError> {
    match member {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) if s.is_empty() => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items.iter().collect()),
        Some(single) => Ok(vec![single]),
    }
}

/// `Debug` and `PartialEq` through the field table, for every generated struct (`#[inline]`, like
/// every non-generic function of a generated crate: compiled where used).
#[doc(hidden)]
#[macro_export]
macro_rules! table_impls {
    ($name:ident) => {
        impl ::core::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::schema::debug(self, f)
            }
        }

        impl ::core::cmp::PartialEq for $name {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                $crate::schema::eq(self, other)
            }
        }
    };
}

/// `Serialize` and `Deserialize` in the docs' JSON form (and `Debug`, `PartialEq`) for generated
/// request structs.
#[doc(hidden)]
#[macro_export]
macro_rules! json_form {
    ($($name:ident),+ $(,)?) => {$(
        $crate::table_impls!($name);

        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::json::serialize(self, serializer)
            }
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::json::deserialize(deserializer, $crate::schema::JsonMode::Strict)
            }
        }
    )+};
}

/// `Deserialize`, leniently (and `Debug`, `PartialEq`), for generated response structs.
#[doc(hidden)]
#[macro_export]
macro_rules! lenient_json {
    ($($name:ident),+ $(,)?) => {$(
        $crate::table_impls!($name);

        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::json::deserialize(deserializer, $crate::schema::JsonMode::Lenient)
            }
        }
    )+};
}
