//! The generated ECS client against the loopback ECS service (the docs' own response examples,
//! every signature checked by the official SDK's signer), and the `rpc url` dry run's host and
//! signature.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use alibabacloud_ecs::runtime::credentials::Credentials;
use alibabacloud_ecs::runtime::env::Env;
use alibabacloud_ecs::runtime::paginate::{Paginated, Paging};
use alibabacloud_ecs::runtime::retry::RetryPolicy;
use alibabacloud_ecs::runtime::{Config, Error, Operation};
use alibabacloud_ecs::Client;
use sdk_tests::ecs_service::{ACCESS_KEY_ID, ACCESS_KEY_SECRET};
use sdk_tests::loopback::{LoopbackServer, Reply};
use sdk_tests::{official_signer, EcsService};
use serde_json::Value;

fn config(endpoint: String) -> Config {
    Config::builder()
        .env(Env::from_pairs([("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou")]))
        .endpoint(endpoint)
        .credentials(Credentials::new(ACCESS_KEY_ID, ACCESS_KEY_SECRET))
        .retry(RetryPolicy::standard().with_initial_backoff(Duration::from_millis(5)))
        .validate_requests(false)
        .build()
        .expect("config")
}

/// The docs' sample request of `action`, as wire pairs.
fn sample_request(action: &str) -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../generated/ir/ecs/{action}.json"));
    let api: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("IR")).expect("JSON");
    api["examples"]["request"]
        .as_array()
        .expect("a sample request")
        .iter()
        .map(|pair| {
            (pair["key"].as_str().unwrap_or("").to_owned(), pair["value"].as_str().unwrap_or("").to_owned())
        })
        .collect()
}

macro_rules! send_samples {
    ($client:expr, $($module:ident :: $request:ident),* $(,)?) => {{
        let mut sent = 0;
        $(
            let request = alibabacloud_ecs::$module::$request::from_query_pairs(sample_request(<alibabacloud_ecs::$module::$request as Operation>::ACTION))
                .expect("the docs' sample request reads back");
            let response = $client.send(&request).await;
            assert!(response.is_ok(), "{}: {:?}", <alibabacloud_ecs::$module::$request as Operation>::ACTION, response.err());
            sent += 1;
        )*
        sent
    }};
}

#[tokio::test]
async fn the_docs_sample_requests_are_answered_with_the_docs_examples() {
    let service = EcsService::start();
    assert!(service.actions() >= 150, "{} APIs have a JSON example", service.actions());
    let client = Client::new(&config(service.endpoint())).expect("client");
    let sent = send_samples!(
        client,
        describe_instances::DescribeInstancesRequest,
        stop_instance::StopInstanceRequest,
        describe_zones::DescribeZonesRequest,
        describe_disks::DescribeDisksRequest,
        describe_images::DescribeImagesRequest,
        describe_security_groups::DescribeSecurityGroupsRequest,
        run_instances::RunInstancesRequest,
        create_disk::CreateDiskRequest,
        start_instance::StartInstanceRequest,
        delete_instance::DeleteInstanceRequest,
    );
    assert_eq!(test_report::count("ECS sample requests sent to the loopback service", sent), 10);
    assert!(service.all_signed());
    let exchanges = service.server.exchanges();
    let run =
        exchanges.iter().find(|e| e.param("Action") == Some("RunInstances")).expect("RunInstances sent");
    assert_eq!(run.param("ClientToken").map(str::len), Some(36), "a ClientToken was filled in");
    let delete = exchanges.iter().find(|e| e.param("Action") == Some("DeleteInstance")).expect("sent");
    assert_eq!(delete.param("ClientToken"), None, "no token where the docs document none");
}

