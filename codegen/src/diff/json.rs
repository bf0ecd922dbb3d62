//! Renders a diff as JSON: `{"changes":[{"api","kind","name","old_name","detail","breaking_wire","breaking_semver"}]}`.
//!
//! `old_name` appears for renames only; `revert` appears only when the update looks like one.

use serde::Serialize;

use super::change::Change;
use super::{Diff, Revert, Step};

#[derive(Serialize)]
struct JsonChange<'a> {
    api: &'a str,
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    old_name: Option<&'a str>,
    detail: &'a str,
    breaking_wire: bool,
    breaking_semver: bool,
}

#[derive(Serialize)]
struct JsonRevert<'a> {
    undone: usize,
    previous_changes: usize,
    previous: &'a str,
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    changes: Vec<JsonChange<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    revert: Option<JsonRevert<'a>>,
}

#[derive(Serialize)]
struct JsonStep<'a> {
    old: &'a str,
    new: &'a str,
    #[serde(flatten)]
    diff: JsonDiff<'a>,
}

fn json_diff(diff: &Diff) -> JsonDiff<'_> {
    JsonDiff {
        changes: diff.changes.iter().map(json_change).collect(),
        revert: diff.revert.as_ref().map(|r: &Revert| JsonRevert {
            undone: r.undone,
            previous_changes: r.previous_changes,
            previous: &r.previous,
        }),
    }
}

fn json_change(c: &Change) -> JsonChange<'_> {
    JsonChange {
        api: &c.api,
        kind: c.kind.slug(),
        name: &c.name,
        old_name: c.old_name.as_deref(),
        detail: &c.detail,
        breaking_wire: c.breaking_wire,
        breaking_semver: c.breaking_semver,
    }
}

/// The report of one update, pretty-printed.
pub fn render(diff: &Diff) -> String {
    to_pretty(&json_diff(diff))
}

/// The reports of a sequence: `{"steps":[{"old","new","changes":[…]}]}`.
pub fn render_steps(steps: &[Step]) -> String {
    #[derive(Serialize)]
    struct Steps<'a> {
        steps: Vec<JsonStep<'a>>,
    }
    let steps =
        steps.iter().map(|s| JsonStep { old: &s.old, new: &s.new, diff: json_diff(&s.diff) }).collect();
    to_pretty(&Steps { steps })
}

fn to_pretty(value: &impl Serialize) -> String {
    let mut text =
        serde_json::to_string_pretty(value).expect("the report holds only strings, numbers and booleans");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::change::ChangeKind;

    #[test]
    fn changes_with_old_name_only_for_renames() {
        let diff = Diff {
            changes: vec![
                Change::new("A", ChangeKind::ParamAdded { required: true }, "X", "String, required"),
                Change::new(
                    "A",
                    ChangeKind::ParamRenamed { same_on_wire: true, same_rust_name: true },
                    "T.N.K",
                    "respelled",
                )
                .renamed_from("T.n.K"),
            ],
            ..Diff::default()
        };
        let value: serde_json::Value = serde_json::from_str(&render(&diff)).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"changes": [
                {"api": "A", "kind": "param-added", "name": "X", "detail": "String, required",
                 "breaking_wire": true, "breaking_semver": true},
                {"api": "A", "kind": "param-renamed", "name": "T.N.K", "old_name": "T.n.K", "detail": "respelled",
                 "breaking_wire": false, "breaking_semver": false}
            ]})
        );
    }

    #[test]
    fn steps_carry_their_versions_and_revert() {
        let diff = Diff {
            revert: Some(Revert { undone: 3, previous_changes: 4, previous: "a → b".into() }),
            ..Diff::default()
        };
        let steps = [Step { old: "b".into(), new: "c".into(), diff }];
        let value: serde_json::Value = serde_json::from_str(&render_steps(&steps)).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"steps": [{"old": "b", "new": "c", "changes": [],
                "revert": {"undone": 3, "previous_changes": 4, "previous": "a → b"}}]})
        );
    }
}
