//! Compares response field trees by dotted path: fields added, removed, or of another shape or type.

use super::change::{Change, ChangeKind, Wording, WordingKind};
use super::matching::same_text;
use crate::ir::{Field, FieldShape, ScalarType};

/// Compares the response trees of one API. A removed or added subtree is reported once, at its root.
pub fn compare_response(
    api: &str,
    old: &[Field],
    new: &[Field],
    changes: &mut Vec<Change>,
    wording: &mut Vec<Wording>,
) {
    compare_level(api, "", old, new, changes, wording);
}

fn compare_level(
    api: &str,
    parent: &str,
    old: &[Field],
    new: &[Field],
    changes: &mut Vec<Change>,
    wording: &mut Vec<Wording>,
) {
    let path = |f: &Field| if parent.is_empty() { f.name.clone() } else { format!("{parent}.{}", f.name) };
    // By name, the first of each: a level may have as many fields as the page has rows.
    let mut old_by_name: std::collections::HashMap<&str, &Field> = std::collections::HashMap::new();
    for o in old {
        old_by_name.entry(o.name.as_str()).or_insert(o);
    }
    let new_names: std::collections::HashSet<&str> = new.iter().map(|n| n.name.as_str()).collect();
    for o in old.iter().filter(|o| !new_names.contains(o.name.as_str())) {
        changes.push(Change::new(api, ChangeKind::ResponseFieldRemoved, &path(o), shape_name(&o.shape)));
    }
    for n in new {
        let Some(o) = old_by_name.get(n.name.as_str()).copied() else {
            changes.push(Change::new(api, ChangeKind::ResponseFieldAdded, &path(n), shape_name(&n.shape)));
            continue;
        };
        let here = path(n);
        if let Some(kind) = shape_change(&o.shape, &n.shape) {
            changes
                .push(Change::new(api, kind, &here, "").values(shape_name(&o.shape), shape_name(&n.shape)));
        } else if o.doc_type != n.doc_type {
            wording.push(Wording {
                api: api.to_owned(),
                name: here.clone(),
                what: WordingKind::DocTypeSpelling,
            });
        }
        if !same_text(&o.description.plain, &n.description.plain) {
            wording.push(Wording {
                api: api.to_owned(),
                name: here.clone(),
                what: WordingKind::ResponseFieldDescription,
            });
        }
        compare_level(api, &here, children(&o.shape), children(&n.shape), changes, wording);
    }
}

/// The type change between two shapes, if any. Children are compared separately.
fn shape_change(old: &FieldShape, new: &FieldShape) -> Option<ChangeKind> {
    use FieldShape::*;
    let (json_changed, rust_type_changed) = match (old, new) {
        (Scalar { ty: a }, Scalar { ty: b }) => (json_kind(*a) != json_kind(*b), a != b),
        (ScalarList { ty: a, wrapper: x }, ScalarList { ty: b, wrapper: y }) => {
            (json_kind(*a) != json_kind(*b) || x != y, a != b)
        }
        (Struct { .. }, Struct { .. }) => (false, false),
        // The item names the generated struct; the wrapper is only where the JSON puts the list.
        (Array { item: a, wrapper: x, .. }, Array { item: b, wrapper: y, .. }) => (x != y, a != b),
        _ => (true, true),
    };
    (json_changed || rust_type_changed)
        .then_some(ChangeKind::ResponseFieldTypeChanged { json_changed, rust_type_changed })
}

/// The JSON value kind a scalar is documented as.
fn json_kind(ty: ScalarType) -> &'static str {
    match ty {
        ScalarType::String => "string",
        ScalarType::Boolean => "boolean",
        ScalarType::Integer | ScalarType::Long | ScalarType::Float | ScalarType::Double => "number",
        ScalarType::Json => "any",
    }
}

fn children(shape: &FieldShape) -> &[Field] {
    match shape {
        FieldShape::Struct { fields } | FieldShape::Array { fields, .. } => fields,
        FieldShape::Scalar { .. } | FieldShape::ScalarList { .. } => &[],
    }
}

