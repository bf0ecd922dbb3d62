//! Reads a ROA page's RequestBody section: the body table's tree (`└` rows), its JSON example,
//! and the body parameters they give.
//!
//! The table is the contract; the example is evidence. A row's shape comes from its Type cell
//! (`List<String>` a list of strings, `Array`/`List` with `└` children a list of objects,
//! `Map`/`Struct`/`Object` with children an object, without children any JSON value). Where the
//! example contradicts the table about object versus list, the example (what the service was
//! sent) wins, with a warning. When the example is an array of objects described by the table's
//! rows, the body is that array: the rows become members of `RequestBody.N`. Without a table the
//! example's own keys and values give the parameters. A bare array of strings is the parameter
//! the docs call `RequestBody`.

use serde_json::Value;

use super::blocks::{Block, Table};
use super::columns::Columns;
use super::inline::{plain, text};
use super::request;
use crate::diag::Diagnostics;
use crate::ir::{Index, Param, Position, PositionFrom, ScalarType, Segment, Text};

/// The deepest `└` level read: deeper rows are read at this level (bounds the work per row).
const MAX_DEPTH: usize = 32;

/// The name the docs give a body that is one JSON array.
pub const WHOLE_BODY: &str = "RequestBody";

/// What a RequestBody section gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BodySection {
    /// Body parameters, leaves only, in table (or example) order.
    pub params: Vec<Param>,
    /// `Some(RequestBody)` when the body is one JSON array.
    pub whole: Option<String>,
    /// The section's JSON example, as written.
    pub example: Option<String>,
    pub line: usize,
}

/// How a Type cell shapes a body member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Scalar(ScalarType),
    /// `List<String>`, `Array of String`: a list of scalars.
    List(ScalarType),
    /// `Map`, `Struct`, `Object` (or, `list`, `Array`, `List`): an object, or a list of objects,
    /// when rows below it list its members; any JSON value (a list of them) when none do.
    Group {
        list: bool,
    },
}

/// Reads a body member's Type cell; `None` for a type that is none of these (read as String).
pub fn shape_of(doc_type: &str) -> Option<Shape> {
    let t = doc_type.trim().to_ascii_lowercase();
    let t = t.replace([' ', '\\'], "");
    if let Some(scalar) = ScalarType::from_doc(&t) {
        return Some(Shape::Scalar(scalar));
    }
    let inner = t
        .strip_prefix("list<")
        .or_else(|| t.strip_prefix("array<"))
        .and_then(|r| r.strip_suffix('>'))
        .or_else(|| t.strip_prefix("arrayof"))
        .or_else(|| t.strip_suffix("[]"));
    if let Some(inner) = inner {
        return Some(match ScalarType::from_doc(inner) {
            Some(scalar) => Shape::List(scalar),
            None => Shape::Group { list: true },
        });
    }
    match t.as_str() {
        "list" | "array" | "jsonarray" => Some(Shape::Group { list: true }),
        "map" | "struct" | "struts" | "object" | "jsonobject" | "json" => Some(Shape::Group { list: false }),
        _ => None,
    }
}

/// One row of the body table, placed in the tree.
struct Node {
    param: Param,
    name: String,
    shape: Shape,
    children: Vec<usize>,
}

/// Reads the section's tables and JSON example into body parameters.
pub fn read(blocks: &[Block], heading_line: usize, diags: &mut Diagnostics) -> BodySection {
    let example = json_example(blocks);
    let tables: Vec<&Table> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    let mut rows = Vec::new();
    for table in tables {
        let mut columns = Columns::from_header(&table.header);
        misnamed_first_column(table, &mut columns, diags);
        if columns.kind() != super::columns::TableKind::Params {
            diags.warning(table.line, "table in the RequestBody section is not a parameter table; not read");
            continue;
        }
        rows.extend(request::params(table, &columns, diags));
    }
    let parsed = example.as_ref().map(|(_, v)| v);
    let mut out = BodySection {
        example: example.as_ref().map(|(s, _)| s.clone()),
        line: heading_line,
        ..Default::default()
    };
    if rows.is_empty() {
        match parsed {
            Some(value) => from_example(value, prose(blocks), heading_line, &mut out, diags),
            None => diags.warning(
                heading_line,
                "the RequestBody section gives neither a parameter table nor a JSON example; no body is sent",
            ),
        }
        return out;
    }
    let (params, whole) = nest(rows, parsed, true, out.line, diags);
    out.params = params;
    out.whole = whole;
    out
}

