//! `gen` reusing the files an earlier run rendered (`codegen::reuse`): after any change to the docs
//! it writes the same bytes as a run that renders everything, and it renders again only what changed.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::emit::rust::RuntimeDependency;
use codegen::gen::{self, Generation};
use codegen::reuse::{Record, Reuse};
use codegen::write;

/// ECS pages whose types are shared (`Tag`, disk categories, charge types) and one that is not.
const PAGES: &[&str] = &[
    "RunInstances.md",
    "CreateInstance.md",
    "CreateDisk.md",
    "DescribeDisks.md",
    "DescribeInstances.md",
    "AddTags.md",
    "CreateImage.md",
    "DescribeTags.md",
    "StartInstance.md",
];

struct Dirs {
    root: PathBuf,
}

impl Dirs {
    /// A spec dir of [`PAGES`] with the ECS guides, below a dir of its own for `test`.
    fn new(test: &str) -> Self {
        let root =
            Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("gen-reuse-{test}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/ecs");
        let ecs = root.join("spec/ecs");
        fs::create_dir_all(ecs.join("guides")).unwrap();
        for page in PAGES.iter().chain(&["product.toml"]) {
            fs::copy(repo.join(page), ecs.join(page)).unwrap();
        }
        for guide in fs::read_dir(repo.join("guides")).unwrap() {
            let guide = guide.unwrap().path();
            fs::copy(&guide, ecs.join("guides").join(guide.file_name().unwrap())).unwrap();
        }
        Self { root }
    }

    fn spec(&self) -> PathBuf {
        self.root.join("spec")
    }

    fn page(&self, name: &str) -> PathBuf {
        self.spec().join("ecs").join(name)
    }

    /// `gen` into `out` as `cargo xtask gen` runs it: through the record, written, record saved.
    /// Gives what it generated, how many files it reused and how many results (a page's reading,
    /// an API's coverage count) it did not make again.
    fn gen_reusing(&self) -> (Generation, usize, usize) {
        let out = self.root.join("out");
        let record = Record::load(&self.root.join("records"), &out, "test generator".to_owned());
        let runtime = RuntimeDependency::for_output_dir(&out);
        let generation = gen::generate_reusing(&self.spec(), &runtime, Reuse::from(&record)).unwrap();
        // The writer takes the reused files to be on disk already: each is a file of the output,
        // with the bytes it has there.
        let reused = record.reused_files();
        for path in &reused {
            let file = generation.files.iter().find(|f| &f.path == path);
            let file = file.unwrap_or_else(|| panic!("{} is reused but not an output", path.display()));
            assert_eq!(fs::read_to_string(out.join(path)).unwrap(), file.contents, "{}", path.display());
        }
        write::write_files_known(&out, &generation.files, &reused).unwrap();
        let coverage = generation.coverage_reusing(Reuse::from(&record));
        assert_eq!(coverage, generation.coverage(), "the coverage differs from a fresh count");
        record.save().unwrap();
        (generation, record.reused(), record.results_reused())
    }

    /// Everything rendered afresh, for comparison.
    fn gen_afresh(&self) -> Generation {
        gen::generate(&self.spec(), &RuntimeDependency::for_output_dir(&self.root.join("out"))).unwrap()
    }
}

fn assert_same(reusing: &Generation, afresh: &Generation, step: &str) {
    let paths = |g: &Generation| g.files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(reusing), paths(afresh), "{step}: other files");
    for (a, b) in reusing.files.iter().zip(&afresh.files) {
        assert!(a.contents == b.contents, "{step}: {} differs from a fresh render", a.path.display());
    }
    assert_eq!(reusing.diagnostics, afresh.diagnostics, "{step}");
    assert!(reusing.products == afresh.products, "{step}: another IR");
}

/// Files that go through the render record: Rust files, the OpenAPI document and the IR files
/// (not `Cargo.toml`, `README.md`, `rustfmt.toml` and the doc-example data, which are made directly).
fn rendered(generation: &Generation) -> usize {
    let made_directly = |f: &&codegen::output::OutputFile| f.path.ends_with("tests/doc_examples.json");
    generation
        .files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "rs" || e == "json"))
        .filter(|f| !made_directly(f))
        .count()
}

