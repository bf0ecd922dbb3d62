//! How a generated struct describes itself to the runtime: a table of its fields and an accessor per field.
//!
//! Generated crates implement [`Schema`] for every request and response struct; everything else here
//! (query pairs, the docs' JSON form, validation, lenient response reading) walks structs through the
//! object-safe [`Struct`] and [`StructMut`], so that code is compiled once for all structs instead of
//! once per struct. Users never need this module: it is hidden from the docs.

use serde_json::Value;

use crate::secret::Secret;
use crate::validation::{Check, CrossCheck};
use crate::value_enum::ValueEnum;

/// One field of a generated struct, in declaration order.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The JSON key and wire segment(s): `RegionId`, `DataDisk`, `Filter.1`.
    pub name: &'static str,
    /// The docs mark it required: validation reports it when absent.
    pub required: bool,
    /// A password or secret: violations never quote its value.
    pub secret: bool,
    /// A response list the service wraps in an object (`{"InstanceIdSet": [...]}`).
    pub wrapped: bool,
    /// A request group or list of groups, which validation enters.
    pub group: bool,
    /// The rules every value of the field must keep.
    pub checks: &'static [Check],
}

impl Field {
    /// An optional field without rules.
    pub const fn new(name: &'static str) -> Self {
        Field { name, required: false, secret: false, wrapped: false, group: false, checks: &[] }
    }

    pub const fn required(self) -> Self {
        Field { required: true, ..self }
    }

    pub const fn secret(self) -> Self {
        Field { secret: true, ..self }
    }

    pub const fn wrapped(self) -> Self {
        Field { wrapped: true, ..self }
    }

    pub const fn group(self) -> Self {
        Field { group: true, ..self }
    }

    pub const fn checks(self, checks: &'static [Check]) -> Self {
        Field { checks, ..self }
    }

    /// Whether validation looks at it: required, a group it enters, or with rules.
    pub const fn is_checked(&self) -> bool {
        self.required || self.group || !self.checks.is_empty()
    }
}

/// The fields among the first 128 of a table that validation looks at ([`Field::is_checked`]), one
/// bit each, so that the walk skips the others without reading them; fields past the first 128 are
/// looked at one by one.
pub const fn checked(fields: &[Field]) -> u128 {
    let mut bits = 0;
    let mut i = 0;
    while i < fields.len() && i < 128 {
        if fields[i].is_checked() {
            bits |= 1 << i;
        }
        i += 1;
    }
    bits
}

/// Implemented by every generated request and response struct.
#[doc(hidden)]
pub trait Schema: Default + 'static {
    /// The struct's fields, in declaration order; `get`/`get_mut` take an index into it.
    const FIELDS: &'static [Field];
    /// Rules between fields of this struct (or of structs below it), checked once per value of it.
    const CHECKS: &'static [CrossCheck] = &[];
    /// [`checked`] of [`Self::FIELDS`], worked out once per struct when it is compiled.
    const CHECKED: u128 = checked(Self::FIELDS);
    /// The value of field `index` (responses, which are only read, and structs without fields leave
    /// this out).
    fn get(&self, index: usize) -> View<'_> {
        let _ = index;
        View::Absent
    }
    /// Where to store field `index` (always an index into [`Self::FIELDS`], so a struct without
    /// fields leaves this out).
    fn get_mut(&mut self, index: usize) -> Slot<'_> {
        unreachable!("a struct without fields has no field {index}")
    }
}

/// A struct seen through its [`Schema`], as one type for all structs.
#[doc(hidden)]
pub trait Struct {
    /// The struct's name (`DataDisk`).
    fn name(&self) -> &'static str;
    fn fields(&self) -> &'static [Field];
    fn checks(&self) -> &'static [CrossCheck];
    /// [`checked`] of [`Struct::fields`] (a generated struct answers [`Schema::CHECKED`]; a table
    /// made at run time, like the generator's doc checks, works it out).
    fn checked(&self) -> u128 {
        checked(self.fields())
    }
    fn get(&self, index: usize) -> View<'_>;
}

/// A struct that can be filled field by field.
#[doc(hidden)]
pub trait StructMut: Struct {
    fn get_mut(&mut self, index: usize) -> Slot<'_>;
}

impl<T: Schema> Struct for T {
    fn name(&self) -> &'static str {
        let path = std::any::type_name::<T>();
        path.rsplit("::").next().unwrap_or(path)
    }

    fn fields(&self) -> &'static [Field] {
        T::FIELDS
    }

    fn checks(&self) -> &'static [CrossCheck] {
        T::CHECKS
    }

    fn checked(&self) -> u128 {
        T::CHECKED
    }

    fn get(&self, index: usize) -> View<'_> {
        Schema::get(self, index)
    }
}

