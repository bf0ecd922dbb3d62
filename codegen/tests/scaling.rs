//! Doubling the input at most doubles the work: every stage (`tables`: parse; IR: parse and
//! constraints; `gen`: the whole pipeline with every output; `diff`) over pages of `n` and `2n`
//! rows or characters of each shape in `codegen::scaling`, work counted as heap allocations (a
//! deterministic count, no timing). Allocations miss loops that allocate nothing; `cargo xtask
//! bench --scaling` times the same stages. And `gen`'s peak memory is a small multiple of what it
//! writes, counted as live heap bytes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;

use codegen::constraints::overrides::Overrides;
use codegen::emit::rust::RuntimeDependency;
use codegen::ir::Api;
use codegen::scaling::{Shape, PRODUCT_TOML, SHAPES};
use codegen::{diff, gen, parse};

/// The system allocator, counting allocations, bytes allocated, and live bytes with their peak,
/// over every thread.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);
static LIVE: AtomicI64 = AtomicI64::new(0);
static PEAK: AtomicI64 = AtomicI64::new(0);

/// The tests measure one at a time: the counters are global.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn grew(by: i64) {
    let live = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        grew(layout.size() as i64);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as i64, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size as u64, Ordering::Relaxed);
        grew(new_size as i64 - layout.size() as i64);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// The most live heap bytes while `f` runs, above what was live before.
fn peak<R>(f: impl FnOnce() -> R) -> (u64, R) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let result = std::hint::black_box(f());
    ((PEAK.load(Ordering::Relaxed) - before).max(0) as u64, result)
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations and bytes allocated while `f` runs.
fn work<R>(f: impl FnOnce() -> R) -> ((u64, u64), R) {
    let (count, bytes) = (ALLOCATIONS.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
    let result = std::hint::black_box(f());
    ((ALLOCATIONS.load(Ordering::Relaxed) - count, BYTES.load(Ordering::Relaxed) - bytes), result)
}

/// The most that doubling the input may multiply the work by.
const MAX_RATIO: f64 = 2.5;

fn constrained(shape: &Shape, n: usize, edited: bool) -> Api {
    let page = (shape.page)(n, edited);
    let parsed = parse::parse_page("p.md", page.as_bytes());
    let (api, _) = gen::constrain_page(Path::new("."), Path::new("p.md"), parsed, &Overrides::default());
    api.expect("the page is an API page")
}

fn spec_dir(shape: &Shape, n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "scaling-{}-{n}-{}",
        shape.name.replace([' ', ',', '(', ')', '+'], "_"),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("scale")).unwrap();
    std::fs::write(dir.join("scale/product.toml"), PRODUCT_TOML).unwrap();
    std::fs::write(dir.join("scale/Scale.md"), (shape.page)(n, false)).unwrap();
    dir
}

/// The work of each stage on pages of `n` units of `shape`.
fn stages(shape: &Shape, n: usize, gen_n: usize) -> Vec<(&'static str, (u64, u64))> {
    let page = (shape.page)(n, false);
    let (tables, parsed) = work(|| parse::parse_page("p.md", page.as_bytes()));
    assert!(parsed.api.is_some(), "{}: {:?}", shape.name, parsed.diagnostics);
    let (ir, _) = work(|| constrained(shape, n, false));
    let (old, new) = (constrained(shape, n, false), constrained(shape, n, true));
    let (diff, changes) = work(|| diff::diff_apis(std::slice::from_ref(&old), std::slice::from_ref(&new)));
    assert!(
        !changes.changes.is_empty() || !changes.wording.is_empty(),
        "{}: the edit changes nothing",
        shape.name
    );
    let spec = spec_dir(shape, gen_n);
    let runtime = RuntimeDependency::for_output_dir(&spec.join("out"));
    let (gen, generation) = work(|| gen::generate(&spec, &runtime).expect("the spec dir reads"));
    assert!(!generation.has_errors(), "{}: {:#?}", shape.name, generation.diagnostics);
    let _ = std::fs::remove_dir_all(&spec);
    vec![("tables", tables), ("IR", ir), ("diff", diff), ("gen", gen)]
}

#[test]
fn doubling_any_page_at_most_doubles_the_work_of_every_stage() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (n, gen_n) = (500, 60);
    let mut report = Vec::new();
    let mut checked = 0;
    for shape in SHAPES {
        // Warm-up: regexes compiled and caches filled on first use are not work that grows.
        stages(shape, 10, 5);
        let single = stages(shape, n, gen_n);
        let double = stages(shape, 2 * n, 2 * gen_n);
        for ((stage, (c1, b1)), (_, (c2, b2))) in single.iter().zip(&double) {
            let (count_ratio, bytes_ratio) = (*c2 as f64 / *c1 as f64, *b2 as f64 / *b1 as f64);
            report.push(format!(
                "{:<36} {stage:<6} allocations ×{count_ratio:.2}, bytes ×{bytes_ratio:.2} ({c1} → {c2})",
                shape.name
            ));
            checked += 1;
        }
    }
    eprintln!("{}", report.join("\n"));
    let over: Vec<&String> = report
        .iter()
        .filter(|line| {
            line.split('×')
                .skip(1)
                .any(|r| r.split([',', ' ']).next().and_then(|r| r.parse::<f64>().ok()) > Some(MAX_RATIO))
        })
        .collect();
    assert!(over.is_empty(), "work grows faster than the input (bar ×{MAX_RATIO}):\n{over:#?}");
    assert_eq!(test_report::count("stages × page shapes checked for linear work", checked), SHAPES.len() * 4);
}

/// `gen`'s peak heap, above what was live before, in bytes of what it writes (all files).
const MAX_PEAK_PER_OUTPUT_BYTE: f64 = 10.0;

#[test]
fn gen_peaks_at_a_small_multiple_of_its_output_on_every_page_shape() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let n = 800;
    let mut report = Vec::new();
    for shape in SHAPES {
        let spec = spec_dir(shape, n);
        let runtime = RuntimeDependency::for_output_dir(&spec.join("out"));
        // Warm-up: regexes and caches filled on first use are not memory the page holds.
        stages(shape, 10, 5);
        let (peak, generation) = peak(|| gen::generate(&spec, &runtime).expect("the spec dir reads"));
        let _ = std::fs::remove_dir_all(&spec);
        assert!(!generation.has_errors(), "{}: {:#?}", shape.name, generation.diagnostics);
        let output: usize = generation.files.iter().map(|f| f.contents.len()).sum();
        let ratio = peak as f64 / output as f64;
        report.push((shape.name, peak, output, ratio));
    }
    let lines: Vec<String> = report
        .iter()
        .map(|(name, peak, output, ratio)| {
            format!(
                "{name:<36} peak {:.1} MiB, output {:.1} MiB: ×{ratio:.1}",
                mib(*peak),
                mib(*output as u64)
            )
        })
        .collect();
    eprintln!("{}", lines.join("\n"));
    let over: Vec<&String> =
        lines.iter().zip(&report).filter(|(_, r)| r.3 > MAX_PEAK_PER_OUTPUT_BYTE).map(|(l, _)| l).collect();
    assert!(over.is_empty(), "gen holds more than ×{MAX_PEAK_PER_OUTPUT_BYTE} its output:\n{over:#?}");
    assert_eq!(
        test_report::count("page shapes with gen's peak memory bounded by its output", report.len()),
        SHAPES.len()
    );
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
