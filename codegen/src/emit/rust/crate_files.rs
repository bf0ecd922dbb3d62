//! The crate's non-API files: `Cargo.toml`, `README.md`, `src/lib.rs`, common errors.

use proc_macro2::TokenStream;
use quote::quote;
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

use crate::ir::{self, ErrorRow};

use super::docs::{code_span, rustdoc};
use super::names::ident;
use super::{errors, shared_types, CrateApi, RuntimeDependency, HEADER};

/// The runtime crate's folder in this source tree (`codegen/runtime`).
pub const RUNTIME_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/runtime");

/// The runtime crate's manifest, for its package name and version.
const RUNTIME_MANIFEST: &str = include_str!("../../../runtime/Cargo.toml");

/// `rustfmt.toml`: the crate is formatted by prettyplease when written; `cargo fmt` must leave it as is,
/// or `cargo xtask check` would find it stale.
pub const RUSTFMT_TOML: &str =
    "# Formatted by prettyplease when `cargo xtask gen` writes it; rustfmt leaves it alone.\ndisable_all_formatting = true\n";

/// The runtime crate's `(name, version)` from its manifest.
pub fn runtime_package() -> (String, String) {
    let manifest: DocumentMut = RUNTIME_MANIFEST.parse().expect("codegen/runtime/Cargo.toml is valid TOML");
    let field = |key: &str| {
        manifest["package"][key]
            .as_str()
            .expect("the runtime manifest names its package and version")
            .to_owned()
    };
    (field("name"), field("version"))
}

/// `Cargo.toml`: the runtime crate as its only dependency, by path with a version (so both could be published),
/// a feature per API, `default` enabling all, and `client` enabling the runtime's HTTP client.
pub fn cargo_toml(
    package: &str,
    description: &str,
    apis: &[CrateApi],
    runtime: &RuntimeDependency,
) -> String {
    let (runtime_name, runtime_version) = runtime_package();
    let mut doc = DocumentMut::new();
    let mut pkg = Table::new();
    pkg["name"] = toml_edit::value(package);
    pkg["version"] = toml_edit::value("0.1.0");
    pkg["edition"] = toml_edit::value("2021");
    pkg["rust-version"] = toml_edit::value("1.80");
    pkg["publish"] = toml_edit::value(false);
    pkg["license"] = toml_edit::value("MIT OR Apache-2.0");
    pkg["description"] = toml_edit::value(description);
    doc["package"] = Item::Table(pkg);

    let mut deps = Table::new();
    let mut rt = InlineTable::new();
    rt.insert("version", runtime_version.into());
    rt.insert("path", runtime.path.as_str().into());
    deps[&runtime_name] = toml_edit::value(rt);
    doc["dependencies"] = Item::Table(deps);

    // The crate reaches serde through the runtime; the `rpc` example reads JSON itself.
    let mut dev = Table::new();
    let mut serde = InlineTable::new();
    serde.insert("version", "1".into());
    dev["serde"] = toml_edit::value(serde);
    let mut json = InlineTable::new();
    json.insert("version", "1".into());
    json.insert("features", Value::Array(Array::from_iter(["preserve_order"])));
    dev["serde_json"] = toml_edit::value(json);
    doc["dev-dependencies"] = Item::Table(dev);

    let mut features: Vec<&str> = apis.iter().map(|a| a.module.as_str()).collect();
    features.sort_unstable();
    let mut table = Table::new();
    table["default"] = toml_edit::value(one_per_line(features.iter().copied()));
    table["client"] = toml_edit::value(Array::from_iter([format!("{runtime_name}/client")]));
    table["blocking"] =
        toml_edit::value(Array::from_iter(["client".to_owned(), format!("{runtime_name}/blocking")]));
    for feature in &features {
        table[*feature] = toml_edit::value(Array::new());
    }
    doc["features"] = Item::Table(table);
    format!("# {}\n{doc}", HEADER.trim_start_matches("// ").trim_end())
}

/// A TOML array written one item a line, so that adding an API shows as one added line.
fn one_per_line<'a>(items: impl Iterator<Item = &'a str>) -> Array {
    let mut array: Array = items.collect();
    for item in array.iter_mut() {
        item.decor_mut().set_prefix("\n    ");
    }
    array.set_trailing("\n");
    array.set_trailing_comma(true);
    array
}

/// `README.md`: what the crate is, how to use it, its features.
pub fn readme(package: &str, crate_ident: &str, product: &ir::Product, apis: &[CrateApi]) -> String {
    let mut out = format!("<!-- {} -->\n\n# {package}\n\n", HEADER.trim_start_matches("// ").trim_end());
    let p = product;
    out.push_str(&format!(
        "Typed requests, responses and errors for Alibaba Cloud {} (`{}`, API version {}), generated from \
         the API reference pages by `cargo xtask gen`, on the runtime crate `alibabacloud-runtime`.\n\n",
        p.meta.name, p.meta.code, p.meta.version
    ));
    out.push_str(
        "- Requests: a struct per API with a builder whose `build()` gives a `Validated` request; serde reads \
         and writes the docs' JSON form; `Operation::to_query_pairs` gives the exact RPC wire pairs and \
         `Operation::from_query_pairs` reads them back.\n\
         - Responses: structs read leniently from the service's JSON (numbers sent as strings, list wrappers, \
         absent fields); every response that holds only the request id is one `RequestIdResponse`.\n\
         - Errors: `ServiceError` with a code enum per API (a variant per documented code), the shared \
         `CommonErrorCode`, and `ErrorKind::Unknown` for any other code.\n\n",
    );
    if let Some(a) = apis.first() {
        out.push_str("## Example\n\n```rust,ignore\n");
        out.push_str(&format!("use {crate_ident}::Operation;\n"));
        out.push_str(&format!("use {crate_ident}::{}::{};\n\n", a.module, a.request_type));
        out.push_str(&format!("let request: {} = serde_json::from_str(json)?;\n", a.request_type));
        out.push_str(
            "for (key, value) in request.to_query_pairs() {\n    println!(\"{key}={value}\");\n}\n```\n\n",
        );
        out.push_str(&format!(
            "Or from the command line: `cargo run -p {package} --example rpc -- query {} < request.json`.\n\n",
            a.api_name
        ));
    }
    out.push_str("## Features\n\nEach API is behind a cargo feature; `default` enables all of them. To compile only what you use:\n\n");
    out.push_str(&format!(
        "```toml\n{package} = {{ version = \"0.1\", default-features = false, features = [{}] }}\n```\n\n",
        apis.first().map(|a| format!("\"{}\"", a.module)).unwrap_or_default()
    ));
    out.push_str("| Feature | API | Summary |\n|---|---|---|\n");
    for a in apis {
        let summary = a.summary.replace('|', "\\|").replace('\n', " ");
        out.push_str(&format!("| `{}` | `{}` | {} |\n", a.module, a.api_name, summary.trim()));
    }
    out
}

