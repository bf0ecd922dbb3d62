//! The diff's semver verdicts held to the compiler: each RunInstances history version is generated
//! into a crate of its own (one `gen` run, one product per version), each crate gets a usage file
//! written from its own source (`support::usage`: every public field, setter, constructor and
//! variant, each line naming the documented item it touches) and the usage file of the version
//! before it; one `cargo check` of them all gives the lines that do not compile. For every
//! consecutive pair, every item of the old version's usage that breaks against the new crate is
//! explained by a change `cargo xtask diff` flags as breaking for semver, and every such change
//! explains an item that breaks.

mod common;
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::diff::diff_apis;
use codegen::ir::Api;
use support::usage::Key;

/// The API module every version's crate has.
const MODULE: &str = "run_instances";

/// Disagreements between the compiler and the diff, each reviewed: (new version's file-name
/// prefix, a part of the item or change).
///
/// A documented value respelled only in case (`cloud` → `Cloud`, and back in 2019-05) is an
/// `enum-value-removed` (breaking for semver) and an `enum-value-added` to the diff, which compares
/// values as written; the crate's variant is `Cloud` either way, so code still compiles. The diff
/// over-flags here (never the other way round): its semver verdict on values should compare the
/// generated variant names.
const KNOWN_DISAGREEMENTS: &[(&str, &str)] = &[
    ("02_", "enum-value-removed SystemDisk.Category"),
    ("02_", "enum-value-removed DataDisk.n.Category"),
    ("15_", "enum-value-removed SystemDisk.Category"),
    ("15_", "enum-value-removed DataDisk.N.Category"),
];

fn product(i: usize) -> String {
    format!("rv{:02}", i + 1)
}

/// Per `(package, target)`: the lines of the target's source with a compile error (primary spans).
fn error_lines(stdout: &str) -> BTreeMap<(String, String), BTreeSet<usize>> {
    let mut out: BTreeMap<(String, String), BTreeSet<usize>> = BTreeMap::new();
    for line in stdout.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let package = message["package_id"].as_str().unwrap_or_default();
        let package = package
            .split(['/', '#', '@', ' '])
            .find(|p| p.starts_with("alibabacloud-rv"))
            .unwrap_or(package)
            .to_owned();
        let target = message["target"]["name"].as_str().unwrap_or_default().to_owned();
        let lines = out.entry((package, target)).or_default();
        for span in message["message"]["spans"].as_array().into_iter().flatten() {
            if span["is_primary"] == true {
                lines.insert(span["line_start"].as_u64().unwrap_or(0) as usize);
            }
        }
    }
    out
}

/// The docs' names, compared: case aside (`DataDisk.n.Size` is `DataDisk.N.Size`).
fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// A response field's Rust name against the docs' dotted path: its last part, snake case aside.
fn same_response_field(rust: &str, path: &str) -> bool {
    let last = path.rsplit('.').next().unwrap_or(path);
    rust.replace('_', "").eq_ignore_ascii_case(last)
}

/// Whether the flagged change `(kind, name, old name)` explains a compile error at an item `key`.
fn explains(change: &(String, String, Option<String>), key: &Key) -> bool {
    let (kind, name, old) = change;
    let named = |w: &str| same(name, w) || old.as_deref().is_some_and(|o| same(o, w));
    let in_group = |g: &str| {
        let prefix = format!("{g}.");
        name.to_ascii_lowercase().starts_with(&prefix.to_ascii_lowercase())
            || old
                .as_deref()
                .is_some_and(|o| o.to_ascii_lowercase().starts_with(&prefix.to_ascii_lowercase()))
    };
    let response = kind.starts_with("response-field");
    match key {
        Key::Param(w) | Key::Value(w, _) => !response && named(w),
        Key::Group(g) => !response && (named(g) || in_group(g)),
        Key::Error(code) => kind.starts_with("error-") && name == code,
        Key::Response(field) => response && same_response_field(field, name),
        Key::Builder(args) => {
            kind.starts_with("param-required-changed")
                || kind.starts_with("param-added")
                || args.iter().any(|a| named(a))
        }
        Key::Struct(members) => {
            members.iter().any(
                |m| {
                    if response {
                        same_response_field(m, name)
                    } else {
                        named(m) || in_group(m)
                    }
                },
            )
        }
    }
}

