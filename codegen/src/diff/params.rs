//! Compares request parameters: added, removed, renamed, retyped, required-ness, and (via `constraints`) their rules.

use super::change::{Change, ChangeKind, Wording, WordingKind};
use super::constraints::{compare_param_rules, ParamContext};
use super::matching::{pair_params, rust_field_path, same_text, wire_segments, Pair, RenameEvidence};
use crate::ir::{Param, ScalarType};

/// The parameter the generated client fills in from the API name.
const ACTION: &str = "Action";

/// Compares the request tables of one API.
pub fn compare_request(
    api: &str,
    old: &[Param],
    new: &[Param],
    changes: &mut Vec<Change>,
    wording: &mut Vec<Wording>,
) {
    let (old_action, old): (Vec<Param>, Vec<Param>) =
        old.iter().cloned().partition(|p| p.wire_name == ACTION);
    let (new_action, new): (Vec<Param>, Vec<Param>) =
        new.iter().cloned().partition(|p| p.wire_name == ACTION);
    if !same_action(&old_action, &new_action) {
        wording.push(Wording {
            api: api.to_owned(),
            name: ACTION.to_owned(),
            what: WordingKind::ActionParam,
        });
    }

    let pairing = pair_params(&old, &new);
    for p in &pairing.removed {
        changes.push(Change::new(api, ChangeKind::ParamRemoved, &p.wire_name, signature(p)));
    }
    for p in &pairing.added {
        changes.push(Change::new(
            api,
            ChangeKind::ParamAdded { required: p.required },
            &p.wire_name,
            signature(p),
        ));
    }
    for pair in &pairing.pairs {
        compare_pair(api, pair, changes, wording);
    }
}

fn same_action(old: &[Param], new: &[Param]) -> bool {
    old.len() == new.len()
        && old.iter().zip(new).all(|(o, n)| {
            o.doc_type == n.doc_type
                && o.required == n.required
                && same_text(&o.description.plain, &n.description.plain)
        })
}

fn compare_pair(api: &str, pair: &Pair<'_>, changes: &mut Vec<Change>, wording: &mut Vec<Wording>) {
    let (old, new) = (pair.old, pair.new);
    let name = new.wire_name.as_str();
    if let Some(evidence) = pair.renamed {
        let kind = ChangeKind::ParamRenamed {
            same_on_wire: wire_segments(&old.wire_name) == wire_segments(&new.wire_name),
            same_rust_name: rust_field_path(&old.wire_name) == rust_field_path(&new.wire_name),
        };
        let detail = match evidence {
            RenameEvidence::Spelling => "respelled".to_owned(),
            RenameEvidence::Description(score) => {
                format!("same type, descriptions {:.0}% alike", score * 100.0)
            }
        };
        changes.push(Change::new(api, kind, name, detail).renamed_from(&old.wire_name));
    }

    if old.ty != new.ty {
        let kind =
            ChangeKind::ParamTypeChanged { narrowed: !widens(old.ty, new.ty), rust_type_changed: true };
        changes.push(Change::new(api, kind, name, "").values(type_name(old), type_name(new)));
    } else if old.doc_type != new.doc_type && !old.doc_type.is_empty() && !new.doc_type.is_empty() {
        // (A page without a Type column says nothing about the type, so it cannot change it.)
        if old.doc_type.eq_ignore_ascii_case(&new.doc_type) {
            wording.push(Wording {
                api: api.to_owned(),
                name: name.to_owned(),
                what: WordingKind::DocTypeSpelling,
            });
        } else {
            // Same scalar type, so the same wire values and Rust type (`RepeatList` → `String` on `.N`).
            let kind = ChangeKind::ParamTypeChanged { narrowed: false, rust_type_changed: false };
            changes.push(Change::new(api, kind, name, "").values(type_name(old), type_name(new)));
        }
    }

    if old.required != new.required {
        let kind = ChangeKind::ParamRequiredChanged { now_required: new.required };
        changes.push(
            Change::new(api, kind, name, "").values(required_name(old.required), required_name(new.required)),
        );
    }

    let cx = ParamContext { api, wire_name: name, string_valued: new.ty == ScalarType::String };
    compare_param_rules(&cx, &old.constraints, &new.constraints, changes, wording);

    if !same_text(&old.description.plain, &new.description.plain) {
        wording.push(Wording {
            api: api.to_owned(),
            name: name.to_owned(),
            what: WordingKind::ParamDescription,
        });
    }
}

