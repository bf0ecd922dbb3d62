//! The `gen` pipeline: spec dir → parsed, constrained IR → every output file (Rust crate, IR JSON, OpenAPI).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::constraints::consistency::check_examples;
use crate::constraints::coverage::Coverage;
use crate::constraints::overrides::{apply_overrides, Overrides};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::emit::rust::RuntimeDependency;
use crate::ir::{Api, Product};
use crate::output::OutputFile;
use crate::spec::{self, ProductDir};
use crate::{constraints, emit, parallel, parse};

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

    /// How much of the docs' prose the validators enforce, over every API generated.
    pub fn coverage(&self) -> Coverage {
        let mut total = Coverage::default();
        for api in self.products.iter().flat_map(|p| &p.apis) {
            total.merge(Coverage::of_api(api));
        }
        total
    }

    /// One line for the terminal: what was generated.
    pub fn summary(&self) -> String {
        let apis: Vec<&Api> = self.products.iter().flat_map(|p| &p.apis).collect();
        let params: usize = apis.iter().map(|a| a.request.len()).sum();
        let constrained = self.coverage().params_enforced;
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
    let mut diagnostics = Vec::new();
    let overrides = Overrides::load(spec_dir).unwrap_or_else(|diagnostic| {
        diagnostics.push(diagnostic);
        Overrides::default()
    });
    let mut products: Vec<Product> = Vec::new();
    for dir in spec::product_dirs(spec_dir)? {
        if let Some(first) = products.iter().find(|p| p.name == dir.name) {
            diagnostics.push(Diagnostic::error(
                &dir.dir.display().to_string(),
                0,
                format!(
                    "product folder gives the crate name `{}` that an earlier folder ({}) already gives; this folder is skipped",
                    dir.name, first.name
                ),
            ));
            continue;
        }
        let mut diags = Diagnostics::new(dir.dir.join(spec::PRODUCT_META_FILE).display().to_string());
        let meta = spec::product_meta(&dir, &mut diags);
        diagnostics.extend(diags.into_vec());
        let apis = read_product(spec_dir, &dir, &overrides, &mut diagnostics);
        products.push(Product { name: dir.name.clone(), meta, apis });
    }
    let files = match std::panic::catch_unwind(|| emit_files(&products, runtime)) {
        Ok(files) => files,
        Err(_) => {
            drop_apis_that_panic(spec_dir, &mut products, &mut diagnostics, |one| {
                drop(emit_files(one, runtime))
            });
            emit_files(&products, runtime)
        }
    };
    diagnostics.sort();
    Ok(Generation { products, files, diagnostics })
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
/// under `<product>/`, and the IR under `ir/<product>/`. The OpenAPI documents are made on a thread
/// of their own while the crates and the IR take all cores.
pub fn emit_files(products: &[Product], runtime: &RuntimeDependency) -> Vec<OutputFile> {
    let (mut files, openapi) = std::thread::scope(|scope| {
        let openapi = scope.spawn(|| {
            products
                .iter()
                .map(|p| in_dir(&p.name, emit::openapi::output_file(std::slice::from_ref(p))))
                .collect::<Vec<_>>()
        });
        let mut files = Vec::new();
        for product in products {
            files.extend(
                emit::rust::emit_crate(product, runtime).into_iter().map(|f| in_dir(&product.name, f)),
            );
        }
        files.extend(ir_files(products));
        (files, openapi.join())
    });
    files.extend(openapi.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// `file` moved into the folder `dir` of the output dir.
fn in_dir(dir: &str, file: OutputFile) -> OutputFile {
    OutputFile { path: Path::new(dir).join(file.path), contents: file.contents }
}

/// Parses a product's pages on all cores and keeps one API per name (the first by file name).
fn read_product(
    spec_dir: &Path,
    dir: &ProductDir,
    overrides: &Overrides,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Api> {
    let parsed = parallel::map(&dir.pages, |page| {
        std::panic::catch_unwind(|| read_page(spec_dir, page, overrides)).unwrap_or_else(|_| {
            let shown = page.display().to_string();
            (
                None,
                vec![Diagnostic::error(
                    &shown,
                    0,
                    "internal error: the generator panicked on this page (a bug)",
                )],
            )
        })
    });
    unique_apis(parsed, diagnostics)
}

/// Keeps one API per name (the first one given) and every diagnostic; a later duplicate is a warning.
pub fn unique_apis(
    parsed: impl IntoIterator<Item = (Option<Api>, Vec<Diagnostic>)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Api> {
    let mut apis: BTreeMap<String, Api> = BTreeMap::new();
    for (api, diags) in parsed {
        diagnostics.extend(diags);
        let Some(api) = api else { continue };
        if let Some(first) = apis.get(&api.name) {
            diagnostics.push(Diagnostic::warning(
                &api.source,
                0,
                format!("API `{}` is also defined by {}; this page is skipped", api.name, first.source),
            ));
            continue;
        }
        apis.insert(api.name.clone(), api);
    }
    apis.into_values().collect()
}

/// Reads, parses and constrains one page, and checks its examples against its own rules. `Api::source` becomes the page's path below the spec dir,
/// so the IR does not depend on where the generator runs.
fn read_page(spec_dir: &Path, page: &Path, overrides: &Overrides) -> (Option<Api>, Vec<Diagnostic>) {
    let shown = page.display().to_string();
    let bytes = match fs::read(page) {
        Ok(bytes) => bytes,
        Err(e) => return (None, vec![Diagnostic::error(&shown, 0, format!("cannot read: {e}"))]),
    };
    let parsed = parse::parse_page(&shown, &bytes);
    constrain_page(spec_dir, page, parsed, overrides)
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
        check_examples(&api, &mut diags);
        api.source = page.strip_prefix(spec_dir).unwrap_or(page).to_string_lossy().replace('\\', "/");
        api
    });
    let mut all = parsed.diagnostics;
    all.extend(diags.into_vec());
    (api, all)
}

/// `ir/<product>/<Api>.json`: the IR as pretty, deterministic JSON for review (made on all cores).
pub fn ir_files(products: &[Product]) -> Vec<OutputFile> {
    let apis: Vec<(&str, &Api)> =
        products.iter().flat_map(|p| p.apis.iter().map(move |api| (p.name.as_str(), api))).collect();
    parallel::map(&apis, |(product, api)| {
        let mut json = serde_json::to_string_pretty(api).expect("the IR always serializes");
        json.push('\n');
        OutputFile::new(PathBuf::from("ir").join(product).join(format!("{}.json", api.name)), json)
    })
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
