//! The client against a scripted server on 127.0.0.1: signatures, answers, errors, retries, timeouts.
#![cfg(feature = "client")]

mod support;

use std::time::Duration;

use alibabacloud_runtime::client::{Client, RetryPolicy, SendError};
use alibabacloud_runtime::credentials::Credentials;
use alibabacloud_runtime::signing::{HttpMethod, Timestamp};
use support::fake_api::{CreateThingRequest, DescribeThingsRequest, FakeError};
use support::loopback::{LoopbackServer, Reply};

const ID: &str = "test-access-key-id";
const SECRET: &str = "loopback-secret-value";

fn client(server: &LoopbackServer) -> Client {
    Client::builder()
        .credentials(Credentials::new(ID, SECRET))
        .base_url(server.base_url.clone())
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
        })
        .timeout(Duration::from_secs(5))
        .build()
        .expect("explicit credentials")
}

fn describe() -> DescribeThingsRequest {
    DescribeThingsRequest { region_id: "cn-hangzhou".into(), names: vec!["a b".into(), "x+y/z*é".into()] }
}

const SUCCESS: &str = r#"{"RequestId":"OK-1","TotalCount":2}"#;

#[test]
fn post_request_is_signed_and_answered() {
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, SUCCESS)]);
    let response = client(&server).send(&describe()).expect("success");
    assert_eq!(response.request_id, "OK-1");
    assert_eq!(response.total_count, 2);

    let exchanges = server.exchanges();
    assert_eq!(exchanges.len(), 1);
    let exchange = &exchanges[0];
    assert!(exchange.signature_ok, "{exchange:?}");
    assert_eq!(exchange.method, "POST");
    assert_eq!(exchange.raw_target, "/", "POST keeps parameters out of the URL");
    for (key, value) in [
        ("Action", "DescribeThings"),
        ("Format", "JSON"),
        ("Version", "2014-05-26"),
        ("AccessKeyId", ID),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("RegionId", "cn-hangzhou"),
        ("Name.1", "a b"),
        ("Name.2", "x+y/z*é"),
    ] {
        assert_eq!(exchange.param(key), Some(value), "{key}");
    }
    Timestamp::parse(exchange.param("Timestamp").expect("Timestamp")).expect("timestamp shape");
    assert!(!exchange.param("SignatureNonce").unwrap_or("").is_empty());
    assert!(!exchange.raw_body.contains('+'), "spaces are %20, never +");
    assert!(exchange.raw_body.contains("Name.1=a%20b"));
}

#[test]
fn get_request_is_signed_and_answered() {
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, SUCCESS)]);
    let client = Client::builder()
        .credentials(Credentials::new(ID, SECRET))
        .base_url(format!("{}/", server.base_url))
        .method(HttpMethod::Get)
        .build()
        .expect("explicit credentials");
    client.send(&describe()).expect("success");
    let exchange = &server.exchanges()[0];
    assert!(exchange.signature_ok, "{exchange:?}");
    assert_eq!(exchange.method, "GET");
    assert!(exchange.raw_target.starts_with("/?"));
    assert!(exchange.raw_body.is_empty());
}

#[test]
fn a_wrong_secret_is_rejected_by_the_server() {
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, SUCCESS)]);
    let client = Client::builder()
        .credentials(Credentials::new(ID, "not-the-secret"))
        .base_url(server.base_url.clone())
        .build()
        .expect("explicit credentials");
    let error = client.send(&describe()).expect_err("bad signature");
    assert_eq!(error.request_id(), Some("BAD-SIGNATURE"));
    assert!(!server.exchanges()[0].signature_ok);
}