/// True when every value of `from` is also a valid `to` on the wire (`Integer` → `Long`, anything → `String`).
fn widens(from: ScalarType, to: ScalarType) -> bool {
    use ScalarType::*;
    matches!((from, to), (_, String) | (Integer, Long | Float | Double) | (Long, Double) | (Float, Double))
}

fn type_name(p: &Param) -> String {
    if p.doc_type.is_empty() {
        format!("{:?}", p.ty)
    } else {
        p.doc_type.clone()
    }
}

fn required_name(required: bool) -> &'static str {
    if required {
        "required"
    } else {
        "optional"
    }
}

fn signature(p: &Param) -> String {
    format!("{}, {}", type_name(p), required_name(p.required))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_ir::{constraint, param, required};
    use crate::ir::Rule;

    fn run(old: &[Param], new: &[Param]) -> (Vec<Change>, Vec<Wording>) {
        let (mut changes, mut wording) = (Vec::new(), Vec::new());
        compare_request("Api", old, new, &mut changes, &mut wording);
        (changes, wording)
    }

    fn summary(changes: &[Change]) -> Vec<(String, &str, bool, bool)> {
        changes
            .iter()
            .map(|c| (c.kind.label(), c.name.as_str(), c.breaking_wire, c.breaking_semver))
            .collect()
    }

    #[test]
    fn added_optional_and_required() {
        let a = param("A", ScalarType::String, "a thing");
        let b = param("B", ScalarType::Integer, "b thing");
        let c = required(param("C", ScalarType::String, "c thing"));
        let (changes, _) = run(std::slice::from_ref(&a), &[a.clone(), b, c]);
        assert_eq!(
            summary(&changes),
            [
                ("param-added (optional)".to_owned(), "B", false, false),
                ("param-added (required)".to_owned(), "C", true, true)
            ]
        );
        assert_eq!(changes[1].detail, "String, required");
    }

    #[test]
    fn removed() {
        let (changes, _) = run(&[param("A", ScalarType::String, "x")], &[]);
        assert_eq!(summary(&changes), [("param-removed".to_owned(), "A", true, true)]);
    }

    #[test]
    fn index_respelling_is_a_harmless_rename() {
        let (changes, _) = run(
            &[param("DataDisk.n.Size", ScalarType::Integer, "x")],
            &[param("DataDisk.N.Size", ScalarType::Integer, "x")],
        );
        assert_eq!(summary(&changes), [("param-renamed".to_owned(), "DataDisk.N.Size", false, false)]);
        assert_eq!(changes[0].old_name.as_deref(), Some("DataDisk.n.Size"));
    }

    #[test]
    fn case_change_breaks_the_wire_but_not_always_the_rust_name() {
        let (changes, _) = run(
            &[param("DataDisk.N.KMSKeyId", ScalarType::String, "x")],
            &[param("DataDisk.N.KmsKeyId", ScalarType::String, "x")],
        );
        assert_eq!(summary(&changes), [("param-renamed".to_owned(), "DataDisk.N.KmsKeyId", true, false)]);
        let (changes, _) = run(
            &[param("Tag.N.key", ScalarType::String, "x")],
            &[param("Tag.N.Key", ScalarType::String, "x")],
        );
        assert_eq!(summary(&changes), [("param-renamed".to_owned(), "Tag.N.Key", true, false)]);
    }

    #[test]
    fn description_rename_breaks_both() {
        let desc = "The ID of the private pool that you want to use to create the instance";
        let (changes, _) = run(
            &[param("PoolId", ScalarType::String, desc)],
            &[param("PrivatePoolId", ScalarType::String, desc)],
        );
        assert_eq!(summary(&changes), [("param-renamed".to_owned(), "PrivatePoolId", true, true)]);
    }

    #[test]
    fn type_changes() {
        let old = param("Amount", ScalarType::String, "x");
        let mut new = param("Amount", ScalarType::Integer, "x");
        new.doc_type = "Integer".into();
        let (changes, _) = run(std::slice::from_ref(&old), std::slice::from_ref(&new));
        assert_eq!(summary(&changes), [("param-type-changed".to_owned(), "Amount", true, true)]);
        assert_eq!(changes[0].detail, "String → Integer");
        // Widening keeps every old request valid; the Rust type still changes.
        let (changes, _) = run(&[new], &[old]);
        assert_eq!(summary(&changes), [("param-type-changed".to_owned(), "Amount", false, true)]);
    }

    #[test]
    fn repeat_list_to_string_on_a_list_is_not_a_break() {
        let mut old = param("SecurityGroupIds.N", ScalarType::String, "x");
        old.doc_type = "RepeatList".into();
        let new = param("SecurityGroupIds.N", ScalarType::String, "x");
        let (changes, _) = run(&[old], &[new]);
        assert_eq!(
            summary(&changes),
            [("param-type-changed".to_owned(), "SecurityGroupIds.N", false, false)]
        );
        assert_eq!(changes[0].detail, "RepeatList → String");
    }

    #[test]
    fn a_missing_type_cell_is_not_a_type_change() {
        let old = param("A", ScalarType::String, "x");
        let mut new = old.clone();
        new.doc_type.clear();
        let (changes, wording) = run(&[old], &[new]);
        assert!(changes.is_empty() && wording.is_empty());
    }

    #[test]
    fn required_changes() {
        let opt = param("A", ScalarType::String, "x");
        let req = required(opt.clone());
        let (changes, _) = run(std::slice::from_ref(&opt), std::slice::from_ref(&req));
        assert_eq!(
            summary(&changes),
            [("param-required-changed (now required)".to_owned(), "A", true, true)]
        );
        let (changes, _) = run(&[req], &[opt]);
        assert_eq!(
            summary(&changes),
            [("param-required-changed (now optional)".to_owned(), "A", false, true)]
        );
    }

    #[test]
    fn wording_only_edits_are_not_changes() {
        let old = param("A", ScalarType::String, "The name.");
        let mut new = param("A", ScalarType::String, "The  name of the instance.");
        new.doc_type = "string".into();
        let (changes, wording) = run(&[old], &[new]);
        assert!(changes.is_empty());
        let what: Vec<_> = wording.iter().map(|w| w.what).collect();
        assert_eq!(what, [WordingKind::DocTypeSpelling, WordingKind::ParamDescription]);
        // Reflowed whitespace is not even wording.
        let (changes, wording) =
            run(&[param("A", ScalarType::String, "a b")], &[param("A", ScalarType::String, " a\n b ")]);
        assert!(changes.is_empty() && wording.is_empty());
    }

    #[test]
    fn action_is_never_a_change() {
        let old = required(param("Action", ScalarType::String, "x"));
        let new = param("Action", ScalarType::String, "x");
        let (changes, wording) = run(&[old], &[new]);
        assert!(changes.is_empty());
        assert_eq!(wording[0].what, WordingKind::ActionParam);
    }

    #[test]
    fn constraints_of_paired_params_are_compared() {
        let mut old = param("Name", ScalarType::String, "x");
        old.constraints = vec![constraint(Rule::Length { min: Some(2), max: Some(128) })];
        let mut new = old.clone();
        new.constraints = vec![constraint(Rule::Length { min: Some(2), max: Some(64) })];
        let (changes, _) = run(&[old], &[new]);
        assert_eq!(summary(&changes), [("constraint-tightened".to_owned(), "Name", true, false)]);
    }
}
