//! Examples are evidence: a rule read from prose that the page's own example for the parameter
//! breaks is doubtful. It is relaxed to what the example shows (allowed characters) or left
//! unenforced, and the contradiction is reported as a doc finding.
//!
//! The examples are the request table's Example column and the sample request's pairs (`DataDisk.1.Size`
//! stands for `DataDisk.N.Size`). A masked example (`sg-bp15ed6xe1yxeycg7****`) is no value, and an
//! example that is not a value of the parameter's type (`2,000` for an integer) is a finding about the
//! example ([`super::check_examples`]), not evidence against a rule.

use std::collections::HashMap;

use super::check::{check, check_type};
use super::excerpt;
use crate::diag::Diagnostics;
use crate::ir::{Api, CharClass, Constraint, Enforcement, Param, Rule};

/// Where an example comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    /// The request table's Example column.
    Table,
    /// A `key=value` pair of the sample request.
    SampleRequest,
}

impl From {
    fn label(self) -> &'static str {
        match self {
            From::Table => "example",
            From::SampleRequest => "sample-request value",
        }
    }
}

/// One value the page gives for one parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// Index into [`Api::request`].
    pub param: usize,
    pub value: String,
    pub from: From,
}

/// Every example value `api` gives for its request parameters, masked ones left out.
pub fn examples(api: &Api) -> Vec<Example> {
    let mut out = Vec::new();
    for (i, p) in api.request.iter().enumerate() {
        if let Some(value) = p.example.as_deref().filter(|v| is_value(v)) {
            out.push(Example { param: i, value: value.to_owned(), from: From::Table });
        }
    }
    // Parameters by wire name with `N`/`n` written `#`, the first of each: a sample key is looked
    // up, not compared with every parameter (a page may have as many of both as it has rows).
    let mut by_pattern: HashMap<String, usize> = HashMap::with_capacity(api.request.len());
    for (i, p) in api.request.iter().enumerate() {
        let pattern: Vec<&str> =
            p.wire_name.split('.').map(|s| if matches!(s, "N" | "n") { "#" } else { s }).collect();
        by_pattern.entry(pattern.join(".")).or_insert(i);
    }
    for pair in api.examples.request.iter().filter(|q| is_value(&q.value)) {
        if let Some(i) = key_patterns(&pair.key).filter_map(|k| by_pattern.get(&k).copied()).min() {
            out.push(Example { param: i, value: pair.value.clone(), from: From::SampleRequest });
        }
    }
    out
}

/// The patterns a wire key is an instance of: each of its (first four) numeric segments either
/// kept or written `#`, as [`key_names`] reads `N`; a key with none has only itself.
fn key_patterns(key: &str) -> impl Iterator<Item = String> + '_ {
    let parts: Vec<&str> = key.split('.').collect();
    let numeric: Vec<usize> = (0..parts.len())
        .filter(|&i| !parts[i].is_empty() && parts[i].bytes().all(|b| b.is_ascii_digit()))
        .take(4)
        .collect();
    (0..1usize << numeric.len()).map(move |mask| {
        let mut parts = parts.clone();
        for (bit, &at) in numeric.iter().enumerate() {
            if mask & (1 << bit) != 0 {
                parts[at] = "#";
            }
        }
        parts.join(".")
    })
}

/// False for an empty or masked example: `***` stands for characters the page hides.
fn is_value(example: &str) -> bool {
    !example.is_empty() && !example.contains("***")
}

/// True when the wire key `DataDisk.1.Size` is an instance of the parameter `DataDisk.N.Size`.
pub fn key_names(key: &str, wire_name: &str) -> bool {
    let (k, w): (Vec<&str>, Vec<&str>) = (key.split('.').collect(), wire_name.split('.').collect());
    k.len() == w.len()
        && k.iter().zip(&w).all(|(k, w)| {
            k == w || (matches!(*w, "N" | "n") && !k.is_empty() && k.chars().all(|c| c.is_ascii_digit()))
        })
}

/// Relaxes or unenforces every enforced single-field rule that one of the page's own examples
/// breaks; each contradiction is a doc-finding warning at the parameter's row.
pub fn weigh(api: &mut Api, diags: &mut Diagnostics) {
    let mut by_param: Vec<Vec<Example>> = vec![Vec::new(); api.request.len()];
    for example in examples(api) {
        if check_type(api.request[example.param].ty, &example.value).is_ok() {
            by_param[example.param].push(example);
        }
    }
    for (param, examples) in api.request.iter_mut().zip(by_param) {
        weigh_param(param, &examples, diags);
    }
}

fn weigh_param(param: &mut Param, examples: &[Example], diags: &mut Diagnostics) {
    let mut relaxed = Vec::new();
    for c in param.constraints.iter_mut().filter(|c| c.enforcement == Enforcement::Enforced) {
        let broken: Vec<(&Example, String)> =
            examples.iter().filter_map(|e| check(&c.rule, &e.value).err().map(|m| (e, m))).collect();
        let Some((first, message)) = broken.first() else { continue };
        let loosened = loosen(&c.rule, broken.iter().map(|(e, _)| e.value.as_str()));
        let outcome =
            if loosened.is_some() { "relaxed to what the example shows" } else { "left unenforced" };
        for (example, message) in &broken {
            diags.warning(
                param.line,
                format!(
                    "doc finding: {} `{}` of {} breaks \"{}\" ({message}); the rule is {outcome}",
                    example.from.label(),
                    example.value,
                    param.wire_name,
                    excerpt(&c.source, 80)
                ),
            );
        }
        c.enforcement = Enforcement::Unenforced(format!(
            "the page's own {} `{}` breaks it: \"{message}\"",
            first.from.label(),
            first.value
        ));
        if let Some(rule) = loosened {
            relaxed.push(Constraint { rule, source: c.source.clone(), enforcement: Enforcement::Enforced });
        }
    }
    param.constraints.extend(relaxed);
}

