//! Error codes: a fieldless enum per API (and one for the codes common to every API), each with its
//! table of `(variant, code, status)` (the runtime's `error_codes!`); the error itself is the
//! runtime's generic `ServiceError`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ir::ErrorRow;

use super::docs::{code_span, rustdoc};
use super::names::{self, Namer};
use super::render::{Block, BlockKind, Piece};

/// The crate-wide enum of codes common to every API (the runtime's `error_codes!` names it, at the
/// crate root, as the fallback of every API's codes).
pub const COMMON_ERROR_CODE: &str = "CommonErrorCode";

/// One distinct code and everything the docs say about it.
struct Code<'a> {
    code: &'a str,
    variant: String,
    /// Distinct `(status, message)` pairs in table order.
    pairs: Vec<(Option<u16>, &'a str)>,
}

impl Code<'_> {
    /// The status when the docs give exactly one.
    fn single_status(&self) -> Option<u16> {
        let mut statuses = self.pairs.iter().map(|(s, _)| *s);
        let first = statuses.next()??;
        statuses.all(|s| s == Some(first)).then_some(first)
    }
}

/// Groups rows by exact code (first appearance order) and names a variant for each.
fn codes(rows: &[ErrorRow]) -> Vec<Code<'_>> {
    let mut codes: Vec<Code> = Vec::new();
    for row in rows.iter().filter(|r| !r.code.trim().is_empty()) {
        let pair = (row.status, row.shown_message());
        match codes.iter_mut().find(|c| c.code == row.code) {
            Some(c) if !c.pairs.contains(&pair) => c.pairs.push(pair),
            Some(_) => {}
            None => codes.push(Code { code: &row.code, variant: String::new(), pairs: vec![pair] }),
        }
    }
    let doc_names: Vec<&str> = codes.iter().map(|c| c.code).collect();
    let variants = names::camel_names(&mut Namer::default(), &doc_names);
    for (code, variant) in codes.iter_mut().zip(variants) {
        code.variant = variant;
    }
    codes
}

/// `` `Code` (400): message `` for one documented pair, a list for several.
fn variant_doc(code: &Code) -> String {
    let show = |status: Option<u16>| status.map_or_else(|| "no status".to_owned(), |s| s.to_string());
    let message = |m: &str| rustdoc(&m.replace('\n', " "));
    let doc = match code.pairs.as_slice() {
        [(status, text)] => format!("{} ({}): {}", code_span(code.code), show(*status), message(text)),
        pairs => {
            let mut doc = format!("{}:\n", code_span(code.code));
            for (status, text) in pairs {
                doc.push_str(&format!("\n- {}: {}", show(*status), message(text)));
            }
            doc
        }
    };
    doc
}

/// The code enum `name` and its `impl ErrorCodes` (two pieces of a file); `common` for the
/// product's common codes themselves (an API's fall back to them).
fn code_enum(name: &str, doc: &str, rows: &[ErrorRow], common: bool) -> [Piece; 2] {
    let codes = codes(rows);
    let name = format_ident!("{}", name);
    let mut code_enum = Block::documented(
        BlockKind::Enum,
        doc,
        quote! {
            #[derive(Debug, Clone, Copy, PartialEq, Hash)]
            #[non_exhaustive]
            pub enum #name
        },
    );
    for c in &codes {
        let v = format_ident!("{}", c.variant);
        code_enum.push_documented(&variant_doc(c), quote!(#v,));
    }
    let table = codes.iter().map(|c| {
        let v = format_ident!("{}", c.variant);
        let code = super::literal::string(c.code);
        let status = match c.single_status() {
            Some(s) => {
                let s = Literal::u16_unsuffixed(s);
                quote!(Some(#s))
            }
            None => quote!(None),
        };
        quote!(#v #code #status)
    });
    let common = common.then(|| quote!(common));
    let codes_impl = quote!(crate::runtime::error_codes!(#common #name; #( #table ),*););
    [code_enum.into(), codes_impl.into()]
}

/// The error of one API: `pub type <Api>Error = ServiceError<<Api>ErrorCode>` and the code enum,
/// as pieces of the module.
pub fn api_error_tokens(
    error_name: &str,
    code_name: &str,
    request_name: &str,
    api_name: &str,
    rows: &[ErrorRow],
) -> Vec<Piece> {
    let error = format_ident!("{}", error_name);
    let code = format_ident!("{}", code_name);
    let alias_doc = format!(
        "An error the service answers [`{request_name}`] with: a code the page documents \
         ([`{code_name}`]), a code common to every API, or any other code; the service's body, request \
         id included, is kept. See [`ServiceError::kind`]."
    );
    let [code_enum, codes_impl] =
        code_enum(code_name, &format!("The error codes the `{api_name}` page documents."), rows, false);
    let alias = Piece::Documented { doc: alias_doc, members: quote!(pub type #error = ServiceError<#code>;) };
    vec![alias, code_enum, codes_impl]
}

/// `src/common_error.rs`: the codes common to every API of the product, from `source`.
pub fn common_error_tokens(rows: &[ErrorRow], source: &str) -> TokenStream {
    let doc = format!(
        "Error codes common to every API, from {source}: each API's error \
         ([`ServiceError`](crate::runtime::ServiceError)) looks a code up here after its own."
    );
    let [code_enum, codes_impl] = code_enum(COMMON_ERROR_CODE, &doc, rows, true).map(Piece::into_tokens);
    quote! {
        //! Error codes common to every API.

        #code_enum
        #codes_impl
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(status: u16, code: &str, message: &str, description: &str) -> ErrorRow {
        ErrorRow {
            status: Some(status),
            code: code.to_owned(),
            message: message.to_owned(),
            description: description.to_owned(),
            line: 1,
        }
    }

    #[test]
    fn a_code_without_a_message_is_documented_by_its_description() {
        let rows = [
            row(404, "InvalidFilterKey.NotFound", " ", "The start time is invalid."),
            row(400, "Busy", "The service is busy.", "Try again later."),
        ];
        let docs: Vec<String> = codes(&rows).iter().map(variant_doc).collect();
        assert_eq!(
            docs,
            [
                "`InvalidFilterKey.NotFound` (404): The start time is invalid.",
                "`Busy` (400): The service is busy."
            ]
        );
    }
}
