//! Builds the response field tree from the Response section's tables, with the page's JSON
//! example as the ground truth of nesting and list wrappers, and its XML example as the second
//! source of nesting where the JSON example does not show a field.
//!
//! Three layouts: the flat 2020+ table (`Array of X` rows, `X| | | |` marker rows, `Struct` rows,
//! children listed after their parent with no depth mark); `└`-prefixed names (depth = number of
//! `└`); 2018-style sub-tables named by a field's (linked) type (`X`, `Array of X`, `X[]`): under
//! a bold label, a heading or a paragraph of that one name, or with no label right after a field
//! whose type links to a table of the page (`[X](#table_gjw_k2m_c2b)`: the page lost the
//! table's id).
//!
//! Nesting is read to at most [`MAX_DEPTH`] levels: a container at the last level is read without
//! members, with a warning at its line. Real pages nest at most 6 levels; the cap keeps the IR and
//! OpenAPI JSON within serde_json's default recursion limit (128) and the generated types within
//! rustc's (a response 130 levels deep overflows rustc's drop check), and every recursion over
//! the tree shallow.

use std::collections::{BTreeSet, HashMap};

use super::blocks::{Block, Table};
use super::columns::{Columns, TableKind};
use super::inline::{plain, text};
use super::json_shape::Shape;
use super::table::fitted_rows;
use crate::diag::Diagnostics;
use crate::ir::{Field, FieldShape, ScalarType, Text};

/// The deepest response field read: top-level fields are at level 1.
pub const MAX_DEPTH: usize = 32;

/// One response table row.
#[derive(Debug, Clone)]
struct Row {
    name: String,
    /// Number of `└` marks before the name.
    depth: usize,
    doc_type: String,
    kind: Kind,
    /// The Type cell links to a table's id on the page (`[X](#table_…)`).
    links_to_table: bool,
    example: Option<String>,
    description: Text,
    line: usize,
}

/// What a Type cell says about a field.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Scalar(ScalarType),
    /// `Array of X`.
    ArrayOf(String),
    /// `Array`, `List`, `RepeatList`: a list whose item is named by a marker row, if any.
    List,
    Struct,
    /// No type written.
    Empty,
    /// A type name: a linked (`[X](#X)`) or plain name of a sub-table, or an unknown type.
    Named(String),
}

/// A row placed in the tree.
#[derive(Debug)]
struct Node {
    row: Row,
    /// The item name from an `X| | | |` marker row.
    marker: Option<String>,
    children: Vec<usize>,
}

/// An open container while reading a flat table.
struct Frame<'s> {
    /// `None` for the top level.
    node: Option<usize>,
    /// The JSON object whose keys are this container's members, when the example shows it.
    members: Option<&'s Shape>,
    /// The same from the XML example.
    xml: Option<&'s Shape>,
    /// The last member placed, for the table-order fallback.
    last: Option<String>,
}

/// A labeled sub-table (2018 layout).
struct SubTable<'a> {
    label: String,
    table: &'a Table,
    columns: Columns,
    used: bool,
}

/// Reads the Response section into top-level fields. `json` and `xml` are the shapes of the
/// JSON and XML examples, if any.
pub fn fields(
    blocks: &[Block],
    json: Option<&Shape>,
    xml: Option<&Shape>,
    diags: &mut Diagnostics,
) -> Vec<Field> {
    let mut main: Vec<Row> = Vec::new();
    let mut subs: Vec<SubTable> = Vec::new();
    let mut labels: BTreeSet<String> = BTreeSet::new();
    // The types the main table's rows link to a table of the page for, in table order: each
    // unlabeled table after it describes the next one no table describes yet.
    let mut linked: std::vec::IntoIter<String> = Vec::new().into_iter();
    let mut label: Option<String> = None;
    let mut first = true;
    for block in blocks {
        match block {
            Block::Text { text, .. } => label = label_of(text),
            Block::Heading(h) => label = Some(h.text.clone()),
            Block::Code(_) => {}
            Block::Table(table) => {
                let columns = Columns::from_header(&table.header);
                if columns.kind() != TableKind::Params {
                    diags.warning(table.line, "table in the Response section has no Name column; not read");
                    continue;
                }
                let label = label.take().or_else(|| match first {
                    true => None,
                    false => linked.find(|name| !labels.contains(name)),
                });
                match (first, label) {
                    (true, _) => {
                        main = rows(table, &columns, diags);
                        linked = linked_types(&main).into_iter();
                    }
                    (false, Some(label)) => {
                        labels.insert(label.clone());
                        subs.push(SubTable { label, table, columns, used: false });
                    }
                    (false, None) => {
                        diags.warning(
                            table.line,
                            "unlabeled response table; its rows are read as top-level fields",
                        );
                        main.extend(rows(table, &columns, diags));
                    }
                }
                first = false;
            }
        }
    }
    let mut nodes = Vec::new();
    let top = build(main, json, xml, 0, &mut nodes, diags);
    let mut by_label = HashMap::new();
    for (i, sub) in subs.iter().enumerate() {
        by_label.entry(sub.label.clone()).or_insert(i);
    }
    let mut ctx = Ctx { nodes, subs, by_label, diags, visiting: BTreeSet::new() };
    let fields = top.iter().map(|&id| ctx.field(id, Examples { json, xml }, 1)).collect();
    for sub in ctx.subs.iter().filter(|s| !s.used) {
        ctx.diags.warning(
            sub.table.line,
            format!("response table `{}` is not the type of any field; its rows are not read", sub.label),
        );
    }
    fields
}

