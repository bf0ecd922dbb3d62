//! Enums for documented closed value sets: a variant per value and a sealed `Unknown` for the rest.
//! Their table of values and conversions (`as_str`, `From<&str>`, `Display`, serde) are the
//! runtime's `value_enum!`, one line per enum.

use quote::{format_ident, quote};

use super::docs::{code_span, rustdoc};
use super::render::{Block, BlockKind, Piece};
use super::request_model::EnumModel;

/// The doc of an enum one API owns.
pub fn own_doc(e: &EnumModel) -> String {
    format!(
        "The documented values of {}; [`Unknown`](Self::Unknown) holds any other value read.",
        code_span(&e.wire_name)
    )
}

/// The enum named `e.rust_name` with `doc`, and its table of values (`value_enum!`): two pieces.
pub fn enum_items(e: &EnumModel, doc: &str) -> [Piece; 2] {
    let name = format_ident!("{}", e.rust_name);
    let mut item = Block::documented(
        BlockKind::Enum,
        doc,
        quote! {
            #[derive(Debug, Clone, PartialEq, Hash)]
            #[non_exhaustive]
            pub enum #name
        },
    );
    for (variant, value, meaning) in &e.variants {
        let v = format_ident!("{}", variant);
        let meaning = rustdoc(meaning.trim());
        let text =
            if meaning.is_empty() { code_span(value) } else { format!("{}: {meaning}", code_span(value)) };
        item.push_documented(&text, quote!(#v,));
    }
    item.push_documented(
        "A value the docs do not list, as read (never one they list).",
        quote!(Unknown(UnknownValue<Self>),),
    );
    let values = e.variants.iter().map(|(variant, value, _)| {
        let v = format_ident!("{}", variant);
        quote!(#v #value)
    });
    [item.into(), quote!(crate::runtime::value_enum!(#name; #( #values ),*);).into()]
}
