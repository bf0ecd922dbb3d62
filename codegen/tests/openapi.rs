//! The OpenAPI document: structural invariants for the whole ECS corpus, and the committed document's
//! examples left out, each a listed finding. (The document itself is committed, guarded by
//! `cargo xtask check`.)

mod common;
mod support;

use std::collections::BTreeSet;
use std::path::Path;

use codegen::constraints::{self, Overrides};
use codegen::diag::Diagnostics;
use codegen::emit::openapi;
use codegen::ir::{Api, Product};
use codegen::parse::parse_page;
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Parses a page as `gen` does (constraints read, overrides applied), naming it `file` in the IR.
fn api(path: &Path, file: &str, overrides: &Overrides) -> Option<Api> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut api = parse_page(file, &bytes).api?;
    let mut diags = Diagnostics::new(file);
    constraints::extract(&mut api, &mut diags);
    constraints::apply_overrides(&mut api, overrides, &mut diags);
    Some(api)
}

fn ecs(apis: Vec<Api>) -> Product {
    let spec = repo().join("spec");
    let dir = codegen::spec::product_dirs(&spec).expect("spec/ lists").remove(0);
    let meta = codegen::meta::read_product_meta(&spec, &dir, &mut Vec::new());
    Product { name: "ecs".into(), meta, apis }
}

fn overrides() -> Overrides {
    Overrides::load(&repo().join("spec")).expect("valid spec/overrides.toml")
}

#[test]
fn corpus_document_has_unique_names() {
    let Some(shared) = common::shared_dir() else { return };
    let overrides = overrides();
    let mut apis: Vec<Api> = common::pages(&shared.join("corpus/ecs"))
        .iter()
        .filter_map(|page| api(page, &page.display().to_string(), &overrides))
        .collect();
    apis.sort_by(|a, b| a.name.cmp(&b.name));
    let count = test_report::count("ECS corpus pages read into one OpenAPI document", apis.len());
    assert!(count >= 220, "{count} APIs");
    let document = openapi::document(&[ecs(apis)]);

    let paths = document["paths"].as_object().expect("paths");
    let skipped = document.get("x-alibaba-skipped-apis").and_then(Value::as_array).map_or(0, Vec::len);
    assert_eq!(paths.len() + skipped, count, "every API is an operation or said to be skipped");
    let mut ids = BTreeSet::new();
    for (path, item) in paths {
        let op = &item["get"];
        let id = op["operationId"].as_str().expect("operationId");
        assert_eq!(path, &format!("/#Action={id}"));
        assert!(ids.insert(id.to_lowercase()), "{id}: operation ID not unique up to case");
        let mut names = BTreeSet::new();
        for param in op["parameters"].as_array().expect("parameters") {
            if let Some(name) = param["name"].as_str() {
                assert!(names.insert(name), "{id}: parameter {name} twice");
            }
        }
    }
    let mut enums = Vec::new();
    collect_enums(&document, &mut enums);
    assert!(enums.len() >= 100, "{} enums", enums.len());
    for values in enums {
        let unique: BTreeSet<String> = values.iter().map(Value::to_string).collect();
        assert_eq!(unique.len(), values.len(), "enum with repeated values: {values:?}");
    }
}

fn collect_enums<'a>(value: &'a Value, out: &mut Vec<&'a Vec<Value>>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(values)) = map.get("enum") {
                out.push(values);
            }
            map.values().for_each(|v| collect_enums(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_enums(v, out)),
        _ => {}
    }
}

/// Every page example the committed ECS document leaves out (`x-alibaba-example-omitted`) is a
/// finding its operation lists (`x-alibaba-doc-findings`, from `spec/doc-example-findings.toml`),
/// and every listed finding names an example left out; the examples kept are counted.
/// (`scripts/check_openapi_examples.py` holds the corpus documents to the same in CI.)
#[test]
fn omitted_examples_are_listed_findings() {
    let text =
        std::fs::read_to_string(repo().join("generated/ecs/openapi.json")).expect("committed document");
    let document: Value = serde_json::from_str(&text).expect("JSON");
    let mut problems = Vec::new();
    let (mut listed, mut response_examples, mut operations) = (0, 0, 0);
    for (path, item) in document["paths"].as_object().expect("paths") {
        let operation = &item["get"];
        operations += 1;
        if operation["responses"]["200"]["content"]["application/json"].get("example").is_some() {
            response_examples += 1;
        }
        let findings: Vec<&str> = operation
            .get("x-alibaba-doc-findings")
            .and_then(Value::as_array)
            .map(|list| list.iter().map(|f| f["fails"].as_str().expect("fails")).collect())
            .unwrap_or_default();
        let mut omitted = Vec::new();
        collect_omitted(operation, path, &mut omitted);
        for (at, why) in &omitted {
            if findings.iter().any(|f| why.contains(f)) {
                listed += 1;
            } else {
                problems.push(format!("{at}: left out, not a listed finding: {why}"));
            }
        }
        for fails in findings {
            if !omitted.iter().any(|(_, why)| why.contains(fails)) {
                problems.push(format!("{path}: listed finding names no example left out: {fails}"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    let skipped = document.get("x-alibaba-skipped-apis").and_then(Value::as_array).map_or(0, Vec::len);
    assert_eq!(
        test_report::count("ECS OpenAPI operations read for examples left out", operations) + skipped,
        220
    );
    assert!(test_report::count("ECS OpenAPI examples left out as listed findings", listed) >= 28, "{listed}");
    assert!(
        test_report::count("ECS OpenAPI response examples embedded", response_examples) >= 190,
        "{response_examples} response examples embedded"
    );
}

fn collect_omitted(node: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match node {
        Value::Object(members) => {
            if let Some(why) = members.get("x-alibaba-example-omitted") {
                out.push((at.to_owned(), why.as_str().unwrap_or_default().to_owned()));
            }
            for (key, child) in members {
                collect_omitted(child, &format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect_omitted(child, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}
