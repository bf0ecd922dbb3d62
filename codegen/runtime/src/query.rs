//! Alibaba Cloud RPC query pairs: a typed request flattened to `key=value` pairs, and back.
//!
//! Groups nest with `.` (`SystemDisk.Size`), lists number their items from 1 (`DataDisk.1.Size`,
//! `SecurityGroupIds.2`), booleans are `true`/`false`, unset values are left out, strings go as they are.
//! Both directions walk the request's field table ([`crate::schema`]).

use std::cmp::Ordering;
use std::fmt;

use crate::schema::{Schema, Slot, Struct, StructMut, View};

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
    WrongAction {
        /// This API's Action.
        expected: &'static str,
        /// The `Action` the pairs hold.
        found: String,
    },
    /// A key the API does not document.
    UnknownKey(String),
    /// The same key twice.
    DuplicateKey(String),
    /// A value that is not of the documented type.
    BadValue {
        /// The pair's key (`DataDisk.1.Size`).
        key: String,
        /// The value as given.
        value: String,
        /// The documented type (`Integer`).
        expected: &'static str,
    },
    /// A `.N` index that is not a number from 1.
    BadIndex(String),
    /// Numbered items with a gap (`DataDisk.1`, `DataDisk.3`): names the first missing one.
    MissingIndex(String),
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
        }
    }
}

impl std::error::Error for QueryError {}

/// A request's wire pairs, `Action` first, then every set value in declaration order: kept in one
/// buffer (a request of hundreds of pairs is two allocations, not two a pair).
///
/// `Debug` shows `***` for the values of secret fields (see [`crate::schema::Field::secret`]).
#[derive(Clone, Default)]
pub struct QueryPairs {
    text: String,
    /// `(key start, value start, value end)` in `text`; a key ends where its value starts.
    spans: Vec<(usize, usize, usize)>,
    /// Indices into `spans` of the pairs whose value is secret, ascending.
    secret: Vec<usize>,
}

/// Equal pairs in equal order; which of them are secret does not matter.
impl PartialEq for QueryPairs {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for QueryPairs {}

impl QueryPairs {
    /// No pairs.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one pair.
    pub fn push(&mut self, key: &str, value: &str) {
        let start = self.text.len();
        self.text.push_str(key);
        let middle = self.text.len();
        self.text.push_str(value);
        self.spans.push((start, middle, self.text.len()));
    }

    /// Appends one pair whose value is secret: `Debug` never shows it.
    pub fn push_secret(&mut self, key: &str, value: &str) {
        self.secret.push(self.spans.len());
        self.push(key, value);
    }

    /// Whether the value of pair `index` is secret.
    pub fn is_secret(&self, index: usize) -> bool {
        self.secret.binary_search(&index).is_ok()
    }

    /// How many pairs there are.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The pairs, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.spans.iter().map(|&(k, v, end)| (&self.text[k..v], &self.text[v..end]))
    }

    /// The value of `key`, if it is set.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The pairs as owned strings.
    pub fn to_vec(&self) -> Vec<(String, String)> {
        self.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
    }
}

impl fmt::Debug for QueryPairs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (index, (key, value)) in self.iter().enumerate() {
            if self.is_secret(index) {
                list.entry(&(key, crate::redacted::Redacted));
            } else {
                list.entry(&(key, value));
            }
        }
        list.finish()
    }
}

impl PartialEq<Vec<(String, String)>> for QueryPairs {
    fn eq(&self, other: &Vec<(String, String)>) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|((k, v), (ok, ov))| k == ok && v == ov)
    }
}