/// The list wrapper an XML example shows for a list: its element's only child element
/// (`<AutoSnapshotPolicies><AutoSnapshotPolicy>…`), repeated or not.
fn xml_wrapper(xml: Option<&Shape>) -> Option<String> {
    match xml? {
        Shape::Object(members) => match members.as_slice() {
            [(wrapper, _)] => Some(wrapper.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The label a paragraph gives the table after it: bold text (`**InstanceIdSet**`), or a single
/// name and nothing else (`UsageData`).
fn label_of(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(inner) = t.strip_prefix("**").and_then(|t| t.strip_suffix("**")) {
        return Some(plain(inner)).filter(|l| !l.is_empty() && !l.contains('\n'));
    }
    if t.contains(char::is_whitespace) {
        // Prose, the common case: no Markdown pass for it.
        return None;
    }
    let name = plain(t);
    let mut chars = name.chars();
    let is_name = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    is_name.then_some(name)
}

/// The types of the top-level fields whose Type cells link to a table of the page, in table
/// order: what unlabeled tables after the main one describe.
fn linked_types(main: &[Row]) -> Vec<String> {
    main.iter()
        .filter(|row| row.links_to_table)
        .filter_map(|row| match &row.kind {
            Kind::Named(name) | Kind::ArrayOf(name) => Some(name.clone()),
            _ => None,
        })
        .collect()
}

fn rows(table: &Table, columns: &Columns, diags: &mut Diagnostics) -> Vec<Row> {
    let mut out = Vec::new();
    for row in fitted_rows(table, columns, diags) {
        let name_plain = plain(row.cell(columns.name));
        let trimmed = name_plain.trim_start();
        let depth =
            trimmed.chars().take_while(|&c| c == '└' || c.is_whitespace()).filter(|&c| c == '└').count();
        let name = trimmed.trim_start_matches(|c: char| c == '└' || c.is_whitespace()).trim().to_owned();
        if name.is_empty() {
            diags.warning(row.line, "response row has no field name; row skipped");
            continue;
        }
        let type_md = row.cell(columns.ty);
        let doc_type = plain(type_md);
        out.push(Row {
            kind: kind_of(&doc_type),
            links_to_table: type_md.contains("](#table_"),
            name,
            depth,
            doc_type,
            example: Some(plain(row.cell(columns.example))).filter(|e| !e.is_empty()),
            description: text(row.cell(columns.description)),
            line: row.line,
        });
    }
    out
}

fn kind_of(doc_type: &str) -> Kind {
    let t = doc_type.trim();
    let lower = t.to_ascii_lowercase();
    if t.is_empty() {
        Kind::Empty
    } else if let Some(item) = lower.strip_prefix("array of ") {
        Kind::ArrayOf(t[t.len() - item.len()..].trim().to_owned())
    } else if let Some(item) = t.strip_suffix("[]").filter(|item| !item.trim().is_empty()) {
        Kind::ArrayOf(item.trim().to_owned())
    } else if ["array", "list", "repeatlist"].contains(&lower.as_str()) {
        Kind::List
    } else if ["struct", "object", "map"].contains(&lower.as_str()) {
        Kind::Struct
    } else if let Some(ty) = ScalarType::from_doc(t) {
        Kind::Scalar(ty)
    } else {
        Kind::Named(t.to_owned())
    }
}

/// A marker row names the item of the list above it: a name and nothing else.
fn is_marker(row: &Row) -> bool {
    row.doc_type.is_empty() && row.example.is_none() && row.description.markdown.is_empty()
}

/// The JSON object holding a container's members: the element of a list (unwrapping
/// `{"Item": [...]}`), or the object itself.
fn members<'s>(shape: &'s Shape, kind: &Kind, marker: Option<&str>) -> Option<&'s Shape> {
    let listy = matches!(kind, Kind::ArrayOf(_) | Kind::List) || marker.is_some();
    let inner = match shape {
        Shape::Array(item) => item.as_ref(),
        Shape::Object(_) if listy => match (marker.and_then(|m| shape.get(m)), shape.wrapped_list()) {
            (Some(Shape::Array(item)), _) => item.as_ref(),
            (Some(obj @ Shape::Object(_)), _) => obj,
            (_, Some((_, item))) => item,
            _ => shape,
        },
        _ => shape,
    };
    matches!(inner, Shape::Object(_)).then_some(inner)
}

/// [`members`] for the XML example, where a one-item list is an element seen once: the item
/// element is found by the marker or the `Array of X` item name, or as the only child.
fn xml_members<'s>(shape: &'s Shape, kind: &Kind, marker: Option<&str>) -> Option<&'s Shape> {
    let item_name = match kind {
        Kind::ArrayOf(item) => Some(item.as_str()),
        _ => None,
    };
    let listy = item_name.is_some() || matches!(kind, Kind::List) || marker.is_some();
    let named = marker.or(item_name).and_then(|name| shape.get(name));
    let only_child = match shape {
        Shape::Object(fields) => match fields.as_slice() {
            [(_, child @ (Shape::Object(_) | Shape::Array(_)))] => Some(child),
            _ => None,
        },
        _ => None,
    };
    match named.or(only_child) {
        Some(Shape::Array(item)) if listy => Some(item.as_ref()).filter(|i| matches!(i, Shape::Object(_))),
        Some(item @ Shape::Object(_)) if listy => Some(item),
        _ => members(shape, kind, marker),
    }
}

