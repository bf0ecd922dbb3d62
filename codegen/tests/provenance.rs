//! One line added at the top of a spec page (an API page and a guide) changes no compared IR file:
//! only the doc line numbers move, and they live in `ir/<product>/lines/`, beside the IR.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::emit::rust::RuntimeDependency;
use codegen::gen::generate;

const PAGES: &[&str] =
    &["RunInstances.md", "DescribeInstances.md", "CreateKeyPair.md", "ModifyInstanceAttribute.md"];

/// A spec dir with a few ECS pages, every guide and `product.toml`, copied from `spec/ecs`.
fn spec_copy(dir: &Path) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/ecs");
    let product = dir.join("ecs");
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(product.join("guides")).unwrap();
    for page in PAGES.iter().chain(&["product.toml"]) {
        std::fs::copy(from.join(page), product.join(page)).unwrap();
    }
    for guide in std::fs::read_dir(from.join("guides")).unwrap() {
        let guide = guide.unwrap().path();
        std::fs::copy(&guide, product.join("guides").join(guide.file_name().unwrap())).unwrap();
    }
    dir.to_owned()
}

fn outputs(spec: &Path) -> BTreeMap<PathBuf, String> {
    let generation = generate(spec, &RuntimeDependency { path: "../runtime".into() }).unwrap();
    assert!(!generation.has_errors(), "{:#?}", generation.diagnostics);
    generation.files.into_iter().map(|f| (f.path, f.contents)).collect()
}

fn prepend(path: &Path, line: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, format!("{line}\n{text}")).unwrap();
}

#[test]
fn a_line_added_at_the_top_of_a_page_changes_only_the_lines_beside_the_ir() {
    let dir = std::env::temp_dir().join(format!("codegen-provenance-{}", std::process::id()));
    let spec = spec_copy(&dir);
    let before = outputs(&spec);
    prepend(&spec.join("ecs/RunInstances.md"), "This page was updated.");
    prepend(&spec.join("ecs/guides/Call-methods--Response-results.md"), "");
    prepend(&spec.join("ecs/guides/Getting-started--Response-results.md"), "<!-- moved -->");
    let after = outputs(&spec);
    std::fs::remove_dir_all(&dir).unwrap();

    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    let changed: Vec<&Path> =
        before.iter().filter(|(path, text)| after[*path] != **text).map(|(path, _)| path.as_path()).collect();
    assert_eq!(
        changed,
        [Path::new("ir/ecs/lines/RunInstances.json"), Path::new("ir/ecs/lines/product.json")],
        "only the line sidecars may change"
    );
    let compared = before.keys().filter(|p| p.starts_with("ir") && !p.starts_with("ir/ecs/lines")).count();
    assert!(compared > PAGES.len(), "{compared} IR files compared");

    // The sidecar still tells where each row is: every line moved down by one.
    let lines = |files: &BTreeMap<PathBuf, String>| -> BTreeMap<String, u64> {
        let json: serde_json::Value =
            serde_json::from_str(&files[Path::new("ir/ecs/lines/RunInstances.json")]).unwrap();
        json["lines"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap())).collect()
    };
    let (old, new) = (lines(&before), lines(&after));
    assert!(old.len() >= 100, "{} rows with a line", old.len());
    assert!(old.iter().all(|(pointer, line)| new[pointer] == line + 1));
}

/// The written IR reads back without its lines (they read as 0) and writes out the same bytes:
/// nothing but provenance is left out of it.
#[test]
fn the_written_ir_reads_back_whole() {
    let dir = std::env::temp_dir().join(format!("codegen-provenance-roundtrip-{}", std::process::id()));
    let files = outputs(&spec_copy(&dir));
    std::fs::remove_dir_all(&dir).unwrap();
    let mut checked = 0;
    for (path, text) in
        files.iter().filter(|(p, _)| p.starts_with("ir/ecs") && !p.starts_with("ir/ecs/lines"))
    {
        let again = if path.ends_with("product.json") {
            let meta: codegen::ir::ProductMeta = serde_json::from_str(text).unwrap();
            codegen::ir_json::split(&meta, None).ir
        } else {
            let api: codegen::ir::Api = serde_json::from_str(text).unwrap();
            codegen::ir_json::split(&api, None).ir
        };
        assert_eq!(&again, text, "{}", path.display());
        checked += 1;
    }
    assert!(checked > PAGES.len(), "{checked} IR files read back");
}
