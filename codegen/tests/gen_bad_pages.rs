//! `gen` over a spec dir where most pages are bad: each bad page gets its own `file:line` diagnostic,
//! nothing panics, and the good page beside them is generated as if they were not there.

use std::fs;
use std::path::PathBuf;

use codegen::diag::Severity;
use codegen::gen;

const SEED: &str = include_str!("../../tests/seed/RunInstances.md");

fn spec_dir() -> PathBuf {
    let root = std::env::temp_dir().join(format!("codegen-gen-bad-pages-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let product = root.join("ecs");
    fs::create_dir_all(&product).unwrap();
    fs::write(product.join("product.toml"), include_str!("../../tests/seed/product.toml")).unwrap();
    fs::write(product.join("RunInstances.md"), SEED).unwrap();
    fs::write(product.join("Empty.md"), "").unwrap();
    fs::write(product.join("NotUtf8.md"), b"# NotUtf8\n\n|Name|Type|\n|\xff\xfe|String|\n").unwrap();
    fs::write(product.join("NoTables.md"), "# NoTables\n\nJust prose, no reference tables.\n").unwrap();
    fs::write(
        product.join("NoTitle.md"),
        "|Name|Type|Required|Description|\n|---|---|---|---|\n|A|String|Yes|x|\n",
    )
    .unwrap();
    let truncated = "# Truncated\n\n## Request parameters\n\n|Name|Type|Required|Description|\n|----|----|--------|-----------|\n|RegionId|String|Yes| The region. It goes on\n\nand never closes";
    fs::write(product.join("Truncated.md"), truncated).unwrap();
    let odd = "# OddNames\n\n## Request parameters\n\n|Name|Type|Required|Description|\n|---|---|---|---|\n|Tag.N.key|String|No|a|\n|Tag.N.Key|String|No|b|\n|type|Blob|No|c|\n|1st|String|No|d|\n|User data is not encrypted.|String|No|e|\n\n## Examples\n\n```\nhttps://ecs.aliyuncs.com/?Action=OddNames\n```\n";
    fs::write(product.join("OddNames.md"), odd).unwrap();
    let no_style = "# NoStyle\n\n## Request parameters\n\n|Name|Type|Required|Description|\n|---|---|---|---|\n|RegionId|String|Yes|r|\n";
    fs::write(product.join("NoStyle.md"), no_style).unwrap();
    root
}

#[test]
fn bad_pages_are_reported_one_by_one_and_the_good_page_is_unaffected() {
    let spec = spec_dir();
    let runtime = codegen::emit::rust::RuntimeDependency::for_output_dir(&spec.join("out"));
    let with_bad = gen::generate(&spec, &runtime).expect("the spec dir reads");
    let on = |page: &str, severity: Severity| {
        with_bad.diagnostics.iter().any(|d| d.file.ends_with(page) && d.severity == severity)
    };
    assert!(on("Empty.md", Severity::Warning), "{:#?}", with_bad.diagnostics);
    assert!(!on("Empty.md", Severity::Error), "an empty page is no API page that could not be read");
    assert!(on("NotUtf8.md", Severity::Error), "a page that cannot be read is an error");
    assert!(on("NoTitle.md", Severity::Note), "a page without a title is skipped with a note");
    assert!(!on("NoTitle.md", Severity::Error));
    assert!(on("NoTables.md", Severity::Note), "a page without tables is skipped with a note");
    assert!(on("Truncated.md", Severity::Warning), "an unclosed row is a warning");
    assert!(on("OddNames.md", Severity::Warning), "case-only twins, odd names, unknown types are warnings");
    assert!(
        on("NoStyle.md", Severity::Error),
        "an operation that is neither clearly RPC nor ROA is an error, not a guess"
    );
    let not_utf8 = with_bad.diagnostics.iter().find(|d| d.file.ends_with("NotUtf8.md")).unwrap();
    assert_eq!(not_utf8.line, 4, "the line of the first invalid byte: {not_utf8}");
    assert!(with_bad.has_errors());

    let apis: Vec<&str> = with_bad.products[0].apis.iter().map(|a| a.name.as_str()).collect();
    assert!(apis.contains(&"RunInstances") && apis.contains(&"OddNames"), "{apis:?}");
    let odd = with_bad.products[0].apis.iter().find(|a| a.name == "OddNames").unwrap();
    assert_eq!(odd.request.len(), 5, "no row is dropped silently");

    // The seed's own output does not depend on its bad neighbours.
    let alone_dir = spec.join("alone");
    fs::create_dir_all(alone_dir.join("ecs")).unwrap();
    fs::write(alone_dir.join("ecs/product.toml"), include_str!("../../tests/seed/product.toml")).unwrap();
    fs::write(alone_dir.join("ecs/RunInstances.md"), SEED).unwrap();
    let alone = gen::generate(&alone_dir, &runtime).expect("the spec dir reads");
    let seed_ir = |g: &gen::Generation| {
        g.files.iter().find(|f| f.path.ends_with("RunInstances.json")).map(|f| f.contents.clone()).unwrap()
    };
    assert_eq!(seed_ir(&with_bad), seed_ir(&alone));
    let _ = fs::remove_dir_all(&spec);
}

#[test]
fn two_folders_that_name_one_crate_keep_the_first_and_say_so() {
    let root = std::env::temp_dir().join(format!("codegen-gen-folder-clash-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    for folder in ["Ecs", "ecs"] {
        let product = root.join(folder);
        fs::create_dir_all(&product).unwrap();
        fs::write(product.join("product.toml"), include_str!("../../tests/seed/product.toml")).unwrap();
        fs::write(product.join("RunInstances.md"), SEED).unwrap();
    }
    let runtime = codegen::emit::rust::RuntimeDependency::for_output_dir(&root.join("out"));
    let generation = gen::generate(&root, &runtime).expect("the spec dir reads");
    assert_eq!(generation.products.len(), 1, "one crate folder `ecs`");
    assert!(generation.products[0].apis.iter().any(|a| a.name == "RunInstances"));
    let clashes: Vec<String> = generation
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert_eq!(clashes.len(), 1, "{clashes:#?}");
    assert!(clashes[0].contains("`ecs`") && clashes[0].contains("Ecs"), "{}", clashes[0]);
    let _ = fs::remove_dir_all(&root);
}
