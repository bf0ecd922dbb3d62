//! The Rust emitter on real pages: the seed's module snapshot, and the whole ECS corpus as a crate.

mod support;

use codegen::emit::rust::emit_crate;

#[test]
fn seed_module_snapshot() {
    let products = support::load_products(&support::workspace_root().join("spec/ecs"));
    let files = emit_crate(&products);
    let module = files.iter().find(|f| f.path.to_str() == Some("src/ecs/run_instances.rs")).expect("module");
    insta::assert_snapshot!(module.contents);
    assert_eq!(files, emit_crate(&products), "emitting twice gives the same bytes");
}

/// Writes the seed crate into `generated/` (only changed files) until `cargo xtask gen` does it.
#[test]
#[ignore = "writes generated/; run with --ignored to refresh it"]
fn write_seed_crate_into_generated() {
    let root = support::workspace_root();
    let files = emit_crate(&support::load_products(&root.join("spec/ecs")));
    for f in &files {
        let path = root.join("generated").join(&f.path);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(f.contents.as_str()) {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &f.contents).unwrap();
        }
    }
}

/// The whole `../shared/corpus/ecs` as one crate passes clippy (all features, warnings denied) and rustdoc.
#[test]
#[ignore = "builds a 224-API crate (minutes); CI runs it with --ignored"]
fn whole_corpus_crate_passes_clippy_and_rustdoc() {
    let Some(shared) = support::shared_dir() else { return };
    let products = support::load_products(&shared.join("corpus/ecs"));
    assert_eq!(products.iter().map(|p| p.apis.len()).sum::<usize>(), 224);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-crate");
    support::write_crate(&dir, &emit_crate(&products), &[]);
    support::cargo(&dir, &["clippy", "--all-features", "--all-targets", "--", "-D", "warnings"], &[]);
    support::cargo(&dir, &["doc", "--no-deps", "--all-features"], &[("RUSTDOCFLAGS", "-Dwarnings")]);
}
