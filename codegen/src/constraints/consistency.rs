//! Doc self-consistency: each parameter's `Example` (and documented default) checked against its
//! own enforced single-field rules; failures are doc findings, reported as warnings.

use serde::Serialize;

use super::check::{check, check_type};
use super::excerpt;
use crate::diag::Diagnostics;
use crate::ir::{Api, Enforcement, Rule};

/// One place where the docs contradict themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocFinding {
    pub api: String,
    pub param: String,
    pub line: usize,
    /// `example` or `default`.
    pub what: &'static str,
    pub value: String,
    pub message: String,
    /// The sentence of the rule the value breaks (empty for a type mismatch).
    pub source: String,
}

/// Checks every example and default of `api` against the parameter's own enforced rules and type.
/// Masked examples (`sg-bp15ed6xe1yxeycg7o***`) are skipped: the mask is not a value.
pub fn check_examples(api: &Api, diags: &mut Diagnostics) -> Vec<DocFinding> {
    let mut out = Vec::new();
    for param in &api.request {
        let mut values: Vec<(&'static str, &str)> = Vec::new();
        if let Some(example) = param.example.as_deref().filter(|e| !e.is_empty() && !e.contains("***")) {
            values.push(("example", example));
        }
        for c in &param.constraints {
            if let (Rule::Default { value }, Enforcement::Enforced) = (&c.rule, &c.enforcement) {
                values.push(("default", value));
            }
        }
        for (what, value) in values {
            let mut findings: Vec<(String, String)> = Vec::new();
            if let Err(message) = check_type(param.ty, value) {
                findings.push((message, String::new()));
            }
            for c in param.constraints.iter().filter(|c| c.enforcement == Enforcement::Enforced) {
                if let Err(message) = check(&c.rule, value) {
                    findings.push((message, c.source.clone()));
                }
            }
            for (message, source) in findings {
                let quoted = if source.is_empty() {
                    String::new()
                } else {
                    format!(" (\"{}\")", excerpt(&source, 80))
                };
                diags.warning(
                    param.line,
                    format!("doc finding: {what} `{value}` of {}: {message}{quoted}", param.wire_name),
                );
                out.push(DocFinding {
                    api: api.name.clone(),
                    param: param.wire_name.clone(),
                    line: param.line,
                    what,
                    value: value.to_owned(),
                    message,
                    source,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::extract;
    use super::super::tests::{api, described};
    use super::*;

    #[test]
    fn reports_examples_that_break_their_rules() {
        let mut name = described(
            "InstanceName",
            "String",
            "It must be 2 to 128 characters in length. It must start with a letter.",
        );
        name.example = Some("1host".into());
        let mut size = described("SystemDisk.Size", "Integer", "Valid values: 20 to 500. Default value: 40.");
        size.example = Some("2,000".into());
        let mut masked = described("SecurityGroupId", "String", "It must start with a letter.");
        masked.example = Some("***".into());
        let mut a = api(vec![name, size, masked]);
        let mut diags = Diagnostics::new("p.md");
        extract(&mut a, &mut diags);
        let findings = check_examples(&a, &mut diags);
        let got: Vec<(&str, &str, &str)> =
            findings.iter().map(|f| (f.param.as_str(), f.what, f.message.as_str())).collect();
        // `1host` is evidence against "It must start with a letter" (constraints::evidence leaves
        // it unenforced and reports it); `2,000` is no integer, a finding about the example.
        assert!(matches!(a.request[0].constraints[1].enforcement, Enforcement::Unenforced(_)));
        assert_eq!(
            got,
            [
                ("SystemDisk.Size", "example", "is not a valid integer"),
                ("SystemDisk.Size", "example", "must be a number 20 to 500"),
            ]
        );
        assert!(diags.into_vec()[0]
            .to_string()
            .starts_with("p.md:1: warning: doc finding: example `1host` of InstanceName"));
    }
}
