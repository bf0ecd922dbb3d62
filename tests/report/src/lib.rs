//! What the test suites tell `cargo xtask test` beyond pass or fail: tests that skipped (and why),
//! and the counts of what a test checked (examples validated, operations called, pages read).
//!
//! Each is one line appended to a file under `target/test-report/`, which `cargo xtask test` clears
//! before the test steps and prints in its summary, so a skip is never mistaken for a pass and a
//! count that fell is seen. The minimum counts themselves are asserted in the tests.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder the reports go to: `TEST_REPORT_DIR` when set (`cargo xtask test` sets it for every
/// step; generated crates' doc-example tests write there too), else `target/test-report/` of this
/// workspace, wherever `CARGO_TARGET_DIR` points.
pub fn report_dir() -> PathBuf {
    match std::env::var_os("TEST_REPORT_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-report"),
    }
}

/// The file listing skipped tests, one `test<TAB>reason` a line.
pub const SKIPS: &str = "skipped.tsv";

/// The file listing counts, one `what<TAB>count` a line.
pub const COUNTS: &str = "counts.tsv";

fn append(file: &str, line: &str) {
    let dir = report_dir();
    let _ = std::fs::create_dir_all(&dir);
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(dir.join(file)) {
        let _ = writeln!(f, "{line}");
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// Records that the tests checked `count` of `what` (`"ECS sample requests round-tripped"`), and
/// returns `count`.
pub fn count(what: &str, count: usize) -> usize {
    append(COUNTS, &format!("{}\t{count}", one_line(what)));
    count
}

/// The running test, as the test harness names its thread (`module::test_name`), after the test
/// binary's name.
pub fn current_test() -> String {
    let binary = std::env::args()
        .next()
        .and_then(|a| Path::new(&a).file_name().map(|n| n.to_string_lossy().into_owned()))
        .map(|n| n.rsplit_once('-').map_or(n.clone(), |(name, _hash)| name.to_owned()))
        .unwrap_or_default();
    let thread = std::thread::current().name().unwrap_or("main").to_owned();
    format!("{binary}::{thread}")
}

/// Records that the running test did not run, and why; prints the same to stderr.
pub fn skip(reason: &str) {
    let test = current_test();
    eprintln!("SKIPPED {test}: {reason}");
    append(SKIPS, &format!("{}\t{}", one_line(&test), one_line(reason)));
}

/// `../shared` beside the workspace, or `None` after recording the running test as skipped when
/// it is missing. Under `CI=true` a missing `../shared` is a failure, never a skip.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.join("corpus").is_dir() {
        return Some(dir.canonicalize().unwrap_or(dir));
    }
    assert_ne!(
        std::env::var("CI").as_deref(),
        Ok("true"),
        "{} is missing; CI needs the shared reference data",
        dir.display()
    );
    skip(&format!("{} is missing", dir.display()));
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_running_test_is_named_after_its_thread() {
        assert!(super::current_test().ends_with("::tests::the_running_test_is_named_after_its_thread"));
    }
}
