//! Compares two sets of APIs (the IR) and says what changed and whom it breaks: `cargo xtask diff`.
//!
//! [`diff_apis`] gives a [`Diff`]: [`Change`]s (kind, API, wire name, detail, wire and semver
//! verdicts from [`rules`]) and wording-only edits. [`revert`] flags an update that takes back
//! most of the previous one; [`markdown`] and [`json`] render the result.

pub mod change;
mod constraints;
mod errors;
mod facts;
pub mod json;
pub mod markdown;
pub(crate) mod matching;
mod params;
mod response;
pub mod revert;
pub mod rules;
#[cfg(test)]
mod test_ir;
mod wire;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

pub use change::{Change, ChangeKind, Wording, WordingKind};
pub use revert::Revert;

use crate::ir::{Api, ErrorRow, Product};

/// Everything that differs between two versions of a set of APIs.
#[derive(Debug, Clone, Default)]
pub struct Diff {
    /// By API name; within an API: wire form (style, method, path, positions), request parameters,
    /// cross-field rules, response, errors.
    pub changes: Vec<Change>,
    /// Edits that change nothing a caller or the generated crate sees.
    pub wording: Vec<Wording>,
    /// Set when this update takes back most of the previous one (see [`revert`]).
    pub revert: Option<Revert>,
}

/// One update in a sequence of versions: `old` → `new`, labelled for reports.
#[derive(Debug, Clone)]
pub struct Step {
    pub old: String,
    pub new: String,
    pub diff: Diff,
}

/// The label under which a product's common error codes are reported, in place of an API name.
pub const COMMON_ERRORS: &str = "(common errors)";

/// Compares two versions of a spec dir, as `gen` reads them (overrides applied, facts decided,
/// one API per `Action`): APIs matched by product and `Action`, and each product's common error
/// codes. APIs are labelled by their `Action`, prefixed with `<product>/` when either side has
/// more than one product.
pub fn diff_products<'a>(old: &'a [Product], new: &'a [Product]) -> Diff {
    let names: std::collections::BTreeSet<&str> = old.iter().chain(new).map(|p| p.name.as_str()).collect();
    let prefixed = names.len() > 1;
    let mut diff = Diff::default();
    for name in names {
        let find = |side: &'a [Product]| side.iter().find(|p| p.name == name);
        let (o, n) = (find(old), find(new));
        let prefix = if prefixed { format!("{name}/") } else { String::new() };
        let apis = |p: Option<&Product>| -> Vec<Api> {
            p.map_or_else(Vec::new, |p| {
                p.apis.iter().map(|a| Api { name: format!("{prefix}{}", a.name), ..a.clone() }).collect()
            })
        };
        let part = diff_apis(&apis(o), &apis(n));
        diff.changes.extend(part.changes);
        diff.wording.extend(part.wording);
        let common = |p: Option<&Product>| -> Vec<ErrorRow> {
            p.map_or_else(Vec::new, |p| {
                p.meta
                    .common_errors
                    .iter()
                    .map(|e| ErrorRow {
                        status: e.status,
                        code: e.code.clone(),
                        message: e.message.clone(),
                        description: String::new(),
                        line: 0,
                    })
                    .collect()
            })
        };
        let label = format!("{prefix}{COMMON_ERRORS}");
        errors::compare_errors(&label, &common(o), &common(n), &mut diff.changes, &mut diff.wording);
    }
    diff
}

/// Compares two sets of APIs, matched by name (the `Action`).
pub fn diff_apis(old: &[Api], new: &[Api]) -> Diff {
    let old: BTreeMap<&str, &Api> = old.iter().map(|a| (a.name.as_str(), a)).collect();
    let new: BTreeMap<&str, &Api> = new.iter().map(|a| (a.name.as_str(), a)).collect();
    let mut diff = Diff::default();
    let names: std::collections::BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    for name in names {
        match (old.get(name), new.get(name)) {
            (Some(o), Some(n)) => diff_api(o, n, &mut diff),
            (Some(o), None) => {
                let detail = format!("{} parameters", o.request.len());
                diff.changes.push(Change::new(name, ChangeKind::ApiRemoved, name, detail));
            }
            (None, Some(n)) => {
                let detail = format!("{} parameters", n.request.len());
                diff.changes.push(Change::new(name, ChangeKind::ApiAdded, name, detail));
            }
            (None, None) => unreachable!("name comes from one of the maps"),
        }
    }
    diff
}

