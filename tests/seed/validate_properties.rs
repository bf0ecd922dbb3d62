//! Properties of RunInstances' generated validator: it never panics, whatever the wire pairs or
//! JSON; and a request built from the page's own `Example` values passes, except where the page
//! contradicts itself (the doc findings `gen` reports, listed here and checked against it: an example
//! that is not even of its parameter's type cannot make a typed request, and is left out).

use std::collections::BTreeSet;

use codegen::constraints::consistency::check_examples;
use codegen::diag::Diagnostics;
use codegen::ir::Api;
use alibabacloud_ecs::run_instances::RunInstancesRequest;
use alibabacloud_ecs::runtime::validation;
use alibabacloud_ecs::Operation;
use proptest::prelude::*;
use proptest::sample::subsequence;

const IR: &str = include_str!("../../ir/ecs/RunInstances.json");

/// Examples the page gives that break the page's own rules, as `gen` reports them
/// (`ecs/RunInstances.md:133: warning: doc finding: example `2,000` of DataDisk.N.Size: …`): here,
/// only one that is not a value of its type (an Integer), which no typed request can hold.
const KNOWN_DOC_FINDINGS: &[(&str, &str)] = &[("DataDisk.N.Size", "2,000")];

/// Parameters always set from their examples: what the page requires without a launch template.
const REQUIRED: &[&str] = &["RegionId", "ImageId", "InstanceType", "SecurityGroupId"];

fn api() -> Api {
    serde_json::from_str(IR).expect("the committed IR reads back")
}

/// `(wire name, example)` for every parameter with a usable example; masked ones (`sg-…***`) are
/// not values and are left out, as `gen`'s example check does, and so are the known doc findings.
fn examples() -> Vec<(String, String)> {
    api()
        .request
        .iter()
        .filter_map(|p| p.example.clone().map(|e| (p.wire_name.clone(), e)))
        .filter(|(_, e)| !e.is_empty() && !e.contains("***"))
        .filter(|(name, e)| !KNOWN_DOC_FINDINGS.contains(&(name.as_str(), e.as_str())))
        .collect()
}

/// `name` with each `N` segment replaced by `index` (`DataDisk.N.Size` → `DataDisk.1.Size`).
fn with_index(name: &str, index: &str) -> String {
    name.split('.').map(|seg| if seg == "N" { index } else { seg }).collect::<Vec<_>>().join(".")
}

/// The wire pairs of `chosen` examples on top of the required ones; `N` becomes 1.
fn pairs(chosen: &[(String, String)]) -> Vec<(String, String)> {
    let all = examples();
    let required = all.iter().filter(|(name, _)| REQUIRED.contains(&name.as_str()));
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (name, value) in required.chain(chosen) {
        let key = with_index(name, "1");
        if !pairs.iter().any(|(k, _)| *k == key) {
            pairs.push((key, value.clone()));
        }
    }
    pairs
}

/// The wire paths the page's own examples must break when `chosen` are set together: the known
/// doc findings, and the cross-field rules two examples break between them.
fn expected_violations(chosen: &[(String, String)]) -> BTreeSet<String> {
    let has = |name: &str| chosen.iter().any(|(n, _)| n == name);
    let mut out = BTreeSet::new();
    if has("Ipv6AddressCount") && has("Ipv6Address.N") {
        // "You cannot specify both Ipv6Addresses.N and Ipv6AddressCount."
        out.insert("Ipv6AddressCount".to_owned());
    }
    if has("PrivateIpAddress") && !has("VSwitchId") {
        // "PrivateIpAddress depends on VSwitchId and cannot be specified separately."
        out.insert("PrivateIpAddress".to_owned());
    }
    if has("PrivateIpAddress") && has("Amount") {
        // "When PrivateIpAddress is specified, Amount can only be set to 1." (the example is 3)
        out.insert("Amount".to_owned());
    }
    out
}

/// The wire paths the typed request read from `pairs` breaks a rule at.
fn violated_paths(pairs: &[(String, String)]) -> BTreeSet<String> {
    let request = RunInstancesRequest::from_query_pairs(pairs.to_vec()).expect("the examples are well-typed");
    match request.validate() {
        Ok(()) => BTreeSet::new(),
        Err(errors) => errors.violations().iter().map(|v| v.path.clone()).collect(),
    }
}