#[test]
fn each_error_body_shape_becomes_the_typed_api_error() {
    let cases = [
        (
            400,
            r#"{"RequestId":"R-1","HostId":"ecs.aliyuncs.com","Code":"InvalidParameter","Message":"bad","Recommend":"https://next.api.aliyun.com/troubleshoot?q=InvalidParameter"}"#,
            "InvalidParameter",
        ),
        (
            404,
            r#"{"RequestId":"R-2","HostId":"ecs.aliyuncs.com","Code":"InvalidThingId.NotFound","Message":"gone"}"#,
            "InvalidThingId.NotFound",
        ),
        (403, r#"{"RequestId":"R-3","Code":"Forbidden.RAM","Message":"denied"}"#, "Forbidden.RAM"),
        (
            409,
            r#"{"Code":"OperationConflict","Message":"busy","RequestId":"R-4","Extra":{"Nested":[1,2]}}"#,
            "OperationConflict",
        ),
    ];
    for (status, body, code) in cases {
        let server = LoopbackServer::start(SECRET, vec![Reply::json(status, body)]);
        let error = client(&server).send(&describe()).expect_err("an API error");
        let SendError::Api { error: api, request_id, status: got_status } = &error else {
            panic!("expected an API error for {code}, got {error:?}");
        };
        assert_eq!(*got_status, status);
        assert_eq!(api.body().code, code);
        assert_eq!(api.body().status, status);
        assert_eq!(request_id, &api.body().request_id);
        assert!(request_id.starts_with("R-"));
        assert_eq!(server.exchanges().len(), 1, "{code} is not retried");
    }
    let server = LoopbackServer::start(
        SECRET,
        vec![Reply::json(
            400,
            r#"{"RequestId":"R-1","Code":"InvalidParameter","Message":"m","Recommend":"r"}"#,
        )],
    );
    let error = client(&server).send(&describe()).expect_err("API error");
    assert!(matches!(
        error.api_error(),
        Some(FakeError::InvalidParameter(body)) if body.recommend == "r"
    ));
}

#[test]
fn throttling_then_success_is_retried_with_a_fresh_signature() {
    let server = LoopbackServer::start(
        SECRET,
        vec![
            Reply::json(400, r#"{"RequestId":"T-1","Code":"Throttling.User","Message":"slow down"}"#),
            Reply::json(429, r#"{"RequestId":"T-2","Code":"Throttling","Message":"again"}"#),
            Reply::json(200, SUCCESS),
        ],
    );
    let response = client(&server).send(&describe()).expect("third attempt");
    assert_eq!(response.request_id, "OK-1");
    let exchanges = server.exchanges();
    assert_eq!(exchanges.len(), 3);
    assert!(exchanges.iter().all(|exchange| exchange.signature_ok));
    let nonces: std::collections::BTreeSet<_> =
        exchanges.iter().map(|exchange| exchange.param("SignatureNonce").unwrap_or("").to_owned()).collect();
    assert_eq!(nonces.len(), 3, "every attempt has its own nonce");
}

#[test]
fn server_errors_are_retried_up_to_the_limit() {
    let server = LoopbackServer::start(
        SECRET,
        vec![Reply::json(503, r#"{"RequestId":"S-1","Code":"ServiceUnavailable","Message":"later"}"#)],
    );
    let error = client(&server).send(&describe()).expect_err("never succeeds");
    assert_eq!(server.exchanges().len(), 3);
    assert!(matches!(
        error,
        SendError::Api { status: 503, ref request_id, .. } if request_id == "S-1"
    ));
}

#[test]
fn unsafe_calls_are_not_retried_without_a_client_token() {
    let throttled = Reply::json(400, r#"{"RequestId":"T-1","Code":"Throttling.User","Message":"slow down"}"#);
    let server = LoopbackServer::start(SECRET, vec![throttled.clone(), Reply::json(200, "{}")]);
    let request = CreateThingRequest { region_id: "cn-hangzhou".into(), ..CreateThingRequest::default() };
    let error = client(&server).send(&request).expect_err("not retried");
    assert!(matches!(error.api_error(), Some(FakeError::Throttling(_))));
    assert_eq!(server.exchanges().len(), 1);

    let server = LoopbackServer::start(
        SECRET,
        vec![throttled, Reply::json(200, r#"{"RequestId":"C-1","ThingId":"t-1"}"#)],
    );
    let request = CreateThingRequest { client_token: Some("token-123".into()), ..request };
    let response = client(&server).send(&request).expect("retried with a token");
    assert_eq!(response.thing_id, "t-1");
    let exchanges = server.exchanges();
    assert_eq!(exchanges.len(), 2);
    assert!(exchanges.iter().all(|exchange| exchange.param("ClientToken") == Some("token-123")));
}

#[test]
fn malformed_json_is_a_decode_error() {
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, r#"{"RequestId":"#)]);
    let error = client(&server).send(&describe()).expect_err("bad JSON");
    assert!(matches!(error, SendError::Decode { status: 200, request_id: None, .. }), "{error:?}");

    let server =
        LoopbackServer::start(SECRET, vec![Reply::json(200, r#"{"RequestId":"D-1","TotalCount":"many"}"#)]);
    let error = client(&server).send(&describe()).expect_err("wrong type");
    assert!(
        matches!(error, SendError::Decode { status: 200, ref request_id, .. } if request_id.as_deref() == Some("D-1")),
        "{error:?}"
    );

    let server =
        LoopbackServer::start(SECRET, vec![Reply::json(400, r#"{"RequestId":"D-2","Message":"no code"}"#)]);
    let error = client(&server).send(&describe()).expect_err("no Code");
    assert!(
        matches!(error, SendError::Decode { status: 400, ref request_id, .. } if request_id.as_deref() == Some("D-2")),
        "{error:?}"
    );

    let server = LoopbackServer::start(SECRET, vec![Reply::json(400, "<html>bad gateway</html>")]);
    let error = client(&server).send(&describe()).expect_err("not an error body");
    assert!(matches!(error, SendError::Decode { status: 400, .. }), "{error:?}");
}

#[test]
fn a_slow_response_times_out() {
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, SUCCESS).slow(Duration::from_secs(3))]);
    let client = Client::builder()
        .credentials(Credentials::new(ID, SECRET))
        .base_url(server.base_url.clone())
        .retry(RetryPolicy::none())
        .timeout(Duration::from_millis(300))
        .build()
        .expect("explicit credentials");
    let error = client.send(&describe()).expect_err("too slow");
    assert!(matches!(error, SendError::Timeout), "{error:?}");
    assert_eq!(error.to_string(), "the request timed out");
}

#[test]
fn a_closed_port_is_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("free port")
        .port();
    let client = Client::builder()
        .credentials(Credentials::new(ID, SECRET))
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry(RetryPolicy::none())
        .build()
        .expect("explicit credentials");
    let error = client.send(&describe()).expect_err("nobody listens");
    assert!(matches!(error, SendError::Transport { .. }), "{error:?}");
}

#[test]
fn a_timeout_is_retried_only_when_the_call_is_safe_to_repeat() {
    let script = || {
        vec![
            Reply::json(200, r#"{"RequestId":"C-1","ThingId":"t-1"}"#).slow(Duration::from_secs(2)),
            Reply::json(200, r#"{"RequestId":"C-2","ThingId":"t-2"}"#),
        ]
    };
    let quick = |server: &LoopbackServer| {
        Client::builder()
            .credentials(Credentials::new(ID, SECRET))
            .base_url(server.base_url.clone())
            .retry(RetryPolicy {
                max_attempts: 2,
                initial_backoff: Duration::from_millis(5),
                max_backoff: Duration::from_millis(5),
            })
            .timeout(Duration::from_millis(300))
            .build()
            .expect("explicit credentials")
    };
    let request = CreateThingRequest { region_id: "cn-hangzhou".into(), ..CreateThingRequest::default() };

    let server = LoopbackServer::start(SECRET, script());
    let error = quick(&server).send(&request).expect_err("no token: one attempt");
    assert!(matches!(error, SendError::Timeout), "{error:?}");
    assert_eq!(server.exchanges().len(), 1);

    let server = LoopbackServer::start(SECRET, script());
    let with_token = CreateThingRequest { client_token: Some("token-456".into()), ..request };
    let response = quick(&server).send(&with_token).expect("second attempt");
    assert_eq!(response.thing_id, "t-2");
    assert_eq!(server.exchanges().len(), 2);
}

#[test]
fn an_invalid_request_is_not_sent_unless_validation_is_off() {
    let too_long = DescribeThingsRequest { names: vec!["ok".into(), "far-too-long".into()], ..describe() };
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, SUCCESS)]);
    let error = client(&server).send(&too_long).expect_err("breaks a documented rule");
    let SendError::Invalid(errors) = &error else { panic!("{error:?}") };
    assert_eq!(errors.violations()[0].path, "Name.2");
    assert_eq!(error.request_id(), None);
    assert!(error.to_string().starts_with("invalid request, not sent:\nName.2: must be 1 to 8"), "{error}");
    assert!(server.exchanges().is_empty(), "nothing reached the server");

    let lenient = Client::builder()
        .credentials(Credentials::new(ID, SECRET))
        .base_url(server.base_url.clone())
        .validate_requests(false)
        .build()
        .expect("explicit credentials");
    lenient.send(&too_long).expect("sent as it is");
    assert_eq!(server.exchanges().len(), 1);
}
