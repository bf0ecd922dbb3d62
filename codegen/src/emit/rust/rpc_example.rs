//! `examples/rpc.rs`: a small command-line tool over the generated crate, one match arm per API.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::render::{Block, BlockKind, RustTokens};
use super::CrateApi;

/// The example's doc comment (Markdown, one `//!` line a line).
const DOC: &str = "\
Reads a request in the docs' JSON form on stdin and prints what the crate makes of it.

- `rpc query <Api> < request.json` prints the request's wire pairs, one `key=value` a line, sorted
  by key, not percent-encoded; for a RESTful (ROA) operation, the request as it would be
  sent: method, path with its query, headers and body.
- `rpc url <Api> --access-key-id ID --secret S … < request.json` prints the signed URL; for a
  ROA operation, the signed request with its `Authorization` header (`--timestamp` sets
  its `Date`).
- `rpc validate <Api> < request.json` checks the request against the rules read from the
  docs: exits 0 when it is valid, 1 when not, printing one violation a line,
  `<wire path>: <message> (\"<doc sentence>\")`.

Exits with status 2 and a message on malformed input, an unknown API (or one whose feature is
off) or an unknown command.";

/// The example's pieces; `crate_ident` is the library name (`ecs_api`). The arms of `run_api`,
/// one per API, are members of their `match`, each printed alone (without syn, by
/// [`super::layout::turbofish_arm`]).
pub fn example_tokens(crate_ident: &str, apis: &[CrateApi]) -> RustTokens {
    let krate = format_ident!("{}", crate_ident);
    let mut file = RustTokens::with_inner_doc(DOC);
    file.push(quote! {
        use std::io::{Read, Write};
        use std::process::ExitCode;

        use #krate::Operation;

        const USAGE: &str = "usage: rpc <query|url|validate> <Api> [options] < request.json";

        fn main() -> ExitCode {
            let args: Vec<String> = std::env::args().skip(1).collect();
            let [command, api, options @ ..] = args.as_slice() else {
                return fail(USAGE);
            };
            let mut input = String::new();
            if let Err(error) = std::io::stdin().read_to_string(&mut input) {
                return fail(&format!("cannot read the request from stdin: {error}"));
            }
            run_api(api, command, &input, options).unwrap_or_else(|message| fail(&message))
        }
    });
    let mut arms = Block::new(BlockKind::Match, quote!(match api));
    // Two pages may document the same operation name: the first one's module answers.
    let mut seen = std::collections::BTreeSet::new();
    for a in apis.iter().filter(|a| seen.insert(a.api_name.as_str())) {
        let feature = &a.module;
        let api = &a.api_name;
        let module = super::names::ident(&a.module);
        let request = format_ident!("{}", a.request_type);
        let run = if a.roa { quote!(run_roa) } else { quote!(run) };
        arms.push(quote! {
            #[cfg(feature = #feature)]
            #api => #run::<#krate::#module::#request>(command, input, options),
        });
    }
    arms.push(quote!(_ => Err(format!("unknown API `{api}` (or its cargo feature is off)")),));
    let mut run_api = Block::documented(
        BlockKind::Fn,
        "Runs `command` on the request in `input` of the API named `api`.",
        quote! {
            #[allow(unused_variables)] // unused when every API feature is off
            fn run_api(api: &str, command: &str, input: &str, options: &[String]) -> Result<ExitCode, String>
        },
    );
    run_api.push_block(arms);
    file.push_block(run_api);
    file.push(helpers(&krate, apis.iter().any(|a| a.roa)));
    file
}

