//! `[[fact]]` entries of `spec/overrides.toml`: mark or unmark a secret, an idempotent operation
//! or a client token by hand, each with a reason that becomes the fact's evidence in the IR.
//!
//! ```toml
//! [[fact]]
//! target = "CreateKeyPair"     # the API's Action
//! field = "PrivateKeyBody"     # a response field (dotted JSON path), or `param = "<wire name>"`
//! fact = "secret"              # secret | idempotent | client_token
//! value = true
//! reason = "The private key of the new key pair."
//! ```

use serde::Deserialize;

use crate::diag::Diagnostics;
use crate::ir::{Api, ClientToken, Fact, FactSource, Field, FieldShape, ScalarType};

/// One `[[fact]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactOverride {
    /// The API's Action.
    pub target: String,
    /// A request parameter's wire name (`secret`, `client_token`).
    #[serde(default)]
    pub param: Option<String>,
    /// A response field's JSON path, dotted (`secret`).
    #[serde(default)]
    pub field: Option<String>,
    pub fact: FactKind,
    pub value: bool,
    pub reason: String,
}

/// Which fact an entry sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    Secret,
    Idempotent,
    ClientToken,
}

impl FactOverride {
    /// What is wrong with the entry's shape, if anything.
    pub fn problem(&self) -> Option<String> {
        let what = match (self.fact, self.param.is_some(), self.field.is_some()) {
            (_, _, _) if self.reason.trim().is_empty() => "empty `reason`",
            (FactKind::Secret, true, true) | (FactKind::Secret, false, false) => {
                "`secret` needs one of `param` or `field`"
            }
            (FactKind::Idempotent, false, false) => return None,
            (FactKind::Idempotent, _, _) => "`idempotent` is about the API: no `param` or `field`",
            (FactKind::ClientToken, true, false) => return None,
            (FactKind::ClientToken, _, _) => "`client_token` needs `param` (and no `field`)",
            (FactKind::Secret, _, _) => return None,
        };
        Some(format!("fact override `{}`: {what}", self.target))
    }

    fn fact(&self) -> Fact {
        Fact { value: self.value, from: FactSource::Override, why: self.reason.trim().to_owned() }
    }
}

/// Applies the entries that target `api`. An entry that finds nothing to set is a warning, and
/// one that only repeats what the docs say is a note (the override can go).
pub fn apply(api: &mut Api, entries: &[FactOverride], diags: &mut Diagnostics) {
    for entry in entries.iter().filter(|e| e.target == api.name) {
        let label = entry_label(entry);
        let before = match entry.fact {
            FactKind::Idempotent => Some(std::mem::replace(&mut api.idempotent, entry.fact()).value),
            FactKind::Secret => match (&entry.param, &entry.field) {
                (Some(wire), _) => match api.request.iter_mut().find(|p| &p.wire_name == wire) {
                    Some(p) => Some(p.secret.replace(entry.fact()).is_some_and(|f| f.value)),
                    None => None,
                },
                (None, Some(path)) => {
                    let parts: Vec<&str> = path.split('.').collect();
                    field_at(&mut api.response, &parts)
                        .map(|f| f.secret.replace(entry.fact()).is_some_and(|f| f.value))
                }
                (None, None) => None,
            },
            FactKind::ClientToken => {
                let wire = entry.param.as_deref().unwrap_or_default();
                let found = api.request.iter().find(|p| p.wire_name == wire);
                match found {
                    Some(p) if p.path.len() == 1 && p.ty == ScalarType::String => {
                        let was = api.client_token.as_ref().is_some_and(|t| t.param == wire);
                        if entry.value {
                            api.client_token = Some(ClientToken {
                                param: wire.to_owned(),
                                from: FactSource::Override,
                                why: entry.reason.trim().to_owned(),
                            });
                        } else if was {
                            api.client_token = None;
                        }
                        Some(was)
                    }
                    Some(_) => {
                        diags.warning(0, format!("{label}: `{wire}` is not a top-level String parameter"));
                        continue;
                    }
                    None => None,
                }
            }
        };
        match before {
            None => diags.warning(0, format!("{label}: {} has no such parameter or field", api.name)),
            Some(before) if before == entry.value => diags.note(
                0,
                format!("{label}: the docs already give `{}`; the override is not needed", entry.value),
            ),
            Some(_) => {}
        }
    }
}

fn entry_label(entry: &FactOverride) -> String {
    let at = entry.param.as_deref().or(entry.field.as_deref()).map_or(String::new(), |p| format!(".{p}"));
    format!("fact override `{}{at}` ({:?})", entry.target, entry.fact)
}

