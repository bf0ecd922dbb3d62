//! Behaviour of the crate generated from the hand-made fixture (copied into its `tests/` by
//! `codegen/tests/emit_rust.rs`).

use alibabacloud_ecs::create_thing::*;
use alibabacloud_ecs::{CommonErrorCode, ErrorBody, ErrorKind, Operation, ValueEnum};

fn full_request() -> CreateThingRequest {
    CreateThingRequest::builder("cn-hangzhou", 3)
        .dry_run(false)
        .spot_price_limit(0.97)
        .description("")
        .instance_charge_type("PostPaid")
        .system_disk(SystemDisk::new().size("40").category("cloud_ssd"))
        .data_disk([DataDisk::new().size(40), DataDisk::new().size(50).encrypted(true)])
        .security_group_ids(["sg-1", "sg-2"])
        .network_interface([NetworkInterface::new().v_switch_id("vsw-1").security_group_ids(["sg-a", "sg-b"])])
        .filter_1(Filter1::new().key("k"))
        .instance_id("i-1")
        .instance_id_2("i-2")
        .r#type("t")
        .n3rd_party("x")
        .password("EcsV587!")
        .login_key("k3y")
        .tag([Tag::new("FinanceDept")])
        .client_token("tok")
        .build_unvalidated()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

#[test]
fn wire_pairs_are_exact() {
    assert_eq!(
        full_request().to_query_pairs(),
        pairs(&[
            ("Action", "CreateThing"),
            ("RegionId", "cn-hangzhou"),
            ("Amount", "3"),
            ("SpotPriceLimit", "0.97"),
            ("DryRun", "false"),
            ("Description", ""),
            ("InstanceChargeType", "PostPaid"),
            ("SystemDisk.Size", "40"),
            ("SystemDisk.Category", "cloud_ssd"),
            ("DataDisk.1.Size", "40"),
            ("DataDisk.2.Size", "50"),
            ("DataDisk.2.Encrypted", "true"),
            ("SecurityGroupIds.1", "sg-1"),
            ("SecurityGroupIds.2", "sg-2"),
            ("NetworkInterface.1.VSwitchId", "vsw-1"),
            ("NetworkInterface.1.SecurityGroupIds.1", "sg-a"),
            ("NetworkInterface.1.SecurityGroupIds.2", "sg-b"),
            ("Filter.1.Key", "k"),
            ("InstanceId", "i-1"),
            ("InstanceID", "i-2"),
            ("Type", "t"),
            ("3rdParty", "x"),
            ("Password", "EcsV587!"),
            ("LoginKey", "k3y"),
            ("Tag.1.Key", "FinanceDept"),
            ("ClientToken", "tok"),
        ])
    );
    assert_eq!(CreateThingRequest::CLIENT_TOKEN, Some("ClientToken"));
    assert_eq!(CreateThingRequest::IDEMPOTENT, CreateThingRequest::CLIENT_TOKEN.is_some(), "a documented ClientToken makes the API idempotent");
    assert_eq!(CreateThingRequest::ACTION, "CreateThing");
    assert_eq!(CreateThingRequest::VERSION, "2014-05-26");
}

#[test]
fn wire_pairs_read_back_to_the_same_request() {
    let request = full_request();
    assert_eq!(CreateThingRequest::from_query_pairs(request.to_query_pairs()).unwrap(), request);
    let missing = CreateThingRequest::from_query_pairs([("RegionId", "cn-hangzhou")]).unwrap();
    let errors = missing.validate().unwrap_err();
    assert_eq!(errors.to_string(), "Amount: is required (\"Required: Yes (the docs' parameter table)\")");
}

#[test]
fn json_form_uses_doc_names_groups_and_arrays() {
    let json = serde_json::to_value(full_request()).unwrap();
    assert_eq!(json["SystemDisk"], serde_json::json!({"Size": "40", "Category": "cloud_ssd"}));
    assert_eq!(json["DataDisk"], serde_json::json!([{"Size": 40}, {"Size": 50, "Encrypted": true}]));
    assert_eq!(json["Filter.1"], serde_json::json!({"Key": "k"}));
    assert_eq!(json["Tag"], serde_json::json!([{"Key": "FinanceDept"}]));
    assert_eq!(json["Amount"], serde_json::json!(3));
    let back: CreateThingRequest = serde_json::from_value(json).unwrap();
    assert_eq!(back, full_request());
    let unknown = serde_json::from_str::<CreateThingRequest>(r#"{"RegionId":"r","Amount":1,"Bogus":1}"#);
    assert!(unknown.unwrap_err().to_string().contains("Bogus"));
    let mistyped = serde_json::from_str::<CreateThingRequest>(r#"{"RegionId":"r","Amount":"1"}"#);
    assert!(mistyped.is_err());
    let tag_without_key: CreateThingRequest =
        serde_json::from_str(r#"{"RegionId":"r","Tag":[{}]}"#).expect("missing values are validation's to report");
    let paths: Vec<String> =
        tag_without_key.validate().unwrap_err().violations().iter().map(|v| v.path.clone()).collect();
    assert_eq!(paths, ["Amount", "Tag.1.Key"]);
}

#[test]
fn value_enums_keep_undocumented_values_sealed() {
    assert_eq!(InstanceChargeType::from("PrePaid"), InstanceChargeType::PrePaid);
    assert_eq!(InstanceChargeType::from("prepaid"), InstanceChargeType::Prepaid);
    assert_eq!(InstanceChargeType::from("PrePaid".to_owned()), InstanceChargeType::PrePaid, "never Unknown(\"PrePaid\")");
    let spot = InstanceChargeType::from("Spot");
    assert!(matches!(&spot, InstanceChargeType::Unknown(v) if v.as_str() == "Spot"));
    assert_eq!((spot.as_str(), spot.is_documented(), spot.to_string()), ("Spot", false, "Spot".to_owned()));
    assert_eq!(SystemDiskCategory::from("Unknown"), SystemDiskCategory::Unknown2);
    assert_eq!(InstanceChargeType::VALUES.iter().map(|(_, v)| *v).collect::<Vec<_>>(), ["PrePaid", "PostPaid", "prepaid"]);
    let builder = CreateThingRequest::builder("r", 1).instance_charge_type("Spot");
    let errors = builder.clone().build().expect_err("Spot is not a documented value");
    assert_eq!(errors.violations()[0].path, "InstanceChargeType");
    let request = builder.build_unvalidated();
    assert_eq!(request.to_query_pairs().get("InstanceChargeType"), Some("Spot"));
    let json: CreateThingRequest = serde_json::from_str(r#"{"RegionId":"r","Amount":1,"InstanceChargeType":"Spot"}"#).unwrap();
    assert_eq!(json.instance_charge_type, Some(spot));
    assert_eq!(serde_json::to_value(&json).unwrap()["InstanceChargeType"], "Spot");
}

#[test]
fn build_gives_a_validated_request_and_build_unvalidated_a_plain_one() {
    let validated = CreateThingRequest::builder("cn-hangzhou", 3).description("a thing").build().expect("valid");
    assert_eq!(validated.amount, Some(3), "a validated request reads like the request");
    assert_eq!(validated.to_query_pairs(), validated.clone().into_inner().to_query_pairs());
    let plain: CreateThingRequest = CreateThingRequest::builder("cn-hangzhou", 3).description("a thing").build_unvalidated();
    assert_eq!(plain, validated.into_inner());
}

#[test]
fn debug_redacts_secrets() {
    let shown = format!("{:?}", full_request());
    assert!(!shown.contains("EcsV587!") && !shown.contains("k3y"), "{shown}");
    assert!(shown.contains("Password: ***") && shown.contains("LoginKey: ***"), "{shown}");
    assert!(shown.starts_with("CreateThingRequest { RegionId: \"cn-hangzhou\", Amount: 3,"), "{shown}");
    assert!(shown.contains("SystemDisk: SystemDisk { Size: \"40\", Category: \"cloud_ssd\" }"), "{shown}");
    assert!(!format!("{:?}", CreateThingRequest::builder("r", 1)).contains("Password"), "unset fields are left out");
    let response: CreateThingResponse =
        serde_json::from_str(r#"{"RequestId":"r-1","PrivateKeyBody":"-----BEGIN RSA PRIVATE KEY-----"}"#).unwrap();
    assert_eq!(response.private_key_body.as_ref().map(|k| k.expose()), Some("-----BEGIN RSA PRIVATE KEY-----"));
    let shown = format!("{response:?}");
    assert!(!shown.contains("BEGIN RSA") && shown.contains("PrivateKeyBody: ***"), "{shown}");
    assert!(shown.contains("RequestId: \"r-1\""), "{shown}");
}

fn body(code: &str, status: u16) -> ErrorBody {
    ErrorBody::new(code, "some message").with_request_id("RID-1").with_host_id("ecs.aliyuncs.com").with_status(status)
}

#[test]
fn error_bodies_map_to_codes() {
    let vpc = CreateThingError::from(body("InvalidVPC.NotFound", 404));
    assert_eq!(vpc.kind(), ErrorKind::Api(CreateThingErrorCode::InvalidVPCNotFound));
    assert_eq!(
        CreateThingError::from(body("InvalidVpc.NotFound", 404)).api_code(),
        Some(CreateThingErrorCode::InvalidVpcNotFound)
    );
    assert_eq!(vpc.code(), "InvalidVPC.NotFound");
    assert_eq!(vpc.documented_status(), Some(404));
    assert_eq!(vpc.body().request_id, "RID-1");
    assert_eq!(vpc.to_string(), "InvalidVPC.NotFound: some message (HTTP 404, RequestId RID-1)");
    let missing = CreateThingError::from(body("MissingParameter", 403));
    assert_eq!(missing.api_code(), Some(CreateThingErrorCode::MissingParameter));
    assert_eq!(missing.documented_status(), None, "listed with two statuses");
    assert_eq!(CreateThingError::from(body("Unknown", 500)).api_code(), Some(CreateThingErrorCode::Unknown));
    let throttled = CreateThingError::from(body("Throttling", 400));
    assert_eq!(throttled.kind(), ErrorKind::Common(CommonErrorCode::Throttling));
    assert_eq!(throttled.documented_status(), Some(400));
    let other = CreateThingError::from(body("Brand.New", 418));
    assert_eq!(other.kind(), ErrorKind::Unknown);
    assert_eq!((other.code(), other.message(), other.request_id()), ("Brand.New", "some message", "RID-1"));
    let as_error: &dyn std::error::Error = &other;
    assert!(as_error.to_string().contains("Brand.New"));
    let metadata: &dyn alibabacloud_ecs::ProvideErrorMetadata = &other;
    assert_eq!(metadata.code(), "Brand.New");
}

#[test]
fn responses_read_real_json() {
    let response: CreateThingResponse = serde_json::from_str(
        r#"{"RequestId":"473469C7","TradePrice":"0.165","TotalCount":2,
            "InstanceIdSets":{"InstanceIdSet":["i-1","i-2"]},"Sizes":[1,"2"],
            "Owner":{"Name":"me","Verified":"true"},
            "Instances":{"Instance":[{"InstanceId":"i-1","Tags":[{"Key":"k"}]},{"InstanceId":"i-2"}]},
            "Unknown":{"ignored":[1]}}"#,
    )
    .unwrap();
    assert_eq!(response.request_id.as_deref(), Some("473469C7"));
    assert_eq!(response.trade_price, Some(0.165));
    assert_eq!(response.total_count, Some(2));
    assert_eq!(response.instance_id_sets, ["i-1", "i-2"]);
    assert_eq!(response.sizes, [1, 2]);
    assert_eq!(response.owner.as_ref().and_then(|o| o.verified), Some(true));
    assert_eq!(response.instances.len(), 2);
    assert_eq!(response.instances[0].tags[0].key.as_deref(), Some("k"));
    let empty: CreateThingResponse = serde_json::from_str("{}").unwrap();
    assert!(empty.instances.is_empty() && empty.request_id.is_none());
}

mod roa {
    use alibabacloud_ecs::runtime::roa::RoaOperation;
    use alibabacloud_ecs::update_thing::*;

    fn request() -> UpdateThingRequest {
        UpdateThingRequest::builder("t 1/x", "thing")
            .client_token("tok")
            .x_acs_thing_mode("fast")
            .configs([Configs::new("a.yml")])
            .tags(["red"])
            .settings(serde_json::json!({"a.b": 1}))
            .admin_password("Secret!1")
            .build_unvalidated()
    }

    #[test]
    fn members_go_to_the_path_query_headers_and_body() {
        let r = request().roa_request().unwrap();
        assert_eq!((r.method, r.path.as_str()), ("PUT", "/things/t%201%2Fx/settings"));
        assert_eq!(r.query, vec![("clientToken".to_owned(), "tok".to_owned())]);
        assert_eq!(r.headers, vec![("x-acs-thing-mode".to_owned(), "fast".to_owned())]);
        let body: serde_json::Value = serde_json::from_slice(&r.body.unwrap().bytes).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "name": "thing", "configs": [{"fileName": "a.yml"}], "tags": ["red"],
                "settings": {"a.b": 1}, "adminPassword": "Secret!1"
            })
        );
        assert_eq!(<UpdateThingRequest as RoaOperation>::PATH, "/things/[ThingId]/settings");
    }

    #[test]
    fn validation_reports_the_missing_path_and_body_members_and_the_error_codes_are_read() {
        use alibabacloud_ecs::runtime::{ErrorBody, ErrorKind, Operation};
        let errors = UpdateThingRequest::default().validate().unwrap_err();
        let paths: Vec<&str> = errors.violations().iter().map(|v| v.path.as_str()).collect();
        assert_eq!(paths, ["ThingId", "name"], "{errors}");
        let missing = UpdateThingRequest::builder("t-1", "n").configs([Configs::default()]).build().unwrap_err();
        assert_eq!(missing.violations()[0].path, "configs.1.fileName", "{missing}");
        let error = UpdateThingError::from(ErrorBody::new("InstanceNotFound", "gone").with_status(404));
        assert_eq!(error.kind(), ErrorKind::Api(UpdateThingErrorCode::InstanceNotFound));
    }

    #[test]
    fn debug_redacts_the_body_password() {
        let shown = format!("{:?}", request());
        assert!(!shown.contains("Secret!1"), "{shown}");
    }

    #[test]
    fn the_dry_run_prints_the_signed_request_with_authorization() {
        let json = serde_json::to_string(&request()).unwrap();
        let args: Vec<String> = ["--access-key-id", "testid", "--secret", "testsecret", "--timestamp", "2018-02-22T07:46:12Z", "--nonce", "n-1"]
            .map(str::to_owned)
            .to_vec();
        let text = alibabacloud_ecs::runtime::roa_dry_run::signed_from_json::<UpdateThingRequest>(&json, &args).unwrap();
        assert!(text.starts_with("PUT /things/t%201%2Fx/settings?clientToken=tok HTTP/1.1\n"), "{text}");
        assert!(text.contains("\nDate: Thu, 22 Feb 2018 07:46:12 GMT\n"), "{text}");
        assert!(text.contains("\nx-acs-signature-nonce: n-1\n"), "{text}");
        assert!(text.contains("\nx-acs-thing-mode: fast\n"), "{text}");
        assert!(text.contains(&format!("\nContent-MD5: {BODY_MD5}\n")), "{text}");
        // Computed by Alibaba's official Python SDK core (roa_signature_composer) over this request.
        assert!(text.contains(&format!("\nAuthorization: acs testid:{}\n", OFFICIAL_SIGNATURE)), "{text}");
        let unsigned = alibabacloud_ecs::runtime::roa_dry_run::unsigned_from_json::<UpdateThingRequest>(&json).unwrap();
        assert!(unsigned.starts_with("PUT /things/t%201%2Fx/settings?clientToken=tok HTTP/1.1\n") && !unsigned.contains("Authorization"));
    }

    const OFFICIAL_SIGNATURE: &str = "Q2ncaldAUfeCx269hCdJy/wEcfA=";
    /// Base64 of the MD5 of the body as Python's `json.dumps(…, separators=(",", ":"))` writes it.
    const BODY_MD5: &str = "IMKHzptpVtr38bXpN+cV2A==";
}

/// The generated ROA operation through the crate's (blocking) client against a server on
/// 127.0.0.1 that recomputes the signature from what it received.
#[cfg(feature = "blocking")]
mod roa_client {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;

    use alibabacloud_ecs::blocking::Client;
    use alibabacloud_ecs::runtime::client::CallOptions;
    use alibabacloud_ecs::runtime::credentials::Credentials;
    use alibabacloud_ecs::runtime::Config;
    use alibabacloud_ecs::runtime::roa;
    use alibabacloud_ecs::update_thing::*;

    #[test]
    fn the_client_sends_the_operation_by_method_and_path_and_reads_the_answer() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let mut headers = Vec::new();
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).unwrap();
                if h.trim().is_empty() {
                    break;
                }
                let (k, v) = h.split_once(':').unwrap();
                headers.push((k.trim().to_owned(), v.trim().to_owned()));
            }
            let length: usize =
                headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-length")).unwrap().1.parse().unwrap();
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let target = line.split_whitespace().nth(1).unwrap().to_owned();
            let (path, query) = target.split_once('?').unwrap();
            let query: Vec<(String, String)> = query
                .split('&')
                .map(|p| p.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())).unwrap())
                .collect();
            let string_to_sign = roa::string_to_sign("PUT", &headers, path, &query);
            let expected = roa::authorization("testid", "testsecret", &string_to_sign);
            let sent = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("authorization")).unwrap().1.clone();
            let reply = r#"{"RequestId":"R-7"}"#;
            let mut stream = stream;
            write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{reply}", reply.len()).unwrap();
            (line, sent == expected, String::from_utf8(body).unwrap())
        });
        let config = Config::builder()
            .region("cn-hangzhou")
            .endpoint(format!("http://{addr}"))
            .credentials(Credentials::new("testid", "testsecret"))
            .build()
            .unwrap();
        let client = Client::new(&config).unwrap();
        let request = UpdateThingRequest::builder("t-1", "thing").client_token("tok").build().unwrap();
        // `send_with`: this call's own limit on each attempt (the blocking client has the async
        // one's per-call options).
        let options = CallOptions::new().timeout(std::time::Duration::from_secs(30));
        let answer: UpdateThingResponse = client.send_with(&request, &options).unwrap();
        assert_eq!(answer.request_id.as_deref(), Some("R-7"));
        let (line, signature_ok, body) = server.join().unwrap();
        assert_eq!(line.trim_end(), "PUT /things/t-1/settings?clientToken=tok HTTP/1.1");
        assert!(!line.contains("Action="), "{line}");
        assert!(signature_ok, "the Authorization header is the signature of what was received");
        assert_eq!(body, r#"{"name":"thing"}"#);
    }
}
