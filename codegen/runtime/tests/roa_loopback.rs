//! ROA requests of two Elasticsearch operations (serde structs with the `RoaOperation` method, path,
//! places and body kind the generator writes for them) sent to the
//! loopback service, which checks each `Authorization` with Alibaba's official Python SDK core's
//! ROA signer and the runtime's own, and `Content-MD5` against the body: path parameters, query
//! and body arrive where the docs put them, and no RPC `Action`; the client sends one and reads
//! the typed answer or the ROA error body.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;

use alibabacloud_runtime::roa::{self, BodyKind, Place, RoaOperation};
use support::loopback::{Exchange, LoopbackServer, Reply};

const SECRET: &str = "testsecret";

/// `ActivateZones`: `POST /openapi/instances/[InstanceId]/actions/recover-zones`, `clientToken`
/// in the query, the body the docs' `RequestBody` array.
#[derive(serde::Serialize)]
struct ActivateZonesRequest {
    #[serde(rename = "InstanceId")]
    instance_id: String,
    #[serde(rename = "clientToken", skip_serializing_if = "Option::is_none")]
    client_token: Option<String>,
    #[serde(rename = "RequestBody")]
    request_body: Vec<String>,
}

impl RoaOperation for ActivateZonesRequest {
    const METHOD: &'static str = "POST";
    const PATH: &'static str = "/openapi/instances/[InstanceId]/actions/recover-zones";
    const PLACES: &'static [(&'static str, Place)] =
        &[("InstanceId", Place::Path), ("clientToken", Place::Query), ("RequestBody", Place::Body)];
    const BODY: BodyKind = BodyKind::Whole("RequestBody");
}

/// `UpdateKibanaWhiteIps`: `PATCH /openapi/instances/[InstanceId]/kibana-white-ips`, two query
/// parameters, an object body with a nested group.
#[derive(serde::Serialize)]
struct UpdateKibanaWhiteIpsRequest {
    #[serde(rename = "InstanceId")]
    instance_id: String,
    #[serde(rename = "clientToken")]
    client_token: Option<String>,
    #[serde(rename = "modifyMode")]
    modify_mode: Option<String>,
    #[serde(rename = "kibanaIPWhitelist")]
    kibana_ip_whitelist: Vec<String>,
    #[serde(rename = "whiteIpGroup")]
    white_ip_group: Option<WhiteIpGroup>,
}

#[derive(serde::Serialize)]
struct WhiteIpGroup {
    #[serde(rename = "groupName")]
    group_name: String,
    ips: Vec<String>,
}

/// `UpdateKibanaWhiteIps`'s success body.
#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)] // read by the client test only
struct UpdateKibanaWhiteIpsResponse {
    #[serde(rename = "RequestId")]
    request_id: String,
}

/// The operation as the client sends it: `Operation::roa` hands over the ROA request.
impl alibabacloud_runtime::Operation for UpdateKibanaWhiteIpsRequest {
    const ACTION: &'static str = "UpdateKibanaWhiteIps";
    const VERSION: &'static str = "2017-06-13";
    const IDEMPOTENT: bool = false;
    type Response = UpdateKibanaWhiteIpsResponse;
    type Error = support::fake_api::FakeError;

    /// Never sent for a ROA operation (the client sends `roa()`).
    fn to_query_pairs(&self) -> alibabacloud_runtime::query::QueryPairs {
        std::iter::once(("Action".to_owned(), Self::ACTION.to_owned())).collect()
    }

    fn roa(&self) -> Option<Result<roa::Request, roa::RoaError>> {
        Some(RoaOperation::roa_request(self))
    }
}

impl RoaOperation for UpdateKibanaWhiteIpsRequest {
    const METHOD: &'static str = "PATCH";
    const PATH: &'static str = "/openapi/instances/[InstanceId]/kibana-white-ips";
    const PLACES: &'static [(&'static str, Place)] = &[
        ("InstanceId", Place::Path),
        ("clientToken", Place::Query),
        ("modifyMode", Place::Query),
        ("kibanaIPWhitelist", Place::Body),
        ("whiteIpGroup", Place::Body),
    ];
    const BODY: BodyKind = BodyKind::Json;
}

fn signing(nonce: &str) -> roa::Signing<'_> {
    roa::Signing {
        version: "2017-06-13",
        access_key_id: "testid",
        access_key_secret: SECRET,
        security_token: None,
        nonce,
        unix_seconds: 1_519_285_572,
    }
}

/// Sends a signed request over a plain connection; the status and body of the answer.
fn send(base_url: &str, signed: &roa::Signed) -> (u16, String) {
    let addr = base_url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(addr).expect("connect to the loopback server");
    let mut head = format!("{} {} HTTP/1.1\r\nHost: {addr}\r\n", signed.method, signed.path_and_query);
    for (k, v) in &signed.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", signed.body.len()));
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&signed.body).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

/// The loopback service accepted the signature, with the official signer among the checks when
/// it is installed (always under `CI=true`).
fn assert_signed(exchange: &Exchange) {
    assert!(exchange.signed_ok(), "{exchange:?}");
    let installed = support::official_roa::sign("GET", "/", &[], &[], "s").is_some();
    assert_eq!(exchange.official_checked, installed, "{exchange:?}");
    test_report::count("ROA requests checked by the official signer", usize::from(exchange.official_checked));
}

