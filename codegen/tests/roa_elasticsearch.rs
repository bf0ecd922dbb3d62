//! `gen` over the shared Elasticsearch reference (132 pages, a RESTful product) with its guides:
//! every operation is ROA with the method and path its page documents, parameters sit where the
//! page puts them, bodies come from the RequestBody tables and examples, no RPC `Action` is
//! anywhere, and the OpenAPI document keys each operation by its real method and path.

mod support;

use std::path::{Path, PathBuf};

use codegen::diag::Severity;
use codegen::gen::{self, Generation};
use codegen::ir::{Position, PositionFrom, Wire};
use codegen::parse::request_line;
use codegen::spec;

fn link_pages(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for page in std::fs::read_dir(from).unwrap() {
        let page = page.unwrap().path();
        std::os::unix::fs::symlink(&page, to.join(page.file_name().unwrap())).unwrap();
    }
}

/// `gen` over a spec dir of links made for the test `name` (tests run in parallel).
fn generate(name: &str) -> Option<(PathBuf, Generation)> {
    let shared = support::shared_dir()?;
    let spec = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("roa-es-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&spec);
    link_pages(&shared.join("corpus/elasticsearch"), &spec.join("elasticsearch"));
    link_pages(
        &shared.join("corpus/guides/elasticsearch"),
        &spec.join("elasticsearch").join(spec::GUIDES_DIR),
    );
    let runtime = codegen::emit::rust::RuntimeDependency::for_output_dir(&spec.join("out"));
    let generation = gen::generate(&spec, &runtime).expect("the spec dir reads");
    Some((spec, generation))
}

/// The request syntax line of a page, read the simple way: the first line after a "Request
/// syntax"/"Request structure" heading that starts with a method and a `/`.
fn documented_line(page: &str) -> (Vec<String>, String) {
    let mut in_syntax = false;
    for (i, line) in page.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('#') || page.lines().nth(i + 1).is_some_and(|n| n.starts_with("---")) {
            in_syntax = t.contains("Request syntax") || t.contains("Request structure");
            continue;
        }
        let mut words = t.split_whitespace();
        if let (true, Some(methods), Some(path)) = (in_syntax, words.next(), words.next()) {
            if path.starts_with('/') {
                return (methods.split('|').map(str::to_owned).collect(), path.to_owned());
            }
        }
    }
    panic!("no request syntax line")
}

#[test]
fn every_operation_has_the_method_and_path_its_page_documents() {
    let Some((spec, generation)) = generate("methods") else { return };
    let errors: Vec<String> = generation
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let product = &generation.products[0];
    assert_eq!(product.meta.version, "2017-06-13");
    assert_eq!(product.meta.style, codegen::ir::ApiStyle::Roa);
    let apis = &product.apis;
    // 132 pages: two "Use the logstash-… plug-in" guides are not API pages.
    assert_eq!(test_report::count("Elasticsearch operations", apis.len()), 130);
    for api in apis {
        let Wire::Roa(roa) = &api.wire else { panic!("{} is not ROA", api.name) };
        let page = std::fs::read_to_string(spec.join(&api.source)).unwrap();
        let (methods, path) = documented_line(&page);
        assert_eq!(roa.path, path, "{}", api.name);
        assert!(
            methods.iter().any(|m| m == roa.method.as_str()),
            "{}: {} not in {methods:?}",
            api.name,
            roa.method.as_str()
        );
        assert_eq!(roa.path_params, request_line::path_params(&path), "{}", api.name);
        for name in &roa.path_params {
            let p = api
                .request
                .iter()
                .find(|p| p.wire_name == *name)
                .unwrap_or_else(|| panic!("{}: {name}", api.name));
            assert_eq!((p.position, p.required), (Position::Path, true), "{}: {name}", api.name);
        }
        for p in &api.request {
            assert!(
                !p.wire_name.contains('└'),
                "{}: `{}` is a tree row read as a name",
                api.name,
                p.wire_name
            );
            assert_ne!(p.wire_name, "Action", "{}", api.name);
            if p.position == Position::Path {
                assert!(roa.path_params.contains(&p.wire_name), "{}: {}", api.name, p.wire_name);
            }
        }
        let body_params = api.request.iter().filter(|p| p.position == Position::Body).count();
        assert_eq!(roa.body.is_some(), body_params > 0, "{}", api.name);
    }
}

