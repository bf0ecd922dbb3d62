//! The request's own tokens: `<Api>Request` (fields in the docs' JSON form), its builder (whose
//! `build` gives a `Validated` request), `from_query_pairs` and the `Operation` impl.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir;

use super::docs::doc_attrs;
use super::render::{Block, BlockKind, Piece};
use super::request_model::RequestModel;
use super::structs::{constructor, many_args_allow, request_struct, setter};

/// What the `Operation` impl needs to know besides the request model.
pub struct OperationInfo<'a> {
    pub api: &'a ir::Api,
    pub meta: &'a ir::ProductMeta,
    pub response_name: &'a str,
    pub error_name: &'a str,
}

/// The request struct, its builder, `from_query_pairs` and `impl Operation`: pieces of the module,
/// each printed on its own.
pub fn request_items(model: &RequestModel, op: &OperationInfo) -> Vec<Piece> {
    let root = &model.structs[0];
    let name = format_ident!("{}", root.rust_name);
    let builder = format_ident!("{}Builder", root.rust_name);
    let doc = format!(
        "The `{}` request: the docs' parameters, each as given (a [`Validated`] one kept every rule).\n\n\
         Start one with [`{1}::builder`]. Serde reads and writes it in the docs' JSON form \
         (`{{\"RegionId\": \"cn-hangzhou\", \"DataDisk\": [{{\"Size\": 40}}]}}`): an unknown key is an \
         error, a missing required parameter a violation.",
        op.api.name, root.rust_name
    );
    let item = request_struct(model, 0, &doc);
    let (args, init) = constructor(model, root);
    let allow = many_args_allow(args.len());
    let builder_doc = doc_attrs(&format!(
        "Builds a [`{0}`]: start with [`{0}::builder`], set what you need, then [`build`](Self::build).",
        root.rust_name
    ));
    let operation = operation_tokens(model, op);
    let impl_request = quote! {
        impl #name {
            /// Starts a request from its required parameters.
            #allow
            #[inline]
            pub fn builder(#( #args ),*) -> #builder {
                #builder(#init)
            }

            /// Reads wire pairs back into a request: the inverse of [`Operation::to_query_pairs`].
            /// `Action` must name this API when present; common request parameters (`Version`,
            /// `Signature`, …) are skipped. Rules (required parameters included) are left to validation.
            pub fn from_query_pairs<K: AsRef<str>, V: AsRef<str>>(
                pairs: impl IntoIterator<Item = (K, V)>,
            ) -> Result<Self, query::QueryError> {
                query::from_query_pairs(<Self as Operation>::ACTION, pairs)
            }
        }
    };
    let builder_struct = quote! {
        #builder_doc
        #[derive(Debug, Clone)]
        #[must_use]
        pub struct #builder(#name);
    };
    let mut builder_impl = Block::new(BlockKind::Impl, quote!(impl #builder));
    for f in root.fields.iter().filter(|f| !f.required) {
        let (doc, setter) = setter(model, f, &root.rust_name, quote!(self.0));
        builder_impl.push_documented(&doc, setter);
    }
    builder_impl.push(quote! {
            /// The finished request, checked against every rule the generator read from the docs
            /// ([`Operation::validate`]): every violation is reported at once.
            #[inline]
            pub fn build(self) -> Result<Validated<#name>, ValidationErrors> {
                Validated::new(self.0)
            }

            /// The finished request, not checked: for when the docs lag the service (a value it
            /// accepts that the docs do not list yet).
            #[inline]
            pub fn build_unvalidated(self) -> #name {
                self.0
            }
    });
    let mut pieces: Vec<Piece> = item.into_iter().map(Piece::from).collect();
    pieces.extend([impl_request.into(), builder_struct.into(), builder_impl.into(), operation.into()]);
    pieces
}

fn operation_tokens(model: &RequestModel, op: &OperationInfo) -> TokenStream {
    let root = &model.structs[0];
    let name = format_ident!("{}", root.rust_name);
    let response = format_ident!("{}", op.response_name);
    let error = format_ident!("{}", op.error_name);
    let action = &op.api.name;
    let version = &op.meta.version;
    let client_consts = super::client::operation_consts(op.api);
    let roa_hook = super::roa::operation_hook(op.api);
    quote! {
        impl Operation for #name {
            const ACTION: &'static str = #action;
            const VERSION: &'static str = #version;
            #client_consts
            type Response = #response;
            type Error = #error;

            #[inline]
            fn to_query_pairs(&self) -> query::QueryPairs {
                query::to_query_pairs(Self::ACTION, self)
            }

            #[inline]
            fn validate(&self) -> Result<(), ValidationErrors> {
                validation::validate(self)
            }

            #roa_hook
        }
    }
}