#[tokio::test]
async fn run_instances_keeps_one_client_token_across_retries_and_reads_the_example() {
    let example = sdk_tests::ecs_service::response_examples()["RunInstances"].to_string();
    let server = LoopbackServer::start(
        ACCESS_KEY_SECRET,
        vec![
            Reply::json(503, r#"{"RequestId":"S-1","Code":"ServiceUnavailable","Message":"later"}"#),
            Reply::ResetAfterRead,
            Reply::json(200, &example),
        ],
    );
    let client = Client::new(&config(server.base_url.clone())).expect("client");
    let request = alibabacloud_ecs::run_instances::RunInstancesRequest::from_query_pairs(sample_request(
        "RunInstances",
    ))
    .expect("sample");
    let response = client.send(&request).await.expect("third attempt");
    assert_eq!(response.instance_id_sets.len(), 3);
    let exchanges = server.exchanges();
    assert_eq!(exchanges.len(), 3);
    let token = exchanges[0].param("ClientToken").expect("a token");
    assert!(exchanges.iter().all(|e| e.param("ClientToken") == Some(token) && e.signed_ok()));
}

#[tokio::test]
async fn describe_instances_pages_and_a_region_mismatch_is_not_sent() {
    assert!(matches!(
        <alibabacloud_ecs::describe_instances::DescribeInstancesRequest as Paginated>::PAGING,
        Paging::NextToken { .. }
    ));
    let service = EcsService::start();
    let client = Client::new(&config(service.endpoint())).expect("client");
    let request = alibabacloud_ecs::describe_instances::DescribeInstancesRequest::builder("cn-hangzhou")
        .build()
        .expect("valid");
    let mut pages = client.pages(request);
    let mut count = 0;
    while let Some(page) = pages.next().await {
        assert_eq!(page.expect("a page").instances.len(), 1);
        count += 1;
    }
    assert_eq!(count, 2);
    let other = alibabacloud_ecs::describe_instances::DescribeInstancesRequest::builder("cn-beijing")
        .build()
        .expect("valid");
    let error = client.send(&other).await.expect_err("another region");
    assert!(matches!(error, Error::RegionMismatch { .. }), "{error:?}");
    assert_eq!(service.server.exchanges().len(), 2);
}

#[test]
fn the_endpoint_data_picks_the_host() {
    let at = |region: &str, vpc: bool| {
        let mut builder = Config::builder().region(region).credentials(Credentials::new("id", "secret"));
        if vpc {
            builder = builder.network(alibabacloud_ecs::runtime::endpoint::Network::Vpc);
        }
        Client::new(&builder.build().expect("config")).map(|c| c.as_runtime().endpoint().base_url())
    };
    assert_eq!(at("eu-central-1", false).expect("regional"), "https://ecs.eu-central-1.aliyuncs.com/");
    assert_eq!(at("cn-hangzhou", true).expect("vpc"), "https://ecs-vpc.cn-hangzhou.aliyuncs.com/");
    assert_eq!(at("cn-hangzhou", false).expect("central"), "https://ecs.aliyuncs.com/");
    let hosts: Vec<&str> = alibabacloud_ecs::ENDPOINTS
        .regional
        .iter()
        .chain(alibabacloud_ecs::ENDPOINTS.vpc)
        .map(|(_, host)| *host)
        .collect();
    assert!(test_report::count("ECS documented hosts checked as plain hosts", hosts.len()) >= 30);
    for host in hosts {
        alibabacloud_ecs::runtime::endpoint::Endpoint::https(host)
            .expect("every documented host is a plain host");
    }
}

/// Builds the crate's `rpc` example once and returns its path.
fn rpc_binary() -> &'static Path {
    static RPC: OnceLock<PathBuf> = OnceLock::new();
    RPC.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let output = Command::new(cargo)
            .args(["build", "-p", "alibabacloud-ecs", "--example", "rpc", "--message-format=json"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stderr(Stdio::inherit())
            .output()
            .expect("cargo runs");
        assert!(output.status.success(), "cargo build --example rpc failed");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "rpc")
            .find_map(|m| m["executable"].as_str().map(PathBuf::from))
            .expect("cargo reports the rpc executable")
    })
}

/// `rpc url DescribeInstances <args>` on `json`: exit code, stdout.
fn rpc_url(json: &str, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(rpc_binary())
        .args(["url", "DescribeInstances"])
        .args(args)
        .env_remove("ALIBABA_CLOUD_ACCESS_KEY_ID")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rpc starts");
    child.stdin.take().expect("stdin").write_all(json.as_bytes()).expect("request written");
    let output = child.wait_with_output().expect("rpc finishes");
    (output.status.code().expect("exit code"), String::from_utf8(output.stdout).expect("UTF-8"))
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8().expect("UTF-8").into_owned()
}

#[test]
fn rpc_url_takes_the_host_from_the_endpoint_data_and_signs_like_the_official_sdk() {
    let fixed = [
        "--access-key-id",
        "testid",
        "--secret",
        "testsecret",
        "--security-token",
        "sts token/+=",
        "--timestamp",
        "2016-02-23T12:46:24Z",
        "--nonce",
        "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    ];
    for (region, vpc, host) in [
        ("eu-central-1", false, "https://ecs.eu-central-1.aliyuncs.com/"),
        ("cn-hangzhou", true, "https://ecs-vpc.cn-hangzhou.aliyuncs.com/"),
    ] {
        let mut args = fixed.to_vec();
        args.extend(["--region", region]);
        if vpc {
            args.push("--vpc");
        }
        let (code, out) = rpc_url(&format!(r#"{{"RegionId":"{region}","PageSize":10}}"#), &args);
        assert_eq!(code, 0, "{out}");
        let url = out.trim();
        let (base, query) = url.split_once('?').expect("a query");
        assert_eq!(base, host);
        let mut pairs: Vec<(String, String)> = query
            .split('&')
            .map(|pair| pair.split_once('=').expect("key=value"))
            .map(|(k, v)| (decode(k), decode(v)))
            .collect();
        let (key, signature) = pairs.pop().expect("the signature last");
        assert_eq!(key, "Signature");
        assert!(pairs.contains(&("SecurityToken".to_owned(), "sts token/+=".to_owned())));
        assert!(pairs.contains(&("RegionId".to_owned(), region.to_owned())));
        match official_signer::signature("GET", &pairs, "testsecret") {
            Some(official) => assert_eq!(official, signature, "the official SDK's signer agrees"),
            None => {
                test_report::skip("the official Python SDK signer is not installed (scripts/python-sdk.sh)")
            }
        }
    }
    for bad in ["evil.example/", "cn-hangzhou.attacker.com#", "a@b"] {
        let mut args = fixed.to_vec();
        args.extend(["--region", bad]);
        let (code, out) = rpc_url(r#"{"RegionId":"cn-hangzhou"}"#, &args);
        assert_eq!((code, out.as_str()), (2, ""), "an invalid region prints no URL");
    }
    let mut args = fixed.to_vec();
    args.extend(["--region", "eu-central-1"]);
    let (code, out) = rpc_url(r#"{"RegionId":"cn-beijing"}"#, &args);
    assert_eq!((code, out.as_str()), (2, ""), "a request for another region prints no URL");
}
