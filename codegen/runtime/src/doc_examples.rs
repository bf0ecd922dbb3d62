//! The docs' own examples held to a generated crate: the sample request's query pairs read with
//! `from_query_pairs`, written back to the same pairs and passing validation; the JSON and XML
//! response samples read into the response type with every key placed; each documented error code
//! mapped to its variant and back.
//!
//! The examples are data: each crate's `tests/doc_examples.json` (generated from the IR) holds every
//! API's examples and known findings, and its `tests/doc_examples.rs` is one test per API naming
//! the API's types ([`ExampleFile::check`]). A check that fails is a failure of the test unless the
//! data lists it as a finding (the docs' example is itself wrong, with the reason, from
//! `spec/doc-example-findings.toml`); a listed finding that does not happen fails too. What was
//! checked is counted into the test report (`TEST_REPORT_DIR`, which `cargo xtask test` sets and
//! prints).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value;

use crate::json;
use crate::operation::{ErrorBody, Operation};
use crate::query::{self, QueryPairs};
use crate::schema::{JsonMode, Schema, Struct, StructMut, View};
use crate::service_error::{ErrorCodes, ErrorKind, ServiceError};
use crate::validation::REQUIRED;

/// A crate's `tests/doc_examples.json`, read once on first use (a `static` of the test file).
#[derive(Debug)]
pub struct ExampleFile {
    text: &'static str,
    read: OnceLock<Result<ExampleData, String>>,
}

/// The file's contents: the product's folder name and each API's examples by its module name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleData {
    product: String,
    apis: BTreeMap<String, ApiExamples>,
}

/// One API's examples as its page shows them (`None`: the page shows no such example).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiExamples {
    api: String,
    sample_request: Option<Vec<(String, String)>>,
    json_response: Option<String>,
    xml_response: Option<String>,
    error_codes: Vec<(String, Option<u16>)>,
    findings: Vec<Finding>,
}

impl ExampleFile {
    /// The file's text (`include_str!`); it is read by the first [`ExampleFile::check`].
    pub const fn new(text: &'static str) -> Self {
        ExampleFile { text, read: OnceLock::new() }
    }

    /// Puts the examples of the API whose module is `module` through its request `R`, response `T`
    /// and error codes `C`, then [`DocExamples::finish`]es with its listed findings.
    ///
    /// # Panics
    /// When a check fails that no finding lists, a listed finding does not happen, the file does not
    /// read, or it has no entry for `module`.
    pub fn check<R: Operation + Schema, T: Schema, C: ErrorCodes>(&self, module: &str) {
        let read = self.read.get_or_init(|| serde_json::from_str(self.text).map_err(|e| e.to_string()));
        let data = match read {
            Ok(data) => data,
            Err(e) => panic!("tests/doc_examples.json does not read: {e}"),
        };
        let Some(examples) = data.apis.get(module) else {
            panic!("tests/doc_examples.json has no examples of `{module}`");
        };
        let mut check = DocExamples::new(&data.product, &examples.api);
        match &examples.sample_request {
            Some(pairs) => {
                let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                check.sample_request::<R>(&pairs);
            }
            None => check.absent(Example::SampleRequest),
        }
        match &examples.json_response {
            Some(sample) => check.json_response::<T>(sample),
            None => check.absent(Example::JsonResponse),
        }
        match &examples.xml_response {
            Some(sample) => check.xml_response::<T>(sample),
            None => check.absent(Example::XmlResponse),
        }
        let rows: Vec<(&str, Option<u16>)> =
            examples.error_codes.iter().map(|(code, status)| (code.as_str(), *status)).collect();
        check.error_codes::<C>(&rows);
        check.finish(&examples.findings);
    }
}

/// Which of a page's examples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Example {
    SampleRequest,
    JsonResponse,
    XmlResponse,
    ErrorCodes,
}

impl Example {
    fn name(self) -> &'static str {
        match self {
            Example::SampleRequest => "sample request",
            Example::JsonResponse => "JSON response sample",
            Example::XmlResponse => "XML response sample",
            Example::ErrorCodes => "error codes",
        }
    }
}

/// A check that is known to fail because the docs' example is wrong.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub example: Example,
    /// A part of the failure's message that identifies it.
    pub fails: String,
    /// Why the docs are wrong here.
    pub reason: String,
}

