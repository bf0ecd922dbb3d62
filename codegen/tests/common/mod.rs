//! Test helpers: locating `../shared` (skip locally when absent, fail in CI) and parsing pages.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use codegen::parse::{parse_page, ParsedPage};

/// The shared reference data dir, or `None` when it is absent outside CI (the skip is recorded
/// for `cargo xtask test`'s summary; under `CI=true` it fails).
pub fn shared_dir() -> Option<PathBuf> {
    test_report::shared_dir()
}

/// The `*.md` pages of `dir`, sorted by file name.
pub fn pages(dir: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    pages
}

/// Parses a page from disk, named by its path.
pub fn parse_file(path: &Path) -> ParsedPage {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    parse_page(&path.display().to_string(), &bytes)
}

/// The 2019 seed page (a test fixture in `tests/seed/`), named as it was when `spec/` held it.
pub fn seed() -> ParsedPage {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/seed/RunInstances.md");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    parse_page("spec/ecs/RunInstances.md", &bytes)
}

/// Counts every field node of a response tree.
pub fn count_fields(fields: &[codegen::ir::Field]) -> usize {
    use codegen::ir::FieldShape;
    fields
        .iter()
        .map(|f| {
            1 + match &f.shape {
                FieldShape::Struct { fields } | FieldShape::Array { fields, .. } => count_fields(fields),
                FieldShape::Scalar { .. } | FieldShape::ScalarList { .. } => 0,
            }
        })
        .sum()
}