#[test]
fn bodies_come_from_the_request_body_tables_and_examples() {
    let Some((_, generation)) = generate("bodies") else { return };
    // The render record (`codegen::reuse`) digests a product by its JSON, which must hold all of it.
    let product = &generation.products[0];
    let back: codegen::ir::Product = serde_json::from_str(&serde_json::to_string(product).unwrap()).unwrap();
    assert!(back == *product, "the JSON does not hold the whole product");
    let apis = &generation.products[0].apis;
    let api = |name: &str| apis.iter().find(|a| a.name == name).unwrap_or_else(|| panic!("{name}"));
    let names = |name: &str| -> Vec<(String, Position, PositionFrom, bool)> {
        api(name)
            .request
            .iter()
            .map(|p| (p.wire_name.clone(), p.position, p.position_from, p.required))
            .collect()
    };
    let collector = names("CreateCollector");
    for expected in [
        ("clientToken", Position::Query, PositionFrom::Column, false),
        ("configs.N.fileName", Position::Body, PositionFrom::BodyTable, true),
        ("extendConfigs.N.machines.N.instanceId", Position::Body, PositionFrom::BodyTable, true),
        ("collectorPaths.N", Position::Body, PositionFrom::BodyTable, false),
    ] {
        let expected = (expected.0.to_owned(), expected.1, expected.2, expected.3);
        assert!(collector.contains(&expected), "{expected:?} in {collector:?}");
    }
    let Wire::Roa(zones) = &api("ActivateZones").wire else { panic!() };
    assert_eq!(zones.body.as_ref().and_then(|b| b.whole.as_deref()), Some("RequestBody"));
    assert!(names("ActivateZones").contains(&(
        "RequestBody.N".into(),
        Position::Body,
        PositionFrom::BodyExample,
        false
    )));
    let Wire::Roa(password) = &api("UpdateAdminPassword").wire else { panic!() };
    assert_eq!(password.methods.len(), 2, "PATCH|POST");
    assert_eq!(password.method.as_str(), "PATCH", "the sample request's");
    let white_ips = names("ModifyWhiteIps");
    assert!(
        white_ips.contains(&("whiteIpList.N".into(), Position::Body, PositionFrom::Column, false)),
        "{white_ips:?}"
    );
    let body_params: usize =
        apis.iter().map(|a| a.request.iter().filter(|p| p.position == Position::Body).count()).sum();
    assert!(test_report::count("Elasticsearch body parameters", body_params) >= 150, "{body_params}");
}

#[test]
fn the_openapi_document_has_real_paths_and_bodies() {
    let Some((_, generation)) = generate("openapi") else { return };
    let document = generation
        .files
        .iter()
        .find(|f| f.path.ends_with("elasticsearch/openapi.json"))
        .expect("an OpenAPI document");
    let doc: serde_json::Value = serde_json::from_str(&document.contents).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.keys().all(|k| k.starts_with("/openapi/") && !k.contains('#')), "{:?}", paths.keys());
    let operations: usize = paths.values().map(|item| item.as_object().unwrap().len()).sum();
    assert_eq!(test_report::count("Elasticsearch OpenAPI operations", operations), 130);
    let add = &doc["paths"]["/openapi/instances/{InstanceId}/snapshot-repos"]["post"];
    assert_eq!(add["operationId"], "AddSnapshotRepo");
    assert_eq!(add["parameters"][0]["in"], "path");
    assert_eq!(add["requestBody"]["content"]["application/json"]["schema"]["required"][0], "repoPath");
    assert!(!document.contents.contains("\"Action\""), "no RPC Action parameter anywhere");
}

/// `gen` prints the crate's whole-product files (client, lib, common errors, endpoints, the `rpc`
/// example) from their tokens' text, lexed again on whichever core is free: the same bytes as
/// printing the tokens themselves (a RESTful product: its client holds the ROA code).
#[test]
fn the_crate_prints_the_same_from_its_tokens_text_as_from_its_tokens() {
    let Some((spec, generation)) = generate("render") else { return };
    let runtime = codegen::emit::rust::RuntimeDependency::for_output_dir(&spec.join("out"));
    let mut compared = 0;
    for product in &generation.products {
        for (path, tokens) in codegen::emit::rust::emit_crate_tokens(product, &runtime).rust {
            let path = Path::new(&product.name).join(path);
            let written =
                generation.files.iter().find(|f| f.path == path).expect("gen writes every Rust file");
            assert!(written.contents == codegen::emit::rust::render(tokens), "{} differs", path.display());
            compared += 1;
        }
    }
    assert!(compared > 100, "every API module and whole-product file compared ({compared})");
}

