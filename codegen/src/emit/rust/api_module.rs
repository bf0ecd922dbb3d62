//! One API's module file: request, value enums (or re-exports of the product's shared ones), response and error enum.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir;

use super::docs::{inner_doc_attrs, rustdoc};
use super::names::{self, Namer};
use super::request::OperationInfo;
use super::request_model::RequestModel;
use super::{errors, request, request_model, response, roa, value_enums};

/// Names the generated code uses unqualified, which no generated type may shadow.
const PRELUDE_NAMES: &[&str] = &[
    "Box",
    "Default",
    "Err",
    "From",
    "Into",
    "IntoIterator",
    "None",
    "Ok",
    "Option",
    "Result",
    "Self",
    "Some",
    "String",
    "Vec",
];

/// One API's module with its request model built and type names handed out, ready to be made into
/// tokens; the product's shared types are found from these before any module is made.
#[derive(Debug)]
pub struct ApiPlan<'a> {
    pub api: &'a ir::Api,
    pub meta: &'a ir::ProductMeta,
    pub request_name: String,
    pub model: RequestModel,
    /// The module's type names taken so far (request types); the response takes its names after them.
    module_types: Namer,
    /// For each of `model.enums`, the module in the product's `shared.rs` whose enum it re-exports, if any.
    pub shared_enums: Vec<Option<String>>,
}

impl<'a> ApiPlan<'a> {
    /// Builds the request model; no enum is shared yet.
    pub fn new(api: &'a ir::Api, meta: &'a ir::ProductMeta) -> Self {
        let base = names::camel(&api.name);
        let request_name = format!("{base}Request");
        let [builder_name, response_name, error_name] =
            ["RequestBuilder", "Response", "Error"].map(|suffix| format!("{base}{suffix}"));
        let mut reserved: Vec<&str> = PRELUDE_NAMES.to_vec();
        reserved.extend([
            request_name.as_str(),
            builder_name.as_str(),
            response_name.as_str(),
            error_name.as_str(),
        ]);
        let mut module_types = Namer::with_reserved(&reserved);
        let model = request_model::build(api, &request_name, &mut module_types);
        let shared_enums = vec![None; model.enums.len()];
        Self { api, meta, request_name, model, module_types, shared_enums }
    }

    /// The tokens of `src/<product>/<api>.rs`.
    pub fn tokens(&self) -> TokenStream {
        let api = self.api;
        let base = names::camel(&api.name);
        let request_name = &self.request_name;
        let response_name = format!("{base}Response");
        let error_name = format!("{base}Error");
        let mut module_types = self.module_types.clone();
        let op =
            OperationInfo { api, meta: self.meta, response_name: &response_name, error_name: &error_name };
        let request = request::tokens(&self.model, &op);
        let roa = roa::tokens(api, &self.model);
        let enums = self.model.enums.iter().zip(&self.shared_enums).map(|(e, shared)| match shared {
            Some(module) => {
                let (module, name) = (names::ident(module), format_ident!("{}", e.rust_name));
                quote!(pub use super::shared::#module::#name;)
            }
            None => value_enums::tokens(e, &value_enums::own_doc(e)),
        });
        let response = response::tokens(api, &response_name, request_name, &mut module_types);
        let error = errors::api_error_tokens(&error_name, request_name, &api.errors);

        let mut module_doc = format!("`{}`: {}", api.name, rustdoc(&api.summary));
        module_doc.push_str(&format!(
            "\n\nSend a [`{request_name}`]; the service answers with a [`{response_name}`] or a [`{error_name}`].\n\n\
             Generated from {}.",
            super::docs::code_span(&api.source)
        ));
        let inner_doc = inner_doc_attrs(&module_doc);
        quote! {
            #inner_doc
            #request
            #roa
            #( #enums )*
            #response
            #error
        }
    }
}
