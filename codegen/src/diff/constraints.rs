//! Compares the rules on a parameter (and the cross-field rules of an API): tighter, looser, enum values, defaults, repeat limits.
//!
//! Generic over [`Rule`]: rules are grouped by kind, and two rules of one kind are ordered by the
//! set of values they accept. A change that accepts some old value no more counts as tightened.
//! Only enforced rules count: an unenforced one was read with doubt (or says the service ignores a
//! value rather than rejecting it), so neither the validator nor the wire verdicts rely on it.

use std::collections::BTreeSet;

use super::change::{Change, ChangeKind, Wording, WordingKind};
use crate::ir::{CharClass, Constraint, Enforcement, EnumValue, Format, Rule};

/// How the values a new rule accepts compare with the old rule's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Same,
    /// Accepts a subset of what the old rule accepted.
    Tighter,
    /// Accepts a superset.
    Looser,
    /// Neither: some old values are now rejected, some new ones accepted.
    Mixed,
}

/// What one parameter's rules are compared for.
pub struct ParamContext<'a> {
    pub api: &'a str,
    pub wire_name: &'a str,
    /// A closed value set on a string parameter makes its Rust type an enum.
    pub string_valued: bool,
}

/// Compares the single-parameter rules of one parameter.
pub fn compare_param_rules(
    cx: &ParamContext<'_>,
    old: &[Constraint],
    new: &[Constraint],
    changes: &mut Vec<Change>,
    wording: &mut Vec<Wording>,
) {
    let (old, new) = (&enforced(old), &enforced(new));
    let kinds: BTreeSet<&str> = old.iter().chain(new).map(|c| rule_kind(&c.rule)).collect();
    for kind in kinds {
        let (o, n) = (rules_of_kind(old, kind), rules_of_kind(new, kind));
        match (o.as_slice(), n.as_slice()) {
            ([o], [n]) => compare_one(cx, o, n, changes, wording),
            _ => compare_sets(cx, &o, &n, changes),
        }
    }
}

/// The rules that generated validators check.
fn enforced(list: &[Constraint]) -> Vec<Constraint> {
    list.iter().filter(|c| c.enforcement == Enforcement::Enforced).cloned().collect()
}

fn rules_of_kind<'a>(list: &'a [Constraint], kind: &str) -> Vec<&'a Rule> {
    list.iter().map(|c| &c.rule).filter(|r| rule_kind(r) == kind).collect()
}

/// Two rules of the same kind, one on each side.
fn compare_one(
    cx: &ParamContext<'_>,
    old: &Rule,
    new: &Rule,
    changes: &mut Vec<Change>,
    wording: &mut Vec<Wording>,
) {
    let (api, name) = (cx.api, cx.wire_name);
    match (old, new) {
        (Rule::OneOf { values: o }, Rule::OneOf { values: n }) => compare_values(cx, o, n, changes, wording),
        (Rule::Default { value: o }, Rule::Default { value: n }) if o != n => {
            if is_value(o) && is_value(n) {
                let kind = ChangeKind::DefaultChanged { value_changed: true };
                changes.push(Change::new(api, kind, name, "").values(describe(old), describe(new)));
            } else {
                // A default told in a sentence ("an IP address randomly selected from …") is prose.
                wording.push(Wording {
                    api: api.to_owned(),
                    name: name.to_owned(),
                    what: WordingKind::DefaultInWords,
                });
            }
        }
        (Rule::RepeatCount { min: a, max: b }, Rule::RepeatCount { min: c, max: d }) => {
            let order =
                interval_order((Some(*a as f64), Some(*b as f64)), (Some(*c as f64), Some(*d as f64)));
            if order != Order::Same {
                let tightened = order != Order::Looser;
                changes.push(
                    Change::new(api, ChangeKind::RepeatLimitChanged { tightened }, name, "")
                        .values(describe(old), describe(new)),
                );
            }
        }
        _ => {
            let kind = match order(old, new) {
                Order::Same => return,
                Order::Looser => ChangeKind::ConstraintLoosened { rust_type_changed: false },
                Order::Tighter | Order::Mixed => ChangeKind::ConstraintTightened { rust_type_changed: false },
            };
            changes.push(Change::new(api, kind, name, "").values(describe(old), describe(new)));
        }
    }
}

