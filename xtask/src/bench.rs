//! `cargo xtask bench`: time and peak memory of each `gen` stage over the whole ECS reference (`spec/`), as ratios to
//! a bare pulldown-cmark pass over the same bytes in the same process; then whole `gen` processes over the
//! shared corpus against the `bare-markdown` binary ([`process_bench`]; `--crate-build`: see [`crate_build`]).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use codegen::constraints::overrides::Overrides;
use codegen::emit;
use codegen::emit::rust::{CrateTokens, RuntimeDependency};
use codegen::ir::Product;
use codegen::output::OutputFile;
use codegen::reuse::{Record, Reuse};
use codegen::{gen, meta, parse, spec, write};

use crate::{crate_build, peak_alloc, process_bench};

/// Issue 16's bar: the whole `gen`, all outputs written, at most this many bare pulldown-cmark
/// passes (an earlier issue's was 50).
pub const MAX_GEN_RATIO: f64 = 20.0;

const USAGE: &str = "usage: cargo xtask bench [--iterations N] [--spec DIR] [--smoke]
       cargo xtask bench --crate-build [--iterations N] [--crate GENERATED_CRATE_DIR]
       cargo xtask bench --scaling [--smoke]
Outputs are written below $XTASK_BENCH_OUT, else /dev/shm when present, else the temp dir.";

/// One stage's figures in one iteration.
#[derive(Debug, Clone, Copy)]
struct Sample {
    time: Duration,
    /// The most bytes live at once during the stage, above what was live when it started (0 when
    /// memory was not being counted).
    peak: usize,
}

/// The rows of the table, in pipeline order.
const STAGES: [&str; 11] = [
    "bare pulldown-cmark pass",
    "read (fs)",
    "row pre-pass + pulldown-cmark (parse_page)",
    "IR (constraints, overrides, example checks, IR JSON)",
    "Rust tokens",
    "prettyplease (syn parse + unparse)",
    "OpenAPI",
    "write (all files, empty dir)",
    "whole `gen` + write (parse on all cores)",
    "whole `gen` + write again, nothing changed (pages read and files rendered before reused)",
    "whole `gen` + write again after one page is edited (a paragraph added below its title)",
];
const BARE: usize = 0;
const FIRST_STAGE: usize = 1;
const PARSE: usize = 2;
const IR: usize = 3;
const TOKENS: usize = 4;
const PRETTY: usize = 5;
const OPENAPI: usize = 6;
const LAST_STAGE: usize = 7;
const WHOLE: usize = 8;
const WARM: usize = 9;
const EDITED: usize = 10;

pub fn run(args: &[String]) -> ExitCode {
    let mut iterations = 5;
    let mut spec_dir = None;
    let mut crate_build = false;
    let mut existing_crate = None;
    let mut scaling = None;
    let mut smoke = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--crate-build" => crate_build = true,
            "--crate" => match iter.next() {
                Some(dir) => existing_crate = Some(PathBuf::from(dir)),
                None => return usage("`--crate` needs a generated crate's dir"),
            },
            "--scaling" => scaling = Some(false),
            "--smoke" if scaling.is_some() => scaling = Some(true),
            "--smoke" => smoke = true,
            "--iterations" => match iter.next().and_then(|n| n.parse::<usize>().ok()).filter(|&n| n > 0) {
                Some(n) => iterations = n,
                None => return usage("`--iterations` needs a positive number"),
            },
            "--spec" => match iter.next() {
                Some(dir) => spec_dir = Some(PathBuf::from(dir)),
                None => return usage("`--spec` needs a dir"),
            },
            other => return usage(&format!("unexpected argument `{other}`")),
        }
    }
    let root = workspace_root();
    let spec_dir = match spec_dir {
        Some(dir) if dir.is_dir() => dir,
        Some(dir) => return usage(&format!("{} is not a dir", dir.display())),
        // The repo's own spec dir: the whole ECS reference.
        None => root.join("spec"),
    };
    if crate_build {
        return crate_build::run(&spec_dir, existing_crate.as_deref(), iterations);
    }
    if let Some(smoke) = scaling {
        // The smoke run only shows that the check runs and counts work; it may run unoptimized.
        if !smoke && cfg!(debug_assertions) && std::env::var_os("XTASK_BENCH_DEBUG").is_none() {
            return rerun_in_release(args, &root);
        }
        return crate::scaling::run(smoke);
    }
    if smoke {
        // CI's smoke run: one iteration, any build; the checks that do not time run, the bar is
        // printed, not enforced (a debug build on a shared machine says nothing about speed).
        return stage_bench(&spec_dir, 1, true);
    }
    if cfg!(debug_assertions) && std::env::var_os("XTASK_BENCH_DEBUG").is_none() {
        return rerun_in_release(args, &root);
    }
    // Whole processes first: a child's peak RSS counts this process's own peak at the time it is
    // spawned (Linux carries the high-water mark across `exec`), which is small before the stages run.
    let whole_process = match process_bench::run(&root, &bench_out_dir().join("process"), iterations) {
        Ok(result) => result != Some(false),
        Err(e) => {
            eprintln!("error: {e}");
            false
        }
    };
    let in_process = stage_bench(&spec_dir, iterations, false);
    if whole_process {
        in_process
    } else {
        ExitCode::FAILURE
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}\n{USAGE}");
    ExitCode::from(2)
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace").to_owned()
}

