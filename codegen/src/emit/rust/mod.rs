//! The Rust emitter: one IR product → its crate (`Cargo.toml`, a module per API, example) on the runtime crate.
//!
//! Naming: modules, fields and features are heck `snake_case` of the doc name, types and variants
//! heck `UpperCamelCase`; keywords are escaped (`r#type`, `self_`), names starting with a digit are
//! prefixed (`n3d`, `V1`); collisions are settled in [`names`], canonical spellings first.
//!
//! Every function the crate defines is generic or `#[inline]`, so its machine code is made in the
//! crate that calls it, and only for what that crate calls: the generated crate itself compiles to
//! almost no code (type-checking is what its own build costs), and a service calling three APIs of
//! 220 compiles three APIs' code. The runtime macros the crate invokes follow the same rule.
//!
//! Items that repeat by shape are one invocation of a runtime macro each (the runtime's
//! `macros.rs`): a struct's accessors (`accessors!`), setters (`setters!`), a request's builder name,
//! `from_query_pairs` and operation facts (`operation!`), value tables (`value_enum!`) and code tables
//! (`error_codes!`). The generated file holds what differs (names, types, strings), written once.
//! What needs no per-API code is not written per API: every builder is the crate's one generic
//! `RequestBuilder<R>` (`request_builder!`, in `lib.rs`), and `Operation` is the runtime's one impl
//! for every `GeneratedOperation`.

mod api_module;
mod checks;
pub mod client;
pub mod crate_files;
mod direct;
mod doc_examples;
pub mod docs;
mod errors;
mod layout;
mod literal;
pub mod model_check;
pub mod names;
mod render;
mod request;
mod request_model;
mod response_model;
mod roa;
mod rpc_example;
mod shared_types;
mod structs;
mod value_enums;

#[cfg(test)]
mod tests;

use crate::ir;
use crate::output::OutputFile;

use crate::reuse::{Digester, RenderInput, Reuse};

/// The first line of every generated Rust file.
pub use render::{
    render, verified_direct_pieces, verify_direct_printing, Block, BlockKind, Piece, RustTokens, HEADER,
};

/// One API as the crate exposes it.
#[derive(Debug, Clone)]
pub struct CrateApi {
    /// The operation name, the `Action` (`RunInstances`).
    pub api_name: String,
    pub summary: String,
    /// The API's module at the crate root (`run_instances`), also its cargo feature.
    pub module: String,
    /// `RunInstancesRequest`.
    pub request_type: String,
    /// A RESTful (ROA) operation: sent by method and path, never as an RPC `Action`.
    pub roa: bool,
}

/// Where a generated crate finds the runtime crate (`alibabacloud-runtime`): the `path` of its
/// dependency line, relative to the generated crate's folder when the two share a root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimeDependency {
    pub path: String,
}

impl RuntimeDependency {
    /// The runtime crate of this source tree, as seen from a crate generated into `<out>/<product>`.
    /// `out` need not exist yet.
    pub fn for_output_dir(out: &std::path::Path) -> Self {
        let runtime = std::path::Path::new(crate_files::RUNTIME_DIR);
        let runtime = runtime.canonicalize().unwrap_or_else(|_| runtime.to_owned());
        let crate_dir = crate::write::absolute(out).join("product");
        let path = pathdiff::diff_paths(&runtime, &crate_dir).unwrap_or(runtime);
        Self { path: path.to_string_lossy().replace('\\', "/") }
    }
}

/// The Cargo package of a product (`alibabacloud-ecs`): the vendor, then the product's folder name,
/// as aws-sdk-rust names `aws-sdk-ec2`.
pub fn package_name(product: &ir::Product) -> String {
    format!("alibabacloud-{}", names::snake(&product.name).replace('_', "-"))
}

/// The product's crate, paths relative to the crate's own folder: `Cargo.toml`, `src/lib.rs`, one
/// module and cargo feature per API at the crate root, `examples/rpc.rs`. API modules are made on
/// all cores; `reuse` (in the crate's folder) gives a module whose plan is unchanged, and a file
/// whose tokens are, from the earlier run.
pub fn emit_crate(product: &ir::Product, runtime: &RuntimeDependency, reuse: Reuse) -> Vec<OutputFile> {
    let CratePlan { api_modules, rust, text, apis } = plan_crate(product, runtime);
    let responses: Vec<&response_model::ResponseModel> =
        api_modules.iter().map(|m| &m.plan.response).collect();
    let client = ("src/client.rs".to_owned(), client::client_rs(product, &apis, &responses));
    // The crate's other Rust files come from the whole product, as tokens, which cannot cross
    // threads: they are printed here, first (they are the largest files), while the other cores
    // start on the API modules, which each thread makes and prints itself.
    let others = || {
        std::iter::once(client)
            .chain(rust)
            .map(|(path, tokens)| OutputFile::new(&path, reuse.file(&path, tokens, render)))
            .collect::<Vec<_>>()
    };
    let (mut files, modules) = crate::parallel::map_after(&api_modules, others, |m| {
        let input = ModuleInput { product: &product.name, plan: &m.plan, reuse };
        OutputFile::new(&m.path, reuse.file(&m.path, &input, |input| render(input.plan.module_tokens())))
    });
    files.extend(modules);
    files.extend(text);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// An API module's input: its API (by its JSON's digest), the product's API version and what is
/// shared, which make the plan (see [`api_module::ApiPlan::shared`]).
struct ModuleInput<'a> {
    product: &'a str,
    plan: &'a api_module::ApiPlan<'a>,
    reuse: Reuse<'a>,
}

