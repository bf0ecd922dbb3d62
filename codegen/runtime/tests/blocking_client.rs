//! The blocking client: the same pipeline as the async one, driven on its own runtime.
#![cfg(feature = "blocking")]

mod support;

use std::time::Duration;

use alibabacloud_runtime::blocking::Client;
use alibabacloud_runtime::credentials::Credentials;
use alibabacloud_runtime::retry::RetryPolicy;
use alibabacloud_runtime::Config;
use support::fake_api::{CreateThingRequest, DescribeThingsRequest, ENDPOINTS};
use support::loopback::{LoopbackServer, Reply};

#[test]
fn sends_retries_and_pages_without_an_async_runtime() {
    let server = LoopbackServer::with_handler("secret", |exchange, index| match exchange.param("Action") {
        Some("CreateThing") if index == 0 => {
            Reply::json(503, r#"{"RequestId":"S-1","Code":"ServiceUnavailable","Message":"x"}"#)
        }
        Some("CreateThing") => Reply::json(200, r#"{"RequestId":"C-1","ThingId":"t-1"}"#),
        _ => match exchange.param("NextToken") {
            None => Reply::json(200, r#"{"RequestId":"P-1","Things":["a"],"NextToken":"t2"}"#),
            Some(_) => Reply::json(200, r#"{"RequestId":"P-2","Things":["b"]}"#),
        },
    });
    let config = Config::builder()
        .region("cn-hangzhou")
        .endpoint(server.base_url.clone())
        .credentials(Credentials::new("id", "secret"))
        .retry(RetryPolicy::standard().with_initial_backoff(Duration::from_millis(5)))
        .build()
        .expect("config");
    let client = Client::new(&config, &ENDPOINTS).expect("client");
    let created = client
        .send(&CreateThingRequest { region_id: "cn-hangzhou".into(), ..Default::default() })
        .expect("retried once");
    assert_eq!(created.thing_id, "t-1");
    let items: Vec<String> = client
        .items(DescribeThingsRequest { region_id: "cn-hangzhou".into(), ..Default::default() })
        .collect::<Result<_, _>>()
        .expect("two pages");
    assert_eq!(items, ["a", "b"]);
    let exchanges = server.exchanges();
    assert_eq!(exchanges.len(), 4);
    assert!(exchanges.iter().all(|e| e.signed_ok()));
    assert_eq!(exchanges[0].param("ClientToken"), exchanges[1].param("ClientToken"));
}
