//! Parsing the whole ECS reference (`spec/ecs`) with `parse_page` against a bare pulldown-cmark pass over the same
//! bytes (the floor), reported as a ratio measured in this process.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use codegen::parse::parse_page;
use criterion::Criterion;
use pulldown_cmark::{Options, Parser};

type Pages = Vec<(String, Vec<u8>)>;

fn load() -> Option<Pages> {
    // The repo's own spec dir holds the whole ECS reference.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/ecs");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut pages: Pages = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(&p).ok()?)))
        .collect();
    pages.sort();
    Some(pages)
}

fn parse_corpus(pages: &Pages) -> usize {
    pages.iter().map(|(name, bytes)| parse_page(name, bytes).diagnostics.len()).sum()
}

fn pulldown_corpus(pages: &Pages) -> usize {
    pages
        .iter()
        .map(|(_, bytes)| {
            let text = std::str::from_utf8(bytes).unwrap_or_default();
            Parser::new_ext(text, Options::ENABLE_TABLES).count()
        })
        .sum()
}

/// Median wall time of `runs` runs of `f`.
fn median(runs: usize, mut f: impl FnMut() -> usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` (CI's smoke run) does not, and
    // criterion then runs each benchmark once: the ratio below is then taken from one run.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let Some(pages) = load() else { return };
    assert!(pages.len() >= 220, "{} pages of spec/ecs", pages.len());
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group(format!("ecs corpus ({} pages, {} KiB)", pages.len(), bytes / 1024));
    group.bench_function("parse_page", |b| b.iter(|| parse_corpus(black_box(&pages))));
    group.bench_function("pulldown-cmark floor", |b| b.iter(|| pulldown_corpus(black_box(&pages))));
    group.finish();
    c.final_summary();

    let runs = if smoke { 1 } else { 15 };
    let parse = median(runs, || parse_corpus(&pages));
    let floor = median(runs, || pulldown_corpus(&pages));
    println!(
        "parse_page: {parse:?}, pulldown-cmark floor: {floor:?}, ratio {:.2}x",
        parse.as_secs_f64() / floor.as_secs_f64().max(f64::MIN_POSITIVE)
    );
    if smoke {
        test_report::count("benchmarks run once in smoke mode (cargo test --benches)", 1);
    }
}
