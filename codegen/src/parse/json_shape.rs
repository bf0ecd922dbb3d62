//! Reads the shape of a JSON response example: which keys hold objects, lists and wrappers.

use foldhash::HashMap;

use serde_json::Value;

/// The shape of a JSON value, with the elements of every array merged into one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// A string, number or boolean.
    Scalar,
    /// `null`, or an empty array's element: nothing to learn from.
    Unknown,
    /// Keys in first-seen order.
    Object(Members),
    Array(Box<Shape>),
}

/// An object's members in first-seen order, found by key in constant time (an example may have
/// as many keys as the page has rows).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Members {
    fields: Vec<(String, Shape)>,
    index: HashMap<String, usize>,
}

impl Members {
    pub fn as_slice(&self) -> &[(String, Shape)] {
        &self.fields
    }

    pub fn iter(&self) -> std::slice::Iter<'_, (String, Shape)> {
        self.fields.iter()
    }

    pub fn get(&self, key: &str) -> Option<&Shape> {
        self.index.get(key).map(|&i| &self.fields[i].1)
    }

    /// Adds `shape` under `key`, merged into the shape already there.
    pub fn insert(&mut self, key: String, shape: Shape) {
        match self.index.get(&key) {
            Some(&i) => {
                let existing = &mut self.fields[i].1;
                *existing = std::mem::replace(existing, Shape::Unknown).merge(shape);
            }
            None => {
                self.index.insert(key.clone(), self.fields.len());
                self.fields.push((key, shape));
            }
        }
    }
}

impl FromIterator<(String, Shape)> for Members {
    fn from_iter<I: IntoIterator<Item = (String, Shape)>>(iter: I) -> Self {
        let mut members = Members::default();
        for (key, shape) in iter {
            members.insert(key, shape);
        }
        members
    }
}

impl Shape {
    /// Parses a JSON example. A root object that only wraps `…Response` is unwrapped.
    pub fn from_example(json: &str) -> Result<Shape, String> {
        let json = super::examples::payload(json);
        // Doc slips: trailing commas, and members written without the enclosing braces.
        let value: Value = serde_json::from_str(json)
            .or_else(|e| {
                serde_json::from_str(&strip_trailing_commas(json)).or_else(|_| {
                    match json.trim_start().starts_with('"') {
                        true => serde_json::from_str(&format!("{{{}}}", strip_trailing_commas(json))),
                        false => Err(e),
                    }
                })
            })
            .map_err(|e| e.to_string())?;
        let shape = Shape::of(&value);
        if let Shape::Object(fields) = &shape {
            if let [(key, inner @ Shape::Object(_))] = fields.as_slice() {
                if key.ends_with("Response") {
                    return Ok(inner.clone());
                }
            }
        }
        Ok(shape)
    }

    pub fn of(value: &Value) -> Shape {
        match value {
            Value::Null => Shape::Unknown,
            Value::Bool(_) | Value::Number(_) | Value::String(_) => Shape::Scalar,
            Value::Array(items) => {
                Shape::Array(Box::new(items.iter().map(Shape::of).fold(Shape::Unknown, Shape::merge)))
            }
            Value::Object(map) => Shape::Object(map.iter().map(|(k, v)| (k.clone(), Shape::of(v))).collect()),
        }
    }

    /// Merges two examples of the same value: object keys are united, known beats unknown.
    pub fn merge(self, other: Shape) -> Shape {
        match (self, other) {
            (Shape::Unknown, s) | (s, Shape::Unknown) => s,
            (Shape::Object(mut a), Shape::Object(b)) => {
                for (key, shape) in b.fields {
                    a.insert(key, shape);
                }
                Shape::Object(a)
            }
            (Shape::Array(a), Shape::Array(b)) => Shape::Array(Box::new(a.merge(*b))),
            (Shape::Scalar, s) | (s, Shape::Scalar) => s,
            (a, _) => a,
        }
    }

    /// The shape under `key` when this is an object.
    pub fn get(&self, key: &str) -> Option<&Shape> {
        match self {
            Shape::Object(members) => members.get(key),
            _ => None,
        }
    }

    /// The object keys, when this is an object.
    pub fn keys(&self) -> Option<Vec<&str>> {
        match self {
            Shape::Object(fields) => Some(fields.iter().map(|(k, _)| k.as_str()).collect()),
            _ => None,
        }
    }

    /// True when this is an object with the member `key`.
    pub fn has_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// A list wrapped in an object with one key (`{"Instance": [...]}`): the key and the list's
    /// element shape.
    pub fn wrapped_list(&self) -> Option<(&str, &Shape)> {
        match self {
            Shape::Object(fields) => match fields.as_slice() {
                [(key, Shape::Array(item))] => Some((key, item)),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The deepest nesting of a JSON example that is read and kept: the OpenAPI document embeds the
/// example some ten levels down, and every reader of that document must stay within serde_json's
/// default recursion limit (128).
pub const MAX_EXAMPLE_DEPTH: usize = 64;

/// How deeply `[` and `{` nest in `json`, outside strings (whether or not it is valid JSON).
pub fn nesting(json: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for b in json.bytes() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            b'[' | b'{' if !in_string => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' if !in_string => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Removes commas directly before `}` or `]` (outside strings), a common slip in doc examples.
fn strip_trailing_commas(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut pending_comma: Option<String> = None;
    for c in json.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if let Some(pending) = pending_comma.as_mut() {
            if c.is_whitespace() {
                pending.push(c);
                continue;
            }
            let pending = pending_comma.take().unwrap_or_default();
            if c == '}' || c == ']' {
                out.push_str(&pending[1..]);
            } else {
                out.push_str(&pending);
            }
        }
        match c {
            ',' => pending_comma = Some(",".to_owned()),
            '"' => {
                in_string = true;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    if let Some(pending) = pending_comma {
        out.push_str(&pending);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_brackets_outside_strings() {
        assert_eq!(nesting("1"), 0);
        assert_eq!(nesting(r#"{"a":[{"b":"[[[{"}]}"#), 3);
        assert_eq!(nesting(r#"{"a\"[":[1]}"#), 2);
        assert_eq!(nesting(&"[".repeat(200)), 200);
    }

    #[test]
    fn wrappers_and_merged_elements() {
        let s = Shape::from_example(
            r#"{"RequestId":"x","Instances":{"Instance":[{"A":1},{"B":{"C":null}}]},"Ids":{"Id":["i-1"]},}"#,
        )
        .expect("json");
        let (key, item) = s.get("Instances").and_then(Shape::wrapped_list).expect("wrapped");
        assert_eq!(key, "Instance");
        assert_eq!(item.keys(), Some(vec!["A", "B"]));
        assert_eq!(s.get("Ids").and_then(Shape::wrapped_list), Some(("Id", &Shape::Scalar)));
        assert!(Shape::from_example("{").is_err());
    }
}
