//! The `rpc url` dry run: argument parsing, the exact URL, and that the URL is accepted when sent as is.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;

use alibabacloud_runtime::dry_run::{signed_url, url_from_json, DryRunError, UrlArgsError, UrlOptions};
use alibabacloud_runtime::signing::SigningInputError;
use support::fake_api::{DescribeThingsRequest, ENDPOINTS};
use support::loopback::{LoopbackServer, Reply};
use support::official_signer;

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|arg| (*arg).to_owned()).collect()
}

fn request() -> DescribeThingsRequest {
    DescribeThingsRequest {
        region_id: "cn-hangzhou".into(),
        names: vec!["a b".into(), "c/d".into()],
        ..Default::default()
    }
}

const FIXED: &[&str] = &[
    "--access-key-id",
    "testid",
    "--secret",
    "testsecret",
    "--timestamp",
    "2016-02-23T12:46:24Z",
    "--nonce",
    "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
];

/// The pinned signature was checked apart from this code, with Python's `hmac` and `urllib.parse.quote`.
#[test]
fn fixed_inputs_give_the_same_url_every_time() {
    let options = UrlOptions::from_args(&args(FIXED)).expect("valid options");
    let url = signed_url(&request(), &options, &ENDPOINTS).expect("a URL");
    assert_eq!(
        url,
        "https://fake.aliyuncs.com/?AccessKeyId=testid&Action=DescribeThings&Format=JSON\
         &Name.1=a%20b&Name.2=c%2Fd&RegionId=cn-hangzhou&SignatureMethod=HMAC-SHA1\
         &SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0\
         &Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26&Signature=gCRkPAtBpRJk1alK7lRBlXCkOWg%3D"
    );
    assert_eq!(url, signed_url(&request(), &options, &ENDPOINTS).expect("a URL"));
    let from_json = url_from_json::<DescribeThingsRequest>(
        r#"{"RegionId":"cn-hangzhou","Names":["a b","c/d"]}"#,
        &args(FIXED),
        &ENDPOINTS,
    )
    .expect("valid JSON and options");
    assert_eq!(from_json, url);
}

fn url_with(extra: &[&str]) -> Result<String, DryRunError> {
    let mut list = args(FIXED);
    list.extend(args(extra));
    let options = UrlOptions::from_args(&list).map_err(DryRunError::Args)?;
    signed_url(&request(), &options, &ENDPOINTS)
}

#[test]
fn the_host_comes_from_the_endpoint_data_and_bad_regions_print_nothing() {
    let host = |extra: &[&str]| url_with(extra).expect("a URL").split('?').next().expect("a base").to_owned();
    assert_eq!(host(&["--region", "cn-hangzhou"]), "https://fake.cn-hangzhou.aliyuncs.com/");
    assert_eq!(host(&["--region", "cn-hangzhou", "--vpc"]), "https://fake-vpc.cn-hangzhou.aliyuncs.com/");
    assert!(matches!(url_with(&["--region", "cn-shanghai", "--vpc"]), Err(DryRunError::Endpoint(_))));
    for evil in ["evil.example/", "cn-hangzhou.attacker.com#", "a@b"] {
        let error = url_with(&["--region", evil]).expect_err("not a region");
        assert!(matches!(error, DryRunError::Args(UrlArgsError::Region(_))), "{error:?}");
        let error = url_with(&["--endpoint", evil]).expect_err("not a host");
        assert!(matches!(error, DryRunError::Args(UrlArgsError::Endpoint(_))), "{error:?}");
    }
    let unset = DescribeThingsRequest { region_id: String::new(), ..request() };
    let mut list = args(FIXED);
    list.extend(args(&["--region", "cn-hangzhou"]));
    let options = UrlOptions::from_args(&list).expect("valid");
    let url = signed_url(&unset, &options, &ENDPOINTS).expect("a URL");
    assert!(url.contains("&RegionId=cn-hangzhou&"), "--region fills an unset RegionId: {url}");
    let elsewhere = DescribeThingsRequest { region_id: "cn-beijing".into(), ..request() };
    assert!(matches!(signed_url(&elsewhere, &options, &ENDPOINTS), Err(DryRunError::Region(_))));
}

