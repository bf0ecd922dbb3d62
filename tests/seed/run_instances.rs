//! `alibabacloud_ecs::run_instances` against the seed page's own samples (tests/seed/RunInstances.md).

use alibabacloud_ecs::run_instances::*;
use alibabacloud_ecs::runtime::query::parse_query_string;
use alibabacloud_ecs::{CommonErrorCode, ErrorBody, ErrorKind, Operation};

const SEED: &str = include_str!("seed/RunInstances.md");

/// The fenced block that follows `marker` in the seed page.
fn block_after(marker: &str) -> String {
    let rest = &SEED[SEED.find(marker).unwrap_or_else(|| panic!("no {marker}"))..];
    let start = rest.find("```").expect("a fence") + 3;
    let body = &rest[start..];
    let body = &body[body.find('\n').expect("fence line") + 1..];
    body[..body.find("```").expect("closing fence")].to_owned()
}

/// The sample request's pairs, `<Common request parameters>` left out.
fn sample_pairs() -> Vec<(String, String)> {
    parse_query_string(&block_after("Sample request"))
        .into_iter()
        .filter(|(k, _)| !k.starts_with('<'))
        .collect()
}

#[test]
fn sample_request_url_parses_and_serializes_back_to_the_same_pairs() {
    let pairs = sample_pairs();
    assert_eq!(pairs.len(), 5, "{pairs:?}");
    let request = RunInstancesRequest::from_query_pairs(pairs.clone()).unwrap();
    assert_eq!(request.region_id.as_deref(), Some("cn-hangzhou"));
    assert_eq!(request.amount, Some(3));
    assert_eq!(request.instance_type.as_deref(), Some("ecs.cm4.6xlarge"));
    // Same pairs; the wire order is the table's (order does not matter to the service or the signature).
    let (mut sent, mut sample) = (request.to_query_pairs().to_vec(), pairs);
    sent.sort();
    sample.sort();
    assert_eq!(sent, sample);
}

#[test]
fn builder_gives_exact_wire_pairs() {
    let request = RunInstancesRequest::builder("cn-hangzhou")
        .image_id("img-1")
        .unique_suffix(true)
        .description("")
        .system_disk(SystemDisk::new().size("40").category("cloud_essd"))
        .data_disk([DataDisk::new().size(2000).category("cloud_ssd"), DataDisk::new().snapshot_id("s-1")])
        .network_interface([NetworkInterface::new().v_switch_id("vsw-2")])
        .tag([Tag::new().key("FinanceDept").value("Joshua")])
        .security_group_ids(["sg-1", "sg-2"])
        .spot_price_limit(0.97)
        .build_unvalidated();
    let mut pairs = request.to_query_pairs().to_vec();
    pairs.sort();
    let expected = [
        ("Action", "RunInstances"),
        ("DataDisk.1.Category", "cloud_ssd"),
        ("DataDisk.1.Size", "2000"),
        ("DataDisk.2.SnapshotId", "s-1"),
        ("Description", ""),
        ("ImageId", "img-1"),
        ("NetworkInterface.1.VSwitchId", "vsw-2"),
        ("RegionId", "cn-hangzhou"),
        ("SecurityGroupIds.1", "sg-1"),
        ("SecurityGroupIds.2", "sg-2"),
        ("SpotPriceLimit", "0.97"),
        ("SystemDisk.Category", "cloud_essd"),
        ("SystemDisk.Size", "40"),
        ("Tag.1.Key", "FinanceDept"),
        ("Tag.1.Value", "Joshua"),
        ("UniqueSuffix", "true"),
    ];
    assert_eq!(pairs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    assert_eq!(RunInstancesRequest::from_query_pairs(request.to_query_pairs()).unwrap(), request);
}

#[test]
fn build_reports_every_violation_at_once_and_build_unvalidated_skips_them() {
    let builder = || {
        RunInstancesRequest::builder("cn-hangzhou")
            .image_id("img-1")
            .instance_type("ecs.g5.large")
            .security_group_id("sg-1")
            .instance_name("1st")
            .data_disk([DataDisk::new(), DataDisk::new().size(10).category("cloud_essd")])
            .internet_charge_type("PayByHour")
    };
    // In the order of the request's fields (the page's table order), each group where it sits.
    let errors = builder().build().expect_err("three rules broken");
    let shown: Vec<String> = errors.violations().iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "InstanceName: must start with a letter (\"It must start with a letter.\")",
            "DataDisk.2.Size: must be 20 to 32768 for cloud_essd (\"cloud_essd: 20 to 32,768.\")",
            "InternetChargeType: must be one of PayByTraffic, PayByBandwidth (\"The seed page lists only PayByTraffic; \
             the current RunInstances page (../shared/corpus/ecs/RunInstances.md) and CreateInstance list PayByBandwidth too, \
             and the service accepts it.\")",
        ]
    );
    assert_eq!(errors.omitted(), 0);
    let request = builder().build_unvalidated();
    assert_eq!(request.instance_name.as_deref(), Some("1st"));
    assert_eq!(request.validate(), Err(errors));
    let valid = builder().instance_name("web-1").internet_charge_type("PayByTraffic").data_disk([]).build();
    assert!(valid.is_ok(), "{valid:?}");
}