/// Compares two versions of one API, appending to `diff`.
pub fn diff_api(old: &Api, new: &Api, diff: &mut Diff) {
    let api = new.name.as_str();
    if !matching::same_text(&old.summary, &new.summary) {
        diff.wording.push(Wording { api: api.to_owned(), name: api.to_owned(), what: WordingKind::Summary });
    }
    wire::compare_wire(api, old, new, &mut diff.changes);
    params::compare_request(api, &old.request, &new.request, &mut diff.changes, &mut diff.wording);
    constraints::compare_cross_field(api, &old.cross_field, &new.cross_field, &mut diff.changes);
    response::compare_response(api, &old.response, &new.response, &mut diff.changes, &mut diff.wording);
    errors::compare_errors(api, &old.errors, &new.errors, &mut diff.changes, &mut diff.wording);
    facts::compare_facts(old, new, &mut diff.changes);
}

impl Diff {
    pub fn breaking_wire(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking_wire).count()
    }

    pub fn breaking_semver(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking_semver).count()
    }

    /// Changes that break neither callers nor the crate.
    pub fn other(&self) -> usize {
        self.changes.iter().filter(|c| !c.is_breaking()).count()
    }
}

/// `--fail-on`: which changes make `cargo xtask diff` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    BreakingWire,
    BreakingSemver,
    Any,
}

impl FailOn {
    /// True when `diff` has a change this gate rejects.
    pub fn matches(self, diff: &Diff) -> bool {
        diff.changes.iter().any(|c| match self {
            Self::BreakingWire => c.breaking_wire,
            Self::BreakingSemver => c.breaking_semver,
            Self::Any => true,
        })
    }
}

impl FromStr for FailOn {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "breaking-wire" => Ok(Self::BreakingWire),
            "breaking-semver" => Ok(Self::BreakingSemver),
            "any" => Ok(Self::Any),
            other => {
                Err(format!("unknown --fail-on `{other}` (expected breaking-wire, breaking-semver or any)"))
            }
        }
    }
}

impl fmt::Display for FailOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::BreakingWire => "breaking-wire",
            Self::BreakingSemver => "breaking-semver",
            Self::Any => "any",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_ir::{api, error_row, param, required};
    use crate::ir::ScalarType;

    #[test]
    fn apis_added_and_removed() {
        let a = api("A", vec![param("X", ScalarType::String, "x")]);
        let b = api("B", vec![]);
        let diff = diff_apis(std::slice::from_ref(&a), &[b]);
        let got: Vec<_> = diff
            .changes
            .iter()
            .map(|c| (c.kind.slug(), c.name.as_str(), c.breaking_wire, c.breaking_semver))
            .collect();
        assert_eq!(got, [("api-removed", "A", true, true), ("api-added", "B", false, false)]);
        assert!(diff_apis(std::slice::from_ref(&a), std::slice::from_ref(&a)).changes.is_empty());
    }

    #[test]
    fn summary_edit_is_wording() {
        let a = api("A", vec![]);
        let mut b = a.clone();
        b.summary = "Creates instances.".into();
        let diff = diff_apis(&[a], &[b]);
        assert!(diff.changes.is_empty());
        assert_eq!(diff.wording[0].what, WordingKind::Summary);
    }

    #[test]
    fn fail_on_gates() {
        let mut a = api("A", vec![param("X", ScalarType::String, "x")]);
        let mut b = a.clone();
        b.errors.push(error_row(Some(400), "New", "m"));
        let other = diff_apis(&[a.clone()], &[b.clone()]);
        assert!(FailOn::Any.matches(&other));
        assert!(!FailOn::BreakingWire.matches(&other) && !FailOn::BreakingSemver.matches(&other));
        a.errors = b.errors.clone();
        b.request[0] = required(b.request[0].clone());
        let breaking = diff_apis(&[a], &[b]);
        assert!(FailOn::BreakingWire.matches(&breaking) && FailOn::BreakingSemver.matches(&breaking));
        assert_eq!("breaking-semver".parse(), Ok(FailOn::BreakingSemver));
        assert!("breaking".parse::<FailOn>().is_err());
    }
}
