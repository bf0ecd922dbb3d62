//! The `gen` pipeline: spec dir → parsed, constrained IR → every output file (Rust crate, IR JSON, OpenAPI).

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use crate::constraints::consistency::check_examples;
use crate::constraints::coverage::Coverage;
use crate::constraints::overrides::{apply_overrides, Overrides};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::emit::rust::RuntimeDependency;
use crate::example_findings::ExampleFindings;
use crate::ir::{Api, Product};
use crate::output::OutputFile;
use crate::parse::product_claims::ProductClaims;
use crate::reuse::{Digester, RenderInput, Reuse, ValueDigest};
use crate::spec::{self, ProductDir};
use crate::{constraints, emit, meta, parallel, parse};

/// Everything one run of the pipeline produced, before anything is written.
#[derive(Debug)]
pub struct Generation {
    pub products: Vec<Product>,
    pub files: Vec<OutputFile>,
    /// Sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
}

impl Generation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }

    /// How much of the docs' prose the validators enforce, over every API generated (on all cores).
    pub fn coverage(&self) -> Coverage {
        self.coverage_reusing(Reuse::NEVER)
    }

    /// [`coverage`](Self::coverage), an API's taken from `reuse` when the API is unchanged.
    pub fn coverage_reusing(&self, reuse: Reuse) -> Coverage {
        let apis: Vec<(&str, &Api)> =
            self.products.iter().flat_map(|p| p.apis.iter().map(|api| (p.name.as_str(), api))).collect();
        let mut total = Coverage::default();
        for one in parallel::map(&apis, |(product, api)| {
            let input = reuse.json_digest(product, &api.name, api);
            reuse.in_dir(product).result("coverage", &input, |_| Coverage::of_api(api))
        }) {
            total.merge(one);
        }
        total
    }

    /// One line for the terminal: what was generated, with its [`coverage`](Self::coverage).
    pub fn summary(&self, coverage: &Coverage) -> String {
        let apis: Vec<&Api> = self.products.iter().flat_map(|p| &p.apis).collect();
        let params: usize = apis.iter().map(|a| a.request.len()).sum();
        let constrained = coverage.params_enforced;
        let codes: usize = apis
            .iter()
            .map(|a| {
                a.errors.iter().map(|e| e.code.as_str()).collect::<std::collections::BTreeSet<_>>().len()
            })
            .sum();
        format!(
            "{} API{}, {params} parameters ({constrained} with enforced constraints), {codes} error codes",
            apis.len(),
            if apis.len() == 1 { "" } else { "s" }
        )
    }
}

/// Reads every page under `spec` (in parallel), builds the IR and emits all files.
/// One bad page never hides the others: its diagnostics are kept and the rest goes on.
pub fn generate(spec_dir: &Path, runtime: &RuntimeDependency) -> std::io::Result<Generation> {
    generate_reusing(spec_dir, runtime, Reuse::NEVER)
}

/// [`generate`], taking from the output dir the rendered files whose input `reuse` says is unchanged.
pub fn generate_reusing(
    spec_dir: &Path,
    runtime: &RuntimeDependency,
    reuse: Reuse,
) -> std::io::Result<Generation> {
    let (mut products, mut diagnostics) = read_all(spec_dir, reuse)?;
    let files = match std::panic::catch_unwind(|| emit_files(&products, runtime, reuse)) {
        Ok(files) => files,
        Err(_) => {
            drop_apis_that_panic(spec_dir, &mut products, &mut diagnostics, |one| {
                drop(emit_files(one, runtime, Reuse::NEVER))
            });
            emit_files(&products, runtime, reuse)
        }
    };
    diagnostics.sort();
    Ok(Generation { products, files, diagnostics })
}

/// The IR of every product under `spec_dir`, as `gen` builds it before emitting: pages parsed
/// and constrained, `overrides.toml` applied, the doc-example findings put in, facts decided, one API per `Action`, product
/// metadata from the pages, guides and `product.toml`. `cargo xtask diff` compares these.
pub fn read_products(spec_dir: &Path) -> std::io::Result<(Vec<Product>, Vec<Diagnostic>)> {
    read_all(spec_dir, Reuse::NEVER)
}