#[test]
#[ignore = "generates and checks 33 crates with cargo (slow); run with --ignored"]
fn semver_verdicts_agree_with_the_compiler_over_the_run_instances_history() {
    let Some(shared) = common::shared_dir() else { return };
    let pages = common::pages(&shared.join("corpus/history/RunInstances"));
    assert_eq!(pages.len(), 33);
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("semver-oracle");
    let _ = std::fs::remove_dir_all(&work);
    let (spec, out) = (work.join("spec"), work.join("out"));
    for (i, page) in pages.iter().enumerate() {
        let dir = spec.join(product(i));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(page, dir.join("RunInstances.md")).unwrap();
        // The seed's: the 2018 and 2019 pages give no API version either.
        std::fs::copy(support::workspace_root().join("tests/seed/product.toml"), dir.join("product.toml"))
            .unwrap();
    }
    let runtime = codegen::emit::rust::RuntimeDependency::for_output_dir(&out);
    let generation = codegen::gen::generate(&spec, &runtime).expect("the spec dir reads");
    assert!(!generation.has_errors(), "{:#?}", generation.diagnostics);
    codegen::write::write_files(&out, &generation.files).expect("the crates write");

    // Each crate: the usage file of its own version and of the version before it.
    let crates: Vec<PathBuf> = (0..pages.len()).map(|i| out.join(product(i))).collect();
    let usage: Vec<String> = crates.iter().map(|dir| support::usage::usage_file(dir, MODULE)).collect();
    for (i, dir) in crates.iter().enumerate() {
        let krate = format!("alibabacloud_{}", product(i));
        let examples = dir.join("examples");
        std::fs::create_dir_all(&examples).unwrap();
        std::fs::write(examples.join("use_own.rs"), support::usage::file_for(&krate, &usage[i])).unwrap();
        if i > 0 {
            std::fs::write(examples.join("use_previous.rs"), support::usage::file_for(&krate, &usage[i - 1]))
                .unwrap();
        }
    }
    let members: Vec<String> = (0..pages.len()).map(|i| format!("{:?}", product(i))).collect();
    std::fs::write(
        out.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
    )
    .unwrap();

    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("semver-oracle-target");
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "check",
            "--workspace",
            "--examples",
            "--all-features",
            "--keep-going",
            "--message-format=json",
        ])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_NET_OFFLINE", "true")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let errors = error_lines(&stdout);
    let libraries: Vec<&(String, String)> = errors.keys().filter(|(_, t)| !t.starts_with("use_")).collect();
    assert!(
        libraries.is_empty(),
        "generated crates that do not compile: {libraries:?}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let own: Vec<&(String, String)> = errors.keys().filter(|(_, t)| t == "use_own").collect();
    assert!(own.is_empty(), "usage files that do not compile against their own crate: {own:?}");

    // For each pair: the items whose usage lines break, against the changes the diff flags.
    // The IR as gen built the crates from it, which is how `cargo xtask diff` reads a spec folder.
    let irs: Vec<&[Api]> = (0..pages.len())
        .map(|i| {
            let name = product(i);
            let p = generation.products.iter().find(|p| p.name == name).expect("each version is a product");
            assert_eq!(p.apis.len(), 1, "{name}: one API");
            p.apis.as_slice()
        })
        .collect();
    let mut problems = Vec::new();
    let (mut breaking, mut broken_items, mut flagged_changes) = (0, 0, 0);
    let used = std::cell::RefCell::new(BTreeSet::<usize>::new());
    for i in 1..pages.len() {
        let name = pages[i].file_name().unwrap().to_string_lossy().into_owned();
        let diff = diff_apis(irs[i - 1], irs[i]);
        let flagged: Vec<(String, String, Option<String>)> = diff
            .changes
            .iter()
            .filter(|c| c.breaking_semver)
            .map(|c| (c.kind.label(), c.name.clone(), c.old_name.clone()))
            .collect();
        let lines = errors.get(&(format!("alibabacloud-{}", product(i)), "use_previous".to_owned()));
        let source: Vec<&str> = usage[i - 1].lines().collect();
        // file_for puts two lines before the usage code; lines count from 1.
        let keys: BTreeSet<Key> = lines
            .into_iter()
            .flatten()
            .map(|&l| {
                let text = source.get(l.wrapping_sub(3)).copied().unwrap_or_default();
                Key::of_line(text).unwrap_or_else(|| {
                    panic!("{name}: an error at line {l} of the usage file, which names no item: {text:?}")
                })
            })
            .collect();
        if !keys.is_empty() {
            breaking += 1;
        }
        broken_items += keys.len();
        flagged_changes += flagged.len();
        let known = |what: &str| {
            let hit = KNOWN_DISAGREEMENTS
                .iter()
                .position(|(prefix, item)| name.starts_with(prefix) && what.contains(item));
            if let Some(i) = hit {
                used.borrow_mut().insert(i);
            }
            hit.is_some()
        };
        for key in &keys {
            let what = format!("{key:?}");
            if !flagged.iter().any(|c| explains(c, key)) && !known(&what) {
                problems.push(format!(
                    "{name}: the old usage breaks at {what}, which no semver-breaking change explains"
                ));
            }
        }
        for change in &flagged {
            let what = format!("{} {}", change.0, change.1);
            if !keys.iter().any(|k| explains(change, k)) && !known(&what) {
                problems.push(format!(
                    "{name}: the diff flags {what} as breaking for semver; the old usage compiles there"
                ));
            }
        }
    }
    eprintln!("32 pairs: {breaking} break the old usage at {broken_items} items; the diff flags {flagged_changes} changes");
    assert!(problems.is_empty(), "the diff's semver verdicts against the compiler:\n{}", problems.join("\n"));
    let stale: Vec<_> = KNOWN_DISAGREEMENTS
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.borrow().contains(i))
        .map(|(_, d)| d)
        .collect();
    assert!(stale.is_empty(), "known disagreements that no longer happen: {stale:?}");
    assert_eq!(
        test_report::count(
            "RunInstances history pairs: semver verdicts held to the compiler",
            pages.len() - 1
        ),
        32
    );
    test_report::count(
        "RunInstances history: flagged semver-breaking changes each matched to a compile error",
        flagged_changes,
    );
    // Both outcomes occur in the history, so the check can fail either way.
    assert!(
        breaking >= 5 && flagged_changes >= 50,
        "{breaking} pairs break, {flagged_changes} flagged changes"
    );
}
