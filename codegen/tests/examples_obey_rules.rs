//! Validation never rejects what the docs show: every example value a page gives (the request
//! table's Example column and the sample request's pairs) passes every enforced rule of its
//! parameter, over spec/ecs and the shared cdn, vod, domain and ros pages; and the RunInstances
//! requests of the issue go through the constraint model as the generated crate checks them.
//! (The IR keeps no JSON request examples: the RPC pages' samples are query strings.)

mod support;

use std::path::Path;

use codegen::constraints::check::{check, check_type};
use codegen::constraints::{apply_overrides, extract, Overrides};
use codegen::diag::Diagnostics;
use codegen::ir::{Api, Enforcement};
use serde_json::json;
use support::runtime_checks;

/// Every page of `dir` with a request table, constrained as `gen` does it.
fn apis(dir: &Path, overrides: &Overrides) -> Vec<Api> {
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    let mut out = Vec::new();
    for page in pages {
        let shown = page.display().to_string();
        let parsed = codegen::parse::parse_page(&shown, &std::fs::read(&page).expect("page reads"));
        let Some(mut api) = parsed.api else { continue };
        let mut diags = Diagnostics::new(shown);
        extract(&mut api, &mut diags);
        apply_overrides(&mut api, overrides, &mut diags);
        out.push(api);
    }
    out
}

