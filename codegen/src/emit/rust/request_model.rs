//! The request's shape as Rust sees it: structs for dotted groups, lists for `.N`, enums for value
//! sets, and each enforced rule attached where it is checked (a field, or the struct both sides of
//! a cross-field rule live in).

use std::collections::BTreeMap;

use crate::ir::{self, Enforcement, Index, Rule, ScalarType};

use super::checks::{self, CrossCheck, FieldCheck};
use super::docs;
use super::names::{self, Namer};

/// Method names the generated impls use, so no field setter may take them.
const RESERVED_METHODS: &[&str] = &["new", "build", "build_unvalidated"];

/// All types one API's request needs.
#[derive(Debug)]
pub struct RequestModel {
    /// The top-level `<Api>Request`; always `structs[0]`.
    pub structs: Vec<StructModel>,
    pub enums: Vec<EnumModel>,
    /// Enforced rules the emitter could not place: a parameter they name is not in the request.
    pub unplaced: Vec<String>,
}

/// One request struct: the request itself or a group (`SystemDisk`, `DataDisk`).
#[derive(Debug)]
pub struct StructModel {
    pub rust_name: String,
    /// The wire prefix of the group (`DataDisk.N`), empty for the request.
    pub wire_prefix: String,
    pub fields: Vec<FieldModel>,
    /// Rules between fields of this struct (or below it).
    pub cross: Vec<CrossCheck>,
}

/// One member of a request struct.
#[derive(Debug)]
pub struct FieldModel {
    /// The JSON key and wire segment (`RegionId`, `SystemDisk`, `Filter.1`).
    pub doc_name: String,
    pub rust_name: String,
    pub kind: FieldKind,
    /// The docs require it: a builder or constructor argument, and a violation when absent.
    pub required: bool,
    /// A password or secret: held as `Secret`, never quoted by a violation.
    pub secret: bool,
    /// Rustdoc text, already made rustdoc-safe.
    pub doc: String,
    /// The rules each of its values must keep.
    pub checks: Vec<FieldCheck>,
}

/// What a request field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Scalar(ValueType),
    /// `X.N`: a list of values.
    List(ValueType),
    /// `X.Y`: index into [`RequestModel::structs`].
    Group(usize),
    /// `X.N.Y`: a list of groups, index into [`RequestModel::structs`].
    GroupList(usize),
}

impl FieldKind {
    pub fn is_list(self) -> bool {
        matches!(self, FieldKind::List(_) | FieldKind::GroupList(_))
    }
}

/// The Rust type of one wire value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    Scalar(ScalarType),
    /// Index into [`RequestModel::enums`]; the wire type is a string.
    Enum(usize),
}

/// A documented closed value set.
#[derive(Debug, Clone)]
pub struct EnumModel {
    pub rust_name: String,
    /// The wire name of the parameter it types (`SystemDisk.Category`).
    pub wire_name: String,
    /// `(variant name, value, meaning)` in documented order, values unique.
    pub variants: Vec<(String, String, String)>,
}

/// The tree read from wire names, before Rust names are given.
enum Node<'a> {
    Leaf { param: &'a ir::Param, list: bool },
    Group { doc_name: String, each: bool, wire_prefix: String, children: Vec<Node<'a>> },
}

impl Node<'_> {
    fn doc_name(&self) -> &str {
        match self {
            Node::Leaf { param, .. } => leaf_doc_name(param),
            Node::Group { doc_name, .. } => doc_name,
        }
    }

    fn required(&self) -> bool {
        match self {
            Node::Leaf { param, .. } => param.required,
            Node::Group { children, .. } => children.iter().any(Node::required),
        }
    }
}

/// A segment's name as the JSON key: a literal index stays part of it (`Filter.1`).
fn segment_doc_name(segment: &ir::Segment) -> String {
    match segment.index {
        Index::Literal(n) => format!("{}.{n}", segment.name),
        Index::None | Index::Each => segment.name.clone(),
    }
}

fn leaf_doc_name(param: &ir::Param) -> &str {
    param.path.last().map_or(param.wire_name.as_str(), |s| s.name.as_str())
}

/// Where a leaf parameter lives: `(struct, field)` at each level from the request down.
pub type Steps = Vec<(usize, usize)>;

/// Builds the model for one API; `module_types` hands out type names unique in the API's module.
pub fn build(api: &ir::Api, request_name: &str, module_types: &mut Namer) -> RequestModel {
    let mut roots: Vec<Node> = Vec::new();
    for param in api.request.iter().filter(|p| !is_action(p)) {
        insert(&mut roots, param, 0, "");
    }
    let mut model = RequestModel { structs: Vec::new(), enums: Vec::new(), unplaced: Vec::new() };
    let root = StructModel {
        rust_name: request_name.to_owned(),
        wire_prefix: String::new(),
        fields: Vec::new(),
        cross: Vec::new(),
    };
    model.structs.push(root);
    let mut leaves: BTreeMap<String, Steps> = BTreeMap::new();
    let fields = fields_of(&roots, &[], 0, &[], &mut model, module_types, &mut leaves);
    model.structs[0].fields = fields;
    attach_checks(api, &mut model, &leaves);
    model
}

