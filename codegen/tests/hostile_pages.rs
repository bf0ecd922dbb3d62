//! Hostile pages (see `support/hostile.rs`) through the whole `gen`: nothing panics, nothing is
//! written outside the output dir, every file name is bounded and distinct up to case, no output
//! carries a hidden character, the IR and OpenAPI JSON read back with serde_json's default limits,
//! every Rust file parses, and (ignored: it runs cargo) every generated crate compiles.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use codegen::diag::Severity;
use codegen::emit::rust::RuntimeDependency;
use codegen::gen::{self, Generation};
use codegen::parse::hidden_chars::is_hidden;
use codegen::write;
use proptest::prelude::*;
use support::hostile::{self, Page};

/// Longest file or folder name `gen` may write, in bytes.
const MAX_FILE_NAME: usize = 100;

fn fresh_root(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    root
}

/// Generates `products` under `root` into `root/out` and checks everything but compiling.
fn generate_and_check(root: &Path, products: &[Vec<Page>]) -> Generation {
    let spec = hostile::write_spec(root, products);
    let out = root.join("out");
    let before = hostile::files_below(root);
    let generation =
        gen::generate(&spec, &RuntimeDependency::for_output_dir(&out)).expect("the spec dir reads");
    let internal: Vec<String> = generation
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("internal error") || d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(
        internal.is_empty(),
        "gen panicked or failed on a hostile page: {internal:#?}\nspec: {}",
        spec.display()
    );
    let report = write::write_files(&out, &generation.files)
        .unwrap_or_else(|e| panic!("writing failed: {e}\nspec: {}", spec.display()));
    assert!(!report.written.is_empty());

    // Nothing outside the output dir, and nothing in it that the manifest does not list.
    let after = hostile::files_below(root);
    let listed: BTreeSet<PathBuf> = generation.files.iter().map(|f| Path::new("out").join(&f.path)).collect();
    for path in &after {
        let known =
            before.contains(path) || listed.contains(path) || *path == Path::new("out").join(write::MANIFEST);
        assert!(known, "gen wrote {} outside what it generates", path.display());
    }

    let mut lower = BTreeSet::new();
    for file in &generation.files {
        let shown = file.path.display().to_string();
        for part in file.path.components() {
            let part = part.as_os_str().to_string_lossy();
            assert!(part.len() <= MAX_FILE_NAME, "file name of {} bytes: {shown}", part.len());
            assert!(!part.chars().any(|c| is_hidden(c) || c == '\n'), "{shown:?}");
        }
        assert!(lower.insert(shown.to_lowercase()), "two files differ only in case: {shown}");
        let hidden = file.contents.char_indices().find(|(_, c)| is_hidden(*c));
        assert!(hidden.is_none(), "{shown} holds a hidden character: {hidden:?}");
        match file.path.extension().and_then(|e| e.to_str()) {
            Some("rs") => {
                if let Err(e) = syn::parse_file(&file.contents) {
                    panic!("{shown} does not parse: {e}");
                }
            }
            Some("json")
                if file.path.starts_with("ir")
                    && file.path.parent().is_some_and(|d| d.ends_with("lines")) =>
            {
                let lines: serde_json::Value = serde_json::from_str(&file.contents)
                    .unwrap_or_else(|e| panic!("{shown} does not read back: {e}"));
                assert!(lines["lines"].is_object(), "{shown}");
            }
            Some("json") if file.path.starts_with("ir") => {
                if file.path.ends_with("product.json") {
                    serde_json::from_str::<codegen::ir::ProductMeta>(&file.contents)
                        .expect("product.json reads");
                } else {
                    let api: codegen::ir::Api = serde_json::from_str(&file.contents)
                        .unwrap_or_else(|e| panic!("{shown} does not read back: {e}"));
                    // The IR reads back whole but for its lines, which `gen` writes beside it.
                    let compared = codegen::ir_json::split(&api, None).ir;
                    let generated = |a: &codegen::ir::Api| codegen::ir_json::split(a, None).ir == compared;
                    assert!(generation.products.iter().any(|p| p.apis.iter().any(generated)), "{shown}");
                }
            }
            Some("json") => {
                serde_json::from_str::<serde_json::Value>(&file.contents)
                    .unwrap_or_else(|e| panic!("{shown} does not read back: {e}"));
            }
            _ => {}
        }
    }
    generation
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// One product of hostile pages: generated and checked without cargo.
    #[test]
    fn hostile_pages_generate_safe_readable_output(pages in prop::collection::vec(hostile::page(), 1..6)) {
        let root = fresh_root("prop");
        generate_and_check(&root, &[pages]);
        let _ = std::fs::remove_dir_all(&root);
    }
}

