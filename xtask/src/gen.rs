//! `cargo xtask gen` and `cargo xtask check`: run the pipeline, then write the output dir or compare with it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::diag::Severity;
use codegen::emit::rust::RuntimeDependency;
use codegen::reuse::{Record, Reuse};
use codegen::{gen, write};

/// Whether to write the output dir or only compare with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

struct Options {
    spec: PathBuf,
    out: PathBuf,
    /// List every constraint-like sentence left unenforced, not only the count per reason.
    coverage: bool,
}

pub fn run(args: &[String], mode: Mode) -> ExitCode {
    let options = match parse_args(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\nusage: cargo xtask gen|check [--spec DIR] [--out DIR] [--coverage]");
            return ExitCode::from(2);
        }
    };
    let runtime = RuntimeDependency::for_output_dir(&options.out);
    // `check` renders everything: it is the guard on what a reused file would hide.
    let record = (mode == Mode::Write).then(|| render_record(&options.out)).flatten();
    let reuse = record.as_ref().map_or(Reuse::NEVER, Reuse::from);
    let generation = match gen::generate_reusing(&options.spec, &runtime, reuse) {
        Ok(generation) => generation,
        Err(e) => {
            eprintln!("error: cannot read spec dir {}: {e}", options.spec.display());
            return ExitCode::FAILURE;
        }
    };
    // Made whole, then written at once: stderr is unbuffered, and a write per piece of each of
    // hundreds of lines cost ~20 ms of a cold run with a pipe or terminal reading it.
    let notes = std::env::var_os("XTASK_NOTES").is_some();
    let shown: String = generation
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note || notes)
        .map(|d| format!("{d}\n"))
        .collect();
    eprint!("{shown}");
    // The coverage is counted, and then the record saved (it keeps the coverage results), while the
    // files are written: the coverage reads only the IR, and the record's files are each checked
    // against their digest before they are reused, so a record saved beside a write that fails
    // halfway makes no later run trust a file the write left out.
    let (result, coverage, saved) = std::thread::scope(|scope| {
        let coverage = (mode == Mode::Write || options.coverage).then(|| {
            scope.spawn(|| {
                let coverage = generation.coverage_reusing(reuse);
                (coverage, record.as_ref().map(Record::save))
            })
        });
        let result = match mode {
            // What the record took from the output dir is there already: not read again to compare.
            Mode::Write => write::write_files_known(
                &options.out,
                &generation.files,
                &record.as_ref().map(Record::reused_files).unwrap_or_default(),
            ),
            Mode::Check => write::compare(&options.out, &generation.files),
        };
        let (coverage, saved) = coverage.map(codegen::parallel::joined).unzip();
        (result, coverage, saved.flatten())
    });
    let report = match result {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", options.out.display());
            return ExitCode::FAILURE;
        }
    };
    if let Some(Err(e)) = saved {
        // Only the next run's speed depends on it.
        eprintln!("warning: cannot save the render record: {e}");
    }
    let failed = generation.has_errors();
    if let Some(coverage) = &coverage {
        let shown = if options.coverage { format!("{coverage:#}") } else { coverage.to_string() };
        eprint!("{shown}");
    }
    if mode == Mode::Write {
        for path in &report.strays {
            eprintln!("note: left alone, not written by gen: {}", options.out.join(path).display());
        }
    }
    match mode {
        Mode::Write => eprintln!(
            "gen: {}; wrote {} file{}, {} unchanged, {} removed; reused {} rendered files and {} page readings and coverages",
            generation.summary(coverage.as_ref().expect("made for a write")),
            report.written.len(),
            if report.written.len() == 1 { "" } else { "s" },
            report.unchanged,
            report.removed.len(),
            record.as_ref().map_or(0, Record::reused),
            record.as_ref().map_or(0, Record::results_reused)
        ),
        Mode::Check if report.is_clean() => {
            eprintln!("check: {} is up to date ({} files)", options.out.display(), report.unchanged)
        }
        Mode::Check => {
            for path in &report.written {
                eprintln!("stale: {}", options.out.join(path).display());
            }
            for path in &report.removed {
                eprintln!("not generated any more: {}", options.out.join(path).display());
            }
            for path in &report.strays {
                eprintln!("stray (not written by gen; remove it): {}", options.out.join(path).display());
            }
            eprintln!(
                "check: {} is not what `cargo xtask gen` writes; run it and commit the result",
                options.out.display()
            );
            return ExitCode::FAILURE;
        }
    }
    // The process ends here: what the run made is left to the exit, not freed piece by piece
    // (thousands of files' texts and every API's IR: 7–25 ms of a first `gen` over six products).
    std::mem::forget(generation);
    std::mem::forget(record);
    std::mem::forget(coverage);
    std::mem::forget(report);
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Where `gen` keeps its render records instead of `gen-records/` beside the xtask binary (the
/// bench, so that its temporary output dirs leave none behind).
pub const GEN_RECORDS_ENV: &str = "XTASK_GEN_RECORDS";

/// The record of what this build of xtask rendered into `out`, kept beside the xtask binary (in
/// cargo's target dir, one file per output dir); `None` when the binary cannot be found.
fn render_record(out: &Path) -> Option<Record> {
    let exe = std::env::current_exe().ok()?;
    let built = exe.metadata().ok()?;
    let modified = built.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    // A rebuilt binary is another generator: its path, size and time of building name it.
    let generator = format!("{} {} {}", exe.display(), built.len(), modified.as_nanos());
    let records = match std::env::var_os(GEN_RECORDS_ENV) {
        Some(dir) => PathBuf::from(dir),
        None => exe.parent()?.join("gen-records"),
    };
    Some(Record::load(&records, out, generator))
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut spec = None;
    let mut out = None;
    let mut coverage = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let slot = match arg.as_str() {
            "--coverage" => {
                coverage = true;
                continue;
            }
            "--spec" => &mut spec,
            "--out" => &mut out,
            other => return Err(format!("unexpected argument `{other}`")),
        };
        *slot = Some(PathBuf::from(iter.next().ok_or_else(|| format!("`{arg}` needs a value"))?));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace");
    if spec.is_none() && out.is_none() {
        // The repo's own dirs, wherever in the repo the command runs; paths in messages stay short.
        std::env::set_current_dir(root).map_err(|e| format!("cannot enter {}: {e}", root.display()))?;
        return Ok(Options { spec: "spec".into(), out: "generated".into(), coverage });
    }
    Ok(Options {
        spec: spec.unwrap_or_else(|| root.join("spec")),
        out: out.unwrap_or_else(|| root.join("generated")),
        coverage,
    })
}
