//! Error enums: a variant per documented code, each listing its (status, message) pairs, with a fallback.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::ErrorRow;

use super::docs::{code_span, doc_attrs, rustdoc};
use super::names::{self, Namer};

/// The name of the crate-wide enum of codes common to every API.
pub const COMMON_ERROR: &str = "CommonError";

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
fn codes<'a>(rows: &'a [ErrorRow], reserved: &[&str]) -> Vec<Code<'a>> {
    let mut codes: Vec<Code> = Vec::new();
    for row in rows.iter().filter(|r| !r.code.trim().is_empty()) {
        let pair = (row.status, row.message.as_str());
        match codes.iter_mut().find(|c| c.code == row.code) {
            Some(c) if !c.pairs.contains(&pair) => c.pairs.push(pair),
            Some(_) => {}
            None => codes.push(Code { code: &row.code, variant: String::new(), pairs: vec![pair] }),
        }
    }
    let doc_names: Vec<&str> = codes.iter().map(|c| c.code).collect();
    let variants = names::camel_names(&mut Namer::with_reserved(reserved), &doc_names);
    for (code, variant) in codes.iter_mut().zip(variants) {
        code.variant = variant;
    }
    codes
}

fn variant_doc(code: &Code) -> TokenStream {
    let mut doc = code_span(code.code);
    doc.push('\n');
    for (status, message) in &code.pairs {
        let status = status.map_or_else(|| "no status".to_owned(), |s| s.to_string());
        let message = rustdoc(&message.replace('\n', " "));
        doc.push_str(&format!("\n- {status}: {message}"));
    }
    doc_attrs(&doc)
}

/// The parts both enum kinds share: variants, `code()`, `http_status()`, `body()`.
struct Parts {
    variants: Vec<TokenStream>,
    code_arms: Vec<TokenStream>,
    status_arms: Vec<TokenStream>,
    body_pats: Vec<TokenStream>,
    from_arms: Vec<TokenStream>,
}