#[test]
fn known_doc_findings_are_what_gen_reports() {
    let mut diags = Diagnostics::new("spec/ecs/RunInstances.md");
    let findings: BTreeSet<(String, String)> = check_examples(&api(), &mut diags)
        .into_iter()
        .filter(|f| f.what == "example")
        .map(|f| (f.param, f.value))
        .collect();
    let known: BTreeSet<(String, String)> =
        KNOWN_DOC_FINDINGS.iter().map(|(p, v)| ((*p).to_owned(), (*v).to_owned())).collect();
    assert_eq!(findings, known);
}

#[test]
fn the_pages_examples_together_pass_but_for_doc_findings_and_conflicts() {
    let all = examples();
    let expected = expected_violations(&all);
    assert_eq!(
        expected,
        ["Amount", "Ipv6AddressCount"].map(String::from).into_iter().collect(),
        "VSwitchId has an example, so PrivateIpAddress's dependency holds"
    );
    assert_eq!(violated_paths(&pairs(&all)), expected);
    // The doc finding cannot even be read: it is not an Integer.
    let finding = RunInstancesRequest::from_query_pairs([("DataDisk.1.Size", "2,000")]).unwrap_err();
    assert!(finding.to_string().contains("is not an integer"), "{finding}");
    // Without one side of each conflict, the typed request passes too.
    let clean: Vec<(String, String)> =
        all.into_iter().filter(|(name, _)| !["Ipv6AddressCount", "Amount"].contains(&name.as_str())).collect();
    let request = RunInstancesRequest::from_query_pairs(pairs(&clean)).expect("the examples are well-typed");
    assert_eq!(request.validate(), Ok(()));
}

/// Keys shaped like the request's wire names, with any index (`0`, huge, not a number).
fn wire_key() -> impl Strategy<Value = String> {
    let names: Vec<String> = api().request.iter().map(|p| p.wire_name.clone()).collect();
    let index = prop_oneof![
        Just("1".to_owned()),
        Just("0".to_owned()),
        Just("17".to_owned()),
        Just("4294967296".to_owned()),
        Just(String::new()),
        "[0-9a-z-]{1,4}",
    ];
    prop_oneof![
        4 => (proptest::sample::select(names), index).prop_map(|(name, i)| with_index(&name, &i)),
        1 => "\\PC{0,12}",
    ]
}

fn wire_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        "[0-9]{1,12}(\\.[0-9]{0,3})?",
        "-?[0-9]{1,3}",
        Just("cloud_essd".to_owned()),
        Just("Week".to_owned()),
        Just("true".to_owned()),
        "[A-Za-z0-9+/]{0,30}={0,3}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn validation_never_panics_on_any_wire_pairs(pairs in proptest::collection::vec((wire_key(), wire_value()), 0..40)) {
        if let Ok(request) = RunInstancesRequest::from_query_pairs(pairs.clone()) {
            if let Err(errors) = request.validate() {
                prop_assert!(errors.violations().len() <= validation::MAX_VIOLATIONS);
                prop_assert!(!errors.to_string().is_empty());
            }
            // What was read writes back to pairs that read the same again.
            let again = RunInstancesRequest::from_query_pairs(request.to_query_pairs()).expect("its own pairs read");
            prop_assert_eq!(again, request);
        }
    }

    #[test]
    fn validation_never_panics_on_any_json(json in "\\{(\"[A-Za-z.]{1,12}\":(\"\\PC{0,8}\"|[0-9]{1,4}|true|\\[\\{\"Size\":[0-9]{1,6}\\}\\]),?){0,6}\\}") {
        if let Ok(request) = serde_json::from_str::<RunInstancesRequest>(&json) {
            let _ = request.validate();
        }
    }

    #[test]
    fn any_subset_of_the_pages_examples_passes_but_for_doc_findings_and_conflicts(
        chosen in subsequence(examples(), 0..=examples().len())
    ) {
        prop_assert_eq!(violated_paths(&pairs(&chosen)), expected_violations(&chosen));
    }
}
