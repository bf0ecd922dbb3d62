//! The enforced rules of an IR [`Api`] as the runtime's `validation::Check` table (what
//! `constraints::tokens::check_table` writes into a generated crate, built here at run time), and a
//! request in the docs' JSON form as wire pairs: the generation-time model of a crate's `validate()`.

use std::collections::BTreeMap;

use alibabacloud_runtime::validation::{self, Check, Rule as R};
use codegen::ir::{Api, CharClass, Constraint, Enforcement, Format, Rule};
use serde_json::Value;

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn leak_all<S: AsRef<str>>(items: &[S]) -> &'static [&'static str] {
    Box::leak(items.iter().map(|s| leak(s.as_ref())).collect::<Vec<_>>().into_boxed_slice())
}

/// Every enforced rule of `api` as runtime checks (defaults are not checks; a dependent rule gives
/// one check per case, with `on`'s documented default as the generated table has it).
pub fn checks(api: &Api) -> Vec<Check> {
    let defaults: BTreeMap<&str, &str> = api
        .request
        .iter()
        .flat_map(|p| p.constraints.iter().map(move |c| (p, c)))
        .filter_map(|(p, c)| match (&c.rule, &c.enforcement) {
            (Rule::Default { value }, Enforcement::Enforced) => Some((p.wire_name.as_str(), value.as_str())),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    let enforced = |c: &&Constraint| c.enforcement == Enforcement::Enforced;
    for p in &api.request {
        for c in p.constraints.iter().filter(enforced) {
            out.extend(
                rules(&p.wire_name, &c.rule, &defaults)
                    .into_iter()
                    .map(|rule| Check { rule, source: leak(&c.source) }),
            );
        }
    }
    for c in api.cross_field.iter().filter(enforced) {
        out.extend(
            rules("", &c.rule, &defaults).into_iter().map(|rule| Check { rule, source: leak(&c.source) }),
        );
    }
    out
}

fn rules(param: &str, rule: &Rule, defaults: &BTreeMap<&str, &str>) -> Vec<R> {
    let p = leak(param);
    let on_default = |on: &str| defaults.get(on).map(|d| leak(d));
    vec![match rule {
        Rule::Length { min, max } => R::Length { param: p, min: *min, max: *max },
        Rule::Range { min, max } => R::Range { param: p, min: *min, max: *max },
        Rule::OneOf { values } => R::OneOf {
            param: p,
            values: leak_all(&values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>()),
        },
        Rule::RepeatCount { min, max } => R::RepeatCount { param: p, min: *min, max: *max },
        Rule::StartsWithLetter => R::StartsWithLetter { param: p },
        Rule::AllowedChars { classes, extra } => R::AllowedChars {
            param: p,
            upper: classes.contains(&CharClass::Upper),
            lower: classes.contains(&CharClass::Lower),
            digit: classes.contains(&CharClass::Digit),
            letter: classes.contains(&CharClass::Letter),
            extra: leak(extra),
        },
        Rule::ForbiddenPrefixes { prefixes } => {
            R::ForbiddenPrefixes { param: p, prefixes: leak_all(prefixes) }
        }
        Rule::ForbiddenSubstrings { substrings } => {
            R::ForbiddenSubstrings { param: p, substrings: leak_all(substrings) }
        }
        Rule::NoLeadingOrTrailing { chars } => R::NoLeadingOrTrailing { param: p, chars: leak(chars) },
        Rule::NoConsecutive { chars } => R::NoConsecutive { param: p, chars: leak(chars) },
        Rule::Format { format: Format::Base64 { max_bytes } } => {
            R::Base64 { param: p, max_bytes: *max_bytes }
        }
        Rule::Format { format: Format::Iso8601 { pattern } } => R::Time { param: p, pattern: leak(pattern) },
        Rule::Format { format: Format::Ascii } => R::Ascii { param: p },
        Rule::Default { .. } => return Vec::new(),
        Rule::MutuallyExclusive { params } => R::MutuallyExclusive { params: leak_all(params) },
        Rule::ForbiddenWith { when, value, then } => {
            R::ForbiddenWith { when: leak(when), value: value.as_deref().map(leak), then: leak(then) }
        }
        Rule::RestrictedWith { when, when_value, then, values } => R::RestrictedWith {
            when: leak(when),
            when_value: when_value.as_deref().map(leak),
            then: leak(then),
            values: leak_all(values),
        },
        Rule::DependsOn { param, depends_on } => {
            R::DependsOn { param: leak(param), depends_on: leak(depends_on) }
        }
        Rule::RequiredUnless { param, unless } => {
            R::RequiredUnless { param: leak(param), unless: leak_all(unless) }
        }
        Rule::OneOfBy { param, on, cases } => {
            return cases
                .iter()
                .map(|c| R::OneOfBy {
                    param: leak(param),
                    on: leak(on),
                    on_default: on_default(on),
                    when: leak(&c.when),
                    values: leak_all(&c.values),
                })
                .collect()
        }
        Rule::RangeBy { param, on, cases } => {
            return cases
                .iter()
                .map(|c| R::RangeBy {
                    param: leak(param),
                    on: leak(on),
                    on_default: on_default(on),
                    when: leak(&c.when),
                    min: c.min,
                    max: c.max,
                })
                .collect()
        }
    }]
}

/// A request in the docs' JSON form (`{"DataDisk": [{"Size": 40}], "SecurityGroupIds": ["sg-1"]}`)
/// as wire pairs (`DataDisk.1.Size=40`, `SecurityGroupIds.1=sg-1`).
pub fn wire_pairs(request: &Value) -> Vec<(String, String)> {
    fn walk(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
        let join = |key: &str| if prefix.is_empty() { key.to_owned() } else { format!("{prefix}.{key}") };
        match value {
            Value::Object(map) => map.iter().for_each(|(k, v)| walk(&join(k), v, out)),
            Value::Array(items) => {
                items.iter().enumerate().for_each(|(i, v)| walk(&join(&(i + 1).to_string()), v, out))
            }
            Value::String(s) => out.push((prefix.to_owned(), s.clone())),
            Value::Null => {}
            other => out.push((prefix.to_owned(), other.to_string())),
        }
    }
    let mut out = Vec::new();
    walk("", request, &mut out);
    out
}

/// The violations of `request` (JSON form) under `api`'s enforced rules, one `path: message` a line.
pub fn violations(api: &Api, request: &Value) -> Vec<String> {
    let checks = checks(api);
    match validation::validate(&wire_pairs(request), &checks) {
        Ok(()) => Vec::new(),
        Err(errors) => errors.violations().iter().map(|v| format!("{}: {}", v.path, v.message)).collect(),
    }
}
