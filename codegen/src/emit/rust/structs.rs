//! Struct tokens: request structs (fields, and for groups a constructor and setters), response
//! structs, and each one's field table and accessors (`impl Schema`, which goes into the module's
//! private `schema` submodule: the runtime walks structs through it, users never see it).

use std::collections::BTreeSet;

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, ToTokens};

use crate::ir::ScalarType;

use super::checks::{cross_check_tokens, field_check_tokens};
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

    /// Appends `mod schema { use …; #impls }` to `file`, each impl a piece of its own; nothing when
    /// there are no impls.
    pub fn push_module(&self, file: &mut super::RustTokens, impls: Vec<Block>) {
        if let Some(module) = self.module(impls) {
            file.push_block(module);
        }
    }

    /// `mod schema { use …; #impls }`, each impl a piece of its own; `None` when there are no impls.
    pub fn module(&self, impls: Vec<Block>) -> Option<Block> {
        if impls.is_empty() {
            return None;
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
        let schema = group("schema", &["Field", "Schema"]);
        let validation = group("validation", &["Check", "CrossCheck", "CrossRule", "Path"]);
        let mut module = Block::documented(
            BlockKind::Module,
            "How this module's structs describe themselves to the runtime: field tables and accessors.",
            quote!(mod schema),
        );
        module.push(quote!(#rules #schema #validation));
        impls.into_iter().for_each(|i| module.push_block(i));
        Some(module)
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
    let mut item = Block::documented(
        BlockKind::Struct,
        doc,
        quote! {
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
    impls.push_documented(
        "A value with the required members set and the rest unset.",
        quote! {
            #allow
            #[inline]
            pub fn new(#( #args ),*) -> Self {
                #init
            }
        },
    );
    push_setters(&mut impls, model, s.fields.iter(), &s.rust_name, false);
    vec![item, impls]
}

/// What a setter (or constructor) takes for a field: the field's item type `T` as is, `impl Into<T>`,
/// or an iterable of either (for a list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Accepts {
    Value,
    Into,
    Each,
    EachInto,
}

/// A setter's (or constructor's) parameter: its type, the expression that stores it, and whether the
/// type is `impl …` (which makes the function generic).
struct Param {
    ty: TokenStream,
    store: TokenStream,
    generic: bool,
}

impl Accepts {
    /// What a setter of `f` takes, and the item type `T`.
    fn of(model: &RequestModel, f: &FieldModel) -> (Self, TokenStream) {
        let convertible = |v| matches!(v, ValueType::Scalar(ScalarType::String) | ValueType::Enum(_));
        match f.kind {
            FieldKind::Scalar(v) if convertible(v) => (Accepts::Into, value_type(model, v, f.secret)),
            FieldKind::Scalar(v) => (Accepts::Value, value_type(model, v, f.secret)),
            FieldKind::List(v) if convertible(v) => (Accepts::EachInto, value_type(model, v, f.secret)),
            FieldKind::List(v) => (Accepts::Each, value_type(model, v, f.secret)),
            FieldKind::Group(i) => (Accepts::Value, struct_name(model, i).into_token_stream()),
            FieldKind::GroupList(i) => (Accepts::Each, struct_name(model, i).into_token_stream()),
        }
    }

    /// Its section of the runtime's `setters!`, in the macro's order.
    const SECTIONS: [(Accepts, &'static str); 4] = [
        (Accepts::Into, "into"),
        (Accepts::Value, "value"),
        (Accepts::Each, "each"),
        (Accepts::EachInto, "each_into"),
    ];

    /// The parameter `value` with item type `t`.
    fn param(self, t: TokenStream, value: &Ident) -> Param {
        let (ty, store) = match self {
            Accepts::Value => return Param { ty: t, store: quote!(Some(#value)), generic: false },
            Accepts::Into => (quote!(impl Into<#t>), quote!(Some(#value.into()))),
            Accepts::Each => (quote!(impl IntoIterator<Item = #t>), quote!(#value.into_iter().collect())),
            Accepts::EachInto => (
                quote!(impl IntoIterator<Item = impl Into<#t>>),
                quote!(#value.into_iter().map(Into::into).collect()),
            ),
        };
        Param { ty, store, generic: true }
    }
}

fn setter_parts(model: &RequestModel, f: &FieldModel, value: &Ident) -> Param {
    let (accepts, t) = Accepts::of(model, f);
    accepts.param(t, value)
}

/// The setters of `fields` of `owner` (stored into `self.0` for `owner`'s builder): one
/// `crate::runtime::setters!` for all but fields named by an escaped keyword, which get a setter
/// written out (the macro's intra-doc link cannot name them). The macro takes the fields a section
/// per kind of parameter, each in table order.
pub fn push_setters<'a>(
    block: &mut Block,
    model: &RequestModel,
    fields: impl Iterator<Item = &'a FieldModel>,
    owner: &str,
    builder: bool,
) {
    let mut listed: Vec<(Accepts, TokenStream)> = Vec::new();
    let mut written = Vec::new();
    for f in fields {
        let fname = ident(&f.rust_name);
        if fname != f.rust_name.as_str() {
            written.push(setter(model, f, owner, builder));
            continue;
        }
        let (accepts, t) = Accepts::of(model, f);
        listed.push((accepts, quote!(#fname #t)));
    }
    if !listed.is_empty() {
        let sections = Accepts::SECTIONS.iter().filter_map(|(accepts, keyword)| {
            let entries: Vec<&TokenStream> =
                listed.iter().filter(|(a, _)| a == accepts).map(|(_, entry)| entry).collect();
            let keyword = format_ident!("{}", keyword);
            (!entries.is_empty()).then(|| quote!(#keyword #( #entries ),*;))
        });
        let owner = format_ident!("{}", owner);
        let builder = builder.then(|| quote!(builder));
        block.push(quote!(crate::runtime::setters!(#builder #owner; #( #sections )*);));
    }
    for (doc, setter) in written {
        block.push_documented(&doc, setter);
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

/// `pub fn field(mut self, value: T) -> Self`, storing into `self.field` (`self.0.field` for a
/// builder), and its doc.
fn setter(model: &RequestModel, f: &FieldModel, owner: &str, builder: bool) -> (String, TokenStream) {
    let fname = ident(&f.rust_name);
    let target = if builder { quote!(self.0) } else { quote!(self) };
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

/// `fn get` and `fn get_mut` of an `impl Schema`: `crate::runtime::accessors!` over `(field, kind)`
/// in table order, where the kind says how the field is reached (`value`, `group` for an optional
/// group, `groups` for a list of groups); the macro takes each kind's fields in a section of its own.
fn accessors(fields: Vec<(Ident, &'static str)>) -> Option<TokenStream> {
    if fields.is_empty() {
        return None;
    }
    // `value 0 a, 1 b; groups 2 c;`, one token at a time: quoted pieces would each be a stream
    // of their own, copied again where they are interpolated (2,485 structs over six products).
    let mut sections = TokenStream::new();
    for kind in ["value", "group", "groups"] {
        let mut first = true;
        for (i, (field, _)) in fields.iter().enumerate().filter(|(_, (_, k))| *k == kind) {
            if first {
                sections.extend([TokenTree::Ident(Ident::new(kind, Span::call_site()))]);
                first = false;
            } else {
                sections.extend([TokenTree::Punct(Punct::new(',', Spacing::Alone))]);
            }
            sections
                .extend([TokenTree::Literal(Literal::usize_unsuffixed(i)), TokenTree::Ident(field.clone())]);
        }
        if !first {
            sections.extend([TokenTree::Punct(Punct::new(';', Spacing::Alone))]);
        }
    }
    let mut call = quote!(crate::runtime::accessors!);
    call.extend([TokenTree::Group(Group::new(Delimiter::Parenthesis, sections))]);
    call.extend([TokenTree::Punct(Punct::new(';', Spacing::Alone))]);
    Some(call)
}

/// `impl Schema for super::Name` of the request struct `model.structs[index]`.
pub fn request_schema(model: &RequestModel, index: usize, uses: &mut SchemaUses) -> Block {
    let s = &model.structs[index];
    let name = struct_name(model, index);
    uses.add("Schema");
    uses.add("Field");
    let fields = s.fields.iter().map(|f| {
        let key = super::literal::string(&f.doc_name);
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
    let accessors = accessors(
        s.fields
            .iter()
            .map(|f| {
                let kind = match f.kind {
                    FieldKind::Scalar(_) | FieldKind::List(_) => "value",
                    FieldKind::Group(_) => "group",
                    FieldKind::GroupList(_) => "groups",
                };
                (ident(&f.rust_name), kind)
            })
            .collect(),
    );
    schema_impl(&name, fields, cross, accessors)
}

/// `impl Schema for super::Name { const FIELDS …; const CHECKS …; accessors!(…); }`, an item a
/// piece.
fn schema_impl(
    name: &Ident,
    fields: Vec<TokenStream>,
    cross: Option<TokenStream>,
    accessors: Option<TokenStream>,
) -> Block {
    let mut block = Block::new(BlockKind::Impl, quote!(impl Schema for super::#name));
    // The entries are moved into the array's brackets: `&[#(#fields),*]` would copy every entry's
    // tokens (quote interpolates a stream by cloning it, and a shared stream is copied when read).
    let mut entries = TokenStream::new();
    for field in fields {
        entries.extend([field, quote!(,)]);
    }
    let entries = Group::new(Delimiter::Bracket, entries);
    block.push(quote!(const FIELDS: &'static [Field] = & #entries;));
    block.push(cross.unwrap_or_default());
    block.push(accessors.unwrap_or_default());
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
        let key = super::literal::string(&f.json_name);
        let secret = f.secret.then(|| quote!(.secret()));
        match f.kind {
            ResponseKind::ScalarList(_, true) | ResponseKind::StructList(_, true) => {
                quote!(Field::new(#key).wrapped() #secret)
            }
            _ => quote!(Field::new(#key) #secret),
        }
    });
    let fields: Vec<TokenStream> = fields.collect();
    let accessors = accessors(
        s.fields
            .iter()
            .map(|f| {
                let kind = match f.kind {
                    ResponseKind::Scalar(_) | ResponseKind::ScalarList(..) => "value",
                    ResponseKind::Struct(_) => "group",
                    ResponseKind::StructList(..) => "groups",
                };
                (ident(&f.rust_name), kind)
            })
            .collect(),
    );
    schema_impl(&name, fields, None, accessors)
}
