//! `gen` over the whole shared ECS corpus: deterministic to the byte, and a second run writes nothing.

mod common;

use codegen::{gen, write};

#[test]
fn gen_twice_is_identical_and_the_second_write_is_a_no_op() {
    let Some(shared) = common::shared_dir() else { return };
    let spec = shared.join("corpus/ecs");
    let out = std::env::temp_dir().join(format!("codegen-gen-corpus-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);

    let runtime = codegen::emit::rust::RuntimeDependency::for_output_dir(&out);
    let first = gen::generate(&spec, &runtime).expect("the corpus reads");
    assert!(!first.has_errors(), "{:#?}", first.diagnostics);
    let files =
        test_report::count("ECS corpus files generated twice, compared byte for byte", first.files.len());
    assert!(files >= 450, "{files} files");
    let written = write::write_files(&out, &first.files).expect("the first write works");
    assert_eq!(written.written.len(), first.files.len() + 1, "an empty dir gets every file and the manifest");

    let second = gen::generate(&spec, &runtime).expect("the corpus reads");
    assert_eq!(second.files.len(), first.files.len());
    for (a, b) in first.files.iter().zip(&second.files) {
        assert_eq!(a.path, b.path);
        assert!(a.contents == b.contents, "{} differs between two runs", a.path.display());
    }
    let report = write::write_files(&out, &second.files).expect("the second write works");
    assert!(report.written.is_empty(), "a no-op gen rewrote {:?}", report.written);
    assert!(report.removed.is_empty(), "a no-op gen removed {:?}", report.removed);
    assert_eq!(report.unchanged, first.files.len() + 1);
    let _ = std::fs::remove_dir_all(&out);
}
