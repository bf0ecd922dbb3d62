//! The `rpc url` dry run: argument parsing, the exact URL, and that the URL is accepted when sent as is.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;

use alibabacloud_runtime::dry_run::{signed_url, url_from_json, DryRunError, UrlArgsError, UrlOptions};
use alibabacloud_runtime::signing::SigningInputError;
use support::fake_api::DescribeThingsRequest;
use support::loopback::{LoopbackServer, Reply};

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|arg| (*arg).to_owned()).collect()
}

fn request() -> DescribeThingsRequest {
    DescribeThingsRequest { region_id: "cn-hangzhou".into(), names: vec!["a b".into(), "c/d".into()] }
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
    let url = signed_url(&request(), &options);
    assert_eq!(
        url,
        "https://ecs.aliyuncs.com/?AccessKeyId=testid&Action=DescribeThings&Format=JSON\
         &Name.1=a%20b&Name.2=c%2Fd&RegionId=cn-hangzhou&SignatureMethod=HMAC-SHA1\
         &SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0\
         &Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26&Signature=gCRkPAtBpRJk1alK7lRBlXCkOWg%3D"
    );
    assert_eq!(url, signed_url(&request(), &options));
    let from_json = url_from_json::<DescribeThingsRequest>(
        r#"{"RegionId":"cn-hangzhou","Names":["a b","c/d"]}"#,
        &args(FIXED),
    )
    .expect("valid JSON and options");
    assert_eq!(from_json, url);

    let mut regional = args(FIXED);
    regional.extend(args(&["--region", "cn-shanghai", "--method", "post"]));
    let options = UrlOptions::from_args(&regional).expect("valid options");
    let url = signed_url(&request(), &options);
    assert!(url.starts_with("https://ecs.cn-shanghai.aliyuncs.com/?AccessKeyId=testid&"));
}

/// Sends `url` exactly as printed, like `curl [-X POST] '<url>'`, and returns what the server saw.
fn send_as_printed(server: &LoopbackServer, method: &str, url: &str) -> String {
    let target = url.strip_prefix(&server.base_url).expect("the URL points at the loopback server");
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
        let url = signed_url(&request(), &options);
        let answer = send_as_printed(&server, method, &url);
        assert!(answer.starts_with("HTTP/1.1 200"), "{method}: {answer}");
        let exchange = &server.exchanges()[0];
        assert!(exchange.signature_ok, "{method}: {exchange:?}");
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
    let error = url_from_json::<DescribeThingsRequest>(r#"{"RegionId":7}"#, &args(FIXED))
        .expect_err("RegionId is a string");
    assert!(matches!(error, DryRunError::Request(_)), "{error:?}");
    let error = url_from_json::<DescribeThingsRequest>("{}", &args(&["--nope"])).expect_err("unknown option");
    assert!(error.to_string().contains("usage: url <Api>"), "{error}");
}
