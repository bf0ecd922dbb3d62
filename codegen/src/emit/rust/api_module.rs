//! One API's module file: request, value enums, response and error codes (or re-exports of the
//! product's shared ones), and a private `schema` submodule with the field tables.

use proc_macro2::Ident;
use quote::{format_ident, quote};

use crate::ir;

use super::docs::{code_span, rustdoc};
use super::names::{self, Namer};
use super::request::OperationInfo;
use super::request_model::{FieldKind, RequestModel, ValueType};
use super::response_model::ResponseModel;
use super::shared_types::REQUEST_ID_RESPONSE;
use super::structs::{self, SchemaUses};
use super::{errors, request, request_model, response_model, roa, value_enums};

/// Names the generated code uses unqualified, which no generated type may shadow: the prelude's and
/// the runtime's it imports.
const RESERVED_TYPE_NAMES: &[&str] = &[
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
    "ErrorCodes",
    "Operation",
    "Secret",
    "ServiceError",
    "UnknownValue",
    "Validated",
    "ValidationErrors",
    "ValueEnum",
];

/// One API's module with its models built and type names handed out, ready to be made into tokens;
/// the product's shared types are found from these before any module is made.
#[derive(Debug)]
pub struct ApiPlan<'a> {
    pub api: &'a ir::Api,
    /// The product's API version: all the module reads of the product.
    pub version: &'a str,
    pub request_name: String,
    pub response_name: String,
    pub error_name: String,
    pub code_name: String,
    pub request: RequestModel,
    pub response: ResponseModel,
    /// For each of `request.enums`, the module in `shared.rs` whose enum it re-exports, if any.
    pub shared_enums: Vec<Option<String>>,
    /// For each of `request.structs` (the request itself never), the shared module, if any.
    pub shared_groups: Vec<Option<String>>,
    /// For each of `response.structs`, the shared module, if any (for the response itself, only
    /// [`REQUEST_ID_RESPONSE`]'s).
    pub shared_responses: Vec<Option<String>>,
}

