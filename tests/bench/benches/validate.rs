//! `to_query_pairs` and `validate` on a fully populated RunInstances request, each as a ratio to
//! `serde_json::to_string` of the same request measured in the same run (the bars: at most
//! 1× and 0.5×). Both walk the typed request through its field table; neither goes through JSON.
#![recursion_limit = "256"]

use std::hint::black_box;
use std::time::Instant;

use alibabacloud_ecs::Operation;
use common::full_request;
use criterion::Criterion;

mod common;

/// The bars, as ratios to `serde_json::to_string`.
const MAX_QUERY_RATIO: f64 = 1.0;
const MAX_VALIDATE_RATIO: f64 = 0.5;

/// Mean time per call of each of `ops` over `calls` calls, the best of `rounds` rounds. The rounds
/// take the operations in turn (one round of each, then the next), so a slow spell of the machine
/// (it is shared, and a VM) falls on all of them alike instead of on whichever ran during it.
fn per_call_ns<const N: usize>(calls: u32, rounds: u32, ops: [&dyn Fn(); N]) -> [f64; N] {
    let mut best = [f64::INFINITY; N];
    for _ in 0..rounds {
        for (op, best) in ops.iter().zip(&mut best) {
            let start = Instant::now();
            for _ in 0..calls {
                op();
            }
            *best = best.min(start.elapsed().as_secs_f64() * 1e9 / f64::from(calls));
        }
    }
    best
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` (CI's smoke run) does not, and
    // criterion then runs each benchmark once: the ratios below are then taken from few calls.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let request = full_request();
    assert_eq!(request.validate(), Ok(()), "the benchmark request is valid");
    let pairs = request.to_query_pairs().len();
    assert!(pairs >= 250, "the request is fully populated: {pairs} wire pairs");
    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group(format!("RunInstances, fully populated ({pairs} wire pairs)"));
    group.bench_function("serde_json::to_string", |b| b.iter(|| serde_json::to_string(black_box(&request))));
    group.bench_function("to_query_pairs", |b| b.iter(|| black_box(&request).to_query_pairs()));
    group.bench_function("validate", |b| b.iter(|| black_box(&request).validate()));
    group.finish();
    c.final_summary();

    // The ratios, from interleaved rounds in this process.
    let (calls, rounds) = if smoke { (10, 1) } else { (1_000, 21) };
    let [json, query, validate] = per_call_ns(
        calls,
        rounds,
        [
            &|| drop(black_box(serde_json::to_string(black_box(&request)))),
            &|| drop(black_box(black_box(&request).to_query_pairs())),
            &|| drop(black_box(black_box(&request).validate())),
        ],
    );
    let verdict = |ratio: f64, bar: f64| if ratio <= bar { "ok" } else { "OVER" };
    println!("serde_json::to_string: {json:.0} ns/call ({pairs} wire pairs)");
    println!(
        "to_query_pairs: {query:.0} ns/call, {:.2}x to_string (bar: at most {MAX_QUERY_RATIO}x): {}",
        query / json,
        verdict(query / json, MAX_QUERY_RATIO)
    );
    println!(
        "validate: {validate:.0} ns/call, {:.2}x to_string (bar: at most {MAX_VALIDATE_RATIO}x): {}",
        validate / json,
        verdict(validate / json, MAX_VALIDATE_RATIO)
    );
    if smoke {
        test_report::count("benchmarks run once in smoke mode (cargo test --benches)", 1);
    }
}