/// The checks of one API's examples.
#[derive(Debug)]
pub struct DocExamples<'a> {
    product: &'a str,
    api: &'a str,
    failures: Vec<(Example, String)>,
    /// `(what, how many)` checked without failure, and pages lacking an example.
    counts: Vec<(String, usize)>,
}

impl<'a> DocExamples<'a> {
    pub fn new(product: &'a str, api: &'a str) -> Self {
        DocExamples { product, api, failures: Vec::new(), counts: Vec::new() }
    }

    fn fail(&mut self, example: Example, message: String) {
        self.failures.push((example, message));
    }

    fn count(&mut self, what: &str, n: usize) {
        self.counts.push((format!("{} {what}", self.product), n));
    }

    /// The page shows no such example (counted, so a fall in the examples is seen).
    pub fn absent(&mut self, example: Example) {
        self.count(&format!("pages without a {}", example.name()), 1);
    }

    /// The sample request: `from_query_pairs`, back through `to_query_pairs` to the same pairs
    /// (`Action` and common parameters aside, in any order), then `validate()`, where only a missing
    /// required parameter (outright or unless another is set) is allowed (a sample shows a few
    /// parameters, not every required one).
    pub fn sample_request<R: Operation + Schema>(&mut self, pairs: &[(&str, &str)]) {
        let example = Example::SampleRequest;
        let request: R = match query::from_query_pairs(R::ACTION, pairs.iter().copied()) {
            Ok(request) => request,
            Err(e) => return self.fail(example, format!("from_query_pairs: {e}")),
        };
        let mut sent: Vec<(&str, &str)> = pairs
            .iter()
            .copied()
            .filter(|(k, _)| *k != "Action" && !query::COMMON_PARAMETERS.contains(k))
            .collect();
        let back: QueryPairs = request.to_query_pairs();
        let mut written: Vec<(&str, &str)> = back.iter().filter(|(k, _)| *k != "Action").collect();
        sent.sort_by(|a, b| query::natural_order(a.0, b.0));
        written.sort_by(|a, b| query::natural_order(a.0, b.0));
        let same = sent.len() == written.len() && sent.iter().zip(&written).all(|(a, b)| same_pair(*a, *b));
        if !same {
            let missing: Vec<String> = sent
                .iter()
                .filter(|p| !written.iter().any(|w| same_pair(**p, *w)))
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            let added: Vec<String> = written
                .iter()
                .filter(|w| !sent.iter().any(|p| same_pair(*p, **w)))
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            return self.fail(
                example,
                format!("to_query_pairs gives other pairs: without {missing:?}, with {added:?}"),
            );
        }
        self.count("sample requests round-tripped through from_query_pairs and to_query_pairs", 1);
        if let Err(errors) = request.validate() {
            let rejections: Vec<String> = errors
                .violations()
                .iter()
                // A sample shows a few parameters: a missing one, required outright or unless
                // another is set, is not a rule the sample breaks.
                .filter(|v| v.source != REQUIRED && !v.message.starts_with("is required unless "))
                .map(|v| format!("{}: {}", v.path, v.message))
                .collect();
            if !rejections.is_empty() {
                return self
                    .fail(example, format!("rejected by an enforced rule: {}", rejections.join("; ")));
            }
        }
        self.count("sample requests validated (no enforced rule rejects them)", 1);
    }

    /// The JSON response sample: read into `T` leniently, every key placed in a field, and the typed
    /// response written back and read again equal, with as many values as the sample.
    pub fn json_response<T: Schema>(&mut self, sample: &str) {
        match serde_json::from_str::<Value>(http_body(sample)) {
            Ok(value) => self.response::<T>(Example::JsonResponse, &value),
            Err(e) => self.fail(Example::JsonResponse, format!("not JSON: {e}")),
        }
    }

    /// The XML response sample, as [`DocExamples::json_response`], through [`crate::xml`].
    pub fn xml_response<T: Schema>(&mut self, sample: &str) {
        match crate::xml::to_json(http_body(sample)) {
            Ok(value) => self.response::<T>(Example::XmlResponse, &value),
            Err(e) => self.fail(Example::XmlResponse, e.to_string()),
        }
    }

