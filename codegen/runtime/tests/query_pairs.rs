//! Query pairs: to and from the docs-JSON form, against a hand-written schema.

use alibabacloud_runtime::{de, query};

use query::{Field, Kind, QueryError, Scalar};
use serde_json::{json, Value};

const ENI: &[Field] = &[
    Field { name: "VSwitchId", kind: Kind::Scalar(Scalar::String) },
    Field { name: "SecurityGroupIds", kind: Kind::List(Scalar::String) },
];
const FILTER: &[Field] = &[
    Field { name: "Key", kind: Kind::Scalar(Scalar::String) },
    Field { name: "Value", kind: Kind::Scalar(Scalar::String) },
];
const DISK: &[Field] = &[Field { name: "Size", kind: Kind::Scalar(Scalar::Integer) }];
const SYSTEM_DISK: &[Field] = &[Field { name: "Size", kind: Kind::Scalar(Scalar::String) }];
const SCHEMA: &[Field] = &[
    Field { name: "RegionId", kind: Kind::Scalar(Scalar::String) },
    Field { name: "DryRun", kind: Kind::Scalar(Scalar::Boolean) },
    Field { name: "Price", kind: Kind::Scalar(Scalar::Float) },
    Field { name: "SystemDisk", kind: Kind::Group(SYSTEM_DISK) },
    Field { name: "DataDisk", kind: Kind::GroupList(DISK) },
    Field { name: "SecurityGroupIds", kind: Kind::List(Scalar::String) },
    Field { name: "NetworkInterface", kind: Kind::GroupList(ENI) },
    Field { name: "Filter.1", kind: Kind::Group(FILTER) },
];

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

#[test]
fn json_form_flattens_to_one_based_wire_pairs() {
    let request = json!({
        "RegionId": "cn-hangzhou", "DryRun": false, "Price": 1.0, "SystemDisk": {"Size": "40"},
        "DataDisk": [{"Size": 40}, {"Size": 50}], "SecurityGroupIds": ["sg-1", "sg-2"],
        "NetworkInterface": [{"VSwitchId": "", "SecurityGroupIds": ["sg-a", "sg-b"]}],
        "Filter.1": {"Key": "k"}, "Unset": null
    });
    assert_eq!(
        query::to_query_pairs("RunInstances", &request),
        pairs(&[
            ("Action", "RunInstances"),
            ("RegionId", "cn-hangzhou"),
            ("DryRun", "false"),
            ("Price", "1"),
            ("SystemDisk.Size", "40"),
            ("DataDisk.1.Size", "40"),
            ("DataDisk.2.Size", "50"),
            ("SecurityGroupIds.1", "sg-1"),
            ("SecurityGroupIds.2", "sg-2"),
            ("NetworkInterface.1.VSwitchId", ""),
            ("NetworkInterface.1.SecurityGroupIds.1", "sg-a"),
            ("NetworkInterface.1.SecurityGroupIds.2", "sg-b"),
            ("Filter.1.Key", "k"),
        ])
    );
}

#[test]
fn wire_pairs_read_back_into_the_json_form() {
    let wire = pairs(&[
        ("Action", "RunInstances"),
        ("RegionId", "cn-hangzhou"),
        ("Version", "2014-05-26"),
        ("DataDisk.2.Size", "50"),
        ("DataDisk.1.Size", "40"),
        ("NetworkInterface.1.SecurityGroupIds.2", "sg-b"),
        ("NetworkInterface.1.SecurityGroupIds.1", "sg-a"),
        ("Filter.1.Value", "v"),
        ("DryRun", "true"),
        ("Price", "0.97"),
    ]);
    let value: Value = query::from_query_pairs("RunInstances", SCHEMA, wire).unwrap();
    assert_eq!(
        value,
        json!({
            "RegionId": "cn-hangzhou", "DataDisk": [{"Size": 40}, {"Size": 50}],
            "NetworkInterface": [{"SecurityGroupIds": ["sg-a", "sg-b"]}], "Filter.1": {"Value": "v"},
            "DryRun": true, "Price": 0.97
        })
    );
}

