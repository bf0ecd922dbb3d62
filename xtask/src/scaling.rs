//! `cargo xtask bench --scaling`: each stage (`tables`, IR, `gen` with every output written,
//! `diff`) on pages of `n` and `2n` rows of every shape in `codegen::scaling`, with the ratio of
//! the work: allocations (deterministic) and time (best of three). A ratio over 2.5 means work that
//! grows faster than the input: allocations over it always fail; time over it fails the full run
//! (`--smoke`, what CI runs, uses small pages where fixed costs hide growth, and reports it).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use codegen::constraints::overrides::Overrides;
use codegen::emit::rust::RuntimeDependency;
use codegen::ir::Api;
use codegen::scaling::{Shape, PRODUCT_TOML, SHAPES};
use codegen::{diff, gen, parse, write};

use crate::peak_alloc;

/// The most that doubling the input may multiply the work by.
const MAX_RATIO: f64 = 2.5;

/// One stage's work on one page.
#[derive(Debug, Clone, Copy)]
struct Work {
    allocations: isize,
    time: Duration,
}

/// Runs `f` `times` times: the allocations of the first run (counted) and the best time of the others.
fn measure<R>(times: usize, mut f: impl FnMut() -> R) -> Work {
    peak_alloc::set_counting(true);
    let before = peak_alloc::allocations();
    std::hint::black_box(f());
    let allocations = peak_alloc::allocations() - before;
    peak_alloc::set_counting(false);
    let time = (0..times)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(f());
            started.elapsed()
        })
        .min()
        .unwrap_or_default();
    Work { allocations, time }
}

fn constrained(shape: &Shape, n: usize, edited: bool) -> Api {
    let parsed = parse::parse_page("p.md", (shape.page)(n, edited).as_bytes());
    gen::constrain_page(Path::new("."), Path::new("p.md"), parsed, &Overrides::default())
        .0
        .unwrap_or_default()
}

fn spec_dir(base: &Path, shape: &Shape, n: usize) -> std::io::Result<PathBuf> {
    let dir = base.join(format!("{}-{n}", shape.name.replace([' ', ',', '(', ')', '+'], "_")));
    std::fs::create_dir_all(dir.join("scale"))?;
    std::fs::write(dir.join("scale/product.toml"), PRODUCT_TOML)?;
    std::fs::write(dir.join("scale/Scale.md"), (shape.page)(n, false))?;
    Ok(dir)
}

/// The work of each stage on `shape` at `n` rows (`gen_n` for `gen`).
fn stages(base: &Path, shape: &Shape, n: usize, gen_n: usize, times: usize) -> std::io::Result<[Work; 4]> {
    let page = (shape.page)(n, false);
    let tables = measure(times, || parse::parse_page("p.md", page.as_bytes()));
    let ir = measure(times, || constrained(shape, n, false));
    let (old, new) = (constrained(shape, n, false), constrained(shape, n, true));
    let diff = measure(times, || diff::diff_apis(std::slice::from_ref(&old), std::slice::from_ref(&new)));
    let spec = spec_dir(base, shape, gen_n)?;
    let out = spec.join("out");
    let runtime = RuntimeDependency::for_output_dir(&out);
    let mut failed = None;
    let gen = measure(times, || {
        let _ = std::fs::remove_dir_all(&out);
        match gen::generate(&spec, &runtime).and_then(|g| write::write_files(&out, &g.files)) {
            Ok(report) => report.written.len(),
            Err(e) => {
                failed = Some(e);
                0
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    Ok([tables, ir, diff, gen])
}

pub fn run(smoke: bool) -> ExitCode {
    let (n, gen_n, times) = if smoke { (400, 40, 1) } else { (4000, 400, 3) };
    let base = std::env::temp_dir().join(format!("xtask-scaling-{}", std::process::id()));
    println!("pages of n and 2n rows (n = {n}; {gen_n} for gen); work ratio 2n / n (bar: ≤ {MAX_RATIO}×)\n");
    println!("| shape | stage | allocations n | × | time n (ms) | × |");
    println!("|---|---|---:|---:|---:|---:|");
    let mut over = Vec::new();
    let mut rows = 0;
    for shape in SHAPES {
        let result = stages(&base, shape, 10, 5, 1).and_then(|_| {
            Ok((stages(&base, shape, n, gen_n, times)?, stages(&base, shape, 2 * n, 2 * gen_n, times)?))
        });
        let (single, double) = match result {
            Ok(pair) => pair,
            Err(e) => {
                eprintln!("error: {}: {e}", shape.name);
                let _ = std::fs::remove_dir_all(&base);
                return ExitCode::FAILURE;
            }
        };
        for ((stage, one), two) in ["tables", "IR", "diff", "gen"].iter().zip(single).zip(double) {
            let allocations = two.allocations as f64 / one.allocations.max(1) as f64;
            let time = two.time.as_secs_f64() / one.time.as_secs_f64().max(1e-9);
            println!(
                "| {} | {stage} | {} | {allocations:.2} | {:.2} | {time:.2} |",
                shape.name,
                one.allocations,
                one.time.as_secs_f64() * 1e3
            );
            if allocations > MAX_RATIO || (!smoke && time > MAX_RATIO) {
                over.push(format!(
                    "{} / {stage}: allocations ×{allocations:.2}, time ×{time:.2}",
                    shape.name
                ));
            }
            rows += 1;
        }
    }
    let _ = std::fs::remove_dir_all(&base);
    println!(
        "\nscaling: {rows} stage × shape pairs measured{}",
        if smoke { " (smoke run: time not judged)" } else { "" }
    );
    if rows == SHAPES.len() * 4 && over.is_empty() {
        println!("scaling: every ratio within {MAX_RATIO}×: ok");
        ExitCode::SUCCESS
    } else {
        for line in &over {
            println!("OVER: {line}");
        }
        ExitCode::FAILURE
    }
}
