//! The IR as `gen` writes it for review: `ir/<product>/<Api>.json` without doc line numbers, and
//! the lines beside it in `ir/<product>/lines/<Api>.json`.
//!
//! Every IR member named `line` is provenance (the 1-based doc line a row, a name or a source
//! came from). Kept in the compared IR, one line added at the top of a page would change every
//! row below it; moved to the sidecar, the IR diff of a doc change shows that change alone, and
//! the sidecar still says where each row came from: it maps the JSON pointer of each object that
//! had a line (`/request/3`, `/response/0/shape/fields/2`) to that line, in document order.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt::Write as _;

use serde::ser::{self, Serialize, Serializer};

/// The IR of `value` as pretty JSON without `line` members, and its sidecar.
pub struct IrJson {
    pub ir: String,
    pub lines: String,
}

/// Splits `value`'s JSON into the compared IR and the lines sidecar, in one pass: the value is
/// written as serde_json writes it pretty, but for its numeric `line` members, whose pointers are
/// recorded instead (an object's before its members', as the objects open in the text).
pub fn split(value: &impl Serialize, source: Option<&str>) -> IrJson {
    let walk = Walk::default();
    let mut json = Vec::with_capacity(16 * 1024);
    value
        .serialize(Splitter { inner: &mut crate::json_out::pretty(&mut json), walk: &walk })
        .expect("the IR always serializes");
    let mut ir = String::from_utf8(json).expect("JSON is UTF-8");
    // No bidi control or invisible mark reaches a reviewer as itself (`escape::json_invisible`).
    ir = crate::escape::json_invisible(ir);
    ir.push('\n');
    IrJson { ir, lines: crate::escape::json_invisible(sidecar(source, &walk.lines.into_inner())) }
}

/// Where a [`Splitter`] is in the value: the path to the member it writes, and the lines taken out
/// so far.
#[derive(Default)]
struct Walk {
    path: RefCell<Vec<Segment>>,
    lines: RefCell<Vec<(String, u64)>>,
}

/// One step of a path: an object's member by its key, or an array's element by its index.
enum Segment {
    Key(Cow<'static, str>),
    Index(usize),
}

impl Walk {
    /// Steps into `segment`, returning the path's length to step back to.
    fn enter(&self, segment: Segment) -> usize {
        let mut path = self.path.borrow_mut();
        path.push(segment);
        path.len() - 1
    }

    fn leave(&self, len: usize) {
        self.path.borrow_mut().truncate(len);
    }

    /// Records the line of the object being written, at its JSON pointer (segments escaped as RFC
    /// 6901 says), before the lines of its members (`at`: how many lines were recorded when it
    /// opened).
    fn take_line(&self, at: usize, line: u64) {
        let mut pointer = String::new();
        for segment in self.path.borrow().iter() {
            pointer.push('/');
            match segment {
                Segment::Key(key) => {
                    for c in key.chars() {
                        match c {
                            '~' => pointer.push_str("~0"),
                            '/' => pointer.push_str("~1"),
                            c => pointer.push(c),
                        }
                    }
                }
                Segment::Index(index) => {
                    let _ = write!(pointer, "{index}");
                }
            }
        }
        if pointer.is_empty() {
            pointer.push('/');
        }
        self.lines.borrow_mut().insert(at, (pointer, line));
    }

    fn recorded(&self) -> usize {
        self.lines.borrow().len()
    }
}

/// The number a `line` member holds, when it holds one.
fn line_number(value: &(impl Serialize + ?Sized)) -> Option<u64> {
    serde_json::to_value(value).ok()?.as_u64()
}

/// The text of a map key, as serde_json writes it between quotes.
fn key_text(key: &(impl Serialize + ?Sized)) -> String {
    match serde_json::to_value(key) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A serializer that hands everything to `inner` but numeric `line` members of objects, which go
/// to `walk` with their object's pointer.
struct Splitter<'w, S> {
    inner: S,
    walk: &'w Walk,
}

/// A value to be written through a [`Splitter`] by whatever serializer is given.
struct Split<'w, T: ?Sized> {
    value: &'w T,
    walk: &'w Walk,
}

impl<T: Serialize + ?Sized> Serialize for Split<'_, T> {
    fn serialize<S: Serializer>(&self, inner: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(Splitter { inner, walk: self.walk })
    }
}

/// A compound value (array, object) being written through a [`Splitter`].
struct Compound<'w, C> {
    inner: C,
    walk: &'w Walk,
    /// The next element's index (arrays).
    index: usize,
    /// How many lines were recorded when the object opened (objects).
    opened_at: usize,
    /// The pointer's length before a variant's segment, cut back to at the end (variants).
    variant: Option<usize>,
    /// The segment of the key given by `serialize_key`, for its value (maps).
    key: Option<String>,
}