/// A body table whose first column is headed like something else (`HTTP status code`) but that
/// has a Type and a Required column: its first column holds the names.
fn misnamed_first_column(table: &Table, columns: &mut Columns, diags: &mut Diagnostics) {
    if columns.name.is_some() || columns.ty.is_none() || columns.required.is_none() || columns.width == 0 {
        return;
    }
    let header = table.header.first().map(|h| plain(h)).unwrap_or_default();
    diags.warning(
        table.line,
        format!("the body table's first column is headed `{header}`; read as the parameter names"),
    );
    for slot in [&mut columns.status, &mut columns.code, &mut columns.message] {
        if *slot == Some(0) {
            *slot = None;
        }
    }
    columns.unknown.retain(|(i, _)| *i != 0);
    columns.name = Some(0);
}

/// The first JSON array or object of the section: a code block, else a code span in its prose.
fn json_example(blocks: &[Block]) -> Option<(String, Value)> {
    let parse = |s: &str| {
        let t = s.trim();
        if !(t.starts_with('{') || t.starts_with('[')) {
            return None;
        }
        serde_json::from_str::<Value>(t).ok().map(|v| (t.to_owned(), v))
    };
    blocks.iter().find_map(|b| match b {
        Block::Code(code) => parse(&code.body),
        Block::Text { text, .. } => code_spans(text).into_iter().find_map(parse),
        _ => None,
    })
}

/// The contents of a paragraph's single-backtick code spans.
fn code_spans(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}

/// The section's paragraphs, Markdown, joined.
fn prose(blocks: &[Block]) -> String {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Leading `└` marks (spaces between them ignored) and the name after them.
fn depth_and_name(raw: &str) -> (usize, String) {
    let mut depth = 0;
    let mut rest = raw.trim_start();
    while let Some(r) = rest.strip_prefix('└') {
        depth += 1;
        rest = r.trim_start();
    }
    (depth, rest.trim().to_owned())
}

/// True when a paragraph introducing a table says its rows go in the request body ("You must
/// also specify the following parameters in RequestBody").
pub fn names_the_body(intro: &str) -> bool {
    let squeezed: String = intro.to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphabetic()).collect();
    squeezed.contains("requestbody")
}

/// A body table met in the Request parameters section, after a paragraph that names the body.
pub fn read_table(table: &Table, columns: &Columns, diags: &mut Diagnostics) -> BodySection {
    let rows = request::params(table, columns, diags);
    let (params, whole) = nest(rows, None, true, table.line, diags);
    BodySection { params, whole, example: None, line: table.line }
}

/// True when a table's rows form a tree (`└` rows below their parent).
pub fn has_child_rows(rows: &[Param]) -> bool {
    rows.iter().any(|p| p.wire_name.trim_start().starts_with('└'))
}