impl<'a> ApiPlan<'a> {
    /// What the module is made from besides the API and its product's version: a plan is
    /// [`ApiPlan::new`] of those two (a pure function of them), plus what
    /// [`share_types`](super::shared_types::share_types) put in its `shared_*` slots.
    pub fn shared(&self) -> impl std::fmt::Debug + '_ {
        (&self.shared_enums, &self.shared_groups, &self.shared_responses)
    }

    /// Builds the request and response models; nothing is shared yet.
    pub fn new(api: &'a ir::Api, version: &'a str) -> Self {
        let base = names::camel(&api.name);
        let [request_name, builder_name, response_name, error_name, code_name] =
            ["Request", "RequestBuilder", "Response", "Error", "ErrorCode"]
                .map(|suffix| format!("{base}{suffix}"));
        let mut reserved: Vec<&str> = RESERVED_TYPE_NAMES.to_vec();
        reserved.extend(
            [&request_name, &builder_name, &response_name, &error_name, &code_name].map(String::as_str),
        );
        let mut module_types = Namer::with_reserved(&reserved);
        let request = request_model::build(api, &request_name, &mut module_types);
        let response = response_model::build(api, &response_name, &mut module_types);
        let shared_enums = vec![None; request.enums.len()];
        let shared_groups = vec![None; request.structs.len()];
        let shared_responses = vec![None; response.structs.len()];
        Self {
            api,
            version,
            request_name,
            response_name,
            error_name,
            code_name,
            request,
            response,
            shared_enums,
            shared_groups,
            shared_responses,
        }
    }

    /// The tokens of `src/<api>.rs`, a piece per item (see [`super::render`]).
    pub fn module_tokens(&self) -> super::RustTokens {
        let api = self.api;
        let (request, response) = (&self.request, &self.response);
        let mut uses = SchemaUses::default();
        let mut schema_impls = Vec::new();
        let mut reexports = Vec::new();
        let reexport = |module: &str, name: &str| {
            let (module, name) = (names::ident(module), format_ident!("{}", name));
            quote!(pub use crate::shared::#module::#name;)
        };

        let op = OperationInfo {
            api,
            version: self.version,
            response_name: &self.response_name,
            error_name: &self.error_name,
        };
        let request_tokens = request::request_items(request, &op);
        let roa = roa::roa_operation_impl(api, request);
        schema_impls.push(structs::request_schema(request, 0, &mut uses));
        let mut json_form: Vec<Ident> = vec![format_ident!("{}", self.request_name)];
        let mut groups = Vec::new();
        for (index, shared) in self.shared_groups.iter().enumerate().skip(1) {
            let s = &request.structs[index];
            match shared {
                Some(module) => reexports.push(reexport(module, &s.rust_name)),
                None => {
                    groups.push(structs::request_struct(request, index, &group_doc(&s.wire_prefix)));
                    schema_impls.push(structs::request_schema(request, index, &mut uses));
                    json_form.push(format_ident!("{}", s.rust_name));
                }
            }
        }
        let enums: Vec<[super::Piece; 2]> = request
            .enums
            .iter()
            .zip(&self.shared_enums)
            .filter_map(|(e, shared)| match shared {
                Some(module) => {
                    reexports.push(reexport(module, &e.rust_name));
                    None
                }
                None => Some(value_enums::enum_items(e, &value_enums::own_doc(e))),
            })
            .collect();
        let mut lenient: Vec<Ident> = Vec::new();
        let mut responses = Vec::new();
        let mut response_alias = None;
        for (index, shared) in self.shared_responses.iter().enumerate() {
            let s = &response.structs[index];
            match shared {
                Some(module) if index == 0 => {
                    reexports.push(reexport(module, REQUEST_ID_RESPONSE));
                    response_alias = Some(self.request_id_response_alias());
                }
                Some(module) => reexports.push(reexport(module, &s.rust_name)),
                None => {
                    let doc = if index == 0 {
                        format!("The successful response of [`{}`].", self.request_name)
                    } else {
                        response_doc(&s.doc_name)
                    };
                    responses.push(structs::response_struct(response, index, &doc));
                    schema_impls.push(structs::response_schema(response, index, &mut uses));
                    lenient.push(format_ident!("{}", s.rust_name));
                }
            }
        }
        let error = errors::api_error_tokens(
            &self.error_name,
            &self.code_name,
            &self.request_name,
            &api.name,
            &api.errors,
        );

        let mut runtime_names = vec!["ServiceError"];
        if own_secret(request, &self.shared_groups) {
            runtime_names.push("Secret");
        }
        if !enums.is_empty() {
            runtime_names.push("UnknownValue");
        }
        runtime_names.sort_unstable_by_key(|n| (n.starts_with(char::is_uppercase), *n));
        let runtime_names = runtime_names.iter().map(|n| format_ident!("{}", n));

        let mut module_doc = format!("`{}`: {}", api.name, rustdoc(&api.summary));
        module_doc.push_str(&format!(
            "\n\nBuild a [`{0}`] with [`{0}::builder`]; the service answers with a [`{1}`] or a [`{2}`].\n\n\
             Generated from {3}.",
            self.request_name,
            self.response_name,
            self.error_name,
            code_span(&api.source)
        ));
        let mut file = super::RustTokens::with_inner_doc(&module_doc);
        file.push(quote! {
            use crate::runtime::{ #( #runtime_names ),* };
            #( #reexports )*
        });
        for piece in request_tokens {
            file.push_piece(piece);
        }
        if let Some(roa) = roa {
            file.push_block(roa);
        }
        groups.into_iter().flatten().for_each(|block| file.push_block(block));
        enums.into_iter().flatten().for_each(|piece| file.push_piece(piece));
        file.push(quote!(crate::runtime::json_form!( #( #json_form ),* );));
        response_alias.into_iter().for_each(|piece| file.push_piece(piece));
        responses.into_iter().for_each(|block| file.push_block(block));
        if !lenient.is_empty() {
            file.push(quote!(crate::runtime::lenient_json!( #( #lenient ),* );));
        }
        error.into_iter().for_each(|piece| file.push_piece(piece));
        uses.push_module(&mut file, schema_impls);
        file
    }

    /// `pub type <Api>Response = RequestIdResponse;`, for a response shared as
    /// [`REQUEST_ID_RESPONSE`].
    fn request_id_response_alias(&self) -> super::Piece {
        let (alias, shared) =
            (format_ident!("{}", self.response_name), format_ident!("{}", REQUEST_ID_RESPONSE));
        let doc = format!(
            "The successful response of [`{}`]: the ID of the request only, as a [`{REQUEST_ID_RESPONSE}`].",
            self.request_name
        );
        super::Piece::Documented { doc, members: quote!(pub type #alias = #shared;) }
    }
}

/// The doc of a request group struct.
pub fn group_doc(wire_prefix: &str) -> String {
    format!("The `{wire_prefix}.*` request parameters.")
}

/// The doc of a nested response struct.
pub fn response_doc(doc_name: &str) -> String {
    format!("One {} object in a response.", code_span(doc_name))
}

/// Whether a struct the module defines itself (the request, or a group not shared) holds a secret.
fn own_secret(request: &RequestModel, shared_groups: &[Option<String>]) -> bool {
    request
        .structs
        .iter()
        .zip(shared_groups)
        .filter(|(_, shared)| shared.is_none())
        .any(|(s, _)| s.fields.iter().any(holds_secret))
}

/// Whether a field's type is `Secret` (or a list of them).
pub fn holds_secret(f: &super::request_model::FieldModel) -> bool {
    let string = ValueType::Scalar(crate::ir::ScalarType::String);
    f.secret && matches!(f.kind, FieldKind::Scalar(v) | FieldKind::List(v) if v == string)
}
