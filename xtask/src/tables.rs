//! `cargo xtask tables PAGE.md…`: prints the rows the parser read, one a line, tab-separated.
//!
//! Cells quote the page: control characters (tabs and newlines included, which would break the
//! one-row-a-line format) and bidirectional controls are printed as `\u{…}` escapes.

use std::process::ExitCode;

use codegen::diag::Severity;
use codegen::escape::terminal;
use codegen::ir::{Api, Field, FieldShape};
use codegen::parse::parse_page;

pub fn run(args: &[String]) -> ExitCode {
    if args.is_empty() {
        eprintln!("usage: cargo xtask tables PAGE.md…");
        return ExitCode::from(2);
    }
    let mut failed = false;
    let mut out = String::new();
    for path in args {
        if args.len() > 1 {
            out.push_str(&format!("page\t{}\n", terminal(path)));
        }
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{}: error: cannot read: {e}", terminal(path));
                failed = true;
                continue;
            }
        };
        let page = parse_page(path, &bytes);
        for d in &page.diagnostics {
            eprintln!("{d}");
            failed |= d.severity == Severity::Error;
        }
        if let Some(api) = &page.api {
            write_rows(api, &mut out);
        }
    }
    print!("{out}");
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Appends the request, response and error rows of `api` in table order.
fn write_rows(api: &Api, out: &mut String) {
    for p in &api.request {
        let required = if p.required { "required" } else { "optional" };
        out.push_str(&format!(
            "request\t{}\t{}\t{required}\n",
            terminal(&p.wire_name),
            terminal(&p.doc_type)
        ));
    }
    write_fields(&api.response, "", out);
    for e in &api.errors {
        let status = e.status.map(|s| s.to_string()).unwrap_or_default();
        out.push_str(&format!("error\t{status}\t{}\n", terminal(&e.code)));
    }
}

fn write_fields(fields: &[Field], prefix: &str, out: &mut String) {
    for f in fields {
        let path = format!("{prefix}{}", terminal(&f.name));
        out.push_str(&format!("response\t{path}\t{}\n", terminal(&f.doc_type)));
        match &f.shape {
            FieldShape::Struct { fields } | FieldShape::Array { fields, .. } => {
                write_fields(fields, &format!("{path}."), out)
            }
            FieldShape::Scalar { .. } | FieldShape::ScalarList { .. } => {}
        }
    }
}