/// [`read_products`], taking what a page reads as from `reuse` when the page is unchanged.
fn read_all(spec_dir: &Path, reuse: Reuse) -> std::io::Result<(Vec<Product>, Vec<Diagnostic>)> {
    let mut diagnostics = Vec::new();
    let overrides = Overrides::load(spec_dir).unwrap_or_else(|diagnostic| {
        diagnostics.push(diagnostic);
        Overrides::default()
    });
    // Every page's reading depends on all of the overrides: digested once for all of them.
    let overrides_digest = reuse.digest(|digester| digester.debug(&overrides));
    let findings_at = diagnostics.len();
    let mut dirs: Vec<ProductDir> = Vec::new();
    for dir in spec::product_dirs(spec_dir)? {
        if let Some(first) = dirs.iter().find(|d| d.name == dir.name) {
            diagnostics.push(Diagnostic::error(
                &dir.dir.display().to_string(),
                0,
                format!(
                    "product folder gives the crate folder `{}` that the earlier folder {} already gives; this folder is skipped",
                    dir.name,
                    crate::escape::terminal(&first.dir.display().to_string())
                ),
            ));
            continue;
        }
        dirs.push(dir);
    }
    // Every product's pages on all cores at once: one product's slowest page no longer keeps the
    // other core idle before the next product starts. What no page's reading depends on (the
    // doc-example findings, the guides) is read beside them, not before or after.
    let pages: Vec<&Path> = dirs.iter().flat_map(|d| d.pages.iter().map(PathBuf::as_path)).collect();
    let (parsed, aside) = std::thread::scope(|scope| {
        let aside = scope.spawn(|| {
            let guides: Vec<Vec<meta::GuideReading>> =
                dirs.iter().map(|d| d.guides.iter().map(|g| meta::read_guide(g)).collect()).collect();
            (ExampleFindings::load(spec_dir), guides)
        });
        let parsed = parallel::map(&pages, |page| {
            read_page_or_report(spec_dir, page, (&overrides, overrides_digest), reuse)
        });
        (parsed, parallel::joined(aside))
    });
    let (findings, guides) = aside;
    let findings = findings.unwrap_or_else(|diagnostic| {
        diagnostics.insert(findings_at, diagnostic);
        ExampleFindings::default()
    });
    let mut parsed = parsed.into_iter();
    let mut products: Vec<Product> = Vec::new();
    for (dir, guides) in dirs.into_iter().zip(guides) {
        let (read, digests): (Vec<PageReading>, Vec<ValueDigest>) =
            parsed.by_ref().take(dir.pages.len()).unzip();
        let readings = reading_digests(&read, digests);
        let (mut apis, mut claims) = product_apis(&dir, read, &mut diagnostics);
        findings.apply(&dir.name, &mut apis);
        for api in &apis {
            if let Some(reading) = readings.get(api.source.as_str()).copied().flatten() {
                // An API is its page's reading and the doc-example findings put in it.
                reuse.name_json(&dir.name, &api.name, |digester| {
                    reading.digest(digester);
                    digester.json(&api.examples.findings);
                });
            }
        }
        claims.extend(meta::claims_of_guides(guides, &mut diagnostics));
        let meta = meta::product_meta(spec_dir, &dir, &claims, &mut diagnostics);
        products.push(Product { name: dir.name.clone(), meta, apis });
    }
    let names: Vec<(&str, Vec<&str>)> = products
        .iter()
        .map(|p| (p.name.as_str(), p.apis.iter().map(|a| a.name.as_str()).collect()))
        .collect();
    let findings_file = spec_dir.join(crate::example_findings::FILE).display().to_string();
    diagnostics.extend(findings.unmatched(&names, &findings_file));
    Ok((products, diagnostics))
}

