//! `cargo xtask bench --crate-build`: what the generated whole-corpus crate costs to build, its
//! dependencies already built: CPU seconds (user + sys of cargo and every rustc it ran), peak RSS
//! and wall time, with all features and with one API's feature; and its lines per API.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use codegen::emit::rust::RuntimeDependency;
use codegen::{gen, write};

use crate::bench::workspace_root;
use crate::rusage::{self, median, Cost};

/// The one API built on its own.
pub const SINGLE_API_FEATURE: &str = "run_instances";

/// The bars: CPU seconds per API with all features, peak RSS, lines per API.
pub const MAX_CPU_PER_API: f64 = 0.025;
pub const MAX_PEAK_RSS_MB: f64 = 800.0;
pub const MAX_LINES_PER_API: f64 = 300.0;
/// One API's feature builds in at most a tenth of the all-features time.
pub const MAX_ONE_API_SHARE: f64 = 0.1;

/// Builds compared, each after `cargo clean -p` of the generated crate only. `incremental` is what
/// `cargo build` in the crate's own dir does; a crate used as a dependency is never incremental.
const CONFIGS: [(&str, &[&str], bool); 4] = [
    ("all features", &["--all-features"], true),
    ("only `run_instances`", &["--no-default-features", "--features", SINGLE_API_FEATURE], true),
    ("all features, as a dependency (not incremental)", &["--all-features"], false),
    (
        "only `run_instances`, as a dependency",
        &["--no-default-features", "--features", SINGLE_API_FEATURE],
        false,
    ),
];

