//! `cargo xtask corpus-crate DIR`: generate the crate for the whole ECS corpus and hold it to clippy and rustdoc.
//!
//! The corpus folder has pages only; the spec dir it is generated from links them beside our own
//! ECS `product.toml` and `overrides.toml`, so the corpus crate is configured like `generated/`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Single-API features checked on their own: each must compile with nothing else enabled.
pub const SINGLE_API_FEATURES: [&str; 5] =
    ["run_instances", "describe_instances", "create_disk", "delete_instance", "describe_regions"];

pub fn run(args: &[String]) -> ExitCode {
    let [out] = args else {
        eprintln!("usage: cargo xtask corpus-crate OUT_DIR");
        return ExitCode::from(2);
    };
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace").to_owned();
    let corpus = root.join("../shared/corpus/ecs");
    if !corpus.is_dir() {
        if std::env::var("CI").as_deref() == Ok("true") {
            eprintln!("error: {} is missing; CI must have ../shared", corpus.display());
            return ExitCode::FAILURE;
        }
        eprintln!("skipped: {} is missing (the whole-corpus crate needs ../shared)", corpus.display());
        return ExitCode::SUCCESS;
    }
    let spec = root.join("target/corpus-spec");
    if let Err(e) = link_corpus_spec(&root, &corpus, &spec) {
        eprintln!("error: cannot lay out {}: {e}", spec.display());
        return ExitCode::FAILURE;
    }
    let out = PathBuf::from(out);
    let target = root.join("target/corpus-crate");
    let xtask = std::env::current_exe().expect("the running xtask has a path");
    let mut checks: Vec<(String, Command)> = Vec::new();
    let mut gen = Command::new(&xtask);
    gen.args(["gen", "--spec"]).arg(&spec).arg("--out").arg(&out);
    checks.push(("gen".into(), gen));
    let cargo = |args: &[&str]| {
        let mut command = Command::new("cargo");
        command.args(args).current_dir(&out).env("CARGO_TARGET_DIR", &target);
        command
    };
    checks
        .push(("clippy, all features".into(), cargo(&["clippy", "--all-features", "--", "-D", "warnings"])));
    for feature in SINGLE_API_FEATURES {
        checks.push((
            format!("clippy, only `{feature}`"),
            cargo(&["clippy", "--no-default-features", "--features", feature, "--", "-D", "warnings"]),
        ));
    }
    let mut doc = cargo(&["doc", "--no-deps", "--all-features"]);
    doc.env("RUSTDOCFLAGS", "-D warnings");
    checks.push(("rustdoc, all features".into(), doc));
    for (name, mut command) in checks {
        let started = Instant::now();
        let ok = command.status().is_ok_and(|s| s.success());
        eprintln!("corpus-crate: {name}: {} in {:.0?}", if ok { "ok" } else { "FAILED" }, started.elapsed());
        if !ok {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// `spec/ecs/*.md` linking the corpus pages, with copies of the repo's `product.toml` and `overrides.toml`.
fn link_corpus_spec(root: &Path, corpus: &Path, spec: &Path) -> std::io::Result<()> {
    if spec.exists() {
        std::fs::remove_dir_all(spec)?;
    }
    let product = spec.join("ecs");
    std::fs::create_dir_all(&product)?;
    std::fs::copy(root.join("spec/ecs/product.toml"), product.join("product.toml"))?;
    std::fs::copy(root.join("spec/overrides.toml"), spec.join("overrides.toml"))?;
    for page in std::fs::read_dir(corpus)? {
        let page = page?.path();
        if page.extension().is_some_and(|e| e == "md") {
            let name = page.file_name().expect("a listed file has a name");
            std::os::unix::fs::symlink(&page, product.join(name))?;
        }
    }
    Ok(())
}