/// Reads rows with `└` marks as a tree: leaves only, each named by its JSON path. Rows of a
/// RequestBody table (`body_table`) are body parameters; rows of a request table keep the
/// position of their top-level row. Returns the leaves and, when the body is one array, its name.
pub fn nest(
    rows: Vec<Param>,
    example: Option<&Value>,
    body_table: bool,
    line: usize,
    diags: &mut Diagnostics,
) -> (Vec<Param>, Option<String>) {
    let mut out = BodySection { line, ..Default::default() };
    // The tree: each row's parent is the nearest row above it one level up.
    let mut nodes: Vec<Node> = Vec::new();
    let mut roots = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for param in rows {
        let (mut depth, name) = depth_and_name(&param.wire_name);
        if name.is_empty() {
            diags.warning(param.line, "body row has no name after its `└` marks; row skipped");
            continue;
        }
        if depth > MAX_DEPTH {
            diags.warning(
                param.line,
                format!(
                    "body row `{name}` is {depth} levels deep; read at level {MAX_DEPTH}, the deepest read"
                ),
            );
            depth = MAX_DEPTH;
        }
        if depth > stack.len() {
            diags.warning(
                param.line,
                format!("body row `{name}` is {depth} levels deep under a row {} deep; read as a child of that row", stack.len().saturating_sub(1)),
            );
            depth = stack.len();
        }
        stack.truncate(depth);
        let shape = shape_of(&param.doc_type).unwrap_or_else(|| {
            if !param.doc_type.is_empty() {
                diags.warning(
                    param.line,
                    format!("unknown body parameter type `{}`; read as String", param.doc_type),
                );
            }
            Shape::Scalar(ScalarType::String)
        });
        let index = nodes.len();
        match stack.last() {
            Some(&parent) => nodes[parent].children.push(index),
            None => roots.push(index),
        }
        let mut param = param;
        if let Some(&root) = stack.first() {
            let root: &Param = &nodes[root].param;
            (param.position, param.position_from) = (root.position, root.position_from);
        }
        nodes.push(Node { param, name, shape, children: Vec::new() });
        stack.push(index);
    }
    // A group row without members is a value of its own.
    for node in &mut nodes {
        if let (Shape::Group { list }, true) = (node.shape, node.children.is_empty()) {
            node.shape = if list { Shape::List(ScalarType::Json) } else { Shape::Scalar(ScalarType::Json) };
        }
    }
    // Where the body is one array: an explicit `RequestBody` row, or an example that is an array
    // of the objects the rows describe.
    let explicit_whole = roots.len() == 1 && nodes[roots[0]].name == WHOLE_BODY;
    let mut prefix: Vec<Segment> = Vec::new();
    let mut root_values: Vec<&Value> = example.into_iter().collect();
    if explicit_whole {
        out.whole = Some(WHOLE_BODY.to_owned());
    } else if let Some(Value::Array(items)) = example {
        if items.iter().all(Value::is_object) && !items.is_empty() {
            out.whole = Some(WHOLE_BODY.to_owned());
            prefix.push(Segment { name: WHOLE_BODY.to_owned(), index: Index::Each });
            root_values = items.iter().collect();
            diags.note(
                out.line,
                format!("the body example is an array of the objects the table describes; its rows are read as members of `{WHOLE_BODY}.N`"),
            );
        }
    }
    check_keys(&roots, &nodes, &root_values, out.line, diags);
    for &root in &roots {
        follow_example(root, &mut nodes, &root_values, diags);
    }
    for &root in &roots {
        emit(root, &nodes, &prefix, body_table, &mut out);
    }
    (out.params, out.whole)
}

/// Warns about the example's top-level keys that no row names.
fn check_keys(roots: &[usize], nodes: &[Node], values: &[&Value], line: usize, diags: &mut Diagnostics) {
    let mut reported = std::collections::BTreeSet::new();
    let rows: std::collections::HashSet<&str> = roots.iter().map(|&r| nodes[r].name.as_str()).collect();
    for value in values {
        let Value::Object(map) = value else { continue };
        for key in map.keys() {
            if !rows.contains(key.as_str()) && reported.insert(key.clone()) {
                diags.warning(
                    line,
                    format!("the body example's key `{key}` is not a row of the RequestBody table; it is not sent"),
                );
            }
        }
    }
}

