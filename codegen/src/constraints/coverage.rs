//! The coverage figure: parameters with an enforced check, and constraint-like sentences left
//! unenforced or unread, grouped by reason.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::text::{self, BlockKind};
use crate::ir::{Api, Constraint, Enforcement, Rule};
use crate::pattern::prose_pattern;

/// Reason given to constraint-like sentences no rule was read from.
pub const NOT_UNDERSTOOD: &str = "constraint-like sentence not understood";

/// Coverage of one or more pages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub apis: usize,
    pub params: usize,
    /// Parameters with at least one enforced check (a default is not a check).
    pub params_enforced: usize,
    /// Enforced checks, single-field and cross-field.
    pub checks_enforced: usize,
    /// Sentences left unenforced, by reason (`not understood` included), each as `Api.Param: sentence`.
    pub unenforced: BTreeMap<String, Vec<String>>,
}

impl Coverage {
    /// Measures one extracted page.
    pub fn of_api(api: &Api) -> Self {
        let mut cov = Self { apis: 1, params: api.request.len(), ..Self::default() };
        for param in &api.request {
            let enforced = param
                .constraints
                .iter()
                .filter(|c| is_check(c) && c.enforcement == Enforcement::Enforced)
                .count();
            let cross = api
                .cross_field
                .iter()
                .filter(|c| c.enforcement == Enforcement::Enforced && mentions(&c.rule, &param.wire_name))
                .count();
            if enforced + cross > 0 {
                cov.params_enforced += 1;
            }
            cov.checks_enforced += enforced;
            for c in &param.constraints {
                if let Enforcement::Unenforced(reason) = &c.enforcement {
                    if reason == super::WHOLE_DOMAIN {
                        continue;
                    }
                    cov.add(reason, &api.name, &param.wire_name, &c.source);
                }
            }
            for sentence in constraint_like(&param.description.markdown, &param.description.plain) {
                let read = param
                    .constraints
                    .iter()
                    .chain(&api.cross_field)
                    .any(|c| c.source.contains(&sentence) || sentence.contains(&c.source));
                if !read {
                    cov.add(NOT_UNDERSTOOD, &api.name, &param.wire_name, &sentence);
                }
            }
        }
        cov.checks_enforced +=
            api.cross_field.iter().filter(|c| c.enforcement == Enforcement::Enforced).count();
        for c in &api.cross_field {
            if let Enforcement::Unenforced(reason) = &c.enforcement {
                if reason == super::WHOLE_DOMAIN {
                    continue;
                }
                cov.add(reason, &api.name, "(cross-field)", &c.source);
            }
        }
        cov
    }

    /// Adds another page's figures.
    pub fn merge(&mut self, other: Self) {
        self.apis += other.apis;
        self.params += other.params;
        self.params_enforced += other.params_enforced;
        self.checks_enforced += other.checks_enforced;
        for (reason, items) in other.unenforced {
            self.unenforced.entry(reason).or_default().extend(items);
        }
    }

    /// Sentences left unenforced, all reasons together.
    pub fn unenforced_count(&self) -> usize {
        self.unenforced.values().map(Vec::len).sum()
    }

    fn add(&mut self, reason: &str, api: &str, param: &str, sentence: &str) {
        self.unenforced.entry(group(reason)).or_default().push(format!("{api}.{param}: {sentence}"));
    }
}

impl fmt::Display for Coverage {
    /// One headline, then one line per reason, most frequent first; the alternate form (`{:#}`)
    /// lists every sentence below its reason.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "constraints: {} of {} parameters with an enforced check ({} checks) in {} APIs; {} constraint-like sentences left unenforced",
            self.params_enforced,
            self.params,
            self.checks_enforced,
            self.apis,
            self.unenforced_count()
        )?;
        let mut reasons: Vec<(&String, &Vec<String>)> = self.unenforced.iter().collect();
        reasons.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        for (reason, items) in reasons {
            writeln!(f, "  {:>5}  {}", items.len(), crate::escape::terminal(reason))?;
            if f.alternate() {
                for item in items {
                    writeln!(f, "           {}", crate::escape::terminal(item))?;
                }
            }
        }
        Ok(())
    }
}