/// After an emitter panicked (a bug in the generator, not in the docs): finds the APIs that make
/// `emit` panic on their own, reports each at its page, and removes them so the rest is generated.
fn drop_apis_that_panic(
    spec_dir: &Path,
    products: &mut [Product],
    diagnostics: &mut Vec<Diagnostic>,
    emit: impl Fn(&[Product]) + std::panic::RefUnwindSafe,
) {
    for product in products.iter_mut() {
        let apis = std::mem::take(&mut product.apis);
        for api in apis {
            let alone = [Product { name: product.name.clone(), meta: product.meta.clone(), apis: vec![api] }];
            match std::panic::catch_unwind(|| emit(&alone)) {
                Ok(()) => product.apis.extend(alone.into_iter().flat_map(|p| p.apis)),
                Err(panic) => {
                    let api = &alone[0].apis[0];
                    let why = panic
                        .downcast_ref::<String>()
                        .map(String::as_str)
                        .or_else(|| panic.downcast_ref::<&str>().copied())
                        .unwrap_or("no message");
                    let why = why.lines().next().unwrap_or_default();
                    diagnostics.push(Diagnostic::error(
                        &spec_dir.join(&api.source).display().to_string(),
                        0,
                        format!(
                            "internal error: emitting `{}` panicked (a generator bug; API left out): {why}",
                            api.name
                        ),
                    ));
                }
            }
        }
    }
}

/// Every file `gen` writes for `products`, sorted by path: each product's crate and OpenAPI document
/// under `<product>/`, and the IR under `ir/<product>/`. The OpenAPI documents, then the IR files,
/// are made on a thread of their own beside the crates: the crates' serial steps (shared types,
/// the doc examples' data) leave a core to them.
pub fn emit_files(products: &[Product], runtime: &RuntimeDependency, reuse: Reuse) -> Vec<OutputFile> {
    let (mut files, aside) = std::thread::scope(|scope| {
        let aside = scope.spawn(|| {
            let mut files: Vec<OutputFile> = products
                .iter()
                .map(|p| {
                    let file = emit::openapi::FILE_NAME;
                    let contents = reuse.in_dir(&p.name).file(file, &WholeProduct(p, reuse), |p| {
                        emit::openapi::output_file(std::slice::from_ref(p.0)).contents
                    });
                    in_dir(&p.name, OutputFile::new(file, contents))
                })
                .collect();
            files.extend(ir_files_reusing(products, reuse));
            files
        });
        let mut files = Vec::new();
        for product in products {
            files.extend(
                emit::rust::emit_crate(product, runtime, reuse.in_dir(&product.name))
                    .into_iter()
                    .map(|f| in_dir(&product.name, f)),
            );
        }
        (files, parallel::joined(aside))
    });
    files.extend(aside);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// A product as the input of its OpenAPI document: its name, and its metadata and APIs in order
/// by the digests of their JSON, which reads back as the same values
/// (`codegen/tests/gen_reuse.rs`, and over the shared corpus `product_family.rs`).
struct WholeProduct<'a>(&'a Product, Reuse<'a>);

impl RenderInput for WholeProduct<'_> {
    fn digest(&self, digester: &mut Digester) {
        let Self(product, reuse) = self;
        digester.text(&product.name);
        meta_digest(*reuse, &product.name, &product.meta).digest(digester);
        for api in &product.apis {
            reuse.json_digest(&product.name, &api.name, api).digest(digester);
        }
    }
}

/// `file` moved into the folder `dir` of the output dir.
fn in_dir(dir: &str, file: OutputFile) -> OutputFile {
    OutputFile { path: Path::new(dir).join(file.path), contents: file.contents }
}

/// What one page reads as: its API (when it documents one), its diagnostics and its product claims.
type PageReading = (Option<Api>, Vec<Diagnostic>, ProductClaims);

