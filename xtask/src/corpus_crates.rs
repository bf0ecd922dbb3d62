//! `cargo xtask corpus-crates OUT_DIR`: generate the shared corpus's products in one run and hold each
//! crate that is not committed in `generated/` to clippy, rustdoc and its tests (the docs' own
//! examples through the crate, `tests/doc_examples.rs`).
//!
//! The spec dir links `../shared/corpus/<product>` pages (ECS with its guides, as `spec/ecs` holds
//! them) beside a copy of `spec/overrides.toml`. The ECS crate is the committed one, checked by the
//! workspace's own clippy and rustdoc steps, so only the other products' crates are built here.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use codegen::emit::rust::RuntimeDependency;
use codegen::{gen, write};

/// The products of `../shared/corpus` generated together, as `(product, pages folder, guides folder)`.
pub const PRODUCTS: [(&str, &str, Option<&str>); 6] = [
    ("ecs", "corpus/ecs", Some("corpus/guides/ecs")),
    ("cdn", "corpus/cdn", None),
    ("vod", "corpus/vod", None),
    ("domain", "corpus/domain", None),
    ("ros", "corpus/ros", None),
    ("elasticsearch", "corpus/elasticsearch", Some("corpus/guides/elasticsearch")),
];

/// Products whose crate is committed in `generated/` (checked by the workspace steps instead).
const COMMITTED: [&str; 1] = ["ecs"];

pub fn run(args: &[String]) -> ExitCode {
    let [out] = args else {
        eprintln!("usage: cargo xtask corpus-crates OUT_DIR");
        return ExitCode::from(2);
    };
    let root = crate::bench::workspace_root();
    let shared = root.join("../shared");
    if !shared.join("corpus").is_dir() {
        if std::env::var("CI").as_deref() == Ok("true") {
            eprintln!("error: {} is missing; CI must have ../shared", shared.display());
            return ExitCode::FAILURE;
        }
        eprintln!("SKIPPED: {} is missing (the corpus crates need ../shared)", shared.display());
        return ExitCode::SUCCESS;
    }
    let out = PathBuf::from(out);
    let spec = out.with_extension("spec");
    for dir in [&out, &spec] {
        if let Err(e) = std::fs::remove_dir_all(dir).or_else(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Ok(()),
            _ => Err(e),
        }) {
            eprintln!("error: cannot clear {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    if let Err(e) = link_corpus_spec(&root, &shared, &spec) {
        eprintln!("error: cannot lay out {}: {e}", spec.display());
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let generation = match gen::generate(&spec, &RuntimeDependency::for_output_dir(&out)) {
        Ok(generation) => generation,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", spec.display());
            return ExitCode::FAILURE;
        }
    };
    let errors: Vec<String> = generation
        .diagnostics
        .iter()
        .filter(|d| d.severity == codegen::diag::Severity::Error)
        .map(ToString::to_string)
        .collect();
    if !errors.is_empty() {
        eprintln!("{}\nerror: gen over the corpus reported {} errors", errors.join("\n"), errors.len());
        return ExitCode::FAILURE;
    }
    if let Err(e) = write::write_files(&out, &generation.files) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "corpus-crates: gen: {} in {:.0?}",
        generation.summary(&generation.coverage()),
        started.elapsed()
    );
    let built: Vec<&str> = PRODUCTS.iter().map(|(p, _, _)| *p).filter(|p| !COMMITTED.contains(p)).collect();
    for product in &generation.products {
        if !PRODUCTS.iter().any(|(p, _, _)| *p == product.name) {
            eprintln!("error: gen made an unexpected product `{}`", product.name);
            return ExitCode::FAILURE;
        }
    }
    let target = root.join("target/corpus-crates");
    for product in built {
        let dir = out.join(product);
        let cargo = |args: &[&str]| {
            let mut command = Command::new("cargo");
            command.args(args).current_dir(&dir).env("CARGO_TARGET_DIR", &target);
            command
        };
        let mut doc = cargo(&["doc", "--no-deps", "--all-features"]);
        doc.env("RUSTDOCFLAGS", "-D warnings");
        let checks = [
            (
                "clippy, all features",
                cargo(&["clippy", "--all-features", "--all-targets", "--", "-D", "warnings"]),
            ),
            ("rustdoc, all features", doc),
            ("tests (the docs' own examples through the crate)", cargo(&["test", "--all-features"])),
        ];
        for (name, mut command) in checks {
            let started = Instant::now();
            let ok = command.status().is_ok_and(|s| s.success());
            eprintln!(
                "corpus-crates: {product}: {name}: {} in {:.0?}",
                if ok { "ok" } else { "FAILED" },
                started.elapsed()
            );
            if !ok {
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// A spec dir of [`PRODUCTS`]: each product folder links its corpus pages (and `guides/` its guide
/// pages), with a copy of the repo's `spec/overrides.toml`.
pub fn link_corpus_spec(root: &Path, shared: &Path, spec: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(spec)?;
    std::fs::copy(root.join("spec/overrides.toml"), spec.join("overrides.toml"))?;
    let findings = root.join("spec").join(codegen::example_findings::FILE);
    if findings.is_file() {
        std::fs::copy(findings, spec.join(codegen::example_findings::FILE))?;
    }
    for (product, pages, guides) in PRODUCTS {
        let dir = spec.join(product);
        link_pages(&shared.join(pages), &dir)?;
        if let Some(guides) = guides {
            link_pages(&shared.join(guides), &dir.join("guides"))?;
        }
        let meta = root.join("spec").join(product).join("product.toml");
        if meta.is_file() {
            std::fs::copy(meta, dir.join("product.toml"))?;
        }
    }
    Ok(())
}

/// Links every `*.md` file of `from` into `to`.
fn link_pages(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for page in std::fs::read_dir(from)? {
        let page = page?.path();
        if page.extension().is_some_and(|e| e == "md") {
            let name = page.file_name().expect("a listed file has a name");
            std::os::unix::fs::symlink(&page, to.join(name))?;
        }
    }
    Ok(())
}