impl<T: Schema> StructMut for T {
    fn get_mut(&mut self, index: usize) -> Slot<'_> {
        Schema::get_mut(self, index)
    }
}

/// One field's value, borrowed.
#[derive(Clone, Copy)]
pub enum View<'a> {
    /// Not set (`None`, or an empty list).
    Absent,
    Str(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// Any JSON value: a RESTful body member the docs type `Map` or `Object` without members.
    Json(&'a Value),
    Group(&'a dyn Struct),
    /// Numbered values (`SecurityGroupIds.N`); never empty.
    List(&'a dyn List),
    /// Numbered groups (`DataDisk.N`); never empty.
    Groups(&'a dyn GroupList),
}

impl<'a> View<'a> {
    /// A group field (`SystemDisk`).
    pub fn group<G: Schema>(group: &'a Option<G>) -> Self {
        match group {
            Some(group) => View::Group(group),
            None => View::Absent,
        }
    }

    /// A list of groups (`DataDisk.N`).
    pub fn groups<G: Schema>(groups: &'a Vec<G>) -> Self {
        if groups.is_empty() {
            View::Absent
        } else {
            View::Groups(groups)
        }
    }

    pub fn is_absent(&self) -> bool {
        matches!(self, View::Absent)
    }
}

/// The values of a list field.
#[doc(hidden)]
pub trait List {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn item(&self, index: usize) -> View<'_>;
}

impl<T: Scalar> List for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn item(&self, index: usize) -> View<'_> {
        self.get(index).map_or(View::Absent, Scalar::view)
    }
}

/// The groups of a list-of-groups field.
#[doc(hidden)]
pub trait GroupList {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn item(&self, index: usize) -> &dyn Struct;
}

impl<G: Schema> GroupList for Vec<G> {
    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn item(&self, index: usize) -> &dyn Struct {
        &self[index]
    }
}

/// Where one field's value goes.
pub enum Slot<'a> {
    Scalar(&'a mut dyn ScalarSlot),
    List(&'a mut dyn ListSlot),
    Group(&'a mut dyn GroupSlot),
    Groups(&'a mut dyn GroupsSlot),
}

impl<'a> Slot<'a> {
    pub fn group<G: Schema>(group: &'a mut Option<G>) -> Self {
        Slot::Group(group)
    }

    pub fn groups<G: Schema>(groups: &'a mut Vec<G>) -> Self {
        Slot::Groups(groups)
    }
}

/// How a JSON value is read: the docs' request form exactly, or a service response leniently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonMode {
    /// The docs' JSON form of a request: each value of its documented type, unknown keys an error.
    Strict,
    /// A service response: numbers and booleans sent as strings, `""` and `null` as absent, unknown
    /// keys ignored.
    Lenient,
}

/// An optional scalar field.
#[doc(hidden)]
pub trait ScalarSlot {
    fn is_set(&self) -> bool;
    /// Sets it from its wire text; `Err` names the type expected.
    fn set_text(&mut self, text: &str) -> Result<(), WireType>;
    /// Sets it from a JSON value (`null` leaves it unset); `Err` names the type expected.
    fn set_json(&mut self, value: &Value, mode: JsonMode) -> Result<(), WireType>;
}

/// A list of scalars.
#[doc(hidden)]
pub trait ListSlot {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn push_text(&mut self, text: &str) -> Result<(), WireType>;
    /// Appends a JSON item; `null` items are skipped.
    fn push_json(&mut self, value: &Value, mode: JsonMode) -> Result<(), WireType>;
}

/// An optional group.
#[doc(hidden)]
pub trait GroupSlot {
    /// The group, made empty first when it is not set.
    fn get_or_default(&mut self) -> &mut dyn StructMut;
}

/// A list of groups.
#[doc(hidden)]
pub trait GroupsSlot {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Appends an empty group and gives it back.
    fn push_default(&mut self) -> &mut dyn StructMut;
    fn item_mut(&mut self, index: usize) -> Option<&mut dyn StructMut>;
}

impl<G: Schema> GroupSlot for Option<G> {
    fn get_or_default(&mut self) -> &mut dyn StructMut {
        self.get_or_insert_with(G::default)
    }
}

impl<G: Schema> GroupsSlot for Vec<G> {
    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn push_default(&mut self) -> &mut dyn StructMut {
        self.push(G::default());
        let last = self.len() - 1;
        &mut self[last]
    }

    fn item_mut(&mut self, index: usize) -> Option<&mut dyn StructMut> {
        self.get_mut(index).map(|g| g as &mut dyn StructMut)
    }
}

/// What a wire value is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireType {
    String,
    Integer,
    Number,
    Boolean,
    /// Any JSON value, written as JSON text.
    Json,
}

impl WireType {
    /// `a string`, `an integer`, … for messages.
    pub fn expected(self) -> &'static str {
        match self {
            WireType::String => "a string",
            WireType::Integer => "an integer",
            WireType::Number => "a number",
            WireType::Boolean => "`true` or `false`",
            WireType::Json => "a JSON value",
        }
    }

    /// Whether `text` is a wire value of this type, exactly as the service reads it.
    pub fn accepts(self, text: &str) -> bool {
        match self {
            WireType::String => true,
            WireType::Integer => text.parse::<i64>().is_ok(),
            WireType::Number => text.parse::<f64>().is_ok_and(f64::is_finite),
            WireType::Boolean => text == "true" || text == "false",
            WireType::Json => serde_json::from_str::<Value>(text).is_ok(),
        }
    }
}

/// A type one value of a field has: `String`, `i32`, `i64`, `f64`, `bool`, [`Secret`], a value enum or
/// any JSON value.
#[doc(hidden)]
pub trait Scalar: Sized {
    const TYPE: WireType;
    fn view(&self) -> View<'_>;
    /// From the exact wire text (`from_query_pairs`).
    fn from_text(text: &str) -> Option<Self>;
    /// From a JSON value that is not `null`; lenient reading takes numbers and booleans sent as
    /// strings (and anything as a string).
    fn from_json(value: &Value, mode: JsonMode) -> Option<Self>;
}

impl Scalar for String {
    const TYPE: WireType = WireType::String;

    fn view(&self) -> View<'_> {
        View::Str(self)
    }

    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }

    fn from_json(value: &Value, mode: JsonMode) -> Option<Self> {
        match (value, mode) {
            (Value::String(s), _) => Some(s.clone()),
            (Value::Number(n), JsonMode::Lenient) => Some(n.to_string()),
            (Value::Bool(b), JsonMode::Lenient) => Some(b.to_string()),
            _ => None,
        }
    }
}

