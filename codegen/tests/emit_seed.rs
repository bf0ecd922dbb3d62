//! The Rust emitter on real pages: the seed's module snapshot, and the whole ECS corpus as a crate.

mod support;

use codegen::emit::rust::emit_crate;

#[test]
fn seed_module_snapshot() {
    let products = support::load_products(&support::workspace_root().join("spec/ecs"), "spec/ecs");
    let files = emit_crate(&products);
    let module = files.iter().find(|f| f.path.to_str() == Some("src/ecs/run_instances.rs")).expect("module");
    insta::assert_snapshot!(module.contents);
    assert_eq!(files, emit_crate(&products), "emitting twice gives the same bytes");
}

/// The whole `../shared/corpus/ecs` as one crate passes clippy (all features, warnings denied) and rustdoc.
#[test]
#[ignore = "builds a 224-API crate (minutes); CI runs it with --ignored"]
fn whole_corpus_crate_passes_clippy_and_rustdoc() {
    let Some(shared) = support::shared_dir() else { return };
    let products = support::load_products(&shared.join("corpus/ecs"), "../shared/corpus/ecs");
    assert_eq!(products.iter().map(|p| p.apis.len()).sum::<usize>(), 224);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-crate");
    support::write_crate(&dir, &emit_crate(&products), &[]);
    support::cargo(&dir, &["clippy", "--all-features", "--all-targets", "--", "-D", "warnings"], &[]);
    support::cargo(&dir, &["doc", "--no-deps", "--all-features"], &[("RUSTDOCFLAGS", "-Dwarnings")]);
}
