//! `cargo xtask`: the thin command line over the `codegen` library.

fn main() {
    eprintln!("usage: cargo xtask <gen|check|tables|diff>");
    std::process::exit(2);
}