/// The rule widened just enough to accept `values`, where such a widening keeps the rule's sense:
/// characters the examples use join the allowed ones. `None` for any other kind of rule.
fn loosen<'a>(rule: &Rule, values: impl Iterator<Item = &'a str>) -> Option<Rule> {
    let Rule::AllowedChars { classes, extra } = rule else { return None };
    let (mut classes, mut extra) = (classes.clone(), extra.clone());
    for c in values.flat_map(str::chars) {
        let widened = Rule::AllowedChars { classes: classes.clone(), extra: extra.clone() };
        if check(&widened, &c.to_string()).is_ok() {
            continue;
        }
        if c.is_alphabetic() && !c.is_ascii() {
            classes.push(CharClass::Letter);
        } else {
            extra.push(c);
        }
    }
    Some(Rule::AllowedChars { classes, extra })
}

#[cfg(test)]
mod tests {
    use super::super::extract;
    use super::super::tests::{api, described};
    use super::*;
    use crate::ir::QueryPair;

    const NAME: &str = "The name of the instance. The name must be 2 to 128 characters in length. It must start with a letter and cannot start with `http://` or `https://`. It can contain letters, digits, colons \\(:\\), underscores \\(\\_\\), periods \\(.\\),and hyphens \\(-\\).";

    #[test]
    fn the_pages_own_example_relaxes_the_character_rule() {
        let mut name = described("InstanceName", "String", NAME);
        name.example = Some("k8s-node-[1,4]-alibabacloud".into());
        let mut a = api(vec![name]);
        let mut diags = Diagnostics::new("p.md");
        extract(&mut a, &mut diags);
        let chars: Vec<&Constraint> =
            a.request[0].constraints.iter().filter(|c| matches!(c.rule, Rule::AllowedChars { .. })).collect();
        assert_eq!(chars.len(), 2, "{chars:#?}");
        assert_eq!(
            chars[0].enforcement,
            Enforcement::Unenforced(
                "the page's own example `k8s-node-[1,4]-alibabacloud` breaks it: \"contains `[`, which is not allowed\""
                    .into()
            )
        );
        assert_eq!(
            chars[1].rule,
            Rule::AllowedChars {
                classes: vec![CharClass::Upper, CharClass::Lower, CharClass::Digit],
                extra: ":_.-[,]".into()
            }
        );
        assert_eq!(chars[1].enforcement, Enforcement::Enforced);
        assert_eq!(chars[1].source, chars[0].source);
        let enforced = a.request[0].constraints.iter().filter(|c| c.enforcement == Enforcement::Enforced);
        assert_eq!(enforced.count(), 4, "length, first letter, prefixes and the relaxed characters");
        let shown: Vec<String> = diags.into_vec().iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["p.md:1: warning: doc finding: example `k8s-node-[1,4]-alibabacloud` of InstanceName breaks \"It can contain letters, digits, colons (:), underscores (_), periods (.),and hyp…\" (contains `[`, which is not allowed); the rule is relaxed to what the example shows"]);
    }

    #[test]
    fn sample_request_values_count_and_type_errors_do_not() {
        let mut size = described("DataDisk.N.Size", "Integer", "Valid values: 20 to 500.");
        size.example = Some("2,000".into());
        let mut platform = described("Platform", "String", "Valid values: Windows, Linux, and all.");
        platform.example = Some("Linux".into());
        let mut a = api(vec![size, platform]);
        a.examples.request = vec![
            QueryPair { key: "DataDisk.1.Size".into(), value: "40".into() },
            QueryPair { key: "Platform".into(), value: "linux".into() },
        ];
        let mut diags = Diagnostics::new("p.md");
        extract(&mut a, &mut diags);
        assert_eq!(a.request[0].constraints[0].enforcement, Enforcement::Enforced, "`2,000` is no integer");
        assert_eq!(
            a.request[1].constraints[0].enforcement,
            Enforcement::Unenforced(
                "the page's own sample-request value `linux` breaks it: \"must be one of Windows, Linux, all\""
                    .into()
            )
        );
        assert_eq!(a.request[1].constraints.len(), 1, "a value set is not widened");
        assert_eq!(diags.into_vec().len(), 1);
    }

    #[test]
    fn keys_name_parameters() {
        assert!(key_names("DataDisk.1.Size", "DataDisk.N.Size"));
        assert!(key_names("SecurityGroupIds.2", "SecurityGroupIds.N"));
        assert!(key_names("Filter.1.Key", "Filter.1.Key"));
        assert!(!key_names("Filter.2.Key", "Filter.1.Key"));
        assert!(!key_names("DataDisk.1", "DataDisk.N.Size"));
        assert!(!key_names("DataDisk.x.Size", "DataDisk.N.Size"));
    }
}
