//! The IR as `gen` writes it for review: `ir/<product>/<Api>.json` without doc line numbers, and
//! the lines beside it in `ir/<product>/lines/<Api>.json`.
//!
//! Every IR member named `line` is provenance (the 1-based doc line a row, a name or a source
//! came from). Kept in the compared IR, one line added at the top of a page would change every
//! row below it; moved to the sidecar, the IR diff of a doc change shows that change alone, and
//! the sidecar still says where each row came from: it maps the JSON pointer of each object that
//! had a line (`/request/3`, `/response/0/shape/fields/2`) to that line, in document order.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

/// The IR of `value` as pretty JSON without `line` members, and its sidecar.
pub struct IrJson {
    pub ir: String,
    pub lines: String,
}

/// Splits `value`'s JSON into the compared IR and the lines sidecar.
pub fn split(value: &impl Serialize, source: Option<&str>) -> IrJson {
    let mut json = serde_json::to_value(value).expect("the IR always serializes");
    let mut lines = Vec::new();
    take_lines(&mut json, &mut String::new(), &mut lines);
    // No bidi control or invisible mark reaches a reviewer as itself (`escape::json_invisible`).
    let mut ir =
        crate::escape::json_invisible(serde_json::to_string_pretty(&json).expect("the IR always serializes"));
    ir.push('\n');
    IrJson { ir, lines: crate::escape::json_invisible(sidecar(source, &lines)) }
}

/// Removes every numeric `line` member below `value`, recording the pointer of its object.
fn take_lines(value: &mut Value, pointer: &mut String, out: &mut Vec<(String, u64)>) {
    match value {
        Value::Object(members) => {
            if let Some(line) = members.get("line").and_then(Value::as_u64) {
                members.remove("line");
                out.push((if pointer.is_empty() { "/".to_owned() } else { pointer.clone() }, line));
            }
            for (key, member) in members.iter_mut() {
                // Only objects and arrays can hold a `line`.
                if !matches!(member, Value::Object(_) | Value::Array(_)) {
                    continue;
                }
                let len = pointer.len();
                pointer.push('/');
                for c in key.chars() {
                    match c {
                        '~' => pointer.push_str("~0"),
                        '/' => pointer.push_str("~1"),
                        c => pointer.push(c),
                    }
                }
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

/// `{"source": …, "lines": {"/request/0": 41, …}}`, one pointer a line, in document order.
fn sidecar(source: Option<&str>, lines: &[(String, u64)]) -> String {
    let quote = |s: &str| serde_json::to_string(s).expect("a string serializes");
    let mut out = String::from("{\n");
    if let Some(source) = source {
        out.push_str(&format!("  \"source\": {},\n", quote(source)));
    }
    out.push_str("  \"lines\": {");
    for (i, (pointer, line)) in lines.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&format!("    {}: {line}", quote(pointer)));
    }
    out.push_str(if lines.is_empty() { "}\n}\n" } else { "\n  }\n}\n" });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
    }

    #[test]
    fn no_lines_is_an_empty_map() {
        let split = split(&json!({"a": 1}), None);
        assert_eq!(split.lines, "{\n  \"lines\": {}\n}\n");
        assert_eq!(split.ir, "{\n  \"a\": 1\n}\n");
    }
}
