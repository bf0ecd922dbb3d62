//! Reads the Examples section: the sample request's query pairs and the success responses.

use super::blocks::Block;
use crate::ir::{Examples, QueryPair};

/// Which sample a code block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sample {
    Request,
    Json,
    Xml,
}

/// Reads the first sample request and the first successful JSON and XML responses among `blocks`.
/// Code blocks introduced by a paragraph about errors are skipped.
pub fn examples(blocks: &[Block]) -> Examples {
    let mut out = Examples::default();
    let mut request_seen = false;
    let mut about_errors = false;
    let mut hint = None;
    for block in blocks {
        let code = match block {
            Block::Text { text, .. } => {
                let t = text.to_ascii_lowercase();
                about_errors = (t.contains("error") || t.contains("fail")) && !t.contains("success");
                if t.contains("json") {
                    hint = Some(Sample::Json);
                } else if t.contains("xml") {
                    hint = Some(Sample::Xml);
                }
                continue;
            }
            Block::Heading(h) => {
                let t = h.text.to_ascii_lowercase();
                about_errors = t.contains("error") && !t.contains("success");
                continue;
            }
            Block::Code(code) => code,
            Block::Table(_) => continue,
        };
        if about_errors {
            continue;
        }
        match classify(&code.info, &code.body).or(hint.take()) {
            Some(Sample::Request) if !request_seen => {
                request_seen = true;
                out.request = query_pairs(&code.body);
            }
            Some(Sample::Json) if out.json_response.is_none() => out.json_response = Some(code.body.clone()),
            Some(Sample::Xml) if out.xml_response.is_none() => out.xml_response = Some(code.body.clone()),
            _ => {}
        }
    }
    out
}

/// The body of a sample response without a leading `HTTP/1.1 200 OK` status line and headers.
pub fn payload(body: &str) -> &str {
    let trimmed = body.trim_start();
    if !trimmed.starts_with("HTTP/") {
        return trimmed;
    }
    let mut rest = trimmed;
    while let Some((line, tail)) = rest.split_once('\n') {
        rest = tail;
        if line.trim().is_empty() {
            return rest.trim_start();
        }
        if line.trim_start().starts_with(['{', '[', '<']) {
            break;
        }
    }
    let start = trimmed.find(['{', '[', '<']).unwrap_or(trimmed.len());
    &trimmed[start..]
}

fn classify(info: &str, body: &str) -> Option<Sample> {
    let info = info.to_ascii_lowercase();
    let body = payload(body);
    let request_line = body.lines().next().and_then(|l| super::request_line::parse(l, 0));
    if info.contains("request")
        || body.starts_with("http")
        || body.contains("?Action=")
        || request_line.is_some()
    {
        Some(Sample::Request)
    } else if info.contains("json") || body.starts_with('{') || body.starts_with('[') {
        Some(Sample::Json)
    } else if info.contains("xml") || body.starts_with('<') {
        Some(Sample::Xml)
    } else {
        None
    }
}

/// The `key=value` pairs after the `?` of a sample request URL written over many lines.
/// Placeholders such as `<Common request parameters>` are left out.
/// A ROA sample (`POST /path?a=1 HTTP/1.1 …`) gives the pairs of its path's query only.
pub fn query_pairs(body: &str) -> Vec<QueryPair> {
    let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if let Some(line) = super::request_line::parse(first, 0).filter(|l| !l.is_rpc()) {
        return pairs_of(&line.query);
    }
    let joined: String = body.lines().map(str::trim).collect();
    let query = joined.split_once('?').map_or(joined.as_str(), |(_, q)| q);
    pairs_of(query)
}

fn pairs_of(query: &str) -> Vec<QueryPair> {
    query
        .split('&')
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.starts_with('<'))
        .map(|p| {
            let (key, value) = p.split_once('=').unwrap_or((p, ""));
            QueryPair { key: key.to_owned(), value: value.to_owned() }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_skip_placeholders() {
        let pairs = query_pairs(
            "https://ecs.aliyuncs.com/?Action=RunInstances\n&RegionId=cn-hangzhou\n&Tag.1.Key=a=b\n&<Common request parameters>\n",
        );
        let flat: Vec<(&str, &str)> = pairs.iter().map(|p| (p.key.as_str(), p.value.as_str())).collect();
        assert_eq!(flat, vec![("Action", "RunInstances"), ("RegionId", "cn-hangzhou"), ("Tag.1.Key", "a=b")]);
        let pairs = query_pairs("http(s)://ecs.aliyuncs.com/? Action=X\n&A=1");
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[0].key, "Action");
        let pairs = query_pairs("PATCH /openapi/i/es-1/description?description=x HTTP/1.1 {\"a\": 1}");
        assert_eq!((pairs.len(), pairs[0].key.as_str(), pairs[0].value.as_str()), (1, "description", "x"));
        assert!(query_pairs("POST /openapi/collectors HTTP/1.1 public request header {}").is_empty());
    }

    #[test]
    fn payload_skips_http_headers() {
        assert_eq!(payload("HTTP/1.1 200 OK\nContent-Type:application/json\n\n{\"A\":1}"), "{\"A\":1}");
        assert_eq!(payload("  <A/>"), "<A/>");
    }
}
