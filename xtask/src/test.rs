//! `cargo xtask test`: every check and every test the project has, in one command (what CI runs).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use crate::count_floors;

/// One step: a command line run from the workspace root.
struct Step {
    name: &'static str,
    program: &'static str,
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
}

impl Step {
    fn new(name: &'static str, program: &'static str, args: &[&str]) -> Self {
        Self { name, program, args: args.iter().map(|a| (*a).to_owned()).collect(), env: Vec::new() }
    }

    fn env(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.env.push((key, value.into()));
        self
    }
}

pub fn run(args: &[String]) -> ExitCode {
    if !args.is_empty() {
        eprintln!("usage: cargo xtask test");
        return ExitCode::from(2);
    }
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace").to_owned();
    let report = root.join("target/test-report");
    let _ = std::fs::remove_dir_all(&report);
    let mut results = Vec::new();
    for step in steps() {
        eprintln!("\n==> {}: {} {}", step.name, step.program, step.args.join(" "));
        let started = Instant::now();
        let status = Command::new(step.program)
            .args(&step.args)
            .env("TEST_REPORT_DIR", &report)
            .envs(step.env.iter().cloned())
            .current_dir(&root)
            .status();
        let ok = matches!(status, Ok(s) if s.success());
        if let Err(e) = &status {
            eprintln!("cannot run {}: {e}", step.program);
        }
        eprintln!("<== {}: {} in {:.0?}", step.name, if ok { "ok" } else { "FAILED" }, started.elapsed());
        results.push((step.name, ok));
    }
    let counts = print_report(&report);
    let shared = root.join("../shared/corpus").is_dir();
    results.push((
        "counts of what the tests checked reach their floors",
        count_floors::reached(&counts, shared),
    ));
    let failed: Vec<_> = results.iter().filter(|(_, ok)| !ok).map(|(name, _)| *name).collect();
    eprintln!();
    if !failed.is_empty() {
        eprintln!("failed steps: {}", failed.join(", "));
    }
    println!("steps: {} passed, {} failed", results.len() - failed.len(), failed.len());
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// What the tests reported beyond pass or fail (see the `test-report` crate): the counts of what
/// they checked, summed by what, and every test that skipped. Gives the counts.
fn print_report(dir: &Path) -> std::collections::BTreeMap<String, usize> {
    let read = |file: &str| std::fs::read_to_string(dir.join(file)).unwrap_or_default();
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for line in read("counts.tsv").lines() {
        if let Some((what, n)) = line.rsplit_once('\t') {
            *counts.entry(what.to_owned()).or_default() += n.parse::<usize>().unwrap_or(0);
        }
    }
    if !counts.is_empty() {
        eprintln!("\nchecked:");
        for (what, n) in &counts {
            eprintln!("  {n:>8}  {what}");
        }
    }
    let skips: Vec<String> = read("skipped.tsv").lines().map(|l| l.replace('\t', ": ")).collect();
    if skips.is_empty() {
        eprintln!("\nskipped tests: none");
    } else {
        eprintln!("\nSKIPPED TESTS ({}): they checked nothing", skips.len());
        for skip in &skips {
            eprintln!("  {skip}");
        }
    }
    counts
}

fn steps() -> Vec<Step> {
    let corpus_out: PathBuf = std::env::temp_dir().join(format!("corpus-crates-{}", std::process::id()));
    let corpus_openapi: Vec<String> = ["cdn", "vod", "domain", "ros", "elasticsearch"]
        .iter()
        .map(|p| corpus_out.join(p).join("openapi.json").to_string_lossy().into_owned())
        .collect();
    let mut openapi_args = vec!["scripts/ci-openapi.sh".to_owned()];
    openapi_args.extend(corpus_openapi);
    let mut steps = vec![
        // The independent signer of the loopback tests; installs once into .tools/ (gitignored).
        Step::new("official Python SDK signer (install)", "bash", &["scripts/python-sdk.sh"]),
        Step::new("format", "cargo", &["fmt", "--all", "--check"]),
        Step::new("generated output is current", "cargo", &["xtask", "check"]),
        Step::new(
            "clippy",
            "cargo",
            &["clippy", "--workspace", "--all-targets", "--all-features", "--", "-D", "warnings"],
        ),
    ];
    for feature in SINGLE_API_FEATURES {
        steps.push(Step::new(
            "ECS crate with one API's feature: clippy",
            "cargo",
            &[
                "clippy",
                "-p",
                "alibabacloud-ecs",
                "--no-default-features",
                "--features",
                feature,
                "--",
                "-D",
                "warnings",
            ],
        ));
    }
    steps.extend([
        Step::new("tests", "cargo", &["test", "--workspace", "--all-features"]),
        Step::new(
            "emitted fixture crate: clippy, rustdoc, behaviour",
            "cargo",
            &["test", "-p", "codegen", "--test", "emit_rust", "--", "--ignored"],
        ),
        Step::new(
            "seed crate: truth table, the page's samples, validator properties",
            "cargo",
            &["test", "-p", "codegen", "--test", "emit_seed", "--", "--ignored"],
        ),
        Step::new(
            "Elasticsearch crate from the corpus: a ROA operation the official signer accepts",
            "cargo",
            &["test", "-p", "codegen", "--test", "roa_elasticsearch", "--", "--ignored"],
        ),
        Step::new(
            "semver oracle: the diff's semver verdicts against the compiler over the RunInstances history",
            "cargo",
            &["test", "-p", "codegen", "--test", "semver_oracle", "--", "--ignored"],
        ),
        Step::new(
            "hostile pages: generated crates compile",
            "cargo",
            &["test", "-p", "codegen", "--test", "hostile_pages", "--", "--ignored"],
        ),
        Step::new(
            "benchmarks, smoke run: each once, their assertions executed",
            "cargo",
            &["test", "-p", "codegen", "-p", "sdk-bench", "--bench", "parse", "--bench", "validate"],
        ),
        Step::new("gen stage benchmark, smoke run", "cargo", &["xtask", "bench", "--smoke"]),
        Step::new(
            "scaling: doubling the input at most doubles the work",
            "cargo",
            &["xtask", "bench", "--scaling", "--smoke"],
        ),
        Step::new(
            "generated crate docs",
            "cargo",
            &["doc", "-p", "alibabacloud-ecs", "-p", "alibabacloud-runtime", "--no-deps", "--all-features"],
        )
        .env("RUSTDOCFLAGS", "-D warnings"),
        Step::new("corpus crates", "cargo", &["xtask", "corpus-crates", &corpus_out.to_string_lossy()]),
        Step {
            name: "openapi: validators and a generated client",
            program: "bash",
            args: openapi_args,
            env: Vec::new(),
        },
    ]);
    steps
}

/// Single-API features of the committed ECS crate checked on their own: each must compile with
/// nothing else enabled.
const SINGLE_API_FEATURES: [&str; 3] = ["run_instances", "describe_instances", "describe_regions"];