#[test]
fn a_reusing_gen_writes_what_a_fresh_one_does_and_renders_only_what_changed() {
    let dirs = Dirs::new("runs");
    let (first, reused, pages) = dirs.gen_reusing();
    assert!(!first.has_errors(), "{:#?}", first.diagnostics);
    assert_eq!((reused, pages), (0, 0), "nothing to reuse in an empty dir");
    assert_same(&first, &dirs.gen_afresh(), "first run");

    let (again, reused, pages) = dirs.gen_reusing();
    assert_same(&again, &first, "nothing changed");
    assert_eq!(reused, rendered(&first), "nothing changed: every rendered file is reused");
    // A page's reading and its API's coverage count are results.
    assert_eq!(pages, 2 * PAGES.len(), "nothing changed: no page is read again");

    // A description changed on one page: its module, IR files and the OpenAPI document render
    // again; the crate's other files are reused (`doc_examples.json` holds the examples only).
    let page = dirs.page("StartInstance.md");
    let text = fs::read_to_string(&page).unwrap();
    let edited = text.replacen("The ID of the instance", "The ID of the ECS instance", 1);
    assert_ne!(edited, text, "the page has the sentence the test edits");
    fs::write(&page, edited).unwrap();
    let (one_page, reused, pages) = dirs.gen_reusing();
    assert_same(&one_page, &dirs.gen_afresh(), "one description changed");
    assert_eq!(
        reused,
        rendered(&first) - 4,
        "only the edited API's module, IR and lines, and the OpenAPI document"
    );
    assert_eq!(pages, 2 * (PAGES.len() - 1), "only the edited page is read again");

    // A paragraph added below a page's title moves its lines, and with them the line numbers of
    // what the page says about its product: the product's metadata (its IR files, the OpenAPI
    // document) is made again, the other APIs' modules are not (a module reads only the version).
    let page = dirs.page("AddTags.md");
    let text = fs::read_to_string(&page).unwrap();
    let title_end = text.find('\n').unwrap();
    fs::write(&page, format!("{}\n\nA paragraph more.\n{}", &text[..title_end], &text[title_end..])).unwrap();
    let (moved, reused, _) = dirs.gen_reusing();
    assert_same(&moved, &dirs.gen_afresh(), "a paragraph added");
    assert_eq!(
        reused,
        rendered(&first) - 6,
        "the API's module, IR and lines, the product's IR and lines, OpenAPI"
    );

    // An override changes what a page reads as without changing the page.
    let overrides = dirs.spec().join("overrides.toml");
    fs::write(
        &overrides,
        "[[override]]\ntarget = \"StartInstance.InstanceId\"\naction = \"add\"\n\
         rule = { kind = \"length\", min = 2, max = 64 }\nreason = \"a test\"\n",
    )
    .unwrap();
    let (overridden, _, pages) = dirs.gen_reusing();
    assert_same(&overridden, &dirs.gen_afresh(), "an override added");
    // Every page is read again (overrides may apply to any); the APIs that read as before keep
    // their coverage count.
    assert_eq!(pages, PAGES.len() - 1, "overrides apply to every page: all are read again");
    let start = overridden.products[0].apis.iter().find(|a| a.name == "StartInstance").unwrap();
    let id = start.request.iter().find(|p| p.wire_name == "InstanceId").unwrap();
    assert!(id.constraints.iter().any(|c| c.source.contains("a test")), "{:?}", id.constraints);
    fs::remove_file(&overrides).unwrap();

    // A page that shares types with others goes: what is shared, and so the other modules, change.
    fs::remove_file(dirs.page("CreateInstance.md")).unwrap();
    let (fewer, reused, _) = dirs.gen_reusing();
    assert_same(&fewer, &dirs.gen_afresh(), "a page removed");
    assert!(reused < rendered(&fewer), "{reused} of {} reused after a page went", rendered(&fewer));

    // A file edited by hand in the output dir is rendered again and put back.
    let module = dirs.root.join("out/ecs/src/run_instances.rs");
    let original = fs::read_to_string(&module).unwrap();
    fs::write(&module, original.replace("pub struct", "pub(crate) struct")).unwrap();
    let (mended, reused, _) = dirs.gen_reusing();
    assert_same(&mended, &fewer, "a generated file edited by hand");
    assert_eq!(reused, rendered(&fewer) - 1);
    assert_eq!(fs::read_to_string(&module).unwrap(), original);

    let _ = fs::remove_dir_all(&dirs.root);
}

/// The render record digests an API and its product by their JSON: that holds all of them only if
/// the JSON reads back as the same value.
#[test]
fn the_ir_json_reads_back_as_the_same_product() {
    let dirs = Dirs::new("json");
    let (products, _) = gen::read_products(&dirs.spec()).unwrap();
    for product in &products {
        let json = serde_json::to_string(product).unwrap();
        let back: codegen::ir::Product = serde_json::from_str(&json).unwrap();
        assert!(back == *product, "{}: the JSON does not hold the whole product", product.name);
    }
    let _ = fs::remove_dir_all(&dirs.root);
}
