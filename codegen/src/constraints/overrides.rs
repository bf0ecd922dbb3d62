//! `spec/overrides.toml`: hand-written entries that add, correct or disable a constraint, each with
//! a reason that shows in review and in the IR.

use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Api, Constraint, Enforcement, Rule};

/// The parsed overrides file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    #[serde(default, rename = "override")]
    pub entries: Vec<Override>,
    /// `[[fact]]` entries: secrets, idempotence and client tokens set by hand (`facts::overrides`).
    #[serde(default, rename = "fact")]
    pub facts: Vec<crate::facts::FactOverride>,
}

/// One entry: `target = "RunInstances.InternetChargeType"` (or just `"RunInstances"` for the
/// page's cross-field rules), what to do, and why.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub target: String,
    pub action: Action,
    /// For `correct` and `disable`: the kind of rule to change (`one_of`, `length`, …); `disable`
    /// without it disables every rule of the target.
    #[serde(default)]
    pub kind: Option<String>,
    /// For cross-field targets: only rules that mention this parameter.
    #[serde(default)]
    pub involving: Option<String>,
    /// For `add` and `correct`: the rule, in the IR's JSON shape.
    #[serde(default)]
    pub rule: Option<Rule>,
    pub reason: String,
}

/// What an entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Add,
    Correct,
    Disable,
}

impl Overrides {
    /// Reads `<spec dir>/overrides.toml`; no file means no overrides.
    pub fn load(spec_dir: &std::path::Path) -> Result<Self, Diagnostic> {
        let path = spec_dir.join("overrides.toml");
        let file = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text, &file),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(Diagnostic::error(&file, 0, format!("cannot read: {e}"))),
        }
    }

    /// Parses the file's text; a malformed file is one error diagnostic.
    pub fn parse(text: &str, file: &str) -> Result<Self, Diagnostic> {
        if let Some((line, c)) = crate::parse::hidden_chars::first_hidden_in_toml(text) {
            return Err(Diagnostic::error(file, line, crate::parse::hidden_chars::refused(c)));
        }
        let parsed: Self = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start.min(text.len())].lines().count().max(1)).unwrap_or(0);
            Diagnostic::error(file, line, format!("bad overrides file: {}", e.message()))
        })?;
        for entry in &parsed.entries {
            let needs_rule = matches!(entry.action, Action::Add | Action::Correct);
            if needs_rule != entry.rule.is_some() {
                let want = if needs_rule { "needs" } else { "takes no" };
                return Err(Diagnostic::error(
                    file,
                    0,
                    format!("override `{}`: `{:?}` {want} `rule`", entry.target, entry.action),
                ));
            }
            if entry.action == Action::Correct && entry.kind.is_none() {
                return Err(Diagnostic::error(
                    file,
                    0,
                    format!("override `{}`: `correct` needs `kind`", entry.target),
                ));
            }
            if entry.reason.trim().is_empty() {
                return Err(Diagnostic::error(
                    file,
                    0,
                    format!("override `{}`: empty `reason`", entry.target),
                ));
            }
        }
        if let Some(problem) = parsed.facts.iter().find_map(|f| f.problem()) {
            return Err(Diagnostic::error(file, 0, problem));
        }
        Ok(parsed)
    }
}

/// Applies the entries that target `api`. An entry that matches no parameter or no rule is a
/// warning (the docs moved on; the override should go).
pub fn apply_overrides(api: &mut Api, overrides: &Overrides, diags: &mut Diagnostics) {
    for entry in &overrides.entries {
        let (api_name, param) = match entry.target.split_once('.') {
            Some((a, p)) => (a, Some(p)),
            None => (entry.target.as_str(), None),
        };
        if api_name != api.name {
            continue;
        }
        let list = match param {
            Some(wire) => match api.request.iter_mut().find(|p| p.wire_name == wire) {
                Some(p) => &mut p.constraints,
                None => {
                    diags.warning(
                        0,
                        format!("override `{}`: {} has no parameter `{wire}`", entry.target, api.name),
                    );
                    continue;
                }
            },
            None => &mut api.cross_field,
        };
        if !apply(entry, param, list) {
            diags.warning(
                0,
                format!(
                    "override `{}`: no `{}` rule to {:?}",
                    entry.target,
                    entry.kind.as_deref().unwrap_or("any"),
                    entry.action
                ),
            );
        }
    }
}