/// `(parameter index, value, where)` for every unmasked example value of `api`, collected here
/// independently of the generator's own evidence reading.
fn example_values(api: &Api) -> Vec<(usize, String, &'static str)> {
    let shown = |v: &str| !v.is_empty() && !v.contains("***");
    let mut out: Vec<(usize, String, &'static str)> = Vec::new();
    for (i, p) in api.request.iter().enumerate() {
        if let Some(v) = p.example.as_deref().filter(|v| shown(v)) {
            out.push((i, v.to_owned(), "example"));
        }
    }
    for pair in &api.examples.request {
        let key: Vec<&str> = pair.key.split('.').collect();
        let instance = |p: &&codegen::ir::Param| {
            let wire: Vec<&str> = p.wire_name.split('.').collect();
            wire.len() == key.len()
                && wire
                    .iter()
                    .zip(&key)
                    .all(|(w, k)| w == k || (matches!(*w, "N" | "n") && k.parse::<u32>().is_ok()))
        };
        if let Some(i) = api.request.iter().position(|p| instance(&p)).filter(|_| shown(&pair.value)) {
            out.push((i, pair.value.clone(), "sample request"));
        }
    }
    out
}

#[derive(Default)]
struct Tally {
    pages: usize,
    examples: usize,
    rule_checks: usize,
    rejections: Vec<String>,
    type_findings: Vec<String>,
    sample_requests: usize,
    sample_rejections: Vec<String>,
}

impl Tally {
    fn add(&mut self, api: &Api) {
        self.pages += 1;
        for (i, value, from) in example_values(api) {
            let p = &api.request[i];
            self.examples += 1;
            if let Err(m) = check_type(p.ty, &value) {
                self.type_findings.push(format!("{}.{} {from} `{value}`: {m}", api.name, p.wire_name));
                continue;
            }
            for c in p.constraints.iter().filter(|c| c.enforcement == Enforcement::Enforced) {
                self.rule_checks += 1;
                if let Err(m) = check(&c.rule, &value) {
                    self.rejections.push(format!(
                        "{}.{} {from} `{value}`: {m} (\"{}\")",
                        api.name, p.wire_name, c.source
                    ));
                }
            }
        }
        // The sample request as one request, against the cross-field and dependent rules (each
        // value's own rules are checked above); a masked value still counts as set.
        if !api.examples.request.is_empty() {
            self.sample_requests += 1;
            let mut cross = api.clone();
            for p in &mut cross.request {
                p.constraints.retain(|c| matches!(c.rule, codegen::ir::Rule::Default { .. }));
                // Samples show a few parameters, not every required one; a missing one is a
                // violation of the table's Required column, not of a rule in the prose.
                p.required = false;
            }
            let pairs: serde_json::Map<String, serde_json::Value> =
                api.examples.request.iter().map(|q| (q.key.clone(), json!(q.value))).collect();
            for v in runtime_checks::violations(&cross, &serde_json::Value::Object(pairs)) {
                self.sample_rejections.push(format!("{}: {v}", api.name));
            }
        }
    }
}

#[test]
fn no_page_example_breaks_an_enforced_rule_of_its_parameter() {
    let root = support::workspace_root();
    let overrides = Overrides::load(&root.join("spec")).expect("spec/overrides.toml");
    let mut corpora: Vec<(String, Vec<Api>)> =
        vec![("spec/ecs".into(), apis(&root.join("spec/ecs"), &overrides))];
    if let Some(shared) = support::shared_dir() {
        for product in ["cdn", "vod", "domain", "ros"] {
            let dir = shared.join("corpus").join(product);
            corpora.push((format!("shared/corpus/{product}"), apis(&dir, &Overrides::default())));
        }
    }
    let mut total = Tally::default();
    for (name, apis) in &corpora {
        let mut t = Tally::default();
        apis.iter().for_each(|a| t.add(a));
        eprintln!(
            "{name}: {} pages, {} example values, {} rule checks, {} rejections, {} type findings; {} sample requests, {} rejected",
            t.pages,
            t.examples,
            t.rule_checks,
            t.rejections.len(),
            t.type_findings.len(),
            t.sample_requests,
            t.sample_rejections.len()
        );
        for f in &t.type_findings {
            eprintln!("  type finding (about the example): {f}");
        }
        total.pages += t.pages;
        total.examples += t.examples;
        total.rule_checks += t.rule_checks;
        total.sample_requests += t.sample_requests;
        total.rejections.extend(t.rejections);
        total.type_findings.extend(t.type_findings);
        total.sample_rejections.extend(t.sample_rejections);
    }
    assert_eq!(
        total.rejections,
        Vec::<String>::new(),
        "examples rejected by their own parameter's enforced rules"
    );
    assert_eq!(
        total.sample_rejections,
        Vec::<String>::new(),
        "sample requests rejected by the API's enforced rules"
    );
    test_report::count("pages whose example values were held to their enforced rules", total.pages);
    test_report::count("page example values held to their enforced rules", total.examples);
    test_report::count("sample requests held to the cross-field rules", total.sample_requests);
    assert!(total.pages >= 222, "{} pages", total.pages);
    assert!(total.examples >= 2_000, "{} example values", total.examples);
    assert!(total.rule_checks >= 1_000, "{} rule checks", total.rule_checks);
    assert!(total.sample_requests >= 200, "{} sample requests", total.sample_requests);
    if corpora.len() == 5 {
        assert!(total.pages >= 550, "{} pages", total.pages);
        assert!(total.examples >= 4_500, "{} example values", total.examples);
        assert!(total.rule_checks >= 3_500, "{} rule checks", total.rule_checks);
    }
}

fn run_instances() -> Api {
    let root = support::workspace_root();
    let overrides = Overrides::load(&root.join("spec")).expect("spec/overrides.toml");
    let page = root.join("spec/ecs/RunInstances.md");
    let parsed = codegen::parse::parse_page("spec/ecs/RunInstances.md", &std::fs::read(page).expect("reads"));
    let mut api = parsed.api.expect("RunInstances parses");
    let mut diags = Diagnostics::new("spec/ecs/RunInstances.md");
    extract(&mut api, &mut diags);
    apply_overrides(&mut api, &overrides, &mut diags);
    api
}

/// The requests against the current RunInstances page, through the rules as `gen` reads them.
#[test]
fn run_instances_accepts_every_documented_alternative() {
    let api = run_instances();
    let base = json!({"RegionId": "cn-hangzhou", "ImageId": "img-1", "InstanceType": "ecs.g5.large", "VSwitchId": "vsw-1"});
    let with = |extra: serde_json::Value| {
        let mut r = base.clone();
        r.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        r
    };
    // "You cannot specify both SecurityGroupId and SecurityGroupIds.N": the list is the alternative.
    let groups = with(json!({"SecurityGroupIds": ["sg-1", "sg-2"]}));
    assert_eq!(runtime_checks::violations(&api, &groups), Vec::<String>::new());
    // The page's own example of InstanceName (sequential names).
    let named = with(json!({"SecurityGroupId": "sg-1", "InstanceName": "k8s-node-[1,4]-alibabacloud"}));
    assert_eq!(runtime_checks::violations(&api, &named), Vec::<String>::new());
    let both = with(json!({"SecurityGroupId": "sg-1", "SecurityGroupIds": ["sg-2"]}));
    let got = runtime_checks::violations(&api, &both);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].ends_with("cannot be set together with SecurityGroupId"), "{got:?}");
    // Still enforced: no security group and no launch template.
    let none = base.clone();
    let got = runtime_checks::violations(&api, &none);
    assert_eq!(
        got,
        ["SecurityGroupId: is required unless LaunchTemplateId or LaunchTemplateName or SecurityGroupIds.N is set"]
    );
    let template = json!({"RegionId": "cn-hangzhou", "LaunchTemplateName": "lt"});
    assert_eq!(runtime_checks::violations(&api, &template), Vec::<String>::new());
    // A name the sentence does not allow, outside the example's characters, is still rejected.
    let bad = with(json!({"SecurityGroupId": "sg-1", "InstanceName": "k8s node"}));
    assert_eq!(runtime_checks::violations(&api, &bad), ["InstanceName: contains ` `, which is not allowed"]);
}
