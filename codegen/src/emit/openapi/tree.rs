//! The document as a tree that borrows its text from the IR: JSON values whose objects keep their
//! members in the order they were put in, written out by serde as `serde_json::Value` would be.
//!
//! A `serde_json::Value` owns every key and string and hashes every object's keys; the document
//! has about 40 objects and 200 strings per API, nearly all of them keywords the emitter spells
//! (`"type"`, `"string"`) or text the IR holds already (names, descriptions). Here those are
//! borrowed, and an object is a list of members: the document's objects are small, and of the two
//! large ones `document_tree` looks up `paths` in a map of its own and adds to
//! `components.schemas` only keys it knows are new.

use std::borrow::Cow;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Number, Value};

/// A JSON value of the document.
#[derive(Debug)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Object<'a>),
    /// A value taken whole (a page's JSON sample, an IR fact as serde writes it, a typed example),
    /// written as it is. The tree's readers ([`Json::get`], [`Json::as_object`]) do not look into it.
    Taken(Value),
}

/// A JSON object: members in the order they were inserted, each key once.
#[derive(Debug, Default)]
pub struct Object<'a> {
    members: Vec<(Cow<'a, str>, Json<'a>)>,
}

impl<'a> Object<'a> {
    pub fn new() -> Self {
        Self::default()
    }

    /// An object of `members`, whose keys are distinct (the [`tree!`] macro's literal objects).
    pub fn from_members(members: Vec<(Cow<'a, str>, Json<'a>)>) -> Self {
        debug_assert!(
            members.iter().enumerate().all(|(i, (key, _))| members[..i].iter().all(|(k, _)| k != key)),
            "a key given twice"
        );
        Self { members }
    }

    /// Sets `key` to `value`: in its place when the object has it already, else last.
    pub fn insert(&mut self, key: impl Into<Cow<'a, str>>, value: impl Into<Json<'a>>) {
        let (key, value) = (key.into(), value.into());
        match self.members.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => *old = value,
            None => self.members.push((key, value)),
        }
    }

    /// Adds `key`, which the caller knows the object does not have yet, last.
    pub fn push_new(&mut self, key: impl Into<Cow<'a, str>>, value: impl Into<Json<'a>>) {
        self.members.push((key.into(), value.into()));
    }

    /// Removes `key`, the last member taking its place (the order `serde_json`'s ordered map left
    /// after a removal, which the document has kept since).
    pub fn swap_remove(&mut self, key: &str) -> Option<Json<'a>> {
        let at = self.members.iter().position(|(k, _)| k == key)?;
        Some(self.members.swap_remove(at).1)
    }

    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json<'a>> {
        self.members.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        self.members.iter().map(|(k, v)| (k.as_ref(), v))
    }
}

impl<'a> Json<'a> {
    /// `value` as serde writes it (an IR type), taken whole.
    pub fn serialized(value: &impl Serialize) -> Self {
        Json::Taken(serde_json::to_value(value).expect("an IR value serializes to JSON"))
    }

    /// The member `key` of an object of the tree.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.as_object()?.get(key)
    }

    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }

    pub fn as_object_mut(&mut self) -> Option<&mut Object<'a>> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            Json::Taken(value) => value.as_str(),
            _ => None,
        }
    }

    /// The same value as a `serde_json::Value`.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).expect("a document tree serializes")
    }
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(n) => n.serialize(serializer),
            Json::String(text) => serializer.serialize_str(text),
            Json::Array(items) => serializer.collect_seq(items),
            Json::Object(object) => object.serialize(serializer),
            Json::Taken(value) => value.serialize(serializer),
        }
    }
}

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.members.len()))?;
        for (key, value) in &self.members {
            map.serialize_entry(key.as_ref(), value)?;
        }
        map.end()
    }
}

impl<'a> From<&'a str> for Json<'a> {
    fn from(text: &'a str) -> Self {
        Json::String(Cow::Borrowed(text))
    }
}