/// Places rows into a tree, returning the top-level node ids.
///
/// In a table that uses `└` marks, an unmarked row is top-level and a marked row is nested at
/// least as deep as its marks (the docs often use one `└` at every depth); an untyped row there
/// opens a container. Otherwise the JSON example and table order decide (see [`place`]).
/// `base` is the level of the field whose members the rows are (0 for the top level); no
/// container opens at [`MAX_DEPTH`].
fn build(
    rows: Vec<Row>,
    json: Option<&Shape>,
    xml: Option<&Shape>,
    base: usize,
    nodes: &mut Vec<Node>,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let marked = rows.iter().any(|r| r.depth > 0);
    // A name on several rows (`AttachedTime` of a disk and of its attachment) may sit at several
    // levels of the examples; only a name on one row can be placed differently by JSON and XML.
    let mut seen = BTreeSet::new();
    let repeated: BTreeSet<String> =
        rows.iter().filter(|r| !seen.insert(r.name.as_str())).map(|r| r.name.clone()).collect();
    let mut top = Vec::new();
    let mut stack = vec![Frame { node: None, members: json, xml, last: None }];
    let mut previous: Option<usize> = None;
    for row in rows {
        if let Some(prev) = previous.filter(|&p| is_marker(&row) && can_hold_items(&nodes[p])) {
            nodes[prev].marker = Some(row.name.clone());
            let holder = holder(&stack, prev);
            let node = &nodes[prev];
            let shape = holder.and_then(|h| h.members?.get(&node.row.name)).and_then(|s| members_of(s, node));
            let xml = holder
                .and_then(|h| h.xml?.get(&node.row.name))
                .and_then(|s| xml_members(s, &node.row.kind, node.marker.as_deref()));
            match stack.last_mut() {
                Some(frame) if frame.node == Some(prev) => {
                    frame.members = shape;
                    frame.xml = xml;
                }
                _ => stack.push(Frame { node: Some(prev), members: shape, xml, last: None }),
            }
            previous = None;
            continue;
        }
        let deepest = stack.len() - 1;
        let (lo, hi) = match (marked, row.depth) {
            (true, 0) => (0, 0),
            (true, d) if d > deepest => {
                diags.warning(
                    row.line,
                    format!(
                        "response field `{}` is marked deeper than the row above it; placed below it",
                        row.name
                    ),
                );
                (deepest, deepest)
            }
            (true, d) => (d, deepest),
            (false, _) => (0, deepest),
        };
        let (level, placement) = place(&row.name, &stack[..=hi], lo);
        let parent_name = |stack: &[Frame], level: usize| {
            stack[level].node.map_or("the top level".to_owned(), |p| format!("`{}`", nodes[p].row.name))
        };
        match placement {
            Placement::Json if !repeated.contains(&row.name) => {
                let shows = |f: &Frame| f.xml.is_some_and(|x| x.has_key(&row.name));
                if let Some(xml_level) = (lo..=hi).rev().find(|&l| shows(&stack[l])) {
                    if xml_level != level && !shows(&stack[level]) {
                        diags.warning(
                            row.line,
                            format!(
                                "the XML example shows response field `{}` under {}, the JSON example under {}; placed as the JSON example shows",
                                row.name,
                                parent_name(&stack, xml_level),
                                parent_name(&stack, level)
                            ),
                        );
                    }
                }
            }
            Placement::Json | Placement::Xml => {}
            Placement::TableOrder => {
                let examples = match stack[0].xml {
                    Some(_) => "neither the JSON nor the XML example shows",
                    None => "the JSON example does not show",
                };
                diags.warning(
                    row.line,
                    format!(
                        "{examples} where response field `{}` belongs; placed under {} by table order",
                        row.name,
                        parent_name(&stack, level)
                    ),
                );
            }
        }
        stack.truncate(level + 1);
        let id = nodes.len();
        let value_shape = stack[level].members.and_then(|m| m.get(&row.name));
        let xml_value = stack[level].xml.and_then(|m| m.get(&row.name));
        let opens = match &row.kind {
            Kind::ArrayOf(item) => ScalarType::from_doc(item).is_none(),
            Kind::Struct => true,
            Kind::Empty => {
                marked
                    || value_shape.is_some_and(|s| members(s, &Kind::Empty, None).is_some())
                    || (value_shape.is_none()
                        && xml_value.is_some_and(|s| xml_members(s, &Kind::Empty, None).is_some()))
            }
            Kind::List | Kind::Scalar(_) | Kind::Named(_) => false,
        };
        // The row sits at stack level `level`, so at depth `base + level + 1`.
        let opens = opens && !too_deep(base + level + 1, &row, diags);
        let frame = &mut stack[level];
        frame.last = Some(row.name.clone());
        match frame.node {
            Some(parent) => nodes[parent].children.push(id),
            None => top.push(id),
        }
        let kind = row.kind.clone();
        nodes.push(Node { row, marker: None, children: Vec::new() });
        if opens {
            let members = value_shape.and_then(|s| members(s, &kind, None));
            let xml = xml_value.and_then(|s| xml_members(s, &kind, None));
            stack.push(Frame { node: Some(id), members, xml, last: None });
        }
        previous = Some(id);
    }
    top
}