/// The URL's signature, `SecurityToken` included, is the one the official SDK's signer computes.
#[test]
fn the_signature_is_the_official_signers_security_token_included() {
    let url = url_with(&["--security-token", "sts token/+=", "--region", "cn-hangzhou"]).expect("a URL");
    let query = url.split_once('?').expect("a query").1;
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .map(|pair| {
            let (key, value) = pair.split_once('=').expect("key=value");
            (decode(key), decode(value))
        })
        .collect();
    let signature = pairs.pop().expect("Signature last");
    assert_eq!(signature.0, "Signature");
    assert!(pairs.contains(&("SecurityToken".to_owned(), "sts token/+=".to_owned())));
    match official_signer::signature("GET", &pairs, "testsecret") {
        Some(official) => assert_eq!(official, signature.1),
        None => test_report::skip("the official Python SDK signer is not installed (scripts/python-sdk.sh)"),
    }
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8().expect("UTF-8").into_owned()
}

/// Sends `url` exactly as printed, like `curl [-X POST] '<url>'`, and returns what the server saw.
fn send_as_printed(server: &LoopbackServer, method: &str, url: &str) -> String {
    let target = url.strip_prefix(&server.base_url).expect("the URL points at the loopback server");
    let target = if target.starts_with('/') { target.to_owned() } else { format!("/{target}") };
    let host = server.base_url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).expect("connect");
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("answer");
    answer
}

#[test]
fn the_printed_url_is_accepted_as_is() {
    for method in ["GET", "POST"] {
        let server = LoopbackServer::start(
            "testsecret",
            vec![Reply::json(200, r#"{"RequestId":"U-1","TotalCount":0}"#)],
        );
        let mut list = args(&["--access-key-id", "testid", "--secret", "testsecret"]);
        list.extend(args(&["--endpoint", &server.base_url, "--method", method]));
        let options = UrlOptions::from_args(&list).expect("valid options");
        let url = signed_url(&request(), &options, &ENDPOINTS).expect("a URL");
        let answer = send_as_printed(&server, method, &url);
        assert!(answer.starts_with("HTTP/1.1 200"), "{method}: {answer}");
        let exchange = &server.exchanges()[0];
        assert!(exchange.signed_ok(), "{method}: {exchange:?}");
        assert_eq!(exchange.method, method);
    }
}

#[test]
fn bad_command_lines_are_reported() {
    assert_eq!(
        UrlOptions::from_args(&args(&["--access-key-id"])).unwrap_err(),
        UrlArgsError::MissingValue("--access-key-id".into())
    );
    assert_eq!(
        UrlOptions::from_args(&args(&["--bogus", "1"])).unwrap_err(),
        UrlArgsError::UnknownFlag("--bogus".into())
    );
    assert_eq!(
        UrlOptions::from_args(&args(&["--secret", "s"])).unwrap_err(),
        UrlArgsError::MissingFlag("--access-key-id")
    );
    assert_eq!(
        UrlOptions::from_args(&args(&["--timestamp", "yesterday"])).unwrap_err(),
        UrlArgsError::Input(SigningInputError::Timestamp("yesterday".into()))
    );
    assert_eq!(
        UrlOptions::from_args(&args(&["--method", "PUT"])).unwrap_err(),
        UrlArgsError::Input(SigningInputError::Method("PUT".into()))
    );
}

#[test]
fn bad_request_json_is_reported() {
    let error = url_from_json::<DescribeThingsRequest>(r#"{"RegionId":7}"#, &args(FIXED), &ENDPOINTS)
        .expect_err("RegionId is a string");
    assert!(matches!(error, DryRunError::Request(_)), "{error:?}");
    let error = url_from_json::<DescribeThingsRequest>("{}", &args(&["--nope"]), &ENDPOINTS)
        .expect_err("unknown option");
    assert!(error.to_string().contains("usage: url <Api>"), "{error}");
}