/// Lets the example decide object versus list where it contradicts the table, then descends.
fn follow_example(at: usize, nodes: &mut [Node], parents: &[&Value], diags: &mut Diagnostics) {
    let values: Vec<&Value> =
        parents.iter().filter_map(|v| v.as_object()).filter_map(|m| m.get(&nodes[at].name)).collect();
    if values.is_empty() {
        return;
    }
    let node = &mut nodes[at];
    let all_objects = values.iter().all(|v| v.is_object());
    let all_arrays = values.iter().all(|v| v.is_array());
    match node.shape {
        Shape::Group { list: true } if all_objects => {
            diags.warning(
                node.param.line,
                format!(
                    "`{}` is typed `{}` but the body example gives it as an object; read as an object",
                    node.name, node.param.doc_type
                ),
            );
            node.shape = Shape::Group { list: false };
        }
        Shape::Group { list: false } if all_arrays => {
            diags.warning(
                node.param.line,
                format!(
                    "`{}` is typed `{}` but the body example gives it as a list; read as a list",
                    node.name, node.param.doc_type
                ),
            );
            node.shape = Shape::Group { list: true };
        }
        _ => {}
    }
    let items: Vec<&Value> = values
        .iter()
        .flat_map(|v| match v {
            Value::Array(items) => items.iter().collect::<Vec<_>>(),
            other => vec![*other],
        })
        .collect();
    let children = nodes[at].children.clone();
    for child in children {
        follow_example(child, nodes, &items, diags);
    }
}

/// Adds the leaves below `at` to `out`, each with its JSON path as its wire name.
fn emit(at: usize, nodes: &[Node], prefix: &[Segment], body_table: bool, out: &mut BodySection) {
    let node = &nodes[at];
    let mut path = prefix.to_vec();
    let (index, ty) = match node.shape {
        Shape::Scalar(ty) => (Index::None, Some(ty)),
        Shape::List(ty) => (Index::Each, Some(ty)),
        Shape::Group { list } => (if list { Index::Each } else { Index::None }, None),
    };
    path.push(Segment { name: node.name.clone(), index });
    match ty {
        Some(ty) => {
            let mut param = node.param.clone();
            param.wire_name = wire_name(&path);
            param.path = path;
            param.ty = ty;
            if body_table {
                param.position = Position::Body;
                param.position_from = PositionFrom::BodyTable;
            }
            out.params.push(param);
        }
        None => {
            for &child in &node.children {
                emit(child, nodes, &path, body_table, out);
            }
        }
    }
}

/// `configs.N.fileName` for `[configs(each), fileName]`.
pub fn wire_name(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(&segment.name);
        match segment.index {
            Index::Each => out.push_str(".N"),
            Index::Literal(n) => out.push_str(&format!(".{n}")),
            Index::None => {}
        }
    }
    out
}

/// Body parameters from the example alone: its keys (or a bare array's items).
fn from_example(value: &Value, prose: String, line: usize, out: &mut BodySection, diags: &mut Diagnostics) {
    let description = text(&prose);
    match value {
        Value::Array(items) => {
            out.whole = Some(WHOLE_BODY.to_owned());
            let objects: Vec<&serde_json::Map<String, Value>> =
                items.iter().filter_map(Value::as_object).collect();
            if !objects.is_empty() && objects.len() == items.len() {
                let prefix = Segment { name: WHOLE_BODY.to_owned(), index: Index::Each };
                for (key, v) in union_keys(&objects) {
                    out.params.push(example_param(
                        std::slice::from_ref(&prefix),
                        &key,
                        v,
                        line,
                        Text::default(),
                    ));
                }
            } else {
                let ty = items.first().map_or(ScalarType::String, json_type);
                let path = vec![Segment { name: WHOLE_BODY.to_owned(), index: Index::Each }];
                out.params.push(body_param(path, ty, Some(value.to_string()), description, line));
            }
            diags.note(line, format!("the body is the JSON array of the section's example; read as the parameter `{WHOLE_BODY}`"));
        }
        Value::Object(map) => {
            let one = map.len() == 1;
            for (key, v) in map {
                let d = if one { description.clone() } else { Text::default() };
                out.params.push(example_param(&[], key, v, line, d));
            }
            diags.note(line, format!("the RequestBody section has no table; its {} body parameters are read from its JSON example, each optional", map.len()));
        }
        _ => {}
    }
}

/// Every key of the objects, first seen first, with its first value.
fn union_keys<'a>(objects: &[&'a serde_json::Map<String, Value>]) -> Vec<(String, &'a Value)> {
    let mut out: Vec<(String, &Value)> = Vec::new();
    for object in objects {
        for (k, v) in object.iter() {
            if !out.iter().any(|(seen, _)| seen == k) {
                out.push((k.clone(), v));
            }
        }
    }
    out
}

