//! The rule logic exists twice: `codegen::constraints::check` (the docs' examples, at generation
//! time) and `alibabacloud_runtime::validation` (generated validators, at run time). Both must give
//! the same verdict and message on every (rule, value) case: a shared table plus random values.

use alibabacloud_runtime::validation;

use codegen::constraints::check::check;
use codegen::ir::{CharClass, EnumValue, Format, Rule};
use proptest::prelude::*;

const PARAM: &str = "P";

/// A `'static` copy, as the generated check tables hold.
fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn leak_all(items: &[String]) -> &'static [&'static str] {
    Box::leak(items.iter().map(|s| leak(s)).collect::<Vec<_>>().into_boxed_slice())
}

/// The runtime rule for a single-field IR rule on parameter `P`, as the emitter writes it.
fn runtime_rule(rule: &Rule) -> validation::Rule {
    use validation::Rule as R;
    match rule {
        Rule::Length { min, max } => R::Length { param: PARAM, min: *min, max: *max },
        Rule::Range { min, max } => R::Range { param: PARAM, min: *min, max: *max },
        Rule::OneOf { values } => R::OneOf {
            param: PARAM,
            values: leak_all(&values.iter().map(|v| v.value.clone()).collect::<Vec<_>>()),
        },
        Rule::StartsWithLetter => R::StartsWithLetter { param: PARAM },
        Rule::AllowedChars { classes, extra } => R::AllowedChars {
            param: PARAM,
            upper: classes.contains(&CharClass::Upper),
            lower: classes.contains(&CharClass::Lower),
            digit: classes.contains(&CharClass::Digit),
            letter: classes.contains(&CharClass::Letter),
            extra: leak(extra),
        },
        Rule::ForbiddenPrefixes { prefixes } => {
            R::ForbiddenPrefixes { param: PARAM, prefixes: leak_all(prefixes) }
        }
        Rule::ForbiddenSubstrings { substrings } => {
            R::ForbiddenSubstrings { param: PARAM, substrings: leak_all(substrings) }
        }
        Rule::NoLeadingOrTrailing { chars } => R::NoLeadingOrTrailing { param: PARAM, chars: leak(chars) },
        Rule::NoConsecutive { chars } => R::NoConsecutive { param: PARAM, chars: leak(chars) },
        Rule::Format { format: Format::Base64 { max_bytes } } => {
            R::Base64 { param: PARAM, max_bytes: *max_bytes }
        }
        Rule::Format { format: Format::Iso8601 { pattern } } => {
            R::Time { param: PARAM, pattern: leak(pattern) }
        }
        Rule::Format { format: Format::Ascii } => R::Ascii { param: PARAM },
        other => panic!("not a single-field check: {other:?}"),
    }
}

/// The runtime's verdict on `value` for `P`: `Err(message)` like `check`.
fn runtime_check(rule: &validation::Rule, value: &str) -> Result<(), String> {
    let checks = [validation::Check { rule: *rule, source: "s" }];
    match validation::validate(&[(PARAM.to_owned(), value.to_owned())], &checks) {
        Ok(()) => Ok(()),
        Err(errors) => Err(errors.violations()[0].message.clone()),
    }
}

fn one_of(values: &[&str]) -> Rule {
    Rule::OneOf {
        values: values.iter().map(|v| EnumValue { value: (*v).into(), meaning: String::new() }).collect(),
    }
}

