//! The XML success example places response fields that the page's JSON example does not show.

mod common;

use codegen::ir::{Field, FieldShape};

fn members<'f>(fields: &'f [Field], name: &str) -> Vec<&'f str> {
    let field = fields.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no field `{name}`"));
    match &field.shape {
        FieldShape::Array { fields, .. } | FieldShape::Struct { fields } => {
            fields.iter().map(|f| f.name.as_str()).collect()
        }
        other => panic!("`{name}` is {other:?}"),
    }
}

/// The JSON example of DescribeDedicatedHostAutoRenew misnames the list
/// (`DedicatedHostIdRenewAttributes`); its XML example names it as the table does, so `Duration`,
/// `PeriodUnit` and `RenewalStatus` are placed in the list item without a table-order guess.
#[test]
fn describe_dedicated_host_auto_renew_places_list_members_by_the_xml_example() {
    let Some(shared) = common::shared_dir() else { return };
    let page = common::parse_file(&shared.join("corpus/ecs/DescribeDedicatedHostAutoRenew.md"));
    let api = page.api.expect("API");
    let top: Vec<&str> = api.response.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(top, ["DedicatedHostRenewAttributes", "RequestId"]);
    assert_eq!(
        members(&api.response, "DedicatedHostRenewAttributes"),
        ["AutoRenewEnabled", "DedicatedHostId", "Duration", "PeriodUnit", "RenewalStatus"]
    );
    let guesses: Vec<String> =
        page.diagnostics.iter().map(|d| d.to_string()).filter(|d| d.contains("by table order")).collect();
    assert!(guesses.is_empty(), "{guesses:#?}");
}

/// DescribeTasks' JSON example wraps the list the other way round; the XML example shows
/// `TaskStatus` in the `Task` item.
#[test]
fn describe_tasks_places_task_status_by_the_xml_example() {
    let Some(shared) = common::shared_dir() else { return };
    let page = common::parse_file(&shared.join("corpus/ecs/DescribeTasks.md"));
    let api = page.api.expect("API");
    assert!(members(&api.response, "TaskSet").contains(&"TaskStatus"));
    assert!(
        !page.diagnostics.iter().any(|d| d.to_string().contains("by table order")),
        "{:#?}",
        page.diagnostics
    );
}