/// True, with a warning, when a container at `depth` would open a level past [`MAX_DEPTH`].
fn too_deep(depth: usize, row: &Row, diags: &mut Diagnostics) -> bool {
    if depth < MAX_DEPTH {
        return false;
    }
    diags.warning(
        row.line,
        format!(
            "response field `{}` is at nesting level {depth}, the deepest read ({MAX_DEPTH}); its members are not read",
            row.name
        ),
    );
    true
}

/// Whether a marker row may follow this node.
fn can_hold_items(node: &Node) -> bool {
    node.children.is_empty()
        && node.marker.is_none()
        && matches!(node.row.kind, Kind::ArrayOf(_) | Kind::List | Kind::Empty | Kind::Struct)
}

/// The frame that holds node `id`, the last node placed: the innermost frame that is not its own.
fn holder<'f, 's>(stack: &'f [Frame<'s>], id: usize) -> Option<&'f Frame<'s>> {
    stack.iter().rev().find(|f| f.node != Some(id))
}

fn members_of<'s>(shape: &'s Shape, node: &Node) -> Option<&'s Shape> {
    members(shape, &node.row.kind, node.marker.as_deref())
}

/// What placed a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// The JSON example, or the table itself (only one container left).
    Json,
    /// The XML example, where the JSON example does not show the field.
    Xml,
    /// Table order alone: a guess.
    TableOrder,
}