impl RenderInput for ModuleInput<'_> {
    fn digest(&self, digester: &mut Digester) {
        self.reuse.json_digest(self.product, &self.plan.api.name, self.plan.api).digest(digester);
        digester.text(self.plan.version);
        digester.debug(&self.plan.shared());
    }
}

impl RenderInput for RustTokens {
    fn digest(&self, digester: &mut Digester) {
        RustTokens::digest(self, &mut |text| digester.text(text));
    }
}

/// The crate before pretty-printing (what [`emit_crate`] renders; `cargo xtask bench` times the two apart).
#[derive(Debug, Default)]
pub struct CrateTokens {
    /// Rust files: path relative to the crate dir, and the file's tokens.
    pub rust: Vec<(String, RustTokens)>,
    /// Every other file (`Cargo.toml`, `README.md`, `rustfmt.toml`, `tests/doc_examples.json`).
    pub text: Vec<OutputFile>,
}

/// Every file of the crate, Rust files as tokens, on one thread.
pub fn emit_crate_tokens(product: &ir::Product, runtime: &RuntimeDependency) -> CrateTokens {
    let CratePlan { api_modules, rust, text, apis } = plan_crate(product, runtime);
    let mut all: Vec<(String, RustTokens)> =
        api_modules.iter().map(|m| (m.path.clone(), m.module_tokens())).collect();
    let responses: Vec<&response_model::ResponseModel> =
        api_modules.iter().map(|m| &m.plan.response).collect();
    all.push(("src/client.rs".to_owned(), client::client_rs(product, &apis, &responses)));
    all.extend(rust);
    CrateTokens { rust: all, text }
}

/// One API's module file, still to be made: the bulk of the crate, made in parallel (tokens cannot
/// cross threads, so each is made where it is rendered).
#[derive(Debug)]
struct ApiModule<'a> {
    path: String,
    plan: api_module::ApiPlan<'a>,
}

impl ApiModule<'_> {
    fn module_tokens(&self) -> RustTokens {
        self.plan.module_tokens()
    }
}

/// The crate's files: API modules to make, the other Rust files as tokens, the rest as text.
#[derive(Debug, Default)]
struct CratePlan<'a> {
    api_modules: Vec<ApiModule<'a>>,
    rust: Vec<(String, RustTokens)>,
    text: Vec<OutputFile>,
    apis: Vec<CrateApi>,
}

/// Module names the crate root uses for itself; no API module may take them.
const RESERVED_MODULES: &[&str] = &[
    "lib",
    "mod",
    "main",
    "runtime",
    "common_error",
    "client",
    "endpoints",
    "blocking",
    shared_types::MODULE,
];

/// Names everything (modules, features) and makes every file but the API modules.
fn plan_crate<'a>(product: &'a ir::Product, runtime: &RuntimeDependency) -> CratePlan<'a> {
    let package = package_name(product);
    let crate_ident = package.replace('-', "_");
    let mut files = CratePlan::default();
    let api_names: Vec<&str> = product.apis.iter().map(|a| a.name.as_str()).collect();
    let modules = names::module_names(&mut names::Namer::with_reserved(RESERVED_MODULES), &api_names);
    let apis: Vec<CrateApi> = product
        .apis
        .iter()
        .zip(modules)
        .map(|(api, module)| CrateApi {
            api_name: api.name.clone(),
            summary: api.summary.clone(),
            request_type: format!("{}Request", names::camel(&api.name)),
            roa: matches!(api.wire, crate::ir::Wire::Roa(_)),
            module,
        })
        .collect();
    // The request and response models, on all cores (a sixth of a first `gen`'s wall time was this
    // loop on one).
    let mut plans: Vec<api_module::ApiPlan> =
        crate::parallel::map(&product.apis, |api| api_module::ApiPlan::new(api, &product.meta.version));
    let features: Vec<String> = apis.iter().map(|a| a.module.clone()).collect();
    let shared = shared_types::share_types(&mut plans, &features);
    files
        .rust
        .push(("tests/doc_examples.rs".to_owned(), doc_examples::test_file(&crate_ident, &plans, &features)));
    files.text.push(OutputFile::new(
        doc_examples::DATA_PATH,
        doc_examples::data_file(&product.name, &plans, &features),
    ));
    for (plan, crate_api) in plans.into_iter().zip(&apis) {
        files.api_modules.push(ApiModule { path: format!("src/{}.rs", crate_api.module), plan });
    }
    let has_shared = shared.is_some();
    if let Some(shared) = shared {
        files.rust.push((format!("src/{}.rs", shared_types::MODULE), shared));
    }
    let description =
        format!("Typed requests, responses and errors for Alibaba Cloud {}.", product.meta.name);
    files
        .text
        .push(OutputFile::new("Cargo.toml", crate_files::cargo_toml(&package, &description, &apis, runtime)));
    files
        .text
        .push(OutputFile::new("README.md", crate_files::readme(&package, &crate_ident, product, &apis)));
    files.rust.push(("src/lib.rs".to_owned(), crate_files::lib_rs(product, &apis, has_shared)));
    files.text.push(OutputFile::new("rustfmt.toml", crate_files::RUSTFMT_TOML));
    files.rust.push(("src/common_error.rs".to_owned(), crate_files::common_error_rs(&product.meta).into()));
    files.rust.push(("examples/rpc.rs".to_owned(), rpc_example::example_tokens(&crate_ident, &apis)));
    files.rust.push(("src/endpoints.rs".to_owned(), client::endpoints_rs(&product.meta).into()));
    files.apis = apis;
    files
}
