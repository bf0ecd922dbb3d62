//! The async client against the loopback service: every signature checked by the official SDK's
//! signer, retries (what, when, how many), client tokens, regions, endpoints, timeouts and faults.
#![cfg(feature = "client")]

mod support;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use alibabacloud_runtime::client::{CallOptions, Client};
use alibabacloud_runtime::credentials::Credentials;
use alibabacloud_runtime::error::{ConfigError, Error, TransportErrorKind};
use alibabacloud_runtime::http::{HttpRequest, HttpTransport, HyperTransport, TransportFuture};
use alibabacloud_runtime::retry::RetryPolicy;
use alibabacloud_runtime::signing::{HttpMethod, Timestamp};
use alibabacloud_runtime::Config;
use alibabacloud_runtime::ProvideErrorMetadata;
use support::fake_api::{
    CreateThingRequest, DeleteThingRequest, DescribeThingsRequest, FakeError, ListPagesRequest, ENDPOINTS,
};
use support::loopback::{LoopbackServer, Reply};
use support::official_signer;

const ID: &str = "test-access-key-id";
const SECRET: &str = "loopback-secret-value";
const SUCCESS: &str = r#"{"RequestId":"OK-1","TotalCount":2}"#;
const CREATED: &str = r#"{"RequestId":"C-1","ThingId":"t-1"}"#;

fn fast_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy::standard()
        .with_max_attempts(attempts)
        .with_initial_backoff(Duration::from_millis(5))
        .with_max_backoff(Duration::from_millis(20))
}

fn config_for(server: &LoopbackServer) -> alibabacloud_runtime::config::ConfigBuilder {
    Config::builder()
        .region("cn-hangzhou")
        .endpoint(server.base_url.clone())
        .credentials(Credentials::new(ID, SECRET))
        .retry(fast_retries(3))
        .timeout(Duration::from_secs(5))
}

fn client(server: &LoopbackServer) -> Client {
    Client::new(&config_for(server).build().expect("config"), &ENDPOINTS).expect("client")
}

fn describe() -> DescribeThingsRequest {
    DescribeThingsRequest { region_id: "cn-hangzhou".into(), names: vec!["a b".into()], ..Default::default() }
}

fn delete() -> DeleteThingRequest {
    DeleteThingRequest { region_id: "cn-hangzhou".into(), thing_id: "t-1".into() }
}

fn create() -> CreateThingRequest {
    CreateThingRequest { region_id: "cn-hangzhou".into(), ..CreateThingRequest::default() }
}

/// Every exchange was signed and accepted by both signers (the official one where installed).
fn assert_all_signed(server: &LoopbackServer) {
    let exchanges = server.exchanges();
    assert!(!exchanges.is_empty());
    for exchange in &exchanges {
        assert!(exchange.signed_ok(), "{exchange:?}");
        assert_eq!(exchange.official_checked, official_signer::available(), "{exchange:?}");
    }
}

#[test]
fn the_official_signer_is_installed_in_ci() {
    let available = official_signer::available();
    assert!(available || std::env::var("CI").as_deref() != Ok("true"), "CI must run the official signer");
    if !available {
        test_report::skip("the official Python SDK signer is not installed (scripts/python-sdk.sh)");
    }
}

#[tokio::test]
async fn get_and_post_signatures_are_accepted_by_the_official_signer() {
    let awkward = DescribeThingsRequest {
        region_id: "cn-hangzhou".into(),
        names: vec!["a b".into(), "x*y".into(), "t~".into(), "1+1=2".into(), "é中&/".into()],
        tags: vec!["same".into(), "repeated key".into(), "same".into()],
        ..Default::default()
    };
    let mut checked = 0;
    for method in [HttpMethod::Post, HttpMethod::Get] {
        for token in [None, Some("sts token+/=*~")] {
            let server = LoopbackServer::start(SECRET, vec![Reply::json(200, SUCCESS)]);
            let mut credentials = Credentials::new(ID, SECRET);
            if let Some(token) = token {
                credentials = credentials.with_security_token(token);
            }
            let config = config_for(&server).credentials(credentials).method(method).validate_requests(false);
            let client = Client::new(&config.build().expect("config"), &ENDPOINTS).expect("client");
            let response = client.send(&awkward).await.expect("accepted");
            assert_eq!(response.request_id, "OK-1");
            assert_all_signed(&server);
            let exchange = &server.exchanges()[0];
            assert_eq!(exchange.method, method.as_str());
            assert_eq!(exchange.param("Name.5"), Some("é中&/"));
            assert_eq!(exchange.param("SecurityToken"), token);
            let tags: Vec<&str> = exchange
                .params
                .iter()
                .filter(|(key, _)| key == "Tag")
                .map(|(_, value)| value.as_str())
                .collect();
            assert_eq!(tags.len(), 3, "repeated keys all arrive");
            match method {
                HttpMethod::Post => {
                    assert_eq!(exchange.raw_target, "/", "POST keeps parameters out of the URL");
                    assert!(!exchange.raw_body.contains('+'), "spaces are %20, never +");
                }
                HttpMethod::Get => {
                    assert!(exchange.raw_target.starts_with("/?") && exchange.raw_body.is_empty())
                }
            }
            Timestamp::parse(exchange.param("Timestamp").expect("Timestamp")).expect("timestamp shape");
            assert_eq!(exchange.header("user-agent"), Some(alibabacloud_runtime::USER_AGENT));
            checked += 1;
        }
    }
    assert_eq!(checked, 4);
}