#[test]
fn docs_json_form_round_trips_and_rejects_unknown_keys() {
    let json = r#"{"RegionId":"cn-hangzhou","SystemDisk":{"Size":"40"},"DataDisk":[{"Size":40}],
                   "SecurityGroupIds":["sg-1"],"InstanceChargeType":"PrePaid","DryRun":true}"#;
    let request: RunInstancesRequest = serde_json::from_str(json).unwrap();
    assert_eq!(request.data_disk[0].size, Some(40));
    assert_eq!(request.instance_charge_type, Some(InstanceChargeType::PrePaid));
    let back: serde_json::Value = serde_json::to_value(&request).unwrap();
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(json).unwrap());
    assert!(serde_json::from_str::<RunInstancesRequest>(r#"{"RegionId":"r","Regionid":"x"}"#).is_err());
    // A missing required parameter is read, and is a violation listed with the others.
    let no_region: RunInstancesRequest = serde_json::from_str(r#"{"ZoneId":"z","Amount":0}"#).unwrap();
    let shown: Vec<String> =
        no_region.validate().unwrap_err().violations().iter().map(|v| format!("{}: {}", v.path, v.message)).collect();
    assert_eq!(shown[0], "RegionId: is required");
    assert!(shown.contains(&"Amount: must be 1 to 100".to_owned()), "{shown:?}");
    // A value outside the documented set is still representable (the sealed fallback), and a violation.
    let other: RunInstancesRequest =
        serde_json::from_str(r#"{"RegionId":"r","ImageId":"i","InstanceType":"t","SecurityGroupId":"sg","InternetChargeType":"PayByHour"}"#)
            .unwrap();
    let charge = other.internet_charge_type.as_ref().expect("read");
    assert!(matches!(charge, InternetChargeType::Unknown(v) if v.as_str() == "PayByHour"));
    assert_eq!(charge, &InternetChargeType::from("PayByHour"));
    let errors = other.validate().expect_err("not a documented value");
    assert_eq!(errors.violations()[0].path, "InternetChargeType");
}

#[test]
fn sample_json_response_deserializes() {
    let response: RunInstancesResponse = serde_json::from_str(&block_after("`JSON` format")).unwrap();
    assert_eq!(response.request_id.as_deref(), Some("04F0F334-1335-436C-A1D7-6C044FE73368"));
    assert_eq!(response.instance_id_sets, ["i-instanceid1", "i-instanceid2", "i-instanceid3"]);
}

#[test]
fn debug_never_shows_the_password() {
    let request = RunInstancesRequest::builder("cn-hangzhou").password("EcsV587!").build_unvalidated();
    let shown = format!("{request:?} {:?}", RunInstancesRequest::builder("r").password("EcsV587!"));
    assert!(!shown.contains("EcsV587!"), "{shown}");
    assert!(shown.contains("Password: ***"), "{shown}");
}

fn body(code: &str, status: u16, message: &str) -> ErrorBody {
    ErrorBody::new(code, message)
        .with_request_id("540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx")
        .with_host_id("ecs.aliyuncs.com")
        .with_status(status)
}

#[test]
fn error_bodies_map_to_their_variants() {
    let json = r#"{"RequestId":"540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx","HostId":"ecs.aliyuncs.com",
                   "Code":"InvalidSecurityGroupId","Message":"The specified SecurityGroupId is invalid or does not exist."}"#;
    let parsed: ErrorBody = serde_json::from_str(json).unwrap();
    let error = RunInstancesError::from(parsed);
    assert_eq!(error.api_code(), Some(RunInstancesErrorCode::InvalidSecurityGroupId));
    assert_eq!(error.documented_status(), Some(404));
    assert_eq!(error.body().request_id, "540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx");
    assert_eq!(
        error.to_string(),
        "InvalidSecurityGroupId: The specified SecurityGroupId is invalid or does not exist. \
         (RequestId 540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx)"
    );
    // A code listed with several statuses and messages, and the docs' own typo.
    let mismatch = RunInstancesError::from(body("InvalidParameter.Mismatch", 400, "x"));
    assert_eq!(mismatch.api_code(), Some(RunInstancesErrorCode::InvalidParameterMismatch));
    let category = RunInstancesError::from(body("CategoryNotSupported", 403, "x"));
    assert_eq!(category.documented_status(), Some(403));
    let missing = RunInstancesError::from(body("MissingParameter", 400, "x"));
    assert_eq!(missing.api_code(), Some(RunInstancesErrorCode::MissingParameter));
    assert_eq!(RunInstancesError::from(body("Forbbiden", 403, "x")).api_code(), Some(RunInstancesErrorCode::Forbbiden));
    // Listed by the page itself and in the common table: the page's code wins.
    assert_eq!(
        RunInstancesError::from(body("InternalError", 500, "x")).kind(),
        ErrorKind::Api(RunInstancesErrorCode::InternalError)
    );
    let throttled = RunInstancesError::from(body("Throttling", 400, "slow down"));
    assert_eq!(throttled.kind(), ErrorKind::Common(CommonErrorCode::Throttling));
    assert_eq!(throttled.code(), "Throttling");
    let unknown = RunInstancesError::from(body("Brand.NewCode", 400, "new"));
    assert_eq!(unknown.kind(), ErrorKind::Unknown);
    assert_eq!((unknown.code(), unknown.message()), ("Brand.NewCode", "new"));
    assert_eq!(unknown.body().request_id, "540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx");
}
