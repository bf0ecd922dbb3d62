//! Properties of RunInstances' generated validator: it never panics, whatever the wire pairs or
//! the values of a document in the docs' JSON form (drawn from the IR: every such document is read,
//! so `validate()` is reached on each, and both outcomes are drawn); and a request built from the page's own `Example` values passes, except where the page
//! contradicts itself (the doc findings `gen` reports, listed here and checked against it: an example
//! that is not even of its parameter's type cannot make a typed request, and is left out).

use std::cell::Cell;
use std::collections::BTreeSet;

use alibabacloud_ecs::run_instances::RunInstancesRequest;
use alibabacloud_ecs::runtime::validation;
use alibabacloud_ecs::Operation;
use codegen::constraints::consistency::check_examples;
use codegen::diag::Diagnostics;
use codegen::ir::{Api, Index, Param, Rule, ScalarType, Segment};
use proptest::prelude::*;
use proptest::sample::subsequence;
use proptest::test_runner::{TestCaseError, TestRunner};
use serde_json::{json, Map, Value};

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
    let clean: Vec<(String, String)> = all
        .into_iter()
        .filter(|(name, _)| !["Ipv6AddressCount", "Amount"].contains(&name.as_str()))
        .collect();
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

/// A JSON value of `ty` for the docs' text `text`, or `None` when it is not one.
fn typed(ty: ScalarType, text: &str) -> Option<Value> {
    let text = text.trim();
    match ty {
        ScalarType::String => Some(json!(text)),
        ScalarType::Integer => text.parse::<i32>().ok().map(Value::from),
        ScalarType::Long => text.parse::<i64>().ok().map(Value::from),
        ScalarType::Float | ScalarType::Double => {
            text.parse::<f64>().ok().filter(|f| f.is_finite()).map(Value::from)
        }
        ScalarType::Boolean => match text {
            "true" => Some(json!(true)),
            "false" => Some(json!(false)),
            _ => None,
        },
        ScalarType::Json => serde_json::from_str(text).ok(),
    }
}

/// Values of the parameter's type drawn from what the IR says of it, valid and near-valid: its
/// example, documented values and default, each range's and length's bounds and one past them, and
/// a few odd ones of the type.
fn candidates(p: &Param) -> Vec<Value> {
    let mut texts: Vec<String> = p.example.iter().cloned().collect();
    for c in &p.constraints {
        match &c.rule {
            Rule::OneOf { values } => texts.extend(values.iter().map(|v| v.value.clone())),
            Rule::Default { value } => texts.push(value.clone()),
            Rule::Range { min, max } => {
                for bound in [min, max].into_iter().flatten() {
                    texts.extend([bound - 1.0, *bound, bound + 1.0].map(|b| format!("{b}")));
                }
            }
            Rule::Length { min, max } => {
                for bound in [min, max].into_iter().flatten() {
                    texts
                        .extend([bound.saturating_sub(1), *bound, bound + 1].map(|n| "a".repeat(n as usize)));
                }
            }
            _ => {}
        }
    }
    texts.extend(match p.ty {
        ScalarType::String => ["", " ", "Ab-1_x.y", "é中文", "a\u{0}b", "***"].map(String::from).to_vec(),
        ScalarType::Integer | ScalarType::Long => ["0", "-1", "1", "2147483647"].map(String::from).to_vec(),
        ScalarType::Float | ScalarType::Double => ["0", "-0.5", "1e9"].map(String::from).to_vec(),
        ScalarType::Boolean => ["true", "false"].map(String::from).to_vec(),
        ScalarType::Json => ["{}", "[]", "1", "\"x\""].map(String::from).to_vec(),
    });
    let mut out: Vec<Value> = texts.iter().filter_map(|t| typed(p.ty, t)).collect();
    out.dedup();
    out
}

/// The parameters a request sets (not `Action`, which the operation gives; no literal index such as
/// `Filter.1.Key`), with their candidate values.
fn settable() -> Vec<(Param, Vec<Value>)> {
    api()
        .request
        .into_iter()
        .filter(|p| p.wire_name != "Action" && p.path.iter().all(|s| !matches!(s.index, Index::Literal(_))))
        .map(|p| {
            let values = candidates(&p);
            (p, values)
        })
        .collect()
}

/// Puts `value` at `path` of `node` in the docs' JSON form: a member per segment, a list where the
/// segment is `.N` (item `item`, earlier items left empty), a list of values at a `.N` leaf.
fn insert(node: &mut Map<String, Value>, path: &[Segment], item: usize, value: &Value) {
    let Some((segment, rest)) = path.split_first() else { return };
    let list = segment.index == Index::Each;
    match (rest.is_empty(), list) {
        (true, false) => {
            node.insert(segment.name.clone(), value.clone());
        }
        (true, true) => {
            let items = node.entry(segment.name.clone()).or_insert_with(|| json!([]));
            if let Some(items) = items.as_array_mut() {
                items.push(value.clone());
            }
        }
        (false, false) => {
            let child = node.entry(segment.name.clone()).or_insert_with(|| json!({}));
            if let Some(child) = child.as_object_mut() {
                insert(child, rest, item, value);
            }
        }
        (false, true) => {
            let items = node.entry(segment.name.clone()).or_insert_with(|| json!([]));
            if let Some(items) = items.as_array_mut() {
                while items.len() <= item {
                    items.push(json!({}));
                }
                if let Some(child) = items[item].as_object_mut() {
                    insert(child, rest, item, value);
                }
            }
        }
    }
}

