//! Response tokens: one struct per object in the response tree, read leniently from the service's JSON.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{self, FieldShape, ScalarType};

use super::docs::{doc_attrs, item_doc};
use super::names::{self, ident, Namer};

/// Emits the response structs of one API, the root named `response_name`.
pub fn tokens(
    api: &ir::Api,
    response_name: &str,
    request_name: &str,
    module_types: &mut Namer,
) -> TokenStream {
    let mut emitter = Emitter { module_types, seen: BTreeMap::new(), items: Vec::new() };
    let doc = format!("The successful response of [`{request_name}`].");
    emitter.emit_struct(response_name.to_owned(), &doc, &api.response);
    let items = emitter.items;
    quote!( #( #items )* )
}

struct Emitter<'a> {
    module_types: &'a mut Namer,
    /// Structure signature → type name, so identical nested objects share one type.
    seen: BTreeMap<String, String>,
    items: Vec<TokenStream>,
}

fn scalar_type(ty: ScalarType) -> TokenStream {
    match ty {
        ScalarType::String => quote!(String),
        ScalarType::Integer => quote!(i32),
        ScalarType::Long => quote!(i64),
        ScalarType::Float | ScalarType::Double => quote!(f64),
        ScalarType::Boolean => quote!(bool),
        ScalarType::Json => quote!(serde_json::Value),
    }
}

/// The structure of a field list without prose, for sharing identical nested types.
fn signature(fields: &[ir::Field]) -> String {
    fields
        .iter()
        .map(|f| {
            let shape = match &f.shape {
                FieldShape::Scalar { ty } => format!("{ty:?}"),
                FieldShape::ScalarList { ty, wrapper } => format!("[{ty:?};{wrapper:?}]"),
                FieldShape::Struct { fields } => format!("{{{}}}", signature(fields)),
                FieldShape::Array { item, wrapper, fields } => {
                    format!("[{item};{wrapper:?};{{{}}}]", signature(fields))
                }
            };
            format!("{}:{shape}", f.name)
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Fields of a struct, keeping only the first of repeated JSON keys.
fn unique_fields(fields: &[ir::Field]) -> Vec<&ir::Field> {
    let mut seen = std::collections::BTreeSet::new();
    fields.iter().filter(|f| seen.insert(f.name.as_str())).collect()
}

impl Emitter<'_> {
    /// The type name for a nested object, emitting it the first time its structure is seen.
    fn nested(&mut self, type_doc_name: &str, json_path: &str, fields: &[ir::Field]) -> String {
        let key = format!("{}|{}", names::camel(type_doc_name), signature(fields));
        if let Some(name) = self.seen.get(&key) {
            return name.clone();
        }
        let name = self
            .module_types
            .claim(&[names::camel(type_doc_name), format!("{}Info", names::camel(type_doc_name))]);
        self.seen.insert(key, name.clone());
        self.emit_struct(name.clone(), &format!("An object of the response's `{json_path}`."), fields);
        name
    }

    fn emit_struct(&mut self, name: String, doc: &str, fields: &[ir::Field]) {
        let slot = self.items.len();
        self.items.push(TokenStream::new());
        let fields = unique_fields(fields);
        let doc_names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        let rust_names = names::snake_names(&mut Namer::default(), &doc_names);
        let members: Vec<TokenStream> = fields
            .iter()
            .zip(rust_names)
            .map(|(f, rust_name)| {
                let fname = ident(&rust_name);
                let key = &f.name;
                let fdoc = doc_attrs(&item_doc(&f.description, f.example.as_deref()));
                let (ty, serde) = match &f.shape {
                    FieldShape::Scalar { ty } => {
                        let t = scalar_type(*ty);
                        (quote!(Option<#t>), quote!(#[serde(rename = #key, default, deserialize_with = "crate::runtime::de::scalar")]))
                    }
                    FieldShape::ScalarList { ty, wrapper } => {
                        let t = scalar_type(*ty);
                        let with = if wrapper.is_some() { "crate::runtime::de::wrapped_scalar_list" } else { "crate::runtime::de::scalar_list" };
                        (quote!(Vec<#t>), quote!(#[serde(rename = #key, default, deserialize_with = #with)]))
                    }
                    FieldShape::Struct { fields } => {
                        let t = format_ident!("{}", self.nested(&f.name, &f.name, fields));
                        (quote!(Option<#t>), quote!(#[serde(rename = #key, default)]))
                    }
                    FieldShape::Array { item, wrapper, fields } => {
                        let type_doc_name = if item.trim().is_empty() { f.name.as_str() } else { item.as_str() };
                        let t = format_ident!("{}", self.nested(type_doc_name, &f.name, fields));
                        let with = if wrapper.is_some() { "crate::runtime::de::wrapped_list" } else { "crate::runtime::de::list" };
                        (quote!(Vec<#t>), quote!(#[serde(rename = #key, default, deserialize_with = #with)]))
                    }
                };
                quote!(#fdoc #serde pub #fname: #ty,)
            })
            .collect();
        let name = format_ident!("{}", name);
        let doc = doc_attrs(doc);
        self.items[slot] = quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
            #[non_exhaustive]
            pub struct #name { #( #members )* }
        };
    }
}
