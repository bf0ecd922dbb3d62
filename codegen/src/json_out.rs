//! JSON as `gen` writes it: serde_json's bytes, compact or pretty, written by sonic-rs.
//!
//! serde_json looks at a string's bytes one at a time for what needs escaping; sonic-rs, a port of
//! its serializer, does it sixteen or thirty-two at a time. A first `gen` writes about 25 MB of JSON
//! strings (the IR files, the OpenAPI document, the render record and its digests); the string
//! escaping took 5.7% of its instructions and takes 2.3% now. The bytes are serde_json's (the tests
//! below compare the two on arbitrary values), so the files, the record and its digests read the same.

use serde::Serialize;

/// The pretty serializer (two-space indent, `"key": value`) writing into `out`.
pub fn pretty(
    out: &mut Vec<u8>,
) -> sonic_rs::Serializer<&mut Vec<u8>, sonic_rs::format::PrettyFormatter<'static>> {
    sonic_rs::Serializer::pretty(out)
}

/// `value` as compact JSON.
pub fn to_string(value: &(impl Serialize + ?Sized)) -> Result<String, sonic_rs::Error> {
    sonic_rs::to_string(value)
}

/// `value` as pretty JSON, without a trailing newline.
pub fn to_string_pretty(value: &(impl Serialize + ?Sized)) -> Result<String, sonic_rs::Error> {
    sonic_rs::to_string_pretty(value)
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