impl Scalar for Secret {
    const TYPE: WireType = WireType::String;

    fn view(&self) -> View<'_> {
        View::Str(self.expose())
    }

    fn from_text(text: &str) -> Option<Self> {
        Some(Secret::new(text))
    }

    fn from_json(value: &Value, mode: JsonMode) -> Option<Self> {
        String::from_json(value, mode).map(Secret::new)
    }
}

/// Reads a JSON number or, leniently, a number sent as a string.
fn json_number<T: std::str::FromStr>(
    value: &Value,
    mode: JsonMode,
    from: impl Fn(&serde_json::Number) -> Option<T>,
) -> Option<T> {
    match (value, mode) {
        (Value::Number(n), _) => from(n),
        (Value::String(s), JsonMode::Lenient) => s.trim().parse().ok(),
        _ => None,
    }
}

macro_rules! integer_scalar {
    ($($t:ty),*) => {$(
        impl Scalar for $t {
            const TYPE: WireType = WireType::Integer;

            fn view(&self) -> View<'_> {
                View::Int(i64::from(*self))
            }

            fn from_text(text: &str) -> Option<Self> {
                text.parse().ok()
            }

            fn from_json(value: &Value, mode: JsonMode) -> Option<Self> {
                json_number(value, mode, |n| n.as_i64().and_then(|i| i.try_into().ok()))
            }
        }
    )*};
}
integer_scalar!(i32, i64);

impl Scalar for f64 {
    const TYPE: WireType = WireType::Number;

    fn view(&self) -> View<'_> {
        View::Float(*self)
    }

    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok().filter(|f: &f64| f.is_finite())
    }

    fn from_json(value: &Value, mode: JsonMode) -> Option<Self> {
        json_number(value, mode, serde_json::Number::as_f64)
    }
}

impl Scalar for bool {
    const TYPE: WireType = WireType::Boolean;

    fn view(&self) -> View<'_> {
        View::Bool(*self)
    }

    fn from_text(text: &str) -> Option<Self> {
        match text {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    fn from_json(value: &Value, mode: JsonMode) -> Option<Self> {
        match (value, mode) {
            (Value::Bool(b), _) => Some(*b),
            (Value::String(s), JsonMode::Lenient) if s.eq_ignore_ascii_case("true") => Some(true),
            (Value::String(s), JsonMode::Lenient) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }
}

impl Scalar for Value {
    const TYPE: WireType = WireType::Json;

    fn view(&self) -> View<'_> {
        View::Json(self)
    }

    fn from_text(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    fn from_json(value: &Value, _mode: JsonMode) -> Option<Self> {
        Some(value.clone())
    }
}

impl<E: ValueEnum> Scalar for E {
    const TYPE: WireType = WireType::String;

    fn view(&self) -> View<'_> {
        View::Str(self.as_str())
    }

    fn from_text(text: &str) -> Option<Self> {
        Some(crate::value_enum::parse(text))
    }

    fn from_json(value: &Value, mode: JsonMode) -> Option<Self> {
        String::from_json(value, mode).map(crate::value_enum::parse_owned)
    }
}

/// A field's own type: an optional scalar or a list of scalars (groups go through
/// [`View::group`]/[`Slot::group`] and their list forms).
#[doc(hidden)]
pub trait FieldValue {
    fn view(&self) -> View<'_>;
    fn slot(&mut self) -> Slot<'_>;
}

impl<T: Scalar> FieldValue for Option<T> {
    fn view(&self) -> View<'_> {
        self.as_ref().map_or(View::Absent, Scalar::view)
    }

    fn slot(&mut self) -> Slot<'_> {
        Slot::Scalar(self)
    }
}

