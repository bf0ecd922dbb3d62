//! The pieces the Rust emitter writes without prettyplease are prettyplease's, over all six corpus
//! products: `gen` runs with every such piece also printed by prettyplease and compared.

mod support;

use std::path::Path;

use codegen::diag::Severity;
use codegen::gen;
use codegen::spec;

fn link_pages(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for page in std::fs::read_dir(from).unwrap() {
        let page = page.unwrap().path();
        std::os::unix::fs::symlink(&page, to.join(page.file_name().unwrap())).unwrap();
    }
}

#[test]
fn lines_written_without_prettyplease_are_prettypleases_over_six_products() {
    let Some(shared) = support::shared_dir() else { return };
    let spec = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("direct-printing-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&spec);
    for product in ["ecs", "cdn", "vod", "domain", "ros", "elasticsearch"] {
        link_pages(&shared.join("corpus").join(product), &spec.join(product));
    }
    for product in ["ecs", "elasticsearch"] {
        link_pages(&shared.join("corpus/guides").join(product), &spec.join(product).join(spec::GUIDES_DIR));
    }

    codegen::emit::rust::verify_direct_printing();
    let runtime = codegen::emit::rust::RuntimeDependency::for_output_dir(&spec.join("out"));
    let generation = gen::generate(&spec, &runtime).expect("the spec dir reads");
    let errors: Vec<_> = generation.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(generation.products.len(), 6);

    // Fields, variants, heads, macro calls and tables of six products' crates: tens of thousands.
    let verified = test_report::count(
        "pieces written without prettyplease and compared with its output (six products)",
        codegen::emit::rust::verified_direct_pieces(),
    );
    assert!(verified > 10_000, "only {verified} pieces were written directly");
    let _ = std::fs::remove_dir_all(&spec);
}