/// The digest of each page's reading (its JSON) by the `source` of the API it documents; a
/// `source` that two pages give (a file name with the escape of another's hidden character) names
/// neither.
fn reading_digests(read: &[PageReading], digests: Vec<ValueDigest>) -> HashMap<String, Option<ValueDigest>> {
    let mut by_source: HashMap<String, Option<ValueDigest>> = HashMap::new();
    for ((api, _, _), digest) in read.iter().zip(digests) {
        let Some(api) = api else { continue };
        by_source.entry(api.source.clone()).and_modify(|twice| *twice = None).or_insert(Some(digest));
    }
    by_source
}

/// [`read_page`], with a panic in the generator reported at the page instead of ending the run.
fn read_page_or_report(
    spec_dir: &Path,
    page: &Path,
    overrides: (&Overrides, ValueDigest),
    reuse: Reuse,
) -> (PageReading, ValueDigest) {
    std::panic::catch_unwind(|| read_page(spec_dir, page, overrides, reuse)).unwrap_or_else(|_| {
        let shown = page.display().to_string();
        let error =
            Diagnostic::error(&shown, 0, "internal error: the generator panicked on this page (a bug)");
        ((None, vec![error], ProductClaims::default()), ValueDigest::NONE)
    })
}

/// A product's pages as read (in `dir.pages` order): one API per `Action` (see [`unique_apis`]),
/// and what every page says about the product.
fn product_apis(
    dir: &ProductDir,
    parsed: Vec<PageReading>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Api>, Vec<meta::PageClaims>) {
    let mut claims = Vec::with_capacity(parsed.len());
    let apis = parsed.into_iter().zip(&dir.pages).map(|((api, diags, page_claims), path)| {
        claims.push(meta::PageClaims { path: path.clone(), claims: page_claims });
        (api, diags)
    });
    let apis = unique_apis(apis.collect::<Vec<_>>(), diagnostics);
    (apis, claims)
}