/// Timings of an unoptimized build say nothing: run the same command from a release build.
fn rerun_in_release(args: &[String], root: &Path) -> ExitCode {
    eprintln!("bench: rerunning in release mode (set XTASK_BENCH_DEBUG=1 to time the debug build)");
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["run", "--release", "--quiet", "--package", "xtask", "--", "bench"])
        .args(args)
        .current_dir(root)
        .status();
    match status {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: cannot run cargo: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs `f`, timing it and recording its peak memory above what was live before.
fn measure<R>(f: impl FnOnce() -> R) -> (R, Sample) {
    let before = peak_alloc::live();
    peak_alloc::reset_peak();
    let started = Instant::now();
    let result = black_box(f());
    let time = started.elapsed();
    let peak = usize::try_from(peak_alloc::peak().wrapping_sub(before)).unwrap_or(0);
    (result, Sample { time, peak })
}

/// The pages of the spec dir as read from disk, with their product.
struct Pages {
    products: Vec<spec::ProductDir>,
    /// Per product, per page: the bytes.
    bytes: Vec<Vec<Vec<u8>>>,
}

fn read_pages(spec_dir: &Path) -> std::io::Result<Pages> {
    let products = spec::product_dirs(spec_dir)?;
    let bytes = products
        .iter()
        .map(|p| p.pages.iter().map(std::fs::read).collect::<std::io::Result<Vec<_>>>())
        .collect::<std::io::Result<Vec<_>>>()?;
    Ok(Pages { products, bytes })
}

/// Every stage once, on one thread, feeding each stage the previous one's output; returns the files
/// written so the caller can check them against `gen::generate`.
fn one_iteration(
    spec_dir: &Path,
    out: &Path,
    samples: &mut [Vec<Sample>],
) -> std::io::Result<Vec<OutputFile>> {
    let (pages, sample) = measure(|| read_pages(spec_dir));
    let pages = pages?;
    samples[FIRST_STAGE].push(sample);

    let texts: Vec<&str> =
        pages.bytes.iter().flatten().map(|b| std::str::from_utf8(b).unwrap_or_default()).collect();
    let ((), sample) = measure(|| {
        for text in &texts {
            let events = pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::all());
            for event in events {
                black_box(event);
            }
        }
    });
    samples[BARE].push(sample);

    let (parsed, sample) = measure(|| {
        pages
            .products
            .iter()
            .zip(&pages.bytes)
            .map(|(product, bytes)| {
                product
                    .pages
                    .iter()
                    .zip(bytes)
                    .map(|(page, bytes)| parse::parse_page(&page.display().to_string(), bytes))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    });
    samples[PARSE].push(sample);

    let ((products, ir_files), sample) = measure(|| {
        let mut diagnostics = Vec::new();
        let overrides = Overrides::load(spec_dir).unwrap_or_default();
        let findings = codegen::example_findings::ExampleFindings::load(spec_dir).unwrap_or_default();
        let products: Vec<Product> = pages
            .products
            .iter()
            .zip(parsed)
            .map(|(dir, parsed)| {
                let mut claims: Vec<meta::PageClaims> = dir
                    .pages
                    .iter()
                    .zip(&parsed)
                    .map(|(path, page)| meta::PageClaims { path: path.clone(), claims: page.claims.clone() })
                    .collect();
                claims.extend(meta::guide_claims(dir, &mut diagnostics));
                let meta = meta::product_meta(spec_dir, dir, &claims, &mut diagnostics);
                let constrained = dir
                    .pages
                    .iter()
                    .zip(parsed)
                    .map(|(page, parsed)| gen::constrain_page(spec_dir, page, parsed, &overrides));
                let mut apis = gen::unique_apis(constrained, &mut diagnostics);
                findings.apply(&dir.name, &mut apis);
                Product { name: dir.name.clone(), meta, apis }
            })
            .collect();
        let ir_files = gen::ir_files(&products);
        (products, ir_files)
    });
    samples[IR].push(sample);

    let staged_out = out.join("staged");
    let runtime = RuntimeDependency::for_output_dir(&staged_out);
    let (crates, sample) = measure(|| {
        products
            .iter()
            .map(|p| (p.name.clone(), emit::rust::emit_crate_tokens(p, &runtime)))
            .collect::<Vec<_>>()
    });
    samples[TOKENS].push(sample);

    let (rendered, sample) = measure(|| {
        crates
            .into_iter()
            .flat_map(|(dir, CrateTokens { rust, text })| {
                let in_dir = move |f: OutputFile| OutputFile::new(Path::new(&dir).join(f.path), f.contents);
                rust.into_iter()
                    .map(|(path, tokens)| OutputFile::new(path, emit::rust::render(tokens)))
                    .chain(text)
                    .map(in_dir)
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    });
    samples[PRETTY].push(sample);

    let (openapi, sample) = measure(|| {
        products
            .iter()
            .map(|p| {
                let file = emit::openapi::output_file(std::slice::from_ref(p));
                OutputFile::new(Path::new(&p.name).join(file.path), file.contents)
            })
            .collect::<Vec<_>>()
    });
    samples[OPENAPI].push(sample);

    let mut files: Vec<OutputFile> = rendered.into_iter().chain(ir_files).chain(openapi).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let (report, sample) = measure(|| write::write_files(&staged_out, &files));
    report?;
    samples[LAST_STAGE].push(sample);

    // The whole runs read a copy of the spec dir, so that one of them can edit a page.
    let copy = out.join("spec");
    copy_dir(spec_dir, &copy)?;
    let whole_out = out.join("whole");
    let records = out.join("records");
    let gen_and_write = || -> std::io::Result<(usize, usize)> {
        let record = Record::load(&records, &whole_out, "bench".to_owned());
        let runtime = RuntimeDependency::for_output_dir(&whole_out);
        let generation = gen::generate_reusing(&copy, &runtime, Reuse::from(&record))?;
        // As `cargo xtask gen` writes: what the record took from the output dir is not read again.
        let written =
            write::write_files_known(&whole_out, &generation.files, &record.reused_files())?.written.len();
        record.save()?;
        Ok((written, record.reused()))
    };
    let (whole, sample) = measure(gen_and_write);
    whole?;
    samples[WHOLE].push(sample);
    // Again with nothing changed: nothing written, files reused; then after one page is edited:
    // some written, the rest reused.
    let (again, sample) = measure(gen_and_write);
    samples[WARM].push(reusing_run(again?, |written| written == 0, "again over an unchanged spec", sample)?);
    edit_one_page(&copy)?;
    let (edited, sample) = measure(gen_and_write);
    samples[EDITED].push(reusing_run(edited?, |written| written > 0, "after editing one page", sample)?);
    Ok(files)
}

/// The sample of a `gen` run that reused files, when it wrote what `expected` allows.
fn reusing_run(
    (written, reused): (usize, usize),
    expected: impl Fn(usize) -> bool,
    what: &str,
    sample: Sample,
) -> std::io::Result<Sample> {
    if expected(written) && reused > 0 {
        Ok(sample)
    } else {
        Err(std::io::Error::other(format!("gen {what} wrote {written} files and reused {reused}")))
    }
}

/// `from` copied into `to`, folders and files.
fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Adds a paragraph below the title of the first page of the first product in `spec`: what a doc
/// update to one page looks like to `gen`.
fn edit_one_page(spec: &Path) -> std::io::Result<()> {
    let products = spec::product_dirs(spec)?;
    let page =
        products.first().and_then(|p| p.pages.first()).ok_or_else(|| std::io::Error::other("no page"))?;
    let text = std::fs::read_to_string(page)?;
    let title_end = text.find('\n').unwrap_or(text.len());
    let edited = format!("{}\n\nEdited by the bench.\n{}", &text[..title_end], &text[title_end..]);
    std::fs::write(page, edited)
}

fn stage_bench(spec_dir: &Path, iterations: usize, smoke: bool) -> ExitCode {
    let out = bench_out_dir();
    println!("output dir: {}", out.display());
    let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); STAGES.len()];
    let mut staged_files = Vec::new();
    let mut peaks = Vec::new();
    for i in 0..=iterations {
        // Iteration 0 warms the page cache and the allocator and measures memory; the others, time.
        peak_alloc::set_counting(i == 0);
        let mut these = vec![Vec::new(); STAGES.len()];
        match one_iteration(spec_dir, &out.join(i.to_string()), &mut these) {
            Ok(files) => staged_files = files,
            Err(e) => {
                eprintln!("error: {e}");
                let _ = std::fs::remove_dir_all(&out);
                return ExitCode::FAILURE;
            }
        }
        let _ = std::fs::remove_dir_all(out.join(i.to_string()));
        if i == 0 {
            peaks = these.iter().map(|s| s[0].peak).collect();
        } else {
            for (all, new) in samples.iter_mut().zip(these) {
                all.extend(new);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    let same = gen::generate(spec_dir, &RuntimeDependency::for_output_dir(&out.join("0").join("staged")))
        .is_ok_and(|g| g.files == staged_files);
    if !same {
        eprintln!("error: the staged pipeline's files differ from `gen::generate`'s; the stages measure something else");
        return ExitCode::FAILURE;
    }
    let pages: usize = spec::product_dirs(spec_dir).map_or(0, |p| p.iter().map(|p| p.pages.len()).sum());
    let bytes: u64 = spec::product_dirs(spec_dir).map_or(0, |p| {
        p.iter().flat_map(|p| &p.pages).filter_map(|p| p.metadata().ok()).map(|m| m.len()).sum()
    });
    let output_bytes: usize = staged_files.iter().map(|f| f.contents.len()).sum();
    println!(
        "corpus: {} ({pages} pages, {:.1} MiB); output: {} files, {:.1} MiB; {iterations} iterations, median; {} threads\n",
        spec_dir.display(),
        mib(bytes as usize),
        staged_files.len(),
        mib(output_bytes),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );
    let medians: Vec<Sample> =
        samples.iter().zip(peaks).map(|(s, peak)| Sample { time: median(s), peak }).collect();
    let bare = medians[BARE].time.as_secs_f64();
    println!("| stage | median ms | × pulldown-cmark | peak MiB |");
    println!("|---|---:|---:|---:|");
    for (name, m) in STAGES.iter().zip(&medians) {
        println!(
            "| {name} | {:.1} | {:.1} | {:.1} |",
            m.time.as_secs_f64() * 1e3,
            m.time.as_secs_f64() / bare,
            mib(m.peak)
        );
    }
    let staged: f64 = medians[FIRST_STAGE..=LAST_STAGE].iter().map(|m| m.time.as_secs_f64()).sum();
    println!("| sum of the stages (one thread) | {:.1} | {:.1} | |", staged * 1e3, staged / bare);
    let (dominant, dominant_sample) = STAGES[FIRST_STAGE..=LAST_STAGE]
        .iter()
        .zip(&medians[FIRST_STAGE..=LAST_STAGE])
        .max_by_key(|(_, m)| m.time)
        .expect("there are stages");
    println!(
        "\ndominant stage: {dominant} ({:.0}% of the staged time)",
        100.0 * dominant_sample.time.as_secs_f64() / staged
    );
    let ratio = medians[WHOLE].time.as_secs_f64() / bare;
    println!(
        "whole gen again, nothing changed: {:.1}× the bare pass (what the first run read and rendered reused); \
         after editing one page: {:.1}×",
        medians[WARM].time.as_secs_f64() / bare,
        medians[EDITED].time.as_secs_f64() / bare
    );
    let timed = samples.iter().all(|s| s.len() == iterations) && staged_files.len() > pages;
    if !timed {
        eprintln!("error: a stage has no sample, or gen wrote fewer files than pages");
        return ExitCode::FAILURE;
    }
    if smoke {
        println!("whole gen: {ratio:.1}× the bare pulldown-cmark pass (bar: ≤ {MAX_GEN_RATIO}×, not enforced in a smoke run)");
        println!(
            "bench smoke run: {} stages timed over {pages} pages, {} files",
            STAGES.len(),
            staged_files.len()
        );
        return ExitCode::SUCCESS;
    }
    let in_process = ratio <= MAX_GEN_RATIO;
    println!(
        "whole gen: {ratio:.1}× the bare pulldown-cmark pass (bar: ≤ {MAX_GEN_RATIO}×): {}",
        if in_process { "ok" } else { "OVER" }
    );
    if in_process {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Where outputs go: a RAM file system when there is one, so the write stage times our code and the
/// page cache rather than the disk traffic of whatever else runs on the machine; else the temp dir.
fn bench_out_dir() -> PathBuf {
    let base = match std::env::var_os("XTASK_BENCH_OUT") {
        Some(dir) => PathBuf::from(dir),
        None if Path::new("/dev/shm").is_dir() => PathBuf::from("/dev/shm"),
        None => std::env::temp_dir(),
    };
    base.join(format!("xtask-bench-{}", std::process::id()))
}

/// The median time of a stage's samples.
fn median(samples: &[Sample]) -> Duration {
    let mut times: Vec<Duration> = samples.iter().map(|s| s.time).collect();
    times.sort();
    times[times.len() / 2]
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
