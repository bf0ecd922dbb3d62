//! Request validation: the rules read from the docs, checked on the typed request.
//!
//! Each generated struct lists the rules of each field ([`Check`]s in its field table) and the rules
//! between its fields ([`CrossCheck`]s). [`validate`] walks the request once, field by field, and
//! reports every violation with its wire path (`DataDisk.3.Size`), its message and the doc sentence
//! the rule came from, up to [`MAX_VIOLATIONS`]. [`ValidationMode`] says what a client does with them.

use std::fmt;

use crate::operation::Operation;
use crate::rules::same;
pub use crate::rules::Rule;
use crate::schema::{Field, Struct, View};

/// At most this many violations are kept; the rest are counted.
pub const MAX_VIOLATIONS: usize = 64;

/// The source of the violation of a parameter the docs' table marks required.
pub const REQUIRED: &str = "Required: Yes (the docs' parameter table)";

/// One rule on a field, with the doc sentence (or `spec/overrides.toml` reason) it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Check {
    /// The rule every value of the field keeps.
    pub rule: Rule<'static>,
    /// The doc sentence (or override reason) the rule came from; its violations cite it
    /// ([`Violation::source`]).
    pub source: &'static str,
}

impl Check {
    /// `rule`, from `source`; `const`, for the generated field tables.
    pub const fn new(rule: Rule<'static>, source: &'static str) -> Self {
        Check { rule, source }
    }
}

/// A field below a struct: the field index at each level (a list of groups is entered at every
/// item), and its documented name relative to the struct (`DataDisk.N.Size`) for messages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Path {
    /// The field's index in its struct's table at each level, from the struct down (`[21, 1]`:
    /// field 21, `DataDisk`, then field 1 of each of its groups).
    pub at: &'static [u16],
    /// The documented name, relative to the struct (`DataDisk.N.Category`).
    pub name: &'static str,
}

impl Path {
    /// The field at `at`, called `name` in messages; `const`, for the generated tables.
    pub const fn new(at: &'static [u16], name: &'static str) -> Self {
        Path { at, name }
    }
}

/// A rule between fields, checked once for each value of the struct that lists it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CrossCheck {
    /// The rule between the struct's fields.
    pub rule: CrossRule,
    /// The doc sentence (or override reason) the rule came from; its violations cite it
    /// ([`Violation::source`]).
    pub source: &'static str,
}

impl CrossCheck {
    /// `rule`, from `source`; `const`, for the generated `CHECKS` tables.
    pub const fn new(rule: CrossRule, source: &'static str) -> Self {
        CrossCheck { rule, source }
    }
}

/// The rules between fields.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CrossRule {
    /// At most one of these is set.
    MutuallyExclusive(&'static [Path]),
    /// When `when` is set (to `value`, if given), `then` must not be.
    ForbiddenWith {
        /// The field whose being set forbids `then`.
        when: Path,
        /// The value `when` must have for the rule to apply; `None`: any value.
        value: Option<&'static str>,
        /// The field that must then be unset.
        then: Path,
    },
    /// When `when` is set (to `when_value`, if given), `then` is one of `values`.
    RestrictedWith {
        /// The field whose being set restricts `then`.
        when: Path,
        /// The value `when` must have for the rule to apply; `None`: any value.
        when_value: Option<&'static str>,
        /// The field restricted; each of its values is checked, an unset one passes.
        then: Path,
        /// The values `then` may have, compared as wire text.
        values: &'static [&'static str],
    },
    /// `param` is set only together with `depends_on`.
    DependsOn {
        /// The field that may be set only together with `depends_on`.
        param: Path,
        /// The field `param` needs set.
        depends_on: Path,
    },
    /// `param` is set unless one of `unless` is.
    RequiredUnless {
        /// The field required.
        param: Path,
        /// The fields of which any one, set, lifts the requirement.
        unless: &'static [Path],
    },
    /// When `on` is `when` (an unset `on` counting as its documented default), `param` is one of `values`.
    OneOfBy {
        /// The field restricted (`Period`); each of its values is checked.
        param: Path,
        /// The field whose value selects the case (`PeriodUnit`); its first value is read.
        on: Path,
        /// The documented default of `on` (`Month`), which an unset `on` counts as.
        on_default: Option<&'static str>,
        /// The value of `on`, as wire text, for which this case holds (`Year`).
        when: &'static str,
        /// The values `param` may then have, compared as wire text (`1` to `4`).
        values: &'static [&'static str],
    },
    /// When `on` is `when` (or unset with `on_default` being `when`), `param` lies in `min..=max`.
    RangeBy {
        /// The number restricted (a data disk's `Size`); each of its values is checked.
        param: Path,
        /// The field whose value selects the case (the disk's `Category`); its first value is read.
        on: Path,
        /// The documented default of `on`, which an unset `on` counts as.
        on_default: Option<&'static str>,
        /// The value of `on`, as wire text, for which this case holds (`cloud_essd`).
        when: &'static str,
        /// The smallest value `param` may then have; `None`: no lower bound.
        min: Option<f64>,
        /// The largest value `param` may then have; `None`: no upper bound.
        max: Option<f64>,
    },
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The wire path of the offending value (`DataDisk.3.Size`), or of the parameter a cross-field rule names.
    pub path: String,
    /// What is wrong (`must be 20 to 32768 for cloud_essd`); never quotes a secret.
    pub message: String,
    /// The doc sentence (or override reason) the rule came from.
    pub source: &'static str,
}