/// The response field at a dotted JSON path.
fn field_at<'a>(fields: &'a mut [Field], path: &[&str]) -> Option<&'a mut Field> {
    let (first, rest) = path.split_first()?;
    let field = fields.iter_mut().find(|f| f.name == *first)?;
    if rest.is_empty() {
        return Some(field);
    }
    match &mut field.shape {
        FieldShape::Struct { fields } | FieldShape::Array { fields, .. } => field_at(fields, rest),
        FieldShape::Scalar { .. } | FieldShape::ScalarList { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constraints::tests::{api, described};
    use crate::constraints::Overrides;
    use crate::ir::Text;

    const FILE: &str = r#"
[[fact]]
target = "RunInstances"
param = "Password"
fact = "secret"
value = false
reason = "A test password the service discards."

[[fact]]
target = "RunInstances"
field = "Key.Blob"
fact = "secret"
value = true
reason = "The private key of the new key pair."

[[fact]]
target = "RunInstances"
fact = "idempotent"
value = true
reason = "The service deduplicates by region."

[[fact]]
target = "RunInstances"
param = "Token"
fact = "client_token"
value = true
reason = "Token deduplicates retries (support ticket 123)."

[[fact]]
target = "RunInstances"
param = "Gone"
fact = "secret"
value = true
reason = "A parameter the page no longer has."

[[fact]]
target = "OtherApi"
fact = "idempotent"
value = true
reason = "Targets another API."
"#;

    fn run_instances() -> Api {
        let mut api = api(vec![
            described("Password", "String", "The password of the instance."),
            described("Token", "String", "A token."),
        ]);
        let scalar = |name: &str| Field {
            name: name.into(),
            doc_type: "String".into(),
            shape: FieldShape::Scalar { ty: ScalarType::String },
            example: None,
            description: Text::default(),
            line: 1,
            secret: None,
        };
        let mut key = scalar("Key");
        key.shape = FieldShape::Struct { fields: vec![scalar("Blob")] };
        api.response = vec![key];
        api
    }

    #[test]
    fn entries_mark_and_unmark_with_their_reason() {
        let overrides = Overrides::parse(FILE, "overrides.toml").expect("valid");
        assert_eq!(overrides.facts.len(), 6);
        let mut api = run_instances();
        let mut diags = Diagnostics::new("RunInstances.md");
        crate::facts::decide(&mut api, &overrides.facts, &mut diags);
        let password = api.request[0].secret.as_ref().unwrap();
        assert_eq!((password.value, password.from), (false, FactSource::Override));
        assert_eq!(password.why, "A test password the service discards.");
        let FieldShape::Struct { fields } = &api.response[0].shape else { panic!() };
        assert_eq!(fields[0].secret.as_ref().map(|f| (f.value, f.from)), Some((true, FactSource::Override)));
        assert_eq!((api.idempotent.value, api.idempotent.from), (true, FactSource::Override));
        let token = api.client_token.as_ref().unwrap();
        assert_eq!((token.param.as_str(), token.from), ("Token", FactSource::Override));
        let messages: Vec<String> = diags.into_vec().iter().map(|d| d.message.clone()).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].contains("`RunInstances.Gone`") && messages[0].contains("no such parameter or field")
        );
    }

    #[test]
    fn an_entry_that_repeats_the_docs_is_a_note_and_unmarking_a_token_removes_it() {
        let file = r#"
[[fact]]
target = "RunInstances"
param = "Password"
fact = "secret"
value = true
reason = "Says what the name says."

[[fact]]
target = "RunInstances"
param = "ClientToken"
fact = "client_token"
value = false
reason = "The service ignores it."
"#;
        let overrides = Overrides::parse(file, "overrides.toml").expect("valid");
        let mut api = api(vec![
            described("Password", "String", "The password."),
            described("ClientToken", "String", "Ensures the idempotence of the request."),
        ]);
        let mut diags = Diagnostics::new("RunInstances.md");
        crate::facts::decide(&mut api, &overrides.facts, &mut diags);
        assert_eq!(api.client_token, None);
        let diags = diags.into_vec();
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, crate::diag::Severity::Note);
        assert!(diags[0].message.contains("not needed"), "{}", diags[0]);
    }

    #[test]
    fn malformed_entries_are_errors() {
        for (entry, why) in [
            ("target = \"A\"\nfact = \"secret\"\nvalue = true\nreason = \"r\"", "needs one of `param` or `field`"),
            ("target = \"A\"\nparam = \"P\"\nfield = \"F\"\nfact = \"secret\"\nvalue = true\nreason = \"r\"", "needs one of"),
            ("target = \"A\"\nparam = \"P\"\nfact = \"idempotent\"\nvalue = true\nreason = \"r\"", "no `param` or `field`"),
            ("target = \"A\"\nfact = \"client_token\"\nvalue = true\nreason = \"r\"", "`client_token` needs `param`"),
            ("target = \"A\"\nfact = \"idempotent\"\nvalue = true\nreason = \" \"", "empty `reason`"),
            ("target = \"A\"\nfact = \"retryable\"\nvalue = true\nreason = \"r\"", "unknown variant"),
        ] {
            let error = Overrides::parse(&format!("[[fact]]\n{entry}\n"), "overrides.toml").expect_err(entry);
            assert!(error.message.contains(why), "{entry}: {error}");
        }
    }
}
