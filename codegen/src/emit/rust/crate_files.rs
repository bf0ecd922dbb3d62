//! The crate's non-API files: `Cargo.toml`, `README.md`, `src/lib.rs`, product modules, runtime, common errors.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{self, ErrorRow};

use super::docs::{code_span, inner_doc_attrs, rustdoc};
use super::names::ident;
use super::{common_errors, errors, shared_types, CrateApi, HEADER};

/// Runtime files copied verbatim (after the header line) into `src/runtime/`, each a public module.
pub const RUNTIME_FILES: &[(&str, &str)] = &[
    ("client.rs", include_str!("../../../runtime/client.rs")),
    ("credentials.rs", include_str!("../../../runtime/credentials.rs")),
    ("de.rs", include_str!("../../../runtime/de.rs")),
    ("dry_run.rs", include_str!("../../../runtime/dry_run.rs")),
    ("endpoint.rs", include_str!("../../../runtime/endpoint.rs")),
    ("operation.rs", include_str!("../../../runtime/operation.rs")),
    ("query.rs", include_str!("../../../runtime/query.rs")),
    ("redacted.rs", include_str!("../../../runtime/redacted.rs")),
    ("secret.rs", include_str!("../../../runtime/secret.rs")),
    ("signing.rs", include_str!("../../../runtime/signing.rs")),
    ("validation.rs", include_str!("../../../runtime/validation.rs")),
];

/// `rustfmt.toml`: the crate is formatted by prettyplease when written; `cargo fmt` must leave it as is,
/// or `cargo xtask check` would find it stale.
pub const RUSTFMT_TOML: &str =
    "# Formatted by prettyplease when `cargo xtask gen` writes it; rustfmt leaves it alone.\ndisable_all_formatting = true\n";

/// The runtime's own dependencies and features, spliced into `Cargo.toml` after the emitter's.
pub const RUNTIME_CARGO_FRAGMENT: &str = include_str!("../../../runtime/Cargo.fragment.toml");