fn shape_name(shape: &FieldShape) -> String {
    let wrapped =
        |wrapper: &Option<String>| wrapper.as_ref().map(|w| format!(" in `{w}`")).unwrap_or_default();
    match shape {
        FieldShape::Scalar { ty } => format!("{ty:?}"),
        FieldShape::ScalarList { ty, wrapper } => format!("list of {ty:?}{}", wrapped(wrapper)),
        FieldShape::Struct { .. } => "struct".to_owned(),
        FieldShape::Array { item, wrapper, .. } => format!("array of {item}{}", wrapped(wrapper)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_ir::field;

    fn run(old: &[Field], new: &[Field]) -> (Vec<Change>, Vec<Wording>) {
        let (mut changes, mut wording) = (Vec::new(), Vec::new());
        compare_response("Api", old, new, &mut changes, &mut wording);
        (changes, wording)
    }

    fn summary(changes: &[Change]) -> Vec<(&'static str, &str, bool, bool)> {
        changes.iter().map(|c| (c.kind.slug(), c.name.as_str(), c.breaking_wire, c.breaking_semver)).collect()
    }

    fn scalar(name: &str, ty: ScalarType) -> Field {
        field(name, FieldShape::Scalar { ty })
    }

    fn ids(wrapper: Option<&str>) -> Field {
        field(
            "InstanceIdSets",
            FieldShape::ScalarList { ty: ScalarType::String, wrapper: wrapper.map(str::to_owned) },
        )
    }

    #[test]
    fn added_and_removed_fields() {
        let req = scalar("RequestId", ScalarType::String);
        let (c, _) =
            run(&[req.clone(), ids(Some("InstanceIdSet"))], &[req, scalar("OrderId", ScalarType::String)]);
        assert_eq!(
            summary(&c),
            [
                ("response-field-removed", "InstanceIdSets", true, true),
                ("response-field-added", "OrderId", false, false)
            ]
        );
    }

    #[test]
    fn nested_fields_are_named_by_path_and_subtrees_reported_once() {
        let item = |fields| {
            field(
                "Instances",
                FieldShape::Array { item: "Instance".into(), wrapper: Some("Instance".into()), fields },
            )
        };
        let old = [item(vec![scalar("InstanceId", ScalarType::String)])];
        let new =
            [item(vec![scalar("InstanceId", ScalarType::String), scalar("ZoneId", ScalarType::String)])];
        let (c, _) = run(&old, &new);
        assert_eq!(summary(&c), [("response-field-added", "Instances.ZoneId", false, false)]);
        let (c, _) = run(&old, &[]);
        assert_eq!(summary(&c), [("response-field-removed", "Instances", true, true)]);
    }

    #[test]
    fn type_changes() {
        let (c, _) = run(&[scalar("Price", ScalarType::String)], &[scalar("Price", ScalarType::Float)]);
        assert_eq!(summary(&c), [("response-field-type-changed", "Price", true, true)]);
        assert_eq!(c[0].detail, "String → Float");
        // Same JSON number, another Rust type.
        let (c, _) = run(&[scalar("Count", ScalarType::Integer)], &[scalar("Count", ScalarType::Long)]);
        assert_eq!(summary(&c), [("response-field-type-changed", "Count", false, true)]);
        // Another list wrapper: the JSON moves, the Rust type (`Vec<String>`) stays.
        let (c, _) = run(&[ids(Some("InstanceIdSet"))], &[ids(None)]);
        assert_eq!(summary(&c), [("response-field-type-changed", "InstanceIdSets", true, false)]);
        let (c, _) = run(&[ids(None)], &[scalar("InstanceIdSets", ScalarType::String)]);
        assert_eq!(summary(&c), [("response-field-type-changed", "InstanceIdSets", true, true)]);
    }

    #[test]
    fn reworded_description_is_wording() {
        let old = scalar("RequestId", ScalarType::String);
        let mut new = old.clone();
        new.description.plain = "The request ID.".into();
        let (c, w) = run(&[old], &[new]);
        assert!(c.is_empty());
        assert_eq!(w[0].what, WordingKind::ResponseFieldDescription);
    }
}