/// Which open container (a level in `stack`, at least `lo`) a row belongs to, and what says so.
/// In order: a member of the innermost container's JSON; the first row after a container
/// whose JSON is unknown; the innermost container whose JSON shows the name; the innermost
/// container whose XML shows it; else table order, as members are listed alphabetically: a name
/// sorting before a container's last member cannot be its member (certain when only one
/// container is left).
fn place(name: &str, stack: &[Frame], lo: usize) -> (usize, Placement) {
    let hi = stack.len() - 1;
    if lo >= hi {
        return (hi, Placement::Json);
    }
    let innermost = &stack[hi];
    let shows = |f: &Frame| f.members.is_some_and(|m| m.has_key(name));
    let is_object = |f: &Frame| matches!(f.members, Some(Shape::Object(_)));
    if shows(innermost) {
        return (hi, Placement::Json);
    }
    if innermost.last.is_none() && !is_object(innermost) {
        return (hi, Placement::Json);
    }
    if let Some(level) = (lo..=hi).rev().find(|&l| shows(&stack[l])) {
        return (level, Placement::Json);
    }
    let xml_shows = |f: &Frame| f.xml.is_some_and(|x| x.has_key(name));
    if let Some(level) = (lo..=hi).rev().find(|&l| xml_shows(&stack[l])) {
        return (level, Placement::Xml);
    }
    let lower = name.to_ascii_lowercase();
    let fits = |f: &Frame| f.last.as_ref().is_none_or(|last| lower > last.to_ascii_lowercase());
    let candidates: Vec<usize> = (lo..=hi).rev().filter(|&l| fits(&stack[l])).collect();
    match candidates.as_slice() {
        [only] => (*only, Placement::Json),
        [innermost, ..] => (*innermost, Placement::TableOrder),
        [] => (lo, Placement::TableOrder),
    }
}

/// Turns nodes into fields, attaching 2018-style sub-tables.
struct Ctx<'a, 'd> {
    nodes: Vec<Node>,
    subs: Vec<SubTable<'a>>,
    /// The first sub-table of each label.
    by_label: HashMap<String, usize>,
    diags: &'d mut Diagnostics,
    /// Sub-table labels being expanded, to stop cycles.
    visiting: BTreeSet<String>,
}

/// The objects of the JSON and XML examples that hold a field (`None` where an example does not
/// show them).
#[derive(Clone, Copy)]
struct Examples<'s> {
    json: Option<&'s Shape>,
    xml: Option<&'s Shape>,
}