/// `src/lib.rs`: the product's line, the runtime re-exported as `runtime`, the one builder type every
/// API's builder is (`RequestBuilder<R>`), one feature-gated module per API, and the private module
/// of the types several APIs share when there are any.
pub fn lib_rs(product: &ir::Product, apis: &[CrateApi], has_shared: bool) -> super::RustTokens {
    let mut doc = format!(
        "Typed requests, responses and errors for Alibaba Cloud {}, generated from its reference pages.\n\n",
        product_line(&product.meta)
    );
    doc.push_str(
        "Each API is a module behind a cargo feature of the same name; `default` enables all of them. \
         [`runtime`] (the `alibabacloud-runtime` crate) holds what every API shares, [`CommonErrorCode`] \
         the error codes common to every API.",
    );
    let shared = has_shared.then(|| {
        let m = ident(shared_types::MODULE);
        quote!(mod #m;)
    });
    let runtime = quote::format_ident!("{}", runtime_package().0.replace('-', "_"));
    let client = super::client::lib_items();
    let mut file = super::RustTokens::with_inner_doc(&doc);
    file.push(quote! {
        mod common_error;
        #shared
        #client

        pub use #runtime as runtime;
        pub use common_error::CommonErrorCode;
        pub use runtime::{
            ErrorBody, ErrorKind, Operation, ProvideErrorMetadata, Secret, ServiceError, UnknownValue, Validated,
            ValidationErrors, ValidationMode, ValueEnum, Violation,
        };
        runtime::request_builder!();
    });
    for api in apis {
        let feature = &api.module;
        let m = ident(&api.module);
        file.push(quote! {
            #[cfg(feature = #feature)]
            pub mod #m;
        });
    }
    file
}

/// `Elastic Compute Service (`Ecs`, API version `2014-05-26`, endpoint `ecs.aliyuncs.com`)`, leaving out
/// what is not known.
fn product_line(meta: &ir::ProductMeta) -> String {
    let facts: Vec<String> =
        [("", &meta.code), ("API version ", &meta.version), ("endpoint ", &meta.endpoint)]
            .iter()
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(label, value)| format!("{label}{}", code_span(value)))
            .collect();
    let name = rustdoc(&meta.name);
    if facts.is_empty() {
        name
    } else {
        format!("{name} ({})", facts.join(", "))
    }
}

/// `src/common_error.rs`: the shared enum of the codes common to every API, from the IR's
/// [`ProductMeta::common_errors`](crate::ir::ProductMeta::common_errors).
pub fn common_error_rs(meta: &crate::ir::ProductMeta) -> TokenStream {
    let rows: Vec<ErrorRow> = meta
        .common_errors
        .iter()
        .map(|e| ErrorRow {
            status: e.status,
            code: e.code.clone(),
            message: e.message.clone(),
            description: String::new(),
            line: 0,
        })
        .collect();
    let mut pages: Vec<&str> = Vec::new();
    for source in meta.common_errors.iter().flat_map(|e| &e.sources) {
        if !pages.contains(&source.file.as_str()) {
            pages.push(&source.file);
        }
    }
    let source = match pages.as_slice() {
        [] => "no guide page (the product's guides list none)".to_owned(),
        pages => format!(
            "the product's guide pages ({})",
            pages.iter().map(|p| code_span(p)).collect::<Vec<_>>().join(", ")
        ),
    };
    errors::common_error_tokens(&rows, &source)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever a product's name holds, the manifest is valid TOML that says exactly that.
    #[test]
    fn cargo_toml_keeps_quotes_newlines_and_toml_syntax_in_values() {
        let apis = [CrateApi {
            api_name: "RunInstances".into(),
            summary: String::new(),
            module: "run_instances".into(),
            request_type: "RunInstancesRequest".into(),
            roa: false,
        }];
        let runtime = RuntimeDependency { path: "../run\"time\\ [x]".into() };
        for description in [
            "Elastic \"Compute\" Service",
            "line one\nline two\r\n[package]\nname = \"evil\"",
            "'''\"\"\"\\u0041 # not a comment",
        ] {
            let text = cargo_toml("alibabacloud-ecs", description, &apis, &runtime);
            let parsed: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            assert_eq!(parsed["package"]["description"].as_str(), Some(description), "{text}");
            assert_eq!(parsed["package"]["name"].as_str(), Some("alibabacloud-ecs"), "{text}");
            let runtime_dep = parsed["dependencies"].as_table().and_then(|d| d.values().next()).unwrap();
            assert_eq!(runtime_dep["path"].as_str(), Some(runtime.path.as_str()));
        }
    }
}