impl<T: Scalar> FieldValue for Vec<T> {
    fn view(&self) -> View<'_> {
        if self.is_empty() {
            View::Absent
        } else {
            View::List(self)
        }
    }

    fn slot(&mut self) -> Slot<'_> {
        Slot::List(self)
    }
}

/// A JSON value that is `null`, or `""` where a non-string is expected: read as absent in a response.
fn is_absent(value: &Value, ty: WireType, mode: JsonMode) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => mode == JsonMode::Lenient && s.is_empty() && ty != WireType::String,
        _ => false,
    }
}

impl<T: Scalar> ScalarSlot for Option<T> {
    fn is_set(&self) -> bool {
        self.is_some()
    }

    fn set_text(&mut self, text: &str) -> Result<(), WireType> {
        *self = Some(T::from_text(text).ok_or(T::TYPE)?);
        Ok(())
    }

    fn set_json(&mut self, value: &Value, mode: JsonMode) -> Result<(), WireType> {
        *self = if is_absent(value, T::TYPE, mode) {
            None
        } else {
            Some(T::from_json(value, mode).ok_or(T::TYPE)?)
        };
        Ok(())
    }
}

impl<T: Scalar> ListSlot for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn push_text(&mut self, text: &str) -> Result<(), WireType> {
        self.push(T::from_text(text).ok_or(T::TYPE)?);
        Ok(())
    }

    fn push_json(&mut self, value: &Value, mode: JsonMode) -> Result<(), WireType> {
        if !is_absent(value, T::TYPE, mode) {
            self.push(T::from_json(value, mode).ok_or(T::TYPE)?);
        }
        Ok(())
    }
}

/// `Debug` of a generated struct through its table: `DataDisk { Size: 40, Category: "cloud" }`, set
/// fields only, under their documented names; a secret shows as `***`.
pub fn debug(s: &dyn Struct, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    let mut out = f.debug_struct(s.name());
    for (index, field) in s.fields().iter().enumerate() {
        let view = s.get(index);
        if view.is_absent() {
            continue;
        }
        if field.secret {
            out.field(field.name, &crate::redacted::Redacted);
        } else {
            out.field(field.name, &ViewDebug(view));
        }
    }
    out.finish()
}

struct ViewDebug<'a>(View<'a>);

impl std::fmt::Debug for ViewDebug<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            View::Absent => f.write_str("None"),
            View::Str(s) => std::fmt::Debug::fmt(s, f),
            View::Int(i) => std::fmt::Debug::fmt(&i, f),
            View::Float(x) => std::fmt::Debug::fmt(&x, f),
            View::Bool(b) => std::fmt::Debug::fmt(&b, f),
            View::Json(v) => std::fmt::Display::fmt(v, f),
            View::Group(group) => debug(group, f),
            View::List(list) => {
                f.debug_list().entries((0..list.len()).map(|i| ViewDebug(list.item(i)))).finish()
            }
            View::Groups(groups) => f
                .debug_list()
                .entries((0..groups.len()).map(|i| ViewDebug(View::Group(groups.item(i)))))
                .finish(),
        }
    }
}

/// `PartialEq` of two generated structs of one type through their table: field by field, as derived.
pub fn eq(a: &dyn Struct, b: &dyn Struct) -> bool {
    let n = a.fields().len();
    n == b.fields().len() && (0..n).all(|i| view_eq(a.get(i), b.get(i)))
}

fn view_eq(a: View<'_>, b: View<'_>) -> bool {
    match (a, b) {
        (View::Absent, View::Absent) => true,
        (View::Str(x), View::Str(y)) => x == y,
        (View::Int(x), View::Int(y)) => x == y,
        (View::Float(x), View::Float(y)) => x == y,
        (View::Bool(x), View::Bool(y)) => x == y,
        (View::Json(x), View::Json(y)) => x == y,
        (View::Group(x), View::Group(y)) => eq(x, y),
        (View::List(x), View::List(y)) => {
            x.len() == y.len() && (0..x.len()).all(|i| view_eq(x.item(i), y.item(i)))
        }
        (View::Groups(x), View::Groups(y)) => {
            x.len() == y.len() && (0..x.len()).all(|i| eq(x.item(i), y.item(i)))
        }
        _ => false,
    }
}