/// Every violation of one request, in the order of its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
    /// Violations found beyond [`MAX_VIOLATIONS`].
    omitted: usize,
}

impl ValidationErrors {
    /// The violations kept, in the order of the request's fields.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// How many violations were found beyond [`MAX_VIOLATIONS`] and not kept.
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// `Ok` when nothing is wrong, else these violations.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    fn push(&mut self, path: String, message: String, source: &'static str) {
        if self.violations.len() < MAX_VIOLATIONS {
            self.violations.push(Violation { path, message, source });
        } else {
            self.omitted += 1;
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({:?})", self.path, self.message, self.source)
    }
}

impl fmt::Display for ValidationErrors {
    /// One violation a line; a last line counts those left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{v}")?;
        }
        if self.omitted > 0 {
            write!(f, "\n… and {} more", self.omitted)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Collects violations found by hand (an `Operation` written without a field table), keeping the
/// first [`MAX_VIOLATIONS`].
impl FromIterator<Violation> for ValidationErrors {
    fn from_iter<I: IntoIterator<Item = Violation>>(violations: I) -> Self {
        let mut errors = ValidationErrors::default();
        for v in violations {
            errors.push(v.path, v.message, v.source);
        }
        errors
    }
}

/// What a client does with a request's violations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ValidationMode {
    /// Refuse to send a request that breaks a rule, returning every violation (the default).
    #[default]
    Enforce,
    /// Send it anyway, logging its violations as one `tracing` warning (target
    /// `alibabacloud_runtime::validation`; violations never quote a secret).
    Report,
    /// Do not check.
    Off,
}

impl ValidationMode {
    /// The mode for one call: the call's own ([`Operation::validation_mode`]), else the client's.
    pub fn for_call<O: Operation + ?Sized>(request: &O, client: ValidationMode) -> ValidationMode {
        request.validation_mode().unwrap_or(client)
    }

    /// Checks `request` as this mode says: `Err` only in [`Enforce`](Self::Enforce) mode.
    pub fn apply<O: Operation + ?Sized>(self, request: &O) -> Result<(), ValidationErrors> {
        match self {
            ValidationMode::Off => Ok(()),
            ValidationMode::Enforce => request.validate(),
            ValidationMode::Report => {
                if let Err(errors) = request.validate() {
                    tracing::warn!(
                        target: "alibabacloud_runtime::validation",
                        action = O::ACTION,
                        violations = errors.violations().len() + errors.omitted(),
                        "request breaks the documented rules; sending it anyway:\n{errors}"
                    );
                }
                Ok(())
            }
        }
    }
}

/// Checks a request against every rule its struct tables list, collecting every violation.
pub fn validate(request: &dyn Struct) -> Result<(), ValidationErrors> {
    let mut walk = Walk { errors: ValidationErrors::default() };
    walk.structure(request, &At::Root);
    walk.errors.into_result()
}