/// A reason with its particulars (quoted names and values) folded, so like reasons group.
fn group(reason: &str) -> String {
    prose_pattern!(TICKS = r"`[^`]*`(?:, `[^`]*`)*");
    prose_pattern!(QUOTES = r#""[^"]*""#);
    prose_pattern!(DIGITS = r"\b\d+\b");
    let s = TICKS.get().replace_all(reason, "`…`");
    let s = QUOTES.get().replace_all(&s, "\"…\"");
    DIGITS.get().replace_all(&s, "n").into_owned()
}

/// True for rules that check something (defaults only inform).
fn is_check(c: &Constraint) -> bool {
    !matches!(c.rule, Rule::Default { .. })
}

fn mentions(rule: &Rule, name: &str) -> bool {
    match rule {
        Rule::MutuallyExclusive { params } => params.iter().any(|p| p == name),
        Rule::ForbiddenWith { then, .. } | Rule::RestrictedWith { then, .. } => then == name,
        Rule::DependsOn { param, .. }
        | Rule::RequiredUnless { param, .. }
        | Rule::OneOfBy { param, .. }
        | Rule::RangeBy { param, .. } => param == name,
        _ => false,
    }
}

/// "Valid values:" alone: its bullets carry the rule.
fn is_intro(sentence: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    lower.ends_with("values:") && lower.len() < 40
}

/// Sentences that read like a rule ("Valid values", "characters in length", "cannot", …).
pub fn constraint_like(markdown: &str, plain: &str) -> Vec<String> {
    prose_pattern!(
        LIKE = r"(?i)\b(?:valid values|optional values|characters in length|ranges? from|default value|maximum value|minimum value|cannot (?:start|contain|exceed|be|specify)|must (?:be|start|contain)|can only|can contain|mutually exclusive|at the same time|depends on|is required|format:)"
    );
    let like = LIKE.get();
    // Most descriptions hold no such phrase anywhere: those are not split into sentences. The
    // phrases' words may be apart by any spacing or emphasis in the Markdown.
    prose_pattern!(ANYWHERE = || LIKE.get().as_str().replace(' ', r"[\s*_]+"));
    let anywhere = ANYWHERE.get();
    let source = if markdown.trim().is_empty() { plain } else { markdown };
    if !anywhere.is_match(source) {
        return Vec::new();
    }
    // A sentence is a slice of its block, after a space or at its start: a block without a
    // phrase has no sentence with one, and is not split; a block whose Markdown has none is not
    // made plain either.
    text::blocks_where(source, |markdown| anywhere.is_match(markdown))
        .iter()
        .filter(|b| b.kind != BlockKind::Code && like.is_match(&b.text))
        .flat_map(|b| b.sentences())
        .filter(|s| like.is_match(s) && !is_intro(s) && !super::default::is_unset_default(s))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::extract;
    use super::super::tests::{api, described};
    use super::*;
    use crate::diag::Diagnostics;

    #[test]
    fn counts_and_groups() {
        let mut a = api(vec![
            described(
                "InstanceName",
                "String",
                "It must be 2 to 128 characters in length. It must be a moon name.",
            ),
            described("Amount", "Integer", "Default value: 1."),
            described(
                "HostName",
                "String",
                "For Windows: The hostname must be 2 to 15 characters in length.",
            ),
        ]);
        extract(&mut a, &mut Diagnostics::new("p.md"));
        let cov = Coverage::of_api(&a);
        assert_eq!((cov.params, cov.params_enforced, cov.checks_enforced), (3, 1, 1));
        assert_eq!(cov.unenforced_count(), 2, "{cov:#?}");
        assert_eq!(cov.unenforced[NOT_UNDERSTOOD], ["RunInstances.InstanceName: It must be a moon name."]);
        let shown = cov.to_string();
        assert!(shown.starts_with("constraints: 1 of 3 parameters with an enforced check (1 checks) in 1 APIs; 2 constraint-like"), "{shown}");
        let listed = format!("{cov:#}");
        assert!(
            listed.contains("\n           RunInstances.InstanceName: It must be a moon name.\n"),
            "{listed}"
        );
        assert!(!shown.contains("moon"), "{shown}");
    }
}