/// The page's own `Action` row is the operation itself, not a field.
fn is_action(param: &ir::Param) -> bool {
    param.path.len() <= 1 && param.wire_name == "Action"
}

fn insert<'a>(nodes: &mut Vec<Node<'a>>, param: &'a ir::Param, depth: usize, prefix: &str) {
    let Some(segment) = param.path.get(depth) else {
        // A parameter whose path the parser left empty: keep it as a scalar named by its wire name.
        nodes.push(Node::Leaf { param, list: false });
        return;
    };
    let doc_name = segment_doc_name(segment);
    let each = segment.index == Index::Each;
    if depth + 1 == param.path.len() {
        nodes.push(Node::Leaf { param, list: each });
        return;
    }
    let wire_prefix = match (prefix.is_empty(), each) {
        (true, false) => doc_name.clone(),
        (true, true) => format!("{doc_name}.N"),
        (false, false) => format!("{prefix}.{doc_name}"),
        (false, true) => format!("{prefix}.{doc_name}.N"),
    };
    let existing = nodes.iter_mut().find_map(|n| match n {
        Node::Group { doc_name: d, each: e, children, .. } if *d == doc_name && *e == each => Some(children),
        _ => None,
    });
    match existing {
        Some(children) => insert(children, param, depth + 1, &wire_prefix),
        None => {
            let mut children = Vec::new();
            insert(&mut children, param, depth + 1, &wire_prefix);
            nodes.push(Node::Group { doc_name, each, wire_prefix, children });
        }
    }
}

fn fields_of(
    nodes: &[Node],
    parents: &[&str],
    struct_index: usize,
    steps: &[(usize, usize)],
    model: &mut RequestModel,
    module_types: &mut Namer,
    leaves: &mut BTreeMap<String, Steps>,
) -> Vec<FieldModel> {
    let doc_names: Vec<&str> = nodes.iter().map(Node::doc_name).collect();
    let mut field_namer = Namer::with_reserved(RESERVED_METHODS);
    let rust_names = names::snake_names(&mut field_namer, &doc_names);
    nodes
        .iter()
        .zip(rust_names)
        .enumerate()
        .map(|(field_index, (node, rust_name))| {
            let doc_name = node.doc_name().to_owned();
            let required = node.required();
            let mut here = steps.to_vec();
            here.push((struct_index, field_index));
            match node {
                Node::Leaf { param, list } => {
                    let value = value_type(param, parents, model, module_types);
                    leaves.entry(param.wire_name.clone()).or_insert(here);
                    FieldModel {
                        doc_name,
                        rust_name,
                        kind: if *list { FieldKind::List(value) } else { FieldKind::Scalar(value) },
                        required,
                        secret: is_secret(param),
                        doc: param_doc(param),
                        checks: Vec::new(),
                    }
                }
                Node::Group { each, wire_prefix, children, .. } => {
                    let mut path: Vec<&str> = parents.to_vec();
                    path.push(&doc_name);
                    let type_name =
                        module_types.claim(&[names::camel(&doc_name), names::camel(&path.concat())]);
                    let index = model.structs.len();
                    model.structs.push(StructModel {
                        rust_name: type_name.clone(),
                        wire_prefix: wire_prefix.clone(),
                        fields: Vec::new(),
                        cross: Vec::new(),
                    });
                    let fields = fields_of(children, &path, index, &here, model, module_types, leaves);
                    model.structs[index].fields = fields;
                    let doc = format!(
                        "The `{wire_prefix}.*` parameters{}: see [`{type_name}`].",
                        if *each { ", one item per `N`" } else { "" }
                    );
                    FieldModel {
                        doc_name,
                        rust_name,
                        kind: if *each { FieldKind::GroupList(index) } else { FieldKind::Group(index) },
                        required: required && !*each,
                        secret: false,
                        doc,
                        checks: Vec::new(),
                    }
                }
            }
        })
        .collect()
}

/// Gives every enforced rule of `api` its place: a one-value rule to its parameter's field, a
/// cross-field rule to the deepest struct holding all its parameters.
fn attach_checks(api: &ir::Api, model: &mut RequestModel, leaves: &BTreeMap<String, Steps>) {
    let defaults: BTreeMap<&str, &str> = api
        .request
        .iter()
        .flat_map(|p| p.constraints.iter().map(move |c| (p, c)))
        .filter_map(|(p, c)| match (&c.rule, &c.enforcement) {
            (Rule::Default { value }, Enforcement::Enforced) => Some((p.wire_name.as_str(), value.as_str())),
            _ => None,
        })
        .collect();
    let enforced = |c: &&ir::Constraint| c.enforcement == Enforcement::Enforced;
    for param in api.request.iter().filter(|p| !is_action(p)) {
        for c in param.constraints.iter().filter(enforced) {
            if checks::is_cross_field(&c.rule) {
                place_cross(c, model, leaves, &defaults);
                continue;
            }
            let Some(&(s, f)) = leaves.get(&param.wire_name).and_then(|steps| steps.last()) else { continue };
            if let Some(check) = checks::field_check(param, c) {
                model.structs[s].fields[f].checks.push(check);
            }
        }
    }
    for c in api.cross_field.iter().filter(enforced) {
        place_cross(c, model, leaves, &defaults);
    }
}