/// Where the walk is: a wire path kept on the stack, one link a level, read only to report a
/// violation or to find a `.N` index.
#[derive(Clone, Copy)]
enum At<'a> {
    Root,
    Name(&'static str, &'a At<'a>),
    Index(usize, &'a At<'a>),
}

impl At<'_> {
    /// `DataDisk.3.Size`.
    fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out);
        out
    }

    fn render_into(&self, out: &mut String) {
        let (At::Name(_, parent) | At::Index(_, parent)) = self else { return };
        parent.render_into(out);
        if !matches!(parent, At::Root) {
            out.push('.');
        }
        match self {
            At::Name(name, _) => out.push_str(name),
            At::Index(n, _) => out.push_str(itoa::Buffer::new().format(*n)),
            At::Root => {}
        }
    }

    /// The `.N` index `up` list levels above.
    fn index(&self, up: u8) -> Option<usize> {
        let mut at = self;
        let mut up = up;
        loop {
            match at {
                At::Root => return None,
                At::Name(_, parent) => at = parent,
                At::Index(n, _) if up == 0 => return Some(*n),
                At::Index(_, parent) => {
                    up -= 1;
                    at = parent;
                }
            }
        }
    }
}

/// Calls `f` with a value's wire text: strings as they are, numbers formatted on the stack
/// (fractions, rare, on the heap); `None` for what has no text (absent, groups, lists).
#[inline]
fn with_text<R>(view: &View<'_>, f: impl FnOnce(&str) -> R) -> Option<R> {
    match *view {
        View::Str(s) => Some(f(s)),
        View::Int(i) => Some(f(itoa::Buffer::new().format(i))),
        View::Float(x) => Some(f(&x.to_string())),
        View::Bool(b) => Some(f(if b { "true" } else { "false" })),
        View::Json(v) => Some(f(&v.to_string())),
        View::Absent | View::Group(_) | View::List(_) | View::Groups(_) => None,
    }
}

/// Whether a value's wire text is `want`.
#[inline]
fn text_is(view: &View<'_>, want: &str) -> bool {
    match *view {
        View::Str(s) => same(s, want),
        _ => with_text(view, |text| same(text, want)).unwrap_or(false),
    }
}

/// An index rule's verdict on the `.N` index `up` levels above `at` (kept when there is none).
#[inline]
fn index_verdict(check: &Check, up: u8, at: &At<'_>) -> Result<(), String> {
    at.index(up).map_or(Ok(()), |index| check.rule.check_index(index))
}

/// Whether a rule reads a value's text, which a typed number then has to be formatted for.
fn reads_text(rule: &Rule<'_>) -> bool {
    !matches!(rule, Rule::Index { .. } | Rule::Range { .. })
}

/// A number's value: typed for numbers, parsed for strings (`SystemDisk.Size` is a String).
fn number(view: &View<'_>) -> Option<Result<f64, ()>> {
    match *view {
        View::Int(i) => Some(Ok(i as f64)),
        View::Float(x) => Some(Ok(x)),
        View::Str(s) => Some(s.trim().parse::<f64>().map_err(|_| ())),
        View::Bool(_) | View::Json(_) => Some(Err(())),
        View::Absent | View::Group(_) | View::List(_) | View::Groups(_) => None,
    }
}

/// A range check on a value of any type: typed numbers without text.
fn check_range(rule: &Rule<'_>, view: &View<'_>) -> Result<(), String> {
    match (number(view), view) {
        (Some(Ok(n)), _) => rule.check_number(n),
        (Some(Err(())), View::Str(s)) => rule.check(s, false),
        (Some(Err(())), other) => with_text(other, |text| rule.check(text, false)).unwrap_or(Ok(())),
        (None, _) => Ok(()),
    }
}

struct Walk {
    errors: ValidationErrors,
}

impl Walk {
    fn report(&mut self, at: &At<'_>, message: String, source: &'static str) {
        self.errors.push(at.render(), message, source);
    }