    fn response<T: Schema>(&mut self, example: Example, value: &Value) {
        let mut read = T::default();
        let xml = example == Example::XmlResponse;
        let unread = match json::fill_reporting_unread(&mut read as &mut dyn StructMut, value, xml) {
            Ok(unread) => unread,
            Err(e) => return self.fail(example, format!("does not fit the response type: {e}")),
        };
        if !unread.is_empty() {
            return self.fail(example, format!("keys not in the response type: {}", unread.join(", ")));
        }
        let written = json::to_value(&read);
        let mut again = T::default();
        if let Err(e) = json::fill(&mut again as &mut dyn StructMut, &written, JsonMode::Lenient) {
            return self.fail(example, format!("the typed response written back does not read: {e}"));
        }
        if !crate::schema::eq(&read, &again) {
            return self.fail(example, "the typed response written back reads as another".to_owned());
        }
        let (shown, kept) = (leaves(value), typed_leaves(&read));
        if shown != kept {
            return self.fail(example, format!("the sample has {shown} values, the typed response {kept}"));
        }
        match example {
            Example::XmlResponse => self.count("XML response samples read into the response type", 1),
            _ => self.count("JSON response samples read into the response type", 1),
        }
    }

    /// Each documented code (`rows`: the page's error table, `(code, status)` a row) becomes its
    /// variant of `C`, which maps back to the same code and to the status when the docs give exactly
    /// one; `C` has no other codes.
    pub fn error_codes<C: ErrorCodes>(&mut self, rows: &[(&str, Option<u16>)]) {
        let example = Example::ErrorCodes;
        let mut codes: Vec<(&str, Vec<Option<u16>>)> = Vec::new();
        for &(code, status) in rows {
            if code.trim().is_empty() {
                self.fail(example, "a row without a code".to_owned());
                continue;
            }
            match codes.iter_mut().find(|(c, _)| *c == code) {
                Some((_, statuses)) => statuses.push(status),
                None => codes.push((code, vec![status])),
            }
        }
        let mut mapped = 0;
        for (code, statuses) in &codes {
            let error = ServiceError::<C>::from(ErrorBody::new(*code, "doc example"));
            let ErrorKind::Api(variant) = error.kind() else {
                self.fail(example, format!("`{code}` is no variant of the API's codes"));
                continue;
            };
            let row = C::CODES.iter().find(|(v, _, _)| *v == variant);
            if row.map(|r| r.1) != Some(*code) {
                self.fail(
                    example,
                    format!("`{code}` is {variant:?}, which maps back to {:?}", row.map(|r| r.1)),
                );
                continue;
            }
            let single = statuses[0].filter(|s| statuses.iter().all(|t| *t == Some(*s)));
            if error.documented_status() != single {
                self.fail(
                    example,
                    format!(
                        "`{code}` documents status {single:?}, its variant {:?}",
                        error.documented_status()
                    ),
                );
                continue;
            }
            mapped += 1;
        }
        if C::CODES.len() != codes.len() {
            self.fail(
                example,
                format!("the page lists {} codes, the enum has {}", codes.len(), C::CODES.len()),
            );
        }
        self.count("error codes mapped to their variant and back", mapped);
    }

    /// Every failure must be one of `expected` (same example, message containing its `fails`), and
    /// every expected finding must happen; then the counts go to the test report.
    pub fn finish(mut self, expected: &[Finding]) {
        let mut unexpected = String::new();
        let mut met = vec![false; expected.len()];
        for (example, message) in &self.failures {
            match expected.iter().position(|f| f.example == *example && message.contains(f.fails.as_str())) {
                Some(i) => met[i] = true,
                None => {
                    let _ = writeln!(unexpected, "  {}: {message}", example.name());
                }
            }
        }
        let stale: Vec<String> = expected
            .iter()
            .zip(&met)
            .filter(|(_, met)| !**met)
            .map(|(f, _)| format!("  {}: `{}` ({})", f.example.name(), f.fails, f.reason))
            .collect();
        assert!(
            unexpected.is_empty() && stale.is_empty(),
            "{} {}: the docs' examples do not go through the crate:\n{unexpected}listed findings that did not happen:\n{}",
            self.product,
            self.api,
            stale.join("\n")
        );
        let findings = self.failures.len();
        self.count("doc example findings (the docs' example is wrong, listed with a reason)", findings);
        record(&self.counts);
    }
}