/// Measures the crate generated from `spec_dir`, or the already generated crate `existing` (for
/// figures of an earlier generator: `git archive` an old commit and point at its `generated/<product>`).
pub fn run(spec_dir: &Path, existing: Option<&Path>, iterations: usize) -> ExitCode {
    match measure(spec_dir, existing, iterations) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn measure(spec_dir: &Path, existing: Option<&Path>, iterations: usize) -> Result<bool, String> {
    // Fixed paths, so a rerun reuses the built dependencies; the crate sits outside the workspace.
    let target = workspace_root().join("target/bench-crate");
    let (out, apis) = match existing {
        Some(dir) => (dir.to_owned(), api_features(dir)?.len()),
        None => generate(spec_dir)?,
    };
    let package = package_name(&out)?;
    println!("crate: {package} in {}, target dir {}", out.display(), target.display());
    let lines_per_api = print_lines_per_api(&out, apis)?;

    // Every configuration once first: features select the runtime crate's features too (`client`),
    // and each set of dependencies must be built before any build is measured.
    eprintln!("crate-build: building the dependencies of every configuration once");
    for (_, args, incremental) in CONFIGS {
        let mut build = vec!["build"];
        build.extend_from_slice(args);
        cargo(&out, &target, &build, incremental)?;
    }
    let mut costs: Vec<Vec<Cost>> = vec![Vec::new(); CONFIGS.len()];
    for _ in 0..iterations {
        for ((name, args, incremental), costs) in CONFIGS.iter().zip(&mut costs) {
            cargo(&out, &target, &["clean", "--package", &package], true)?;
            let mut build = vec!["build"];
            build.extend_from_slice(args);
            let cost = cargo(&out, &target, &build, *incremental)?;
            eprintln!(
                "crate-build: {name}: {:.1?} wall, {:.2} s CPU, peak {} MiB",
                cost.wall,
                cost.cpu.as_secs_f64(),
                cost.peak_kib / 1024
            );
            costs.push(cost);
        }
    }
    let user = user_crate(&out, &package)?;
    eprintln!("crate-build: a service calling `RunInstances`: building its dependencies once");
    cargo(&user, &target, &["build"], true)?;
    let mut user_costs = Vec::new();
    for _ in 0..iterations {
        cargo(&user, &target, &["clean", "--package", USER_CRATE], true)?;
        let cost = cargo(&user, &target, &["build"], true)?;
        eprintln!("crate-build: the service: {:.1?} wall, {:.2} s CPU", cost.wall, cost.cpu.as_secs_f64());
        user_costs.push(cost);
    }
    let medians: Vec<Cost> = costs.iter().map(|c| median(c)).collect();
    println!("\n| `cargo build` (debug, dependencies built), median of {iterations} | CPU s | wall s | peak RSS MiB |");
    println!("|---|---:|---:|---:|");
    for ((name, _, _), m) in CONFIGS.iter().zip(&medians) {
        println!(
            "| {name} | {:.2} | {:.1} | {} |",
            m.cpu.as_secs_f64(),
            m.wall.as_secs_f64(),
            m.peak_kib / 1024
        );
    }
    let user = median(&user_costs);
    println!(
        "| a service calling `RunInstances` (its own crate only; the API's code is compiled here) | {:.2} | {:.1} | {} |",
        user.cpu.as_secs_f64(),
        user.wall.as_secs_f64(),
        user.peak_kib / 1024
    );
    let per_api = medians[0].cpu.as_secs_f64() / apis as f64;
    let share = medians[1].cpu.as_secs_f64() / medians[0].cpu.as_secs_f64();
    let share_as_dependency = medians[3].cpu.as_secs_f64() / medians[2].cpu.as_secs_f64();
    let peak_mb = medians[0].peak_kib as f64 / 1024.0;
    let verdict = |ok: bool| if ok { "ok" } else { "OVER" };
    println!();
    println!(
        "CPU per API (all features / {apis}): {per_api:.4} s (bar: at most {MAX_CPU_PER_API} s): {}",
        verdict(per_api <= MAX_CPU_PER_API)
    );
    println!(
        "peak RSS, all features: {peak_mb:.0} MiB (bar: at most {MAX_PEAK_RSS_MB:.0}): {}",
        verdict(peak_mb <= MAX_PEAK_RSS_MB)
    );
    println!(
        "lines per API: {lines_per_api:.0} (bar: at most {MAX_LINES_PER_API:.0}): {}",
        verdict(lines_per_api <= MAX_LINES_PER_API)
    );
    println!(
        "one API's build / all features, CPU: {:.1}% in the crate's dir, {:.1}% as a dependency (bar: at most {:.0}%): {}",
        share * 100.0,
        share_as_dependency * 100.0,
        MAX_ONE_API_SHARE * 100.0,
        verdict(share.max(share_as_dependency) <= MAX_ONE_API_SHARE)
    );
    Ok(per_api <= MAX_CPU_PER_API
        && peak_mb <= MAX_PEAK_RSS_MB
        && lines_per_api <= MAX_LINES_PER_API
        && share.max(share_as_dependency) <= MAX_ONE_API_SHARE)
}

/// Generates the crate of `spec_dir` into a fixed temp dir: its folder and its number of APIs.
fn generate(spec_dir: &Path) -> Result<(PathBuf, usize), String> {
    let out = std::env::temp_dir().join("xtask-bench-crate");
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
    Ok((out.join(&product.name), product.apis.len()))
}

/// The API features of a generated crate (each names its API's module): every feature without
/// dependencies, which leaves out `default`, `client` and `blocking`.
fn api_features(crate_dir: &Path) -> Result<Vec<String>, String> {
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let features = manifest.split("\n[features]\n").nth(1).ok_or("the crate has no features")?;
    let names = features.lines().take_while(|l| !l.starts_with('['));
    Ok(names.filter_map(|l| l.strip_suffix(" = []")).map(|name| name.trim().to_owned()).collect())
}

/// The service's `main.rs` (`KRATE` is the generated crate's name).
const SERVICE_MAIN: &str = r###"use KRATE::run_instances::{RunInstancesRequest, RunInstancesResponse};
use KRATE::Operation;

fn main() {
    let request = RunInstancesRequest::builder("cn-hangzhou").image_id("img-1").amount(2).build_unvalidated();
    println!("{:?} {:?}", request.validate(), request.to_query_pairs().len());
    let json = serde_json::to_string(&request).unwrap();
    let back: RunInstancesRequest = serde_json::from_str(&json).unwrap();
    let response: RunInstancesResponse = serde_json::from_str(r##"{"RequestId": "r"}"##).unwrap();
    println!("{} {:?}", back == request, response);
}
"###;

/// The package of the service that [`user_crate`] writes.
const USER_CRATE: &str = "bench-service";

/// A small service crate beside the target dir, depending on the generated crate with only
/// `run_instances`, that builds, validates, serializes and reads `RunInstances`: what a user compiles,
/// since every non-generic function of the generated crate is `#[inline]` and compiled there.
fn user_crate(generated: &Path, package: &str) -> Result<PathBuf, String> {
    let dir = workspace_root().join("target/bench-crate").join(USER_CRATE);
    let krate = package.replace('-', "_");
    let manifest = format!(
        "[package]\nname = \"{USER_CRATE}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{package} = {{ path = {:?}, default-features = false, features = [\"{SINGLE_API_FEATURE}\"] }}\n\
         serde_json = \"1\"\n\n[workspace]\n",
        generated.display().to_string()
    );
    let main = SERVICE_MAIN.replace("KRATE", &krate);
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("src/main.rs"), main).map_err(|e| e.to_string())?;
    Ok(dir)
}

/// Runs cargo in the generated crate with its own target dir (output to the terminal) and gives what
/// it cost: `wait4` reports the CPU time and peak RSS of cargo and of every process it waited for.
fn cargo(crate_dir: &Path, target: &Path, args: &[&str], incremental: bool) -> Result<Cost, String> {
    let (status, cost) = rusage::run(
        Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args(args)
            .arg("--quiet")
            .current_dir(crate_dir)
            .env("CARGO_TARGET_DIR", target)
            .env("CARGO_INCREMENTAL", if incremental { "1" } else { "0" })
            .stdin(Stdio::null()),
    )?;
    if status != 0 {
        return Err(format!("`cargo {}` failed in {}", args.join(" "), crate_dir.display()));
    }
    Ok(cost)
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

/// Lines of each API module (`src/<api>.rs`): min, median, max, and the crate's lines of Rust in
/// `src/` per API (shared and common files included), which it returns.
fn print_lines_per_api(crate_dir: &Path, apis: usize) -> Result<f64, String> {
    let mut per_api = Vec::new();
    let mut total = 0;
    let modules = api_features(crate_dir)?;
    for path in rust_files(&crate_dir.join("src")).map_err(|e| e.to_string())? {
        let lines = std::fs::read_to_string(&path).map_err(|e| e.to_string())?.lines().count();
        total += lines;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if modules.iter().any(|m| m == stem) {
            per_api.push(lines);
        }
    }
    per_api.sort_unstable();
    let [min, median, max] = match per_api.as_slice() {
        [] => return Err("the generated crate has no API modules".to_owned()),
        all => [all[0], all[all.len() / 2], all[all.len() - 1]],
    };
    let average = total as f64 / apis.max(1) as f64;
    println!(
        "generated lines per API module ({} APIs): min {min}, median {median}, max {max}; {total} lines of \
         Rust in src/, {average:.0} per API",
        per_api.len()
    );
    Ok(average)
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
