//! Constraint extraction on real pages: the seed's constraints as a snapshot (rule, source,
//! enforcement per parameter, overrides applied as `gen` does), and the corpus's own values held to
//! the enforced rules (only the reviewed findings break one).

mod common;

use std::fmt::Write;

use codegen::constraints::{apply_overrides, check_examples, extract, Coverage, Overrides};
use codegen::diag::Diagnostics;
use codegen::ir::{Api, Constraint, Enforcement, ExampleKind, Rule};

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

/// Over the six products of the shared corpus (five RPC, one ROA), constrained as `gen` does
/// (spec/overrides.toml applied, as `cargo xtask corpus-crates` applies it): extraction never
/// panics, coverage holds,
/// and every request-table example or default that breaks its parameter's own enforced rule or
/// type is a reviewed finding (`parameter_value` in spec/doc-example-findings.toml); a rule that
/// rejects an unlisted page value fails here, and so does a listed finding that no longer happens.
#[test]
fn corpus_values_break_no_enforced_rule_but_the_listed_findings() {
    let Some(shared) = common::shared_dir() else { return };
    let overrides = overrides("spec");
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let listed: Vec<(String, String)> = codegen::example_findings::ExampleFindings::load(&spec)
        .expect("spec/doc-example-findings.toml")
        .entries
        .into_iter()
        .filter(|e| e.example == ExampleKind::ParameterValue)
        .map(|e| (e.api, e.fails))
        .collect();
    let mut ecs = Coverage::default();
    let (mut pages, mut values) = (0, 0);
    let mut found: Vec<(String, String)> = Vec::new();
    for product in ["ecs", "cdn", "vod", "domain", "ros", "elasticsearch"] {
        for page in common::pages(&shared.join("corpus").join(product)) {
            let Some(mut api) = common::parse_file(&page).api else { continue };
            pages += 1;
            let mut diags = Diagnostics::new(api.source.clone());
            extract(&mut api, &mut diags);
            apply_overrides(&mut api, &overrides, &mut diags);
            values += checked_values(&api);
            for f in check_examples(&api, &mut diags) {
                found.push((
                    format!("{product}/{}", f.api),
                    format!("{} `{}` of {}: {}", f.what, f.value, f.param, f.message),
                ));
            }
            if product == "ecs" {
                ecs.merge(Coverage::of_api(&api));
            }
        }
    }
    let unlisted: Vec<&(String, String)> = found
        .iter()
        .filter(|(api, m)| !listed.iter().any(|(a, fails)| a == api && m.contains(fails.as_str())))
        .collect();
    let stale: Vec<&(String, String)> = listed
        .iter()
        .filter(|(a, fails)| !found.iter().any(|(api, m)| a == api && m.contains(fails.as_str())))
        .collect();
    assert!(
        unlisted.is_empty(),
        "page values an enforced rule rejects, not listed as reviewed findings: {unlisted:#?}"
    );
    assert!(stale.is_empty(), "listed parameter_value findings that no longer happen: {stale:#?}");
    eprintln!("{ecs}");
    assert!(
        test_report::count("corpus pages constrained (ecs, cdn, vod, domain, ros, elasticsearch)", pages)
            >= 560,
        "{pages}"
    );
    assert!(
        test_report::count(
            "request-table examples and defaults checked against their enforced rules",
            values
        ) >= 3_700,
        "{values}"
    );
    assert_eq!(
        test_report::count("request-table values rejected: listed findings", found.len()),
        listed.len()
    );
    assert!(ecs.apis > 200, "{ecs}");
    // 991 of 2031 when measured: a Boolean's "true, false" is no check (its whole domain), and a
    // rule the page's own example breaks is relaxed or unenforced, so fewer than half count.
    assert!(ecs.params_enforced * 100 > ecs.params * 47, "coverage fell below 47%: {ecs}");
}

/// The values [`check_examples`] checks: each unmasked example and each enforced default.
fn checked_values(api: &Api) -> usize {
    api.request
        .iter()
        .map(|p| {
            let example = p.example.as_deref().is_some_and(|e| !e.is_empty() && !e.contains("***"));
            let defaults = p
                .constraints
                .iter()
                .filter(|c| matches!(c.rule, Rule::Default { .. }) && c.enforcement == Enforcement::Enforced)
                .count();
            usize::from(example) + defaults
        })
        .sum()
}
