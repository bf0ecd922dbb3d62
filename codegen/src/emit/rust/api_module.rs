//! One API's module file: request, value enums, response and error enum.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir;

use super::docs::{inner_doc_attrs, rustdoc};
use super::names::{self, Namer};
use super::request::OperationInfo;
use super::{errors, request, request_model, response, value_enums};

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

/// The tokens of `src/<product>/<api>.rs`.
pub fn tokens(api: &ir::Api, meta: &ir::ProductMeta) -> TokenStream {
    let base = names::camel(&api.name);
    let request_name = format!("{base}Request");
    let builder_name = format!("{base}RequestBuilder");
    let response_name = format!("{base}Response");
    let error_name = format!("{base}Error");
    let mut reserved: Vec<&str> = PRELUDE_NAMES.to_vec();
    reserved.extend([
        request_name.as_str(),
        builder_name.as_str(),
        response_name.as_str(),
        error_name.as_str(),
    ]);
    let mut module_types = Namer::with_reserved(&reserved);

    let model = request_model::build(api, &request_name, &mut module_types);
    let op = OperationInfo { api, meta, response_name: &response_name, error_name: &error_name };
    let request = request::tokens(&model, &op);
    let enums = model.enums.iter().map(value_enums::tokens);
    let response = response::tokens(api, &response_name, &request_name, &mut module_types);
    let error = errors::api_error_tokens(&error_name, &request_name, &api.errors);

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
        #( #enums )*
        #response
        #error
    }
}
