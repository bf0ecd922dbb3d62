//! Reads a ROA request line (`PATCH|POST /openapi/instances/[InstanceId]/admin-pwd HTTPS|HTTP`)
//! from a page's Request syntax section or sample request.

use super::blocks::Block;
use crate::ir::HttpMethod;

/// One request line as written: the methods before the path, the path and its query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLine {
    /// Every method listed before the path (`PATCH|POST` gives two), in order.
    pub methods: Vec<HttpMethod>,
    /// The path without its query (`/openapi/instances/[InstanceId]/admin-pwd`).
    pub path: String,
    /// The query after `?`, as written (empty when none).
    pub query: String,
    /// Whatever follows the path (`HTTP/1.1 {"a": 1}`), trimmed: the rest of the line and, read
    /// by [`first_in`], the lines after it in its block.
    pub rest: String,
    pub line: usize,
}

impl RequestLine {
    /// An RPC request written as a request line: `GET /?Action=…`.
    pub fn is_rpc(&self) -> bool {
        self.path == "/" && self.query.split('&').any(|p| p.trim_start().starts_with("Action="))
    }

    /// The `[Name]`s of the path, in order.
    pub fn path_params(&self) -> Vec<String> {
        path_params(&self.path)
    }
}

/// The `[Name]`s of a path template, in order.
pub fn path_params(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else { break };
        let name = rest[open + 1..open + close].trim();
        if !name.is_empty() {
            out.push(name.to_owned());
        }
        rest = &rest[open + close + 1..];
    }
    out
}

/// Reads a request line from one line of text: methods (`|`-separated), then a path starting
/// with `/`. `None` for anything else.
pub fn parse(text: &str, line: usize) -> Option<RequestLine> {
    let text = text.trim();
    let (methods_word, rest) = text.split_once(char::is_whitespace)?;
    let methods: Option<Vec<HttpMethod>> = methods_word.split('|').map(HttpMethod::parse).collect();
    let methods = methods.filter(|m| !m.is_empty())?;
    let rest = rest.trim_start();
    if !rest.starts_with('/') {
        return None;
    }
    let (target, after) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    Some(RequestLine {
        methods,
        path: path.to_owned(),
        query: query.to_owned(),
        rest: after.trim().to_owned(),
        line,
    })
}

/// The first request line among the first lines of a section's code blocks and paragraphs (an
/// indented code block is a paragraph here).
pub fn first_in(blocks: &[Block]) -> Option<RequestLine> {
    blocks.iter().find_map(|block| {
        let (body, first_line) = match block {
            Block::Code(code) => (code.body.as_str(), code.line + 1),
            Block::Text { text, line } => (text.as_str(), *line),
            _ => return None,
        };
        let lines: Vec<&str> = body.lines().collect();
        let (i, first) = lines.iter().enumerate().find(|(_, l)| !l.trim().is_empty())?;
        let mut request = parse(first, first_line + i)?;
        let following = lines[i + 1..].join("\n");
        if !following.trim().is_empty() {
            request.rest = format!("{}\n{}", request.rest, following.trim()).trim().to_owned();
        }
        Some(request)
    })
}

/// The JSON body written after a sample request's line, when there is one that parses.
pub fn sample_body(request: &RequestLine) -> Option<String> {
    let start = request.rest.find(['{', '['])?;
    let candidate = request.rest[start..].trim();
    serde_json::from_str::<serde_json::Value>(candidate).ok().map(|_| candidate.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_methods_path_and_query() {
        let l = parse("  PATCH|POST /openapi/instances/[InstanceId]/admin-pwd HTTPS|HTTP", 3).unwrap();
        assert_eq!(l.methods, vec![HttpMethod::Patch, HttpMethod::Post]);
        assert_eq!(l.path, "/openapi/instances/[InstanceId]/admin-pwd");
        assert_eq!(l.path_params(), vec!["InstanceId"]);
        assert_eq!(l.rest, "HTTPS|HTTP");
        let l = parse("PATCH /openapi/instances/es-1/description?description=x HTTP/1.1 {}", 1).unwrap();
        assert_eq!(
            (l.path.as_str(), l.query.as_str(), l.rest.as_str()),
            ("/openapi/instances/es-1/description", "description=x", "HTTP/1.1 {}")
        );
        assert!(parse("GET /?Action=DescribeRegions&RegionId=x", 1).unwrap().is_rpc());
        assert!(parse("Call the API to create it", 1).is_none());
        assert!(parse("GET https://x.aliyuncs.com/", 1).is_none());
        assert_eq!(path_params("/a/[X]/b/[ Y ]/[]/[Z"), vec!["X", "Y"]);
        let blocks = crate::parse::blocks::blocks("```\nPOST /a/b HTTP/1.1\n{\n  \"k\": 1\n}\n```\n");
        let l = first_in(&blocks).unwrap();
        assert_eq!((l.line, sample_body(&l).as_deref()), (2, Some("{\n  \"k\": 1\n}")));
    }
}
