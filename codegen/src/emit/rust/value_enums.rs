//! Enums for documented closed value sets: a variant per value and a sealed `Unknown` for the rest.
//! Their conversions (`as_str`, `From<&str>`, `Display`, serde) are the runtime's
//! `value_enum_impls!`, one line per module.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::{code_span, doc_attrs, rustdoc};
use super::request_model::EnumModel;

/// The doc of an enum one API owns.
pub fn own_doc(e: &EnumModel) -> String {
    format!(
        "The documented values of {}; [`Unknown`](Self::Unknown) holds any other value read.",
        code_span(&e.wire_name)
    )
}

/// The enum named `e.rust_name` with `doc`, and its table of values (`impl ValueEnum`).
pub fn enum_items(e: &EnumModel, doc: &str) -> TokenStream {
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
    let values = e.variants.iter().map(|(variant, value, _)| {
        let v = format_ident!("{}", variant);
        quote!((Self::#v, #value),)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variants )*
            /// A value the docs do not list, as read (never one they list).
            Unknown(UnknownValue<Self>),
        }

        impl ValueEnum for #name {
            const VALUES: &'static [(Self, &'static str)] = &[ #( #values )* ];

            #[inline]
            fn from_unknown(value: UnknownValue<Self>) -> Self {
                Self::Unknown(value)
            }

            #[inline]
            fn unknown(&self) -> Option<&UnknownValue<Self>> {
                match self {
                    Self::Unknown(value) => Some(value),
                    _ => None,
                }
            }
        }
    }
}

/// `crate::runtime::value_enum_impls!(A, B);` for the enums a module defines.
pub fn impls(names: &[Ident]) -> TokenStream {
    if names.is_empty() {
        return TokenStream::new();
    }
    quote!(crate::runtime::value_enum_impls!( #( #names ),* );)
}
