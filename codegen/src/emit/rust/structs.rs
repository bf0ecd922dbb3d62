//! Struct tokens: request structs (fields, and for groups a constructor and setters), response
//! structs, and each one's field table and accessors (`impl Schema`, which goes into the module's
//! private `schema` submodule: the runtime walks structs through it, users never see it).

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ir::ScalarType;

use super::checks::{cross_check_tokens, field_check_tokens};
use super::docs::doc_attrs;
use super::names::ident;
use super::render::{Block, BlockKind};
use super::request_model::{FieldKind, FieldModel, RequestModel, StructModel, ValueType};
use super::response_model::{ResponseKind, ResponseModel};

/// Arguments beyond which clippy's `too_many_arguments` needs silencing on a constructor.
const CLIPPY_MAX_ARGS: usize = 7;

/// The runtime names a `schema` submodule uses, collected while its impls are made.
#[derive(Debug, Default)]
pub struct SchemaUses(BTreeSet<&'static str>);

impl SchemaUses {
    fn add(&mut self, name: &'static str) {
        self.0.insert(name);
    }

    /// `mod schema { use …; #impls }` as one token stream, or nothing when there are no impls.
    pub fn module(&self, impls: Vec<Block>) -> TokenStream {
        let mut file = super::RustTokens::default();
        self.push_module(&mut file, impls);
        file.into_tokens()
    }

    /// Appends `mod schema { use …; #impls }` to `file`, each impl a piece of its own; nothing when
    /// there are no impls.
    pub fn push_module(&self, file: &mut super::RustTokens, impls: Vec<Block>) {
        if impls.is_empty() {
            return;
        }
        let group = |module: &str, names: &[&str]| {
            let used: Vec<Ident> =
                names.iter().filter(|n| self.0.contains(**n)).map(|n| format_ident!("{}", n)).collect();
            let module = format_ident!("{}", module);
            match used.len() {
                0 => TokenStream::new(),
                1 => quote!(use crate::runtime::#module::#( #used )*;),
                _ => quote!(use crate::runtime::#module::{ #( #used ),* };),
            }
        };
        let rules = group("rules", &["Rule"]);
        let schema = group("schema", &["Field", "FieldValue", "Schema", "Slot", "View"]);
        let validation = group("validation", &["Check", "CrossCheck", "CrossRule", "Path"]);
        let mut module = Block::new(
            BlockKind::Module,
            quote! {
                /// How this module's structs describe themselves to the runtime: field tables and accessors.
                mod schema
            },
        );
        module.push(quote!(#rules #schema #validation));
        impls.into_iter().for_each(|i| module.push_block(i));
        file.push_block(module);
    }
}

/// The Rust type of one wire value of a request field.
pub fn value_type(model: &RequestModel, value: ValueType, secret: bool) -> TokenStream {
    match value {
        ValueType::Scalar(ScalarType::String) if secret => quote!(Secret),
        ValueType::Scalar(ty) => scalar_type(ty),
        ValueType::Enum(i) => {
            let name = format_ident!("{}", model.enums[i].rust_name);
            quote!(#name)
        }
    }
}

pub fn scalar_type(ty: ScalarType) -> TokenStream {
    match ty {
        ScalarType::String => quote!(String),
        ScalarType::Integer => quote!(i32),
        ScalarType::Long => quote!(i64),
        ScalarType::Float | ScalarType::Double => quote!(f64),
        ScalarType::Boolean => quote!(bool),
        ScalarType::Json => quote!(crate::runtime::JsonValue),
    }
}

fn struct_name(model: &RequestModel, index: usize) -> Ident {
    format_ident!("{}", model.structs[index].rust_name)
}

/// A request field's type: `Option<T>`, or `Vec<T>` for a list.
fn field_type(model: &RequestModel, field: &FieldModel) -> TokenStream {
    match field.kind {
        FieldKind::Scalar(v) => {
            let t = value_type(model, v, field.secret);
            quote!(Option<#t>)
        }
        FieldKind::List(v) => {
            let t = value_type(model, v, field.secret);
            quote!(Vec<#t>)
        }
        FieldKind::Group(i) => {
            let name = struct_name(model, i);
            quote!(Option<#name>)
        }
        FieldKind::GroupList(i) => {
            let name = struct_name(model, i);
            quote!(Vec<#name>)
        }
    }
}

/// `#[derive(…)] #[non_exhaustive] pub struct Name { fields }` with its doc, a field (its doc and
/// its declaration) a piece.
fn struct_item(name: &Ident, doc: &str, fields: Vec<(&str, TokenStream)>) -> Block {
    let doc = doc_attrs(doc);
    let mut item = Block::new(
        BlockKind::Struct,
        quote! {
            #doc
            #[derive(Clone, Default)]
            #[non_exhaustive]
            pub struct #name
        },
    );
    fields.into_iter().for_each(|(doc, field)| item.push_documented(doc, field));
    item
}

/// The request struct `model.structs[index]`, documented by `doc`; groups also get their
/// constructor and setters (an impl block after it).
pub fn request_struct(model: &RequestModel, index: usize, doc: &str) -> Vec<Block> {
    let s = &model.structs[index];
    let name = struct_name(model, index);
    let fields: Vec<(&str, TokenStream)> = s
        .fields
        .iter()
        .map(|f| {
            let (fname, ty) = (ident(&f.rust_name), field_type(model, f));
            (f.doc.as_str(), quote! { pub #fname: #ty, })
        })
        .collect();
    let item = struct_item(&name, doc, fields);
    if index == 0 {
        return vec![item];
    }
    let (args, init) = constructor(model, s);
    let allow = many_args_allow(args.len());
    let mut impls = Block::new(BlockKind::Impl, quote!(impl #name));
    impls.push(quote! {
        /// A value with the required members set and the rest unset.
        #allow
        #[inline]
        pub fn new(#( #args ),*) -> Self {
            #init
        }
    });
    for f in &s.fields {
        let (doc, setter) = setter(model, f, &s.rust_name, quote!(self));
        impls.push_documented(&doc, setter);
    }
    vec![item, impls]
}

/// A setter's (or constructor's) parameter: its type, the expression that stores it, and whether the
/// type is `impl …` (which makes the function generic).
struct Param {
    ty: TokenStream,
    store: TokenStream,
    generic: bool,
}

fn setter_parts(model: &RequestModel, f: &FieldModel, value: &Ident) -> Param {
    let (ty, store) = match f.kind {
        FieldKind::Scalar(ValueType::Scalar(ScalarType::String)) | FieldKind::Scalar(ValueType::Enum(_)) => {
            let t = value_type(model, kind_value(f.kind), f.secret);
            (quote!(impl Into<#t>), quote!(Some(#value.into())))
        }
        FieldKind::Scalar(v) => {
            return Param { ty: value_type(model, v, f.secret), store: quote!(Some(#value)), generic: false };
        }
        FieldKind::List(v @ (ValueType::Scalar(ScalarType::String) | ValueType::Enum(_))) => {
            let t = value_type(model, v, f.secret);
            (
                quote!(impl IntoIterator<Item = impl Into<#t>>),
                quote!(#value.into_iter().map(Into::into).collect()),
            )
        }
        FieldKind::List(v) => {
            let t = value_type(model, v, f.secret);
            (quote!(impl IntoIterator<Item = #t>), quote!(#value.into_iter().collect()))
        }
        FieldKind::Group(i) => {
            let name = struct_name(model, i);
            return Param { ty: quote!(#name), store: quote!(Some(#value)), generic: false };
        }
        FieldKind::GroupList(i) => {
            let name = struct_name(model, i);
            (quote!(impl IntoIterator<Item = #name>), quote!(#value.into_iter().collect()))
        }
    };
    Param { ty, store, generic: true }
}

fn kind_value(kind: FieldKind) -> ValueType {
    match kind {
        FieldKind::Scalar(v) | FieldKind::List(v) => v,
        FieldKind::Group(_) | FieldKind::GroupList(_) => ValueType::Scalar(ScalarType::String),
    }
}

/// A constructor's arguments (the required fields) and its body.
pub fn constructor(model: &RequestModel, s: &StructModel) -> (Vec<TokenStream>, TokenStream) {
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for f in s.fields.iter().filter(|f| f.required) {
        let fname = ident(&f.rust_name);
        let Param { ty, store, .. } = setter_parts(model, f, &fname);
        args.push(quote!(#fname: #ty));
        inits.push(quote!(#fname: #store));
    }
    let body = match (inits.is_empty(), inits.len() == s.fields.len()) {
        // `<Self as Default>`: a field named `Default` has a setter `default`.
        (true, _) => quote!(<Self as Default>::default()),
        (false, true) => quote!(Self { #( #inits ),* }),
        (false, false) => quote!(Self { #( #inits, )* ..<Self as Default>::default() }),
    };
    (args, body)
}

/// `pub fn field(mut self, value: T) -> Self`, storing into `target.field`, and its doc.
pub fn setter(
    model: &RequestModel,
    f: &FieldModel,
    owner: &str,
    target: TokenStream,
) -> (String, TokenStream) {
    let fname = ident(&f.rust_name);
    let Param { ty, store, generic } = setter_parts(model, f, &format_ident!("value"));
    let doc = format!("Sets {}.", field_link(owner, &f.rust_name));
    // A generic setter is compiled only where it is called already; the others are `#[inline]` for
    // the same (see the module doc of `emit::rust`).
    let inline = (!generic).then(|| quote!(#[inline]));
    let setter = quote! {
        #inline
        pub fn #fname(mut self, value: #ty) -> Self {
            #target.#fname = #store;
            self
        }
    };
    (doc, setter)
}

/// An intra-doc link to a field, or plain code where the name is an escaped keyword.
pub fn field_link(owner: &str, rust_name: &str) -> String {
    let escaped = ident(rust_name).to_string();
    if escaped == rust_name {
        format!("[`{owner}::{rust_name}`]")
    } else {
        format!("the `{owner}::{escaped}` field")
    }
}

pub fn many_args_allow(count: usize) -> Option<TokenStream> {
    (count > CLIPPY_MAX_ARGS).then(|| quote!(#[allow(clippy::too_many_arguments)]))
}

fn index_literal(i: usize) -> Literal {
    Literal::usize_unsuffixed(i)
}

/// `match index { 0 => arm0, …, _ => fallback }`, or `fallback` alone for one arm (when the last arm
/// is the fallback).
fn index_match(arms: Vec<TokenStream>, fallback: TokenStream) -> TokenStream {
    let arms = arms.iter().enumerate().map(|(i, arm)| {
        let i = index_literal(i);
        quote!(#i => #arm,)
    });
    quote! {
        match index {
            #( #arms )*
            _ => #fallback,
        }
    }
}

/// `fn get_mut` over `slots`: `match index { 0 => …, …, _ => last }`, the last one as the fallback
/// (the runtime only asks for fields the table lists), or the one slot alone.
fn get_mut_fn(mut slots: Vec<TokenStream>) -> TokenStream {
    let last = slots.pop().unwrap_or_default();
    if slots.is_empty() {
        return quote! {
            #[inline]
            fn get_mut(&mut self, _: usize) -> Slot<'_> {
                #last
            }
        };
    }
    let body = index_match(slots, last);
    quote! {
        #[inline]
        fn get_mut(&mut self, index: usize) -> Slot<'_> {
            #body
        }
    }
}

/// `impl Schema for super::Name` of the request struct `model.structs[index]`.
pub fn request_schema(model: &RequestModel, index: usize, uses: &mut SchemaUses) -> Block {
    let s = &model.structs[index];
    let name = struct_name(model, index);
    uses.add("Schema");
    uses.add("Field");
    let fields = s.fields.iter().map(|f| {
        let key = &f.doc_name;
        let mut entry = quote!(Field::new(#key));
        if f.required {
            entry.extend(quote!(.required()));
        }
        if f.secret {
            entry.extend(quote!(.secret()));
        }
        if matches!(f.kind, FieldKind::Group(_) | FieldKind::GroupList(_)) {
            entry.extend(quote!(.group()));
        }
        let checks: Vec<TokenStream> = f.checks.iter().filter_map(field_check_tokens).collect();
        if !checks.is_empty() {
            uses.add("Check");
            uses.add("Rule");
            entry.extend(quote!(.checks(&[ #( #checks ),* ])));
        }
        entry
    });
    let fields: Vec<TokenStream> = fields.collect();
    let cross = (!s.cross.is_empty()).then(|| {
        uses.add("CrossCheck");
        uses.add("CrossRule");
        uses.add("Path");
        let checks = s.cross.iter().map(cross_check_tokens);
        quote!(const CHECKS: &'static [CrossCheck] = &[ #( #checks ),* ];)
    });
    let (mut gets, mut slots) = (Vec::new(), Vec::new());
    for f in &s.fields {
        let fname = ident(&f.rust_name);
        match f.kind {
            FieldKind::Scalar(_) | FieldKind::List(_) => {
                uses.add("FieldValue");
                gets.push(quote!(self.#fname.view()));
                slots.push(quote!(self.#fname.slot()));
            }
            FieldKind::Group(_) => {
                uses.add("Slot");
                gets.push(quote!(View::group(&self.#fname)));
                slots.push(quote!(Slot::group(&mut self.#fname)));
            }
            FieldKind::GroupList(_) => {
                uses.add("Slot");
                gets.push(quote!(View::groups(&self.#fname)));
                slots.push(quote!(Slot::groups(&mut self.#fname)));
            }
        }
    }
    let accessors = (!gets.is_empty()).then(|| {
        uses.add("View");
        uses.add("Slot");
        let get = index_match(gets, quote!(View::Absent));
        let get_mut = get_mut_fn(slots);
        [quote!(#[inline] fn get(&self, index: usize) -> View<'_> { #get }), get_mut]
    });
    schema_impl(&name, fields, cross, accessors)
}

/// `impl Schema for super::Name { const FIELDS …; const CHECKS …; fn get …; fn get_mut … }`, an
/// item a piece.
fn schema_impl(
    name: &Ident,
    fields: Vec<TokenStream>,
    cross: Option<TokenStream>,
    accessors: Option<[TokenStream; 2]>,
) -> Block {
    let mut block = Block::new(BlockKind::Impl, quote!(impl Schema for super::#name));
    block.push(quote!(const FIELDS: &'static [Field] = &[ #( #fields ),* ];));
    block.push(cross.unwrap_or_default());
    for accessor in accessors.into_iter().flatten() {
        block.push(accessor);
    }
    block
}

fn response_name(model: &ResponseModel, index: usize) -> Ident {
    format_ident!("{}", model.structs[index].rust_name)
}

/// The response struct `model.structs[index]`, documented by `doc`.
pub fn response_struct(model: &ResponseModel, index: usize, doc: &str) -> Block {
    let s = &model.structs[index];
    let fields: Vec<(&str, TokenStream)> = s
        .fields
        .iter()
        .map(|f| {
            let fname = ident(&f.rust_name);
            let scalar = |ty| if f.secret { quote!(crate::runtime::Secret) } else { scalar_type(ty) };
            let ty = match f.kind {
                ResponseKind::Scalar(ty) => {
                    let t = scalar(ty);
                    quote!(Option<#t>)
                }
                ResponseKind::ScalarList(ty, _) => {
                    let t = scalar(ty);
                    quote!(Vec<#t>)
                }
                ResponseKind::Struct(i) => {
                    let t = response_name(model, i);
                    quote!(Option<#t>)
                }
                ResponseKind::StructList(i, _) => {
                    let t = response_name(model, i);
                    quote!(Vec<#t>)
                }
            };
            (f.doc.as_str(), quote!(pub #fname: #ty,))
        })
        .collect();
    struct_item(&response_name(model, index), doc, fields)
}

/// `impl Schema for super::Name` of the response struct `model.structs[index]`.
pub fn response_schema(model: &ResponseModel, index: usize, uses: &mut SchemaUses) -> Block {
    let s = &model.structs[index];
    let name = response_name(model, index);
    uses.add("Schema");
    uses.add("Field");
    let fields = s.fields.iter().map(|f| {
        let key = &f.json_name;
        let secret = f.secret.then(|| quote!(.secret()));
        match f.kind {
            ResponseKind::ScalarList(_, true) | ResponseKind::StructList(_, true) => {
                quote!(Field::new(#key).wrapped() #secret)
            }
            _ => quote!(Field::new(#key) #secret),
        }
    });
    let fields: Vec<TokenStream> = fields.collect();
    let (mut gets, mut slots) = (Vec::new(), Vec::new());
    for f in &s.fields {
        let fname = ident(&f.rust_name);
        match f.kind {
            ResponseKind::Scalar(_) | ResponseKind::ScalarList(..) => {
                uses.add("FieldValue");
                gets.push(quote!(self.#fname.view()));
                slots.push(quote!(self.#fname.slot()));
            }
            ResponseKind::Struct(_) => {
                uses.add("Slot");
                gets.push(quote!(View::group(&self.#fname)));
                slots.push(quote!(Slot::group(&mut self.#fname)));
            }
            ResponseKind::StructList(..) => {
                uses.add("Slot");
                gets.push(quote!(View::groups(&self.#fname)));
                slots.push(quote!(Slot::groups(&mut self.#fname)));
            }
        }
    }
    let accessors = (!slots.is_empty()).then(|| {
        uses.add("Slot");
        uses.add("View");
        let get = index_match(gets, quote!(View::Absent));
        let get_mut = get_mut_fn(slots);
        [quote!(#[inline] fn get(&self, index: usize) -> View<'_> { #get }), get_mut]
    });
    schema_impl(&name, fields, None, accessors)
}
