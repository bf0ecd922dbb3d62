//! Rust tokens for a request's check table: the enforced rules of one API as
//! `runtime::validation::Check` values, cheap checks first, for the Rust emitter.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, CharClass, Constraint, Enforcement, Format, Rule};

/// `&[Check { .. }, ..]` for every enforced rule of `api`; `validation` is the path of the
/// runtime module (`crate::runtime::validation`). Defaults are not checks and are left out.
pub fn check_table(api: &Api, validation: &TokenStream) -> TokenStream {
    let defaults: BTreeMap<&str, &str> = api
        .request
        .iter()
        .flat_map(|p| p.constraints.iter().map(move |c| (p, c)))
        .filter_map(|(p, c)| match (&c.rule, &c.enforcement) {
            (Rule::Default { value }, Enforcement::Enforced) => Some((p.wire_name.as_str(), value.as_str())),
            _ => None,
        })
        .collect();
    let mut checks: Vec<(u8, TokenStream)> = Vec::new();
    for param in &api.request {
        for c in param.constraints.iter().filter(|c| c.enforcement == Enforcement::Enforced) {
            checks.extend(check(&param.wire_name, c, &defaults, validation));
        }
    }
    for c in api.cross_field.iter().filter(|c| c.enforcement == Enforcement::Enforced) {
        checks.extend(check("", c, &defaults, validation));
    }
    // Stable sort: table order within a cost class.
    checks.sort_by_key(|(cost, _)| *cost);
    let items = checks.into_iter().map(|(_, t)| t);
    quote! { &[ #( #items ),* ] }
}

fn opt<T: quote::ToTokens>(v: &Option<T>) -> TokenStream {
    match v {
        Some(v) => quote! { Some(#v) },
        None => quote! { None },
    }
}

/// The checks of one constraint (one per case of a rule that depends on another parameter), each
/// with its cost class (0 cheapest).
/// `defaults` holds each parameter's documented default: an unset `on` counts as it.
fn check(
    param: &str,
    c: &Constraint,
    defaults: &BTreeMap<&str, &str>,
    validation: &TokenStream,
) -> Vec<(u8, TokenStream)> {
    let source = &c.source;
    let on_default = |on: &str| opt(&defaults.get(on));
    let wrap =
        |rule: TokenStream| quote! { #validation::Check { rule: #validation::Rule::#rule, source: #source } };
    match &c.rule {
        Rule::OneOfBy { param, on, cases } => {
            let on_default = on_default(on);
            return cases
                .iter()
                .map(|case| {
                    let (when, values) = (&case.when, &case.values);
                    (3, wrap(quote! { OneOfBy { param: #param, on: #on, on_default: #on_default, when: #when, values: &[ #( #values ),* ] } }))
                })
                .collect();
        }
        Rule::RangeBy { param, on, cases } => {
            let on_default = on_default(on);
            return cases
                .iter()
                .map(|case| {
                    let (when, min, max) = (&case.when, opt(&case.min), opt(&case.max));
                    (
                        3,
                        wrap(
                            quote! { RangeBy { param: #param, on: #on, on_default: #on_default, when: #when, min: #min, max: #max } },
                        ),
                    )
                })
                .collect();
        }
        Rule::Default { .. } => return Vec::new(),
        _ => {}
    }
    let (min_t, max_t, max_bytes_t, value_t, when_value_t) = match &c.rule {
        Rule::Length { min, max } => (opt(min), opt(max), quote!(), quote!(), quote!()),
        Rule::Range { min, max } => (opt(min), opt(max), quote!(), quote!(), quote!()),
        Rule::Format { format: Format::Base64 { max_bytes } } => {
            (quote!(), quote!(), opt(max_bytes), quote!(), quote!())
        }
        Rule::ForbiddenWith { value, .. } => (quote!(), quote!(), quote!(), opt(value), quote!()),
        Rule::RestrictedWith { when_value, .. } => (quote!(), quote!(), quote!(), quote!(), opt(when_value)),
        _ => (quote!(), quote!(), quote!(), quote!(), quote!()),
    };
    let (cost, rule) = match &c.rule {
        Rule::Length { .. } => (0, quote! { Length { param: #param, min: #min_t, max: #max_t } }),
        Rule::Range { .. } => (0, quote! { Range { param: #param, min: #min_t, max: #max_t } }),
        Rule::OneOf { values } => {
            let values = values.iter().map(|v| &v.value);
            (0, quote! { OneOf { param: #param, values: &[ #( #values ),* ] } })
        }
        Rule::RepeatCount { min, max } => (0, quote! { RepeatCount { param: #param, min: #min, max: #max } }),
        Rule::StartsWithLetter => (1, quote! { StartsWithLetter { param: #param } }),
        Rule::ForbiddenPrefixes { prefixes } => {
            (1, quote! { ForbiddenPrefixes { param: #param, prefixes: &[ #( #prefixes ),* ] } })
        }
        Rule::NoLeadingOrTrailing { chars } => {
            (1, quote! { NoLeadingOrTrailing { param: #param, chars: #chars } })
        }
        Rule::AllowedChars { classes, extra } => {
            let has = |k: CharClass| classes.contains(&k);
            let (upper, lower, digit, letter) =
                (has(CharClass::Upper), has(CharClass::Lower), has(CharClass::Digit), has(CharClass::Letter));
            (
                2,
                quote! { AllowedChars { param: #param, upper: #upper, lower: #lower, digit: #digit, letter: #letter, extra: #extra } },
            )
        }
        Rule::ForbiddenSubstrings { substrings } => {
            (2, quote! { ForbiddenSubstrings { param: #param, substrings: &[ #( #substrings ),* ] } })
        }
        Rule::NoConsecutive { chars } => (2, quote! { NoConsecutive { param: #param, chars: #chars } }),
        Rule::Format { format: Format::Ascii } => (2, quote! { Ascii { param: #param } }),
        Rule::Format { format: Format::Iso8601 { pattern } } => {
            (2, quote! { Time { param: #param, pattern: #pattern } })
        }
        Rule::Format { format: Format::Base64 { .. } } => {
            (3, quote! { Base64 { param: #param, max_bytes: #max_bytes_t } })
        }
        Rule::Default { .. } | Rule::OneOfBy { .. } | Rule::RangeBy { .. } => return Vec::new(),
        Rule::MutuallyExclusive { params } => {
            (1, quote! { MutuallyExclusive { params: &[ #( #params ),* ] } })
        }
        Rule::ForbiddenWith { when, then, .. } => {
            (1, quote! { ForbiddenWith { when: #when, value: #value_t, then: #then } })
        }
        Rule::RestrictedWith { when, then, values, .. } => (
            1,
            quote! { RestrictedWith { when: #when, when_value: #when_value_t, then: #then, values: &[ #( #values ),* ] } },
        ),
        Rule::DependsOn { param, depends_on } => {
            (1, quote! { DependsOn { param: #param, depends_on: #depends_on } })
        }
        Rule::RequiredUnless { param, unless } => {
            (1, quote! { RequiredUnless { param: #param, unless: &[ #( #unless ),* ] } })
        }
    };
    vec![(cost, wrap(rule))]
}

#[cfg(test)]
mod tests {
    use super::super::extract;
    use super::super::tests::{api, described};
    use super::*;
    use crate::diag::Diagnostics;

    #[test]
    fn emits_cheap_checks_first() {
        let mut a = api(vec![
            described("UserData", "String", "It must be encoded in Base64."),
            described("Amount", "Integer", "Valid values: 1 to 100. Default value: 1."),
        ]);
        extract(&mut a, &mut Diagnostics::new("p.md"));
        let tokens = check_table(&a, &quote! { crate::runtime::validation });
        let expr: syn::Expr = syn::parse2(tokens.clone()).expect("an expression");
        let shown = quote! { #expr }.to_string();
        let range = shown.find("Range").expect("range check");
        let base64 = shown.find("Base64").expect("base64 check");
        assert!(range < base64, "{shown}");
        assert!(!shown.contains("Default"), "{shown}");
    }
}
