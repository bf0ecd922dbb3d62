//! JSON as `gen` writes it: serde_json's bytes, compact or pretty, written by sonic-rs.
//!
//! serde_json looks at a string's bytes one at a time for what needs escaping; sonic-rs, a port of
//! its serializer, does it sixteen or thirty-two at a time. A first `gen` writes about 25 MB of JSON
//! strings (the IR files, the OpenAPI document, the render record and its digests); the string
//! escaping took 5.7% of its instructions and takes 2.3% now. The bytes are serde_json's (the tests
//! below compare the two on arbitrary values), so the files, the record and its digests read the same.

use serde::Serialize;

/// The pretty serializer (two-space indent, `"key": value`) writing into `out`.
pub fn pretty(out: &mut Vec<u8>) -> sonic_rs::Serializer<&mut Vec<u8>, Pretty> {
    sonic_rs::Serializer::with_formatter(out, Pretty::default())
}

/// serde_json's pretty layout (sonic-rs's `PrettyFormatter` with its two-space indent), each line
/// break written with its comma and indent at once, instead of an indent level at a time: the
/// OpenAPI documents and IR files are about a quarter indentation.
#[derive(Clone, Default)]
pub struct Pretty {
    level: usize,
    has_value: bool,
}

/// `,` and a line break, then the spaces of [`MAX_LEVEL`] levels: a line's start is a slice of it.
const LINE_START: [u8; 2 + 2 * MAX_LEVEL] = {
    let mut line = [b' '; 2 + 2 * MAX_LEVEL];
    line[0] = b',';
    line[1] = b'\n';
    line
};
const MAX_LEVEL: usize = 64;

impl Pretty {
    /// A line break (after a comma unless `first`) and the current level's indent.
    fn line<W: ?Sized + std::io::Write>(&self, writer: &mut W, first: bool) -> std::io::Result<()> {
        let from = usize::from(first);
        if self.level <= MAX_LEVEL {
            return writer.write_all(&LINE_START[from..2 + 2 * self.level]);
        }
        writer.write_all(&LINE_START[from..2])?;
        (0..self.level).try_for_each(|_| writer.write_all(b"  "))
    }

    /// An array or object opens a level.
    fn open<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// An array or object closes its level, on a line of its own when it holds anything.
    fn close<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(writer, true)?;
        }
        writer.write_all(bracket)
    }
}

impl sonic_rs::format::Formatter for Pretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(writer, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(writer, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `value` as compact JSON.
pub fn to_string(value: &(impl Serialize + ?Sized)) -> Result<String, sonic_rs::Error> {
    sonic_rs::to_string(value)
}

/// `value` as pretty JSON, without a trailing newline.
pub fn to_string_pretty(value: &(impl Serialize + ?Sized)) -> Result<String, sonic_rs::Error> {
    let mut out = Vec::with_capacity(128);
    value.serialize(&mut pretty(&mut out))?;
    Ok(String::from_utf8(out).expect("JSON is UTF-8"))
}

/// `value` as compact JSON, written to `out` (piece by piece, as serialized).
pub fn to_writer(out: impl std::io::Write, value: &(impl Serialize + ?Sized)) -> Result<(), sonic_rs::Error> {
    sonic_rs::to_writer(sonic_rs::writer::BufferedWriter::new(out), value)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::Value;

    /// Any JSON value: strings of any characters (controls, quotes, bidi marks, astral ones),
    /// integers and finite floats of every size, objects in insertion order.
    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
            any::<String>().prop_map(Value::String),
            "[\\x00-\\x1f\"\\\\/a\u{7f}\u{2028}\u{202e}]{0,40}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec((any::<String>(), inner), 0..8)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn writes_what_serde_json_writes(value in value()) {
            prop_assert_eq!(super::to_string(&value).unwrap(), serde_json::to_string(&value).unwrap());
            prop_assert_eq!(
                super::to_string_pretty(&value).unwrap(),
                serde_json::to_string_pretty(&value).unwrap()
            );
            let mut written = Vec::new();
            super::to_writer(&mut written, &value).unwrap();
            prop_assert_eq!(written, serde_json::to_vec(&value).unwrap());
        }
    }

    /// Deeper than the indent buffer: the levels past it are written one by one.
    #[test]
    fn indents_past_the_buffer_as_serde_json_does() {
        let mut value = serde_json::json!({"leaf": [1, "a"]});
        for depth in 0..(super::MAX_LEVEL + 6) {
            value = if depth % 2 == 0 {
                serde_json::json!([value, {}])
            } else {
                serde_json::json!({"k": value, "e": []})
            };
        }
        assert_eq!(super::to_string_pretty(&value).unwrap(), serde_json::to_string_pretty(&value).unwrap());
    }

    /// Derived impls of every shape serde has (what the IR's types use), compact and pretty.
    #[test]
    fn writes_serde_shapes_as_serde_json_does() {
        use std::collections::BTreeMap;

        #[derive(serde::Serialize)]
        enum Shape {
            Unit,
            Newtype(u8),
            Tuple(u8, String),
            Struct { a: Option<f32>, b: Vec<()> },
        }
        #[derive(serde::Serialize)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        enum Tagged {
            One { text: String },
        }
        #[derive(serde::Serialize)]
        struct All {
            shapes: Vec<Shape>,
            tagged: Tagged,
            map: BTreeMap<u32, char>,
            empty: BTreeMap<String, u8>,
            bytes: Vec<u8>,
            float: f64,
            nan: f64,
            unit: (),
        }
        let all = All {
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(7),
                Shape::Tuple(1, "t\u{0}\n".into()),
                Shape::Struct { a: Some(0.1), b: vec![(), ()] },
                Shape::Struct { a: None, b: vec![] },
            ],
            tagged: Tagged::One { text: "\"quoted\" \\ \u{202e}".into() },
            map: BTreeMap::from([(3, 'x'), (10, '\u{1f600}')]),
            empty: BTreeMap::new(),
            bytes: vec![0, 255],
            float: 1e21,
            nan: f64::NAN,
            unit: (),
        };
        assert_eq!(super::to_string(&all).unwrap(), serde_json::to_string(&all).unwrap());
        assert_eq!(super::to_string_pretty(&all).unwrap(), serde_json::to_string_pretty(&all).unwrap());
        let mut pretty = Vec::new();
        serde::Serialize::serialize(&all, &mut super::pretty(&mut pretty)).unwrap();
        assert_eq!(pretty, serde_json::to_vec_pretty(&all).unwrap());
    }
}
