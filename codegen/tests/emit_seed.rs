//! The Rust emitter on the seed page: its module snapshot. (The whole ECS corpus as a crate is
//! `cargo xtask corpus-crate`, a step of `cargo xtask test`.)

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
