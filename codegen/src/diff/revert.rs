//! Flags a suspicious update: one that takes back most of what the previous update changed.
//!
//! A pair of versions alone cannot know "the previous update", so callers supply it: in a sequence
//! of versions ([`flag_sequence`]) it is the most recent earlier step that changed anything; for
//! `--base REV` it is the commit that last changed the spec before REV. A change undoes an earlier
//! one when it is its exact inverse: `param-added X` ↔ `param-removed X`, a rename back, a type,
//! requirement, default, status or constraint changed back from the new value to the old one.

use std::collections::HashMap;

use super::change::Change;
use super::{Diff, Step};

/// An update smaller than this is never called a revert (too little to judge).
pub const MIN_PREVIOUS_CHANGES: usize = 3;

/// What the current update takes back from the previous one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revert {
    /// How many of the previous update's changes this update undoes.
    pub undone: usize,
    /// How many changes the previous update made.
    pub previous_changes: usize,
    /// The previous update, as the caller names it (`16_….md → 17_….md`, a commit).
    pub previous: String,
}

/// Sets `current.revert` when `current` undoes more than half of `previous`'s changes.
pub fn check(previous: &Diff, previous_label: &str, current: &mut Diff) {
    current.revert = detect(&previous.changes, &current.changes).map(|undone| Revert {
        undone,
        previous_changes: previous.changes.len(),
        previous: previous_label.to_owned(),
    });
}

/// Checks each step against the most recent earlier step that changed anything.
pub fn flag_sequence(steps: &mut [Step]) {
    for i in 1..steps.len() {
        let (done, rest) = steps.split_at_mut(i);
        if let Some(previous) = done.iter().rev().find(|s| !s.diff.changes.is_empty()) {
            let label = format!("{} → {}", previous.old, previous.new);
            check(&previous.diff, &label, &mut rest[0].diff);
        }
    }
}

/// How many `previous` changes `current` undoes, when that is more than half of them.
fn detect(previous: &[Change], current: &[Change]) -> Option<usize> {
    if previous.len() < MIN_PREVIOUS_CHANGES {
        return None;
    }
    let mut available: HashMap<Key<'_>, usize> = HashMap::new();
    for change in current {
        *available.entry(key(change)).or_default() += 1;
    }
    let mut undone = 0;
    for change in previous {
        if let Some(count) = available.get_mut(&inverse(change)).filter(|c| **c > 0) {
            *count -= 1;
            undone += 1;
        }
    }
    (undone * 2 > previous.len()).then_some(undone)
}

/// What identifies a change for undo matching: API, kind, names and values (verdict facts and prose ignored).
#[derive(Debug, PartialEq, Eq, Hash)]
struct Key<'a> {
    api: &'a str,
    slug: &'static str,
    name: &'a str,
    old_name: Option<&'a str>,
    before: Option<&'a str>,
    after: Option<&'a str>,
}

fn key(c: &Change) -> Key<'_> {
    Key {
        api: &c.api,
        slug: c.kind.slug(),
        name: &c.name,
        old_name: c.old_name.as_deref(),
        before: c.before.as_deref(),
        after: c.after.as_deref(),
    }
}

/// The key of the change that would undo `c`.
fn inverse(c: &Change) -> Key<'_> {
    let slug = match c.kind.slug() {
        "api-added" => "api-removed",
        "api-removed" => "api-added",
        "param-added" => "param-removed",
        "param-removed" => "param-added",
        "enum-value-added" => "enum-value-removed",
        "enum-value-removed" => "enum-value-added",
        "constraint-tightened" => "constraint-loosened",
        "constraint-loosened" => "constraint-tightened",
        "response-field-added" => "response-field-removed",
        "response-field-removed" => "response-field-added",
        "error-added" => "error-removed",
        "error-removed" => "error-added",
        // Renames and `*-changed` kinds undo themselves with the values swapped.
        same => same,
    };
    let (name, old_name) = match &c.old_name {
        Some(old) => (old.as_str(), Some(c.name.as_str())),
        None => (c.name.as_str(), None),
    };
    Key { api: &c.api, slug, name, old_name, before: c.after.as_deref(), after: c.before.as_deref() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::diff_apis;
    use crate::diff::test_ir::{api, param};
    use crate::ir::{Api, ScalarType};

    fn version(names: &[&str], amount: ScalarType) -> Api {
        let mut params: Vec<_> =
            names.iter().map(|n| param(n, ScalarType::String, "some words here")).collect();
        params.push(param("Amount", amount, "how many"));
        api("RunInstances", params)
    }

    fn step(old: &Api, new: &Api, label: &str) -> Step {
        Step {
            old: format!("{label}-old"),
            new: label.to_owned(),
            diff: diff_apis(std::slice::from_ref(old), std::slice::from_ref(new)),
        }
    }

    #[test]
    fn an_update_undoing_most_of_the_previous_one_is_flagged() {
        let v1 = version(&["A", "Tag.n.Key"], ScalarType::String);
        let v2 = version(&["A", "Tag.N.Key", "B", "C", "D"], ScalarType::Integer);
        // Takes back the rename, the type change and two of the three additions: 4 of 5.
        let v3 = version(&["A", "Tag.n.Key", "D"], ScalarType::String);
        let mut steps = vec![step(&v1, &v2, "v2"), step(&v2, &v2, "same"), step(&v2, &v3, "v3")];
        flag_sequence(&mut steps);
        assert_eq!(steps[0].diff.revert, None);
        assert_eq!(steps[1].diff.revert, None, "an update that changes nothing undoes nothing");
        // The empty update in between is skipped: "previous" is the last one that changed something.
        assert_eq!(
            steps[2].diff.revert,
            Some(Revert { undone: 4, previous_changes: 5, previous: "v2-old → v2".into() })
        );
    }

    #[test]
    fn an_update_undoing_half_or_less_is_not_flagged() {
        let v1 = version(&["A"], ScalarType::String);
        let v2 = version(&["A", "B", "C", "D", "E"], ScalarType::String);
        let v3 = version(&["A", "D", "E"], ScalarType::String);
        let mut steps = vec![step(&v1, &v2, "v2"), step(&v2, &v3, "v3")];
        flag_sequence(&mut steps);
        assert_eq!(steps[1].diff.revert, None);
    }

    #[test]
    fn a_further_change_is_not_an_undo() {
        let v1 = version(&["A"], ScalarType::String);
        let v2 = version(&["A", "B", "C"], ScalarType::Integer);
        let previous = diff_apis(&[v1], std::slice::from_ref(&v2));
        assert_eq!(previous.changes.len(), 3);
        // Integer → Long does not take back String → Integer.
        let further = diff_apis(std::slice::from_ref(&v2), &[version(&["A", "B", "C"], ScalarType::Long)]);
        assert_eq!(detect(&previous.changes, &further.changes), None);
        let back = diff_apis(&[v2], &[version(&["A"], ScalarType::Long)]);
        assert_eq!(detect(&previous.changes, &back.changes), Some(2));
    }
}
