//! Nothing the runtime prints or logs shows the AccessKey secret or a request's password.
#![cfg(feature = "client")]

mod support;

use std::sync::Mutex;
use std::time::Duration;

use alibabacloud_runtime::client::{Client, RetryPolicy, SendError};
use alibabacloud_runtime::credentials::Credentials;
use alibabacloud_runtime::dry_run::UrlOptions;
use alibabacloud_runtime::secret::Secret;
use alibabacloud_runtime::signing::HttpMethod;
use support::fake_api::{CreateThingRequest, FakeError};
use support::loopback::{LoopbackServer, Reply};

const SECRET: &str = "Sup3rS3cretAccessKeyValue";
const PASSWORD: &str = "Pa55w0rdOfTheInstance";

/// Keeps every log record of the process (this test file is its own process).
struct CapturingLogger {
    lines: Mutex<Vec<String>>,
}

static LOGGER: CapturingLogger = CapturingLogger { lines: Mutex::new(Vec::new()) };

impl log::Log for CapturingLogger {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        let line = format!("{} {}: {}", record.level(), record.target(), record.args());
        self.lines.lock().expect("log lock").push(line);
    }

    fn flush(&self) {}
}

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(SECRET), "{what} shows the secret: {text}");
    assert!(!text.contains(PASSWORD), "{what} shows the password: {text}");
}

fn shown(value: &(impl std::fmt::Debug + std::fmt::Display)) -> String {
    format!("{value:?} | {value} | {value:#?}")
}

#[test]
fn debug_display_and_logs_never_show_secrets() {
    log::set_logger(&LOGGER).expect("first logger");
    log::set_max_level(log::LevelFilter::Trace);

    let credentials = Credentials::new("visible-id", SECRET);
    assert_clean("credentials", &shown(&credentials));
    assert!(format!("{credentials:?}").contains("visible-id"));
    assert_clean("secret", &shown(&Secret::new(PASSWORD)));

    let request = CreateThingRequest {
        region_id: "cn-hangzhou".into(),
        password: Some(Secret::new(PASSWORD)),
        client_token: Some("token".into()),
    };
    assert_clean("request", &format!("{request:?} {request:#?}"));

    let url_options = UrlOptions::from_args(&[
        "--access-key-id".to_owned(),
        "visible-id".to_owned(),
        "--secret".to_owned(),
        SECRET.to_owned(),
    ])
    .expect("valid options");
    assert_clean("url options", &format!("{url_options:?}"));

    let replies = vec![
        Reply::json(200, r#"{"RequestId":"C-1","ThingId":"t-1"}"#),
        Reply::json(400, r#"{"RequestId":"E-1","Code":"InvalidParameter","Message":"bad"}"#),
        Reply::json(200, "{broken"),
        Reply::json(200, "{}").slow(Duration::from_secs(2)),
    ];
    let server = LoopbackServer::start(SECRET, replies);
    let client = Client::builder()
        .credentials(credentials)
        .base_url(server.base_url.clone())
        .retry(RetryPolicy::none())
        .timeout(Duration::from_millis(500))
        .build()
        .expect("explicit credentials");
    assert_clean("client", &format!("{client:?} {client:#?}"));

    let success = client.send(&request).expect("success");
    assert_eq!(success.thing_id, "t-1");
    let mut errors: Vec<SendError<FakeError>> = Vec::new();
    for _ in 0..3 {
        errors.push(client.send(&request).expect_err("scripted failure"));
    }
    assert!(matches!(errors[0], SendError::Api { .. }));
    assert!(matches!(errors[1], SendError::Decode { .. }));
    assert!(matches!(errors[2], SendError::Timeout));
    for error in &errors {
        assert_clean("error", &shown(error));
    }
    assert!(server.exchanges().iter().all(|exchange| exchange.signature_ok));

    // GET puts parameters in the URL (which HTTP stacks log): no password here, but the
    // AccessKey secret must stay out of it all the same.
    let get_server =
        LoopbackServer::start(SECRET, vec![Reply::json(200, r#"{"RequestId":"G-1","ThingId":"t-2"}"#)]);
    let get_client = Client::builder()
        .credentials(Credentials::new("visible-id", SECRET))
        .base_url(get_server.base_url.clone())
        .method(HttpMethod::Get)
        .build()
        .expect("explicit credentials");
    let without_password = CreateThingRequest { password: None, ..request.clone() };
    get_client.send(&without_password).expect("GET success");
    assert!(get_server.exchanges()[0].signature_ok);

    let lines = LOGGER.lines.lock().expect("log lock").clone();
    assert!(!lines.is_empty(), "the HTTP stack logged nothing: the capture would prove nothing");
    for line in &lines {
        assert_clean("log", line);
    }
    // The HTTP stack hex-dumps traffic 16 bytes a line: search the text column as one string too.
    let dumped: String =
        lines.iter().filter_map(|line| line.rsplit_once("  ").map(|(_, text)| text)).collect();
    assert_clean("hex-dumped traffic", &dumped);
}
