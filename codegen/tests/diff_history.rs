//! `diff` over the real RunInstances history: every consecutive pair, hand-verified changes, the 2019 revert, Markdown snapshots.

mod common;

use std::path::{Path, PathBuf};

use codegen::constraints;
use codegen::diag::Diagnostics;
use codegen::diff::{diff_apis, json, markdown, revert, Change, Diff, Step};
use codegen::ir::Api;

/// The history pages in date order, or `None` (skip) when ../shared is absent outside CI.
fn history() -> Option<Vec<PathBuf>> {
    let dir = common::shared_dir()?.join("corpus/history/RunInstances");
    Some(common::pages(&dir))
}

fn parse(path: &Path) -> Api {
    let page = common::parse_file(path);
    assert!(!page.has_errors(), "{}: {:?}", path.display(), page.diagnostics);
    page.api.unwrap_or_else(|| panic!("{} gives no API", path.display()))
}

/// As `cargo xtask diff` reads a page: parsed, then constraints extracted from the descriptions.
/// (The snapshots and hand-checked lists use the parser's IR alone, so they do not move with
/// every improvement of the extraction.)
fn parse_with_constraints(path: &Path) -> Api {
    let mut api = parse(path);
    let mut diags = Diagnostics::new(path.display().to_string());
    constraints::extract(&mut api, &mut diags);
    assert!(!diags.has_errors(), "{}: {:?}", path.display(), diags.into_vec());
    api
}

/// The version whose file name starts with `prefix` (`28_`).
fn version(pages: &[PathBuf], prefix: &str) -> Api {
    let path = pages
        .iter()
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        .unwrap_or_else(|| panic!("no history page {prefix}*"));
    parse(path)
}

fn diff(pages: &[PathBuf], old: &str, new: &str) -> Diff {
    diff_apis(&[version(pages, old)], &[version(pages, new)])
}

/// (kind label, name, old name, wire, semver) of each change.
fn summary(diff: &Diff) -> Vec<(String, String, Option<String>, bool, bool)> {
    diff.changes
        .iter()
        .map(|c: &Change| {
            (c.kind.label(), c.name.clone(), c.old_name.clone(), c.breaking_wire, c.breaking_semver)
        })
        .collect()
}

/// The Markdown with the wording-only list left out: structure only (kinds, names, verdicts, values).
fn structure(diff: &Diff) -> String {
    markdown::render(&Diff { wording: Vec::new(), ..diff.clone() })
}

/// Each consecutive pair as a step named by its file names, with reverts flagged.
fn steps(pages: &[PathBuf], apis: &[Api]) -> Vec<Step> {
    let name = |p: &PathBuf| p.file_name().unwrap().to_string_lossy().into_owned();
    let mut steps: Vec<Step> = apis
        .windows(2)
        .zip(pages.windows(2))
        .map(|(pair, names)| Step {
            old: name(&names[0]),
            new: name(&names[1]),
            diff: diff_apis(&pair[..1], &pair[1..]),
        })
        .collect();
    revert::flag_sequence(&mut steps);
    steps
}

/// (new version, previous update) of each step flagged as a revert.
fn flagged(steps: &[Step]) -> Vec<(&str, &str)> {
    steps
        .iter()
        .filter_map(|s| s.diff.revert.as_ref().map(|r| (s.new.as_str(), r.previous.as_str())))
        .collect()
}

/// 2019-06-14 takes back 2019-05-22 (the identical second 05-22 publication is skipped);
/// 2019-07-19 puts it back, which undoes the revert.
const REVERTS: [(&str, &str); 2] = [
    ("17_2019-06-14_81cf3c1cf.md", "14_2019-01-07_a72800ded.md → 15_2019-05-22_57a145ec4.md"),
    ("18_2019-07-19_8ec67b50a.md", "16_2019-05-22_51e1f54d7.md → 17_2019-06-14_81cf3c1cf.md"),
];

#[test]
fn every_consecutive_pair_diffs() {
    let Some(pages) = history() else { return };
    assert_eq!(pages.len(), 33);
    let apis: Vec<Api> = pages.iter().map(|p| parse_with_constraints(p)).collect();
    let steps = steps(&pages, &apis);
    for step in &steps {
        let diff = &step.diff;
        assert!(diff.changes.iter().all(|c| c.api == "RunInstances" && !c.name.is_empty()), "{}", step.new);
        let md = markdown::render(diff);
        assert!(md.starts_with("**") || md.starts_with("> **Warning"), "{}", step.new);
        let json: serde_json::Value = serde_json::from_str(&json::render(diff)).unwrap();
        assert_eq!(json["changes"].as_array().map(Vec::len), Some(diff.changes.len()));
    }
    // With constraints compared too, the same two updates (and only they) are flagged.
    assert_eq!(flagged(&steps), REVERTS);
    assert_eq!(test_report::count("RunInstances history pairs diffed and rendered", steps.len()), 32);
    let changes: usize = steps.iter().map(|s| s.diff.changes.len()).sum();
    assert!(
        test_report::count("RunInstances history changes rendered (Markdown and JSON)", changes) >= 300,
        "{changes}"
    );
}

