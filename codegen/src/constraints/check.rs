//! Evaluates single-field rules on one value by calling the runtime crate's rules
//! (`alibabacloud_runtime::rules`), the ones generated validators run: used here to check the docs'
//! own examples and defaults, so each rule has one meaning at generation time and at run time.

use alibabacloud_runtime::rules::Rule as RuntimeRule;
use alibabacloud_runtime::schema::WireType;

use crate::ir::{CharClass, Format, Rule, ScalarType};

/// Checks `value` against a single-field rule; `Err` carries a message ("must be 2 to 128 characters").
/// Rules that say nothing about one value (defaults, repeat counts, cross-field rules) pass.
pub fn check(rule: &Rule, value: &str) -> Result<(), String> {
    with_runtime_rule(rule, 0, |rule| rule.map_or(Ok(()), |rule| rule.check(value, false)))
}

/// Calls `f` with the runtime rule an IR rule on one value becomes (`None` for defaults and
/// cross-field rules). `lists_above` is how many `.N` lists the parameter sits in below the first
/// (a repeat count limits the first `N`).
pub fn with_runtime_rule<T>(rule: &Rule, lists_above: u8, f: impl FnOnce(Option<RuntimeRule<'_>>) -> T) -> T {
    match rule {
        Rule::Length { min, max } => f(Some(RuntimeRule::Length { min: *min, max: *max })),
        Rule::Range { min, max } => f(Some(RuntimeRule::Range { min: *min, max: *max })),
        Rule::OneOf { values } => {
            let values: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
            f(Some(RuntimeRule::OneOf(&values)))
        }
        Rule::RepeatCount { min, max } => {
            f(Some(RuntimeRule::Index { up: lists_above, min: *min, max: *max }))
        }
        Rule::StartsWithLetter => f(Some(RuntimeRule::StartsWithLetter)),
        Rule::AllowedChars { classes, extra } => {
            let has = |k: CharClass| classes.contains(&k);
            f(Some(RuntimeRule::AllowedChars {
                upper: has(CharClass::Upper),
                lower: has(CharClass::Lower),
                digit: has(CharClass::Digit),
                letter: has(CharClass::Letter),
                extra,
            }))
        }
        Rule::ForbiddenPrefixes { prefixes } => f(Some(RuntimeRule::ForbiddenPrefixes(&strings(prefixes)))),
        Rule::ForbiddenSubstrings { substrings } => {
            f(Some(RuntimeRule::ForbiddenSubstrings(&strings(substrings))))
        }
        Rule::NoLeadingOrTrailing { chars } => f(Some(RuntimeRule::NoLeadingOrTrailing(chars))),
        Rule::NoConsecutive { chars } => f(Some(RuntimeRule::NoConsecutive(chars))),
        Rule::Format { format: Format::Base64 { max_bytes } } => {
            f(Some(RuntimeRule::Base64 { max_bytes: *max_bytes }))
        }
        Rule::Format { format: Format::Iso8601 { pattern } } => f(Some(RuntimeRule::Time(pattern))),
        Rule::Format { format: Format::Ascii } => f(Some(RuntimeRule::Ascii)),
        Rule::Default { .. }
        | Rule::MutuallyExclusive { .. }
        | Rule::ForbiddenWith { .. }
        | Rule::RestrictedWith { .. }
        | Rule::DependsOn { .. }
        | Rule::RequiredUnless { .. }
        | Rule::OneOfBy { .. }
        | Rule::RangeBy { .. } => f(None),
    }
}

fn strings(items: &[String]) -> Vec<&str> {
    items.iter().map(String::as_str).collect()
}

/// The runtime's reading of a wire value of `ty`.
pub fn wire_type(ty: ScalarType) -> WireType {
    match ty {
        ScalarType::String => WireType::String,
        ScalarType::Integer | ScalarType::Long => WireType::Integer,
        ScalarType::Float | ScalarType::Double => WireType::Number,
        ScalarType::Boolean => WireType::Boolean,
        ScalarType::Json => WireType::Json,
    }
}

/// Checks that `value` (trimmed) is a valid wire value of `ty` (`true`/`false`, an integer, a
/// number), as `from_query_pairs` reads one.
pub fn check_type(ty: ScalarType, value: &str) -> Result<(), String> {
    if wire_type(ty).accepts(value.trim()) {
        Ok(())
    } else {
        Err(format!("is not a valid {}", format!("{ty:?}").to_lowercase()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_values() {
        let len = Rule::Length { min: Some(2), max: Some(4) };
        assert!(check(&len, "ab").is_ok());
        assert!(check(&len, "abcde").is_err());
        let range = Rule::Range { min: Some(1.0), max: Some(200.0) };
        assert!(check(&range, "200").is_ok());
        assert!(check(&range, "201").is_err());
        assert!(check(&range, "x").is_err());
        let chars = Rule::AllowedChars {
            classes: vec![CharClass::Upper, CharClass::Lower, CharClass::Digit],
            extra: ":_-".into(),
        };
        assert!(check(&chars, "Joshua_Host-1:x").is_ok());
        assert_eq!(check(&chars, "a b"), Err("contains ` `, which is not allowed".into()));
        assert!(check(&Rule::StartsWithLetter, "1abc").is_err());
        assert!(check(&Rule::NoConsecutive { chars: ".-".into() }, "a..b").is_err());
        assert!(check(&Rule::NoConsecutive { chars: ".-".into() }, "a.-b").is_ok());
        assert!(check(&Rule::NoLeadingOrTrailing { chars: ".-".into() }, "-ab").is_err());
        let iso = Rule::Format { format: Format::Iso8601 { pattern: "yyyy-MM-ddTHH:mm:ssZ".into() } };
        assert!(check(&iso, "2018-01-01T12:05:00Z").is_ok());
        assert!(check(&iso, "2018-13-01T12:05:00Z").is_err());
        assert!(check(&iso, "2018-01-01 12:05:00").is_err());
        let b64 = Rule::Format { format: Format::Base64 { max_bytes: Some(3) } };
        assert!(check(&b64, "ZWNo").is_ok());
        assert!(check(&b64, "ZWNobw==").is_err());
        assert!(check(&b64, "not base64!").is_err());
        assert!(check_type(ScalarType::Integer, "2,000").is_err());
    }
}