/// A request document of the docs' JSON form: the required parameters' examples (as [`REQUIRED`]),
/// then for each draw a parameter, one of its candidate values, and (for a `.N` group) which of the
/// first three items it goes in.
fn document(params: &[(Param, Vec<Value>)], draws: &[(SampleIndex, SampleIndex, usize)]) -> Value {
    let mut doc = Map::new();
    for (name, example) in examples().iter().filter(|(name, _)| REQUIRED.contains(&name.as_str())) {
        doc.insert(name.clone(), json!(example));
    }
    for (param, value, item) in draws {
        let (p, values) = &params[param.index(params.len())];
        insert(&mut doc, &p.path, *item, &values[value.index(values.len())]);
    }
    Value::Object(doc)
}

use proptest::sample::Index as SampleIndex;

/// Runs `cases` draws of `strategy` through `check`, panicking on the first failure (shrunk).
fn run<S: Strategy>(cases: u32, strategy: S, check: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let mut runner = TestRunner::new(ProptestConfig { cases, ..ProptestConfig::default() });
    if let Err(e) = runner.run(&strategy, check) {
        panic!("{e}");
    }
}

/// Documents shaped as the docs' JSON form, with valid and near-valid values of each parameter's
/// type, always read (a missing required parameter is a violation, not a read error), so that
/// `validate()` is reached on every one; both outcomes happen, and a rejection lists its
/// violations within the cap.
#[test]
fn validation_is_reached_and_never_panics_on_valid_shaped_json() {
    let params = settable();
    assert!(params.len() >= 60, "{} settable parameters", params.len());
    let (reached, passed) = (Cell::new(0usize), Cell::new(0usize));
    let draw = (any::<SampleIndex>(), any::<SampleIndex>(), 0..3usize);
    run(512, proptest::collection::vec(draw, 0..24), |draws| {
        let doc = document(&params, &draws);
        let request: RunInstancesRequest = serde_json::from_value(doc.clone())
            .map_err(|e| TestCaseError::fail(format!("a valid-shaped document is not read: {e}\n{doc}")))?;
        reached.set(reached.get() + 1);
        match request.validate() {
            Ok(()) => passed.set(passed.get() + 1),
            Err(errors) => {
                prop_assert!(!errors.violations().is_empty());
                prop_assert!(errors.violations().len() <= validation::MAX_VIOLATIONS);
                prop_assert!(!errors.to_string().is_empty());
            }
        }
        // The document the request writes reads back to the same request.
        let again: RunInstancesRequest =
            serde_json::from_value(serde_json::to_value(&request).expect("writes"))
                .expect("its own JSON reads");
        prop_assert_eq!(again, request);
        Ok(())
    });
    let (reached, passed) = (reached.get(), passed.get());
    eprintln!("validate() reached on {reached} documents: {passed} passed, {} rejected", reached - passed);
    test_report::count("seed: drawn JSON documents read and validated", reached);
    assert!(reached >= 512, "validate() reached {reached} times");
    assert!(
        passed >= 20 && reached - passed >= 100,
        "{passed} of {reached} passed: both outcomes must be drawn"
    );
}

/// The wire pairs of a document of the docs' JSON form: `A.B` for members, `A.1.B` for list items
/// (empty items left out, the rest numbered from 1), `A.1` for the values of a list.
fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    let key = |name: &str| if prefix.is_empty() { name.to_owned() } else { format!("{prefix}.{name}") };
    match value {
        Value::Object(members) => members.iter().for_each(|(name, v)| flatten(&key(name), v, out)),
        Value::Array(items) => {
            let items = items.iter().filter(|v| v.as_object().is_none_or(|m| !m.is_empty()));
            for (i, item) in items.enumerate() {
                flatten(&format!("{prefix}.{}", i + 1), item, out);
            }
        }
        Value::String(s) => out.push((prefix.to_owned(), s.clone())),
        other => out.push((prefix.to_owned(), other.to_string())),
    }
}

/// Wire pairs of documents drawn as above, a quarter of them with a pair or two of any key and
/// value added: reading never panics, what is read validates without panicking (reached on most
/// draws) and writes back to pairs that read the same.
#[test]
fn validation_never_panics_on_any_wire_pairs() {
    let params = settable();
    let (reached, passed) = (Cell::new(0usize), Cell::new(0usize));
    let draw = (any::<SampleIndex>(), any::<SampleIndex>(), 0..3usize);
    let odd =
        prop_oneof![3 => Just(Vec::new()), 1 => proptest::collection::vec((wire_key(), wire_value()), 1..3)];
    run(512, (proptest::collection::vec(draw, 0..24), odd), |(draws, odd)| {
        let mut pairs = Vec::new();
        flatten("", &document(&params, &draws), &mut pairs);
        pairs.extend(odd);
        let read = RunInstancesRequest::from_query_pairs(pairs.clone());
        if let Ok(request) = read {
            reached.set(reached.get() + 1);
            match request.validate() {
                Ok(()) => passed.set(passed.get() + 1),
                Err(errors) => {
                    prop_assert!(errors.violations().len() <= validation::MAX_VIOLATIONS);
                    prop_assert!(!errors.to_string().is_empty());
                }
            }
            // What was read writes back to pairs that read the same again.
            let again =
                RunInstancesRequest::from_query_pairs(request.to_query_pairs()).expect("its own pairs read");
            prop_assert_eq!(again, request);
        }
        Ok(())
    });
    let (reached, passed) = (reached.get(), passed.get());
    eprintln!("validate() reached on {reached} of 512 drawn pair lists, {passed} passed");
    test_report::count("seed: drawn wire pair lists read and validated", reached);
    assert!(reached >= 350, "validate() reached {reached} times");
    assert!(passed >= 10, "{passed} of {reached} passed");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_subset_of_the_pages_examples_passes_but_for_doc_findings_and_conflicts(
        chosen in subsequence(examples(), 0..=examples().len())
    ) {
        prop_assert_eq!(violated_paths(&pairs(&chosen)), expected_violations(&chosen));
    }
}
