//! Emitter unit tests that need no IR fixture; crate-level tests live in `codegen/tests/emit_rust.rs`.

/// The generated `Cargo.toml` depends on the runtime crate by the name and version its manifest gives.
#[test]
fn runtime_dependency_names_the_runtime_manifest() {
    let (name, version) = super::crate_files::runtime_package();
    assert_eq!(name, "alibabacloud-runtime");
    let cargo = super::crate_files::cargo_toml(
        "alibabacloud-x",
        "d",
        &[],
        &super::RuntimeDependency { path: "../../codegen/runtime".into() },
    );
    let manifest: toml_edit::DocumentMut = cargo.parse().expect("valid TOML");
    assert_eq!(manifest["dependencies"][&name]["version"].as_str(), Some(version.as_str()));
    assert_eq!(manifest["dependencies"][&name]["path"].as_str(), Some("../../codegen/runtime"));
    assert_eq!(manifest["features"]["client"][0].as_str(), Some("alibabacloud-runtime/client"));
}

/// A crate generated anywhere on disk finds the runtime crate of this source tree.
#[test]
fn runtime_dependency_path_leads_to_the_runtime_crate_from_any_output_dir() {
    let runtime = std::path::Path::new(super::crate_files::RUNTIME_DIR).canonicalize().unwrap();
    for out in [
        std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../generated")),
        std::env::temp_dir().join("nowhere-yet/out"),
    ] {
        let dep = super::RuntimeDependency::for_output_dir(&out);
        let crate_dir = crate::write::absolute(&out).join("product");
        let mut found = std::path::PathBuf::new();
        for part in crate_dir.join(&dep.path).components() {
            match part {
                std::path::Component::ParentDir => {
                    found.pop();
                }
                other => found.push(other),
            }
        }
        assert_eq!(found, runtime, "{}: {}", out.display(), dep.path);
    }
    let repo = super::RuntimeDependency::for_output_dir(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../generated"
    )));
    assert_eq!(repo.path, "../../codegen/runtime", "the committed crates use a relative path");
}

/// Every enforced rule of `spec/` finds its place in the request model: a field for a one-value
/// rule, the struct holding its parameters for a cross-field rule (none is dropped).
#[test]
fn every_enforced_rule_of_the_spec_is_placed() {
    let spec = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"));
    let out = std::env::temp_dir().join("every-rule-placed");
    let generation =
        crate::gen::generate(spec, &super::RuntimeDependency::for_output_dir(&out)).expect("spec reads");
    let mut apis = 0;
    let mut placed = 0;
    for api in generation.products.iter().flat_map(|p| &p.apis) {
        let model = super::request_model::build(api, "Request", &mut super::names::Namer::default());
        assert!(model.unplaced.is_empty(), "{}: {:?}", api.name, model.unplaced);
        apis += 1;
        placed += model
            .structs
            .iter()
            .map(|s| s.cross.len() + s.fields.iter().map(|f| f.checks.len()).sum::<usize>())
            .sum::<usize>();
    }
    assert!(apis >= 200 && placed >= 1_000, "{apis} APIs, {placed} rules placed");
}