/// Every single-field rule kind the emitter turns into a check, with the seed's parameters.
fn rules() -> Vec<Rule> {
    vec![
        Rule::Length { min: Some(2), max: Some(128) },
        Rule::Length { min: None, max: Some(64) },
        Rule::Length { min: Some(1), max: None },
        Rule::Range { min: Some(1.0), max: Some(100.0) },
        Rule::Range { min: Some(0.0), max: None },
        Rule::Range { min: None, max: Some(32768.0) },
        Rule::Range { min: Some(0.5), max: Some(99.99) },
        one_of(&["PayByTraffic", "PayByBandwidth"]),
        one_of(&["true", "false"]),
        Rule::StartsWithLetter,
        Rule::AllowedChars {
            classes: vec![CharClass::Upper, CharClass::Lower, CharClass::Digit],
            extra: ":_-".into(),
        },
        Rule::AllowedChars { classes: vec![CharClass::Letter, CharClass::Digit], extra: ".".into() },
        Rule::ForbiddenPrefixes { prefixes: vec!["http://".into(), "https://".into()] },
        Rule::ForbiddenPrefixes { prefixes: vec!["aliyun".into(), "acs:".into()] },
        Rule::ForbiddenSubstrings { substrings: vec!["http://".into(), "https://".into()] },
        Rule::NoLeadingOrTrailing { chars: ".-".into() },
        Rule::NoConsecutive { chars: ".-".into() },
        Rule::Format { format: Format::Base64 { max_bytes: Some(16384) } },
        Rule::Format { format: Format::Base64 { max_bytes: Some(3) } },
        Rule::Format { format: Format::Iso8601 { pattern: "yyyy-MM-ddTHH:mm:ssZ".into() } },
        Rule::Format { format: Format::Iso8601 { pattern: "yyyy-MM-ddTHH:mmZ".into() } },
        Rule::Format { format: Format::Ascii },
    ]
}

/// Values chosen to sit on and around every rule's edges.
const VALUES: &[&str] = &[
    "",
    "a",
    "ab",
    "1",
    "0",
    "-1",
    "100",
    "100.0",
    "100.5",
    "101",
    " 42 ",
    "2,000",
    "32768",
    "1e3",
    "NaN",
    "inf",
    "PayByTraffic",
    "paybytraffic",
    "true",
    "True",
    "JoshuaHost",
    "1abc",
    "_x",
    "中文名",
    "a:b_c-d",
    "a b",
    "a.b-c",
    ".ab",
    "ab-",
    "a..b",
    "a--b",
    "a.-b",
    "http://x",
    "https://x",
    "xhttp://",
    "aliyun-key",
    "acs:key",
    "Aliyun",
    "ZWNobyBoZWxsbyBlY3Mh",
    "ZWNo",
    "ZWNobw==",
    "ZWNobw=",
    "ZWN",
    "Z",
    "a-_b",
    "not base64!",
    "2018-01-01T12:05:00Z",
    "2018-13-01T12:05:00Z",
    "2018-01-01T24:00:00Z",
    "2018-01-01T12:05Z",
    "2018-01-01 12:05:00",
    "２０18-01-01T12:05:00Z",
    "ascii only",
    "naïve",
];

#[test]
fn check_and_runtime_agree_on_the_shared_table() {
    let long = "x".repeat(129);
    let values: Vec<&str> = VALUES.iter().copied().chain([long.as_str()]).collect();
    let mut disagreements = Vec::new();
    let mut rejected = 0;
    for rule in rules() {
        let runtime = runtime_rule(&rule);
        for value in &values {
            let (at_gen, at_run) = (check(&rule, value), runtime_check(&runtime, value));
            rejected += usize::from(at_gen.is_err());
            if at_gen != at_run {
                disagreements.push(format!("{rule:?} on {value:?}: check {at_gen:?}, runtime {at_run:?}"));
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    assert!(rejected > 100, "the table exercises both verdicts ({rejected} rejections)");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn check_and_runtime_agree_on_any_value(value in "\\PC{0,40}|[0-9a-zA-Z+/=:.\\-_ ]{0,24}|[0-9]{1,6}(\\.[0-9]{1,3})?") {
        for rule in rules() {
            let runtime = runtime_rule(&rule);
            prop_assert_eq!(check(&rule, &value), runtime_check(&runtime, &value), "{:?}", rule);
        }
    }
}