#[test]
fn bad_pairs_are_named_errors() {
    let read =
        |items: &[(&str, &str)]| query::from_query_pairs::<Value, _, _>("RunInstances", SCHEMA, pairs(items));
    assert_eq!(
        read(&[("Action", "StopInstance")]).unwrap_err(),
        QueryError::WrongAction { expected: "RunInstances", found: "StopInstance".into() }
    );
    assert_eq!(read(&[("Bogus", "1")]).unwrap_err(), QueryError::UnknownKey("Bogus".into()));
    assert_eq!(read(&[("SystemDisk", "1")]).unwrap_err(), QueryError::UnknownKey("SystemDisk".into()));
    assert_eq!(
        read(&[("RegionId", "a"), ("RegionId", "b")]).unwrap_err(),
        QueryError::DuplicateKey("RegionId".into())
    );
    assert_eq!(
        read(&[("DataDisk.0.Size", "1")]).unwrap_err(),
        QueryError::BadIndex("DataDisk.0.Size".into())
    );
    assert_eq!(
        read(&[("DataDisk.3.Size", "1"), ("DataDisk.1.Size", "1"), ("RegionId", "r")]).unwrap_err(),
        QueryError::MissingIndex("DataDisk.2".into())
    );
    assert_eq!(
        read(&[("DataDisk.2.Size", "1")]).unwrap_err(),
        QueryError::IndexTooHigh("DataDisk.2.Size".into())
    );
    assert_eq!(
        read(&[("DataDisk.4294967296.Size", "1"), ("RegionId", "r")]).unwrap_err(),
        QueryError::IndexTooHigh("DataDisk.4294967296.Size".into()),
        "refused before the list could grow that long"
    );
    assert!(matches!(read(&[("DataDisk.1.Size", "x")]).unwrap_err(), QueryError::BadValue { .. }));
    assert!(matches!(read(&[("DryRun", "yes")]).unwrap_err(), QueryError::BadValue { .. }));
}

#[test]
fn query_strings_split_and_decode() {
    let url =
        "https://ecs.aliyuncs.com/?Action=RunInstances\n&RegionId=cn-hangzhou\n&Name=a%20b%2\n&Empty=\n";
    assert_eq!(
        query::parse_query_string(url),
        pairs(&[("Action", "RunInstances"), ("RegionId", "cn-hangzhou"), ("Name", "a b%2"), ("Empty", "")])
    );
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Item {
    #[serde(rename = "Id", default, deserialize_with = "de::scalar")]
    id: Option<String>,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Body {
    #[serde(rename = "Price", default, deserialize_with = "de::scalar")]
    price: Option<f64>,
    #[serde(rename = "Count", default, deserialize_with = "de::scalar")]
    count: Option<i32>,
    #[serde(rename = "On", default, deserialize_with = "de::scalar")]
    on: Option<bool>,
    #[serde(rename = "Ids", default, deserialize_with = "de::wrapped_scalar_list")]
    ids: Vec<String>,
    #[serde(rename = "Sizes", default, deserialize_with = "de::scalar_list")]
    sizes: Vec<i64>,
    #[serde(rename = "Items", default, deserialize_with = "de::wrapped_list")]
    items: Vec<Item>,
    #[serde(rename = "Bare", default, deserialize_with = "de::list")]
    bare: Vec<Item>,
}

#[test]
fn responses_read_numbers_as_strings_wrappers_and_absent_fields() {
    let body: Body = serde_json::from_value(json!({
        "Price": "0.165", "Count": "", "On": "true", "Ids": {"Id": ["a", "b"]}, "Sizes": ["1", 2],
        "Items": {"Item": {"Id": 7}}, "Bare": [{"Id": "x"}], "Extra": {"ignored": true}
    }))
    .unwrap();
    assert_eq!(body.price, Some(0.165));
    assert_eq!(body.count, None);
    assert_eq!(body.on, Some(true));
    assert_eq!(body.ids, ["a", "b"]);
    assert_eq!(body.sizes, [1, 2]);
    assert_eq!(body.items, [Item { id: Some("7".into()) }]);
    assert_eq!(body.bare, [Item { id: Some("x".into()) }]);
    let empty: Body = serde_json::from_value(json!({})).unwrap();
    assert!(empty.ids.is_empty() && empty.price.is_none());
    assert!(serde_json::from_value::<Body>(json!({"Count": "many"})).is_err());
}

#[test]
fn lists_the_docs_show_bare_are_read_when_the_service_wraps_them() {
    let body: Body = serde_json::from_value(json!({
        "Sizes": {"Size": ["1", 2]}, "Bare": {"Item": [{"Id": "x"}, {"Id": "y"}]}
    }))
    .unwrap();
    assert_eq!(body.sizes, [1, 2]);
    assert_eq!(body.bare, [Item { id: Some("x".into()) }, Item { id: Some("y".into()) }]);
    let single: Body = serde_json::from_value(json!({"Bare": {"Id": "z"}})).unwrap();
    assert_eq!(single.bare, [Item { id: Some("z".into()) }], "a lone object is still one item");
}