/// Keeps one API per name and every diagnostic. When pages document one `Action`, the page that
/// contradicts it least is kept (fewest [`Api::other_names`]: title, `Action` row and sample all
/// saying it beats a page where one of them says something else), then the first given (by file
/// name); each page left out is a warning naming the kept one. APIs whose names differ only in
/// case are kept apart (they are different `Action`s on the wire) with a warning.
pub fn unique_apis(
    parsed: impl IntoIterator<Item = (Option<Api>, Vec<Diagnostic>)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Api> {
    let mut by_name: BTreeMap<String, Vec<Api>> = BTreeMap::new();
    for (api, diags) in parsed {
        diagnostics.extend(diags);
        if let Some(api) = api {
            by_name.entry(api.name.clone()).or_default().push(api);
        }
    }
    let mut apis: Vec<Api> = Vec::with_capacity(by_name.len());
    for (name, mut pages) in by_name {
        // `min_by_key` keeps the first of equals: the first page given.
        let kept = (0..pages.len()).min_by_key(|&i| pages[i].other_names.len()).unwrap_or(0);
        let kept = pages.swap_remove(kept);
        pages.sort_by(|a, b| a.source.cmp(&b.source));
        for other in &pages {
            let why = if other.other_names.len() > kept.other_names.len() {
                format!(
                    "it names the operation otherwise in {} place{} where the kept page does in {}",
                    other.other_names.len(),
                    if other.other_names.len() == 1 { "" } else { "s" },
                    kept.other_names.len()
                )
            } else if kept.other_names.is_empty() {
                "neither names it otherwise; the first by file name is kept".to_owned()
            } else {
                format!(
                    "both name it otherwise in {} place{}; the first by file name is kept",
                    kept.other_names.len(),
                    if kept.other_names.len() == 1 { "" } else { "s" }
                )
            };
            diagnostics.push(Diagnostic::warning(
                &other.source,
                0,
                format!("this page documents Action `{name}` like {}, which is kept ({why}); this page is skipped", kept.source),
            ));
        }
        apis.push(kept);
    }
    warn_case_twins(&apis, diagnostics);
    apis
}

/// Warns about API names that differ only in case (`DescribeUserData`, `DescribeUserdata`), saying
/// how the outputs tell them apart.
fn warn_case_twins(apis: &[Api], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<String, &Api> = BTreeMap::new();
    for api in apis {
        match seen.get(&api.name.to_ascii_lowercase()) {
            Some(first) => diagnostics.push(Diagnostic::warning(
                &api.source,
                0,
                format!(
                    "Action `{}` differs only in case from `{}` ({}); both are kept, as the service tells them apart: \
                     the crate gives them two modules, their IR files are told apart by a `_N` suffix (file systems \
                     that ignore case), and the OpenAPI document keeps the first by name (`x-alibaba-skipped-apis`)",
                    api.name, first.name, first.source
                ),
            )),
            None => {
                seen.insert(api.name.to_ascii_lowercase(), api);
            }
        }
    }
}

/// Reads, parses and constrains one page, and checks its examples against its own rules. `Api::source` becomes the page's path below the spec dir,
/// so the IR does not depend on where the generator runs. An unchanged page's result comes from `reuse`;
/// the digest of its JSON comes with it.
fn read_page(
    spec_dir: &Path,
    page: &Path,
    (overrides, overrides_digest): (&Overrides, ValueDigest),
    reuse: Reuse,
) -> (PageReading, ValueDigest) {
    let shown = page.display().to_string();
    let bytes = match fs::read(page) {
        Ok(bytes) => bytes,
        Err(e) => {
            let error = Diagnostic::error(&shown, 0, format!("cannot read: {e}"));
            return ((None, vec![error], ProductClaims::default()), ValueDigest::NONE);
        }
    };
    let input = PageInput { spec_dir, page, bytes: &bytes, overrides, overrides_digest };
    reuse.result_and_digest("page", &input, |input| {
        crate::pattern::compile_all();
        let mut parsed = parse::parse_page(&shown, input.bytes);
        let claims = std::mem::take(&mut parsed.claims);
        let (api, diagnostics) = constrain_page(input.spec_dir, input.page, parsed, input.overrides);
        (api, diagnostics, claims)
    })
}

/// All that reading a page depends on: its bytes, its path (shown in diagnostics, and below the
/// spec dir in the IR) and the overrides.
struct PageInput<'a> {
    spec_dir: &'a Path,
    page: &'a Path,
    bytes: &'a [u8],
    overrides: &'a Overrides,
    /// The digest of `overrides`, made once for every page.
    overrides_digest: ValueDigest,
}

impl RenderInput for PageInput<'_> {
    fn digest(&self, digester: &mut Digester) {
        digester.text(&self.spec_dir.to_string_lossy());
        digester.text(&self.page.to_string_lossy());
        digester.bytes(self.bytes);
        self.overrides_digest.digest(digester);
    }
}

/// The IR stage of one parsed page: constraints, overrides and example checks; `Api::source`
/// becomes the page's path below the spec dir.
pub fn constrain_page(
    spec_dir: &Path,
    page: &Path,
    parsed: parse::ParsedPage,
    overrides: &Overrides,
) -> (Option<Api>, Vec<Diagnostic>) {
    let mut diags = Diagnostics::new(page.display().to_string());
    let api = parsed.api.map(|mut api| {
        constraints::extract(&mut api, &mut diags);
        apply_overrides(&mut api, overrides, &mut diags);
        crate::facts::decide(&mut api, &overrides.facts, &mut diags);
        check_examples(&api, &mut diags);
        let source = page.strip_prefix(spec_dir).unwrap_or(page).to_string_lossy().replace('\\', "/");
        // A file name is outside text too: it reaches the IR, doc comments and OpenAPI.
        api.source = parse::hidden_chars::escaped(&source).into_owned();
        api
    });
    let mut all = parsed.diagnostics;
    all.extend(diags.into_vec());
    (api, all)
}

