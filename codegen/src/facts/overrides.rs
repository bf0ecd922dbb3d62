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
