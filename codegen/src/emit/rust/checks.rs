//! The enforced rules of a request as the runtime checks them: a field's one-value rules
//! (`runtime::rules::Rule`, made by `constraints::check::with_runtime_rule`, the same mapping the
//! generator's doc checks use) and cross-field rules with their parameters resolved to field paths.

use std::collections::BTreeMap;

use alibabacloud_runtime::rules::Rule as RuntimeRule;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::constraints::check::with_runtime_rule;
use crate::ir::{self, Index, Rule};

use super::request_model::{FieldKind, RequestModel, Steps};

/// One rule on a field's values, with its source.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldCheck {
    pub rule: Rule,
    /// For a repeat count: how many `.N` lists below the first the parameter sits in.
    pub lists_above: u8,
    pub source: String,
}

/// A field below the struct a cross-field rule is placed in.
#[derive(Debug, Clone, PartialEq)]
pub struct PathModel {
    /// The field index at each level.
    pub at: Vec<u16>,
    /// The documented name relative to the struct (`DataDisk.N.Size`).
    pub name: String,
}

/// A cross-field rule placed in a struct; `OneOfBy`/`RangeBy` give one per documented case.
#[derive(Debug, Clone, PartialEq)]
pub enum CrossKind {
    MutuallyExclusive(Vec<PathModel>),
    ForbiddenWith {
        when: PathModel,
        value: Option<String>,
        then: PathModel,
    },
    RestrictedWith {
        when: PathModel,
        when_value: Option<String>,
        then: PathModel,
        values: Vec<String>,
    },
    DependsOn {
        param: PathModel,
        depends_on: PathModel,
    },
    RequiredUnless {
        param: PathModel,
        unless: Vec<PathModel>,
    },
    OneOfBy {
        param: PathModel,
        on: PathModel,
        on_default: Option<String>,
        when: String,
        values: Vec<String>,
    },
    RangeBy {
        param: PathModel,
        on: PathModel,
        on_default: Option<String>,
        when: String,
        min: Option<f64>,
        max: Option<f64>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct CrossCheck {
    pub kind: CrossKind,
    pub source: String,
}

/// Whether a rule is between fields (placed in a struct) rather than on one value.
pub fn is_cross_field(rule: &Rule) -> bool {
    matches!(
        rule,
        Rule::MutuallyExclusive { .. }
            | Rule::ForbiddenWith { .. }
            | Rule::RestrictedWith { .. }
            | Rule::DependsOn { .. }
            | Rule::RequiredUnless { .. }
            | Rule::OneOfBy { .. }
            | Rule::RangeBy { .. }
    )
}

/// The check a one-value constraint on `param` becomes; `None` for a default, or for a repeat
/// count on a parameter in no list (it limits nothing).
pub fn field_check(param: &ir::Param, c: &ir::Constraint) -> Option<FieldCheck> {
    let lists = param.path.iter().filter(|s| s.index == Index::Each).count();
    if matches!(c.rule, Rule::Default { .. }) || (matches!(c.rule, Rule::RepeatCount { .. }) && lists == 0) {
        return None;
    }
    let lists_above = u8::try_from(lists.saturating_sub(1)).unwrap_or(u8::MAX);
    Some(FieldCheck { rule: c.rule.clone(), lists_above, source: c.source.clone() })
}

/// The struct a cross-field constraint is checked in and its checks there, or the parameter it names
/// that the request does not have.
pub fn cross_checks(
    c: &ir::Constraint,
    model: &RequestModel,
    leaves: &BTreeMap<String, Steps>,
    defaults: &BTreeMap<&str, &str>,
) -> Result<(usize, Vec<CrossCheck>), String> {
    let mut names: Vec<&str> = match &c.rule {
        Rule::MutuallyExclusive { params } => params.iter().map(String::as_str).collect(),
        Rule::ForbiddenWith { when, then, .. } | Rule::RestrictedWith { when, then, .. } => vec![when, then],
        Rule::DependsOn { param, depends_on } => vec![param, depends_on],
        Rule::RequiredUnless { param, unless } => {
            std::iter::once(param.as_str()).chain(unless.iter().map(String::as_str)).collect()
        }
        Rule::OneOfBy { param, on, .. } | Rule::RangeBy { param, on, .. } => vec![param, on],
        _ => return Ok((0, Vec::new())),
    };
    names.dedup();
    let steps: Vec<&Steps> =
        names.iter().map(|n| leaves.get(*n).ok_or_else(|| (*n).to_owned())).collect::<Result<_, _>>()?;
    // The longest shared prefix of the fields the names go through, stopping short of any leaf.
    let shortest = steps.iter().map(|s| s.len()).min().unwrap_or(1);
    let common = (0..shortest - 1).take_while(|&i| steps.iter().all(|s| s[i] == steps[0][i])).count();
    let scope = match common {
        0 => 0,
        n => {
            let (s, f) = steps[0][n - 1];
            match model.structs[s].fields[f].kind {
                FieldKind::Group(g) | FieldKind::GroupList(g) => g,
                FieldKind::Scalar(_) | FieldKind::List(_) => 0,
            }
        }
    };
    let path = |name: &str| -> PathModel { relative(model, &leaves[name][common..]) };
    let source = c.source.clone();
    let one = |kind| vec![CrossCheck { kind, source: source.clone() }];
    let checks = match &c.rule {
        Rule::MutuallyExclusive { params } => {
            one(CrossKind::MutuallyExclusive(params.iter().map(|p| path(p)).collect()))
        }
        Rule::ForbiddenWith { when, value, then } => {
            one(CrossKind::ForbiddenWith { when: path(when), value: value.clone(), then: path(then) })
        }
        Rule::RestrictedWith { when, when_value, then, values } => one(CrossKind::RestrictedWith {
            when: path(when),
            when_value: when_value.clone(),
            then: path(then),
            values: values.clone(),
        }),
        Rule::DependsOn { param, depends_on } => {
            one(CrossKind::DependsOn { param: path(param), depends_on: path(depends_on) })
        }
        Rule::RequiredUnless { param, unless } => one(CrossKind::RequiredUnless {
            param: path(param),
            unless: unless.iter().map(|u| path(u)).collect(),
        }),
        Rule::OneOfBy { param, on, cases } => cases
            .iter()
            .map(|case| CrossCheck {
                kind: CrossKind::OneOfBy {
                    param: path(param),
                    on: path(on),
                    on_default: defaults.get(on.as_str()).map(|d| (*d).to_owned()),
                    when: case.when.clone(),
                    values: case.values.clone(),
                },
                source: source.clone(),
            })
            .collect(),
        Rule::RangeBy { param, on, cases } => cases
            .iter()
            .map(|case| CrossCheck {
                kind: CrossKind::RangeBy {
                    param: path(param),
                    on: path(on),
                    on_default: defaults.get(on.as_str()).map(|d| (*d).to_owned()),
                    when: case.when.clone(),
                    min: case.min,
                    max: case.max,
                },
                source: source.clone(),
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok((scope, checks))
}

/// The field path and relative documented name of `steps` (what is left below the scope).
fn relative(model: &RequestModel, steps: &[(usize, usize)]) -> PathModel {
    let mut name = String::new();
    let mut at = Vec::new();
    for &(s, f) in steps {
        let field = &model.structs[s].fields[f];
        at.push(u16::try_from(f).unwrap_or(u16::MAX));
        if !name.is_empty() {
            name.push('.');
        }
        name.push_str(&field.doc_name);
        if field.kind.is_list() {
            name.push_str(".N");
        }
    }
    PathModel { at, name }
}

fn opt<T: quote::ToTokens>(v: &Option<T>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn float(v: f64) -> Literal {
    Literal::f64_unsuffixed(v)
}

fn opt_float(v: Option<f64>) -> TokenStream {
    match v {
        Some(v) => {
            let v = float(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    }
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(v) => {
            let v = Literal::u64_unsuffixed(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    }
}

/// `Rule::…` for a runtime rule.
fn rule_tokens(rule: &RuntimeRule<'_>) -> TokenStream {
    match *rule {
        RuntimeRule::Length { min, max } => {
            let (min, max) = (opt_u64(min), opt_u64(max));
            quote!(Rule::length(#min, #max))
        }
        RuntimeRule::Range { min, max } => {
            let (min, max) = (opt_float(min), opt_float(max));
            quote!(Rule::range(#min, #max))
        }
        RuntimeRule::OneOf(values) => quote!(Rule::OneOf(&[ #( #values ),* ])),
        RuntimeRule::Index { up, min, max } => {
            let (up, min, max) =
                (Literal::u8_unsuffixed(up), Literal::u32_unsuffixed(min), Literal::u32_unsuffixed(max));
            quote!(Rule::index(#up, #min, #max))
        }
        RuntimeRule::StartsWithLetter => quote!(Rule::StartsWithLetter),
        RuntimeRule::AllowedChars { upper, lower, digit, letter, extra } => {
            quote!(Rule::chars(#upper, #lower, #digit, #letter, #extra))
        }
        RuntimeRule::ForbiddenPrefixes(prefixes) => quote!(Rule::ForbiddenPrefixes(&[ #( #prefixes ),* ])),
        RuntimeRule::ForbiddenSubstrings(substrings) => {
            quote!(Rule::ForbiddenSubstrings(&[ #( #substrings ),* ]))
        }
        RuntimeRule::NoLeadingOrTrailing(chars) => quote!(Rule::NoLeadingOrTrailing(#chars)),
        RuntimeRule::NoConsecutive(chars) => quote!(Rule::NoConsecutive(#chars)),
        RuntimeRule::Base64 { max_bytes } => {
            let max_bytes = opt_u64(max_bytes);
            quote!(Rule::base64(#max_bytes))
        }
        RuntimeRule::Time(pattern) => quote!(Rule::Time(#pattern)),
        RuntimeRule::Ascii => quote!(Rule::Ascii),
    }
}

/// `Check::new(Rule::…, "source")`, or `None` for a rule that checks nothing on one value.
pub fn field_check_tokens(check: &FieldCheck) -> Option<TokenStream> {
    let source = super::literal::string(&check.source);
    with_runtime_rule(&check.rule, check.lists_above, |rule| {
        rule.map(|rule| {
            let rule = rule_tokens(&rule);
            quote!(Check::new(#rule, #source))
        })
    })
}

fn path_tokens(path: &PathModel) -> TokenStream {
    let at = path.at.iter().map(|i| Literal::u16_unsuffixed(*i));
    let name = &path.name;
    quote!(Path::new(&[ #( #at ),* ], #name))
}

/// `CrossCheck::new(CrossRule::…, "source")`.
pub fn cross_check_tokens(check: &CrossCheck) -> TokenStream {
    let rule = match &check.kind {
        CrossKind::MutuallyExclusive(params) => {
            let params = params.iter().map(path_tokens);
            quote!(CrossRule::MutuallyExclusive(&[ #( #params ),* ]))
        }
        CrossKind::ForbiddenWith { when, value, then } => {
            let (when, value, then) = (path_tokens(when), opt(value), path_tokens(then));
            quote!(CrossRule::ForbiddenWith { when: #when, value: #value, then: #then })
        }
        CrossKind::RestrictedWith { when, when_value, then, values } => {
            let (when, when_value, then) = (path_tokens(when), opt(when_value), path_tokens(then));
            quote!(CrossRule::RestrictedWith { when: #when, when_value: #when_value, then: #then, values: &[ #( #values ),* ] })
        }
        CrossKind::DependsOn { param, depends_on } => {
            let (param, depends_on) = (path_tokens(param), path_tokens(depends_on));
            quote!(CrossRule::DependsOn { param: #param, depends_on: #depends_on })
        }
        CrossKind::RequiredUnless { param, unless } => {
            let param = path_tokens(param);
            let unless = unless.iter().map(path_tokens);
            quote!(CrossRule::RequiredUnless { param: #param, unless: &[ #( #unless ),* ] })
        }
        CrossKind::OneOfBy { param, on, on_default, when, values } => {
            let (param, on, on_default) = (path_tokens(param), path_tokens(on), opt(on_default));
            quote!(CrossRule::OneOfBy { param: #param, on: #on, on_default: #on_default, when: #when, values: &[ #( #values ),* ] })
        }
        CrossKind::RangeBy { param, on, on_default, when, min, max } => {
            let (param, on, on_default) = (path_tokens(param), path_tokens(on), opt(on_default));
            let (min, max) = (opt_float(*min), opt_float(*max));
            quote!(CrossRule::RangeBy { param: #param, on: #on, on_default: #on_default, when: #when, min: #min, max: #max })
        }
    };
    let source = super::literal::string(&check.source);
    quote!(CrossCheck::new(#rule, #source))
}
