//! The worked example of the Elasticsearch "Request signatures" guide (ROA), reproduced from the
//! guide's own text, and the same request through Alibaba's official ROA signer.
//!
//! The guide's sample canonicalized request contradicts its own rules in two places, and the
//! official SDK follows the rules: it lists `x-acs-signature-nonce` before
//! `x-acs-signature-method` (step 2 says "in alphabetical order"), and keeps a space after
//! `x-acs-signature-nonce:` (step 3 says to delete it; the guide's "Sample canonicalized header"
//! shows it deleted). Every other byte of the sample is reproduced as written; those two lines are
//! reproduced after applying the guide's steps 2 and 3 to the guide's own sample.

mod support;

use std::path::PathBuf;

use alibabacloud_runtime::roa::{canonicalized_headers, canonicalized_resource, signature, string_to_sign};

fn guide() -> Option<String> {
    let shared: PathBuf = test_report::shared_dir()?;
    let page = shared.join("corpus/guides/elasticsearch/Request-signatures.md");
    Some(std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display())))
}

/// The code blocks of the page, in order, each without its fences and common indentation.
fn code_blocks(page: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in page.lines() {
        if line.trim_start().starts_with("```") {
            match current.take() {
                Some(lines) => {
                    let indent = lines
                        .iter()
                        .filter(|l| !l.trim().is_empty())
                        .map(|l| l.len() - l.trim_start().len())
                        .min()
                        .unwrap_or(0);
                    let text: Vec<&str> =
                        lines.iter().map(|l| l.get(indent..).unwrap_or("").trim_end()).collect();
                    blocks.push(text.join("\n"));
                }
                None => current = Some(Vec::new()),
            }
        } else if let Some(lines) = current.as_mut() {
            lines.push(line);
        }
    }
    blocks
}

/// The guide's sample original request: method, path, query and headers.
struct Original {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
}

fn original(block: &str) -> Original {
    let mut lines = block.lines();
    let request_line = lines.next().expect("a request line");
    let mut words = request_line.split_whitespace();
    let method = words.next().expect("a method").to_owned();
    let target = words.next().expect("a path");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_owned(), v.to_owned())
        })
        .collect();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Original { method, path: path.to_owned(), query, headers }
}

/// The guide's steps 2 and 3 applied to its own sample's `x-acs-` lines: sorted, no space after `:`.
fn by_the_guides_rules(sample: &str) -> String {
    let mut acs: Vec<String> = Vec::new();
    let mut out: Vec<String> = Vec::new();
    for line in sample.lines() {
        match line.split_once(':') {
            Some((k, v)) if k.starts_with("x-acs-") => acs.push(format!("{}:{}", k.trim(), v.trim())),
            _ => {
                if !acs.is_empty() {
                    acs.sort();
                    out.append(&mut acs);
                }
                out.push(line.to_owned());
            }
        }
    }
    out.join("\n")
}

#[test]
fn reproduces_the_guides_canonicalized_request() {
    let Some(page) = guide() else { return };
    let blocks = code_blocks(&page);
    let sample = blocks
        .iter()
        .find(|b| b.starts_with("POST /stacks?name=test_alert&status=COMPLETE HTTP/1.1"))
        .expect("the guide's sample original request");
    let canonical = blocks
        .iter()
        .find(|b| b.starts_with("POST\napplication/json\n"))
        .expect("the guide's sample canonicalized request");
    let request = original(sample);
    test_report::count("guide headers read", request.headers.len());
    assert!(request.headers.len() >= 8, "{:?}", request.headers);

    let ours = string_to_sign(&request.method, &request.headers, &request.path, &request.query);

    // Byte for byte: the HTTP header block and the canonicalized resource.
    let guide_lines: Vec<&str> = canonical.lines().collect();
    let our_lines: Vec<&str> = ours.lines().collect();
    assert_eq!(our_lines[..5], guide_lines[..5], "the HTTP header block");
    assert_eq!(our_lines.last(), guide_lines.last(), "the canonicalized resource");
    // Byte for byte after the guide's own steps 2 and 3 on its sample.
    assert_eq!(ours, by_the_guides_rules(canonical));
    // The two lines where the sample breaks those steps, named.
    assert!(canonical.contains("x-acs-signature-nonce: 550e8400"), "the sample's space after `nonce:`");
    assert!(
        canonical.find("x-acs-signature-nonce") < canonical.find("x-acs-signature-method"),
        "the sample lists the nonce before the method"
    );

    // The CanonicalizedHeaders section's own sample: each line reproduced byte for byte.
    let header_sample = blocks
        .iter()
        .find(|b| b.starts_with("x-acs-signature-nonce:550e8400"))
        .expect("the guide's sample canonicalized header");
    let our_headers = canonicalized_headers(&request.headers);
    for line in header_sample.lines() {
        assert!(our_headers.lines().any(|l| l == line), "`{line}` in {our_headers}");
    }
    assert_eq!(our_headers.lines().count(), header_sample.lines().count());

    // The CanonicalizedResource section's example.
    let (path, query) = "/stacks?status=COMPLETE&name=test_alert".split_once('?').unwrap();
    let pairs: Vec<(String, String)> = query
        .split('&')
        .map(|p| p.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())).unwrap())
        .collect();
    assert!(blocks.iter().any(|b| b == "/stacks?status=COMPLETE&name=test_alert"));
    let resource = canonicalized_resource(path, &pairs);
    assert!(blocks.contains(&resource), "{resource}");
}

#[test]
fn the_official_roa_signer_agrees_on_the_guides_request() {
    let Some(page) = guide() else { return };
    let blocks = code_blocks(&page);
    let sample = blocks
        .iter()
        .find(|b| b.starts_with("POST /stacks?name=test_alert&status=COMPLETE HTTP/1.1"))
        .expect("the guide's sample original request");
    let request = original(sample);
    let ours = string_to_sign(&request.method, &request.headers, &request.path, &request.query);
    let Some(official) = support::official_roa::sign(
        &request.method,
        &request.path,
        &request.query,
        &request.headers,
        "testsecret",
    ) else {
        return;
    };
    assert_eq!(ours, official.string_to_sign);
    assert_eq!(signature("testsecret", &ours), official.signature);
}
