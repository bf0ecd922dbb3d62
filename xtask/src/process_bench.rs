//! Whole-process `gen` over the shared corpus's products, as a ratio to the `bare-markdown` binary
//! (pulldown-cmark alone) over the same files: wall time, CPU time and peak RSS of each process, for
//! a first `gen` (an empty output dir and no record of an earlier run: what every `gen` after a
//! rebuild of the generator is) and again with nothing changed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::corpus_crates;
use crate::gen::GEN_RECORDS_ENV;
use crate::rusage::{self, median, Cost};

/// The bar: a whole `gen` process at most this many bare-markdown processes (wall time).
pub const MAX_PROCESS_RATIO: f64 = 10.0;

/// The whole-process comparison, working in `work` (removed after); `Ok(None)` when `../shared` is
/// missing outside CI.
pub fn run(root: &Path, work: &Path, iterations: usize) -> Result<Option<bool>, String> {
    let shared = root.join("../shared");
    if !shared.join("corpus").is_dir() {
        if std::env::var("CI").as_deref() == Ok("true") {
            return Err(format!("{} is missing; CI must have ../shared", shared.display()));
        }
        println!("whole process: SKIPPED ({} is missing)", shared.display());
        return Ok(None);
    }
    let result = compare(root, &shared, work, iterations);
    let _ = std::fs::remove_dir_all(work);
    result.map(Some)
}

fn compare(root: &Path, shared: &Path, work: &Path, iterations: usize) -> Result<bool, String> {
    let spec = work.join("spec");
    corpus_crates::link_corpus_spec(root, shared, &spec)
        .map_err(|e| format!("cannot lay out {}: {e}", spec.display()))?;
    let xtask = std::env::current_exe().map_err(|e| format!("cannot find the running xtask: {e}"))?;
    let bare = bare_markdown(root, &xtask)?;
    let (mut bare_costs, mut gen_costs, mut again_costs) = (Vec::new(), Vec::new(), Vec::new());
    let (out, records) = (work.join("out"), work.join("records"));
    // Run 0 warms the page cache and is not counted; the commands alternate so that load from
    // elsewhere on the machine falls on all alike. `gen` runs with neither an output dir nor a
    // record (it reads and renders everything), then again with nothing changed (reusing what it
    // read and rendered), as after `git pull` with no doc change.
    for i in 0..=iterations {
        let bare_cost = run_process(Command::new(&bare).arg(&spec))?;
        for dir in [&out, &records] {
            let _ = std::fs::remove_dir_all(dir);
        }
        let mut gen = Command::new(&xtask);
        gen.arg("gen").arg("--spec").arg(&spec).arg("--out").arg(&out).env(GEN_RECORDS_ENV, &records);
        let gen_cost = run_process(&mut gen)?;
        let again_cost = run_process(&mut gen)?;
        if i > 0 {
            bare_costs.push(bare_cost);
            gen_costs.push(gen_cost);
            again_costs.push(again_cost);
        }
    }
    let (bare, gen, again) = (median(&bare_costs), median(&gen_costs), median(&again_costs));
    let products: Vec<&str> = corpus_crates::PRODUCTS.iter().map(|(p, _, _)| *p).collect();
    println!(
        "whole process over ../shared/corpus/{{{}}}: {iterations} runs each, median; \
         `xtask gen` (first run: no output dir, no record; then again with nothing changed) vs `bare-markdown` (in {})",
        products.join(","),
        work.display()
    );
    println!("| process | wall ms | CPU ms | peak RSS MiB |");
    println!("|---|---:|---:|---:|");
    for (name, cost) in
        [("bare-markdown", bare), ("xtask gen, first run", gen), ("xtask gen again, nothing changed", again)]
    {
        println!(
            "| {name} | {:.0} | {:.0} | {:.1} |",
            cost.wall.as_secs_f64() * 1e3,
            cost.cpu.as_secs_f64() * 1e3,
            cost.peak_kib as f64 / 1024.0
        );
    }
    println!(
        "whole-process gen again, nothing changed: {:.1}× the bare binary's wall time ({:.1}× its CPU time)",
        again.wall.as_secs_f64() / bare.wall.as_secs_f64(),
        again.cpu.as_secs_f64() / bare.cpu.as_secs_f64().max(1e-3)
    );
    let wall = gen.wall.as_secs_f64() / bare.wall.as_secs_f64();
    let cpu = gen.cpu.as_secs_f64() / bare.cpu.as_secs_f64().max(1e-3);
    let ok = wall <= MAX_PROCESS_RATIO;
    println!(
        "whole-process gen: {wall:.1}× the bare binary's wall time ({cpu:.1}× its CPU time; bar: ≤ {MAX_PROCESS_RATIO}× wall): {}",
        if ok { "ok" } else { "OVER" }
    );
    println!();
    Ok(ok)
}

/// The `bare-markdown` binary beside the running xtask, built in the same profile when missing.
fn bare_markdown(root: &Path, xtask: &Path) -> Result<PathBuf, String> {
    let bare = xtask.with_file_name(format!("bare-markdown{}", std::env::consts::EXE_SUFFIX));
    let mut build = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    build.args(["build", "--quiet", "--package", "xtask", "--bin", "bare-markdown"]).current_dir(root);
    if !cfg!(debug_assertions) {
        build.arg("--release");
    }
    let status = build.status().map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() || !bare.is_file() {
        return Err(format!("cannot build {}", bare.display()));
    }
    Ok(bare)
}

/// Runs a command to completion (its output discarded) and gives what it cost.
fn run_process(command: &mut Command) -> Result<Cost, String> {
    let (status, cost) =
        rusage::run(command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()))?;
    if status != 0 {
        return Err(format!("{command:?} exited with {status}"));
    }
    Ok(cost)
}
