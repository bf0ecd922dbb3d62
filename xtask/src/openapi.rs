//! `cargo xtask openapi --spec DIR --out FILE [--meta FILE] [--overrides FILE]`: a spec dir's OpenAPI document.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::constraints::{self, Overrides};
use codegen::diag::{Diagnostics, Severity};
use codegen::emit::openapi;
use codegen::ir::{Product, ProductMeta};
use codegen::parse::parse_page;
use codegen::spec;
use serde_json::Value;

const USAGE: &str =
    "usage: cargo xtask openapi --spec DIR --out FILE [--meta PRODUCT_TOML] [--overrides OVERRIDES_TOML]\n\
    Parses every page of DIR (one product folder, or a folder of them), reads its constraints, and writes\n\
    the OpenAPI document to FILE.\n\
    --meta replaces the product's product.toml (for a corpus folder that has none; one product only).\n\
    --overrides names the constraint overrides (default: DIR/overrides.toml when there is one).";

struct Args {
    spec: PathBuf,
    out: PathBuf,
    meta: Option<PathBuf>,
    overrides: Option<PathBuf>,
}

pub fn run(args: &[String]) -> ExitCode {
    let args = match parse_args(args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match write_document(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let (mut spec, mut out, mut meta, mut overrides) = (None, None, None, None);
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let slot = match flag.as_str() {
            "--spec" => &mut spec,
            "--out" => &mut out,
            "--meta" => &mut meta,
            "--overrides" => &mut overrides,
            other => return Err(format!("unknown argument `{other}`")),
        };
        *slot = Some(PathBuf::from(args.next().ok_or_else(|| format!("{flag} needs a value"))?));
    }
    let spec = spec.ok_or("--spec is required")?;
    let out = out.ok_or("--out is required")?;
    Ok(Args { spec, out, meta, overrides })
}

fn write_document(args: &Args) -> Result<(), String> {
    let dirs = spec::product_dirs(&args.spec).map_err(|e| format!("{}: {e}", args.spec.display()))?;
    if dirs.is_empty() {
        return Err(format!("{}: no pages (`*.md`) found", args.spec.display()));
    }
    if args.meta.is_some() && dirs.len() > 1 {
        return Err("--meta applies to a spec dir of one product".into());
    }
    let overrides = match &args.overrides {
        Some(path) => {
            let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Overrides::parse(&text, &path.display().to_string())
        }
        None => Overrides::load(&args.spec),
    }
    .map_err(|d| d.to_string())?;
    let mut products = Vec::new();
    let mut counts: BTreeMap<Severity, usize> = BTreeMap::new();
    for dir in &dirs {
        let mut diags = Diagnostics::new(dir.dir.display().to_string());
        let meta = match &args.meta {
            Some(path) => read_meta(path)?,
            None => spec::product_meta(dir, &mut diags),
        };
        for d in diags.into_vec() {
            eprintln!("{d}");
            *counts.entry(d.severity).or_default() += 1;
        }
        let mut apis = Vec::new();
        for page in &dir.pages {
            let bytes = fs::read(page).map_err(|e| format!("{}: {e}", page.display()))?;
            let file = page.display().to_string();
            let parsed = parse_page(&file, &bytes);
            let mut page_diags = Diagnostics::new(file);
            if let Some(mut api) = parsed.api {
                constraints::extract(&mut api, &mut page_diags);
                constraints::apply_overrides(&mut api, &overrides, &mut page_diags);
                // As `gen` does: the page's path below the spec dir, whatever the command line said.
                api.source =
                    page.strip_prefix(&args.spec).unwrap_or(page).to_string_lossy().replace('\\', "/");
                apis.push(api);
            }
            for d in parsed.diagnostics.iter().chain(&page_diags.into_vec()) {
                *counts.entry(d.severity).or_default() += 1;
            }
        }
        apis.sort_by(|a, b| a.name.cmp(&b.name));
        products.push(Product { name: dir.name.clone(), meta, apis });
    }
    let document = openapi::document(&products);
    if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(&args.out, openapi::to_pretty_json(&document))
        .map_err(|e| format!("{}: {e}", args.out.display()))?;
    report(&args.out, &document, &counts);
    Ok(())
}

fn read_meta(path: &Path) -> Result<ProductMeta, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message()))
}

/// One line on stderr: what was written, the parser's diagnostic counts, and how often each `x-alibaba-*` note occurs.
fn report(out: &Path, document: &Value, counts: &BTreeMap<Severity, usize>) {
    let operations = document["paths"].as_object().map_or(0, |p| p.len());
    let mut notes = BTreeMap::new();
    count_extensions(document, &mut notes);
    let diagnostics: Vec<String> = counts.iter().map(|(s, n)| format!("{n} {s}s")).collect();
    let notes: Vec<String> = notes.iter().map(|(k, n)| format!("{k}: {n}")).collect();
    eprintln!(
        "{}: {operations} operations; parser: {}; extensions: {}",
        out.display(),
        if diagnostics.is_empty() { "no diagnostics".to_owned() } else { diagnostics.join(", ") },
        notes.join(", ")
    );
}

fn count_extensions(value: &Value, counts: &mut BTreeMap<String, usize>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key.starts_with("x-alibaba-") {
                    *counts.entry(key.clone()).or_default() += 1;
                }
                count_extensions(child, counts);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| count_extensions(item, counts)),
        _ => {}
    }
}