impl<'a> IntoIterator for &'a QueryPairs {
    type Item = (&'a str, &'a str);
    type IntoIter = Box<dyn Iterator<Item = (&'a str, &'a str)> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl IntoIterator for QueryPairs {
    type Item = (String, String);
    type IntoIter = std::vec::IntoIter<(String, String)>;

    fn into_iter(self) -> Self::IntoIter {
        self.to_vec().into_iter()
    }
}

impl From<QueryPairs> for Vec<(String, String)> {
    fn from(pairs: QueryPairs) -> Self {
        pairs.to_vec()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for QueryPairs {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        let mut out = QueryPairs::new();
        for (k, v) in pairs {
            out.push(k.as_ref(), v.as_ref());
        }
        out
    }
}

/// The wire pairs of a request: `Action` first, then every set value in declaration order.
pub fn to_query_pairs(action: &str, request: &dyn Struct) -> QueryPairs {
    let mut pairs =
        QueryPairs { text: String::with_capacity(1024), spans: Vec::with_capacity(32), secret: Vec::new() };
    pairs.push("Action", action);
    let mut key = String::with_capacity(64);
    write_struct(request, &mut key, &mut pairs, false);
    pairs
}

/// `secret`: the struct sits inside a secret field, so every value below it is secret too.
fn write_struct(s: &dyn Struct, key: &mut String, out: &mut QueryPairs, secret: bool) {
    for (index, field) in s.fields().iter().enumerate() {
        let view = s.get(index);
        if view.is_absent() {
            continue;
        }
        let len = key.len();
        if len > 0 {
            key.push('.');
        }
        key.push_str(field.name);
        write_view(view, key, out, secret || field.secret);
        key.truncate(len);
    }
}

fn write_view(view: View<'_>, key: &mut String, out: &mut QueryPairs, secret: bool) {
    let mut push = |key: &str, value: &str| {
        if secret {
            out.push_secret(key, value)
        } else {
            out.push(key, value)
        }
    };
    match view {
        View::Absent => {}
        View::Str(s) => push(key, s),
        View::Int(i) => push(key, itoa::Buffer::new().format(i)),
        View::Float(f) => push(key, &f.to_string()),
        View::Bool(b) => push(key, if b { "true" } else { "false" }),
        View::Json(v) => push(key, &v.to_string()),
        View::Group(group) => write_struct(group, key, out, secret),
        View::List(list) => {
            for i in 0..list.len() {
                let len = push_index(key, i);
                write_view(list.item(i), key, out, secret);
                key.truncate(len);
            }
        }
        View::Groups(groups) => {
            for i in 0..groups.len() {
                let len = push_index(key, i);
                write_struct(groups.item(i), key, out, secret);
                key.truncate(len);
            }
        }
    }
}

/// Appends `.{i + 1}` to `key`; gives the length to truncate back to.
fn push_index(key: &mut String, i: usize) -> usize {
    let len = key.len();
    key.push('.');
    key.push_str(itoa::Buffer::new().format(i + 1));
    len
}

/// Reads wire pairs (for example a documented sample request) back into a request.
/// `Action` must name this API when present; common request parameters are skipped. Missing
/// required parameters and broken rules are left to validation.
pub fn from_query_pairs<T, K, V>(
    action: &'static str,
    pairs: impl IntoIterator<Item = (K, V)>,
) -> Result<T, QueryError>
where
    T: Schema,
    K: AsRef<str>,
    V: AsRef<str>,
{
    let pairs: Vec<(K, V)> = pairs.into_iter().collect();
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())).collect();
    let mut request = T::default();
    read_pairs(action, &mut request, pairs)?;
    Ok(request)
}

/// [`from_query_pairs`] into any struct (the generator's model of a request included).
#[doc(hidden)]
pub fn read_pairs(
    action: &'static str,
    request: &mut dyn StructMut,
    mut pairs: Vec<(&str, &str)>,
) -> Result<(), QueryError> {
    // Keys in natural order (`DataDisk.2` before `DataDisk.10`), so that each list's items arrive
    // in index order and a gap shows as soon as it is passed.
    pairs.sort_by(|a, b| natural_order(a.0, b.0));
    for (key, value) in pairs {
        if key == "Action" {
            if value != action {
                return Err(QueryError::WrongAction { expected: action, found: value.to_owned() });
            }
            continue;
        }
        let segments: Vec<&str> = key.split('.').collect();
        match insert(request, &segments, 0, key, value) {
            Err(QueryError::UnknownKey(_)) if COMMON_PARAMETERS.contains(&key) => {}
            other => other?,
        }
    }
    Ok(())
}

