//! A ROA operation's `RoaOperation` impl: its method, path template, where each top-level member
//! of the request goes (path, query, header, body) and how the body is made. The runtime places
//! the members of the request's docs-JSON form by this table (`alibabacloud_runtime::roa::build`).

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::render::{Block, BlockKind};
use super::request_model::RequestModel;
use crate::ir::{self, BodyEncoding, Index, Position, Roa};

/// The impl for `api`'s request, or nothing for an RPC operation.
pub fn roa_operation_impl(api: &ir::Api, model: &RequestModel) -> Option<Block> {
    let ir::Wire::Roa(roa) = &api.wire else { return None };
    let name = format_ident!("{}", model.structs[0].rust_name);
    let method = roa.method.as_str();
    let path = &roa.path;
    let positions = positions(api);
    let places = model.structs[0].fields.iter().filter_map(|field| {
        let position = *positions.get(field.doc_name.as_str())?;
        let doc_name = &field.doc_name;
        let place = match position {
            Position::Path => quote!(Path),
            Position::Query => quote!(Query),
            Position::Header => quote!(Header),
            Position::Body => quote!(Body),
        };
        Some(quote!((#doc_name, crate::runtime::roa::Place::#place)))
    });
    let body = body_kind(roa);
    let doc = format!("`{method} {path}`: where each member of the request goes, as the page documents it.");
    // Its items a member each, so that each prints without syn (`direct`'s constant items).
    let mut block =
        Block::documented(BlockKind::Impl, &doc, quote!(impl crate::runtime::roa::RoaOperation for #name));
    block.push(quote!(const METHOD: &'static str = #method;));
    block.push(quote!(const PATH: &'static str = #path;));
    block.push(
        quote!(const PLACES: &'static [(&'static str, crate::runtime::roa::Place)] = &[ #( #places ),* ];),
    );
    block.push(quote!(const BODY: crate::runtime::roa::BodyKind = #body;));
    Some(block)
}

/// The position of each top-level member (the first segment of a parameter's path, a literal
/// index kept), from its first parameter.
fn positions(api: &ir::Api) -> HashMap<String, Position> {
    let mut out = HashMap::new();
    for p in &api.request {
        let Some(first) = p.path.first() else { continue };
        let key = match first.index {
            Index::Literal(n) => format!("{}.{n}", first.name),
            Index::None | Index::Each => first.name.clone(),
        };
        out.entry(key).or_insert(p.position);
    }
    out
}

fn body_kind(roa: &Roa) -> TokenStream {
    match &roa.body {
        None => quote!(crate::runtime::roa::BodyKind::None),
        Some(body) => match (&body.whole, body.encoding) {
            (Some(whole), _) => quote!(crate::runtime::roa::BodyKind::Whole(#whole)),
            (None, BodyEncoding::Json) => quote!(crate::runtime::roa::BodyKind::Json),
            (None, BodyEncoding::Form) => quote!(crate::runtime::roa::BodyKind::Form),
        },
    }
}
