//! `examples/rpc.rs`: a small command-line tool over the generated crate, one match arm per API.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::CrateApi;

/// The example's tokens; `crate_ident` is the library name (`ecs_api`).
pub fn tokens(crate_ident: &str, apis: &[CrateApi]) -> TokenStream {
    let krate = format_ident!("{}", crate_ident);
    let arms = apis.iter().map(|a| {
        let feature = &a.feature;
        let api = &a.api_name;
        let product = super::names::ident(&a.product_module);
        let module = super::names::ident(&a.module);
        let request = format_ident!("{}", a.request_type);
        quote! {
            #[cfg(feature = #feature)]
            #api => run::<#krate::#product::#module::#request>(command, &input),
        }
    });
    quote! {
        //! Reads a request in the docs' JSON form on stdin and prints what the crate makes of it.
        //!
        //! `cargo run --example rpc -- query <Api> < request.json` prints the request's wire pairs, one
        //! `key=value` a line, sorted by key, not percent-encoded. Exits with status 2 and a message on
        //! malformed input, an unknown API (or one whose feature is off) or an unknown command.

        use std::io::{Read, Write};
        use std::process::ExitCode;

        use #krate::Operation;

        const USAGE: &str = "usage: rpc query <Api> < request.json";

        fn main() -> ExitCode {
            let args: Vec<String> = std::env::args().skip(1).collect();
            let [command, api] = args.as_slice() else {
                return fail(USAGE);
            };
            let mut input = String::new();
            if let Err(error) = std::io::stdin().read_to_string(&mut input) {
                return fail(&format!("cannot read the request from stdin: {error}"));
            }
            let outcome = match api.as_str() {
                #( #arms )*
                _ => Err(format!("unknown API `{api}` (or its cargo feature is off)")),
            };
            outcome.unwrap_or_else(|message| fail(&message))
        }

        /// Runs `command` on the request in `input`, read as an `R`.
        #[allow(dead_code)] // unused when every API feature is off
        fn run<R: Operation + serde::de::DeserializeOwned>(command: &str, input: &str) -> Result<ExitCode, String> {
            let request: R = serde_json::from_str(input)
                .map_err(|error| format!("malformed {} request: {error}", R::ACTION))?;
            match command {
                "query" => Ok(print_query(&request)),
                _ => Err(format!("unknown command `{command}`\n{USAGE}")),
            }
        }

        /// Prints the wire pairs sorted by key.
        #[allow(dead_code)] // unused when every API feature is off
        fn print_query(request: &impl Operation) -> ExitCode {
            let mut pairs = request.to_query_pairs();
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
            let mut out = std::io::stdout().lock();
            for (key, value) in pairs {
                if writeln!(out, "{key}={value}").is_err() {
                    return ExitCode::FAILURE;
                }
            }
            ExitCode::SUCCESS
        }

        fn fail(message: &str) -> ExitCode {
            eprintln!("rpc: {message}");
            ExitCode::from(2)
        }
    }
}
