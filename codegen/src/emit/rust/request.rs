//! The request's own tokens: `<Api>Request` (fields in the docs' JSON form), its constructor and
//! setters, and the runtime's `operation!` (its builder, `RequestBuilder<Request>`, whose `build`
//! gives a `Validated` request, `from_query_pairs` and the `GeneratedOperation` impl).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir;

use super::render::{Block, BlockKind, Piece};
use super::request_model::RequestModel;
use super::structs::{constructor, many_args_allow, push_setters, request_struct};

/// What the `GeneratedOperation` impl needs to know besides the request model.
pub struct OperationInfo<'a> {
    pub api: &'a ir::Api,
    /// The product's API version (`2014-05-26`).
    pub version: &'a str,
    pub response_name: &'a str,
    pub error_name: &'a str,
}

/// The request struct, its builder, `from_query_pairs` and `impl GeneratedOperation`: pieces of the module,
/// each printed on its own.
pub fn request_items(model: &RequestModel, op: &OperationInfo) -> Vec<Piece> {
    let root = &model.structs[0];
    let name = format_ident!("{}", root.rust_name);
    let builder = format_ident!("{}Builder", root.rust_name);
    let doc = format!(
        "The `{}` request: the docs' parameters, each as given (a [`Validated`](crate::runtime::Validated) one kept every rule).\n\n\
         Start one with [`{1}::builder`]. Serde reads and writes it in the docs' JSON form \
         (`{{\"RegionId\": \"cn-hangzhou\", \"DataDisk\": [{{\"Size\": 40}}]}}`): an unknown key is an \
         error, a missing required parameter a violation.",
        op.api.name, root.rust_name
    );
    let item = request_struct(model, 0, &doc);
    let (args, init) = constructor(model, root);
    let allow = many_args_allow(args.len());
    let mut impl_request = Block::new(BlockKind::Impl, quote!(impl #name));
    impl_request.push_documented(
        "Starts a request from its required parameters.",
        quote! {
            #allow
            #[inline]
            pub fn builder(#( #args ),*) -> #builder {
                crate::RequestBuilder(#init)
            }
        },
    );
    let mut setters = Block::new(BlockKind::Impl, quote!(impl #builder));
    push_setters(&mut setters, model, root.fields.iter().filter(|f| !f.required), &root.rust_name, true);
    let mut pieces: Vec<Piece> = item.into_iter().map(Piece::from).collect();
    pieces.extend([impl_request.into(), operation_tokens(model, op).into(), setters.into()]);
    pieces
}

/// `crate::runtime::operation!(…)`: the builder type, `from_query_pairs` and `impl GeneratedOperation`.
fn operation_tokens(model: &RequestModel, op: &OperationInfo) -> TokenStream {
    let root = &model.structs[0];
    let name = format_ident!("{}", root.rust_name);
    let builder = format_ident!("{}Builder", root.rust_name);
    let response = format_ident!("{}", op.response_name);
    let error = format_ident!("{}", op.error_name);
    let action = &op.api.name;
    let version = op.version;
    let options = super::client::operation_options(op.api);
    let roa = matches!(op.api.wire, ir::Wire::Roa(_)).then(|| quote!(, roa));
    quote! {
        crate::runtime::operation!(
            #name, #builder, #response, #error, #action, #version, #options #roa
        );
    }
}
