//! `cargo xtask`: the thin command line over the `codegen` library.

use std::process::ExitCode;

mod openapi;
mod tables;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("openapi") => openapi::run(&args[1..]),
        Some("tables") => tables::run(&args[1..]),
        _ => {
            eprintln!("usage: cargo xtask <gen|check|tables|diff|openapi> [ARGS…]");
            ExitCode::from(2)
        }
    }
}