impl<'w, C> Compound<'w, C> {
    fn new(inner: C, walk: &'w Walk, variant: Option<usize>) -> Self {
        Self { inner, walk, index: 0, opened_at: walk.recorded(), variant, key: None }
    }

    fn element<T: Serialize + ?Sized, E>(
        &mut self,
        value: &T,
        write: impl FnOnce(&mut C, &Split<T>) -> Result<(), E>,
    ) -> Result<(), E> {
        let len = self.walk.enter(Segment::Index(self.index));
        self.index += 1;
        let done = write(&mut self.inner, &Split { value, walk: self.walk });
        self.walk.leave(len);
        done
    }

    fn member<T: Serialize + ?Sized, E>(
        &mut self,
        key: Cow<'static, str>,
        value: &T,
        write: impl FnOnce(&mut C, &Split<T>) -> Result<(), E>,
    ) -> Result<(), E> {
        let len = self.walk.enter(Segment::Key(key));
        let done = write(&mut self.inner, &Split { value, walk: self.walk });
        self.walk.leave(len);
        done
    }

    /// Whether `key: value` is a `line` member taken out (and recorded).
    fn takes_line<T: Serialize + ?Sized>(&self, key: &str, value: &T) -> bool {
        if key != "line" {
            return false;
        }
        match line_number(value) {
            Some(line) => {
                self.walk.take_line(self.opened_at, line);
                true
            }
            None => false,
        }
    }

    fn finish(self) -> C {
        if let Some(len) = self.variant {
            self.walk.leave(len);
        }
        self.inner
    }
}

/// Forwards the serializer methods that write no compound value.
macro_rules! forward_scalars {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $method(self, $($arg: $ty),*) -> Result<S::Ok, S::Error> {
            self.inner.$method($($arg),*)
        })*
    };
}

impl<'w, S: Serializer> Serializer for Splitter<'w, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Compound<'w, S::SerializeSeq>;
    type SerializeTuple = Compound<'w, S::SerializeTuple>;
    type SerializeTupleStruct = Compound<'w, S::SerializeTupleStruct>;
    type SerializeTupleVariant = Compound<'w, S::SerializeTupleVariant>;
    type SerializeMap = Compound<'w, S::SerializeMap>;
    type SerializeStruct = Compound<'w, S::SerializeStruct>;
    type SerializeStructVariant = Compound<'w, S::SerializeStructVariant>;

    forward_scalars! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_i128(v: i128);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_u128(v: u128);
        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_char(v: char);
        serialize_str(v: &str);
        serialize_bytes(v: &[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(name: &'static str);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.inner.serialize_some(&Split { value, walk: self.walk })
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_newtype_struct(name, &Split { value, walk: self.walk })
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let len = self.walk.enter(Segment::Key(Cow::Borrowed(variant)));
        let done =
            self.inner.serialize_newtype_variant(name, index, variant, &Split { value, walk: self.walk });
        self.walk.leave(len);
        done
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Ok(Compound::new(self.inner.serialize_seq(len)?, self.walk, None))
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        Ok(Compound::new(self.inner.serialize_tuple(len)?, self.walk, None))
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        Ok(Compound::new(self.inner.serialize_tuple_struct(name, len)?, self.walk, None))
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        let inner = self.inner.serialize_tuple_variant(name, index, variant, len)?;
        Ok(Compound::new(inner, self.walk, Some(self.walk.enter(Segment::Key(Cow::Borrowed(variant))))))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Ok(Compound::new(self.inner.serialize_map(len)?, self.walk, None))
    }

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self::SerializeStruct, S::Error> {
        Ok(Compound::new(self.inner.serialize_struct(name, len)?, self.walk, None))
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        let inner = self.inner.serialize_struct_variant(name, index, variant, len)?;
        Ok(Compound::new(inner, self.walk, Some(self.walk.enter(Segment::Key(Cow::Borrowed(variant))))))
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// Implements an array-like compound: each element one pointer segment (its index) deeper.
macro_rules! elements {
    ($trait:ident, $method:ident) => {
        impl<C: ser::$trait> ser::$trait for Compound<'_, C> {
            type Ok = C::Ok;
            type Error = C::Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
                self.element(value, |inner, value| inner.$method(value))
            }

            fn end(self) -> Result<C::Ok, C::Error> {
                self.finish().end()
            }
        }
    };
}

elements!(SerializeSeq, serialize_element);
elements!(SerializeTuple, serialize_element);
elements!(SerializeTupleStruct, serialize_field);
elements!(SerializeTupleVariant, serialize_field);

/// Implements a struct-like compound: each field one segment (its name) deeper, but a numeric
/// `line`, which is taken out.
macro_rules! fields {
    ($trait:ident) => {
        impl<C: ser::$trait> ser::$trait for Compound<'_, C> {
            type Ok = C::Ok;
            type Error = C::Error;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), C::Error> {
                if self.takes_line(key, value) {
                    return Ok(());
                }
                self.member(Cow::Borrowed(key), value, |inner, value| inner.serialize_field(key, value))
            }

            fn skip_field(&mut self, key: &'static str) -> Result<(), C::Error> {
                self.inner.skip_field(key)
            }

            fn end(self) -> Result<C::Ok, C::Error> {
                self.finish().end()
            }
        }
    };
}

