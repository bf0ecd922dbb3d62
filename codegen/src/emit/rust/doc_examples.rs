//! A generated crate's doc-example test: `tests/doc_examples.json`, every API's own examples
//! (sample request, JSON and XML response samples, error codes; from the IR) and the docs'
//! known-wrong examples with their reasons, and `tests/doc_examples.rs`, one test per API naming
//! its types for the runtime's `doc_examples` checks to read that data through.

use std::fmt::Write as _;

use quote::{format_ident, quote};

use crate::ir::ExampleKind;

use super::api_module::ApiPlan;
use super::names;
use super::RustTokens;

/// The data file's path in the crate, beside the test that reads it.
pub const DATA_PATH: &str = "tests/doc_examples.json";

/// The test file's tokens: `crate_ident` is the crate's Rust name (`alibabacloud_ecs`), `modules`
/// each API's module (its feature and its key in the data file), in `plans`' order; one line of the
/// runtime's `doc_example_tests!` per API.
pub fn test_file(crate_ident: &str, plans: &[ApiPlan], modules: &[String]) -> RustTokens {
    let krate = format_ident!("{}", crate_ident);
    let tests = plans.iter().zip(modules).map(|(plan, module)| {
        let module_ident = names::ident(module);
        let [request, response, code] =
            [&plan.request_name, &plan.response_name, &plan.code_name].map(|n| format_ident!("{}", n));
        quote!(#module #module_ident #request #response #code;)
    });
    let mut file = RustTokens::with_inner_doc(
        "The docs' own examples through this crate, one test per API: the sample request's query\n\
         pairs read with `from_query_pairs`, written back to the same pairs and validated; the JSON\n\
         and XML response samples read into the response type, every key placed; each documented\n\
         error code mapped to its variant and back. The examples, and those the docs get wrong\n\
         with the reason (`spec/doc-example-findings.toml`), are `doc_examples.json`.",
    );
    if !plans.is_empty() {
        file.push(quote! {
            #krate::runtime::doc_example_tests!(#krate, include_str!("doc_examples.json"); #( #tests )*);
        });
    }
    file
}

/// The data file: `{"product", "apis": {module: {"api", "sample_request", "json_response",
/// "xml_response", "error_codes", "findings"}}}`, one line per query pair, error row and finding,
/// an example the page does not show `null`.
pub fn data_file(product: &str, plans: &[ApiPlan], modules: &[String]) -> String {
    let mut out = format!("{{\n  \"product\": {},\n  \"apis\": {{", json(product));
    for (i, (plan, module)) in plans.iter().zip(modules).enumerate() {
        let examples = &plan.api.examples;
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(out, "{sep}\n    {}: {{\n      \"api\": {},", json(module), json(&plan.api.name));
        out.push_str("\n      \"sample_request\": ");
        if examples.request.is_empty() {
            out.push_str("null");
        } else {
            list(
                &mut out,
                examples.request.iter().map(|p| format!("[{}, {}]", json(&p.key), json(&p.value))),
            );
        }
        for (key, sample) in
            [("json_response", &examples.json_response), ("xml_response", &examples.xml_response)]
        {
            let sample = sample.as_deref().map_or_else(|| "null".to_owned(), json);
            let _ = write!(out, ",\n      \"{key}\": {sample}");
        }
        out.push_str(",\n      \"error_codes\": ");
        list(
            &mut out,
            plan.api.errors.iter().map(|row| {
                let status = row.status.map_or_else(|| "null".to_owned(), |s| s.to_string());
                format!("[{}, {status}]", json(&row.code))
            }),
        );
        out.push_str(",\n      \"findings\": ");
        // The OpenAPI document's and the request table's findings are held by their own checks.
        list(
            &mut out,
            examples
                .findings
                .iter()
                .filter(|f| !matches!(f.example, ExampleKind::OpenapiExample | ExampleKind::ParameterValue))
                .map(|f| {
                    // The IR's spelling of the example (`json_response`), which the runtime reads.
                    let example = serde_json::to_string(&f.example).expect("an example kind serializes");
                    format!(
                        "{{\"example\": {example}, \"fails\": {}, \"reason\": {}}}",
                        json(&f.fails),
                        json(&f.reason)
                    )
                }),
        );
        out.push_str("\n    }");
    }
    out.push_str(if plans.is_empty() { "}\n}\n" } else { "\n  }\n}\n" });
    crate::escape::json_invisible(out)
}

/// `items` as a JSON array, one item a line (`[]` when there is none).
fn list(out: &mut String, items: impl Iterator<Item = String>) {
    let mut any = false;
    for item in items {
        out.push_str(if any { ",\n        " } else { "[\n        " });
        out.push_str(&item);
        any = true;
    }
    out.push_str(if any { "\n      ]" } else { "[]" });
}

/// A JSON string literal of `text`.
fn json(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

#[cfg(test)]
mod tests {
    use super::list;

    #[test]
    fn a_list_is_one_item_a_line_or_empty_brackets() {
        let mut out = String::new();
        list(&mut out, std::iter::empty());
        assert_eq!(out, "[]");
        out.clear();
        list(&mut out, ["1", "2"].into_iter().map(str::to_owned));
        assert_eq!(out, "[\n        1,\n        2\n      ]");
    }
}