fn place_cross(
    c: &ir::Constraint,
    model: &mut RequestModel,
    leaves: &BTreeMap<String, Steps>,
    defaults: &BTreeMap<&str, &str>,
) {
    match checks::cross_checks(c, model, leaves, defaults) {
        Ok((scope, placed)) => model.structs[scope].cross.extend(placed),
        Err(param) => model.unplaced.push(format!("{} (names `{param}`)", c.source)),
    }
}

fn value_type(
    param: &ir::Param,
    parents: &[&str],
    model: &mut RequestModel,
    module_types: &mut Namer,
) -> ValueType {
    let values = param.constraints.iter().find_map(|c| match &c.rule {
        Rule::OneOf { values } if !values.is_empty() => Some(values),
        _ => None,
    });
    let Some(values) = values.filter(|_| param.ty == ScalarType::String) else {
        return ValueType::Scalar(param.ty);
    };
    let mut seen = std::collections::BTreeSet::new();
    let unique: Vec<&ir::EnumValue> = values.iter().filter(|v| seen.insert(v.value.clone())).collect();
    let mut variant_namer = Namer::with_reserved(&["Unknown"]);
    let value_names: Vec<&str> = unique.iter().map(|v| v.value.as_str()).collect();
    let variant_names = names::camel_names(&mut variant_namer, &value_names);
    let mut path: Vec<&str> = parents.to_vec();
    path.push(leaf_doc_name(param));
    let rust_name =
        module_types.claim(&[names::camel(&path.concat()), format!("{}Value", names::camel(&path.concat()))]);
    model.enums.push(EnumModel {
        rust_name,
        wire_name: param.wire_name.clone(),
        variants: unique
            .iter()
            .zip(variant_names)
            .map(|(v, name)| (name, v.value.clone(), v.meaning.clone()))
            .collect(),
    });
    ValueType::Enum(model.enums.len() - 1)
}

fn param_doc(param: &ir::Param) -> String {
    let mut doc = docs::rustdoc(docs::description_markdown(&param.description));
    if !doc.is_empty() {
        doc.push_str("\n\n");
    }
    doc.push_str(&format!("Wire name: {}", docs::code_span(&param.wire_name)));
    if param.required {
        doc.push_str(" (required)");
    }
    match param.example.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        Some(example) => {
            doc.push_str(&format!("; example: {}.", docs::code_span(&example.replace('\n', " "))))
        }
        None => doc.push('.'),
    }
    doc
}

/// Whether the IR marks the parameter secret (decided in `facts::secret`).
pub fn is_secret(param: &ir::Param) -> bool {
    param.secret.as_ref().is_some_and(|f| f.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo xtask diff` says whether a renamed parameter keeps its Rust name from
    /// [`crate::diff::matching::rust_field_path`]; that must be the name this model gives the field.
    /// Over every ECS API's request: each field's name is the diff's spelling, but for names the
    /// namer had to suffix (two doc names with one spelling) and literal `.1` segments, which the
    /// diff reads as an index.
    #[test]
    fn diff_field_names_are_the_emitters() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/ir/ecs");
        let (mut checked, mut suffixed) = (0, 0);
        for entry in std::fs::read_dir(&dir).expect("generated/ir/ecs") {
            let path = entry.expect("an entry").path();
            if !path.is_file() || path.file_name().is_some_and(|n| n == "product.json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable");
            let api: ir::Api =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let model = build(&api, &format!("{}Request", api.name), &mut Namer::default());
            for s in &model.structs {
                for f in &s.fields {
                    let diff_name = crate::diff::matching::rust_field_path(&f.doc_name);
                    let literal_index = f.doc_name.split('.').skip(1).any(|p| p.parse::<u32>().is_ok());
                    if diff_name.last() == Some(&f.rust_name) {
                        checked += 1;
                    } else if literal_index || f.rust_name.starts_with(&format!("{}_", diff_name.join("_"))) {
                        suffixed += 1;
                    } else {
                        panic!(
                            "{}: `{}` is `{}` in the crate but {diff_name:?} in the diff",
                            api.name, f.doc_name, f.rust_name
                        );
                    }
                }
            }
        }
        assert!(checked >= 1800, "checked {checked} fields");
        assert!(suffixed <= checked / 50, "{suffixed} suffixed of {checked}");
    }
}