#[test]
fn path_query_and_array_body_are_signed_as_the_official_signer_signs() {
    let server =
        LoopbackServer::start(SECRET, vec![Reply::json(200, r#"{"Result":true,"RequestId":"R-1"}"#)]);
    let request = ActivateZonesRequest {
        instance_id: "es-cn-n6w1o1x0w001c****".into(),
        client_token: Some("5A2CFF0E-5718-45B5-9D4D-70B3FF****".into()),
        request_body: vec!["cn-hangzhou-i".into(), "cn-hangzhou-h".into()],
    };
    let signed = roa::sign(&request.roa_request().unwrap(), &signing("n-1"));
    assert_eq!(send(&server.base_url, &signed), (200, r#"{"Result":true,"RequestId":"R-1"}"#.to_owned()));
    let seen = &server.exchanges()[0];
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.path, "/openapi/instances/es-cn-n6w1o1x0w001c%2A%2A%2A%2A/actions/recover-zones");
    assert_eq!(
        seen.params,
        vec![("clientToken".to_owned(), "5A2CFF0E-5718-45B5-9D4D-70B3FF****".to_owned())]
    );
    assert_eq!(seen.raw_body, r#"["cn-hangzhou-i","cn-hangzhou-h"]"#);
    assert_eq!(seen.param("Action"), None, "no RPC Action");
    assert_eq!(seen.header("x-acs-version"), Some("2017-06-13"));
    assert_signed(seen);
}

#[test]
fn an_object_body_with_a_nested_group_and_two_query_parameters() {
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, r#"{"RequestId":"R-2"}"#)]);
    let mut request = kibana_request();
    request.client_token = Some("token with spaces & symbols".into());
    request.white_ip_group =
        Some(WhiteIpGroup { group_name: "test_group_name".into(), ips: vec!["0.0.0.0".into()] });
    let signed = roa::sign(&request.roa_request().unwrap(), &signing("n-2"));
    assert_eq!(send(&server.base_url, &signed).0, 200);
    let seen = &server.exchanges()[0];
    assert_eq!(
        (seen.method.as_str(), seen.path.as_str()),
        ("PATCH", "/openapi/instances/es-cn-tl329rbpc0001/kibana-white-ips")
    );
    assert_eq!(seen.param("clientToken"), Some("token with spaces & symbols"));
    assert_eq!(seen.param("modifyMode"), Some("Cover"));
    let body: serde_json::Value = serde_json::from_str(&seen.raw_body).unwrap();
    assert_eq!(body["whiteIpGroup"]["ips"][0], "0.0.0.0");
    assert_signed(seen);
}

#[test]
fn a_wrong_secret_is_refused_with_a_roa_error_body() {
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, "{}")]);
    let request =
        ActivateZonesRequest { instance_id: "es-1".into(), client_token: None, request_body: vec![] };
    let mut wrong = signing("n-3");
    wrong.access_key_secret = "not the secret";
    let (status, body) = send(&server.base_url, &roa::sign(&request.roa_request().unwrap(), &wrong));
    assert_eq!(server.exchanges()[0].signature_ok, Some(false));
    assert_eq!(status, 400);
    let error: alibabacloud_runtime::ErrorBody = serde_json::from_str(&body).unwrap();
    assert_eq!(error.code, "SignatureDoesNotMatch");
}

fn kibana_request() -> UpdateKibanaWhiteIpsRequest {
    UpdateKibanaWhiteIpsRequest {
        instance_id: "es-cn-tl329rbpc0001".into(),
        client_token: Some("5A2CFF0E".into()),
        modify_mode: Some("Cover".into()),
        kibana_ip_whitelist: vec!["110.0.0.1/8".into()],
        white_ip_group: None,
    }
}

/// The runtime's client sends a ROA operation by its method and path, signed with
/// `Authorization` (and `x-acs-region-id`), never with an RPC `Action`, and reads the typed
/// answer, or the ROA error body of a refused signature as the API's error.
#[cfg(feature = "client")]
#[tokio::test]
async fn the_client_sends_a_roa_operation_and_reads_its_answer() {
    use alibabacloud_runtime::client::Client;
    use alibabacloud_runtime::credentials::Credentials;
    use alibabacloud_runtime::{Config, Error, ProvideErrorMetadata};
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, r#"{"RequestId":"R-9"}"#)]);
    let client = |secret: &str| {
        let config = Config::builder()
            .region("cn-hangzhou")
            .endpoint(server.base_url.clone())
            .credentials(Credentials::new("testid", secret))
            .build()
            .expect("config");
        Client::new(&config, &support::fake_api::ENDPOINTS).expect("client")
    };
    let answer = client(SECRET).send(&kibana_request()).await.expect("a signed ROA request is answered");
    assert_eq!(answer.request_id, "R-9");
    let seen = &server.exchanges()[0];
    assert_eq!(
        (seen.method.as_str(), seen.path.as_str()),
        ("PATCH", "/openapi/instances/es-cn-tl329rbpc0001/kibana-white-ips")
    );
    assert_eq!(seen.param("Action"), None, "{:?}", seen.params);
    assert_eq!(seen.raw_body, r#"{"kibanaIPWhitelist":["110.0.0.1/8"]}"#);
    assert_eq!(seen.header("x-acs-region-id"), Some("cn-hangzhou"));
    assert_signed(seen);
    let refused = client("wrong").send(&kibana_request()).await.expect_err("a wrong signature is refused");
    let Error::Service(service) = &refused else { panic!("{refused:?}") };
    assert_eq!(service.code(), "SignatureDoesNotMatch");
}