/// Applies one entry to the rules of `owner` (a parameter's wire name; `None` for the page's
/// cross-field rules).
fn apply(entry: &Override, owner: Option<&str>, list: &mut Vec<Constraint>) -> bool {
    let reason = entry.reason.trim().to_owned();
    let selected = |c: &Constraint| {
        entry.kind.as_deref().is_none_or(|k| c.rule.kind() == k)
            && entry.involving.as_deref().is_none_or(|p| involves(&c.rule, owner, p))
    };
    match entry.action {
        Action::Add => {
            let Some(rule) = entry.rule.clone() else { return false };
            list.push(Constraint { rule, source: reason, enforcement: Enforcement::Enforced });
            true
        }
        Action::Correct => {
            let Some(rule) = entry.rule.clone() else { return false };
            let mut hit = false;
            for c in list.iter_mut().filter(|c| selected(c)) {
                *c = Constraint {
                    rule: rule.clone(),
                    source: reason.clone(),
                    enforcement: Enforcement::Enforced,
                };
                hit = true;
            }
            hit
        }
        Action::Disable => {
            let mut hit = false;
            for c in list.iter_mut().filter(|c| selected(c)) {
                c.enforcement = Enforcement::Unenforced(format!("disabled by spec/overrides.toml: {reason}"));
                hit = true;
            }
            hit
        }
    }
}

/// True when `rule` names parameter `wire`: a cross-field rule by its parameters, a parameter's
/// own rule by its owner. Values are never names (`values = ["Password"]` involves no `Password`).
fn involves(rule: &Rule, owner: Option<&str>, wire: &str) -> bool {
    let named = super::rule_names(&mut rule.clone()).into_iter().any(|n| n.as_str() == wire);
    named || owner == Some(wire)
}

#[cfg(test)]
mod tests {
    use super::super::extract;
    use super::super::tests::{api, described};
    use super::*;
    use crate::ir::EnumValue;

    const FILE: &str = r#"
[[override]]
target = "RunInstances.InternetChargeType"
action = "correct"
kind = "one_of"
rule = { kind = "one_of", values = [{ value = "PayByTraffic", meaning = "" }, { value = "PayByBandwidth", meaning = "" }] }
reason = "The service also accepts PayByBandwidth."

[[override]]
target = "RunInstances.Amount"
action = "add"
rule = { kind = "range", min = 1, max = 100 }
reason = "Added by hand."

[[override]]
target = "RunInstances.Amount"
action = "disable"
kind = "default"
reason = "Not a literal."

[[override]]
target = "RunInstances.Nope"
action = "disable"
reason = "Gone."
"#;

