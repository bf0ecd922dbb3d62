//! The seed page (`tests/seed/RunInstances.md`) as `gen` builds it (its own product.toml and
//! overrides.toml): its crate built and tested against the page (truth table, the page's samples,
//! validator properties). The emitted code itself is reviewed in the committed `generated/` crate.

mod support;

use std::path::Path;

/// Writes the seed's output dir, adds `tests/seed/*.rs` as the crate's integration tests, and runs
/// them with cargo: the 122-case truth table, the page's own samples, and the validator properties.
#[test]
#[ignore = "builds the seed crate with cargo (slow); run with --ignored"]
fn seed_crate_passes_the_truth_table_and_the_pages_samples() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("seed-crate").join("out");
    let _ = std::fs::remove_dir_all(&out);
    let generation = support::seed_generation(&out);
    codegen::write::write_files(&out, &generation.files).expect("the seed output writes");
    let seed = support::workspace_root().join("tests/seed");
    let crate_dir = out.join("ecs");
    let mut tests = 0;
    for entry in std::fs::read_dir(&seed).expect("tests/seed lists") {
        let path = entry.expect("dir entry").path();
        let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
        let to = match path.extension().and_then(|e| e.to_str()) {
            Some("rs") => {
                tests += 1;
                crate_dir.join("tests").join(&name)
            }
            Some("md") => crate_dir.join("tests/seed").join(&name),
            _ => continue,
        };
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&path, &to).unwrap();
    }
    assert!(tests >= 3, "tests/seed holds the truth table, the samples and the properties");
    let manifest = crate_dir.join("Cargo.toml");
    let toml = std::fs::read_to_string(&manifest).unwrap();
    let root = support::workspace_root();
    let extra = format!(
        "[dev-dependencies]\nproptest = \"1\"\ncodegen = {{ path = {:?} }}\ntest-report = {{ path = {:?} }}\n",
        root.join("codegen").display().to_string(),
        root.join("tests/report").display().to_string()
    );
    assert!(toml.contains("[dev-dependencies]\n"), "the generated crate has dev-dependencies (serde_json)");
    let mut toml = toml.replacen("[dev-dependencies]\n", &extra, 1);
    toml.push_str("\n[workspace]\n");
    std::fs::write(&manifest, toml).unwrap();
    support::cargo(&crate_dir, &["test", "--all-features"], &[]);
}