/// One pair as sent and as written back: the same key and value, a number written in its shortest
/// form (`8.0` goes as `8`: the same number to the service), a JSON object or array written compact
/// (`{"name":"Jack", "key":"v"}` goes as `{"name":"Jack","key":"v"}`: the same value).
fn same_pair(sent: (&str, &str), written: (&str, &str)) -> bool {
    let number = |v: &str| v.parse::<f64>().ok().filter(|f| f.is_finite());
    let json = |v: &str| {
        v.trim_start().starts_with(['{', '[']).then(|| serde_json::from_str::<Value>(v).ok()).flatten()
    };
    sent.0 == written.0
        && (sent.1 == written.1
            || number(sent.1).is_some_and(|a| number(written.1) == Some(a))
            || json(sent.1).is_some_and(|a| json(written.1) == Some(a)))
}

/// The body of a sample written as a whole HTTP response (`HTTP/1.1 200 OK`, headers, a blank
/// line, the body), else the sample.
fn http_body(sample: &str) -> &str {
    let trimmed = sample.trim_start();
    if !trimmed.starts_with("HTTP/") {
        return sample;
    }
    let normalized = trimmed.find("\n\n").or_else(|| trimmed.find("\r\n\r\n"));
    normalized.map_or(sample, |at| &trimmed[at..])
}

/// The values a JSON sample shows: its scalars, `null` and `""` aside (both read as absent).
fn leaves(value: &Value) -> usize {
    match value {
        Value::Null => 0,
        Value::String(s) if s.is_empty() => 0,
        Value::Array(items) => items.iter().map(leaves).sum(),
        Value::Object(members) => members.values().map(leaves).sum(),
        _ => 1,
    }
}

/// The values a typed struct holds (empty strings aside, as in [`leaves`]).
fn typed_leaves(s: &dyn Struct) -> usize {
    (0..s.fields().len()).map(|i| view_leaves(s.get(i))).sum()
}

fn view_leaves(view: View<'_>) -> usize {
    match view {
        View::Absent => 0,
        View::Str("") => 0,
        View::Str(_) | View::Int(_) | View::Float(_) | View::Bool(_) => 1,
        View::Json(value) => leaves(value),
        View::Group(group) => typed_leaves(group),
        View::List(list) => (0..list.len()).map(|i| view_leaves(list.item(i))).sum(),
        View::Groups(groups) => (0..groups.len()).map(|i| typed_leaves(groups.item(i))).sum(),
    }
}

/// Appends `what<TAB>n` lines to `$TEST_REPORT_DIR/counts.tsv` (the `test-report` crate's format)
/// when that is set.
fn record(counts: &[(String, usize)]) {
    let Some(dir) = std::env::var_os("TEST_REPORT_DIR") else { return };
    let dir = std::path::PathBuf::from(dir);
    let _ = std::fs::create_dir_all(&dir);
    let lines: String =
        counts.iter().filter(|(_, n)| *n > 0).map(|(what, n)| format!("{what}\t{n}\n")).collect();
    if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(dir.join("counts.tsv")) {
        use std::io::Write as _;
        let _ = file.write_all(lines.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::same_pair;

    #[test]
    fn a_pair_written_back_is_the_same_text_number_or_json_value() {
        assert!(same_pair(("A", "x"), ("A", "x")));
        assert!(same_pair(("Size", "8.0"), ("Size", "8")));
        let spaced = r#"{"name":"Jack", "accessKey":"LTAI"}"#;
        assert!(same_pair(("Parameters", spaced), ("Parameters", r#"{"name":"Jack","accessKey":"LTAI"}"#)));
        assert!(same_pair(("Ids", r#"["a", "b"]"#), ("Ids", r#"["a","b"]"#)));
        // Other keys, other values, another order of a list, or text that only looks like JSON: not the same.
        assert!(!same_pair(("A", "x"), ("B", "x")));
        assert!(!same_pair(("Parameters", spaced), ("Parameters", r#"{"name":"Joe","accessKey":"LTAI"}"#)));
        assert!(!same_pair(("Ids", r#"["a", "b"]"#), ("Ids", r#"["b","a"]"#)));
        assert!(!same_pair(("Name", "{not json"), ("Name", "{not  json")));
    }
}
