//! `cargo xtask bench --crate-build`: how long the generated whole-corpus crate takes to build with all
//! features and with one API's feature, its dependencies already built; and its lines per API.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use codegen::emit::rust::RuntimeDependency;
use codegen::{gen, write};

use crate::bench::workspace_root;

/// The one API built on its own.
pub const SINGLE_API_FEATURE: &str = "run_instances";

/// The bar: one API's feature builds in under this share of the all-features time.
pub const MAX_SINGLE_SHARE: f64 = 0.2;

/// Builds compared, each after `cargo clean -p` of the generated crate only.
const CONFIGS: [(&str, &[&str]); 2] = [
    ("all features", &["--all-features"]),
    ("only `run_instances`", &["--no-default-features", "--features", SINGLE_API_FEATURE]),
];

pub fn run(spec_dir: &Path, iterations: usize) -> ExitCode {
    match measure(spec_dir, iterations) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn measure(spec_dir: &Path, iterations: usize) -> Result<bool, String> {
    // Fixed paths, so a rerun reuses the built dependencies; the crate sits outside the workspace.
    let out = std::env::temp_dir().join("xtask-bench-crate");
    let target = workspace_root().join("target/bench-crate");
    let generation = gen::generate(spec_dir, &RuntimeDependency::for_output_dir(&out))
        .map_err(|e| format!("cannot read {}: {e}", spec_dir.display()))?;
    if generation.has_errors() {
        return Err(format!("{} has errors; run `cargo xtask gen --spec` on it", spec_dir.display()));
    }
    write::write_files(&out, &generation.files)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let [product] = generation.products.as_slice() else {
        return Err(format!("{} must hold one product", spec_dir.display()));
    };
    let out = out.join(&product.name);
    let package = package_name(&out)?;
    println!("crate: {package} in {}, target dir {}", out.display(), target.display());
    print_lines_per_api(&out)?;

    eprintln!("crate-build: building the dependencies and the crate once");
    cargo(&out, &target, &["build", "--all-features"])?;
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); CONFIGS.len()];
    for _ in 0..iterations {
        for ((name, args), times) in CONFIGS.iter().zip(&mut times) {
            cargo(&out, &target, &["clean", "--package", &package])?;
            let mut build = vec!["build"];
            build.extend_from_slice(args);
            let started = Instant::now();
            cargo(&out, &target, &build)?;
            let took = started.elapsed();
            eprintln!("crate-build: {name}: {took:.1?}");
            times.push(took);
        }
    }
    println!("\n| `cargo build` (debug, dependencies built) | median s |");
    println!("|---|---:|");
    let medians: Vec<Duration> = times
        .iter_mut()
        .map(|t| {
            t.sort();
            t[t.len() / 2]
        })
        .collect();
    for ((name, _), median) in CONFIGS.iter().zip(&medians) {
        println!("| {name} | {:.1} |", median.as_secs_f64());
    }
    let share = medians[1].as_secs_f64() / medians[0].as_secs_f64();
    let ok = share < MAX_SINGLE_SHARE;
    println!(
        "\none API's feature builds in {:.0}% of the all-features time (bar: under {:.0}%): {}",
        share * 100.0,
        MAX_SINGLE_SHARE * 100.0,
        if ok { "ok" } else { "OVER" }
    );
    Ok(ok)
}

/// Runs cargo in the generated crate with its own target dir; output goes to the terminal.
fn cargo(crate_dir: &Path, target: &Path, args: &[&str]) -> Result<(), String> {
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(args)
        .arg("--quiet")
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo {}` failed in {}", args.join(" "), crate_dir.display()))
    }
}

/// The `name` of the generated `[package]`.
fn package_name(crate_dir: &Path) -> Result<String, String> {
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).map_err(|e| e.to_string())?;
    manifest
        .lines()
        .find_map(|line| line.strip_prefix("name = \"")?.strip_suffix('"'))
        .map(str::to_owned)
        .ok_or_else(|| "the generated Cargo.toml names no package".to_owned())
}

/// Lines of each API module (`src/<api>.rs`): min, median, max and the crate's total.
fn print_lines_per_api(crate_dir: &Path) -> Result<(), String> {
    let mut per_api = Vec::new();
    let mut total = 0;
    for path in rust_files(&crate_dir.join("src")).map_err(|e| e.to_string())? {
        let lines = std::fs::read_to_string(&path).map_err(|e| e.to_string())?.lines().count();
        total += lines;
        let not_api = ["lib.rs", "common_error.rs", "shared.rs"].iter().any(|f| path.ends_with(f));
        if !not_api {
            per_api.push(lines);
        }
    }
    per_api.sort_unstable();
    let [min, median, max] = match per_api.as_slice() {
        [] => return Err("the generated crate has no API modules".to_owned()),
        all => [all[0], all[all.len() / 2], all[all.len() - 1]],
    };
    println!(
        "generated lines per API ({} APIs): min {min}, median {median}, max {max}; {total} lines of Rust in src/",
        per_api.len()
    );
    Ok(())
}

fn rust_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            found.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    Ok(found)
}