fn example_param(prefix: &[Segment], key: &str, value: &Value, line: usize, description: Text) -> Param {
    let mut path = prefix.to_vec();
    let (index, ty) = match value {
        Value::Array(items) if items.iter().all(|v| !v.is_object() && !v.is_array()) => {
            (Index::Each, items.first().map_or(ScalarType::String, json_type))
        }
        other => (Index::None, json_type(other)),
    };
    path.push(Segment { name: key.to_owned(), index });
    body_param(path, ty, Some(value.to_string()), description, line)
}

fn body_param(
    path: Vec<Segment>,
    ty: ScalarType,
    example: Option<String>,
    description: Text,
    line: usize,
) -> Param {
    Param {
        wire_name: wire_name(&path),
        path,
        doc_type: String::new(),
        ty,
        required: false,
        example,
        description,
        position: Position::Body,
        position_from: PositionFrom::BodyExample,
        line,
        constraints: Vec::new(),
        secret: None,
    }
}

/// The scalar type of a JSON example value; objects and arrays are any JSON value.
fn json_type(value: &Value) -> ScalarType {
    match value {
        Value::String(_) | Value::Null => ScalarType::String,
        Value::Bool(_) => ScalarType::Boolean,
        Value::Number(n) if n.is_i64() || n.is_u64() => match n.as_i64() {
            Some(i) if i32::try_from(i).is_ok() => ScalarType::Integer,
            _ => ScalarType::Long,
        },
        Value::Number(_) => ScalarType::Double,
        Value::Array(_) | Value::Object(_) => ScalarType::Json,
    }
}