impl<'a> From<&'a String> for Json<'a> {
    fn from(text: &'a String) -> Self {
        Json::String(Cow::Borrowed(text))
    }
}

impl From<String> for Json<'_> {
    fn from(text: String) -> Self {
        Json::String(Cow::Owned(text))
    }
}

impl<'a> From<Cow<'a, str>> for Json<'a> {
    fn from(text: Cow<'a, str>) -> Self {
        Json::String(text)
    }
}

impl From<bool> for Json<'_> {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}

macro_rules! numbers {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Json<'_> {
            fn from(n: $ty) -> Self {
                Json::Number(Number::from(n))
            }
        }
    )*};
}
numbers!(u16, u32, u64, i64, usize);

impl<'a> From<Object<'a>> for Json<'a> {
    fn from(object: Object<'a>) -> Self {
        Json::Object(object)
    }
}

impl From<Value> for Json<'_> {
    fn from(value: Value) -> Self {
        Json::Taken(value)
    }
}

impl<'a, T: Into<Json<'a>>> From<Vec<T>> for Json<'a> {
    fn from(items: Vec<T>) -> Self {
        Json::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<'a, T: Into<Json<'a>>> From<Option<T>> for Json<'a> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Json::Null, Into::into)
    }
}

/// A [`Json`] written as `serde_json::json!` writes a `Value`: `null`, `[…]`, `{"key": …}` (a key
/// is a string literal or an expression giving a `&str` or `String`), or any expression that
/// converts into a `Json`. Text is borrowed where the expression borrows it.
macro_rules! tree {
    (null) => { $crate::emit::openapi::tree::Json::Null };
    ([ $($items:tt)* ]) => {
        $crate::emit::openapi::tree::Json::Array($crate::emit::openapi::tree::tree!(@items [] [] $($items)*))
    };
    ({ $($members:tt)* }) => {
        $crate::emit::openapi::tree::Json::Object($crate::emit::openapi::tree::Object::from_members(
            $crate::emit::openapi::tree::tree!(@key [] [] $($members)*)
        ))
    };
    // An array's items, split at its commas: the items done, the tokens of the one being read.
    (@items [$($done:expr,)*] []) => { vec![$($done,)*] };
    (@items [$($done:expr,)*] [$($item:tt)+]) => {
        vec![$($done,)* $crate::emit::openapi::tree::tree!($($item)+)]
    };
    (@items [$($done:expr,)*] [$($item:tt)+] , $($rest:tt)*) => {
        $crate::emit::openapi::tree::tree!(@items [$($done,)* $crate::emit::openapi::tree::tree!($($item)+),] [] $($rest)*)
    };
    (@items [$($done:expr,)*] [$($item:tt)*] $next:tt $($rest:tt)*) => {
        $crate::emit::openapi::tree::tree!(@items [$($done,)*] [$($item)* $next] $($rest)*)
    };
    // An object's members: the members done, the tokens of the key being read, up to its colon…
    (@key [$($done:expr,)*] []) => { vec![$($done,)*] };
    (@key [$($done:expr,)*] [$($key:tt)+] : $($rest:tt)*) => {
        $crate::emit::openapi::tree::tree!(@value [$($done,)*] [$($key)+] [] $($rest)*)
    };
    (@key [$($done:expr,)*] [$($key:tt)*] $next:tt $($rest:tt)*) => {
        $crate::emit::openapi::tree::tree!(@key [$($done,)*] [$($key)* $next] $($rest)*)
    };
    // … then the tokens of its value, up to the next comma.
    (@value [$($done:expr,)*] [$($key:tt)+] [$($value:tt)+]) => {
        $crate::emit::openapi::tree::tree!(@key [$($done,)* $crate::emit::openapi::tree::tree!(@member [$($key)+] $($value)+),] [])
    };
    (@value [$($done:expr,)*] [$($key:tt)+] [$($value:tt)+] , $($rest:tt)*) => {
        $crate::emit::openapi::tree::tree!(@key [$($done,)* $crate::emit::openapi::tree::tree!(@member [$($key)+] $($value)+),] [] $($rest)*)
    };
    (@value [$($done:expr,)*] [$($key:tt)+] [$($value:tt)*] $next:tt $($rest:tt)*) => {
        $crate::emit::openapi::tree::tree!(@value [$($done,)*] [$($key)+] [$($value)* $next] $($rest)*)
    };
    (@member [$key:literal] $($value:tt)+) => {
        (::std::borrow::Cow::Borrowed($key), $crate::emit::openapi::tree::tree!($($value)+))
    };
    (@member [$($key:tt)+] $($value:tt)+) => {
        (::std::borrow::Cow::from($($key)+), $crate::emit::openapi::tree::tree!($($value)+))
    };
    ($other:expr) => { $crate::emit::openapi::tree::Json::from($other) };
}
pub(crate) use tree;

