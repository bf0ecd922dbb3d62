//! Constraint extraction on real pages: the seed's constraints as a snapshot (rule, source,
//! enforcement per parameter, overrides applied as `gen` does), and the corpus never panicking.

mod common;

use std::fmt::Write;

use codegen::constraints::{apply_overrides, check_examples, extract, Coverage, Overrides};
use codegen::diag::Diagnostics;
use codegen::ir::{Api, Constraint, Enforcement};

fn constrained(mut api: Api, overrides: &Overrides) -> (Api, Vec<String>) {
    let mut diags = Diagnostics::new(api.source.clone());
    extract(&mut api, &mut diags);
    apply_overrides(&mut api, overrides, &mut diags);
    check_examples(&api, &mut diags);
    (api, diags.into_vec().iter().map(ToString::to_string).collect())
}

fn line(out: &mut String, owner: &str, c: &Constraint) {
    let rule = serde_json::to_string(&c.rule).expect("rules serialize");
    let enforcement = match &c.enforcement {
        Enforcement::Enforced => "enforced".to_owned(),
        Enforcement::Unenforced(reason) => format!("UNENFORCED ({reason})"),
    };
    writeln!(out, "{owner}: {rule}\n    {enforcement}\n    <- {}", c.source).expect("write to string");
}

fn overrides(dir: &str) -> Overrides {
    Overrides::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir))
        .unwrap_or_else(|e| panic!("{dir}/overrides.toml: {e}"))
}

#[test]
fn seed_constraints_snapshot() {
    let api = common::seed().api.expect("the seed parses");
    let (api, diags) = constrained(api, &overrides("tests/seed"));
    let mut out = String::new();
    for p in &api.request {
        for c in &p.constraints {
            line(&mut out, &p.wire_name, c);
        }
    }
    for c in &api.cross_field {
        line(&mut out, "(cross-field)", c);
    }
    writeln!(out, "\n{}", Coverage::of_api(&api)).expect("write to string");
    let repo = format!("{}/../", env!("CARGO_MANIFEST_DIR"));
    for d in diags {
        writeln!(out, "{}", d.replace(&repo, "")).expect("write to string");
    }
    insta::assert_snapshot!("seed_constraints", out);
}

#[test]
fn corpus_extraction_never_panics() {
    let Some(shared) = common::shared_dir() else { return };
    let overrides = overrides("spec");
    let mut total = Coverage::default();
    let mut findings = 0;
    for page in common::pages(&shared.join("corpus/ecs")) {
        let Some(api) = common::parse_file(&page).api else { continue };
        let (api, diags) = constrained(api, &overrides);
        findings += diags.iter().filter(|d| d.contains("doc finding")).count();
        total.merge(Coverage::of_api(&api));
    }
    eprintln!("{total}{findings} doc findings");
    assert!(total.apis > 200, "{total}");
    // 991 of 2031 when measured: a Boolean's "true, false" is no check (its whole domain), and a
    // rule the page's own example breaks is relaxed or unenforced, so fewer than half count.
    assert!(total.params_enforced * 100 > total.params * 47, "coverage fell below 47%: {total}");
}
