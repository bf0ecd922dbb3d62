//! Runs one operation of the benchmark N times and nothing else, for counting what a call costs
//! independently of the machine's load: `cargo build --release -p sdk-bench --example count`, then
//! under `valgrind --tool=callgrind` (or `perf stat -e instructions:u` where the machine has the
//! counters) once with N = 0 and once with N = 1000: the difference over 1000 is one call.
//!
//! `count validate 1000`, `count to_string 1000`, `count to_query_pairs 1000`.
#![recursion_limit = "256"]

use std::hint::black_box;

use alibabacloud_ecs::Operation;

#[path = "../benches/common/mod.rs"]
mod common;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(what), Some(n)) = (args.next(), args.next().and_then(|n| n.parse::<u32>().ok())) else {
        eprintln!("usage: count validate|to_string|to_query_pairs N");
        std::process::exit(2);
    };
    let request = common::full_request();
    assert_eq!(request.validate(), Ok(()), "the benchmark request is valid");
    match what.as_str() {
        "validate" => (0..n).for_each(|_| drop(black_box(black_box(&request).validate()))),
        "to_string" => (0..n).for_each(|_| drop(black_box(serde_json::to_string(black_box(&request))))),
        "to_query_pairs" => (0..n).for_each(|_| drop(black_box(black_box(&request).to_query_pairs()))),
        other => {
            eprintln!("unknown operation {other}");
            std::process::exit(2);
        }
    }
}
