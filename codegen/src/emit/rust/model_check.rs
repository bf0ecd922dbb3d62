//! The generated crate's `validate()` at generation time: an API's request model (the structs, field
//! tables and rule placements the emitter writes) filled with wire pairs and checked by the runtime's
//! own validator, without compiling a crate. Tests use it to hold the docs' examples to their rules.
//!
//! The tables are built for each call and leaked (the runtime's tables are `'static`): this is a
//! tool for tests and reports, not for a long-running process.

use alibabacloud_runtime::query::{self, QueryError};
use alibabacloud_runtime::schema::{
    Field, GroupList, GroupSlot, GroupsSlot, JsonMode, List, ListSlot, ScalarSlot, Slot, Struct, StructMut,
    View, WireType,
};
use alibabacloud_runtime::validation::{self, Check, CrossCheck, CrossRule, Path};
use serde_json::Value;

use crate::constraints::check::{wire_type, with_runtime_rule};
use crate::ir::{Api, ScalarType};

use super::checks::{CrossKind, PathModel};
use super::names::Namer;
use super::request_model::{self, FieldKind, RequestModel, ValueType};

/// The violations of the request `pairs` make (`DataDisk.1.Size=40`; `Action` and common parameters
/// are skipped), one `path: message` each, as the crate generated from `api` reports them, and the
/// pairs that do not fit the request (an unknown key, a bad index: the docs' samples have some),
/// which are left out. A value that is not of its type (a masked `***` example) still counts as set,
/// as its text.
pub fn violations(api: &Api, pairs: &[(String, String)]) -> (Vec<String>, Vec<QueryError>) {
    let model = request_model::build(api, "Request", &mut Namer::default());
    let tables: Vec<(&'static [Field], &'static [CrossCheck])> =
        (0..model.structs.len()).map(|i| (fields(&model, i), cross(&model, i))).collect();
    let tables: &'static [(&'static [Field], &'static [CrossCheck])] = Box::leak(tables.into_boxed_slice());
    let mut request = DynStruct::new(&model, 0, tables);
    let action: &'static str = Box::leak(api.name.clone().into_boxed_str());
    let mut pairs: Vec<(&str, &str)> =
        pairs.iter().filter(|(k, _)| k != "Action").map(|(k, v)| (k.as_str(), v.as_str())).collect();
    // One at a time (in the order `read_pairs` sorts them into), so one bad pair leaves the rest in.
    pairs.sort_by(|a, b| query::natural_order(a.0, b.0));
    let unread: Vec<QueryError> = pairs
        .into_iter()
        .filter_map(|pair| query::read_pairs(action, &mut request, vec![pair]).err())
        .collect();
    let found = match validation::validate(&request) {
        Ok(()) => Vec::new(),
        Err(errors) => errors.violations().iter().map(|v| format!("{}: {}", v.path, v.message)).collect(),
    };
    (found, unread)
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn leak_all(items: &[String]) -> &'static [&'static str] {
    Box::leak(items.iter().map(|s| leak(s)).collect::<Vec<_>>().into_boxed_slice())
}

fn fields(model: &RequestModel, index: usize) -> &'static [Field] {
    let fields: Vec<Field> = model.structs[index]
        .fields
        .iter()
        .map(|f| {
            let checks: Vec<Check> = f
                .checks
                .iter()
                .filter_map(|c| {
                    let source = leak(&c.source);
                    with_runtime_rule(&c.rule, c.lists_above, |rule| {
                        rule.map(|r| Check::new(static_rule(r), source))
                    })
                })
                .collect();
            let mut field = Field::new(leak(&f.doc_name)).checks(Box::leak(checks.into_boxed_slice()));
            if f.required {
                field = field.required();
            }
            if f.secret {
                field = field.secret();
            }
            if matches!(f.kind, FieldKind::Group(_) | FieldKind::GroupList(_)) {
                field = field.group();
            }
            field
        })
        .collect();
    Box::leak(fields.into_boxed_slice())
}

/// A rule with its borrowed parts made `'static`.
fn static_rule(rule: alibabacloud_runtime::rules::Rule<'_>) -> alibabacloud_runtime::rules::Rule<'static> {
    use alibabacloud_runtime::rules::Rule as R;
    let list = |items: &[&str]| -> &'static [&'static str] {
        Box::leak(items.iter().map(|s| leak(s)).collect::<Vec<_>>().into_boxed_slice())
    };
    match rule {
        R::Length { min, max } => R::Length { min, max },
        R::Range { min, max } => R::Range { min, max },
        R::OneOf(values) => R::OneOf(list(values)),
        R::Index { up, min, max } => R::Index { up, min, max },
        R::StartsWithLetter => R::StartsWithLetter,
        R::AllowedChars { upper, lower, digit, letter, extra } => {
            R::AllowedChars { upper, lower, digit, letter, extra: leak(extra) }
        }
        R::ForbiddenPrefixes(p) => R::ForbiddenPrefixes(list(p)),
        R::ForbiddenSubstrings(s) => R::ForbiddenSubstrings(list(s)),
        R::NoLeadingOrTrailing(c) => R::NoLeadingOrTrailing(leak(c)),
        R::NoConsecutive(c) => R::NoConsecutive(leak(c)),
        R::Base64 { max_bytes } => R::Base64 { max_bytes },
        R::Time(pattern) => R::Time(leak(pattern)),
        R::Ascii => R::Ascii,
    }
}

