//! `codegen/runtime/Cargo.fragment.toml` (spliced into the generated crate) matches what this crate builds with.

use std::path::PathBuf;

fn read_toml(path: PathBuf) -> toml::Table {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    text.parse().unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

#[test]
fn fragment_lists_exactly_the_dependencies_and_features_used_here() {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fragment = read_toml(here.join("../runtime/Cargo.fragment.toml"));
    let manifest = read_toml(here.join("Cargo.toml"));
    assert_eq!(
        fragment.keys().collect::<Vec<_>>(),
        ["dependencies", "features"],
        "the fragment holds only [dependencies] and [features]"
    );
    // serde and serde_json come from the generated crate's own dependency lines.
    let mut runtime_dependencies = manifest["dependencies"].as_table().expect("[dependencies]").clone();
    for shared in ["serde", "serde_json"] {
        assert!(runtime_dependencies.remove(shared).is_some(), "{shared}");
    }
    assert_eq!(fragment["dependencies"].as_table(), Some(&runtime_dependencies));
    let features = manifest["features"].as_table().expect("[features]");
    assert_eq!(fragment["features"]["client"], features["client"]);
    assert_eq!(
        fragment["features"].as_table().map(|table| table.len()),
        Some(1),
        "the fragment defines only `client`"
    );
}