#[tokio::test]
async fn a_wrong_secret_is_rejected_by_the_server() {
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, SUCCESS)]);
    let config = config_for(&server).credentials(Credentials::new(ID, "not-the-secret"));
    let client = Client::new(&config.build().expect("config"), &ENDPOINTS).expect("client");
    let error = client.send(&describe()).await.expect_err("bad signature");
    assert_eq!(error.code(), Some("SignatureDoesNotMatch"));
    assert_eq!(server.exchanges()[0].signature_ok, Some(false));
}

#[tokio::test]
async fn throttling_is_retried_for_every_operation_each_attempt_signed_anew() {
    let server = LoopbackServer::start(
        SECRET,
        vec![
            Reply::json(400, r#"{"RequestId":"T-1","Code":"Throttling.User","Message":"slow down"}"#),
            Reply::json(429, r#"{"RequestId":"T-2","Code":"Throttling","Message":"again"}"#),
            Reply::json(200, CREATED),
        ],
    );
    let response = client(&server).send(&delete()).await.expect("third attempt");
    assert_eq!(response.thing_id, "t-1");
    assert_all_signed(&server);
    let exchanges = server.exchanges();
    assert_eq!(exchanges.len(), 3, "a non-idempotent call is retried when throttled");
    let nonces: BTreeSet<_> =
        exchanges.iter().map(|e| e.param("SignatureNonce").unwrap_or("").to_owned()).collect();
    assert_eq!(nonces.len(), 3, "every attempt has its own nonce and signature");
}

#[tokio::test]
async fn non_idempotent_calls_are_not_retried_after_the_request_was_sent() {
    let cases = [
        Reply::json(503, r#"{"RequestId":"S-1","Code":"ServiceUnavailable","Message":"later"}"#),
        Reply::json(500, r#"{"RequestId":"S-2","Code":"InternalError","Message":"oops"}"#),
        Reply::ResetAfterRead,
        Reply::Truncated { status: 200, body: CREATED[..10].to_owned() },
    ];
    for reply in cases {
        let server = LoopbackServer::start(SECRET, vec![reply.clone(), Reply::json(200, CREATED)]);
        let error = client(&server).send(&delete()).await.expect_err("not retried");
        assert_eq!(server.exchanges().len(), 1, "{reply:?} → {error:?}");
    }
    let server = LoopbackServer::start(SECRET, vec![Reply::Stall, Reply::json(200, CREATED)]);
    let config = config_for(&server).timeout(Duration::from_millis(300)).build().expect("config");
    let error =
        Client::new(&config, &ENDPOINTS).expect("client").send(&delete()).await.expect_err("timed out");
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert_eq!(server.exchanges().len(), 1);
}

#[tokio::test]
async fn idempotent_calls_are_retried_after_server_errors_resets_truncation_and_timeouts() {
    let server = LoopbackServer::start(
        SECRET,
        vec![
            Reply::json(503, r#"{"RequestId":"S-1","Code":"ServiceUnavailable","Message":"later"}"#),
            Reply::ResetBeforeRead,
            Reply::ResetAfterRead,
            Reply::Truncated { status: 200, body: CREATED[..10].to_owned() },
            Reply::Stall,
            Reply::json(200, CREATED),
        ],
    );
    let config = config_for(&server)
        .retry(fast_retries(6))
        .timeout(Duration::from_millis(400))
        .build()
        .expect("config");
    let response =
        Client::new(&config, &ENDPOINTS).expect("client").send(&create()).await.expect("sixth attempt");
    assert_eq!(response.thing_id, "t-1");
    let exchanges = server.exchanges();
    assert_eq!(exchanges.len(), 6);
    let tokens: BTreeSet<_> = exchanges
        .iter()
        .filter(|e| e.method == "POST")
        .map(|e| e.param("ClientToken").expect("a ClientToken").to_owned())
        .collect();
    assert_eq!(tokens.len(), 1, "one ClientToken for every attempt: {tokens:?}");
    let token = tokens.into_iter().next().expect("one");
    assert_eq!(token.len(), 36, "a UUID: {token}");

    let again = LoopbackServer::start(SECRET, vec![Reply::json(200, CREATED)]);
    client(&again).send(&create()).await.expect("success");
    assert_ne!(again.exchanges()[0].param("ClientToken"), Some(token.as_str()), "a new call, a new token");

    let explicit = LoopbackServer::start(SECRET, vec![Reply::json(200, CREATED)]);
    let mine = CreateThingRequest { client_token: Some("my-token".into()), ..create() };
    client(&explicit).send(&mine).await.expect("success");
    assert_eq!(explicit.exchanges()[0].param("ClientToken"), Some("my-token"));
}

#[tokio::test]
async fn retries_stop_at_the_attempt_limit_and_per_call_overrides_apply() {
    let busy = || Reply::json(503, r#"{"RequestId":"S-1","Code":"ServiceUnavailable","Message":"later"}"#);
    let server = LoopbackServer::start(SECRET, vec![busy()]);
    let error = client(&server).send(&create()).await.expect_err("never succeeds");
    assert_eq!(server.exchanges().len(), 3);
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.request_id(), Some("S-1"));

    let server = LoopbackServer::start(SECRET, vec![busy()]);
    let options = CallOptions::new().retry(fast_retries(5));
    client(&server).send_with(&create(), &options).await.expect_err("never succeeds");
    assert_eq!(server.exchanges().len(), 5, "the per-call policy wins");

    let server = LoopbackServer::start(SECRET, vec![busy()]);
    let options = CallOptions::new().retry(RetryPolicy::disabled());
    client(&server).send_with(&create(), &options).await.expect_err("no retry");
    assert_eq!(server.exchanges().len(), 1);
}

#[tokio::test]
async fn a_retry_after_beyond_the_limit_ends_the_retries() {
    let throttled = Reply::json(429, r#"{"RequestId":"T-1","Code":"Throttling","Message":"wait"}"#)
        .header("Retry-After", "120");
    let server = LoopbackServer::start(SECRET, vec![throttled, Reply::json(200, CREATED)]);
    let error = client(&server).send(&delete()).await.expect_err("asked to wait two minutes");
    assert!(matches!(error.api_error(), Some(FakeError::Throttling(_))), "{error:?}");
    assert_eq!(server.exchanges().len(), 1);
}

/// Sends the first `dead` attempts to a port nobody listens on, through the real hyper stack.
#[derive(Debug)]
struct DeadFirst {
    real: HyperTransport,
    dead: usize,
    seen: AtomicUsize,
    dead_port: u16,
}

impl HttpTransport for DeadFirst {
    fn send(&self, mut request: HttpRequest, max_body: usize) -> TransportFuture<'_> {
        if self.seen.fetch_add(1, Ordering::SeqCst) < self.dead {
            let uri = request.uri().to_string();
            let port = request.uri().port_u16().expect("a port");
            *request.uri_mut() =
                uri.replace(&format!(":{port}/"), &format!(":{}/", self.dead_port)).parse().expect("uri");
        }
        self.real.send(request, max_body)
    }
}

fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port()
}

#[tokio::test]
async fn connection_failures_before_sending_are_retried_for_every_operation() {
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, CREATED)]);
    let transport = DeadFirst {
        real: HyperTransport::new(Duration::from_secs(2)),
        dead: 2,
        seen: AtomicUsize::new(0),
        dead_port: closed_port(),
    };
    let config = config_for(&server).http_transport(transport).build().expect("config");
    let response =
        Client::new(&config, &ENDPOINTS).expect("client").send(&delete()).await.expect("third attempt");
    assert_eq!(response.thing_id, "t-1");
    assert_eq!(server.exchanges().len(), 1, "only the last attempt reached the server");

    let config = Config::builder()
        .region("cn-hangzhou")
        .endpoint(format!("http://127.0.0.1:{}", closed_port()))
        .credentials(Credentials::new(ID, SECRET))
        .retry(fast_retries(2))
        .build()
        .expect("config");
    let error =
        Client::new(&config, &ENDPOINTS).expect("client").send(&delete()).await.expect_err("nobody listens");
    assert!(matches!(&error, Error::Transport(t) if t.kind == TransportErrorKind::Connect), "{error:?}");
}

#[tokio::test]
async fn no_redirect_is_followed() {
    let elsewhere = LoopbackServer::start(SECRET, vec![Reply::json(200, CREATED)]);
    for status_reply in [
        Reply::redirect(&format!("{}/", elsewhere.base_url)),
        Reply::json(307, "").header("Location", "http://evil.example/"),
    ] {
        let server = LoopbackServer::start(SECRET, vec![status_reply]);
        let error = client(&server).send(&create()).await.expect_err("not followed");
        assert!(matches!(error, Error::Redirect { .. }), "{error:?}");
        assert!(error.to_string().contains("not followed"), "{error}");
        assert_eq!(server.exchanges().len(), 1, "a redirect is not retried");
    }
    assert!(elsewhere.exchanges().is_empty(), "nothing reached the redirect target");
}

#[tokio::test]
async fn a_stalled_response_ends_at_the_timeout_per_attempt_or_per_call() {
    let server = LoopbackServer::start(SECRET, vec![Reply::Stall]);
    let config = config_for(&server).timeout(Duration::from_millis(300)).build().expect("config");
    let client = Client::new(&config, &ENDPOINTS).expect("client");
    let error = client.send(&create()).await.expect_err("stalled");
    assert!(matches!(error, Error::Timeout { after } if after == Duration::from_millis(300)), "{error:?}");
    assert_eq!(server.exchanges().len(), 3, "an idempotent call retries a timeout");

    let server = LoopbackServer::start(SECRET, vec![Reply::Stall]);
    let options =
        CallOptions::new().timeout(Duration::from_secs(10)).operation_timeout(Duration::from_millis(300));
    let error = self::client(&server).send_with(&create(), &options).await.expect_err("stalled");
    assert!(matches!(error, Error::Timeout { after } if after == Duration::from_millis(300)), "{error:?}");
}

#[tokio::test]
async fn an_oversized_body_is_refused_unread() {
    let server = LoopbackServer::start(SECRET, vec![Reply::Oversized { bytes: 8 * 1024 * 1024 }]);
    let config = config_for(&server).max_response_bytes(64 * 1024).build().expect("config");
    let error =
        Client::new(&config, &ENDPOINTS).expect("client").send(&describe()).await.expect_err("too big");
    assert!(
        matches!(&error, Error::Transport(t) if t.kind == TransportErrorKind::BodyTooLarge { limit: 64 * 1024 }),
        "{error:?}"
    );
    assert_eq!(server.exchanges().len(), 1, "not retried");
}

#[tokio::test]
async fn service_errors_keep_everything_the_service_said() {
    let body = r#"{"RequestId":"R-1","HostId":"ecs.aliyuncs.com","Code":"InvalidParameter","Message":"bad","Recommend":"https://next.api.aliyun.com/troubleshoot?q=InvalidParameter","Extra":{"Nested":[1,2]}}"#;
    let server = LoopbackServer::start(SECRET, vec![Reply::json(403, body)]);
    let error = client(&server).send(&describe()).await.expect_err("an API error");
    let Error::Service(service) = &error else { panic!("{error:?}") };
    assert!(matches!(**service, FakeError::InvalidParameter(_)));
    assert_eq!(service.code(), "InvalidParameter");
    assert_eq!(service.message(), "bad");
    assert_eq!(service.request_id(), "R-1");
    assert_eq!(service.host_id(), "ecs.aliyuncs.com");
    assert!(service.recommend().ends_with("q=InvalidParameter"));
    assert_eq!(service.status(), 403, "the status received, not a documented one");
    assert_eq!(service.raw_body(), body);
    assert_eq!(server.exchanges().len(), 1);

    let huge =
        format!(r#"{{"RequestId":"R-2","Code":"InvalidParameter","Message":"{}"}}"#, "x".repeat(200_000));
    let server = LoopbackServer::start(SECRET, vec![Reply::json(400, &huge)]);
    let error = client(&server).send(&describe()).await.expect_err("an API error");
    assert!(error.to_string().len() < 1024, "Display is bounded");
    assert_eq!(error.api_error().map(|s| s.message().len()), Some(200_000), "the accessor keeps all of it");

    for (status, body) in
        [(400, r#"{"RequestId":"D-2","Message":"no code"}"#), (400, "<html>bad gateway</html>")]
    {
        let server = LoopbackServer::start(SECRET, vec![Reply::json(status, body)]);
        let error = client(&server).send(&describe()).await.expect_err("no service error body");
        assert!(matches!(&error, Error::Decode { status: 400, body: raw, .. } if raw == body), "{error:?}");
    }
    let server =
        LoopbackServer::start(SECRET, vec![Reply::json(200, r#"{"RequestId":"D-1","TotalCount":"many"}"#)]);
    let error = client(&server).send(&describe()).await.expect_err("wrong type");
    assert!(
        matches!(&error, Error::Decode { status: 200, request_id: Some(id), .. } if id == "D-1"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_passed_dry_run_is_its_own_variant() {
    let body = r#"{"RequestId":"DR-1","HostId":"ecs.aliyuncs.com","Code":"DryRunOperation","Message":"Request validation has been passed with DryRun flag set."}"#;
    let server = LoopbackServer::start(SECRET, vec![Reply::json(400, body)]);
    let error = client(&server).send(&create()).await.expect_err("dry run");
    assert!(error.is_dry_run_passed());
    assert!(matches!(&error, Error::DryRunPassed(service) if service.request_id() == "DR-1"));
    assert_eq!(server.exchanges().len(), 1);
}

#[tokio::test]
async fn the_region_fills_requests_and_a_request_for_another_region_is_not_sent() {
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, SUCCESS)]);
    let unset = DescribeThingsRequest { region_id: String::new(), ..describe() };
    client(&server).send(&unset).await.expect("sent");
    assert_eq!(server.exchanges()[0].param("RegionId"), Some("cn-hangzhou"));

    let elsewhere = DescribeThingsRequest { region_id: "cn-beijing".into(), ..describe() };
    let error = client(&server).send(&elsewhere).await.expect_err("another region");
    assert!(
        matches!(&error, Error::RegionMismatch { client, request } if client == "cn-hangzhou" && request == "cn-beijing")
    );
    for evil in ["cn-hangzhou.attacker.com#", "evil.example/", "a@b"] {
        let request = DescribeThingsRequest { region_id: evil.into(), ..describe() };
        let error = client(&server).send(&request).await.expect_err("not a region");
        assert!(matches!(error, Error::Config(ConfigError::InvalidRequestRegion(_))), "{error:?}");
    }
    assert_eq!(server.exchanges().len(), 1, "only the first request was sent");
}

#[test]
fn regions_and_endpoints_that_are_not_plain_hosts_are_refused_and_endpoints_come_from_the_data() {
    for evil in ["evil.example/", "cn-hangzhou.attacker.com#", "a@b"] {
        let error =
            Config::builder().region(evil).credentials(Credentials::new(ID, SECRET)).build().expect_err(evil);
        assert!(matches!(error, Error::Config(ConfigError::InvalidRegion(_))), "{error:?}");
        let error = Config::builder()
            .endpoint(evil)
            .credentials(Credentials::new(ID, SECRET))
            .build()
            .expect_err(evil);
        assert!(matches!(error, Error::Config(ConfigError::InvalidEndpoint(_))), "{error:?}");
    }
    let at = |region: &str, network| {
        let config = Config::builder()
            .region(region)
            .network(network)
            .credentials(Credentials::new(ID, SECRET))
            .build()
            .expect("config");
        Client::new(&config, &ENDPOINTS).map(|client| client.endpoint().base_url())
    };
    use alibabacloud_runtime::endpoint::Network;
    assert_eq!(
        at("cn-hangzhou", Network::Public).expect("regional"),
        "https://fake.cn-hangzhou.aliyuncs.com/"
    );
    assert_eq!(at("eu-west-1", Network::Public).expect("central"), "https://fake.aliyuncs.com/");
    assert_eq!(at("cn-hangzhou", Network::Vpc).expect("vpc"), "https://fake-vpc.cn-hangzhou.aliyuncs.com/");
    assert!(matches!(at("eu-west-1", Network::Vpc), Err(Error::Config(ConfigError::Endpoint(_)))));
    let env = alibabacloud_runtime::env::Env::from_pairs([("HOME", "/nonexistent")]);
    let no_region =
        Config::builder().env(env).credentials(Credentials::new(ID, SECRET)).build().expect("config");
    assert!(matches!(Client::new(&no_region, &ENDPOINTS), Err(Error::Config(ConfigError::NoRegion))));
    let env = alibabacloud_runtime::env::Env::from_pairs([("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou")]);
    let from_env =
        Config::builder().env(env).credentials(Credentials::new(ID, SECRET)).build().expect("config");
    assert_eq!(from_env.region().map(|r| r.as_str()), Some("cn-hangzhou"));
}

#[tokio::test]
async fn an_invalid_request_is_not_sent_unless_validation_is_off() {
    let too_long = DescribeThingsRequest { names: vec!["ok".into(), "far-too-long".into()], ..describe() };
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, SUCCESS)]);
    let error = client(&server).send(&too_long).await.expect_err("breaks a documented rule");
    let Error::Invalid(errors) = &error else { panic!("{error:?}") };
    assert_eq!(errors.violations()[0].path, "Name.2");
    assert!(server.exchanges().is_empty(), "nothing reached the server");
    let lenient = config_for(&server).validate_requests(false).build().expect("config");
    Client::new(&lenient, &ENDPOINTS).expect("client").send(&too_long).await.expect("sent as it is");
    assert_eq!(server.exchanges().len(), 1);
}

#[tokio::test]
async fn paginators_follow_tokens_and_page_numbers() {
    let server = LoopbackServer::with_handler(SECRET, |exchange, _| match exchange.param("Action") {
        Some("DescribeThings") => match exchange.param("NextToken") {
            None => Reply::json(200, r#"{"RequestId":"P-1","Things":["a","b"],"NextToken":"t2"}"#),
            Some("t2") => Reply::json(200, r#"{"RequestId":"P-2","Things":["c"],"NextToken":"t3"}"#),
            Some(_) => Reply::json(200, r#"{"RequestId":"P-3","Things":["d"],"NextToken":""}"#),
        },
        _ => {
            let page: u64 = exchange.param("PageNumber").unwrap_or("1").parse().expect("a number");
            let body = format!(
                r#"{{"RequestId":"N-{page}","TotalCount":5,"PageNumber":{page},"PageSize":2,"Things":["p{page}"]}}"#
            );
            Reply::json(200, &body)
        }
    });
    let client = client(&server);
    let mut items = client.items(describe());
    let mut seen = Vec::new();
    while let Some(item) = items.next().await {
        seen.push(item.expect("an item"));
    }
    assert_eq!(seen, ["a", "b", "c", "d"]);
    let mut pages = client.pages(ListPagesRequest { region_id: "cn-hangzhou".into(), page_size: 2 });
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await {
        ids.push(page.expect("a page").request_id);
    }
    assert_eq!(ids, ["N-1", "N-2", "N-3"], "pages until PageNumber × PageSize ≥ TotalCount");
    assert_all_signed(&server);
    assert_eq!(server.exchanges().len(), 6);
}

#[tokio::test]
async fn an_error_ends_a_paginator() {
    let server = LoopbackServer::start(
        SECRET,
        vec![
            Reply::json(200, r#"{"RequestId":"P-1","Things":["a"],"NextToken":"t2"}"#),
            Reply::json(404, r#"{"RequestId":"E-1","Code":"InvalidThingId.NotFound","Message":"gone"}"#),
        ],
    );
    let mut items = client(&server).items(describe());
    assert_eq!(items.next().await.map(|r| r.expect("first")), Some("a".to_owned()));
    let error = items.next().await.expect("an error").expect_err("the error");
    assert!(matches!(error.api_error(), Some(FakeError::ThingNotFound(_))));
    assert!(items.next().await.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_client_serves_many_concurrent_calls() {
    let server = LoopbackServer::start(SECRET, vec![Reply::json(200, SUCCESS)]);
    let client = Arc::new(client(&server));
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let client = Arc::clone(&client);
            tokio::spawn(async move { client.send(&describe()).await })
        })
        .collect();
    for call in calls {
        call.await.expect("joined").expect("answered");
    }
    assert_eq!(server.exchanges().len(), 50);
    assert_all_signed(&server);
}