fn path(p: &PathModel) -> Path {
    Path::new(Box::leak(p.at.clone().into_boxed_slice()), leak(&p.name))
}

fn cross(model: &RequestModel, index: usize) -> &'static [CrossCheck] {
    let opt = |v: &Option<String>| v.as_deref().map(leak);
    let checks: Vec<CrossCheck> = model.structs[index]
        .cross
        .iter()
        .map(|c| {
            let rule = match &c.kind {
                CrossKind::MutuallyExclusive(params) => CrossRule::MutuallyExclusive(Box::leak(
                    params.iter().map(path).collect::<Vec<_>>().into_boxed_slice(),
                )),
                CrossKind::ForbiddenWith { when, value, then } => {
                    CrossRule::ForbiddenWith { when: path(when), value: opt(value), then: path(then) }
                }
                CrossKind::RestrictedWith { when, when_value, then, values } => CrossRule::RestrictedWith {
                    when: path(when),
                    when_value: opt(when_value),
                    then: path(then),
                    values: leak_all(values),
                },
                CrossKind::DependsOn { param, depends_on } => {
                    CrossRule::DependsOn { param: path(param), depends_on: path(depends_on) }
                }
                CrossKind::RequiredUnless { param, unless } => CrossRule::RequiredUnless {
                    param: path(param),
                    unless: Box::leak(unless.iter().map(path).collect::<Vec<_>>().into_boxed_slice()),
                },
                CrossKind::OneOfBy { param, on, on_default, when, values } => CrossRule::OneOfBy {
                    param: path(param),
                    on: path(on),
                    on_default: opt(on_default),
                    when: leak(when),
                    values: leak_all(values),
                },
                CrossKind::RangeBy { param, on, on_default, when, min, max } => CrossRule::RangeBy {
                    param: path(param),
                    on: path(on),
                    on_default: opt(on_default),
                    when: leak(when),
                    min: *min,
                    max: *max,
                },
            };
            CrossCheck::new(rule, leak(&c.source))
        })
        .collect();
    Box::leak(checks.into_boxed_slice())
}

type Tables = &'static [(&'static [Field], &'static [CrossCheck])];
type Shapes = &'static [Vec<Shape>];

/// One value of the model: scalars kept as their wire text.
#[derive(Debug, Clone)]
enum DynValue {
    Scalar(Scalar),
    List(ScalarList),
    Group(Group),
    Groups(Groups),
}

#[derive(Debug, Clone)]
struct Scalar {
    ty: WireType,
    text: Option<String>,
}

#[derive(Debug, Clone)]
struct ScalarList {
    ty: WireType,
    items: Vec<Scalar>,
}

/// An optional group of struct `index`.
#[derive(Debug, Clone)]
struct Group {
    index: usize,
    tables: Tables,
    shapes: Shapes,
    value: Option<DynStruct>,
}

/// A list of groups of struct `index`.
#[derive(Debug, Clone)]
struct Groups {
    index: usize,
    tables: Tables,
    shapes: Shapes,
    items: Vec<DynStruct>,
}

/// A request struct of the model.
#[derive(Debug, Clone)]
struct DynStruct {
    index: usize,
    tables: Tables,
    values: Vec<DynValue>,
}

/// What kind of value each field of a struct holds.
#[derive(Debug, Clone, Copy)]
enum Shape {
    Scalar(WireType),
    List(WireType),
    Group(usize),
    Groups(usize),
}

fn value_wire_type(v: ValueType) -> WireType {
    match v {
        ValueType::Scalar(ty) => wire_type(ty),
        ValueType::Enum(_) => wire_type(ScalarType::String),
    }
}

impl DynStruct {
    fn new(model: &RequestModel, index: usize, tables: Tables) -> Self {
        let shapes: Vec<Vec<Shape>> = model
            .structs
            .iter()
            .map(|s| {
                s.fields
                    .iter()
                    .map(|f| match f.kind {
                        FieldKind::Scalar(v) => Shape::Scalar(value_wire_type(v)),
                        FieldKind::List(v) => Shape::List(value_wire_type(v)),
                        FieldKind::Group(g) => Shape::Group(g),
                        FieldKind::GroupList(g) => Shape::Groups(g),
                    })
                    .collect()
            })
            .collect();
        Self::empty(index, tables, Box::leak(shapes.into_boxed_slice()))
    }