    #[test]
    fn applies_entries() {
        let overrides = Overrides::parse(FILE, "spec/overrides.toml").expect("parses");
        let mut a = api(vec![
            described(
                "InternetChargeType",
                "String",
                "The billing method. Valid values:\n\n-   PayByTraffic: by traffic.\n",
            ),
            described("Amount", "Integer", "Default value: 1."),
        ]);
        let mut diags = Diagnostics::new("spec/ecs/RunInstances.md");
        extract(&mut a, &mut diags);
        apply_overrides(&mut a, &overrides, &mut diags);
        assert_eq!(
            a.request[0].constraints[0].rule,
            Rule::OneOf {
                values: vec![
                    EnumValue { value: "PayByTraffic".into(), meaning: String::new() },
                    EnumValue { value: "PayByBandwidth".into(), meaning: String::new() }
                ]
            }
        );
        assert_eq!(a.request[0].constraints[0].source, "The service also accepts PayByBandwidth.");
        assert_eq!(
            a.request[1].constraints[0].enforcement,
            Enforcement::Unenforced("disabled by spec/overrides.toml: Not a literal.".into())
        );
        assert_eq!(a.request[1].constraints[1].rule, Rule::Range { min: Some(1.0), max: Some(100.0) });
        let shown: Vec<String> = diags.into_vec().iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["spec/ecs/RunInstances.md: warning: override `RunInstances.Nope`: RunInstances has no parameter `Nope`"]);
    }

    #[test]
    fn involving_matches_parameter_names_not_values() {
        let file = r#"
[[override]]
target = "RunInstances"
action = "disable"
involving = "Password"
reason = "Test."

[[override]]
target = "RunInstances.Amount"
action = "disable"
kind = "range"
involving = "Amount"
reason = "Own rules involve their owner."
"#;
        let overrides = Overrides::parse(file, "o.toml").expect("parses");
        let restricted = Rule::RestrictedWith {
            when: "Mode".into(),
            when_value: None,
            then: "Kind".into(),
            values: vec!["Password".into()],
        };
        let exclusive = Rule::MutuallyExclusive { params: vec!["Password".into(), "KeyPairName".into()] };
        let enforced =
            |rule: Rule| Constraint { rule, source: "s".into(), enforcement: Enforcement::Enforced };
        let mut a = api(vec![described("Amount", "Integer", "Valid values: 1 to 100.")]);
        extract(&mut a, &mut Diagnostics::new("p.md"));
        a.cross_field = vec![enforced(restricted), enforced(exclusive)];
        let mut diags = Diagnostics::new("p.md");
        apply_overrides(&mut a, &overrides, &mut diags);
        let states: Vec<bool> =
            a.cross_field.iter().map(|c| c.enforcement == Enforcement::Enforced).collect();
        assert_eq!(states, [true, false], "a value `Password` is not the parameter Password");
        assert_eq!(a.request[0].constraints[0].rule.kind(), "range");
        assert!(matches!(a.request[0].constraints[0].enforcement, Enforcement::Unenforced(_)));
        assert!(diags.into_vec().is_empty());
    }

    #[test]
    fn a_rules_kind_is_its_serde_tag() {
        use crate::ir::{CharClass, Format, RangeCase, ValueCase};
        let s = || "A".to_owned();
        let rules = [
            Rule::Length { min: None, max: Some(1) },
            Rule::Range { min: None, max: None },
            Rule::OneOf { values: Vec::new() },
            Rule::RepeatCount { min: 1, max: 2 },
            Rule::StartsWithLetter,
            Rule::AllowedChars { classes: vec![CharClass::Digit], extra: String::new() },
            Rule::ForbiddenPrefixes { prefixes: Vec::new() },
            Rule::ForbiddenSubstrings { substrings: Vec::new() },
            Rule::NoLeadingOrTrailing { chars: s() },
            Rule::NoConsecutive { chars: s() },
            Rule::Format { format: Format::Ascii },
            Rule::Default { value: s() },
            Rule::MutuallyExclusive { params: vec![s()] },
            Rule::ForbiddenWith { when: s(), value: None, then: s() },
            Rule::RestrictedWith { when: s(), when_value: None, then: s(), values: Vec::new() },
            Rule::DependsOn { param: s(), depends_on: s() },
            Rule::RequiredUnless { param: s(), unless: Vec::new() },
            Rule::OneOfBy { param: s(), on: s(), cases: vec![ValueCase { when: s(), values: Vec::new() }] },
            Rule::RangeBy { param: s(), on: s(), cases: vec![RangeCase { when: s(), min: None, max: None }] },
        ];
        for rule in &rules {
            let json = serde_json::to_value(rule).expect("serializes");
            assert_eq!(json["kind"], rule.kind(), "{rule:?}");
        }
        assert_eq!(rules.len(), 19);
    }

    #[test]
    fn the_repos_overrides_parse() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        Overrides::load(&root.join("spec")).expect("spec/overrides.toml parses");
        let seed = Overrides::load(&root.join("tests/seed")).expect("tests/seed/overrides.toml parses");
        assert!(seed.entries.iter().all(|e| !e.reason.is_empty()));
        assert!(!seed.entries.is_empty());
    }

    #[test]
    fn rejects_bad_entries() {
        let err =
            Overrides::parse("[[override]]\ntarget = \"A.B\"\naction = \"add\"\nreason = \"x\"\n", "o.toml")
                .unwrap_err();
        assert!(err.message.contains("needs `rule`"), "{err}");
        assert!(Overrides::parse("nonsense = [", "o.toml").is_err());
        let hidden = "[[override]]\ntarget = \"A.B\"\naction = \"drop\"\nreason = \"safe\u{202e}txet\"\n";
        let err = Overrides::parse(hidden, "o.toml").unwrap_err();
        assert_eq!(err.line, 4, "{err}");
        assert!(err.message.contains("U+202E"), "{err}");
    }
}
