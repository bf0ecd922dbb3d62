//! Shared test support: the hand-made IR fixture and building a generated crate out of tree.

#![allow(dead_code)] // each test binary uses a different part

pub mod fixture;
pub mod hostile;
pub mod runtime_checks;
pub mod usage;

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::output::OutputFile;

/// `../shared` from the workspace root, or `None` when it is missing outside CI (the skip is
/// recorded for `cargo xtask test`'s summary; under `CI=true` it fails).
pub fn shared_dir() -> Option<PathBuf> {
    test_report::shared_dir()
}

/// Writes `files` into a fresh `dir`, plus `extra` files, and an empty `[workspace]` table so the crate
/// builds on its own there.
pub fn write_crate(dir: &Path, files: &[OutputFile], extra: &[(&str, &str)]) {
    let _ = std::fs::remove_dir_all(dir);
    let all = files
        .iter()
        .map(|f| (f.path.clone(), f.contents.clone()))
        .chain(extra.iter().map(|(p, c)| (PathBuf::from(p), (*c).to_owned())));
    for (path, mut contents) in all {
        if path == Path::new("Cargo.toml") {
            contents.push_str("\n[workspace]\n");
        }
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
}

/// Runs `cargo <args>` in `dir` with a target dir shared between runs; panics with the output on failure.
pub fn cargo(dir: &Path, args: &[&str], env: &[(&str, &str)]) {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-crates-target");
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_NET_OFFLINE", "true")
        .envs(env.iter().copied())
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{}\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs `cargo <args>` in `dir` as [`cargo`] does, with `stdin` on its standard input; its stdout.
#[allow(dead_code)] // not every test binary runs a generated crate's example
pub fn cargo_stdout(dir: &Path, args: &[&str], stdin: &str) -> String {
    use std::io::Write;
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-crates-target");
    let mut child = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_NET_OFFLINE", "true")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("cargo runs");
    child.stdin.take().expect("piped stdin").write_all(stdin.as_bytes()).expect("stdin written");
    let output = child.wait_with_output().expect("cargo finishes");
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{}\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// A spec dir holding only the 2019 seed page (`tests/seed/RunInstances.md`, a test fixture) as
/// product `ecs`, with the seed's own `product.toml`, `overrides.toml` and
/// `doc-example-findings.toml`, and the ECS guide that lists the common error codes
/// (`spec/ecs/guides/Getting-started--Response-results.md`, of the seed's time); made fresh under
/// `dir`.
pub fn seed_spec_dir(dir: &Path) -> PathBuf {
    let root = workspace_root();
    let spec = dir.join("seed-spec");
    let _ = std::fs::remove_dir_all(&spec);
    std::fs::create_dir_all(spec.join("ecs/guides")).unwrap();
    for (from, to) in [
        ("tests/seed/RunInstances.md", "ecs/RunInstances.md"),
        (
            "spec/ecs/guides/Getting-started--Response-results.md",
            "ecs/guides/Getting-started--Response-results.md",
        ),
        ("tests/seed/product.toml", "ecs/product.toml"),
        ("tests/seed/overrides.toml", "overrides.toml"),
        ("tests/seed/doc-example-findings.toml", "doc-example-findings.toml"),
    ] {
        std::fs::copy(root.join(from), spec.join(to)).unwrap_or_else(|e| panic!("{from}: {e}"));
    }
    spec
}

/// The seed's whole `gen` output, as `cargo xtask gen --spec <seed spec> --out <out>` writes it.
pub fn seed_generation(out: &Path) -> codegen::gen::Generation {
    let spec = seed_spec_dir(out.parent().expect("the output dir has a parent"));
    let runtime = codegen::emit::rust::RuntimeDependency::for_output_dir(out);
    let generation = codegen::gen::generate(&spec, &runtime).expect("the seed spec dir reads");
    assert!(!generation.has_errors(), "{:#?}", generation.diagnostics);
    generation
}

/// The contents of the generated file at `path` (relative to the output dir).
pub fn generated_file<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == Path::new(path))
        .unwrap_or_else(|| panic!("gen writes no {path}"))
        .contents
}

/// The workspace root (the parent of `codegen/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

/// Parses every page of a spec dir and reads the constraints from their prose, as `gen` does; pages are
/// named `<shown_as>/<path under spec>` (`spec/ecs/RunInstances.md`). Panics on parse errors.
pub fn load_products(spec: &Path, shown_as: &str) -> Vec<codegen::ir::Product> {
    let mut products = Vec::new();
    for dir in codegen::spec::product_dirs(spec).expect("spec dir lists") {
        let meta = codegen::meta::read_product_meta(spec, &dir, &mut Vec::new());
        let mut apis = Vec::new();
        for page in &dir.pages {
            let rel = page.strip_prefix(spec).unwrap_or(page).to_string_lossy().replace('\\', "/");
            let name = format!("{shown_as}/{rel}");
            let parsed = codegen::parse::parse_page(&name, &std::fs::read(page).unwrap());
            assert!(!parsed.has_errors(), "{name}: {:?}", parsed.diagnostics);
            let Some(mut api) = parsed.api else { continue };
            let mut diags = codegen::diag::Diagnostics::new(name);
            codegen::constraints::extract(&mut api, &mut diags);
            codegen::facts::decide(&mut api, &[], &mut diags);
            apis.push(api);
        }
        apis.sort_by(|a, b| a.name.cmp(&b.name));
        products.push(codegen::ir::Product { name: dir.name.clone(), meta, apis });
    }
    products
}
