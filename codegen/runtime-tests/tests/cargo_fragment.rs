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
    assert_eq!(fragment["dependencies"], manifest["dependencies"]);
    let features = manifest["features"].as_table().expect("[features]");
    assert_eq!(fragment["features"]["client"], features["client"]);
    assert_eq!(
        fragment["features"].as_table().map(|table| table.len()),
        Some(1),
        "the fragment defines only `client`"
    );
}