/// Rules of one kind that appear on one side only (or several times): each one gone loosens,
/// each one new tightens. Defaults and repeat limits keep their own kinds.
fn compare_sets(cx: &ParamContext<'_>, old: &[&Rule], new: &[&Rule], changes: &mut Vec<Change>) {
    let (api, name) = (cx.api, cx.wire_name);
    for (rule, appeared) in old
        .iter()
        .filter(|r| !new.contains(r))
        .map(|r| (*r, false))
        .chain(new.iter().filter(|r| !old.contains(r)).map(|r| (*r, true)))
    {
        let described = describe(rule);
        let (before, after) =
            if appeared { ("none".to_owned(), described) } else { (described, "none".to_owned()) };
        let kind = match rule {
            Rule::Default { .. } => ChangeKind::DefaultChanged { value_changed: false },
            Rule::RepeatCount { .. } => ChangeKind::RepeatLimitChanged { tightened: appeared },
            Rule::OneOf { .. } if appeared => {
                ChangeKind::ConstraintTightened { rust_type_changed: cx.string_valued }
            }
            Rule::OneOf { .. } => ChangeKind::ConstraintLoosened { rust_type_changed: cx.string_valued },
            _ if appeared => ChangeKind::ConstraintTightened { rust_type_changed: false },
            _ => ChangeKind::ConstraintLoosened { rust_type_changed: false },
        };
        changes.push(Change::new(api, kind, name, "").values(before, after));
    }
}

fn compare_values(
    cx: &ParamContext<'_>,
    old: &[EnumValue],
    new: &[EnumValue],
    changes: &mut Vec<Change>,
    wording: &mut Vec<Wording>,
) {
    let (api, name) = (cx.api, cx.wire_name);
    for o in old {
        match new.iter().find(|n| n.value == o.value) {
            None => {
                let mut change =
                    Change::new(api, ChangeKind::EnumValueRemoved, name, format!("`{}`", o.value));
                change.before = Some(o.value.clone());
                changes.push(change);
            }
            Some(n) if !super::matching::same_text(&o.meaning, &n.meaning) => {
                wording.push(Wording {
                    api: api.to_owned(),
                    name: format!("{name} = {}", o.value),
                    what: WordingKind::EnumValueMeaning,
                });
            }
            Some(_) => {}
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|o| o.value == n.value)) {
        let mut change = Change::new(api, ChangeKind::EnumValueAdded, name, format!("`{}`", n.value));
        change.after = Some(n.value.clone());
        changes.push(change);
    }
}

/// Compares an API's enforced cross-field rules as sets (sources ignored): a rule gone loosens, a
/// new rule tightens. The name lists the parameters the rule involves.
pub fn compare_cross_field(api: &str, old: &[Constraint], new: &[Constraint], changes: &mut Vec<Change>) {
    let (old, new) = (&enforced(old), &enforced(new));
    let gone = old.iter().filter(|o| !new.iter().any(|n| n.rule == o.rule)).map(|c| (c, false));
    let came = new.iter().filter(|n| !old.iter().any(|o| o.rule == n.rule)).map(|c| (c, true));
    for (constraint, appeared) in gone.chain(came) {
        let names = participants(&constraint.rule).join(", ");
        let described = describe(&constraint.rule);
        let (kind, before, after) = if appeared {
            (ChangeKind::ConstraintTightened { rust_type_changed: false }, "none".to_owned(), described)
        } else {
            (ChangeKind::ConstraintLoosened { rust_type_changed: false }, described, "none".to_owned())
        };
        changes.push(Change::new(api, kind, &names, "").values(before, after));
    }
}

fn order(old: &Rule, new: &Rule) -> Order {
    if old == new {
        return Order::Same;
    }
    let bound = |v: Option<u64>| v.map(|v| v as f64);
    match (old, new) {
        (Rule::Length { min: a, max: b }, Rule::Length { min: c, max: d }) => {
            interval_order((bound(*a), bound(*b)), (bound(*c), bound(*d)))
        }
        (Rule::Range { min: a, max: b }, Rule::Range { min: c, max: d }) => {
            interval_order((*a, *b), (*c, *d))
        }
        (Rule::AllowedChars { classes: a, extra: x }, Rule::AllowedChars { classes: b, extra: y }) => {
            // More characters allowed is looser.
            set_order(&allowed(a, x), &allowed(b, y)).reverse()
        }
        (Rule::ForbiddenPrefixes { prefixes: a }, Rule::ForbiddenPrefixes { prefixes: b })
        | (Rule::ForbiddenSubstrings { substrings: a }, Rule::ForbiddenSubstrings { substrings: b }) => {
            set_order(&a.iter().collect(), &b.iter().collect())
        }
        (Rule::NoLeadingOrTrailing { chars: a }, Rule::NoLeadingOrTrailing { chars: b })
        | (Rule::NoConsecutive { chars: a }, Rule::NoConsecutive { chars: b }) => {
            set_order(&a.chars().collect(), &b.chars().collect())
        }
        (
            Rule::Format { format: Format::Base64 { max_bytes: a } },
            Rule::Format { format: Format::Base64 { max_bytes: b } },
        ) => interval_order((None, bound(*a)), (None, bound(*b))),
        _ => Order::Mixed,
    }
}

