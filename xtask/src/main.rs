//! `cargo xtask`: the thin command line over the `codegen` library; one file per subcommand.

mod bench;
mod corpus_crates;
mod count_floors;
mod crate_build;
mod diff;
mod gen;
mod peak_alloc;
mod process_bench;
mod rusage;
mod scaling;
mod tables;
mod test;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command> [args]

commands:
  gen [--spec DIR] [--out DIR] [--coverage]
                                 parse the pages, write the IR, the Rust crate and openapi.json;
                                 print the constraint coverage (--coverage: every unenforced sentence)
  check [--spec DIR] [--out DIR] fail when the output dir is not what `gen` would write
  tables PAGE.md...              print what the parser saw, one table row a line
  diff OLD NEW | --base REV      what a doc update changes and whom it breaks (docs/diff.md)
  test                           run every check and test (what CI runs)
  corpus-crates OUT_DIR          generate ../shared/corpus/{ecs,cdn,vod,domain,ros,elasticsearch} in one run and hold
                                 the crates not committed here to clippy and rustdoc
  bench [--iterations N]         time and peak memory of each gen stage over the ECS corpus
  bench --crate-build [--crate DIR]
                                 CPU, peak RSS and wall time of building the generated corpus crate
                                 (or an already generated one): all features vs one API; lines per API
  bench --scaling [--smoke]      every stage on pages of n and 2n rows of each hostile shape: work ratios";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match command.as_str() {
        "gen" => gen::run(rest, gen::Mode::Write),
        "check" => gen::run(rest, gen::Mode::Check),
        "tables" => tables::run(rest),
        "diff" => diff::run(rest),
        "test" => test::run(rest),
        "corpus-crates" => corpus_crates::run(rest),
        "bench" => bench::run(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("error: unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
