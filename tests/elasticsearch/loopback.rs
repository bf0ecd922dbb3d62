//! An integration test of the Elasticsearch crate generated from `../shared/corpus/elasticsearch`
//! (`codegen/tests/roa_elasticsearch.rs` generates the crate, copies this file into its `tests/`
//! and runs it): the generated `UpdateKibanaWhiteIps` request (a path parameter, two query
//! parameters, a JSON body) sent by the crate's blocking client to the loopback service, which
//! checks the signature with Alibaba's official Python SDK core's ROA signer and the runtime's own
//! and answers with the page's own response example.

use alibabacloud_elasticsearch::blocking::Client;
use alibabacloud_elasticsearch::runtime::credentials::Credentials;
use alibabacloud_elasticsearch::runtime::{Config, Error};
use alibabacloud_elasticsearch::update_kibana_white_ips::{
    ModifyMode, UpdateKibanaWhiteIpsRequest, WhiteIpGroup,
};
use alibabacloud_elasticsearch::ProvideErrorMetadata;
use sdk_tests::loopback::{LoopbackServer, Reply};

const SECRET: &str = "loopback-es-secret";

/// The page's JSON response example, from the IR `gen` wrote beside the crate.
fn documented_response() -> String {
    let ir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ir/elasticsearch/UpdateKibanaWhiteIps.json");
    let ir: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&ir).expect("the IR beside the crate")).unwrap();
    let example = ir["examples"]["json_response"].as_str().expect("the page has a JSON response example");
    let value: serde_json::Value = serde_json::from_str(example).expect("the example is JSON");
    value.to_string()
}

fn client(base_url: &str, secret: &str) -> Client {
    let config = Config::builder()
        .region("cn-hangzhou")
        .endpoint(base_url.to_owned())
        .credentials(Credentials::new("loopback-es-id", secret))
        .build()
        .expect("config");
    Client::new(&config).expect("client")
}

#[test]
fn update_kibana_white_ips_is_sent_by_its_method_path_query_and_body_and_the_official_signer_accepts_it() {
    let example = documented_response();
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, &example)]);
    let request = UpdateKibanaWhiteIpsRequest::builder("es-cn-tl329rbpc0001****", ["110.0.0.1/8"])
        .client_token("5A2CFF0E-5718-45B5-9D4D-70B3FF****")
        .modify_mode(ModifyMode::Append)
        .white_ip_group(WhiteIpGroup::new().group_name("test_group_name").ips(["0.0.0.0"]))
        .build()
        .expect("the request keeps the page's rules");
    let answer = client(&server.base_url, SECRET).send(&request).expect("the signed request is answered");
    let expected: serde_json::Value = serde_json::from_str(&example).unwrap();
    assert_eq!(answer.request_id.as_deref(), expected["RequestId"].as_str());
    assert!(expected["RequestId"].is_string(), "{example}");

    let exchanges = server.exchanges();
    assert_eq!(exchanges.len(), 1, "{exchanges:?}");
    let seen = &exchanges[0];
    assert_eq!(seen.method, "POST", "the method the page's sample uses");
    assert_eq!(seen.path, "/openapi/instances/es-cn-tl329rbpc0001%2A%2A%2A%2A/kibana-white-ips");
    assert_eq!(
        seen.params,
        [
            ("clientToken".to_owned(), "5A2CFF0E-5718-45B5-9D4D-70B3FF****".to_owned()),
            ("modifyMode".to_owned(), "Append".to_owned()),
        ],
        "the query: the page's Query parameters, no RPC `Action`"
    );
    let body: serde_json::Value = serde_json::from_str(&seen.raw_body).expect("a JSON body");
    assert_eq!(
        body,
        serde_json::json!({
            "kibanaIPWhitelist": ["110.0.0.1/8"],
            "whiteIpGroup": {"groupName": "test_group_name", "ips": ["0.0.0.0"]}
        })
    );
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(seen.header("x-acs-version"), Some("2017-06-13"));
    assert_eq!(seen.header("x-acs-region-id"), Some("cn-hangzhou"));
    assert!(seen.signed_ok(), "the runtime's signer and Content-MD5 agree: {seen:?}");
    // Under `CI=true` a missing official signer fails here (`official_roa::sign` asserts).
    let installed = sdk_tests::official_roa::sign("GET", "/", &[], &[], "s").is_some();
    assert_eq!(seen.official_checked, installed, "{seen:?}");
    if installed {
        println!("official ROA signer accepted UpdateKibanaWhiteIps");
    }
}

#[test]
fn a_missing_client_token_is_filled_in_where_the_page_puts_it() {
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, r#"{"RequestId":"R-1"}"#)]);
    let request = UpdateKibanaWhiteIpsRequest::builder("es-1", ["10.0.0.1"]).build().expect("valid");
    client(&server.base_url, SECRET).send(&request).expect("answered");
    let seen = &server.exchanges()[0];
    let token = seen.param("clientToken").expect("the client fills in the documented query token");
    assert!(!token.is_empty());
    assert!(!seen.raw_body.contains("clientToken"), "{}", seen.raw_body);
    assert!(seen.signed_ok(), "{seen:?}");
}

#[test]
fn a_wrong_secret_is_refused_as_the_apis_error() {
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, "{}")]);
    let request = UpdateKibanaWhiteIpsRequest::builder("es-1", ["10.0.0.1"]).build().expect("valid");
    let refused = client(&server.base_url, "wrong").send(&request).expect_err("a wrong signature is refused");
    let Error::Service(service) = &refused else { panic!("{refused:?}") };
    assert_eq!(service.code(), "SignatureDoesNotMatch");
}
