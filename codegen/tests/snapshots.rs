//! Insta snapshots: the IR structure (no prose) of one page per format generation. (The current
//! pages' full IR is committed in `generated/ir/`, guarded by `cargo xtask check`.)

mod common;

use codegen::ir::{Api, Field, FieldShape};
use serde_json::{json, Value};

/// Names, types, required flags, shapes and error codes of an API, without prose.
fn structure(api: &Api) -> Value {
    json!({
        "name": api.name,
        "request": api.request.iter().map(|p| json!({
            "wire_name": p.wire_name,
            "doc_type": p.doc_type,
            "ty": p.ty,
            "required": p.required,
            "path": p.path,
            "position": p.position,
        })).collect::<Vec<_>>(),
        "response": fields(&api.response),
        "examples": {
            "request_keys": api.examples.request.iter().map(|q| q.key.as_str()).collect::<Vec<_>>(),
            "json": api.examples.json_response.is_some(),
            "xml": api.examples.xml_response.is_some(),
        },
        "errors": api.errors.iter().map(|e| json!([e.status, e.code])).collect::<Vec<_>>(),
    })
}

fn fields(list: &[Field]) -> Vec<Value> {
    list.iter()
        .map(|f| {
            let shape = match &f.shape {
                FieldShape::Scalar { ty } => json!({ "kind": "scalar", "ty": ty }),
                FieldShape::ScalarList { ty, wrapper } => {
                    json!({ "kind": "scalar_list", "ty": ty, "wrapper": wrapper })
                }
                FieldShape::Struct { fields: children } => {
                    json!({ "kind": "struct", "fields": fields(children) })
                }
                FieldShape::Array { item, wrapper, fields: children } => {
                    json!({ "kind": "array", "item": item, "wrapper": wrapper, "fields": fields(children) })
                }
            };
            json!({ "name": f.name, "doc_type": f.doc_type, "shape": shape })
        })
        .collect()
}

fn snapshot_structure(name: &str, page: &str) {
    let Some(shared) = common::shared_dir() else { return };
    let parsed = common::parse_file(&shared.join("corpus").join(page));
    let api = parsed.api.unwrap_or_else(|| panic!("{page}: no API"));
    insta::assert_json_snapshot!(name, structure(&api));
}

#[test]
fn structure_2018_sub_tables() {
    snapshot_structure("history_2018_RunInstances", "history/RunInstances/01_2018-06-13_5888adf4f.md");
}

#[test]
fn structure_2019_seed_generation() {
    snapshot_structure("history_2019_RunInstances", "history/RunInstances/19_2019-09-16_2cbfd53d8.md");
}

#[test]
fn structure_2020_flat() {
    snapshot_structure("history_2020_RunInstances", "history/RunInstances/20_2020-09-29_10c3f5892.md");
}

#[test]
fn structure_2021_current() {
    snapshot_structure("history_2021_RunInstances", "history/RunInstances/33_2021-06-15_a7f688621.md");
}

#[test]
fn structure_flat_arrays_and_structs() {
    snapshot_structure("ecs_DescribeInstances", "ecs/DescribeInstances.md");
}

#[test]
fn structure_marked_nesting() {
    snapshot_structure("ecs_DescribeTags", "ecs/DescribeTags.md");
}

#[test]
fn structure_array_markers() {
    snapshot_structure(
        "ecs_DescribeAutoProvisioningGroupHistory",
        "ecs/DescribeAutoProvisioningGroupHistory.md",
    );
}