#[test]
fn april_2021_adds_the_dedicated_host_cluster_parameter_a_response_field_and_six_errors() {
    let Some(pages) = history() else { return };
    // Read by hand from 28_2021-02-22 and 29_2021-04-09: one new request row, one new response
    // row, six new error rows, everything else reworded.
    let d = diff(&pages, "28_", "29_");
    let mut got = summary(&d);
    got.sort();
    let mut expected: Vec<_> = [
        ("error-added", "InvalidOperation.ExceedInstanceTypeQueueNumber"),
        ("error-added", "InvalidOperation.MaxEniQueueNumberExceeded"),
        ("error-added", "InvalidOperation.ResourceManagedByCloudProduct"),
        ("error-added", "InvalidParameter.InvalidEniQueueNumber"),
        ("error-added", "InvalidParameter.KMSKeyId.CMKNotEnabled"),
        ("error-added", "JoinedGroupLimitExceed"),
        ("param-added (optional)", "SchedulerOptions.DedicatedHostClusterId"),
        ("response-field-added", "OrderId"),
    ]
    .iter()
    .map(|(k, n)| ((*k).to_owned(), (*n).to_owned(), None, false, false))
    .collect();
    expected.sort();
    assert_eq!(got, expected);
    assert!(!d.wording.is_empty(), "the update also rewords many descriptions");
}

#[test]
fn june_2021_retypes_four_lists_without_breaking_the_wire() {
    let Some(pages) = history() else { return };
    let d = diff(&pages, "31_", "32_");
    let retyped: Vec<_> = d.changes.iter().filter(|c| c.kind.slug() == "param-type-changed").collect();
    let mut names: Vec<&str> = retyped.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        ["HostNames.N", "Ipv6Address.N", "NetworkInterface.N.SecurityGroupIds.N", "SecurityGroupIds.N"]
    );
    for c in &retyped {
        assert_eq!(c.detail, "RepeatList → String");
        assert!(!c.breaking_wire && !c.breaking_semver, "{c:?}");
    }
    // The only other change: InvalidSecurityGroupId.NotFound is now also listed with 400.
    let others: Vec<_> = summary(&d).into_iter().filter(|c| c.0 != "param-type-changed").collect();
    assert_eq!(
        others,
        [(
            "error-status-changed".to_owned(),
            "InvalidSecurityGroupId.NotFound".to_owned(),
            None,
            false,
            false
        )]
    );
}

#[test]
fn may_2019_respells_indices_and_retypes_two_params() {
    let Some(pages) = history() else { return };
    let d = diff(&pages, "14_", "15_");
    let got = summary(&d);
    let has = |kind: &str, name: &str, old: Option<&str>, wire: bool, semver: bool| {
        got.contains(&(kind.to_owned(), name.to_owned(), old.map(str::to_owned), wire, semver))
    };
    assert!(has("param-renamed", "DataDisk.N.Size", Some("DataDisk.n.Size"), false, false));
    assert!(has("param-renamed", "Tag.N.Key", Some("Tag.n.Key"), false, false));
    assert!(has("param-type-changed", "Amount", None, true, true));
    assert!(has("param-type-changed", "LaunchTemplateVersion", None, true, true));
    assert!(has("param-added (optional)", "DataDisk.N.KMSKeyId", None, false, false));
    // `Action` flips from required to optional in this update: the client sends it anyway.
    assert!(got.iter().all(|c| c.1 != "Action"));
}

#[test]
fn the_june_2019_revert_is_flagged() {
    let Some(pages) = history() else { return };
    let apis: Vec<Api> = pages.iter().map(|p| parse(p)).collect();
    let steps = steps(&pages, &apis);
    assert_eq!(flagged(&steps), REVERTS);
    let revert = steps[15].diff.revert.as_ref().unwrap();
    assert!(revert.undone * 10 >= revert.previous_changes * 9, "{revert:?}");
    insta::assert_snapshot!("revert_2019_06_14", structure(&steps[15].diff));
}

#[test]
fn markdown_snapshots() {
    let Some(pages) = history() else { return };
    // One pair of each kind of update.
    for (old, new, name) in [
        ("01_", "02_", "required_to_optional_and_removed_2018_07_03"),
        ("02_", "03_", "params_added_2018_07_12"),
        ("14_", "15_", "respelled_and_retyped_2019_05_22"),
        ("19_", "20_", "errors_removed_2020_09_29"),
        ("28_", "29_", "param_and_errors_added_2021_04_09"),
        ("31_", "32_", "repeat_list_to_string_2021_06_11"),
    ] {
        insta::assert_snapshot!(name, structure(&diff(&pages, old, new)));
    }
}
