//! The macros generated crates invoke (`accessors!`, `setters!`, `operation!`, `value_enum!`,
//! `error_codes!`), used here as a generated module uses them: a request with an optional group and a
//! list of groups, its builder with a setter of every kind, its operation, a value enum, and error
//! codes falling back to common ones; and the docs' examples as a crate's data file holds them,
//! put through those types as `doc_example_tests!` does.

use alibabacloud_runtime::doc_examples::ExampleFile;
use alibabacloud_runtime::query;
use alibabacloud_runtime::schema::{Field, Schema};
use alibabacloud_runtime::{ErrorBody, ErrorKind, Operation, ServiceError, UnknownValue, ValueEnum};
use serde_json::json;

/// The product's common codes: `error_codes!` without `common` falls back to the invoking crate's
/// `CommonErrorCode`.
#[derive(Debug, Clone, Copy, PartialEq, Hash)]
pub enum CommonErrorCode {
    Throttling,
}
alibabacloud_runtime::error_codes!(common CommonErrorCode; Throttling "Throttling" Some(400));

#[derive(Debug, Clone, Copy, PartialEq, Hash)]
pub enum DemoErrorCode {
    NotFound,
    Busy,
}
alibabacloud_runtime::error_codes!(DemoErrorCode; NotFound "Demo.NotFound" Some(404), Busy "Demo.Busy" None);

pub type DemoError = ServiceError<DemoErrorCode>;

#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Category {
    Cloud,
    CloudSsd,
    Unknown(UnknownValue<Self>),
}
alibabacloud_runtime::value_enum!(Category; Cloud "cloud", CloudSsd "cloud_ssd");

#[derive(Clone, Default)]
pub struct DemoRequest {
    pub region_id: Option<String>,
    pub count: Option<i32>,
    pub category: Option<Category>,
    pub ids: Vec<String>,
    pub sizes: Vec<i64>,
    pub disk: Option<Disk>,
    pub disks: Vec<Disk>,
}

#[derive(Clone, Default)]
pub struct Disk {
    pub size: Option<i32>,
    pub name: Option<String>,
}

#[derive(Clone, Default)]
pub struct DemoResponse {
    pub request_id: Option<String>,
}

impl Schema for DemoRequest {
    const FIELDS: &'static [Field] = &[
        Field::new("RegionId").required(),
        Field::new("Count"),
        Field::new("Category"),
        Field::new("Ids"),
        Field::new("Sizes"),
        Field::new("Disk").group(),
        Field::new("Disks").group(),
    ];
    alibabacloud_runtime::accessors!(
        value 0 region_id, 1 count, 2 category, 3 ids, 4 sizes;
        group 5 disk;
        groups 6 disks;
    );
}

impl Schema for Disk {
    const FIELDS: &'static [Field] = &[Field::new("Size"), Field::new("Name")];
    alibabacloud_runtime::accessors!(value 0 size, 1 name;);
}

impl Schema for DemoResponse {
    const FIELDS: &'static [Field] = &[Field::new("RequestId")];
    alibabacloud_runtime::accessors!(value 0 request_id;);
}

alibabacloud_runtime::request_builder!();
alibabacloud_runtime::json_form!(DemoRequest, Disk);
alibabacloud_runtime::lenient_json!(DemoResponse);

impl DemoRequest {
    pub fn builder(region_id: impl Into<String>) -> DemoRequestBuilder {
        RequestBuilder(Self { region_id: Some(region_id.into()), ..Self::default() })
    }
}

alibabacloud_runtime::operation!(
    DemoRequest, DemoRequestBuilder, DemoResponse, DemoError, "Demo", "2014-05-26", true,
    client_token "ClientToken"
);

impl DemoRequestBuilder {
    alibabacloud_runtime::setters!(
        builder DemoRequest; into category Category; value count i32, disk Disk; each sizes i64,
        disks Disk; each_into ids String;
    );
}

impl Disk {
    alibabacloud_runtime::setters!(Disk; into name String; value size i32;);
}

fn full() -> DemoRequest {
    DemoRequest::builder("cn-hangzhou")
        .category("cloud_ssd")
        .count(2)
        .disk(Disk::default().size(40).name("system"))
        .sizes([1, 2])
        .disks([Disk::default().size(20), Disk::default().name("data")])
        .ids(["i-1", "i-2"])
        .build()
        .expect("a valid request")
        .into_inner()
}

#[test]
fn setters_of_every_kind_fill_the_request_and_the_accessors_read_it_back() {
    let request = full();
    assert_eq!(request.category, Some(Category::CloudSsd));
    assert_eq!(
        (request.count, request.ids.as_slice(), request.sizes.as_slice()),
        (Some(2), &["i-1".to_owned(), "i-2".to_owned()][..], &[1, 2][..])
    );
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(
        json,
        json!({
            "RegionId": "cn-hangzhou", "Count": 2, "Category": "cloud_ssd", "Ids": ["i-1", "i-2"], "Sizes": [1, 2],
            "Disk": {"Size": 40, "Name": "system"}, "Disks": [{"Size": 20}, {"Name": "data"}]
        })
    );
    let read: DemoRequest = serde_json::from_value(json).unwrap();
    assert_eq!(read, request, "get_mut fills what get reads");
    let pairs: Vec<(String, String)> =
        request.to_query_pairs().iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
    assert!(pairs.contains(&("Disks.2.Name".into(), "data".into())), "{pairs:?}");
    assert_eq!(DemoRequest::from_query_pairs(pairs).unwrap(), request);
}