/// Cases named by the issue, each its own product: they generate and the output reads back.
#[test]
fn named_hostile_cases_generate_safe_readable_output() {
    let root = fresh_root("named");
    let products = named_cases();
    let generation = generate_and_check(&root, &products);
    let apis: usize = generation.products.iter().map(|p| p.apis.len()).sum();
    assert!(test_report::count("named hostile pages generated", apis) >= 10, "{apis}");
    let _ = std::fs::remove_dir_all(&root);
}

fn named_cases() -> Vec<Vec<Page>> {
    let page = |action: &str| Page {
        title: action.to_owned(),
        action: Some(action.to_owned()),
        summary: "s".into(),
        params: vec![("A".into(), "String".into(), "No".into(), "x".into(), "d".into())],
        response: Vec::new(),
        json: None,
        errors: Vec::new(),
    };
    let mut bidi = page("Bidi");
    bidi.summary = "sum \u{202E} x */ \r y".into();
    bidi.params.push((
        "B\u{202E}C".into(),
        "String".into(),
        "No".into(),
        "\u{202E}".into(),
        "cr\rhere */".into(),
    ));
    let mut deep = page("Deep");
    deep.response =
        (0..130).map(|i| (i, format!("F{i}"), "Struct".into(), String::new(), "d".into())).collect();
    deep.response.push((130, "Leaf".into(), "String".into(), "x".into(), "d".into()));
    let mut twice = page("Twice");
    twice.params.push(("A".into(), "Integer".into(), "No".into(), "1".into(), "again".into()));
    vec![
        vec![page("self"), page("Self"), page("crate"), page("super"), page("type")],
        vec![page(&format!("L{}", "a".repeat(300))), page(&format!("L{}", "a".repeat(299)))],
        vec![page("RunInstances"), page("runInstances"), page("RUNINSTANCES")],
        vec![page("Default"), page("Client"), page("Serde"), page("Std"), page("Lib")],
        vec![bidi, deep, twice],
    ]
}

/// Hostile products generated into one workspace and compiled by one `cargo check`: a generated
/// crate that does not compile is a bug of ours, whatever the page says. `HOSTILE_CASES` (default
/// 16 products, plus the named cases) and `HOSTILE_SEED` choose what is drawn.
#[test]
#[ignore = "compiles the generated crates with cargo (slow); run with --ignored"]
fn hostile_pages_generate_crates_that_compile() {
    let env =
        |key: &str, default: u64| std::env::var(key).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let (seed, cases) = (env("HOSTILE_SEED", 20_240_601), env("HOSTILE_CASES", 16) as usize);
    let root = fresh_root("compile");
    let mut products = named_cases();
    products.extend(hostile::products(seed, cases));
    let generation = generate_and_check(&root, &products);
    let members: Vec<String> = generation.products.iter().map(|p| format!("\"out/{}\"", p.name)).collect();
    std::fs::write(
        root.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
    )
    .unwrap();
    let pages: usize = products.iter().map(Vec::len).sum();
    let apis: usize = generation.products.iter().map(|p| p.apis.len()).sum();
    eprintln!(
        "seed {seed}: {pages} hostile pages, {apis} APIs in {} crates under {}",
        members.len(),
        root.display()
    );
    support::cargo(&root, &["check", "--workspace", "--all-features", "--all-targets", "--quiet"], &[]);
    test_report::count("hostile pages generated", pages);
    assert!(test_report::count("hostile APIs compiled", apis) >= cases, "{apis} APIs from {pages} pages");
    let _ = std::fs::remove_dir_all(&root);
}