    fn empty(index: usize, tables: Tables, shapes: Shapes) -> Self {
        let values = shapes[index]
            .iter()
            .map(|shape| match *shape {
                Shape::Scalar(ty) => DynValue::Scalar(Scalar { ty, text: None }),
                Shape::List(ty) => DynValue::List(ScalarList { ty, items: Vec::new() }),
                Shape::Group(g) => DynValue::Group(Group { index: g, tables, shapes, value: None }),
                Shape::Groups(g) => DynValue::Groups(Groups { index: g, tables, shapes, items: Vec::new() }),
            })
            .collect();
        DynStruct { index, tables, values }
    }
}

impl Scalar {
    fn view(&self) -> View<'_> {
        let Some(text) = self.text.as_deref() else { return View::Absent };
        match self.ty {
            WireType::Integer => text.parse().map_or(View::Str(text), View::Int),
            WireType::Number => text.parse().map_or(View::Str(text), View::Float),
            WireType::Boolean => text.parse().map_or(View::Str(text), View::Bool),
            // Validation reads a JSON value by its text, as it reads a string.
            WireType::String | WireType::Json => View::Str(text),
        }
    }
}

impl Struct for DynStruct {
    fn name(&self) -> &'static str {
        "Request"
    }

    fn fields(&self) -> &'static [Field] {
        self.tables[self.index].0
    }

    fn checks(&self) -> &'static [CrossCheck] {
        self.tables[self.index].1
    }

    fn get(&self, index: usize) -> View<'_> {
        match &self.values[index] {
            DynValue::Scalar(s) => s.view(),
            DynValue::List(l) if l.items.is_empty() => View::Absent,
            DynValue::List(l) => View::List(l),
            DynValue::Group(Group { value: Some(g), .. }) => View::Group(g),
            DynValue::Group(_) => View::Absent,
            DynValue::Groups(g) if g.items.is_empty() => View::Absent,
            DynValue::Groups(g) => View::Groups(g),
        }
    }
}

impl StructMut for DynStruct {
    fn get_mut(&mut self, index: usize) -> Slot<'_> {
        match &mut self.values[index] {
            DynValue::Scalar(s) => Slot::Scalar(s),
            DynValue::List(l) => Slot::List(l),
            DynValue::Group(g) => Slot::Group(g),
            DynValue::Groups(g) => Slot::Groups(g),
        }
    }
}

impl ScalarSlot for Scalar {
    fn is_set(&self) -> bool {
        self.text.is_some()
    }

    fn set_text(&mut self, text: &str) -> Result<(), WireType> {
        self.text = Some(text.to_owned());
        Ok(())
    }

    fn set_json(&mut self, value: &Value, _: JsonMode) -> Result<(), WireType> {
        self.text = match value {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        };
        Ok(())
    }
}

impl List for ScalarList {
    fn len(&self) -> usize {
        self.items.len()
    }

    fn item(&self, index: usize) -> View<'_> {
        self.items[index].view()
    }
}

impl ListSlot for ScalarList {
    fn len(&self) -> usize {
        self.items.len()
    }

    fn push_text(&mut self, text: &str) -> Result<(), WireType> {
        self.items.push(Scalar { ty: self.ty, text: Some(text.to_owned()) });
        Ok(())
    }

    fn push_json(&mut self, value: &Value, mode: JsonMode) -> Result<(), WireType> {
        let mut item = Scalar { ty: self.ty, text: None };
        item.set_json(value, mode)?;
        self.items.push(item);
        Ok(())
    }
}

impl GroupSlot for Group {
    fn get_or_default(&mut self) -> &mut dyn StructMut {
        let (index, tables, shapes) = (self.index, self.tables, self.shapes);
        self.value.get_or_insert_with(|| DynStruct::empty(index, tables, shapes))
    }
}

impl GroupList for Groups {
    fn len(&self) -> usize {
        self.items.len()
    }

    fn item(&self, index: usize) -> &dyn Struct {
        &self.items[index]
    }
}

impl GroupsSlot for Groups {
    fn len(&self) -> usize {
        self.items.len()
    }

    fn push_default(&mut self) -> &mut dyn StructMut {
        self.items.push(DynStruct::empty(self.index, self.tables, self.shapes));
        let last = self.items.len() - 1;
        &mut self.items[last]
    }

    fn item_mut(&mut self, index: usize) -> Option<&mut dyn StructMut> {
        self.items.get_mut(index).map(|g| g as &mut dyn StructMut)
    }
}