fields!(SerializeStruct);
fields!(SerializeStructVariant);

impl<C: ser::SerializeMap> ser::SerializeMap for Compound<'_, C> {
    type Ok = C::Ok;
    type Error = C::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), C::Error> {
        self.key = Some(key_text(key));
        self.inner.serialize_key(key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        let key = self.key.take().unwrap_or_default();
        self.member(Cow::Owned(key), value, |inner, value| inner.serialize_value(value))
    }

    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), C::Error> {
        let text = key_text(key);
        if self.takes_line(&text, value) {
            return Ok(());
        }
        self.member(Cow::Owned(text), value, |inner, value| inner.serialize_entry(key, value))
    }

    fn end(self) -> Result<C::Ok, C::Error> {
        self.finish().end()
    }
}

/// `{"source": …, "lines": {"/request/0": 41, …}}`, one pointer a line, in document order.
fn sidecar(source: Option<&str>, lines: &[(String, u64)]) -> String {
    let quote = |s: &str| serde_json::to_string(s).expect("a string serializes");
    let mut out =
        String::with_capacity(64 + lines.iter().map(|(pointer, _)| pointer.len() + 16).sum::<usize>());
    out.push_str("{\n");
    if let Some(source) = source {
        out.push_str("  \"source\": ");
        out.push_str(&quote(source));
        out.push_str(",\n");
    }
    out.push_str("  \"lines\": {");
    for (i, (pointer, line)) in lines.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(&quote(pointer));
        out.push_str(": ");
        let _ = write!(out, "{line}");
    }
    out.push_str(if lines.is_empty() { "}\n}\n" } else { "\n  }\n}\n" });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::{json, Value};

    /// The split as it was made before it was one pass: through a `serde_json::Value`, from which
    /// the `line` members are taken. The one-pass split must say the same (the objects' members
    /// may come in another order: `Value`'s removal moves an object's last member into the slot
    /// of its `line`).
    fn split_by_value(value: &impl Serialize) -> (Value, Vec<(String, u64)>) {
        fn take_lines(value: &mut Value, pointer: &mut String, out: &mut Vec<(String, u64)>) {
            match value {
                Value::Object(members) => {
                    if let Some(line) = members.get("line").and_then(Value::as_u64) {
                        members.remove("line");
                        out.push((if pointer.is_empty() { "/".to_owned() } else { pointer.clone() }, line));
                    }
                    for (key, member) in members.iter_mut() {
                        let len = pointer.len();
                        pointer.push('/');
                        pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                        take_lines(member, pointer, out);
                        pointer.truncate(len);
                    }
                }
                Value::Array(items) => {
                    for (i, item) in items.iter_mut().enumerate() {
                        let len = pointer.len();
                        let _ = write!(pointer, "/{i}");
                        take_lines(item, pointer, out);
                        pointer.truncate(len);
                    }
                }
                _ => {}
            }
        }
        let mut json = serde_json::to_value(value).unwrap();
        let mut lines = Vec::new();
        take_lines(&mut json, &mut String::new(), &mut lines);
        (json, lines)
    }

    /// The one-pass split of `value`, read back: the IR and the sidecar's lines in order.
    fn split_read_back(value: &impl Serialize) -> (Value, Vec<(String, u64)>) {
        let split = split(value, None);
        let ir: Value = serde_json::from_str(&split.ir).expect("the IR is JSON");
        assert_eq!(
            split.ir,
            format!("{}\n", serde_json::to_string_pretty(&ir).unwrap()),
            "written as pretty JSON"
        );
        let sidecar: Value = serde_json::from_str(&split.lines).expect("the sidecar is JSON");
        let lines = sidecar["lines"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(pointer, line)| (pointer.clone(), line.as_u64().unwrap()))
            .collect();
        (ir, lines)
    }

    /// Holds the one-pass split of `value` to the split through a `Value`: the same IR and the
    /// same lines, each object's line before its members'.
    fn assert_splits_alike(value: &impl Serialize) {
        let (ir, lines) = split_read_back(value);
        let (expected_ir, mut expected_lines) = split_by_value(value);
        assert_eq!(ir, expected_ir);
        for (i, (pointer, _)) in lines.iter().enumerate() {
            let inside =
                |(other, _): &(String, u64)| other.starts_with(&format!("{pointer}/")) || pointer == "/";
            assert!(!lines[..i].iter().any(inside), "{pointer} comes after a line of its members: {lines:?}");
        }
        let mut sorted = lines.clone();
        sorted.sort();
        expected_lines.sort();
        assert_eq!(sorted, expected_lines);
    }

    #[test]
    fn lines_move_to_the_sidecar_by_pointer_in_document_order() {
        let value = json!({
            "name": "A",
            "request": [{"wire_name": "X", "line": 7}, {"wire_name": "Y/Z", "line": 9, "rows": [{"line": 10}]}],
            "errors": [{"code": "E", "line": 20}],
        });
        let split = split(&value, Some("ecs/A.md"));
        assert!(!split.ir.contains("line"), "{}", split.ir);
        let sidecar: Value = serde_json::from_str(&split.lines).expect("valid JSON");
        assert_eq!(sidecar["source"], "ecs/A.md");
        assert_eq!(sidecar["lines"]["/request/0"], 7);
        assert_eq!(sidecar["lines"]["/request/1/rows/0"], 10);
        assert_eq!(sidecar["lines"]["/errors/0"], 20);
        let order: Vec<&str> = split.lines.lines().filter_map(|l| l.trim().strip_prefix("\"/")).collect();
        assert_eq!(order.len(), 4);
        let at = |p: &str| order.iter().position(|o| o.starts_with(p)).unwrap();
        assert!(
            at("request/0") < at("request/1\"") && at("request/1\"") < at("request/1/rows/0"),
            "{order:?}"
        );
        assert_splits_alike(&value);
    }

    #[test]
    fn no_lines_is_an_empty_map() {
        let split = split(&json!({"a": 1}), None);
        assert_eq!(split.lines, "{\n  \"lines\": {}\n}\n");
        assert_eq!(split.ir, "{\n  \"a\": 1\n}\n");
    }

    /// Every shape serde writes: structs whose `line` comes after their members, variants of each
    /// kind, maps with keys to escape, a `line` that is not a number, an object that is only a line.
    #[test]
    fn every_shape_splits_as_through_a_value() {
        #[derive(Serialize)]
        struct Row {
            rows: Vec<Row>,
            line: usize,
        }
        #[derive(Serialize)]
        enum Kind {
            Unit,
            Newtype(Row),
            Tuple(Row, Row),
            Struct { row: Row, line: u32 },
        }
        #[derive(Serialize)]
        #[serde(tag = "kind")]
        enum Tagged {
            A { line: u8 },
            B(Row),
        }
        #[derive(Serialize)]
        struct Top {
            kinds: Vec<Kind>,
            tagged: Vec<Tagged>,
            by_name: std::collections::BTreeMap<String, Row>,
            text_line: std::collections::BTreeMap<&'static str, &'static str>,
            only: Row,
            tuple: (Row, Option<Row>),
        }
        let row = |line, rows| Row { rows, line };
        let top = Top {
            kinds: vec![
                Kind::Unit,
                Kind::Newtype(row(3, vec![row(4, vec![])])),
                Kind::Tuple(row(5, vec![]), row(6, vec![row(7, vec![])])),
                Kind::Struct { row: row(9, vec![]), line: 8 },
            ],
            tagged: vec![Tagged::A { line: 10 }, Tagged::B(row(11, vec![]))],
            by_name: [("a/b~c".to_owned(), row(12, vec![])), ("line".to_owned(), row(13, vec![]))].into(),
            text_line: [("line", "not a number"), ("x", "y")].into(),
            only: row(14, vec![]),
            tuple: (row(15, vec![]), Some(row(16, vec![]))),
        };
        assert_splits_alike(&top);
        assert_splits_alike(&row(1, vec![row(2, vec![])]));
        assert_splits_alike(
            &json!({"line": 1, "a": {"line": "x"}, "b": [[{"line": 2}]], "c": {"line": 3.5}}),
        );
    }

    /// The IR of real pages: the three largest ECS pages of `spec/`, read as `gen` reads them.
    #[test]
    fn the_ir_of_real_pages_splits_as_through_a_value() {
        let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        for page in ["RunInstances.md", "CreateInstance.md", "DescribeInstances.md"] {
            let path = spec.join("ecs").join(page);
            let bytes = std::fs::read(&path).unwrap();
            let parsed = crate::parse::parse_page(&path.display().to_string(), &bytes);
            let overrides = crate::constraints::overrides::Overrides::default();
            let (api, _) = crate::gen::constrain_page(&spec, &path, parsed, &overrides);
            assert_splits_alike(&api.expect("an API page"));
        }
    }
}
