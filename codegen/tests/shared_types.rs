//! The whole-corpus crate defines each value enum once: identical ones (and identical request groups,
//! response objects, and the response that holds only the request id) live in the product's
//! `shared.rs`, each gated on exactly the features of the API modules that re-export it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use codegen::emit::rust::RuntimeDependency;

use codegen::gen;

/// `(name, definition)` of every value enum (the ones with an `Unknown(UnknownValue<Self>)` fallback):
/// the enum and its `value_enum!` table of values, lines trimmed, doc lines left out.
fn value_enums(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.starts_with("///")).collect();
    let mut out = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(name) = line.strip_prefix("pub enum ").and_then(|n| n.strip_suffix(" {")) else {
            continue;
        };
        let rest = &lines[start..];
        let end = rest.iter().position(|l| *l == "}").expect("an enum closes");
        if !rest[..end].contains(&"Unknown(UnknownValue<Self>),") {
            continue;
        }
        let values = rest
            .iter()
            .position(|l| l.starts_with("crate::runtime::value_enum!("))
            .expect("a value enum lists its values");
        let end = values + rest[values..].iter().position(|l| l.ends_with(");")).expect("the list closes");
        out.push((name.to_owned(), rest[..=end].join("\n")));
    }
    out
}

/// The `#[cfg(any(feature = "a", …))]` features gating each module of `shared.rs`, by module name
/// (the attribute may span lines).
fn shared_gates(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut gates = BTreeMap::new();
    let mut gate: Option<String> = None;
    for line in text.lines() {
        if line.starts_with("#[cfg(") {
            gate = Some(String::new());
        }
        if let Some(name) = line.strip_prefix("pub mod ") {
            let features = gate.take().expect("every shared module is gated");
            let features =
                features.split("feature = \"").skip(1).filter_map(|f| f.split('"').next()).map(String::from);
            gates.insert(name.trim_end_matches(" {").to_owned(), features.collect());
        } else if let Some(gate) = &mut gate {
            gate.push_str(line);
        }
    }
    gates
}

#[test]
fn identical_value_enums_are_defined_once_and_gated_on_their_users() {
    let Some(shared) = common::shared_dir() else { return };
    let generated =
        gen::generate(&shared.join("corpus/ecs"), &RuntimeDependency::for_output_dir(Path::new("out")))
            .expect("the corpus reads");
    assert!(!generated.has_errors(), "{:#?}", generated.diagnostics);

    let mut definitions: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let mut shared_file = None;
    let mut reexports = Vec::new();
    let mut request_id_aliases = 0;
    for file in &generated.files {
        let path = file.path.to_string_lossy().into_owned();
        if !path.starts_with("ecs/src/") || !path.ends_with(".rs") {
            continue;
        }
        for definition in value_enums(&file.contents) {
            definitions.entry(definition).or_default().push(path.clone());
        }
        if path.ends_with("/shared.rs") {
            shared_file = Some(file.contents.clone());
        }
        let module = path.rsplit('/').next().unwrap().trim_end_matches(".rs").to_owned();
        if file.contents.contains("Response = RequestIdResponse;\n") {
            request_id_aliases += 1;
        }
        let own_structs = if path.ends_with("/shared.rs") { "" } else { file.contents.as_str() };
        for body in own_structs.split("Response {\n").skip(1) {
            let body = body.split("\n}\n").next().unwrap();
            let fields: Vec<&str> = body.lines().filter(|l| l.starts_with("    pub ")).collect();
            assert_ne!(
                fields,
                ["    pub request_id: Option<String>,"],
                "{path} defines a request-id response again"
            );
        }
        for line in file.contents.lines() {
            if let Some(used) = line.strip_prefix("pub use crate::shared::") {
                let name = used.split("::").next().unwrap().to_owned();
                reexports.push((module.clone(), name));
            }
        }
    }
    let repeated: Vec<_> = definitions.iter().filter(|(_, files)| files.len() > 1).collect();
    assert!(repeated.is_empty(), "value enums defined more than once: {repeated:#?}");

    let count = "ECS responses that hold only the request id, each an alias of the one shared struct";
    assert!(test_report::count(count, request_id_aliases) > 50);
    let shared_file = shared_file.expect("the corpus has enums several APIs share");
    let gates = shared_gates(&shared_file);
    assert!(test_report::count("ECS shared types checked for their feature gates", gates.len()) > 20);
    let mut users: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (module, name) in &reexports {
        let gate =
            gates.get(name).unwrap_or_else(|| panic!("{module} re-exports from {name}, not in shared.rs"));
        assert!(gate.contains(module), "{name} is not compiled with feature {module}, which uses it");
        users.entry(name).or_default().insert(module.clone());
    }
    for (name, gate) in &gates {
        assert_eq!(users.get(name.as_str()), Some(gate), "{name}'s gate is not exactly its users");
        assert!(gate.len() >= 2, "{name} is shared by fewer than two APIs");
    }
}
