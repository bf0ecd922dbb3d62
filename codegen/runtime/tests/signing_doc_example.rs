//! The worked DescribeRegions example of the "Request signatures" guide, reproduced byte for byte.

use std::path::PathBuf;

use alibabacloud_runtime::signing::{
    canonical_query, percent_encode, sign_pairs, signature, string_to_sign, HttpMethod,
};

/// The parameters of the guide's example (note `Format=XML` there; the client sends JSON).
fn example_pairs() -> Vec<(String, String)> {
    [
        ("Timestamp", "2016-02-23T12:46:24Z"),
        ("Format", "XML"),
        ("AccessKeyId", "testid"),
        ("Action", "DescribeRegions"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
        ("Version", "2014-05-26"),
        ("SignatureVersion", "1.0"),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value.to_owned()))
    .collect()
}

const STRING_TO_SIGN: &str = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26";
const SIGNATURE: &str = "OLeaidS1JvxuMvnyHOwuJ+uX5qY=";

#[test]
fn reproduces_the_guide_string_to_sign_and_signature() {
    let canonical = canonical_query(&example_pairs());
    assert_eq!(
        canonical,
        "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26"
    );
    assert_eq!(string_to_sign(HttpMethod::Get, &canonical), STRING_TO_SIGN);
    assert_eq!(signature("testsecret", STRING_TO_SIGN), SIGNATURE);
    assert_eq!(percent_encode(SIGNATURE), "OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D");

    let signed = sign_pairs(&example_pairs(), HttpMethod::Get, "testsecret");
    assert_eq!(signed.signature, SIGNATURE);
    assert!(signed
        .to_query_string()
        .ends_with("&Version=2014-05-26&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D"));
}

/// The same numbers, read from the guide itself, so a doc change cannot slip past the constants.
#[test]
fn the_constants_are_the_ones_in_the_guide() {
    let page = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../spec/ecs/guides/Getting-started--Request-signatures.md");
    let text = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    let doc_string_to_sign = text
        .lines()
        .map(str::trim)
        .find(|line| line.starts_with("GET&%2F&"))
        .expect("the guide shows a string-to-sign");
    assert_eq!(doc_string_to_sign, STRING_TO_SIGN);
    assert!(
        text.contains(&format!("The calculated signature is `{SIGNATURE}`")),
        "the guide names the signature"
    );
    assert_eq!(
        signature("testsecret", doc_string_to_sign),
        SIGNATURE,
        "signing the guide's own string-to-sign"
    );
}