impl Order {
    fn reverse(self) -> Self {
        match self {
            Self::Tighter => Self::Looser,
            Self::Looser => Self::Tighter,
            other => other,
        }
    }
}

/// A default that is one token (`PL1`, `false`, `10`), not a sentence.
fn is_value(default: &str) -> bool {
    !default.trim().contains(char::is_whitespace)
}

/// Orders two inclusive intervals (`None` = unbounded) by the values they accept.
fn interval_order(old: (Option<f64>, Option<f64>), new: (Option<f64>, Option<f64>)) -> Order {
    let lo = |v: Option<f64>| v.unwrap_or(f64::NEG_INFINITY);
    let hi = |v: Option<f64>| v.unwrap_or(f64::INFINITY);
    let rejects_old = lo(new.0) > lo(old.0) || hi(new.1) < hi(old.1);
    let accepts_new = lo(new.0) < lo(old.0) || hi(new.1) > hi(old.1);
    match (rejects_old, accepts_new) {
        (false, false) => Order::Same,
        (true, false) => Order::Tighter,
        (false, true) => Order::Looser,
        (true, true) => Order::Mixed,
    }
}

/// Orders two sets of forbidden things: more forbidden is tighter.
fn set_order<T: Ord>(old: &BTreeSet<T>, new: &BTreeSet<T>) -> Order {
    match (new.is_superset(old), new.is_subset(old)) {
        (true, true) => Order::Same,
        (true, false) => Order::Tighter,
        (false, true) => Order::Looser,
        (false, false) => Order::Mixed,
    }
}

fn allowed(classes: &[CharClass], extra: &str) -> BTreeSet<String> {
    classes.iter().map(|c| format!("{c:?}")).chain(extra.chars().map(String::from)).collect()
}

/// The kind of a rule, as its serde tag spells it.
pub fn rule_kind(rule: &Rule) -> &'static str {
    rule.kind()
}

/// The parameters a cross-field rule names.
fn participants(rule: &Rule) -> Vec<String> {
    match rule {
        Rule::MutuallyExclusive { params } => params.clone(),
        Rule::ForbiddenWith { when, then, .. } | Rule::RestrictedWith { when, then, .. } => {
            vec![when.clone(), then.clone()]
        }
        Rule::DependsOn { param, depends_on } => vec![param.clone(), depends_on.clone()],
        Rule::RequiredUnless { param, unless } => {
            std::iter::once(param.clone()).chain(unless.iter().cloned()).collect()
        }
        Rule::OneOfBy { param, on, .. } | Rule::RangeBy { param, on, .. } => vec![param.clone(), on.clone()],
        _ => Vec::new(),
    }
}

