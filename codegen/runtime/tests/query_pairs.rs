//! Query pairs and JSON through field tables: to and from wire pairs, the docs' JSON form, and
//! lenient response reading, against hand-written tables shaped like generated ones.

mod support;

use alibabacloud_runtime::query::{self, QueryError};
use alibabacloud_runtime::{Operation, Secret};
use serde_json::json;
use support::tables::{DataDisk, Filter, Item, NetworkInterface, Request, Response, SystemDisk};

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn request() -> Request {
    Request {
        region_id: Some("cn-hangzhou".into()),
        dry_run: Some(false),
        price: Some(1.0),
        system_disk: Some(SystemDisk { size: Some("40".into()) }),
        data_disk: vec![
            DataDisk { size: Some(40), category: None },
            DataDisk { size: Some(50), category: None },
        ],
        security_group_ids: vec!["sg-1".into(), "sg-2".into()],
        network_interface: vec![NetworkInterface {
            v_switch_id: Some(String::new()),
            security_group_ids: vec!["sg-a".into(), "sg-b".into()],
        }],
        filter_1: Some(Filter { key: Some("k".into()), value: None }),
        password: Some(Secret::new("EcsV587!")),
        ..Request::default()
    }
}

#[test]
fn typed_requests_flatten_to_one_based_wire_pairs() {
    assert_eq!(
        request().to_query_pairs(),
        pairs(&[
            ("Action", "RunInstances"),
            ("RegionId", "cn-hangzhou"),
            ("DryRun", "false"),
            ("Price", "1"),
            ("Password", "EcsV587!"),
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
fn debug_of_wire_pairs_and_signed_queries_never_shows_a_secret() {
    let wire = request().to_query_pairs();
    let shown = format!("{wire:?}");
    assert!(!shown.contains("EcsV587"), "{shown}");
    assert!(
        shown.contains(r#"("Password", ***)"#) && shown.contains(r#"("RegionId", "cn-hangzhou")"#),
        "{shown}"
    );
    let plain: query::QueryPairs = wire.to_vec().into_iter().collect();
    assert_eq!(wire, plain, "which pairs are secret is not part of equality");
    let signed = alibabacloud_runtime::signing::sign_pairs(
        &wire.to_vec(),
        alibabacloud_runtime::signing::HttpMethod::Post,
        "the-secret",
    );
    let shown = format!("{signed:?}");
    assert!(!shown.contains("EcsV587") && !shown.contains(&signed.signature), "{shown}");
    assert!(shown.contains(r#""Password""#) && shown.contains("signature: ***"), "{shown}");
}

#[test]
fn wire_pairs_read_back_into_the_typed_request() {
    let wire = pairs(&[
        ("Action", "RunInstances"),
        ("RegionId", "cn-hangzhou"),
        ("Version", "2014-05-26"),
        ("DataDisk.2.Size", "50"),
        ("DataDisk.10.Size", "10"),
        ("DataDisk.1.Size", "40"),
        ("NetworkInterface.1.SecurityGroupIds.2", "sg-b"),
        ("NetworkInterface.1.SecurityGroupIds.1", "sg-a"),
        ("Filter.1.Value", "v"),
        ("DryRun", "true"),
        ("Price", "0.97"),
    ]);
    let gap = query::from_query_pairs::<Request, _, _>("RunInstances", wire.clone()).unwrap_err();
    assert_eq!(gap, QueryError::MissingIndex("DataDisk.3".into()), "2 is followed by 10: 3 is missing");
    let wire: Vec<(String, String)> = wire.into_iter().filter(|(k, _)| k != "DataDisk.10.Size").collect();
    let read: Request = query::from_query_pairs("RunInstances", wire).unwrap();
    assert_eq!(
        read,
        Request {
            region_id: Some("cn-hangzhou".into()),
            data_disk: vec![
                DataDisk { size: Some(40), category: None },
                DataDisk { size: Some(50), category: None }
            ],
            network_interface: vec![NetworkInterface {
                v_switch_id: None,
                security_group_ids: vec!["sg-a".into(), "sg-b".into()]
            }],
            filter_1: Some(Filter { key: None, value: Some("v".into()) }),
            dry_run: Some(true),
            price: Some(0.97),
            ..Request::default()
        }
    );
    let full = request();
    assert_eq!(
        query::from_query_pairs::<Request, _, _>("RunInstances", full.to_query_pairs()).unwrap(),
        full
    );
}

#[test]
fn bad_pairs_are_named_errors() {
    let read =
        |items: &[(&str, &str)]| query::from_query_pairs::<Request, _, _>("RunInstances", pairs(items));
    assert_eq!(
        read(&[("Action", "StopInstance")]).unwrap_err(),
        QueryError::WrongAction { expected: "RunInstances", found: "StopInstance".into() }
    );
    assert_eq!(read(&[("Bogus", "1")]).unwrap_err(), QueryError::UnknownKey("Bogus".into()));
    assert_eq!(read(&[("SystemDisk", "1")]).unwrap_err(), QueryError::UnknownKey("SystemDisk".into()));
    assert_eq!(read(&[("RegionId.1", "1")]).unwrap_err(), QueryError::UnknownKey("RegionId.1".into()));
    assert_eq!(
        read(&[("RegionId", "a"), ("RegionId", "b")]).unwrap_err(),
        QueryError::DuplicateKey("RegionId".into())
    );
    assert_eq!(
        read(&[("SecurityGroupIds.1", "a"), ("SecurityGroupIds.1", "b")]).unwrap_err(),
        QueryError::DuplicateKey("SecurityGroupIds.1".into())
    );
    assert_eq!(
        read(&[("DataDisk.0.Size", "1")]).unwrap_err(),
        QueryError::BadIndex("DataDisk.0.Size".into())
    );
    assert_eq!(
        read(&[("DataDisk.x.Size", "1")]).unwrap_err(),
        QueryError::BadIndex("DataDisk.x.Size".into())
    );
    assert_eq!(
        read(&[("DataDisk.3.Size", "1"), ("DataDisk.1.Size", "1"), ("RegionId", "r")]).unwrap_err(),
        QueryError::MissingIndex("DataDisk.2".into())
    );
    assert_eq!(read(&[("DataDisk.2.Size", "1")]).unwrap_err(), QueryError::MissingIndex("DataDisk.1".into()));
    assert_eq!(
        read(&[("DataDisk.4294967296.Size", "1"), ("RegionId", "r")]).unwrap_err(),
        QueryError::MissingIndex("DataDisk.1".into()),
        "refused without growing the list"
    );
    assert!(matches!(read(&[("DataDisk.1.Size", "x")]).unwrap_err(), QueryError::BadValue { .. }));
    assert!(matches!(read(&[("DryRun", "yes")]).unwrap_err(), QueryError::BadValue { .. }));
    assert!(matches!(
        read(&[("Amount", "2,000")]).unwrap_err(),
        QueryError::BadValue { expected: "an integer", .. }
    ));
    assert_eq!(
        read(&[]).unwrap(),
        Request::default(),
        "missing required parameters are validation's to report"
    );
}

#[test]
fn query_strings_split_and_decode() {
    let url =
        "https://ecs.aliyuncs.com/?Action=RunInstances\n&RegionId=cn-hangzhou\n&Name=a%20b%2\n&Empty=\n";
    assert_eq!(
        query::parse_query_string(url),
        pairs(&[("Action", "RunInstances"), ("RegionId", "cn-hangzhou"), ("Name", "a b%2"), ("Empty", "")])
    );
    // `%XX` in either case decodes to a byte; anything else after `%` stays; `+` is not a space
    // (RPC encodes a space as `%20`); bytes that are not UTF-8 become U+FFFD.
    assert_eq!(
        query::parse_query_string("A=%e4%B8%AD%2B+&B=%zz%&C=100%25&D=%FF"),
        pairs(&[("A", "中++"), ("B", "%zz%"), ("C", "100%"), ("D", "\u{FFFD}")])
    );
}

#[test]
fn the_docs_json_form_round_trips_strictly() {
    let full = request();
    let json = serde_json::to_value(&full).unwrap();
    assert_eq!(
        json,
        json!({
            "RegionId": "cn-hangzhou", "DryRun": false, "Price": 1.0, "Password": "EcsV587!",
            "SystemDisk": {"Size": "40"}, "DataDisk": [{"Size": 40}, {"Size": 50}],
            "SecurityGroupIds": ["sg-1", "sg-2"],
            "NetworkInterface": [{"VSwitchId": "", "SecurityGroupIds": ["sg-a", "sg-b"]}],
            "Filter.1": {"Key": "k"}
        })
    );
    assert_eq!(serde_json::from_value::<Request>(json).unwrap(), full);
    let error = |json: serde_json::Value| serde_json::from_value::<Request>(json).unwrap_err().to_string();
    assert_eq!(error(json!({"Bogus": 1})), "unknown field `Bogus`");
    assert_eq!(error(json!({"Amount": "3"})), "`Amount`: expected an integer, found a string");
    assert_eq!(
        error(json!({"DataDisk": [{"Size": 1.5}]})),
        "`DataDisk.1.Size`: expected an integer, found a fraction"
    );
    assert_eq!(error(json!({"DataDisk": {"Size": 1}})), "`DataDisk`: expected a list, found an object");
    assert_eq!(error(json!({"Password": 12345678})), "`Password`: expected a string, found an integer");
    assert_eq!(error(json!([])), "expected an object, found a list");
    assert_eq!(serde_json::from_value::<Request>(json!({})).unwrap(), Request::default());
    assert_eq!(serde_json::from_value::<Request>(json!({"RegionId": null})).unwrap(), Request::default());
}

#[test]
fn responses_read_numbers_as_strings_wrappers_and_absent_fields() {
    let body: Response = serde_json::from_value(json!({
        "Price": "0.165", "Count": "", "On": "true", "Ids": {"Id": ["a", "b"]}, "Sizes": ["1", 2],
        "Items": {"Item": {"Id": 7}}, "Bare": [{"Id": "x"}], "Extra": {"ignored": true}, "Owner": null
    }))
    .unwrap();
    assert_eq!(body.price, Some(0.165));
    assert_eq!(body.count, None);
    assert_eq!(body.on, Some(true));
    assert_eq!(body.ids, ["a", "b"]);
    assert_eq!(body.sizes, [1, 2]);
    assert_eq!(body.items, [Item { id: Some("7".into()) }]);
    assert_eq!(body.bare, [Item { id: Some("x".into()) }]);
    assert_eq!(body.owner, None);
    let empty: Response = serde_json::from_value(json!({})).unwrap();
    assert!(empty.ids.is_empty() && empty.price.is_none());
    assert!(serde_json::from_value::<Response>(json!({"Count": "many"})).is_err());
    assert!(serde_json::from_value::<Response>(json!({"Owner": 3})).is_err());
}

#[test]
fn members_are_read_in_any_order() {
    // The reader looks for each key from the field after the last one found: keys in table order,
    // reversed, repeated or shuffled among unknown ones all land in their own fields.
    let in_order: Response =
        serde_json::from_value(json!({"Price": 1.5, "Count": 2, "On": true, "Owner": {"Id": "o"}})).unwrap();
    let reversed: Response =
        serde_json::from_value(json!({"Owner": {"Id": "o"}, "On": true, "Count": 2, "Price": 1.5})).unwrap();
    let shuffled: Response = serde_json::from_value(
        json!({"On": true, "X": 1, "Price": 1.5, "Owner": {"Id": "o"}, "Y": 2, "Count": 2}),
    )
    .unwrap();
    assert_eq!(in_order, reversed);
    assert_eq!(in_order, shuffled);
    assert_eq!(
        (in_order.price, in_order.count, in_order.on, in_order.owner),
        (Some(1.5), Some(2), Some(true), Some(Item { id: Some("o".into()) }))
    );
    let strict =
        serde_json::from_value::<Request>(json!({"RegionId": "cn", "Amount": 2, "DryRun": true, "Bogus": 1}));
    assert_eq!(strict.unwrap_err().to_string(), "unknown field `Bogus`");
}

#[test]
fn lists_the_docs_show_bare_are_read_when_the_service_wraps_them() {
    let body: Response = serde_json::from_value(json!({
        "Sizes": {"Size": ["1", 2]}, "Bare": {"Item": [{"Id": "x"}, {"Id": "y"}]}
    }))
    .unwrap();
    assert_eq!(body.sizes, [1, 2]);
    assert_eq!(body.bare, [Item { id: Some("x".into()) }, Item { id: Some("y".into()) }]);
    let single: Response = serde_json::from_value(json!({"Bare": {"Id": "z"}})).unwrap();
    assert_eq!(single.bare, [Item { id: Some("z".into()) }], "a lone object is still one item");
}

#[test]
fn natural_order_is_a_total_order_on_any_keys() {
    use std::cmp::Ordering;
    let keys = ["9", "10", "5-", "DataDisk.2", "DataDisk.10", "DataDisk.x", "DataDisk.02", " ", "", "0"];
    for a in keys {
        for b in keys {
            let ab = query::natural_order(a, b);
            assert_eq!(ab, query::natural_order(b, a).reverse(), "{a:?} {b:?}");
            for c in keys {
                if ab != Ordering::Greater && query::natural_order(b, c) != Ordering::Greater {
                    assert_ne!(query::natural_order(a, c), Ordering::Greater, "{a:?} <= {b:?} <= {c:?}");
                }
            }
        }
    }
    assert_eq!(query::natural_order("DataDisk.2", "DataDisk.10"), Ordering::Less);
    let mut sorted = keys.to_vec();
    sorted.sort_by(|a, b| query::natural_order(a, b));
    assert_eq!(sorted[..3], ["0", "9", "10"]);
}