/// The lines of one `[section]` of the fragment, comments and blank lines left out.
fn fragment_section(section: &str) -> Vec<&'static str> {
    let header = format!("[{section}]");
    RUNTIME_CARGO_FRAGMENT
        .lines()
        .map(str::trim)
        .skip_while(|l| *l != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// `Cargo.toml`: no `[workspace]` table, a feature per API, `default` enabling all.
pub fn cargo_toml(package: &str, description: &str, apis: &[CrateApi]) -> String {
    let mut features: Vec<&str> = apis.iter().map(|a| a.feature.as_str()).collect();
    features.sort_unstable();
    let mut out = String::new();
    out.push_str(&format!("# {}\n", HEADER.trim_start_matches("// ").trim_end()));
    out.push_str("[package]\n");
    out.push_str(&format!("name = \"{package}\"\n"));
    out.push_str("version = \"0.1.0\"\nedition = \"2021\"\nrust-version = \"1.80\"\npublish = false\n");
    out.push_str("license = \"MIT OR Apache-2.0\"\n");
    out.push_str(&format!("description = {}\n", toml_string(description)));
    out.push_str("\n[dependencies]\n");
    out.push_str("serde = { version = \"1\", features = [\"derive\"] }\n");
    out.push_str("serde_json = { version = \"1\", features = [\"preserve_order\"] }\n");
    for line in fragment_section("dependencies") {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("\n[features]\n");
    if features.is_empty() {
        out.push_str("default = []\n");
    } else {
        out.push_str("default = [\n");
        for f in &features {
            out.push_str(&format!("    \"{f}\",\n"));
        }
        out.push_str("]\n");
    }
    for f in &features {
        out.push_str(&format!("{f} = []\n"));
    }
    for line in fragment_section("features") {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `README.md`: what the crate is, how to use it, its features.
pub fn readme(package: &str, crate_ident: &str, products: &[ir::Product], apis: &[CrateApi]) -> String {
    let mut out = format!("<!-- {} -->\n\n# {package}\n\n", HEADER.trim_start_matches("// ").trim_end());
    let names: Vec<String> = products
        .iter()
        .map(|p| format!("{} (`{}`, API version {})", p.meta.name, p.meta.code, p.meta.version))
        .collect();
    out.push_str(&format!(
        "Typed requests, responses and errors for Alibaba Cloud {}, generated from the API reference pages by \
         `cargo xtask gen`.\n\n",
        names.join(", ")
    ));
    out.push_str(
        "- Requests: a struct per API with a builder; serde reads and writes the docs' JSON form; \
         `Operation::to_query_pairs` gives the exact RPC wire pairs and `from_query_pairs` reads them back.\n\
         - Responses: structs read leniently from the service's JSON (numbers sent as strings, list wrappers, \
         absent fields).\n\
         - Errors: an enum per API with a variant per documented code, a shared `CommonError`, and an \
         `Unknown` fallback.\n\n",
    );
    if let Some(a) = apis.first() {
        out.push_str("## Example\n\n```rust,ignore\n");
        out.push_str(&format!("use {crate_ident}::Operation;\n"));
        out.push_str(&format!(
            "use {crate_ident}::{}::{}::{};\n\n",
            a.product_module, a.module, a.request_type
        ));
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
        apis.first().map(|a| format!("\"{}\"", a.feature)).unwrap_or_default()
    ));
    out.push_str("| Feature | API | Summary |\n|---|---|---|\n");
    for a in apis {
        let summary = a.summary.replace('|', "\\|").replace('\n', " ");
        out.push_str(&format!("| `{}` | `{}` | {} |\n", a.feature, a.api_name, summary.trim()));
    }
    out
}

/// `src/lib.rs`.
pub fn lib_rs(products: &[(String, &ir::Product)]) -> TokenStream {
    let mut doc = String::from("Typed requests, responses and errors for Alibaba Cloud APIs, generated from their reference pages.\n\n");
    for (module, p) in products {
        doc.push_str(&format!("- [`{module}`] — {}\n", product_line(&p.meta)));
    }
    doc.push_str(
        "\nEach API is a module behind a cargo feature of the same name; `default` enables all of them. \
         [`runtime`] holds what every API shares, [`CommonError`] the error codes common to every API.",
    );
    let doc = inner_doc_attrs(&doc);
    let modules = products.iter().map(|(module, _)| {
        let m = ident(module);
        quote!(pub mod #m;)
    });
    quote! {
        #doc
        mod common_error;
        pub mod runtime;

        pub use common_error::CommonError;
        pub use runtime::{ErrorBody, Operation, ValidationErrors, Violation};

        #( #modules )*
    }
}

/// `Elastic Compute Service (`Ecs`, API version `2014-05-26`, endpoint `ecs.aliyuncs.com`)`, leaving out
/// what `product.toml` did not give.
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

/// `src/<product>/mod.rs`: one feature-gated module per API, and the private module of the types
/// several APIs share when there are any.
pub fn product_mod_rs(product: &ir::Product, apis: &[&CrateApi], has_shared: bool) -> TokenStream {
    let doc = inner_doc_attrs(&format!("{}.", product_line(&product.meta)));
    let modules = apis.iter().map(|a| {
        let feature = &a.feature;
        let m = ident(&a.module);
        quote! {
            #[cfg(feature = #feature)]
            pub mod #m;
        }
    });
    let shared = has_shared.then(|| {
        let m = ident(shared_types::MODULE);
        quote!(mod #m;)
    });
    quote! { #doc #shared #( #modules )* }
}

/// `src/runtime/mod.rs`: every runtime file as a public module.
pub fn runtime_mod_rs() -> TokenStream {
    let modules = RUNTIME_FILES.iter().map(|(file, _)| {
        let m = ident(file.trim_end_matches(".rs"));
        quote!(pub mod #m;)
    });
    quote! {
        //! Hand-written support every generated API shares, copied from `codegen/runtime/`.

        #( #modules )*

        pub use operation::{DocumentedCode, ErrorBody, Operation};
        pub use redacted::Redacted;
        pub use validation::{ValidationErrors, Violation};
    }
}

/// `src/common_error.rs`: the shared enum of codes common to every API.
pub fn common_error_rs() -> TokenStream {
    let rows: Vec<ErrorRow> = common_errors::COMMON_ERRORS
        .iter()
        .map(|(status, code, message)| ErrorRow {
            status: Some(*status),
            code: (*code).to_owned(),
            message: (*message).to_owned(),
            description: String::new(),
            line: 0,
        })
        .collect();
    let enum_tokens = errors::common_error_tokens(&rows, common_errors::SOURCE);
    quote! {
        //! Error codes common to every API.
        #enum_tokens
    }
}