    fn structure(&mut self, s: &dyn Struct, at: &At<'_>) {
        let fields = s.fields();
        let checked = s.checked();
        // The bits 64 at a time: a `u128`'s steps take two instructions each.
        for (base, mut bits) in [(0, checked as u64), (64, (checked >> 64) as u64)] {
            while bits != 0 {
                let index = base + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let field = &fields[index];
                // A string (most values) goes to its rules straight away.
                match s.get(index) {
                    View::Str(text) => self.text_at(field, text, at, true),
                    view => self.field(field, view, at),
                }
            }
        }
        for (index, field) in fields.iter().enumerate().skip(128) {
            if field.is_checked() {
                self.field(field, s.get(index), at);
            }
        }
        // The docs give a conditional rule one case at a time (`Size` for each disk `Category`:
        // four rules): consecutive ones on one subject share one look-up of it, and each case then
        // costs a comparison of texts.
        let mut subject: Option<(&[u16], Option<View<'_>>)> = None;
        for check in s.checks() {
            match check.rule {
                CrossRule::OneOfBy { on, on_default, when, .. }
                | CrossRule::RangeBy { on, on_default, when, .. } => {
                    let value = match subject {
                        Some((steps, value)) if same_steps(steps, on.at) => value,
                        _ => {
                            let value = first(s, on.at);
                            subject = Some((on.at, value));
                            value
                        }
                    };
                    let holds = match value {
                        None => on_default == Some(when),
                        // `text_is` would do the same; spelled out, a string is ~300 instructions a
                        // call cheaper (callgrind), the case runs per disk and category.
                        Some(View::Str(text)) => same(text, when),
                        Some(view) => text_is(&view, when),
                    };
                    if holds {
                        self.case(s, check, at);
                    }
                }
                _ => self.cross(s, check, at),
            }
        }
    }

    /// A conditional rule whose case holds.
    fn case(&mut self, s: &dyn Struct, check: &CrossCheck, at: &At<'_>) {
        let source = check.source;
        match check.rule {
            CrossRule::OneOfBy { param, on, when, values, .. } => {
                self.each(s, &param, at, &mut |walk, view, here| {
                    if !values.iter().any(|v| text_is(&view, v)) {
                        let message = format!(
                            "must be one of {} when {} is {when}",
                            values.join(", "),
                            Self::name(at, &on)
                        );
                        walk.report(here, message, source);
                    }
                });
            }
            CrossRule::RangeBy { param, when, min, max, .. } => {
                // A number of the struct itself that keeps the range (the usual case) needs no
                // descent.
                if let [index] = *param.at {
                    let kept = match s.get(usize::from(index)) {
                        View::Int(i) => crate::rules::within(i as f64, min, max),
                        View::Float(x) => crate::rules::within(x, min, max),
                        View::Absent => true,
                        _ => false,
                    };
                    if kept {
                        return;
                    }
                }
                let rule = Rule::Range { min, max };
                self.each(s, &param, at, &mut |walk, view, here| {
                    if let Err(message) = check_range(&rule, &view) {
                        walk.report(here, format!("{message} for {when}"), source);
                    }
                });
            }
            _ => {}
        }
    }

    #[inline]
    fn field(&mut self, field: &Field, view: View<'_>, parent: &At<'_>) {
        let at = &At::Name(field.name, parent);
        match view {
            View::Str(text) => self.text(field, text, at),
            View::Absent if field.required => self.report(at, "is required".to_owned(), REQUIRED),
            View::Absent => {}
            View::Group(group) => self.structure(group, at),
            View::List(list) => {
                for i in 0..list.len() {
                    self.value(field, list.item(i), &At::Index(i + 1, at));
                }
            }
            View::Groups(groups) => {
                for i in 0..groups.len() {
                    self.structure(groups.item(i), &At::Index(i + 1, at));
                }
            }
            scalar => self.value(field, scalar, at),
        }
    }

    /// The rules of a string, the most common value, on a short path: no text to make, no type to
    /// tell apart per rule.
    #[inline(always)]
    fn text(&mut self, field: &Field, text: &str, at: &At<'_>) {
        self.text_at(field, text, at, false);
    }

    /// [`Walk::text`], where with `named` the value is the field of that name below `at` (made a
    /// link of the path only for a violation: an index is the same seen from either).
    #[inline(always)]
    fn text_at(&mut self, field: &Field, text: &str, at: &At<'_>, named: bool) {
        for check in field.checks {
            let kept = match check.rule {
                Rule::Index { up, .. } => index_verdict(check, up, at).is_ok(),
                ref rule => rule.passes(text),
            };
            if !kept {
                if named {
                    self.report_violation(field, check, View::Str(text), &At::Name(field.name, at));
                } else {
                    self.report_violation(field, check, View::Str(text), at);
                }
            }
        }
    }

    fn value(&mut self, field: &Field, view: View<'_>, at: &At<'_>) {
        if let View::Str(text) = view {
            return self.text(field, text, at);
        }
        // The wire text of booleans and integers once for all of the field's rules (that of an
        // integer only when a rule reads text: ranges and indexes do not); that of fractions and JSON
        // values (rare, and made on the heap) only for a rule that reads text.
        let mut int = itoa::Buffer::new();
        let text: Option<&str> = match view {
            View::Bool(b) => Some(if b { "true" } else { "false" }),
            View::Int(i) if field.checks.iter().any(|c| reads_text(&c.rule)) => Some(int.format(i)),
            _ => None,
        };
        for check in field.checks {
            let kept = match (check.rule, view) {
                (Rule::Index { up, .. }, _) => index_verdict(check, up, at).is_ok(),
                (Rule::Range { min, max }, View::Int(i)) => crate::rules::within(i as f64, min, max),
                (Rule::Range { min, max }, View::Float(x)) => crate::rules::within(x, min, max),
                (rule, View::Float(_) | View::Json(_)) => {
                    with_text(&view, |t| rule.passes(t)).unwrap_or(true)
                }
                (rule, _) => text.is_none_or(|text| rule.passes(text)),
            };
            if !kept {
                self.report_violation(field, check, view, at);
            }
        }
    }

    /// Reports the violation of `check` by a value [`Walk::value`] found to break it.
    #[cold]
    fn report_violation(&mut self, field: &Field, check: &Check, view: View<'_>, at: &At<'_>) {
        let verdict = match check.rule {
            Rule::Index { up, .. } => index_verdict(check, up, at),
            Rule::Range { .. } if matches!(view, View::Int(_) | View::Float(_)) => {
                check_range(&check.rule, &view)
            }
            rule => with_text(&view, |text| rule.check(text, field.secret)).unwrap_or(Ok(())),
        };
        if let Err(message) = verdict {
            self.report(at, message, check.source);
        }
    }

    /// The full name of a field a cross-field rule names: the struct's path, then the field's name.
    fn name(at: &At<'_>, path: &Path) -> String {
        At::Name(path.name, at).render()
    }

    fn report_at(&mut self, at: &At<'_>, path: &Path, message: String, source: &'static str) {
        self.errors.push(Self::name(at, path), message, source);
    }

    fn cross(&mut self, s: &dyn Struct, check: &CrossCheck, at: &At<'_>) {
        let source = check.source;
        match check.rule {
            CrossRule::MutuallyExclusive(params) => {
                let mut set = params.iter().filter(|p| is_set(s, p, None));
                if let (Some(first), Some(second)) = (set.next(), set.next()) {
                    let message = format!("cannot be set together with {}", Self::name(at, first));
                    self.report_at(at, second, message, source);
                }
            }
            CrossRule::ForbiddenWith { when, value, then } => {
                if is_set(s, &when, value) && is_set(s, &then, None) {
                    let when_name = Self::name(at, &when);
                    let condition = value
                        .map_or_else(|| format!("{when_name} is set"), |v| format!("{when_name} is {v}"));
                    self.report_at(at, &then, format!("must not be set when {condition}"), source);
                }
            }
            CrossRule::RestrictedWith { when, when_value, then, values } => {
                if is_set(s, &when, when_value) {
                    let message =
                        format!("must be {} when {} is set", values.join(" or "), Self::name(at, &when));
                    self.each(s, &then, at, &mut |walk, view, at| {
                        if !values.iter().any(|v| text_is(&view, v)) {
                            walk.report(at, message.clone(), source);
                        }
                    });
                }
            }
            CrossRule::DependsOn { param, depends_on } => {
                if is_set(s, &param, None) && !is_set(s, &depends_on, None) {
                    let message = format!("can only be set together with {}", Self::name(at, &depends_on));
                    self.report_at(at, &param, message, source);
                }
            }
            CrossRule::RequiredUnless { param, unless } => {
                if !is_set(s, &param, None) && !unless.iter().any(|u| is_set(s, u, None)) {
                    let names: Vec<String> = unless.iter().map(|u| Self::name(at, u)).collect();
                    self.report_at(
                        at,
                        &param,
                        format!("is required unless {} is set", names.join(" or ")),
                        source,
                    );
                }
            }
            // Checked by `structure`, a run of cases at a time.
            CrossRule::OneOfBy { .. } | CrossRule::RangeBy { .. } => {}
        }
    }

    /// Calls `f` with every value at `path` below `s` and where it is (`f` generic, so that a rule's
    /// check is inlined into the descent: there are few kinds of rule).
    fn each<F: FnMut(&mut Walk, View<'_>, &At<'_>)>(
        &mut self,
        s: &dyn Struct,
        path: &Path,
        at: &At<'_>,
        f: &mut F,
    ) {
        self.descend(s, path.at, at, f);
    }

    fn descend<F: FnMut(&mut Walk, View<'_>, &At<'_>)>(
        &mut self,
        s: &dyn Struct,
        steps: &[u16],
        at: &At<'_>,
        f: &mut F,
    ) {
        let Some((&index, rest)) = steps.split_first() else { return };
        let index = usize::from(index);
        let Some(field) = s.fields().get(index) else { return };
        let at = &At::Name(field.name, at);
        match (s.get(index), rest.is_empty()) {
            (View::Group(group), false) => self.descend(group, rest, at, f),
            (View::Groups(groups), false) => {
                for i in 0..groups.len() {
                    self.descend(groups.item(i), rest, &At::Index(i + 1, at), f);
                }
            }
            (View::List(list), true) => {
                for i in 0..list.len() {
                    f(self, list.item(i), &At::Index(i + 1, at));
                }
            }
            (View::Absent, true) => {}
            (view, true) => f(self, view, at),
            (_, false) => {}
        }
    }
}

/// Calls `f` with every view at `at` below `s` until it returns true; true when one did.
fn any<'s, F: FnMut(View<'s>) -> bool>(s: &'s dyn Struct, at: &[u16], f: &mut F) -> bool {
    let Some((&index, rest)) = at.split_first() else { return false };
    match (s.get(usize::from(index)), rest.is_empty()) {
        (View::Absent, _) => false,
        (View::Group(group), false) => any(group, rest, f),
        (View::Groups(groups), false) => (0..groups.len()).any(|i| any(groups.item(i), rest, f)),
        (View::List(list), true) => (0..list.len()).any(|i| f(list.item(i))),
        (view, true) => f(view),
        (_, false) => false,
    }
}

/// Whether a value at `path` is set (to `value`, when given).
fn is_set(s: &dyn Struct, path: &Path, value: Option<&str>) -> bool {
    any(s, path.at, &mut |view| match value {
        None => true,
        Some(want) => text_is(&view, want),
    })
}

/// `a == b` for the one or two steps of a path, without a library call.
#[inline]
fn same_steps(a: &[u16], b: &[u16]) -> bool {
    match (a, b) {
        ([x], [y]) => x == y,
        _ => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y),
    }
}

/// The first value at `at` below `s`, if any.
fn first<'s>(s: &'s dyn Struct, at: &[u16]) -> Option<View<'s>> {
    if let [index] = *at {
        // A field of the struct itself (the usual case), without the descent.
        return match s.get(usize::from(index)) {
            View::Absent => None,
            View::List(list) => (!list.is_empty()).then(|| list.item(0)),
            view => Some(view),
        };
    }
    let mut found = None;
    any(s, at, &mut |view| {
        found = Some(view);
        true
    });
    found
}