/// `ir/<product>/<Api>.json` and `ir/<product>/product.json`: the IR as pretty, deterministic JSON
/// for review, without doc line numbers, which go to `ir/<product>/lines/` beside it (see
/// [`ir_json`](crate::ir_json)); made on all cores. File stems are claimed per product through one
/// [`StemNamer`](crate::file_names::StemNamer): bounded, and distinct up to case (`product` is
/// taken first).
pub fn ir_files(products: &[Product]) -> Vec<OutputFile> {
    ir_files_reusing(products, Reuse::NEVER)
}

/// The IR file stem of a product's metadata, claimed before any API's.
const PRODUCT_META: &str = "product";

/// The digest of a product's metadata, named in [`Reuse::json_digest`] by the empty name, which
/// names no API.
pub(crate) fn meta_digest(reuse: Reuse, product: &str, meta: &crate::ir::ProductMeta) -> ValueDigest {
    reuse.json_digest(product, "", meta)
}

/// [`ir_files`], an API's pair taken from `reuse` when the API's JSON is unchanged.
fn ir_files_reusing(products: &[Product], reuse: Reuse) -> Vec<OutputFile> {
    let mut apis: Vec<(&str, String, &Api)> = Vec::new();
    for product in products {
        let mut stems = crate::file_names::StemNamer::default();
        stems.claim(PRODUCT_META);
        apis.extend(product.apis.iter().map(|api| (product.name.as_str(), stems.claim(&api.name), api)));
    }
    let mut files: Vec<OutputFile> = parallel::map(&apis, |(product, stem, api)| {
        let input = reuse.json_digest(product, &api.name, api);
        ir_pair(product, stem, reuse, &input, || crate::ir_json::split(api, Some(&api.source)))
    })
    .into_iter()
    .flatten()
    .collect();
    for p in products {
        let input = meta_digest(reuse, &p.name, &p.meta);
        files.extend(ir_pair(&p.name, PRODUCT_META, reuse, &input, || crate::ir_json::split(&p.meta, None)));
    }
    files
}

/// `ir/<product>/<stem>.json` and `ir/<product>/lines/<stem>.json`, split once when either is not
/// reused; `input` is the JSON digest of the value they show (its stem and source are in their paths
/// and in the value).
fn ir_pair(
    product: &str,
    stem: &str,
    reuse: Reuse,
    input: &ValueDigest,
    split: impl Fn() -> crate::ir_json::IrJson,
) -> [OutputFile; 2] {
    let dir = PathBuf::from("ir").join(product);
    let (ir_path, lines_path) =
        (dir.join(format!("{stem}.json")), dir.join("lines").join(format!("{stem}.json")));
    let mut lines = None;
    let ir = reuse.file(&ir_path.to_string_lossy(), input, |_| {
        let made = split();
        lines = Some(made.lines);
        made.ir
    });
    let lines = reuse.file(&lines_path.to_string_lossy(), input, |_| lines.unwrap_or_else(|| split().lines));
    [OutputFile::new(ir_path, ir), OutputFile::new(lines_path, lines)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{ApiStyle, ProductMeta};

    fn api(name: &str) -> Api {
        Api { name: name.into(), source: format!("ecs/{name}.md"), ..Default::default() }
    }

    #[test]
    fn an_api_that_makes_the_emitter_panic_is_reported_and_the_others_are_kept() {
        let meta = ProductMeta {
            code: "Ecs".into(),
            name: "ecs".into(),
            version: "2014-05-26".into(),
            endpoint: "ecs.aliyuncs.com".into(),
            style: ApiStyle::Rpc,
            ..Default::default()
        };
        let mut products =
            vec![Product { name: "ecs".into(), meta, apis: vec![api("A"), api("Boom"), api("C")] }];
        let mut diagnostics = Vec::new();
        drop_apis_that_panic(Path::new("spec"), &mut products, &mut diagnostics, |one| {
            assert!(one[0].apis.iter().all(|a| a.name != "Boom"), "emitter bug on Boom");
        });
        let kept: Vec<&str> = products[0].apis.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(kept, ["A", "C"]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].file, "spec/ecs/Boom.md");
        assert!(diagnostics[0].message.contains("emitter bug on Boom"), "{}", diagnostics[0]);
    }
}