/// `diff` as `cargo xtask diff` reads two versions of a real page: a new method and path in the
/// request syntax and a parameter moved from the query to the body break the wire, not semver.
#[test]
fn a_moved_method_path_and_position_show_in_the_diff() {
    let Some(shared) = support::shared_dir() else { return };
    let path = shared.join("corpus/elasticsearch/UpdateKibanaWhiteIps.md");
    let old = std::fs::read_to_string(&path).unwrap();
    let syntax = "PATCH|POST /openapi/instances/[InstanceId]/kibana-white-ips HTTP/1.1";
    let row = "|modifyMode|String|Query|";
    assert!(old.contains(syntax) && old.contains(row), "the page still reads as this test expects");
    let new = old
        .replace(syntax, "PUT /openapi/instances/[InstanceId]/kibana-whitelist HTTP/1.1")
        .replace(row, "|modifyMode|String|Body|");
    let parse = |label: &str, text: &str| {
        let page = codegen::parse::parse_page(label, text.as_bytes());
        assert!(!page.has_errors(), "{label}: {:?}", page.diagnostics);
        page.api.expect("an API")
    };
    let diff = codegen::diff::diff_apis(&[parse("old.md", &old)], &[parse("new.md", &new)]);
    let got: Vec<(&str, &str, &str, bool, bool)> = diff
        .changes
        .iter()
        .map(|c| (c.kind.slug(), c.name.as_str(), c.detail.as_str(), c.breaking_wire, c.breaking_semver))
        .collect();
    assert_eq!(
        got,
        [
            ("method-changed", "UpdateKibanaWhiteIps", "POST → PUT", true, false),
            (
                "path-changed",
                "UpdateKibanaWhiteIps",
                "/openapi/instances/[InstanceId]/kibana-white-ips → /openapi/instances/[InstanceId]/kibana-whitelist",
                true,
                false
            ),
            ("position-changed", "modifyMode", "query → body", true, false),
        ]
    );
}

/// The Elasticsearch crate generated from the corpus, with `tests/elasticsearch/loopback.rs` as its
/// integration test: its generated `UpdateKibanaWhiteIps` (path, query and JSON body) sent by its
/// blocking client to the loopback service, whose official SDK core ROA signer accepts it.
#[test]
#[ignore = "builds the generated Elasticsearch crate with cargo (slow); run with --ignored"]
fn the_generated_crate_sends_an_operation_the_official_roa_signer_accepts() {
    let Some((spec, generation)) = generate("crate") else { return };
    assert!(!generation.has_errors(), "{:#?}", generation.diagnostics);
    let out = spec.join("out");
    codegen::write::write_files(&out, &generation.files).expect("the output writes");
    let root = support::workspace_root();
    let crate_dir = out.join("elasticsearch");
    std::fs::create_dir_all(crate_dir.join("tests")).unwrap();
    std::fs::copy(root.join("tests/elasticsearch/loopback.rs"), crate_dir.join("tests/loopback.rs")).unwrap();
    let manifest = crate_dir.join("Cargo.toml");
    let toml = std::fs::read_to_string(&manifest).unwrap();
    let extra = format!(
        "[dev-dependencies]\nsdk-tests = {{ path = {:?} }}\n",
        root.join("tests").display().to_string()
    );
    assert!(toml.contains("[dev-dependencies]\n"), "the generated crate has dev-dependencies (serde_json)");
    let mut toml = toml.replacen("[dev-dependencies]\n", &extra, 1);
    toml.push_str("\n[workspace]\n");
    std::fs::write(&manifest, toml).unwrap();
    let args = [
        "test",
        "--no-default-features",
        "--features",
        "blocking,update_kibana_white_ips",
        "--test",
        "loopback",
    ];
    let stdout = support::cargo_stdout(&crate_dir, &args, "");
    assert!(stdout.contains("test result: ok. 3 passed"), "{stdout}");
    test_report::count("generated Elasticsearch operations sent to the loopback service", 1);
}