fn parts(codes: &[Code]) -> Parts {
    let mut p = Parts {
        variants: Vec::new(),
        code_arms: Vec::new(),
        status_arms: Vec::new(),
        body_pats: Vec::new(),
        from_arms: Vec::new(),
    };
    for c in codes {
        let v = format_ident!("{}", c.variant);
        let doc = variant_doc(c);
        let code = c.code;
        p.variants.push(quote!(#doc #v(Box<crate::runtime::ErrorBody>),));
        p.code_arms.push(quote!(Self::#v(_) => #code,));
        let status = match c.single_status() {
            Some(s) => quote!(Some(#s)),
            None => quote!(None),
        };
        p.status_arms.push(quote!(Self::#v(_) => #status,));
        p.body_pats.push(quote!(Self::#v(body)));
        p.from_arms.push(quote!(#code => Self::#v(body),));
    }
    p
}

/// `Display` and `std::error::Error`, shared by both kinds.
fn display_tokens(name: &proc_macro2::Ident) -> TokenStream {
    quote! {
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let body = self.body();
                write!(f, "{}: {}", self.code(), body.message)?;
                if !body.request_id.is_empty() {
                    write!(f, " (request id {})", body.request_id)?;
                }
                Ok(())
            }
        }

        impl std::error::Error for #name {}
    }
}

/// The error enum of one API: its documented codes, then [`COMMON_ERROR`] codes, then `Unknown`.
///
/// Each documented code is one row of a table (code, status, variant constructor) and one arm of the
/// `entry` match; `code()`, `http_status()`, `body()` and `From<ErrorBody>` go through those two.
pub fn api_error_tokens(name: &str, request_name: &str, rows: &[ErrorRow]) -> TokenStream {
    let codes = codes(rows, &["Common", "Unknown"]);
    let name = format_ident!("{}", name);
    let common = format_ident!("{}", COMMON_ERROR);
    let doc = doc_attrs(&format!(
        "The errors [`{request_name}`] documents, a code common to every API, or any other code.\n\n\
         Built from the service's error body with `From<ErrorBody>`; the body, request id included, is kept."
    ));
    let display = display_tokens(&name);
    let variants = codes.iter().map(|c| {
        let v = format_ident!("{}", c.variant);
        let doc = variant_doc(c);
        quote!(#doc #v(Box<crate::runtime::ErrorBody>),)
    });
    let table = codes.iter().map(|c| {
        let v = format_ident!("{}", c.variant);
        let code = c.code;
        let status = match c.single_status() {
            Some(s) => {
                let s = proc_macro2::Literal::u16_unsuffixed(s);
                quote!(Some(#s))
            }
            None => quote!(None),
        };
        quote!((#code, #status, Self::#v),)
    });
    let entry_arms = codes.iter().enumerate().map(|(index, c)| {
        let v = format_ident!("{}", c.variant);
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        quote!(Self::#v(body) => (Some(#index), body),)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum #name {
            #( #variants )*
            /// A code common to every API (see [`CommonError`](crate::CommonError)).
            Common(crate::#common),
            /// A code the docs do not list.
            Unknown(Box<crate::runtime::ErrorBody>),
        }

        impl #name {
            /// Each documented code: the code, the HTTP status when the docs give exactly one, the variant.
            const DOCUMENTED: &'static [crate::runtime::DocumentedCode<Self>] = &[ #( #table )* ];

            /// The variant's index in [`Self::DOCUMENTED`] (`None` for `Common` and `Unknown`) and its body.
            fn entry(&self) -> (Option<usize>, &crate::runtime::ErrorBody) {
                match self {
                    #( #entry_arms )*
                    Self::Common(error) => (None, error.body()),
                    Self::Unknown(body) => (None, body),
                }
            }

            /// The error code as the service sent it.
            pub fn code(&self) -> &str {
                match (self, self.entry()) {
                    (_, (Some(index), _)) => Self::DOCUMENTED[index].0,
                    (Self::Common(error), _) => error.code(),
                    (_, (None, body)) => &body.code,
                }
            }

            /// The HTTP status the docs give for this code, when they give exactly one.
            pub fn http_status(&self) -> Option<u16> {
                match (self, self.entry()) {
                    (_, (Some(index), _)) => Self::DOCUMENTED[index].1,
                    (Self::Common(error), _) => error.http_status(),
                    (_, (None, _)) => None,
                }
            }

            /// The service's error body: message, request id, host id, recommendation and HTTP status.
            pub fn body(&self) -> &crate::runtime::ErrorBody {
                self.entry().1
            }
        }

        impl From<crate::runtime::ErrorBody> for #name {
            fn from(body: crate::runtime::ErrorBody) -> Self {
                let body = Box::new(body);
                if let Some((_, _, variant)) = Self::DOCUMENTED.iter().find(|(code, _, _)| *code == body.code) {
                    return variant(body);
                }
                match crate::#common::from_body(body) {
                    Ok(error) => Self::Common(error),
                    Err(body) => Self::Unknown(body),
                }
            }
        }

        #display
    }
}

/// The crate-wide enum of codes common to every API; `from_body` gives the body back for other codes.
pub fn common_error_tokens(rows: &[ErrorRow], source: &str) -> TokenStream {
    let codes = codes(rows, &[]);
    let Parts { variants, code_arms, status_arms, body_pats, from_arms } = parts(&codes);
    let name = format_ident!("{}", COMMON_ERROR);
    let doc = doc_attrs(&format!(
        "Error codes common to every API, from {source}.\n\n\
         Each API's error enum wraps these in its `Common` variant."
    ));
    let display = display_tokens(&name);
    // A product whose guides list no common codes gets an empty enum: every match on it is `*self`.
    let empty = codes.is_empty();
    let body_match =
        if empty { quote!(match *self {}) } else { quote!(match self { #( #body_pats )|* => body }) };
    let code_match = if empty { quote!(match *self {}) } else { quote!(match self { #( #code_arms )* }) };
    let status_match = if empty { quote!(match *self {}) } else { quote!(match self { #( #status_arms )* }) };
    let from_body = if empty {
        quote!(Err(body))
    } else {
        quote!(Ok(match body.code.as_str() {
            #( #from_arms )*
            _ => return Err(body),
        }))
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum #name {
            #( #variants )*
        }

        impl #name {
            /// The variant for a common code, or the body back when the code is not one.
            pub fn from_body(
                body: Box<crate::runtime::ErrorBody>,
            ) -> Result<Self, Box<crate::runtime::ErrorBody>> {
                #from_body
            }

            /// The error code as the service sent it.
            pub fn code(&self) -> &str {
                #code_match
            }

            /// The HTTP status the docs give for this code, when they give exactly one.
            pub fn http_status(&self) -> Option<u16> {
                #status_match
            }

            /// The service's error body: message, request id, host id, recommendation and HTTP status.
            pub fn body(&self) -> &crate::runtime::ErrorBody {
                #body_match
            }
        }

        #display
    }
}