impl Ctx<'_, '_> {
    /// The field for node `id` at nesting level `depth`; `parent` holds it in the examples.
    fn field<'s>(&mut self, id: usize, parent: Examples<'s>, depth: usize) -> Field {
        let name = &self.nodes[id].row.name;
        let (value, xml) = (parent.json.and_then(|p| p.get(name)), parent.xml.and_then(|p| p.get(name)));
        let mut children = std::mem::take(&mut self.nodes[id].children);
        let row = self.nodes[id].row.clone();
        let marker = self.nodes[id].marker.clone();
        // 2018 layout: the children live in a sub-table named by the type (or the item).
        let sub_label = match &row.kind {
            Kind::Named(name) | Kind::ArrayOf(name) => Some(name.clone()),
            Kind::Empty | Kind::List | Kind::Struct => marker.clone(),
            Kind::Scalar(_) => None,
        };
        if children.is_empty() {
            if let Some(label) = sub_label.filter(|l| self.by_label.contains_key(l)) {
                if !too_deep(depth, &row, self.diags) {
                    children = self.expand(&label, value, &row.kind, marker.as_deref(), depth);
                }
            }
        }
        let inner =
            |v: Option<&'s Shape>| v.and_then(|v| members(v, &row.kind, marker.as_deref()).or(Some(v)));
        let inner = Examples { json: inner(value), xml: inner(xml) };
        let fields: Vec<Field> = children.iter().map(|&c| self.field(c, inner, depth + 1)).collect();
        let shape = self.shape(&row, marker.as_deref(), Examples { json: value, xml }, fields);
        Field {
            name: row.name,
            doc_type: row.doc_type,
            shape,
            example: row.example,
            description: row.description,
            line: row.line,
            secret: None,
        }
    }

    /// Reads the sub-table labeled `label` as children, once per label on any path.
    fn expand(
        &mut self,
        label: &str,
        value: Option<&Shape>,
        kind: &Kind,
        marker: Option<&str>,
        depth: usize,
    ) -> Vec<usize> {
        let Some(&index) = self.by_label.get(label) else {
            return Vec::new();
        };
        if !self.visiting.insert(label.to_owned()) {
            return Vec::new();
        }
        self.subs[index].used = true;
        let (table, columns) = (self.subs[index].table, self.subs[index].columns.clone());
        let rows = rows(table, &columns, self.diags);
        let json = value.and_then(|v| members(v, kind, marker));
        let mut nodes = std::mem::take(&mut self.nodes);
        let top = build(rows, json, None, depth, &mut nodes, self.diags);
        self.nodes = nodes;
        self.visiting.remove(label);
        top
    }

    fn shape(&mut self, row: &Row, marker: Option<&str>, shown: Examples, fields: Vec<Field>) -> FieldShape {
        let value = shown.json;
        let json_list = value.and_then(|v| match v {
            Shape::Array(item) => Some((None, item.as_ref())),
            _ => v.wrapped_list().map(|(k, item)| (Some(k.to_owned()), item)),
        });
        let item_scalar = |fields: &[Field]| match fields {
            [Field { shape: FieldShape::Scalar { ty }, .. }] => Some(*ty),
            _ => None,
        };
        match &row.kind {
            Kind::Scalar(ty) => FieldShape::Scalar { ty: *ty },
            Kind::Struct if json_list.is_none() || !fields.is_empty() => FieldShape::Struct { fields },
            Kind::ArrayOf(_) | Kind::List | Kind::Struct | Kind::Empty | Kind::Named(_) => {
                let listy = matches!(row.kind, Kind::ArrayOf(_) | Kind::List)
                    || marker.is_some()
                    || json_list.is_some();
                if !listy {
                    if !fields.is_empty() || matches!(value, Some(Shape::Object(_))) {
                        return FieldShape::Struct { fields };
                    }
                    if let Kind::Named(name) = &row.kind {
                        self.diags.warning(
                            row.line,
                            format!("unknown response field type `{name}`; read as String"),
                        );
                    } else if value.is_none() {
                        self.diags.warning(
                            row.line,
                            format!("response field `{}` has no type and the JSON example does not show it; read as String", row.name),
                        );
                    }
                    return FieldShape::Scalar { ty: ScalarType::String };
                }
                let item_name = match &row.kind {
                    Kind::ArrayOf(item) | Kind::Named(item) => Some(item.clone()),
                    _ => None,
                };
                let wrapper = match &json_list {
                    Some((wrapper, _)) => wrapper.clone(),
                    None => marker
                        .map(str::to_owned)
                        .or_else(|| item_name.clone())
                        .or_else(|| xml_wrapper(shown.xml))
                        .or_else(|| {
                            self.diags.warning(
                                row.line,
                                format!("neither the JSON nor the XML example shows the list wrapper of `{}`; read as a bare array", row.name),
                            );
                            None
                        }),
                };
                let scalar_items =
                    json_list.is_some_and(|(_, item)| matches!(item, Shape::Scalar | Shape::Unknown));
                let doc_scalar = item_name.as_deref().and_then(ScalarType::from_doc);
                if fields.is_empty() || (scalar_items && item_scalar(&fields).is_some()) {
                    let ty = doc_scalar.or_else(|| item_scalar(&fields)).unwrap_or(ScalarType::String);
                    return FieldShape::ScalarList { ty, wrapper };
                }
                let item = marker
                    .map(str::to_owned)
                    .or(item_name)
                    .or_else(|| wrapper.clone())
                    .unwrap_or_else(|| row.name.clone());
                FieldShape::Array { item, wrapper, fields }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::blocks::blocks;

    fn read(page: &str, json: Option<&str>) -> (Vec<Field>, Vec<String>) {
        read_both(page, json, None)
    }

    fn read_both(page: &str, json: Option<&str>, xml: Option<&str>) -> (Vec<Field>, Vec<String>) {
        let shape = json.map(|j| Shape::from_example(j).expect("json"));
        let xml = xml.map(|x| Shape::from_xml_example(x).expect("xml"));
        let mut diags = Diagnostics::new("t.md");
        let fields = fields(&blocks(page), shape.as_ref(), xml.as_ref(), &mut diags);
        (fields, diags.into_vec().iter().map(|d| d.to_string()).collect())
    }

    fn names(fields: &[Field]) -> Vec<String> {
        let mut out = Vec::new();
        for f in fields {
            out.push(f.name.clone());
            if let FieldShape::Struct { fields } | FieldShape::Array { fields, .. } = &f.shape {
                out.extend(names(fields).into_iter().map(|n| format!("{}.{n}", f.name)));
            }
        }
        out
    }

    #[test]
    fn flat_layout_nesting_comes_from_the_json_example() {
        let page = "|Name|Type|Example|Description|\n|---|---|---|---|\n|Instances|Array of Instance| |d|\n|Instance| | | |\n|Cpu|Integer|8|d|\n|CpuOptions|Struct| |d|\n|CoreCount|Integer|2|d|\n|Numa|String|2|d|\n|CreationTime|String|t|d|\n|RequestId|String|r|d|\n";
        let json = r#"{"RequestId":"r","Instances":{"Instance":[{"Cpu":8,"CpuOptions":{"CoreCount":2,"Numa":"2"},"CreationTime":"t"}]}}"#;
        let (fields, warnings) = read(page, Some(json));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            names(&fields),
            [
                "Instances",
                "Instances.Cpu",
                "Instances.CpuOptions",
                "Instances.CpuOptions.CoreCount",
                "Instances.CpuOptions.Numa",
                "Instances.CreationTime",
                "RequestId"
            ]
        );
        let FieldShape::Array { item, wrapper, .. } = &fields[0].shape else {
            panic!("{:?}", fields[0].shape)
        };
        assert_eq!((item.as_str(), wrapper.as_deref()), ("Instance", Some("Instance")));
        // Without the example, table order decides and says so.
        let (fields, warnings) = read(page, None);
        assert_eq!(names(&fields).len(), 7);
        assert!(warnings.iter().any(|w| w.contains("`Numa` belongs")), "{warnings:?}");
        assert!(!warnings.iter().any(|w| w.contains("`CreationTime` belongs")), "{warnings:?}");
    }

    #[test]
    fn the_xml_example_places_fields_the_json_example_leaves_out() {
        let page = "|Name|Type|Example|Description|\n|---|---|---|---|\n|Instances|Array of Instance| |d|\n|Instance| | | |\n|Cpu|Integer|8|d|\n|Zone|String|z|d|\n";
        let json = r#"{"Instances":{"Instance":[{"Cpu":8}]}}"#;
        // Alone, the JSON example leaves `Zone` to table order, which guesses the list item.
        let (fields, warnings) = read_both(page, Some(json), None);
        assert_eq!(names(&fields), ["Instances", "Instances.Cpu", "Instances.Zone"]);
        assert!(warnings
            .iter()
            .any(|w| w.contains("`Zone` belongs; placed under `Instances` by table order")));
        // The XML example shows it at the top level; a one-item list is found by its item name.
        let xml = "<?xml version=\"1.0\"?>\n<R><Instances><Instance><Cpu>8</Cpu></Instance></Instances><Zone>z</Zone></R>";
        let (fields, warnings) = read_both(page, Some(json), Some(xml));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(names(&fields), ["Instances", "Instances.Cpu", "Zone"]);
        // Where the XML shows the item but not the field, table order still decides and says so.
        let xml = "<R><Instances><Instance><Cpu>8</Cpu></Instance></Instances></R>";
        let (_, warnings) = read_both(page, Some(json), Some(xml));
        assert!(warnings
            .iter()
            .any(|w| w.contains("neither the JSON nor the XML example shows where response field `Zone`")));
    }

    #[test]
    fn the_json_example_wins_over_a_disagreeing_xml_example() {
        let page = "|Name|Type|Example|Description|\n|---|---|---|---|\n|Instances|Array of Instance| |d|\n|Instance| | | |\n|Cpu|Integer|8|d|\n|Zone|String|z|d|\n";
        let json = r#"{"Instances":{"Instance":[{"Cpu":8,"Zone":"z"}]}}"#;
        let xml = "<R><Instances><Instance><Cpu>8</Cpu></Instance><Instance><Cpu>4</Cpu></Instance></Instances><Zone>z</Zone></R>";
        let (fields, warnings) = read_both(page, Some(json), Some(xml));
        assert_eq!(names(&fields), ["Instances", "Instances.Cpu", "Instances.Zone"]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("the XML example shows response field `Zone` under the top level, the JSON example under `Instances`"), "{warnings:?}");
    }

    #[test]
    fn the_xml_example_gives_a_list_wrapper_the_json_example_does_not() {
        // ECS `PurchaseStorageCapacityUnit`: a `List` row, a JSON sample with no array.
        let page = "|Name|Type|Example|Description|\n|---|---|---|---|\n|Ids|List|scu-1|d|\n";
        let xml = "<R><Ids><Id>scu-1</Id></Ids></R>";
        let (fields, warnings) = read_both(page, Some(r#"{"Ids":{"Id":"scu-1"}}"#), Some(xml));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            fields[0].shape,
            FieldShape::ScalarList { ty: ScalarType::String, wrapper: Some("Id".into()) }
        );
        // Neither shows one: a bare array, with a warning.
        let (fields, warnings) = read_both(page, None, Some("<R><Ids>scu-1</Ids></R>"));
        assert_eq!(fields[0].shape, FieldShape::ScalarList { ty: ScalarType::String, wrapper: None });
        assert!(
            warnings[0].contains("neither the JSON nor the XML example shows the list wrapper"),
            "{warnings:?}"
        );
    }

    #[test]
    fn scalar_lists_take_the_wrapper_from_json() {
        let page = "|Name|Type|Example|Description|\n|---|---|---|---|\n|InstanceIdSets| |[\"i-1\"]|d|\n|RequestId|String|r|d|\n";
        let (fields, _) = read(page, Some(r#"{"RequestId":"r","InstanceIdSets":{"InstanceIdSet":["i-1"]}}"#));
        assert_eq!(
            fields[0].shape,
            FieldShape::ScalarList { ty: ScalarType::String, wrapper: Some("InstanceIdSet".into()) }
        );
    }

    #[test]
    fn marks_and_sub_tables() {
        let page = "|Name|Type|Description|\n|---|---|---|\n|Tags| |d|\n|└Tag|String|d|\n|└Count|Integer|d|\n|Total|Integer|d|\n";
        let (fields, _) = read(page, None);
        assert_eq!(names(&fields), ["Tags", "Tags.Tag", "Tags.Count", "Total"]);
        let page = "|Name|Type|Description|\n|:-|:-|:-|\n|InstanceIdSets|[InstanceIdSet](#InstanceIdSet)|d|\n\n**InstanceIdSet**\n\n|Name|Type|Description|\n|:-|:-|:-|\n|InstanceId|String|d|\n";
        let (fields, warnings) = read(page, Some(r#"{"InstanceIdSets":{"InstanceIdSet":["i-1"]}}"#));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            fields[0].shape,
            FieldShape::ScalarList { ty: ScalarType::String, wrapper: Some("InstanceIdSet".into()) }
        );
    }

    #[test]
    fn a_sub_table_under_a_paragraph_of_its_name_describes_an_x_brackets_type() {
        // CDN `DescribeDomainISPData`: `UsageData\[\]` rows, tables under a bare `UsageData` line.
        let page = "|Parameter|Type|Description|\n|-|-|-|\n|Data|UsageData\\[\\]|d|\n\nUsageData\n\n|Parameter|Type|Description|\n|-|-|-|\n|Value|Proportion\\[\\]|d|\n\nProportion\n\n|Parameter|Type|Description|\n|-|-|-|\n|Isp|String|d|\n";
        let (fields, warnings) = read(page, None);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(names(&fields), ["Data", "Data.Value", "Data.Value.Isp"]);
        assert!(matches!(&fields[0].shape, FieldShape::Array { wrapper: Some(w), .. } if w == "UsageData"));
        // A paragraph of words is no label: the table is read as top-level fields, with a warning.
        let page = "|Parameter|Type|Description|\n|-|-|-|\n|Data|String|d|\n\nThe data also has these.\n\n|Parameter|Type|Description|\n|-|-|-|\n|Isp|String|d|\n";
        let (fields, warnings) = read(page, None);
        assert_eq!(names(&fields), ["Data", "Isp"]);
        assert!(warnings[0].contains("unlabeled response table"), "{warnings:?}");
    }

    #[test]
    fn an_unlabeled_table_describes_the_type_that_links_to_a_table_id() {
        // domain `QueryDnsHost`: the link's target id was lost with the page's conversion.
        let page = "|Parameter|Type|Description|\n|-|-|-|\n|RequestId|String|d|\n|Hosts|[HostType](#table_gjw_k2m_c2b)|d|\n\n|Parameter|Type|Description|\n|-|-|-|\n|DnsName|String|d|\n";
        let (fields, warnings) =
            read(page, Some(r#"{"RequestId":"r","Hosts":{"Host":[{"DnsName":"ns3"}]}}"#));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(names(&fields), ["RequestId", "Hosts", "Hosts.DnsName"]);
        assert!(matches!(&fields[1].shape, FieldShape::Array { wrapper: Some(w), .. } if w == "Host"));
    }
}