/// Compares keys segment by segment: numbers by value (then as written), before any other
/// segment, which compare as text. A total order on any keys (comparing a number with text as
/// text made `9 < 10 < 5- < 9` a cycle, on which the sort panics).
#[doc(hidden)]
pub fn natural_order(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.split('.'), b.split('.'));
    loop {
        match (x.next(), y.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(p), Some(q)) => {
                let order = match (p.parse::<u64>(), q.parse::<u64>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n).then_with(|| p.cmp(q)),
                    (Ok(_), Err(_)) => Ordering::Less,
                    (Err(_), Ok(_)) => Ordering::Greater,
                    (Err(_), Err(_)) => p.cmp(q),
                };
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

/// Stores one pair; `segments[done..]` are still to be matched against `s`'s fields.
fn insert(
    s: &mut dyn StructMut,
    segments: &[&str],
    done: usize,
    key: &str,
    value: &str,
) -> Result<(), QueryError> {
    let unknown = || QueryError::UnknownKey(key.to_owned());
    let rest = &segments[done..];
    let (index, width) = s
        .fields()
        .iter()
        .enumerate()
        .find_map(|(i, f)| {
            let width = f.name.split('.').count();
            (rest.len() >= width && f.name.split('.').eq(rest[..width].iter().copied())).then_some((i, width))
        })
        .ok_or_else(unknown)?;
    let done = done + width;
    let rest = &segments[done..];
    // The first missing item of a list ending at `segments[..done]`.
    let missing =
        |len: usize| QueryError::MissingIndex(format!("{}.{}", segments[..done].join("."), len + 1));
    match s.get_mut(index) {
        Slot::Scalar(slot) => {
            if !rest.is_empty() {
                return Err(unknown());
            }
            if slot.is_set() {
                return Err(QueryError::DuplicateKey(key.to_owned()));
            }
            slot.set_text(value).map_err(|t| bad_value(key, value, t.expected()))
        }
        Slot::List(list) => {
            let [n] = rest else { return Err(unknown()) };
            let n = item_number(n, key)?;
            match n.cmp(&(list.len() + 1)) {
                Ordering::Equal => list.push_text(value).map_err(|t| bad_value(key, value, t.expected())),
                Ordering::Less => Err(QueryError::DuplicateKey(key.to_owned())),
                Ordering::Greater => Err(missing(list.len())),
            }
        }
        Slot::Group(group) => {
            if rest.is_empty() {
                return Err(unknown());
            }
            insert(group.get_or_default(), segments, done, key, value)
        }
        Slot::Groups(groups) => {
            let [n, member @ ..] = rest else { return Err(unknown()) };
            if member.is_empty() {
                return Err(unknown());
            }
            let n = item_number(n, key)?;
            let len = groups.len();
            let item = match n.cmp(&len) {
                Ordering::Greater if n == len + 1 => groups.push_default(),
                Ordering::Greater => return Err(missing(len)),
                // Keys arrive sorted: an earlier item is never seen again.
                _ => groups.item_mut(n - 1).ok_or_else(unknown)?,
            };
            insert(item, segments, done + 1, key, value)
        }
    }
}

fn bad_value(key: &str, value: &str, expected: &'static str) -> QueryError {
    QueryError::BadValue { key: key.to_owned(), value: value.to_owned(), expected }
}

/// A 1-based wire index.
fn item_number(index: &str, key: &str) -> Result<usize, QueryError> {
    index
        .parse()
        .ok()
        .filter(|n| *n >= 1 && index.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| QueryError::BadIndex(key.to_owned()))
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

/// `%XX` decoded (a `%` not followed by two hex digits stays as it is), as lossy UTF-8.
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}
