//! Request tokens: structs in the docs' JSON form, the builder, redacting `Debug`, the query schema,
//! the `Operation` impl and `from_query_pairs`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{self, ScalarType};

use super::docs::doc_attrs;
use super::names::ident;
use super::request_model::{FieldKind, FieldModel, RequestModel, StructModel, ValueType};

/// Arguments beyond which clippy's `too_many_arguments` needs silencing on a constructor.
const CLIPPY_MAX_ARGS: usize = 7;

/// What the `Operation` impl needs to know besides the request model.
pub struct OperationInfo<'a> {
    pub api: &'a ir::Api,
    pub meta: &'a ir::ProductMeta,
    pub response_name: &'a str,
    pub error_name: &'a str,
}

/// Every request item of one API module.
pub fn tokens(model: &RequestModel, op: &OperationInfo) -> TokenStream {
    let root = &model.structs[0];
    let root_doc = format!(
        "The `{}` request.\n\nStart one with [`{1}::builder`]. Serde reads and writes it in the docs' JSON form \
         (`{{\"RegionId\": \"cn-hangzhou\", \"DataDisk\": [{{\"Size\": 40}}]}}`); unknown keys are an error.",
        op.api.name, root.rust_name
    );
    let root_tokens = struct_tokens(model, root, &root_doc);
    let builder = builder_tokens(model, root);
    let operation = operation_tokens(model, root, op);
    let groups = model.structs[1..].iter().map(|s| {
        let item = struct_tokens(model, s, &format!("The `{}.*` request parameters.", s.wire_prefix));
        let ctor = group_impl_tokens(model, s);
        quote! { #item #ctor }
    });
    quote! { #root_tokens #builder #operation #( #groups )* }
}

fn type_of_value(model: &RequestModel, value: ValueType) -> TokenStream {
    match value {
        ValueType::Scalar(ScalarType::String) => quote!(String),
        ValueType::Scalar(ScalarType::Integer) => quote!(i32),
        ValueType::Scalar(ScalarType::Long) => quote!(i64),
        ValueType::Scalar(ScalarType::Float | ScalarType::Double) => quote!(f64),
        ValueType::Scalar(ScalarType::Boolean) => quote!(bool),
        ValueType::Scalar(ScalarType::Json) => quote!(serde_json::Value),
        ValueType::Enum(i) => {
            let name = format_ident!("{}", model.enums[i].rust_name);
            quote!(#name)
        }
    }
}

/// The field's type without `Option`.
fn bare_type(model: &RequestModel, kind: FieldKind) -> TokenStream {
    match kind {
        FieldKind::Scalar(v) => type_of_value(model, v),
        FieldKind::List(v) => {
            let t = type_of_value(model, v);
            quote!(Vec<#t>)
        }
        FieldKind::Group(i) => {
            let name = format_ident!("{}", model.structs[i].rust_name);
            quote!(#name)
        }
        FieldKind::GroupList(i) => {
            let name = format_ident!("{}", model.structs[i].rust_name);
            quote!(Vec<#name>)
        }
    }
}

fn is_list(kind: FieldKind) -> bool {
    matches!(kind, FieldKind::List(_) | FieldKind::GroupList(_))
}

fn field_type(model: &RequestModel, field: &FieldModel) -> TokenStream {
    let bare = bare_type(model, field.kind);
    if field.required || is_list(field.kind) {
        bare
    } else {
        quote!(Option<#bare>)
    }
}

fn struct_tokens(model: &RequestModel, s: &StructModel, doc: &str) -> TokenStream {
    let name = format_ident!("{}", s.rust_name);
    let doc = doc_attrs(doc);
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let ty = field_type(model, f);
        let key = &f.doc_name;
        let serde = if is_list(f.kind) && !f.required {
            quote!(#[serde(rename = #key, default, skip_serializing_if = "Vec::is_empty")])
        } else if f.required {
            quote!(#[serde(rename = #key)])
        } else {
            quote!(#[serde(rename = #key, default, skip_serializing_if = "Option::is_none")])
        };
        let fdoc = doc_attrs(&f.doc);
        quote! { #fdoc #serde pub #fname: #ty, }
    });
    let has_secret = s.fields.iter().any(|f| f.secret);
    let default = s.fields.iter().all(|f| !f.required || is_list(f.kind)).then(|| quote!(Default,));
    let debug = (!has_secret).then(|| quote!(Debug,));
    let debug_impl = has_secret.then(|| debug_impl(s));
    quote! {
        #doc
        #[derive(#debug Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[non_exhaustive]
        pub struct #name { #( #fields )* }
        #debug_impl
    }
}

/// `Debug` that prints `***` for secret fields (only where they are set).
fn debug_impl(s: &StructModel) -> TokenStream {
    let name = format_ident!("{}", s.rust_name);
    let name_str = &s.rust_name;
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let label = f.rust_name.as_str();
        let value = match (f.secret, f.required, is_list(f.kind)) {
            (false, _, _) => quote!(&self.#fname),
            (true, _, true) => {
                quote!(&self.#fname.iter().map(|_| crate::runtime::Redacted).collect::<Vec<_>>())
            }
            (true, true, false) => quote!(&crate::runtime::Redacted),
            (true, false, false) => quote!(&self.#fname.as_ref().map(|_| crate::runtime::Redacted)),
        };
        quote!(.field(#label, #value))
    });
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#name_str) #( #fields )* .finish()
            }
        }
    }
}

/// A setter's parameter type and the expression that stores it.
fn setter_parts(model: &RequestModel, kind: FieldKind, value: &Ident) -> (TokenStream, TokenStream) {
    match kind {
        FieldKind::Scalar(ValueType::Scalar(ScalarType::String)) => {
            (quote!(impl Into<String>), quote!(#value.into()))
        }
        FieldKind::Scalar(ValueType::Enum(i)) => {
            let name = format_ident!("{}", model.enums[i].rust_name);
            (quote!(impl Into<#name>), quote!(#value.into()))
        }
        FieldKind::Scalar(v) => (type_of_value(model, v), quote!(#value)),
        FieldKind::List(v @ ValueType::Scalar(ScalarType::String))
        | FieldKind::List(v @ ValueType::Enum(_)) => {
            let t = type_of_value(model, v);
            (
                quote!(impl IntoIterator<Item = impl Into<#t>>),
                quote!(#value.into_iter().map(Into::into).collect()),
            )
        }
        FieldKind::List(v) => {
            let t = type_of_value(model, v);
            (quote!(impl IntoIterator<Item = #t>), quote!(#value.into_iter().collect()))
        }
        FieldKind::Group(i) => {
            let name = format_ident!("{}", model.structs[i].rust_name);
            (quote!(#name), quote!(#value))
        }
        FieldKind::GroupList(i) => {
            let name = format_ident!("{}", model.structs[i].rust_name);
            (quote!(impl IntoIterator<Item = #name>), quote!(#value.into_iter().collect()))
        }
    }
}

/// `field: value` for a constructor: required fields from arguments, the rest empty.
fn initializers(model: &RequestModel, s: &StructModel) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for f in &s.fields {
        let fname = ident(&f.rust_name);
        if f.required {
            let (ty, store) = setter_parts(model, f.kind, &fname);
            args.push(quote!(#fname: #ty));
            if fname == store.to_string() {
                inits.push(quote!(#fname));
            } else {
                inits.push(quote!(#fname: #store));
            }
        } else if is_list(f.kind) {
            inits.push(quote!(#fname: Vec::new()));
        } else {
            inits.push(quote!(#fname: None));
        }
    }
    (args, inits)
}

fn setter(model: &RequestModel, f: &FieldModel, owner: &str, target: TokenStream) -> TokenStream {
    let fname = ident(&f.rust_name);
    let (ty, store) = setter_parts(model, f.kind, &format_ident!("value"));
    let store = if f.required || is_list(f.kind) { store } else { quote!(Some(#store)) };
    let doc = doc_attrs(&format!("Sets {}.", field_link(owner, &f.rust_name)));
    quote! {
        #doc
        pub fn #fname(mut self, value: #ty) -> Self {
            #target.#fname = #store;
            self
        }
    }
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

fn many_args_allow(count: usize) -> Option<TokenStream> {
    (count > CLIPPY_MAX_ARGS).then(|| quote!(#[allow(clippy::too_many_arguments)]))
}

fn builder_tokens(model: &RequestModel, root: &StructModel) -> TokenStream {
    let name = format_ident!("{}", root.rust_name);
    let builder = format_ident!("{}Builder", root.rust_name);
    let (args, inits) = initializers(model, root);
    let allow = many_args_allow(args.len());
    let setters = root
        .fields
        .iter()
        .filter(|f| !f.required)
        .map(|f| setter(model, f, &root.rust_name, quote!(self.request)));
    let build_doc = doc_attrs(&format!(
        "The finished request, checked against every rule the generator read from the docs \
         ([`{0}::validate`]): every violation is reported at once.",
        root.rust_name
    ));
    let builder_doc = doc_attrs(&format!(
        "Builds a [`{0}`]: start with [`{0}::builder`], set what you need, then [`build`](Self::build).",
        root.rust_name
    ));
    quote! {
        impl #name {
            /// Starts a request from its required parameters.
            #allow
            pub fn builder(#( #args ),*) -> #builder {
                #builder { request: Self { #( #inits ),* } }
            }
        }

        #builder_doc
        #[derive(Debug, Clone)]
        #[must_use]
        pub struct #builder {
            request: #name,
        }

        impl #builder {
            #( #setters )*

            #build_doc
            pub fn build(self) -> Result<#name, crate::runtime::validation::ValidationErrors> {
                self.request.validate()?;
                Ok(self.request)
            }

            /// The finished request, not checked: for when the docs lag the service (a value it
            /// accepts that the docs do not list yet).
            pub fn build_unvalidated(self) -> #name {
                self.request
            }
        }
    }
}

fn group_impl_tokens(model: &RequestModel, s: &StructModel) -> TokenStream {
    let name = format_ident!("{}", s.rust_name);
    let (args, inits) = initializers(model, s);
    let allow = many_args_allow(args.len());
    let setters = s.fields.iter().map(|f| setter(model, f, &s.rust_name, quote!(self)));
    let schema = schema_tokens(model, s);
    quote! {
        impl #name {
            /// A value with the required members set and the rest unset.
            #allow
            pub fn new(#( #args ),*) -> Self {
                Self { #( #inits ),* }
            }

            #( #setters )*

            #schema
        }
    }
}

/// `const QUERY_SCHEMA`: how the struct's documented names appear on the wire.
fn schema_tokens(model: &RequestModel, s: &StructModel) -> TokenStream {
    let entries = s.fields.iter().map(|f| {
        let key = &f.doc_name;
        let kind = match f.kind {
            FieldKind::Scalar(v) => {
                let scalar = scalar_tokens(v);
                quote!(Scalar(#scalar))
            }
            FieldKind::List(v) => {
                let scalar = scalar_tokens(v);
                quote!(List(#scalar))
            }
            FieldKind::Group(i) => {
                let group = format_ident!("{}", model.structs[i].rust_name);
                quote!(Group(#group::QUERY_SCHEMA))
            }
            FieldKind::GroupList(i) => {
                let group = format_ident!("{}", model.structs[i].rust_name);
                quote!(GroupList(#group::QUERY_SCHEMA))
            }
        };
        quote!(crate::runtime::query::Field { name: #key, kind: crate::runtime::query::Kind::#kind })
    });
    quote! {
        const QUERY_SCHEMA: &'static [crate::runtime::query::Field] = &[ #( #entries ),* ];
    }
}

fn scalar_tokens(v: ValueType) -> TokenStream {
    let variant = match v {
        ValueType::Scalar(ScalarType::String | ScalarType::Json) | ValueType::Enum(_) => quote!(String),
        ValueType::Scalar(ScalarType::Integer | ScalarType::Long) => quote!(Integer),
        ValueType::Scalar(ScalarType::Float | ScalarType::Double) => quote!(Float),
        ValueType::Scalar(ScalarType::Boolean) => quote!(Boolean),
    };
    quote!(crate::runtime::query::Scalar::#variant)
}

fn operation_tokens(model: &RequestModel, root: &StructModel, op: &OperationInfo) -> TokenStream {
    let name = format_ident!("{}", root.rust_name);
    let validate_doc = doc_attrs(&format!(
        "Checks the request against every rule the generator enforces from the docs' prose \
         (lengths, ranges, value sets, character rules, formats, cross-field rules) and returns every \
         violation, each with its wire path and the doc sentence it breaks.\n\n\
         The docs sometimes lag the service: skip this when they do \
         ([`{0}Builder::build_unvalidated`], or a client built with `validate_requests(false)`).",
        root.rust_name
    ));
    let response = format_ident!("{}", op.response_name);
    let error = format_ident!("{}", op.error_name);
    let action = &op.api.name;
    let version = &op.meta.version;
    let schema = schema_tokens(model, root);
    let client_consts = super::client::operation_consts(op.api);
    let checks = crate::constraints::tokens::check_table(op.api, &quote!(crate::runtime::validation));
    let roa_hook = super::roa::operation_hook(op.api);
    quote! {
        impl #name {
            #schema

            /// The rules [`validate`](Self::validate) checks, cheap ones first, each with the doc
            /// sentence (or `spec/overrides.toml` reason) it came from.
            pub const CHECKS: &'static [crate::runtime::validation::Check] = #checks;

            #validate_doc
            pub fn validate(&self) -> Result<(), crate::runtime::validation::ValidationErrors> {
                crate::runtime::validation::validate(&crate::runtime::Operation::to_query_pairs(self), Self::CHECKS)
            }

            /// Reads wire pairs back into a request: the inverse of
            /// [`to_query_pairs`](crate::runtime::Operation::to_query_pairs). `Action` must name this API
            /// when present; common request parameters (`Version`, `Signature`, …) are skipped.
            pub fn from_query_pairs<K: AsRef<str>, V: AsRef<str>>(
                pairs: impl IntoIterator<Item = (K, V)>,
            ) -> Result<Self, crate::runtime::query::QueryError> {
                crate::runtime::query::from_query_pairs(#action, Self::QUERY_SCHEMA, pairs)
            }
        }

        impl crate::runtime::Operation for #name {
            const ACTION: &'static str = #action;
            const VERSION: &'static str = #version;
            #client_consts
            type Response = #response;
            type Error = #error;

            fn to_query_pairs(&self) -> Vec<(String, String)> {
                crate::runtime::query::to_query_pairs(Self::ACTION, self)
            }

            fn validate(&self) -> Result<(), crate::runtime::validation::ValidationErrors> {
                #name::validate(self)
            }

            #roa_hook
        }
    }
}