/// The functions the arms call and what they print with.
fn helpers(krate: &proc_macro2::Ident, any_roa: bool) -> TokenStream {
    let run_roa = any_roa.then(|| {
        quote! {
            /// Runs `command` on the RESTful (ROA) request in `input`: `query` and `url` print the
            /// request as it would be sent (method, path with its query, headers, body), `url`
            /// signed; `validate` as for any operation.
            #[allow(dead_code)] // unused when every ROA API's feature is off
            fn run_roa<R>(command: &str, input: &str, options: &[String]) -> Result<ExitCode, String>
            where
                R: Operation + #krate::runtime::roa::RoaOperation + serde::de::DeserializeOwned,
            {
                match command {
                    "query" => {
                        no_options(options)?;
                        let text = #krate::runtime::roa_dry_run::unsigned_from_json::<R>(input)?;
                        Ok(print_lines([text]))
                    }
                    "url" => {
                        let text = #krate::runtime::roa_dry_run::signed_from_json::<R>(input, options)?;
                        Ok(print_lines([text]))
                    }
                    "validate" => {
                        no_options(options)?;
                        Ok(print_violations(&request::<R>(input)?))
                    }
                    _ => Err(format!("unknown command `{command}`\n{USAGE}")),
                }
            }
        }
    });
    quote! {
        /// Runs `command` on the request in `input`, of type `R`; `options` are the arguments after `<Api>`.
        #[allow(dead_code)] // unused when every API feature is off
        fn run<R>(command: &str, input: &str, options: &[String]) -> Result<ExitCode, String>
        where
            R: Operation + serde::de::DeserializeOwned,
        {
            match command {
                "query" => {
                    no_options(options)?;
                    Ok(print_query(&request::<R>(input)?))
                }
                "validate" => {
                    no_options(options)?;
                    Ok(print_violations(&request::<R>(input)?))
                }
                "url" => {
                    let url = #krate::runtime::dry_run::url_from_json::<R>(input, options, &#krate::ENDPOINTS)
                        .map_err(|error| error.to_string())?;
                    Ok(print_lines([url]))
                }
                _ => Err(format!("unknown command `{command}`\n{USAGE}")),
            }
        }

        #run_roa

        /// The request in `input`, read in the docs' JSON form.
        #[allow(dead_code)] // unused when every API feature is off
        fn request<R: Operation + serde::de::DeserializeOwned>(input: &str) -> Result<R, String> {
            serde_json::from_str(input).map_err(|error| format!("malformed {} request: {error}", R::ACTION))
        }

        #[allow(dead_code)] // unused when every API feature is off
        fn no_options(options: &[String]) -> Result<(), String> {
            match options {
                [] => Ok(()),
                [first, ..] => Err(format!("unexpected argument `{first}`\n{USAGE}")),
            }
        }

        /// Prints the wire pairs sorted by key.
        #[allow(dead_code)] // unused when every API feature is off
        fn print_query(request: &impl Operation) -> ExitCode {
            let mut pairs = request.to_query_pairs().to_vec();
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
            print_lines(pairs.into_iter().map(|(key, value)| format!("{key}={value}")))
        }

        /// Prints every violation of the docs' rules, one a line; exit 0 when there is none, 1 otherwise.
        #[allow(dead_code)] // unused when every API feature is off
        fn print_violations(request: &impl Operation) -> ExitCode {
            let Err(errors) = request.validate() else {
                return ExitCode::SUCCESS;
            };
            if write_lines(errors.violations().iter().map(ToString::to_string)).is_err() {
                return ExitCode::FAILURE;
            }
            if errors.omitted() > 0 {
                eprintln!("rpc: … and {} more violations", errors.omitted());
            }
            ExitCode::from(1)
        }

        #[allow(dead_code)] // unused when every API feature is off
        fn print_lines(lines: impl IntoIterator<Item = String>) -> ExitCode {
            match write_lines(lines) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::FAILURE,
            }
        }

        #[allow(dead_code)] // unused when every API feature is off
        fn write_lines(lines: impl IntoIterator<Item = String>) -> std::io::Result<()> {
            let mut out = std::io::stdout().lock();
            for line in lines {
                writeln!(out, "{line}")?;
            }
            Ok(())
        }

        fn fail(message: &str) -> ExitCode {
            eprintln!("rpc: {message}");
            ExitCode::from(2)
        }
    }
}