#[test]
fn the_operation_carries_the_apis_facts_and_validates() {
    assert_eq!(
        (DemoRequest::ACTION, DemoRequest::VERSION, DemoRequest::IDEMPOTENT),
        ("Demo", "2014-05-26", true)
    );
    assert_eq!(DemoRequest::CLIENT_TOKEN, Some("ClientToken"));
    assert!(full().roa().is_none(), "an RPC operation");
    let missing = DemoRequest::default().validate().unwrap_err();
    assert!(missing.to_string().contains("RegionId"), "{missing}");
    assert!(RequestBuilder(DemoRequest::default()).build().is_err());
    assert!(RequestBuilder(DemoRequest::default()).build_unvalidated().region_id.is_none());
    assert_eq!(
        DemoRequest::from_query_pairs([("Action", "Other")]).err(),
        Some(query::QueryError::WrongAction { expected: "Demo", found: "Other".into() }),
        "from_query_pairs reads only this API's pairs"
    );
}

#[test]
fn value_enums_convert_both_ways_and_keep_unknown_values() {
    assert_eq!(Category::from("cloud"), Category::Cloud);
    assert_eq!(Category::CloudSsd.as_str(), "cloud_ssd");
    assert_eq!(Category::CloudSsd.to_string(), "cloud_ssd");
    let other = Category::from("cloud_auto".to_owned());
    assert_eq!((other.as_str(), other.is_documented()), ("cloud_auto", false));
    assert_eq!(serde_json::to_value(&other).unwrap(), json!("cloud_auto"));
    assert_eq!(Category::VALUES.len(), 2);
}

#[test]
fn value_and_code_enums_are_eq_and_hash_as_set_members_and_in_patterns() {
    // `Eq` comes from the macros (a marker impl), not from the derives.
    let categories: std::collections::HashSet<Category> =
        ["cloud", "cloud", "cloud_auto"].into_iter().map(Category::from).collect();
    assert_eq!(categories.len(), 2);
    let codes: std::collections::HashSet<DemoErrorCode> =
        [DemoErrorCode::Busy, DemoErrorCode::Busy, DemoErrorCode::NotFound].into();
    assert_eq!(codes.len(), 2);
    const BUSY: DemoErrorCode = DemoErrorCode::Busy;
    assert!(matches!(DemoErrorCode::Busy, BUSY));
}

#[test]
fn error_codes_are_found_in_the_apis_table_then_the_common_one() {
    let error = |code: &str, status: u16| DemoError::from(ErrorBody::new(code, "m").with_status(status));
    let not_found = error("Demo.NotFound", 404);
    assert_eq!(not_found.kind(), ErrorKind::Api(DemoErrorCode::NotFound));
    assert_eq!(not_found.documented_status(), Some(404));
    assert_eq!(error("Demo.Busy", 503).documented_status(), None, "no status documented");
    let common = error("Throttling", 400);
    assert_eq!(common.kind(), ErrorKind::Common(CommonErrorCode::Throttling));
    assert_eq!(common.documented_status(), Some(400));
    assert_eq!(error("Other", 500).kind(), ErrorKind::Unknown);
}

/// A crate's `tests/doc_examples.json` for the demo API: `findings` and `sample` vary per test.
fn example_data(sample: &str, findings: &str) -> &'static str {
    let data = format!(
        r#"{{"product": "demo", "apis": {{"demo": {{"api": "Demo",
            "sample_request": [{sample}], "json_response": "{{\"RequestId\": \"r-1\"}}",
            "xml_response": "<DemoResponse><RequestId>r-1</RequestId></DemoResponse>",
            "error_codes": [["Demo.NotFound", 404], ["Demo.Busy", null]], "findings": [{findings}]}}}}}}"#
    );
    Box::leak(data.into_boxed_str())
}

fn check_examples(data: &'static str, module: &str) {
    ExampleFile::new(data).check::<DemoRequest, DemoResponse, DemoErrorCode>(module);
}

#[test]
fn the_docs_examples_as_data_go_through_the_apis_types() {
    check_examples(
        example_data(r#"["Action", "Demo"], ["RegionId", "cn-hangzhou"], ["Count", "2"]"#, ""),
        "demo",
    );
    // A sample the docs get wrong passes when the data lists it as a finding.
    let wrong = r#"["Action", "Demo"], ["RegionId", "cn-hangzhou"], ["Size", "2"]"#;
    let listed = r#"{"example": "sample_request", "fails": "unknown parameter `Size`", "reason": "a typo"}"#;
    check_examples(example_data(wrong, listed), "demo");
}

#[test]
#[should_panic(expected = "sample request: from_query_pairs: unknown parameter `Size`")]
fn an_example_that_does_not_go_through_fails_the_test() {
    check_examples(example_data(r#"["Action", "Demo"], ["Size", "2"]"#, ""), "demo");
}

#[test]
#[should_panic(expected = "listed findings that did not happen:\n  sample request: `Size`")]
fn a_listed_finding_that_does_not_happen_fails_the_test() {
    let listed = r#"{"example": "sample_request", "fails": "Size", "reason": "fixed since"}"#;
    check_examples(example_data(r#"["Action", "Demo"], ["RegionId", "cn-hangzhou"]"#, listed), "demo");
}

#[test]
#[should_panic(expected = "tests/doc_examples.json has no examples of `other`")]
fn an_api_the_data_does_not_hold_fails_the_test() {
    check_examples(example_data("", ""), "other");
}

#[test]
#[should_panic(expected = "tests/doc_examples.json does not read: unknown field `extra`")]
fn data_in_another_shape_fails_the_test() {
    check_examples(r#"{"product": "demo", "apis": {}, "extra": 1}"#, "demo");
}
