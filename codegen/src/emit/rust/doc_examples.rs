//! `tests/doc_examples.rs` of a generated crate: one test per API putting the page's own examples
//! (sample request, JSON and XML response samples, error codes; from the IR) through the crate with
//! the runtime's `doc_examples` checks, the docs' known-wrong examples listed with their reasons.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Api, ExampleKind};

use super::api_module::ApiPlan;
use super::names;

/// The test file's tokens: `crate_ident` is the crate's Rust name (`alibabacloud_ecs`), `product`
/// the product's folder name (`ecs`), `modules` each API's module, in `plans`' order.
pub fn test_file(crate_ident: &str, product: &str, plans: &[ApiPlan], modules: &[String]) -> TokenStream {
    let krate = format_ident!("{}", crate_ident);
    let tests = plans.iter().zip(modules).map(|(plan, module)| api_test(&krate, product, plan, module));
    let uses = (!plans.is_empty()).then(|| quote!(use #krate::runtime::doc_examples as docs;));
    quote! {
        //! The docs' own examples through this crate, one test per API: the sample request's query
        //! pairs read with `from_query_pairs`, written back to the same pairs and validated; the JSON
        //! and XML response samples read into the response type, every key placed; each documented
        //! error code mapped to its variant and back. Examples the docs get wrong are listed as
        //! findings with the reason (`spec/doc-example-findings.toml`).
        #![allow(clippy::needless_raw_string_hashes, clippy::too_many_lines)]

        #uses

        #( #tests )*
    }
}

fn api_test(krate: &proc_macro2::Ident, product: &str, plan: &ApiPlan, module: &str) -> TokenStream {
    let api: &Api = plan.api;
    let module_ident = names::ident(module);
    let [request, response, code] =
        [&plan.request_name, &plan.response_name, &plan.code_name].map(|n| format_ident!("{}", n));
    let api_name = api.name.as_str();
    let examples = &api.examples;
    let sample = if examples.request.is_empty() {
        quote!(check.absent(docs::Example::SampleRequest);)
    } else {
        let pairs = examples.request.iter().map(|p| {
            let (k, v) = (p.key.as_str(), p.value.as_str());
            quote!((#k, #v))
        });
        quote!(check.sample_request::<api::#request>(&[ #( #pairs ),* ]);)
    };
    let json = match &examples.json_response {
        Some(text) => {
            let text = raw_string(text);
            quote!(check.json_response::<api::#response>(#text);)
        }
        None => quote!(check.absent(docs::Example::JsonResponse);),
    };
    let xml = match &examples.xml_response {
        Some(text) => {
            let text = raw_string(text);
            quote!(check.xml_response::<api::#response>(#text);)
        }
        None => quote!(check.absent(docs::Example::XmlResponse);),
    };
    let rows = api.errors.iter().map(|row| {
        let code = row.code.as_str();
        let status = match row.status {
            Some(s) => {
                let s = Literal::u16_unsuffixed(s);
                quote!(Some(#s))
            }
            None => quote!(None),
        };
        quote!((#code, #status))
    });
    // The OpenAPI document's and the request table's findings are held by their own checks.
    let findings = examples.findings.iter().filter_map(|f| {
        let example = format_ident!(
            "{}",
            match f.example {
                ExampleKind::SampleRequest => "SampleRequest",
                ExampleKind::JsonResponse => "JsonResponse",
                ExampleKind::XmlResponse => "XmlResponse",
                ExampleKind::ErrorCodes => "ErrorCodes",
                ExampleKind::OpenapiExample | ExampleKind::ParameterValue => return None,
            }
        );
        let (fails, reason) = (f.fails.as_str(), f.reason.as_str());
        Some(quote!(docs::Finding { example: docs::Example::#example, fails: #fails, reason: #reason }))
    });
    quote! {
        #[cfg(feature = #module)]
        #[test]
        fn #module_ident() {
            use #krate::#module_ident as api;
            let mut check = docs::DocExamples::new(#product, #api_name);
            #sample
            #json
            #xml
            check.error_codes::<api::#code>(&[ #( #rows ),* ]);
            check.finish(&[ #( #findings ),* ]);
        }
    }
}

/// `text` as a raw string literal (with enough `#`s), so the committed test shows the sample as the
/// page does; a plain literal when it holds a carriage return, which raw strings cannot.
fn raw_string(text: &str) -> Literal {
    if text.contains('\r') {
        return Literal::string(text);
    }
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let hashes = "#".repeat(hashes);
    format!("r{hashes}\"{text}\"{hashes}").parse().unwrap_or_else(|_| Literal::string(text))
}