#[cfg(test)]
mod test_reads {
    //! How the emitter's tests read a tree: indexed and compared like a `serde_json::Value`.

    use super::*;

    static NULL: Json<'static> = Json::Null;

    impl<'a> std::ops::Index<&str> for Json<'a> {
        type Output = Json<'a>;
        fn index(&self, key: &str) -> &Json<'a> {
            self.get(key).unwrap_or(&NULL)
        }
    }

    impl<'a> std::ops::Index<usize> for Json<'a> {
        type Output = Json<'a>;
        fn index(&self, at: usize) -> &Json<'a> {
            match self {
                Json::Array(items) => items.get(at).unwrap_or(&NULL),
                _ => &NULL,
            }
        }
    }

    impl PartialEq<Value> for Json<'_> {
        fn eq(&self, other: &Value) -> bool {
            self.to_value() == *other
        }
    }

    impl PartialEq<&str> for Json<'_> {
        fn eq(&self, other: &&str) -> bool {
            self.as_str() == Some(*other)
        }
    }

    impl PartialEq for Json<'_> {
        fn eq(&self, other: &Self) -> bool {
            self.to_value() == other.to_value()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_what_serde_json_writes_for_the_same_value() {
        let (name, owned) = ("RegionId", String::from("owned text"));
        let key = "computed";
        let tree = tree!({
            "name": name,
            "required": true,
            "nothing": null,
            "count": 3u32,
            "status": Some(404u16),
            "absent": None::<u16>,
            "list": [1u64, "two", [], {}, {"deep": [null, false]}],
            "described": format!("{} and {}", name, owned),
            key: owned.clone(),
            "taken": json!({"b": 1, "a": [2.5]}),
        });
        let value = json!({
            "name": "RegionId",
            "required": true,
            "nothing": null,
            "count": 3,
            "status": 404,
            "absent": null,
            "list": [1, "two", [], {}, {"deep": [null, false]}],
            "described": "RegionId and owned text",
            "computed": "owned text",
            "taken": {"b": 1, "a": [2.5]},
        });
        assert_eq!(
            serde_json::to_string_pretty(&tree).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
        assert_eq!(serde_json::to_string(&tree!([])).unwrap(), "[]");
    }

    #[test]
    fn an_object_keeps_insertion_order_and_replaces_in_place() {
        let mut object = Object::new();
        object.insert("type", "string");
        object.insert("description", "d");
        object.insert("examples", tree!(["e"]));
        object.insert("type", "integer");
        let keys: Vec<&str> = object.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["type", "description", "examples"]);
        assert_eq!(object.get("type").and_then(Json::as_str), Some("integer"));
        assert!(object.swap_remove("type").is_some());
        let keys: Vec<&str> = object.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["examples", "description"]);
        // What serde_json's ordered map did on the same removal.
        let mut map = serde_json::Map::new();
        for key in ["type", "description", "examples"] {
            map.insert(key.into(), json!(1));
        }
        map.remove("type");
        assert_eq!(map.keys().collect::<Vec<_>>(), ["examples", "description"]);
    }
}
