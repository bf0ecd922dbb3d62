//! Enums for documented closed value sets, with an `Other(String)` fallback so undocumented values still work.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{code_span, doc_attrs, rustdoc};
use super::request_model::EnumModel;

/// The doc of an enum one API owns.
pub fn own_doc(e: &EnumModel) -> String {
    format!(
        "The documented values of {}; [`Other`](Self::Other) holds any value the docs do not list.",
        code_span(&e.wire_name)
    )
}

/// The enum named `e.rust_name` with `doc`, its string conversions and its serde impls (a plain string
/// on the wire and in JSON).
pub fn tokens(e: &EnumModel, doc: &str) -> TokenStream {
    let name = format_ident!("{}", e.rust_name);
    let doc = doc_attrs(doc);
    let variants = e.variants.iter().map(|(variant, value, meaning)| {
        let v = format_ident!("{}", variant);
        let meaning = rustdoc(meaning.trim());
        let text =
            if meaning.is_empty() { code_span(value) } else { format!("{}: {meaning}", code_span(value)) };
        let vdoc = doc_attrs(&text);
        quote!(#vdoc #v,)
    });
    let as_str_arms = e.variants.iter().map(|(variant, value, _)| {
        let v = format_ident!("{}", variant);
        quote!(Self::#v => #value,)
    });
    let from_arms: Vec<TokenStream> = e
        .variants
        .iter()
        .map(|(variant, value, _)| {
            let v = format_ident!("{}", variant);
            quote!(#value => Self::#v,)
        })
        .collect();
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variants )*
            /// A value the docs do not list, sent as written.
            Other(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( #as_str_arms )*
                    Self::Other(value) => value.as_str(),
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #from_arms )*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #( #from_arms )*
                    _ => Self::Other(value),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <String as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}