/// Reads a request table's `Body` row as a body member: `List<String>` is a list, `Map` or
/// `Struct` any JSON value.
pub fn shape_body_row(param: &mut Param) {
    if param.path.len() != 1 || param.path[0].index != Index::None || param.path[0].name != param.wire_name {
        return; // shaped already, as a row of a `└` tree
    }
    let (index, ty) = match shape_of(&param.doc_type) {
        Some(Shape::Scalar(ty)) => (Index::None, ty),
        Some(Shape::List(ty)) => (Index::Each, ty),
        Some(Shape::Group { list: true }) => (Index::Each, ScalarType::Json),
        Some(Shape::Group { list: false }) => (Index::None, ScalarType::Json),
        None => return,
    };
    let name = plain(&param.wire_name);
    param.path = vec![Segment { name, index }];
    param.wire_name = wire_name(&param.path);
    param.ty = ty;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::blocks::blocks;

    fn read_page(page: &str) -> (BodySection, Vec<String>) {
        let b = blocks(page);
        let mut diags = Diagnostics::new("p.md");
        let body = read(&b, 1, &mut diags);
        (body, diags.into_vec().iter().map(ToString::to_string).collect())
    }

    fn names(body: &BodySection) -> Vec<(&str, ScalarType, bool)> {
        body.params.iter().map(|p| (p.wire_name.as_str(), p.ty, p.required)).collect()
    }

    #[test]
    fn the_tree_of_child_rows_gives_json_paths() {
        let page = "|Parameter\n\n|Type\n\n|Required\n\n|Example\n\n|Description |\n|---|---|---|---|---|\n|dryRun\n\n|Boolean\n\n|Yes\n\n|true\n\n|d |\n|configs\n\n|List\n\n|Yes\n\n| |d |\n|└fileName\n\n|String\n\n|Yes\n\n|f\n\n|d |\n|paths\n\n|List<String\\>\n\n|No\n\n|\\[\"/var\"\\]\n\n|d |\n|extend\n\n|Array\n\n| | |d |\n|└machines\n\n|Array\n\n|No\n\n| |d |\n|└└instanceId\n\n|String\n\n|Yes\n\n|i\n\n|d |\n|└ host\n\n|String\n\n|No\n\n|h\n\n|d |\n|settings\n\n|Map\n\n|No\n\n| |d |\n";
        let (body, _) = read_page(page);
        assert_eq!(
            names(&body),
            vec![
                ("dryRun", ScalarType::Boolean, true),
                ("configs.N.fileName", ScalarType::String, true),
                ("paths.N", ScalarType::String, false),
                ("extend.N.machines.N.instanceId", ScalarType::String, true),
                ("extend.N.host", ScalarType::String, false),
                ("settings", ScalarType::Json, false),
            ]
        );
        assert!(body
            .params
            .iter()
            .all(|p| p.position == Position::Body && p.position_from == PositionFrom::BodyTable));
        assert_eq!(body.whole, None);
    }

    #[test]
    fn an_example_array_of_the_rows_objects_makes_the_body_that_array() {
        let page = "|Parameter|Type|Required|Example|Description|\n|---|---|---|---|---|\n|name|String|Yes|a|d|\n|ossObject|Array|Yes| |d|\n|└key|String|Yes|k|d|\n\n```\n[ { \"name\":\"a\", \"ossObject\":{ \"key\":\"k\" }, \"extra\": 1 } ]\n```\n";
        let (body, warnings) = read_page(page);
        assert_eq!(body.whole.as_deref(), Some("RequestBody"));
        assert_eq!(
            names(&body),
            vec![
                ("RequestBody.N.name", ScalarType::String, true),
                ("RequestBody.N.ossObject.key", ScalarType::String, true)
            ]
        );
        assert!(
            warnings.iter().any(
                |w| w.contains("`ossObject` is typed `Array` but the body example gives it as an object")
            ),
            "{warnings:?}"
        );
        assert!(warnings.iter().any(|w| w.contains("key `extra` is not a row")), "{warnings:?}");
    }

    #[test]
    fn without_a_table_the_example_gives_the_parameters() {
        let (body, _) = read_page("Enter the zones. Example:\n\n`[\"cn-hangzhou-i\",\"cn-hangzhou-h\"]`\n");
        assert_eq!(body.whole.as_deref(), Some("RequestBody"));
        assert_eq!(names(&body), vec![("RequestBody.N", ScalarType::String, false)]);
        let (body, _) = read_page("Example:\n\n```\n{ \"esConfig\": { \"a.b\": 500 }, \"enable\": true, \"i18n.locale\": \"en\", \"n\": 3 }\n```\n");
        assert_eq!(body.whole, None);
        assert_eq!(
            names(&body),
            vec![
                ("esConfig", ScalarType::Json, false),
                ("enable", ScalarType::Boolean, false),
                ("i18n.locale", ScalarType::String, false),
                ("n", ScalarType::Integer, false),
            ]
        );
        assert_eq!(body.params[2].path.len(), 1, "a key with a dot is one segment");
        let (body, warnings) = read_page("The format is `[\"a\",...]`. Nothing else.\n");
        assert!(body.params.is_empty());
        assert!(warnings[0].contains("neither a parameter table nor a JSON example"), "{warnings:?}");
    }

    #[test]
    fn a_first_column_headed_like_a_status_holds_the_names() {
        let page = "|HTTP status code|Type|Required|Example|Description|\n|---|---|---|---|---|\n|nodeType|String|Yes|KIBANA|d|\n";
        let (body, warnings) = read_page(page);
        assert_eq!(names(&body), vec![("nodeType", ScalarType::String, true)]);
        assert!(warnings[0].contains("headed `HTTP status code`"), "{warnings:?}");
    }

    #[test]
    fn type_cells_shape_members() {
        assert_eq!(shape_of("List<String>"), Some(Shape::List(ScalarType::String)));
        assert_eq!(shape_of("List<String\\\\>"), Some(Shape::List(ScalarType::String)));
        assert_eq!(shape_of("Array of Integer"), Some(Shape::List(ScalarType::Integer)));
        assert_eq!(shape_of("Struts"), Some(Shape::Group { list: false }));
        assert_eq!(shape_of("list"), Some(Shape::Group { list: true }));
        assert_eq!(shape_of("int"), Some(Shape::Scalar(ScalarType::Integer)));
        assert_eq!(shape_of("Whatever"), None);
    }
}
