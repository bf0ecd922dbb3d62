//! A Boolean documented as "Valid values: true, false" is no constraint: over every consecutive
//! pair of the RunInstances history, `diff` reports no constraint change on such a parameter.

mod common;

use codegen::constraints::{self, WHOLE_DOMAIN};
use codegen::diag::Diagnostics;
use codegen::diff::diff_apis;
use codegen::ir::{Api, Enforcement, Rule, ScalarType};

fn constrained(path: &std::path::Path) -> Api {
    let page = common::parse_file(path);
    let mut api = page.api.unwrap_or_else(|| panic!("{} gives no API", path.display()));
    constraints::extract(&mut api, &mut Diagnostics::new(path.display().to_string()));
    api
}

/// The Boolean parameters of `api` whose documented values are exactly `true` and `false`.
fn whole_domain_booleans(api: &Api) -> Vec<String> {
    api.request
        .iter()
        .filter(|p| p.ty == ScalarType::Boolean)
        .filter(|p| p.constraints.iter().any(|c| is_true_false(&c.rule)))
        .map(|p| p.wire_name.clone())
        .collect()
}

fn is_true_false(rule: &Rule) -> bool {
    let Rule::OneOf { values } = rule else { return false };
    let mut values: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    values.sort_unstable();
    values == ["false", "true"]
}

#[test]
fn no_constraint_change_is_reported_on_a_boolean_whose_values_are_true_and_false() {
    let Some(shared) = common::shared_dir() else { return };
    let pages = common::pages(&shared.join("corpus/history/RunInstances"));
    assert_eq!(pages.len(), 33);
    let apis: Vec<Api> = pages.iter().map(|p| constrained(p)).collect();
    let mut steps_with_such_booleans = 0;
    let mut booleans_seen = 0;
    let mut offending = Vec::new();
    for (pair, names) in apis.windows(2).zip(pages.windows(2)) {
        let mut booleans = whole_domain_booleans(&pair[0]);
        booleans.extend(whole_domain_booleans(&pair[1]));
        booleans.sort();
        booleans.dedup();
        if booleans.is_empty() {
            continue;
        }
        steps_with_such_booleans += 1;
        booleans_seen += booleans.len();
        let diff = diff_apis(&pair[..1], &pair[1..]);
        for change in &diff.changes {
            let label = change.kind.label();
            if label.starts_with("constraint-") && booleans.contains(&change.name) {
                offending.push(format!(
                    "{}: {label} {}",
                    names[1].file_name().unwrap_or_default().to_string_lossy(),
                    change.name
                ));
            }
        }
    }
    eprintln!("{steps_with_such_booleans} steps with {booleans_seen} true/false Booleans compared");
    assert!(offending.is_empty(), "{offending:#?}");
    let recorded =
        apis.iter().flat_map(|a| &a.request).flat_map(|p| &p.constraints).filter(|c| {
            is_true_false(&c.rule) && c.enforcement == Enforcement::Unenforced(WHOLE_DOMAIN.into())
        });
    let recorded = recorded.count();
    eprintln!("{recorded} true/false sets recorded as documentation");
    assert!(recorded >= 50, "the set stays in the IR as documentation of the domain: {recorded}");
    // 2019-09 → 2020-09 alone documents UniqueSuffix, PasswordInherit and DryRun as true/false.
    assert!(steps_with_such_booleans >= 10, "{steps_with_such_booleans}");
    assert!(
        test_report::count(
            "RunInstances history: true/false Booleans compared across versions",
            booleans_seen
        ) >= 30,
        "{booleans_seen}"
    );
}
