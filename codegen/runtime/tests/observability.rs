//! Tracing spans for each call and attempt (operation, region, request id, status, attempt,
//! latency), and no secret anywhere: not in spans or events, not in any Debug or Display.
#![cfg(feature = "client")]

mod support;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use alibabacloud_runtime::client::Client;
use alibabacloud_runtime::credentials::Credentials;
use alibabacloud_runtime::dry_run::UrlOptions;
use alibabacloud_runtime::error::Error;
use alibabacloud_runtime::retry::RetryPolicy;
use alibabacloud_runtime::secret::Secret;
use alibabacloud_runtime::signing::HttpMethod;
use alibabacloud_runtime::Config;
use support::fake_api::{CreateThingRequest, DeleteThingRequest, FakeError, ENDPOINTS};
use support::loopback::{LoopbackServer, Reply};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

const SECRET: &str = "Sup3rS3cretAccessKeyValue";
const TOKEN: &str = "St5S3curityT0kenValue";
const PASSWORD: &str = "Pa55w0rdOfTheInstance";

/// A span's or event's fields, as recorded.
type Recorded = Vec<(String, String)>;

/// Records every span (name and fields) and event of the thread it is installed on.
#[derive(Default, Clone)]
struct Capture {
    spans: Arc<Mutex<HashMap<u64, (String, Recorded)>>>,
    metadata: Arc<Mutex<HashMap<u64, &'static Metadata<'static>>>>,
    /// Entered spans, innermost last (the test runs on one thread).
    entered: Arc<Mutex<Vec<u64>>>,
    events: Arc<Mutex<Vec<Recorded>>>,
    next: Arc<AtomicU64>,
}

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let mut text = String::new();
        let _ = write!(text, "{value:?}");
        self.0.push((field.name().to_owned(), text.trim_matches('"').to_owned()));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        let mut fields = Vec::new();
        span.record(&mut Fields(&mut fields));
        self.spans.lock().expect("spans").insert(id, (span.metadata().name().to_owned(), fields));
        self.metadata.lock().expect("metadata").insert(id, span.metadata());
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        if let Some((_, fields)) = self.spans.lock().expect("spans").get_mut(&span.into_u64()) {
            values.record(&mut Fields(fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        self.events.lock().expect("events").push(fields);
    }

    fn enter(&self, span: &Id) {
        self.entered.lock().expect("entered").push(span.into_u64());
    }

    fn exit(&self, span: &Id) {
        let mut entered = self.entered.lock().expect("entered");
        if let Some(at) = entered.iter().rposition(|id| *id == span.into_u64()) {
            entered.remove(at);
        }
    }

    fn current_span(&self) -> tracing_core::span::Current {
        let entered = self.entered.lock().expect("entered");
        match entered.last() {
            Some(id) => {
                let metadata = self.metadata.lock().expect("metadata")[id];
                tracing_core::span::Current::new(Id::from_u64(*id), metadata)
            }
            None => tracing_core::span::Current::none(),
        }
    }
}

impl Capture {
    fn spans_named(&self, name: &str) -> Vec<HashMap<String, String>> {
        let spans = self.spans.lock().expect("spans");
        let mut ids: Vec<_> = spans.iter().filter(|(_, (n, _))| n == name).map(|(id, _)| *id).collect();
        ids.sort_unstable();
        ids.iter().map(|id| spans[id].1.iter().cloned().collect()).collect()
    }

    fn all_text(&self) -> String {
        let mut text = String::new();
        for (name, fields) in self.spans.lock().expect("spans").values() {
            let _ = writeln!(text, "{name} {fields:?}");
        }
        for fields in self.events.lock().expect("events").iter() {
            let _ = writeln!(text, "{fields:?}");
        }
        text
    }
}

fn assert_clean(what: &str, text: &str) {
    for secret in [SECRET, TOKEN, PASSWORD] {
        assert!(!text.contains(secret), "{what} shows a secret: {text}");
    }
}

fn shown(value: &(impl std::fmt::Debug + std::fmt::Display)) -> String {
    format!("{value:?} | {value} | {value:#?}")
}

fn client_for(server: &LoopbackServer, method: HttpMethod) -> Client {
    let config = Config::builder()
        .region("cn-hangzhou")
        .endpoint(server.base_url.clone())
        .credentials(Credentials::new("visible-id", SECRET).with_security_token(TOKEN))
        .method(method)
        .retry(RetryPolicy::standard().with_max_attempts(3).with_initial_backoff(Duration::from_millis(5)))
        .timeout(Duration::from_millis(500))
        .build()
        .expect("config");
    Client::new(&config, &ENDPOINTS).expect("client")
}

#[tokio::test]
async fn calls_and_attempts_are_traced_and_nothing_shows_a_secret() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let credentials = Credentials::new("visible-id", SECRET).with_security_token(TOKEN);
    assert_clean("credentials", &shown(&credentials));
    assert!(format!("{credentials:?}").contains("visible-id"));
    assert_clean("secret", &shown(&Secret::new(PASSWORD)));
    let request = CreateThingRequest {
        region_id: "cn-hangzhou".into(),
        password: Some(Secret::new(PASSWORD)),
        client_token: Some("token".into()),
    };
    assert_clean("request", &format!("{request:?} {request:#?}"));
    let args: Vec<String> = ["--access-key-id", "visible-id", "--secret", SECRET, "--security-token", TOKEN]
        .map(String::from)
        .to_vec();
    assert_clean("url options", &format!("{:?}", UrlOptions::from_args(&args).expect("valid")));

    let server = LoopbackServer::start(
        SECRET,
        vec![
            Reply::json(429, r#"{"RequestId":"T-1","Code":"Throttling","Message":"wait"}"#)
                .header("Retry-After", "1"),
            Reply::json(200, r#"{"RequestId":"C-1","ThingId":"t-1"}"#),
            Reply::json(400, r#"{"RequestId":"E-1","Code":"InvalidParameter","Message":"bad"}"#),
            Reply::json(200, "{broken"),
            Reply::Stall,
        ],
    );
    let client = client_for(&server, HttpMethod::Post);
    assert_clean("client", &format!("{client:?} {client:#?}"));
    assert_eq!(client.send(&request).await.expect("second attempt").thing_id, "t-1");
    let delete = DeleteThingRequest { region_id: "cn-hangzhou".into(), thing_id: "t-1".into() };
    let mut errors: Vec<Error<FakeError>> = Vec::new();
    for _ in 0..3 {
        errors.push(client.send(&delete).await.expect_err("scripted failure"));
    }
    assert!(matches!(errors[0], Error::Service(_)));
    assert!(matches!(errors[1], Error::Decode { .. }));
    assert!(matches!(errors[2], Error::Timeout { .. }));
    for error in &errors {
        assert_clean("error", &shown(error));
    }
    assert!(server.exchanges().iter().all(|e| e.signed_ok()));

    let calls = capture.spans_named("alibabacloud.call");
    assert_eq!(calls.len(), 4);
    let first = &calls[0];
    assert_eq!(first["operation"], "CreateThing");
    assert_eq!(first["product"], "Fake");
    assert_eq!(first["region"], "cn-hangzhou");
    assert_eq!(first["attempts"], "2");
    assert_eq!(first["request_id"], "C-1");
    assert_eq!(first["status"], "ok");
    assert_eq!(calls[1]["request_id"], "E-1");
    assert_eq!(calls[1]["status"], "400");
    let attempts = capture.spans_named("alibabacloud.attempt");
    assert_eq!(attempts.len(), 5, "2 + 1 + 1 + 1");
    assert_eq!(attempts[0]["attempt"], "1");
    assert_eq!(attempts[0]["status"], "429");
    assert_eq!(attempts[0]["request_id"], "T-1");
    assert_eq!(attempts[1]["attempt"], "2");
    assert!(attempts.iter().all(|a| a.contains_key("latency_ms")), "{attempts:?}");
    let events = capture.events.lock().expect("events").clone();
    let retry = events
        .iter()
        .find(|fields| fields.iter().any(|(k, v)| k == "message" && v == "retrying"))
        .expect("a retry event");
    let delay: u64 = retry.iter().find(|(k, _)| k == "delay_ms").expect("delay").1.parse().expect("a number");
    assert!(delay >= 1000, "Retry-After: 1 is honoured: {delay} ms");
    assert!(retry.iter().any(|(k, v)| k == "reason" && v == "throttled"));

    let get_server =
        LoopbackServer::start(SECRET, vec![Reply::json(200, r#"{"RequestId":"G-1","ThingId":"t-2"}"#)]);
    let without_password = CreateThingRequest { password: None, ..request.clone() };
    client_for(&get_server, HttpMethod::Get).send(&without_password).await.expect("GET success");
    assert!(get_server.exchanges()[0].signed_ok());

    let text = capture.all_text();
    assert!(text.len() > 500, "the capture recorded little: it would prove nothing");
    assert_clean("traces", &text);
}