/// A compact, prose-free rendering of a rule (`length 2..=128`, `one of [a, b]`).
pub fn describe(rule: &Rule) -> String {
    let range = |min: Option<String>, max: Option<String>| {
        format!("{}..={}", min.unwrap_or_default(), max.unwrap_or_default())
    };
    let list = |items: &[String]| items.join(", ");
    match rule {
        Rule::Length { min, max } => {
            format!("length {}", range(min.map(|v| v.to_string()), max.map(|v| v.to_string())))
        }
        Rule::Range { min, max } => {
            format!("range {}", range(min.map(|v| v.to_string()), max.map(|v| v.to_string())))
        }
        Rule::OneOf { values } => {
            format!("one of [{}]", values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>().join(", "))
        }
        Rule::RepeatCount { min, max } => format!("{min}..={max} items"),
        Rule::StartsWithLetter => "starts with a letter".to_owned(),
        Rule::AllowedChars { classes, extra } => {
            let classes: Vec<String> = classes.iter().map(|c| format!("{c:?}").to_lowercase()).collect();
            format!("allowed chars [{}] + `{extra}`", list(&classes))
        }
        Rule::ForbiddenPrefixes { prefixes } => format!("no prefix [{}]", list(prefixes)),
        Rule::ForbiddenSubstrings { substrings } => format!("not containing [{}]", list(substrings)),
        Rule::NoLeadingOrTrailing { chars } => format!("no leading/trailing `{chars}`"),
        Rule::NoConsecutive { chars } => format!("no consecutive `{chars}`"),
        Rule::Format { format } => match format {
            Format::Base64 { max_bytes: Some(max) } => format!("base64, at most {max} bytes"),
            Format::Base64 { max_bytes: None } => "base64".to_owned(),
            Format::Iso8601 { pattern } => format!("time `{pattern}`"),
            Format::Ascii => "ASCII".to_owned(),
        },
        Rule::Default { value } => format!("default `{value}`"),
        Rule::MutuallyExclusive { params } => format!("at most one of [{}]", list(params)),
        Rule::ForbiddenWith { when, value, then } => match value {
            Some(v) => format!("{then} forbidden when {when}={v}"),
            None => format!("{then} forbidden with {when}"),
        },
        Rule::RestrictedWith { when, when_value, then, values } => match when_value {
            Some(v) => format!("{then} in [{}] when {when}={v}", list(values)),
            None => format!("{then} in [{}] with {when}", list(values)),
        },
        Rule::DependsOn { param, depends_on } => format!("{param} only with {depends_on}"),
        Rule::RequiredUnless { param, unless } => format!("{param} required unless [{}]", list(unless)),
        Rule::OneOfBy { param, on, cases } => format!("{param} values by {on} ({} cases)", cases.len()),
        Rule::RangeBy { param, on, cases } => format!("{param} range by {on} ({} cases)", cases.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_ir::{constraint, enum_values};

    fn run(string_valued: bool, old: Vec<Rule>, new: Vec<Rule>) -> (Vec<Change>, Vec<Wording>) {
        let cx = ParamContext { api: "Api", wire_name: "P", string_valued };
        let (old, new): (Vec<_>, Vec<_>) =
            (old.into_iter().map(constraint).collect(), new.into_iter().map(constraint).collect());
        let (mut changes, mut wording) = (Vec::new(), Vec::new());
        compare_param_rules(&cx, &old, &new, &mut changes, &mut wording);
        (changes, wording)
    }

    fn run_constraints(old: Vec<Constraint>, new: Vec<Constraint>) -> Vec<Change> {
        let cx = ParamContext { api: "Api", wire_name: "P", string_valued: true };
        let (mut changes, mut wording) = (Vec::new(), Vec::new());
        compare_param_rules(&cx, &old, &new, &mut changes, &mut wording);
        changes
    }

    fn kinds(changes: &[Change]) -> Vec<(&'static str, bool, bool)> {
        changes.iter().map(|c| (c.kind.slug(), c.breaking_wire, c.breaking_semver)).collect()
    }

    #[test]
    fn narrower_length_is_tightened_and_wider_is_loosened() {
        let (c, _) = run(
            true,
            vec![Rule::Length { min: Some(2), max: Some(128) }],
            vec![Rule::Length { min: Some(2), max: Some(64) }],
        );
        assert_eq!(kinds(&c), [("constraint-tightened", true, false)]);
        assert_eq!(c[0].detail, "length 2..=128 → length 2..=64");
        let (c, _) = run(
            true,
            vec![Rule::Range { min: Some(1.0), max: Some(10.0) }],
            vec![Rule::Range { min: Some(0.0), max: None }],
        );
        assert_eq!(kinds(&c), [("constraint-loosened", false, false)]);
    }

    #[test]
    fn shifted_range_is_tightened() {
        let (c, _) = run(
            false,
            vec![Rule::Range { min: Some(1.0), max: Some(10.0) }],
            vec![Rule::Range { min: Some(5.0), max: Some(20.0) }],
        );
        assert_eq!(kinds(&c), [("constraint-tightened", true, false)]);
    }

    #[test]
    fn new_rule_tightens_and_dropped_rule_loosens() {
        let (c, _) = run(true, vec![], vec![Rule::StartsWithLetter]);
        assert_eq!(kinds(&c), [("constraint-tightened", true, false)]);
        let (c, _) = run(true, vec![Rule::ForbiddenPrefixes { prefixes: vec!["http://".into()] }], vec![]);
        assert_eq!(kinds(&c), [("constraint-loosened", false, false)]);
    }

    #[test]
    fn char_sets_order_by_what_they_accept() {
        let allowed = |extra: &str| Rule::AllowedChars {
            classes: vec![CharClass::Upper, CharClass::Digit],
            extra: extra.into(),
        };
        let (c, _) = run(true, vec![allowed(":_")], vec![allowed(":_-")]);
        assert_eq!(kinds(&c), [("constraint-loosened", false, false)]);
        let (c, _) = run(
            true,
            vec![Rule::NoConsecutive { chars: ".".into() }],
            vec![Rule::NoConsecutive { chars: ".-".into() }],
        );
        assert_eq!(kinds(&c), [("constraint-tightened", true, false)]);
    }

    #[test]
    fn enum_values_added_and_removed() {
        let (c, w) = run(
            true,
            vec![Rule::OneOf { values: enum_values(&[("cloud", "old"), ("cloud_ssd", "SSD")]) }],
            vec![Rule::OneOf { values: enum_values(&[("cloud_ssd", "an SSD"), ("cloud_essd", "ESSD")]) }],
        );
        assert_eq!(kinds(&c), [("enum-value-removed", true, true), ("enum-value-added", false, false)]);
        assert_eq!(c[0].detail, "`cloud`");
        assert_eq!(c[1].after.as_deref(), Some("cloud_essd"));
        assert_eq!(w.len(), 1, "a reworded meaning is wording only");
    }

    #[test]
    fn closed_set_appearing_on_a_string_changes_the_rust_type() {
        let set = || vec![Rule::OneOf { values: enum_values(&[("a", ""), ("b", "")]) }];
        let (c, _) = run(true, vec![], set());
        assert_eq!(kinds(&c), [("constraint-tightened", true, true)]);
        let (c, _) = run(true, set(), vec![]);
        assert_eq!(kinds(&c), [("constraint-loosened", false, true)]);
        let (c, _) = run(false, set(), vec![]);
        assert_eq!(kinds(&c), [("constraint-loosened", false, false)]);
    }

    #[test]
    fn default_changes() {
        let d = |v: &str| Rule::Default { value: v.into() };
        let (c, _) = run(true, vec![d("10")], vec![d("5")]);
        assert_eq!(kinds(&c), [("default-changed", true, false)]);
        assert_eq!(c[0].detail, "default `10` → default `5`");
        let (c, w) =
            run(true, vec![d("a random address in the vSwitch")], vec![d("a random address in the subnet")]);
        assert!(c.is_empty());
        assert_eq!(w[0].what, WordingKind::DefaultInWords);
        let (c, _) = run(true, vec![], vec![d("5")]);
        assert_eq!(kinds(&c), [("default-changed", false, false)]);
        let (c, _) = run(true, vec![d("5")], vec![d("5")]);
        assert!(c.is_empty());
    }

    #[test]
    fn repeat_limit_changes() {
        let r = |max| Rule::RepeatCount { min: 1, max };
        let (c, _) = run(true, vec![r(16)], vec![r(8)]);
        assert_eq!(kinds(&c), [("repeat-limit-changed", true, false)]);
        assert_eq!(c[0].detail, "1..=16 items → 1..=8 items");
        let (c, _) = run(true, vec![r(8)], vec![r(16)]);
        assert_eq!(kinds(&c), [("repeat-limit-changed", false, false)]);
    }

    #[test]
    fn a_reworded_source_is_not_a_change() {
        let old = vec![constraint(Rule::StartsWithLetter)];
        let mut new = old.clone();
        new[0].source = "reworded".into();
        assert!(run_constraints(old, new).is_empty());
    }

    #[test]
    fn unenforced_rules_do_not_count() {
        let enforced = constraint(Rule::StartsWithLetter);
        let mut unenforced = enforced.clone();
        unenforced.enforcement = crate::ir::Enforcement::Unenforced("doubt".into());
        let c = run_constraints(vec![], vec![unenforced.clone()]);
        assert!(c.is_empty(), "a doubtful rule appearing breaks nobody: {c:?}");
        let c = run_constraints(vec![enforced], vec![unenforced]);
        assert_eq!(kinds(&c), [("constraint-loosened", false, false)], "the validator stops checking it");
        let mut changes = Vec::new();
        let depends = Rule::DependsOn { param: "C".into(), depends_on: "D".into() };
        let mut doubtful = constraint(depends);
        doubtful.enforcement = crate::ir::Enforcement::Unenforced("the service ignores C".into());
        compare_cross_field("Api", &[], &[doubtful], &mut changes);
        assert!(changes.is_empty(), "{changes:?}");
    }

    #[test]
    fn cross_field_rules_compare_as_sets() {
        let mx = constraint(Rule::MutuallyExclusive { params: vec!["A".into(), "B".into()] });
        let dep = constraint(Rule::DependsOn { param: "C".into(), depends_on: "D".into() });
        let mut changes = Vec::new();
        compare_cross_field("Api", std::slice::from_ref(&mx), &[mx.clone(), dep.clone()], &mut changes);
        assert_eq!(kinds(&changes), [("constraint-tightened", true, false)]);
        assert_eq!(changes[0].name, "C, D");
        changes.clear();
        compare_cross_field("Api", &[dep], &[], &mut changes);
        assert_eq!(kinds(&changes), [("constraint-loosened", false, false)]);
    }
}
